"""The Doc extensions the layers share."""

import spacy

from sitroom.layers import doc_text


def test_doc_text_is_the_docs_text_joined_once() -> None:
    doc = spacy.blank("en")("Shelling hit  Douma.\n\nTwo died.")
    assert doc.text is not doc.text  # spaCy joins the tokens on every read
    first = doc_text(doc)
    assert first == doc.text
    assert doc_text(doc) is first
