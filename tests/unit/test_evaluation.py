"""Arithmetic of the scorer on hand-made gold, and the seed gold scored against empty and perfect records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from sitroom.evaluation import (
    Counts,
    EvalReport,
    GoldDocument,
    GoldSet,
    distance_km,
    load_gold,
    locate,
    score,
)
from sitroom.record import (
    Actor,
    Agreement,
    Claim,
    Event,
    Framing,
    Place,
    Provision,
    Quote,
    Record,
    Span,
)

SEED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "seed.json"

TEXT = (
    "The United States met Iran in Geneva. "
    "Washington said the regime in Tehran lied, and the US called it the regime. "
    "Praise be to Allah, said Iran."
)


def span(needle: str, nth: int = 0, text: str = TEXT) -> Span:
    """The ``nth`` occurrence of ``needle`` in ``text`` as a Span."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(text=needle, start=start, end=start + len(needle))


def actor(actor_id: str, *mentions: Span) -> Actor:
    return Actor(id=actor_id, name=mentions[0].text, kind="state", mentions=list(mentions))


def place(place_id: str, *mentions: Span, **where: object) -> Place:
    return Place.model_validate({"id": place_id, "name": mentions[0].text, "mentions": mentions, **where})


def gold_document(**sections: object) -> GoldDocument:
    base: dict[str, object] = {
        "id": "doc",
        "text_file": "doc.txt",
        "text": TEXT,
        "actors": [
            {
                "id": "US",
                "name": "United States",
                "kind": "state",
                "mentions": ["the United States", "Washington", "US"],
            },
            {"id": "IRN", "name": "Iran", "kind": "state", "mentions": ["Iran", "Tehran"]},
        ],
    }
    return GoldDocument.model_validate(base | sections)


def score_one(document: GoldDocument, **sections: object) -> EvalReport:
    record = Record.model_validate({"id": document.id, **sections})
    return score(GoldSet(documents=[document]), {document.id: record})


def counts(report: EvalReport, section: str) -> tuple[int, int, int]:
    found = report.sections[section]
    return found.tp, found.fp, found.fn


# --- actors ------------------------------------------------------------------------------------

SPLIT_AND_MERGED_ACTORS = [
    actor("a1", span("United States"), span("Washington")),
    actor("a2", span("Iran"), span("US")),  # a false merge: Iran and the United States
    actor("a3", span("Tehran")),  # Iran again, split from a2
    actor("a4", span("Geneva")),  # not an actor in the gold
]


def test_actor_counts_follow_one_to_one_matching() -> None:
    report = score_one(gold_document(), actors=SPLIT_AND_MERGED_ACTORS)
    # a1 -> US (2 shared mentions), a2 -> IRN (US already taken), a3 and a4 unmatched.
    assert counts(report, "actors") == (2, 2, 0)
    actors = report.sections["actors"]
    assert actors.precision == 0.5
    assert actors.recall == 1.0
    assert actors.f1 == pytest.approx(2 / 3)


def test_alias_merge_and_false_merges() -> None:
    report = score_one(gold_document(), actors=SPLIT_AND_MERGED_ACTORS)
    # US: {united states, washington, us} found -> 3 pairs, only (united states, washington) together.
    # IRN: {iran, tehran} found -> 1 pair, held apart.
    assert (report.ratios["actor_alias_merge"].hits, report.ratios["actor_alias_merge"].total) == (1, 4)
    assert report.errors["actor_false_merges"] == 1


def test_mentions_match_by_light_normalisation_or_exact_offsets() -> None:
    mangled_at_gold_offsets = Span(text="u-s", start=span("US").start, end=span("US").end)
    mangled_elsewhere = Span(text="u-s", start=0, end=3)
    report = score_one(
        gold_document(),
        actors=[
            actor("a1", Span(text="THE  united states", start=0, end=17)),
            actor("a2", mangled_at_gold_offsets),
            actor("a3", mangled_elsewhere),
        ],
    )
    # a1 and a2 both hold US mentions: a1 wins the match, a2 is a duplicate; a3 matches nothing.
    assert counts(report, "actors") == (1, 2, 1)
    assert report.ratios["actor_alias_merge"].total == 1


def test_optional_actor_earns_and_costs_nothing() -> None:
    document = gold_document(
        actors=[
            {"id": "US", "name": "United States", "kind": "state", "mentions": ["US"]},
            {"id": "GVA", "name": "Geneva", "kind": "other", "mentions": ["Geneva"], "optional": True},
            {"id": "ALLAH", "name": "Allah", "kind": "religious", "mentions": ["Allah"], "optional": True},
        ]
    )
    report = score_one(document, actors=[actor("a1", span("US")), actor("a2", span("Geneva"))])
    assert counts(report, "actors") == (1, 0, 0)


def kinded(actor_id: str, kind: str, *mentions: Span) -> Actor:
    return actor(actor_id, *mentions).model_copy(update={"kind": kind})


def test_actor_kind_accuracy_over_matched_required_pairs() -> None:
    document = gold_document(
        actors=[
            {"id": "US", "name": "United States", "kind": "state", "mentions": ["US", "Washington"]},
            {"id": "IRN", "name": "Iran", "kind": "state", "mentions": ["Iran"]},
            {"id": "REG", "name": "the regime", "kind": "government", "mentions": ["the regime"]},
            {"id": "GVA", "name": "Geneva", "kind": "other", "mentions": ["Geneva"], "optional": True},
            {"id": "ALLAH", "name": "Allah", "kind": "out_of_scope", "mentions": ["Allah"]},
        ]
    )
    system = [
        kinded("a1", "state", span("US")),  # right kind
        kinded("a2", "government", span("Washington")),  # duplicate of US: unmatched, not judged
        kinded("a3", "armed_group", span("Iran")),  # wrong kind
        kinded("a4", "person", span("Geneva")),  # optional gold: not judged
        kinded("a5", "religious", span("Allah")),  # out-of-scope gold: not judged
        kinded("a6", "government", span("Tehran")),  # matches no gold actor
    ]
    ratio = score_one(document, actors=system).ratios["actor_kind_accuracy"]
    # REG is missed, so only US (right) and IRN (wrong) are judged.
    assert (ratio.hits, ratio.total) == (1, 2)
    assert ratio.rate == 0.5


def test_actor_kind_accuracy_sums_over_documents_and_is_none_without_pairs() -> None:
    records = {
        "one": Record(id="one", actors=[kinded("a1", "state", span("US")), kinded("a2", "state", span("Iran"))]),
        "two": Record(id="two", actors=[kinded("a1", "armed_group", span("Tehran"))]),
        "three": Record(id="three", actors=[kinded("a1", "state", span("Geneva"))]),
    }
    documents = [gold_document(id=name) for name in records]
    report = score(GoldSet(documents=documents), records)
    ratio = report.ratios["actor_kind_accuracy"]
    assert (ratio.hits, ratio.total) == (2, 3)
    assert report.to_dict()["ratios"]["actor_kind_accuracy"] == {"rate": pytest.approx(2 / 3), "hits": 2, "total": 3}
    assert score_one(gold_document(), actors=[]).ratios["actor_kind_accuracy"].rate is None


def test_out_of_scope_place_found_is_a_false_positive() -> None:
    document = gold_document(
        places=[
            {
                "id": "GVA",
                "name": "Geneva",
                "country": "CH",
                "feature": "city",
                "lat": 46.2,
                "lon": 6.15,
                "mentions": ["Geneva"],
            },
            {
                "id": "NOT_ALLAH",
                "name": "Allah",
                "kind": "out_of_scope",
                "mentions": ["Allah"],
                "note": "not a place",
            },
        ]
    )
    report = score_one(document, places=[place("p1", span("Geneva")), place("p2", span("Allah"))])
    assert counts(report, "places") == (1, 1, 0)
    assert report.sections["places"].precision == 0.5


def test_places_resolved_by_distance_or_country_and_admin1() -> None:
    text = "Fighting in Geneva, in Syria and in Aleppo Province."
    document = gold_document(
        text=text,
        actors=[],
        places=[
            {
                "id": "GVA",
                "name": "Geneva",
                "feature": "city",
                "lat": 46.2,
                "lon": 6.15,
                "mentions": ["Geneva"],
            },
            {"id": "SY", "name": "Syria", "country": "SY", "feature": "country", "mentions": ["Syria"]},
            {
                "id": "ALP",
                "name": "Aleppo Governorate",
                "country": "SY",
                "admin1": "Aleppo",
                "feature": "admin1",
                "mentions": ["Aleppo Province"],
            },
            {"id": "NOWHERE", "name": "Nowhere", "feature": "village", "mentions": ["Nowhere"]},
        ],
    )
    near_geneva = place("p1", span("Geneva", text=text), lat=46.3, lon=6.2)  # about 12 km away
    wrong_country = place("p2", span("Syria", text=text), country="IQ")
    aleppo = place("p3", span("Aleppo Province", text=text), country="sy", admin1="Al Aleppo Governorate")
    report = score_one(document, places=[near_geneva, wrong_country, aleppo])
    # "Nowhere" has neither coordinates nor an area feature: it cannot be checked.
    assert (report.ratios["places_resolved"].hits, report.ratios["places_resolved"].total) == (2, 3)
    assert counts(report, "places") == (3, 0, 1)


def test_distance_km() -> None:
    assert distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.01)
    assert distance_km(36.2, 37.6, 36.2, 37.6) == 0.0


# --- events, quotes, claims ------------------------------------------------------------------


def event(event_id: str, type_: str, source: list[str], target: list[str], **extra: object) -> Event:
    evidence = span("United States")
    return Event.model_validate(
        {"id": event_id, "type": type_, "source": source, "target": target, "evidence": evidence, **extra}
    )


def test_events_align_system_actors_to_gold_actors() -> None:
    document = gold_document(
        places=[{"id": "GVA", "name": "Geneva", "mentions": ["Geneva"], "lat": 46.2, "lon": 6.15}],
        events=[
            {"type": "ACCUSE", "source": ["US"], "target": ["IRN"], "place": "GVA", "date": "2014-01"},
            {"type": "CONSULT", "source": ["US"], "target": ["IRN"], "date": "2014-01-15"},
            {"type": "THREATEN", "source": ["IRN"], "target": ["US"], "optional": True},
        ],
    )
    report = score_one(
        document,
        actors=SPLIT_AND_MERGED_ACTORS,
        places=[place("p1", span("Geneva"))],
        events=[
            # a3 is not matched one-to-one but shares its only mention with IRN.
            event("e1", "ACCUSE", ["a1"], ["a3"], place="p1", date="2014-01-20"),
            event("e2", "CONSULT", ["a1"], ["a2", "a4"], date="2014"),  # overlapping target: a match
            event("e3", "THREATEN", ["a2"], ["a1"]),  # the optional one
            event("e4", "ASSAULT", ["a1"], ["a2"]),  # no such gold event
        ],
    )
    assert counts(report, "events") == (2, 1, 0)
    assert report.ratios["event_arguments_exact"].to_dict() == {"rate": 0.5, "hits": 1, "total": 2}
    assert (report.ratios["event_place"].hits, report.ratios["event_place"].total) == (1, 1)
    # "2014-01-20" is at least as precise as "2014-01"; "2014" is less precise than "2014-01-15".
    assert (report.ratios["event_date"].hits, report.ratios["event_date"].total) == (1, 2)


def test_event_with_wrong_type_or_disjoint_actors_does_not_match() -> None:
    document = gold_document(events=[{"type": "ACCUSE", "source": ["US"], "target": ["IRN"]}])
    report = score_one(
        document,
        actors=SPLIT_AND_MERGED_ACTORS[:2],
        events=[event("e1", "ACCUSE", ["a2"], ["a1"]), event("e2", "REJECT", ["a1"], ["a2"])],
    )
    assert counts(report, "events") == (0, 2, 1)


def quote(speaker: str | None, needle: str, nth: int = 0) -> Quote:
    found = span(needle, nth)
    return Quote(speaker=speaker, text=found.text, start=found.start, end=found.end, direct=True)


def test_quotes_need_speaker_and_text_overlap() -> None:
    document = gold_document(
        quotes=[
            {"speaker": "US", "starts_with": "the regime in Tehran lied"},
            {"speaker": "IRN", "starts_with": "Praise be to Allah"},
        ]
    )
    report = score_one(
        document,
        actors=SPLIT_AND_MERGED_ACTORS,
        quotes=[
            quote("a1", "said the regime in Tehran lied, and"),  # contains the first words
            quote("a1", "Praise be"),  # overlaps the second quote, but the wrong speaker
        ],
    )
    assert counts(report, "quotes") == (1, 1, 1)
    assert counts(report, "quotes_text_only") == (2, 0, 0)


def claim(chain: list[str], needle: str) -> Claim:
    found = span(needle)
    return Claim(text=found.text, start=found.start, end=found.end, source_chain=chain)


def test_claims_match_on_innermost_source() -> None:
    document = gold_document(
        actors=[
            *gold_document().actors,
            {"id": "OUT", "name": "The outlet", "kind": "media", "mentions": ["outlet"]},
        ],
        claims=[
            {"source_chain": ["OUT", "US"], "starts_with": "the regime in Tehran lied"},
            {"source_chain": ["OUT", "US"], "starts_with": "called it the regime"},
            {"source_chain": ["OUT"], "starts_with": "The United States met Iran"},
        ],
    )
    report = score_one(
        document,
        actors=SPLIT_AND_MERGED_ACTORS,
        claims=[
            claim(["a1"], "the regime in Tehran lied"),  # innermost right, chain incomplete
            claim(["zz", "a1"], "called it the regime"),  # innermost right, outer id unknown
            claim(["a2"], "The United States met Iran"),  # innermost wrong
        ],
    )
    assert counts(report, "claims") == (2, 1, 1)
    assert counts(report, "claims_text_only") == (3, 0, 0)
    assert (report.ratios["claim_chain_exact"].hits, report.ratios["claim_chain_exact"].total) == (0, 2)


# --- agreements, framing ---------------------------------------------------------------------


def provision(number: int, type_: str) -> Provision:
    return Provision.model_validate({"n": number, "type": type_, "text": "", "start": 0, "end": 0})


def test_agreement_roles_and_provisions() -> None:
    document = gold_document(
        agreements=[
            {
                "kind": "truce",
                "parties": ["US", "IRN"],
                "signatories": ["US"],
                "implementers": [],
                "provisions": [
                    {"n": 1, "type": "ceasefire"},
                    {"n": 2, "type": "withdrawal"},
                    {"n": 3, "type": "monitoring", "optional": True},
                ],
            }
        ]
    )
    system_agreement = Agreement(
        id="g1",
        kind="truce",
        parties=["a1", "a2"],
        signatories=["a1", "a3"],
        provisions=[provision(1, "ceasefire"), provision(2, "movement"), provision(3, "monitoring")],
    )
    report = score_one(document, actors=SPLIT_AND_MERGED_ACTORS, agreements=[system_agreement])
    assert counts(report, "agreements") == (1, 0, 0)
    assert counts(report, "agreement_parties") == (2, 0, 0)
    assert counts(report, "agreement_signatories") == (1, 1, 0)
    assert counts(report, "agreement_implementers") == (0, 0, 0)
    assert report.ratios["agreement_parties_exact"].rate == 1.0
    assert report.ratios["agreement_signatories_exact"].rate == 0.0
    assert report.ratios["agreement_implementers_exact"].rate == 1.0
    assert counts(report, "agreement_provisions") == (1, 1, 1)


def test_agreement_mediators_kind_status_and_pooled_roles() -> None:
    document = gold_document(
        agreements=[
            {"kind": "ceasefire", "status": "violated", "parties": ["US"], "mediators": ["IRN"], "guarantors": []},
            {"kind": "truce", "parties": [], "provisions": [{"n": 1, "type": "evacuation"}]},
        ]
    )
    mediated = Agreement(
        id="g1", kind="ceasefire", status="collapsed", parties=["a1"], mediators=["a3"], monitors=["a4"]
    )
    other = Agreement(id="g2", kind="agreement", mediators=["a4"], provisions=[provision(7, "evacuation")])
    report = score_one(document, actors=SPLIT_AND_MERGED_ACTORS, agreements=[mediated, other])
    assert counts(report, "agreements") == (2, 0, 0)
    assert counts(report, "agreement_mediators") == (1, 0, 0)  # the truce's mediators are not annotated: a4 aside
    assert counts(report, "agreement_monitors") == (0, 0, 0)  # monitors are not annotated: not scored
    assert counts(report, "agreement_roles") == (2, 0, 0)
    assert report.ratios["agreement_kind"].to_dict() == {"rate": 0.5, "hits": 1, "total": 2}
    assert report.ratios["agreement_status"].to_dict() == {"rate": 0.0, "hits": 0, "total": 1}
    assert counts(report, "agreement_provision_types") == (1, 0, 0)  # by type, whatever the number


def test_missed_agreement_misses_all_its_roles_and_provisions() -> None:
    document = gold_document(
        agreements=[{"kind": "truce", "parties": ["US", "IRN"], "provisions": [{"n": 1, "type": "ceasefire"}]}]
    )
    report = score_one(document)
    assert counts(report, "agreements") == (0, 0, 1)
    assert counts(report, "agreement_parties") == (0, 0, 2)
    assert counts(report, "agreement_provisions") == (0, 0, 1)
    assert report.ratios["agreement_parties_exact"].to_dict() == {"rate": 0.0, "hits": 0, "total": 1}


def framing(needle: str, technique: str, nth: int = 0) -> Framing:
    found = span(needle, nth)
    return Framing.model_validate({"text": found.text, "start": found.start, "end": found.end, "technique": technique})


def test_framing_span_overlap_with_same_technique() -> None:
    document = gold_document(
        framing=[
            {"text": "the regime", "technique": "Name_Calling,Labeling"},
            {"text": "lied", "technique": "Loaded_Language"},
            {"text": "Praise be to Allah", "technique": "Slogans", "optional": True},
        ]
    )
    report = score_one(
        document,
        framing=[
            framing("regime", "Name_Calling,Labeling"),  # overlaps the first occurrence
            framing("the regime", "Name_Calling,Labeling", nth=1),  # the second occurrence: not counted
            framing("lied", "Doubt"),  # right span, wrong technique
            framing("Allah", "Slogans"),  # the optional item
            framing("met Iran", "Loaded_Language"),  # nothing there
        ],
    )
    assert counts(report, "framing") == (1, 2, 1)


def test_locate_finds_whole_words_ignoring_case_and_spacing() -> None:
    assert locate("US troops, thus USA and us", "US") == [(0, 2), (24, 26)]
    assert locate("the  Shiite\nregime", "Shiite regime") == [(5, 18)]
    assert locate('of "Israel", Israel', '"Israel"') == [(3, 11)]


# --- report and gold loading -----------------------------------------------------------------


def test_counts_with_empty_denominators() -> None:
    assert Counts().precision is None and Counts().f1 is None
    assert Counts(tp=0, fp=0, fn=3).f1 == 0.0


def test_micro_average_sums_counts_over_documents() -> None:
    first = gold_document(id="one")
    second = gold_document(id="two")
    records = {
        "one": Record(id="one", actors=[actor("a1", span("US")), actor("a2", span("Iran"))]),
        "two": Record(id="two", actors=[actor("a1", span("Geneva"))]),
    }
    report = score(GoldSet(documents=[first, second]), records)
    assert report.documents == 2
    assert counts(report, "actors") == (2, 1, 2)
    assert report.sections["actors"].precision == pytest.approx(2 / 3)
    assert report.sections["actors"].recall == 0.5


def write_gold(folder: Path, documents: list[dict[str, object]]) -> Path:
    (folder / "texts").mkdir()
    (folder / "texts" / "doc.txt").write_text(TEXT, encoding="utf-8")
    gold_path = folder / "gold.json"
    gold_path.write_text(json.dumps({"documents": documents}), encoding="utf-8")
    return gold_path


def test_load_gold_resolves_text_file_and_tolerates_notes(tmp_path: Path) -> None:
    gold_path = write_gold(
        tmp_path,
        [
            {
                "id": "doc",
                "text_file": "texts/doc.txt",
                "note": "free text",
                "actors": [{"id": "US", "name": "US", "kind": "state", "mentions": ["US"], "note": "x"}],
            }
        ],
    )
    gold = load_gold(gold_path)
    assert gold.documents[0].text == TEXT
    assert gold.documents[0].text_file == (tmp_path / "texts" / "doc.txt").resolve()


@pytest.mark.parametrize(
    "document",
    [
        {"id": "doc", "text_file": "texts/doc.txt", "events": [{"type": "ACCUSE", "source": ["NOBODY"]}]},
        {
            "id": "doc",
            "text_file": "texts/doc.txt",
            "actors": [{"id": "US", "kind": "state", "mentions": ["US"]}],
        },
        {"id": "doc", "text_file": "texts/doc.txt", "framing": [{"text": "x", "technique": "Sarcasm"}]},
        {"id": "doc", "text_file": "texts/missing.txt"},
    ],
)
def test_malformed_gold_raises_value_error_naming_the_file(tmp_path: Path, document: dict[str, object]) -> None:
    gold_path = write_gold(tmp_path, [document])
    with pytest.raises(ValueError, match=r"gold\.json"):
        load_gold(gold_path)


def test_invalid_json_raises_value_error(tmp_path: Path) -> None:
    gold_path = tmp_path / "broken.json"
    gold_path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json"):
        load_gold(gold_path)


# --- the seed gold -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_gold() -> GoldSet:
    return load_gold(SEED_GOLD)


def test_seed_gold_strings_all_occur_in_the_text(seed_gold: GoldSet) -> None:
    assert score(seed_gold, {}).warnings == []


def test_seed_scored_against_an_empty_record_has_zero_recall(seed_gold: GoldSet) -> None:
    report = score(seed_gold, {})
    for name in ("actors", "places", "events", "quotes", "claims", "agreements", "framing"):
        assert report.sections[name].recall == 0.0, name
        assert report.sections[name].fp == 0
    json.dumps(report.to_dict())


def perfect_record(document: GoldDocument) -> Record:
    """A system output rebuilt from the gold: every occurrence of every gold string, gold ids as ids."""
    text = document.text

    def spans(strings: list[str]) -> list[Span]:
        found = {(start, end) for string in strings for start, end in locate(text, string)}
        return [Span(text=text[start:end], start=start, end=end) for start, end in sorted(found)]

    def first(string: str) -> Span:
        return spans([string])[0]

    evidence = Span(text=text[:5], start=0, end=5)
    return Record(
        id=document.id,
        actors=[
            Actor(id=a.id, name=a.name, kind=a.kind, mentions=spans(a.mentions))
            for a in document.actors
            if a.kind != "out_of_scope"
        ],
        places=[
            Place(
                id=p.id,
                name=p.name,
                country=p.country,
                admin1=p.admin1,
                lat=p.lat,
                lon=p.lon,
                feature=p.feature,
                mentions=spans(p.mentions),
            )
            for p in document.places
            if p.kind != "out_of_scope"
        ],
        events=[
            Event.model_validate(e.model_dump(exclude={"optional", "status"}) | {"id": f"e{n}", "evidence": evidence})
            for n, e in enumerate(document.events)
        ],
        quotes=[Quote(speaker=q.speaker, direct=True, **first(q.starts_with).model_dump()) for q in document.quotes],
        claims=[Claim(source_chain=c.source_chain, **first(c.starts_with).model_dump()) for c in document.claims],
        agreements=[
            Agreement(
                id=f"g{n}",
                kind=g.kind,
                parties=g.parties,
                signatories=g.signatories,
                implementers=g.implementers,
                place=g.place,
                date=g.date,
                provisions=[provision(p.n, p.type) for p in g.provisions],
            )
            for n, g in enumerate(document.agreements)
        ],
        framing=[
            Framing(technique=f.technique, **found.model_dump()) for f in document.framing for found in spans([f.text])
        ],
    )


def test_seed_scored_against_its_own_gold_is_perfect(seed_gold: GoldSet) -> None:
    records = {document.id: perfect_record(document) for document in seed_gold.documents}
    report = score(seed_gold, records)
    for name in (
        "actors",
        "places",
        "events",
        "quotes",
        "claims",
        "agreements",
        "framing",
        "agreement_provisions",
    ):
        assert report.sections[name].precision == 1.0, name
        assert report.sections[name].recall == 1.0, name
    assert report.errors == {"actor_false_merges": 0, "place_false_merges": 0}
    for name, ratio in report.ratios.items():
        assert ratio.rate == (None if name == "agreement_status" else 1.0), name  # the seed gold has no status
    assert report.ratios["places_resolved"].total == 9


def test_seed_allah_as_a_place_is_a_false_positive(seed_gold: GoldSet) -> None:
    document = seed_gold.documents[0]
    perfect = perfect_record(document)
    allah = locate(document.text, "Allah")
    places = [
        *perfect.places,
        Place(id="allah", name="Allah", mentions=[Span(text="Allah", start=s, end=e) for s, e in allah]),
    ]
    report = score(seed_gold, {document.id: perfect.model_copy(update={"places": places})})
    assert counts(report, "places") == (9, 1, 0)


def test_report_table_and_dict(seed_gold: GoldSet) -> None:
    report = score(seed_gold, {})
    console = Console(width=120, record=True)
    console.print(report.to_table())
    rendered = console.export_text()
    assert "actor alias merge" in rendered and "agreement provisions" in rendered
    assert "actor kind accuracy" in rendered
    assert report.to_dict()["ratios"]["actor_kind_accuracy"] == {"rate": None, "hits": 0, "total": 0}
    assert report.to_dict()["sections"]["actors"] == {
        "precision": None,
        "recall": 0.0,
        "f1": 0.0,
        "tp": 0,
        "fp": 0,
        "fn": 21,
    }
