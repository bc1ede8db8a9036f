"""Outlet profiles: framing in the outlet's own voice and in quoted sources', and claims from unnamed sources."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.framing_profile import UNTARGETED, framing_profile
from sitroom.record import Claim, Framing, Record, SourceHop
from sitroom.store import browse
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records

TEXT = 'Activists said the thugs shelled the town. "The thugs fled," a mayor said. The regime thugs left.'


def record(doc_id: str) -> tuple[Document, Record]:
    def claim(text: str, anonymous: bool) -> Claim:
        start = TEXT.index(text)
        hop = SourceHop(name="Activists" if anonymous else "a mayor", type="collective", anonymous=anonymous)
        return Claim(text=text, start=start, end=start + len(text), source_chain=[], chain=[hop], anonymous=anonymous)

    thugs = [i for i in range(len(TEXT)) if TEXT.startswith("thugs", i)]
    framing = [
        Framing(text="thugs", start=at, end=at + 5, technique="Name_Calling,Labeling", voice=voice)
        for at, voice in zip(thugs, ("attributed", "attributed", "outlet"), strict=True)
    ]
    claims = [claim("the thugs shelled the town", True), claim("The thugs fled", False)]
    text = f"{TEXT} {doc_id}"
    return Document(id=doc_id, text=text, outlet="Valley Daily"), Record(
        id=doc_id, outlet="Valley Daily", claims=claims, framing=framing
    )


def test_outlet_profile_tells_voices_and_unnamed_sources(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [record("one"), record("two")])
    with Session(engine) as session:
        profile = browse.get_outlet(session, "Valley Daily")
    assert profile is not None
    assert profile["framing_voice"] == {"own": 2, "quoted": 4}
    assert profile["claim_sources"] == {"claims": 4, "unnamed": 2, "unnamed_share": 0.5}


def test_framing_profile_by_voice() -> None:
    records = [record("one")[1], record("two")[1]]
    assert framing_profile(records, voice="outlet") == {"Valley Daily": {UNTARGETED: {"thugs": 2}}}
    assert framing_profile(records, voice="attributed") == {"Valley Daily": {UNTARGETED: {"thugs": 4}}}
    assert framing_profile(records) == {"Valley Daily": {UNTARGETED: {"thugs": 6}}}


def _renamed(pair: tuple[Document, Record], outlet: str, quoted_only: bool) -> tuple[Document, Record]:
    document, item = pair
    framing = [f.model_copy(update={"voice": "attributed"}) for f in item.framing] if quoted_only else item.framing
    return replace(document, outlet=outlet), item.model_copy(update={"outlet": outlet, "framing": framing})


def test_outlets_compare_in_their_own_voice_per_thousand_words(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    quoting = [_renamed(record(f"q{n}"), "Quoting Wire", quoted_only=True) for n in (1, 2)]
    store_records(engine, [record("one"), record("two"), *quoting])
    with Session(engine) as session:
        compared = browse.compare_outlets(session, ["Valley Daily", "Quoting Wire", "Nobody"])
        listed = {item["outlet"]: item for item in browse.list_outlets(session)}
        profile = browse.get_outlet(session, "Quoting Wire")
    words = len(record("one")[0].text.split()) * 2
    assert compared["outlets"][0] == {"outlet": "Valley Daily", "words": words, "claims": 4, "unnamed_share": 0.5}
    assert compared["unknown"] == ["Nobody"]
    # Only Valley Daily's own "thugs" count: Quoting Wire's are all inside quoted voices.
    assert compared["techniques"] == {"Name_Calling,Labeling": {"Valley Daily": round(2000 / words, 3)}}
    assert listed["Quoting Wire"]["framing"] == 6 and listed["Quoting Wire"]["own_framing"] == 0
    assert listed["Valley Daily"]["own_per_1000_words"] == round(2000 / words, 3)
    assert profile is not None and profile["own_voice"] == [] and profile["words"] == words
