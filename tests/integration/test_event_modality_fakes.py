"""On 100 FA-KES articles, no event whose own verb is future or conditional is marked "occurred".

The full pipeline runs on the articles; each event is paired with its trigger (the drafts the events
layer numbers into events), and the cue is looked up in the parse: an auxiliary or a conditional
conjunction of the event's verb (or of the verbs it is the complement / coordinated predicate of),
or a governing verb of intention ("plans to", "threatens to", "is going to").
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom.components.events import build_context, draft_events, event_verb
from sitroom.knowledge.event_lexicon import load_event_lexicon
from tests.conftest import fakes_documents

ARTICLES = 100
MODAL_CUES = frozenset({"will", "would", "shall", "'ll", "'d", "wo", "could", "might", "may", "should"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
INTENTION_HEADS = frozenset({"plan", "intend", "threaten", "vow"})


def governing_verbs(verb: Token) -> Iterator[Token]:
    """``verb`` and the verbs it depends on as a complement or as a coordinated predicate without a subject."""
    yield verb
    while verb.dep_ in {"xcomp", "conj"} and verb.head.i != verb.i:
        if verb.dep_ == "conj" and any(child.dep_ in {"nsubj", "nsubjpass"} for child in verb.children):
            return
        verb = verb.head
        yield verb


def modal_cue(trigger: Token) -> str | None:
    """The future / conditional cue governing the event's verb, if any."""
    verb = event_verb(trigger)
    if verb is None:
        return None
    for current in governing_verbs(verb):
        for child in current.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in MODAL_CUES:
                return child.lower_
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return child.lower_
        head = current.head
        if current.dep_ == "xcomp" and (
            head.lemma_.lower() in INTENTION_HEADS
            or (head.lower_ == "going" and any(c.lower_ == "to" for c in current.children))
        ):
            return f"{head.lower_} to"
    return None


@pytest.fixture(scope="module")
def fakes_docs(nlp: Language) -> list[Doc]:
    documents = fakes_documents(ARTICLES)
    docs = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.document = document
        docs.append(doc)
    # The events pair with their drafts on the actors the events layer saw: the layers after it run off
    # (the agreements layer completes the actors with the role fillers it resolves itself).
    with nlp.select_pipes(disable=["sitroom_agreements", "sitroom_framing"]):
        return list(nlp.pipe(docs))


def modal_events_marked_occurred(doc: Doc) -> list[str]:
    """Descriptions of events of ``doc`` whose verb carries a modal cue yet whose status is "occurred"."""
    drafts = draft_events(build_context(doc), load_event_lexicon())
    events = doc._.events or []
    assert [draft.sense.type for draft in drafts] == [event.type for event in events]
    found = []
    for draft, event in zip(drafts, events, strict=True):
        cue = modal_cue(draft.trigger)
        if cue is not None and event.status == "occurred":
            found.append(f"{event.type} '{draft.trigger.text}' ({cue}): {event.evidence.text[:160]}")
    return found


def test_the_articles_have_modal_events(fakes_docs: list[Doc]) -> None:
    """The check is not vacuous: the sample holds future / conditional events."""
    lexicon = load_event_lexicon()
    modal = [
        draft
        for doc in fakes_docs
        for draft in draft_events(build_context(doc), lexicon)
        if modal_cue(draft.trigger) is not None
    ]
    assert len(modal) >= 10


def test_no_future_or_conditional_event_is_marked_occurred(fakes_docs: list[Doc]) -> None:
    offending = [item for doc in fakes_docs for item in modal_events_marked_occurred(doc)]
    assert offending == []


def test_the_cue_must_govern_the_event_verb(nlp: Language) -> None:
    """A cue in another clause of the sentence does not count; one on the event's verb does."""
    doc = nlp("Rebels shelled the town on Monday, and officials said they would investigate.")
    shelled = next(token for token in doc if token.lower_ == "shelled")
    investigate = next(token for token in doc if token.lower_ == "investigate")
    assert modal_cue(shelled) is None
    assert modal_cue(investigate) == "would"
