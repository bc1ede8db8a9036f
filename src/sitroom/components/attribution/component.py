"""The attribution spaCy component and its factory."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom import layers
from sitroom.components.attribution.actor_index import outlet_actor
from sitroom.components.attribution.document import DocumentAttribution
from sitroom.components.attribution.finder import CueWords
from sitroom.components.attribution.records import Outlet, RecordBuilder
from sitroom.knowledge.reporting import reporting_lexicon
from sitroom.layers import doc_text


class AttributionComponent:
    """Sets ``doc._.attributions``, ``doc._.quotes`` and ``doc._.claims``."""

    def __init__(self) -> None:
        self.cue_words = CueWords(reporting_lexicon())

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        actors = list(doc._.actors or [])
        name = document.outlet if document is not None else None
        outlet = Outlet(name, outlet_actor(actors, name))
        text = doc_text(doc)
        found = DocumentAttribution(doc, actors, self.cue_words).run()
        result = RecordBuilder(text, outlet, self.cue_words.lexicon).build(found)
        doc._.attributions, doc._.quotes, doc._.claims = result.attributions, result.quotes, result.claims
        return doc


@Language.factory("sitroom_attribution")
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    """spaCy factory of the attribution layer."""
    layers.register_extensions()
    return AttributionComponent()
