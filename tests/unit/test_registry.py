"""The shipped actor registry: validity, look-up, users' files and clear errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitroom.knowledge.registry import (
    BUILTIN_FILES,
    ActorEntry,
    Registry,
    RegistryError,
    load_registry,
    parse_entry,
    read_entries,
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda path: path.name)
def test_shipped_files_pass_strict_validation(path: Path) -> None:
    entries = [parse_entry(raw, path) for raw in read_entries(path)]
    assert len({entry.id for entry in entries}) == len(entries)


def test_phoenix_file_keeps_its_mit_attribution() -> None:
    header = json.loads(BUILTIN_FILES[0].read_text(encoding="utf-8"))["attribution"]
    assert header["license"] == "MIT"
    assert "Open Event Data Alliance" in header["copyright"]
    assert "petrarch2" in header["source"]
    readme = (BUILTIN_FILES[0].parent / "README.md").read_text(encoding="utf-8")
    assert "petrarch2" in readme and "MIT" in readme


def test_every_affiliation_resolves(registry: Registry) -> None:
    for entry in registry.entries.values():
        assert all(affiliation in registry.entries for affiliation in entry.affiliations), entry.id


@pytest.mark.parametrize(
    ("name", "actor_id", "kind"),
    [
        ("Debka", "debkafile", "media"),
        ("ISIL", "islamic_state", "armed_group"),
        ("Daesh", "islamic_state", "armed_group"),
        ("Jabhat an-Nusra", "jabhat_al_nusra", "armed_group"),
        ("Ahrar ash-Sham", "ahrar_al_sham", "armed_group"),
        ("Abu Umar al-Chechen", "abu_omar_al_shishani", "person"),
        ("Abu Mohammed al-Joulani", "abu_mohammad_al_julani", "person"),
        ("Russian foreign ministry", "RUS_MFA", "institution"),
        ("Syrian Arab News Agency", "sana", "media"),
        ("Al Jazeera", "al_jazeera", "media"),
        ("Lavrov", "sergey_lavrov", "person"),
    ],
)
def test_lookup(registry: Registry, name: str, actor_id: str, kind: str) -> None:
    best = registry.lookup(name)[0]
    assert (best.id, best.kind) == (actor_id, kind)


def test_persons_listed_under_groups_in_phoenix_are_separate_persons(registry: Registry) -> None:
    baghdadi = registry.lookup("Abu Bakr al-Baghdadi")[0]
    assert baghdadi.kind == "person"
    assert "islamic_state" in baghdadi.affiliations
    assert registry.lookup("Abu Bakr al-Shami")[0].id != baghdadi.id


def test_renamed_group_lineage_has_dates(registry: Registry) -> None:
    nusra, jfs = registry.entries["jabhat_al_nusra"], registry.entries["jabhat_fateh_al_sham"]
    assert nusra.successor == "jabhat_fateh_al_sham" and jfs.successor == "hayat_tahrir_al_sham"
    assert nusra.valid_until == jfs.valid_from
    assert nusra.valid_on("2015-05") and not nusra.valid_on("2017-06-01")


def test_states_have_demonyms_capitals_and_bodies(registry: Registry) -> None:
    usa = registry.entries["USA"]
    assert "American" in usa.demonyms and "Washington" in usa.metonyms
    assert registry.lookup("American government")[0].id == "USA_GOV"
    assert registry.lookup("Syrian army")[0].id == "SYR_MIL"


def test_fakes_outlets_resolve(registry: Registry) -> None:
    for outlet in ("reuters", "sana", "arabiya", "tass", "dailysabah", "alalam", "nna", "asharqalawsat", "manar"):
        assert any(entry.kind == "media" for entry in registry.lookup(outlet)), outlet


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    own = tmp_path / "my_actors.yaml"
    own.write_text(
        "actors:\n"
        "- {id: liwa_test, name: Liwa al-Test, kind: armed_group, aliases: [Test Brigade]}\n"
        "- {id: debkafile, extend: true, aliases: [Debka Weekly]}\n",
        encoding="utf-8",
    )
    registry = load_registry([own])
    assert registry.lookup("Test Brigade")[0].id == "liwa_test"
    assert registry.lookup("Debka Weekly")[0].id == "debkafile"
    assert registry.lookup("Debka")[0].kind == "media"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actors:\n- {id: x1, name: X, kind: warlord}\n", "'kind' must be one of"),
        ("actors:\n- {id: x1, kind: media}\n", "'name'"),
        ("actors:\n- {id: x1, name: X, kind: media, colour: red}\n", "unknown field"),
        ("actors:\n- {id: x1, name: X, kind: media, valid_from: 2016-01-01}\n", "quote dates"),
        ("actors:\n- {id: x 1, name: X, kind: media}\n", "'id'"),
    ],
)
def test_invalid_entries_name_file_and_entry(tmp_path: Path, content: str, message: str) -> None:
    own = tmp_path / "bad_actors.yaml"
    own.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError, match=message) as error:
        for raw in read_entries(own):
            parse_entry(raw, own)
    assert "bad_actors.yaml: entry 'x" in str(error.value)


def test_invalid_file_shape_is_reported(tmp_path: Path) -> None:
    own = tmp_path / "bad_actors.yaml"
    own.write_text("actors: 3\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=re.escape("bad_actors.yaml: expected a mapping with an 'actors' list")):
        read_entries(own)


def test_unknown_affiliation_fails_the_load(tmp_path: Path) -> None:
    own = tmp_path / "bad_actors.yaml"
    own.write_text("actors:\n- {id: x1, name: X, kind: media, affiliations: [nobody_known]}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=re.escape("bad_actors.yaml: entry 'x1': unknown actor id 'nobody_known'")):
        load_registry([own])


def test_valid_on_respects_precision() -> None:
    entry = ActorEntry(id="g", name="G", kind="armed_group", valid_from="2013-04-08")
    assert entry.valid_on("2013-04") and entry.valid_on("2014") and not entry.valid_on("2012-12-31")


def test_curated_names_win_over_phoenix_namesakes(registry: Registry) -> None:
    assert registry.lookup("UN")[0].id == "united_nations"
    assert registry.lookup("SARC")[0].id == "sarc"
    assert registry.lookup("PRC")[0].id == "CHN"


def test_states_whose_first_code_is_a_former_union_are_states(registry: Registry) -> None:
    assert registry.lookup("Kazakhstan")[0].kind == "state"


def test_article_keys_and_town_keys(registry: Registry) -> None:
    assert ("munitur",) in registry.article_keys  # al-Monitor: never "Monitor" alone
    assert ("nusra",) not in registry.article_keys
    assert ("palmyra",) in registry.town_keys


def test_generic_sector_names_are_not_actors(registry: Registry) -> None:
    assert registry.lookup("NGO") == []  # Phoenix's bare sector code "NGO_ [NGO]"
    assert registry.lookup("NGO Health Committee")


def test_similar_finds_a_whole_name_spelt_otherwise() -> None:
    registry = load_registry()
    entry = registry.similar("Ayman al-Zawaheri", person=True)
    assert entry is not None and entry.id == "ayman_al_zawahiri"
    assert registry.similar("Zawaheri", person=True) is None  # one word alone is never enough
    assert registry.similar("Ayman al-Zawahiri", person=True) is None  # a registered spelling: the scanner's call
    assert registry.similar("Hassan Rohani", person=False) is None  # persons only among persons


def test_a_group_name_the_model_took_for_a_person_finds_its_group(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "actors:\n"
        "- {id: liwa_fateh_al_khair, name: Liwa Fateh al-Khair, kind: armed_group}\n"
        "- {id: hamza_qassem_brigade, name: Hamza Qassem Brigade, kind: armed_group}\n",
        encoding="utf-8",
    )
    registry = load_registry([path])
    entry = registry.similar("Liwa Fath al-Khair", person=True)  # a vowel less, labelled PERSON by the model
    assert entry is not None and entry.id == "liwa_fateh_al_khair"
    # a group named after a person has a generic word: a person of that name is not the group
    assert registry.similar("Hamza Qasem", person=True) is None


def test_assad_forces_are_the_syrian_army_not_a_phoenix_entry_of_their_own(registry: Registry) -> None:
    assert [entry.id for entry in registry.lookup("Assad forces")] == ["SYR_MIL"]
    assert registry.get("assad_forces") is None
