"""What the layers share: the Doc text joined once, and a built pipeline the collector leaves alone."""

import gc

import spacy
from spacy.language import Language

from sitroom.layers import doc_text


def test_doc_text_is_the_docs_text_joined_once() -> None:
    doc = spacy.blank("en")("Shelling hit  Douma.\n\nTwo died.")
    assert doc.text is not doc.text  # spaCy joins the tokens on every read
    first = doc_text(doc)
    assert first == doc.text
    assert doc_text(doc) is first


def test_the_built_pipeline_is_left_out_of_the_collectors_passes(nlp: Language) -> None:
    assert gc.get_freeze_count() > 0
