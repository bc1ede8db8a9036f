"""Attribution: direct and indirect quotes with their speakers, and claims with their source chains.

A claim's ``source_chain`` runs from the outermost reporter (the document's outlet, when it is an actor) to
the innermost source. A named source that reports in the present tense ("Debka says that ...") runs on over
the following sentences until another attribution, a heading, or ``MAX_CARRY`` sentences without a fresh
cue. Anonymous attributions ("It is reported that", "sources said") keep only the outlet and are hedged.
"""

from sitroom.components.attribution.actor_index import outlet_actor
from sitroom.components.attribution.component import AttributionComponent, make_attribution
from sitroom.components.attribution.document import DocumentAttribution
from sitroom.components.attribution.quotes import quote_spans
from sitroom.components.attribution.text_geometry import is_heading

__all__ = [
    "AttributionComponent",
    "DocumentAttribution",
    "is_heading",
    "make_attribution",
    "outlet_actor",
    "quote_spans",
]
