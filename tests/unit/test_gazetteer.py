"""The offline gazetteer: build, lookups, and the import of GeoNames dumps (19-column format)."""

from __future__ import annotations

import pickle
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitroom.knowledge import gazetteer
from sitroom.knowledge.gazetteer import (
    Gazetteer,
    block_of,
    default_db_path,
    distance_km,
    ensure_gazetteer,
    import_geonames_dump,
)
from sitroom.names import name_key

# Three rows in the GeoNames dump format: an admin1 unit, a village and an airbase, all made up here.
DUMP_ROWS = (
    ("9900001", "Muhafazat Test", "Muhafazat Test", "", "35.5", "38.5", "A", "ADM1", "SY", "", "99", "", "", "",
     "100000", "", "400", "Asia/Damascus", "2024-01-01"),
    ("9900002", "Tall Qurayshiyah", "Tall Qurayshiyah", "Tell Koreishiyeh,Tal Qurayshiya", "35.61", "38.22",
     "P", "PPL", "SY", "", "99", "", "", "", "0", "", "350", "Asia/Damascus", "2024-01-01"),
    ("9900003", "Mahbat Qurayshiyah", "Mahbat Qurayshiyah", "", "35.62", "38.25", "S", "AIRB", "SY", "", "99",
     "", "", "", "0", "", "350", "Asia/Damascus", "2024-01-01"),
)  # fmt: skip


@pytest.fixture(scope="module")
def shared_gazetteer() -> Gazetteer:
    """The gazetteer at its default location, built once (the places layer uses the same file)."""
    return Gazetteer()


@pytest.fixture
def private_db(tmp_path_factory: pytest.TempPathFactory, shared_gazetteer: Gazetteer) -> Iterator[Path]:
    """A private copy of the built gazetteer, so that imports do not touch the shared one."""
    copy = tmp_path_factory.mktemp("gazetteer") / "copy.sqlite"
    with sqlite3.connect(shared_gazetteer.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    yield copy


def _write_dump(path: Path) -> Path:
    path.write_text("".join("\t".join(row) + "\n" for row in DUMP_ROWS), encoding="utf-8")
    return path


def test_default_location_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITROOM_DATA_DIR", str(tmp_path))
    path = default_db_path()
    assert path.parent == tmp_path
    assert f"v{gazetteer.SCHEMA_VERSION}" in path.name


def test_transliteration_variants_find_the_same_place(shared_gazetteer: Gazetteer) -> None:
    maskanah = [e for e in shared_gazetteer.lookup("Al Maskaneh") if e.country == "SY"]
    assert maskanah and maskanah[0].admin1 == "Aleppo"
    assert not maskanah[0].exact
    assert any(e.exact for e in shared_gazetteer.lookup("Maskanah") if e.country == "SY")


def test_countries_provinces_and_airfields_are_indexed(shared_gazetteer: Gazetteer) -> None:
    assert shared_gazetteer.lookup("Syria")[0].feature == "country"
    assert any(e.feature == "country" and e.country == "US" for e in shared_gazetteer.lookup("U.S."))
    anbar = [e for e in shared_gazetteer.lookup("Anbar") if e.feature == "admin1"]
    assert anbar and anbar[0].country == "IQ"
    jirah = [e for e in shared_gazetteer.lookup("Jirah") if e.feature == "airfield"]
    assert jirah and distance_km(jirah[0].lat, jirah[0].lon, 36.09, 37.94) < 10


def test_named_areas_lie_in_their_province(shared_gazetteer: Gazetteer) -> None:
    """An area the text names instead of a town (a plain, a mountain district) says which province."""
    ghouta = [e for e in shared_gazetteer.lookup("Ghouta") if e.feature == "region"]
    assert ghouta and (ghouta[0].country, ghouta[0].admin1) == ("SY", "Rif Dimashq")
    golan = [e for e in shared_gazetteer.lookup("Golan Heights") if e.feature == "region"]
    assert golan and golan[0].admin1 == "Al Qunaytirah"  # the province's name as the gazetteer writes it


def test_blocking_keys_gather_vowel_spellings(shared_gazetteer: Gazetteer) -> None:
    assert block_of("Jarrah") == block_of("Jirah")
    assert block_of("Muhafazat al-Qunaytirah") == block_of("Qunaitira")
    assert any(e.name == "Jirah Air Base" for e in shared_gazetteer.blocked("Jarrah", "SY"))


@pytest.mark.parametrize(
    ("spelling", "country", "name"),
    [
        ("Idleb", "SY", "Idlib"),  # a vowel the key keeps apart
        ("Qamishly", "SY", "Qamishli"),  # y for a final i
        ("Muhafazat Idleeb", "SY", "Idlib"),  # a generic word before the name
        ("Deir ez-Zur", "SY", "Deir ez-Zor"),
        ("Diyalah Governorate", "IQ", "Diyala"),
        ("Kerkouk", "IQ", "Kirkuk"),
    ],
)
def test_spelling_variants_are_found_in_the_countries_asked(
    shared_gazetteer: Gazetteer, spelling: str, country: str, name: str
) -> None:
    variants = shared_gazetteer.variants(spelling, (country,))
    assert any(name_key(e.name) == name_key(name) or e.admin1 == name for e in variants)
    assert not shared_gazetteer.variants(spelling, ("BR",))


def test_names_a_vowel_apart_are_not_variants(shared_gazetteer: Gazetteer) -> None:
    """Hama and Homs share a blocking key's letters but not their vowels."""
    assert not any(e.name == "Homs" for e in shared_gazetteer.variants("Hamis", ("SY",)))
    assert not any(e.name == "Hama" for e in shared_gazetteer.variants("Huma", ("SY",)))


def test_a_gazetteer_survives_pickling(shared_gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(shared_gazetteer))
    assert copy.path == shared_gazetteer.path
    assert copy.lookup("Syria")[0].feature == "country"


def test_sources_are_recorded(shared_gazetteer: Gazetteer) -> None:
    meta = shared_gazetteer.meta()
    assert meta["schema_version"] == str(gazetteer.SCHEMA_VERSION)
    assert "CC BY 4.0" in meta["sources"]


def test_build_is_atomic_and_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_fill(connection: sqlite3.Connection) -> None:
        raise RuntimeError("source unreadable")

    monkeypatch.setattr(gazetteer, "_fill", failing_fill)
    target = tmp_path / "g.sqlite"
    with pytest.raises(RuntimeError):
        ensure_gazetteer(target)
    assert list(tmp_path.iterdir()) == []


def test_import_of_a_text_dump_adds_villages_and_facilities(private_db: Path, tmp_path: Path) -> None:
    dump = _write_dump(tmp_path / "SY.txt")
    assert Gazetteer(private_db).lookup("Tell Koreishiyeh") == ()
    assert import_geonames_dump(dump, private_db) == 3
    imported = Gazetteer(private_db)
    village = imported.lookup("Tell Koreishiyeh")
    assert [(e.geonames_id, e.feature, e.country, e.admin1) for e in village] == [
        (9900002, "village", "SY", "Muhafazat Test")
    ]
    assert imported.lookup("Mahbat Qurayshiyah")[0].feature == "airfield"
    assert imported.meta()["import:SY.txt"] == "3"


def test_import_reads_zip_dumps_and_replaces_known_places(private_db: Path, tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("readme.txt", "not data\n")
        zipped.write(_write_dump(tmp_path / "SY.txt"), "SY.txt")
    assert import_geonames_dump(archive, private_db) == 3
    assert import_geonames_dump(archive, private_db) == 3
    rows = sqlite3.connect(private_db).execute("SELECT COUNT(*) FROM places WHERE id = 9900002").fetchone()
    assert rows == (1,)


def test_dump_lines_of_another_shape_are_skipped(private_db: Path, tmp_path: Path) -> None:
    dump = tmp_path / "broken.txt"
    dump.write_text("# comment\nnot\tenough\tcolumns\n" + "\t".join(DUMP_ROWS[1]) + "\n", encoding="utf-8")
    assert import_geonames_dump(dump, private_db) == 1


def test_older_gazetteers_are_removed_but_a_newer_checkouts_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITROOM_DATA_DIR", str(tmp_path))
    older = tmp_path / f"gazetteer-v{gazetteer.SCHEMA_VERSION - 1}.sqlite"
    newer = tmp_path / f"gazetteer-v{gazetteer.SCHEMA_VERSION + 1}.sqlite"
    for path in (older, newer, default_db_path()):
        path.write_bytes(b"")
    gazetteer._remove_older_versions(default_db_path())
    assert not older.exists() and newer.exists() and default_db_path().exists()
