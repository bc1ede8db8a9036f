"""The agreements layer: ceasefires, truces, cessations of hostilities, de-escalation zones, evacuation and
reconciliation deals, exchanges and memoranda, announced or mentioned in passing, as living records.

For each agreement the layer gives its kind, its actors by role (parties, signatories, representatives,
mediators, guarantors, monitors, implementers, and who it leaves out), each with the sentence that says
so; its stages over time (proposed, agreed, in force, violated, suspended, extended, collapsed) with their
dates, who acted and the events that violate it; its start and end, end reason, duration, sidedness,
written or verbal form, the places it covers, and its provisions typed by the taxonomy of
``knowledge/data/AGREEMENTS.md``.

Modules, in the order they run: ``context`` (what the layer reads, indexed), ``detection`` (mentions),
``fillers`` and ``roles`` (who), ``status`` (stages), ``provisions`` and ``attributes`` (what, where, how
long), ``grouping`` (which mentions are one agreement), ``passages`` (an agreement's text when a document
sets it out), ``event_links`` (AGREE events and violations), ``component`` (assembly, the spaCy factory).
Every step looks only at the words around an agreement mention, so the layer is linear in the document.
"""

from sitroom.components.agreements.component import AgreementsComponent, extract_agreements, make_agreements_component
from sitroom.components.agreements.provisions import numbered_clauses

__all__ = ["AgreementsComponent", "extract_agreements", "make_agreements_component", "numbered_clauses"]
