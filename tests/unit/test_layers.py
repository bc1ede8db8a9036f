"""What the layers share: the Doc text joined once, and a built pipeline the collector leaves alone."""

import gc

import spacy
from spacy.language import Language

from sitroom.layers import doc_text, span_text, tokens_text


def test_doc_text_is_the_docs_text_joined_once() -> None:
    doc = spacy.blank("en")("Shelling hit  Douma.\n\nTwo died.")
    assert doc.text is not doc.text  # spaCy joins the tokens on every read
    first = doc_text(doc)
    assert first == doc.text
    assert doc_text(doc) is first


def test_token_and_span_texts_are_those_spacy_joins() -> None:
    doc = spacy.blank("en")("Shelling hit  Douma , then\nAleppo.")
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            assert tokens_text(doc, start, end) == doc[start:end].text
            assert span_text(doc[start:end]) == doc[start:end].text
    assert tokens_text(doc, 3, len(doc) + 5) == doc[3:].text  # an end past the last token stops there


def test_the_built_pipeline_is_left_out_of_the_collectors_passes(nlp: Language) -> None:
    assert gc.get_freeze_count() > 0
