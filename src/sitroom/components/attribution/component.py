"""The attribution spaCy component and its factory."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom import layers
from sitroom.components.attribution.document import DocumentAttribution


class AttributionComponent:
    """Sets ``doc._.quotes`` and ``doc._.claims``."""

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        outlet = document.outlet if document is not None else None
        doc._.quotes, doc._.claims = DocumentAttribution(doc, list(doc._.actors or []), outlet).run()
        return doc


@Language.factory("sitroom_attribution")
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    """spaCy factory of the attribution layer."""
    layers.register_extensions()
    return AttributionComponent()
