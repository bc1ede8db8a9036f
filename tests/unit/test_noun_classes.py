"""WordNet noun classes: the parser, the shipped file and the script that derives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.knowledge.noun_classes import NOUN_CLASSES, NounClasses, classes_of, denotes_people, parse_noun_classes
from tests.helpers import load_script


def test_parse_noun_classes_reads_main_and_other_classes_and_skips_comments() -> None:
    classes = parse_noun_classes("# header\nzealot\tperson\t\n\nmarket\tact\tartifact,group\n")
    assert classes["zealot"] == NounClasses(frozenset({"person"}), frozenset({"person"}))
    assert classes["market"].main == {"act"}
    assert classes["market"].every == {"act", "artifact", "group"}


def test_shipped_classes_tell_people_places_things_and_acts_apart() -> None:
    assert all(denotes_people(word) for word in ("provocateur", "zealot", "courtier", "trickster", "campaigner"))
    assert not any(denotes_people(word) for word in ("material", "threat", "image", "force", "lincoln", "bush"))
    assert "location" in classes_of("town").main
    assert "artifact" in classes_of("device").main
    assert "act" in classes_of("fighting").main
    assert "artifact" in classes_of("market").every - classes_of("market").main
    assert classes_of("no-such-noun").every == frozenset()
    assert all(classes_of(word).every <= NOUN_CLASSES for word in ("town", "device", "clash", "speech"))


def test_script_takes_the_first_sense_and_classes_of_half_the_senses_and_skips_instances(tmp_path: Path) -> None:
    # Offsets 1-2: person kinds; 3: a person instance (a named president); 4-6: other noun senses.
    (tmp_path / "lexnames").write_text("06\tnoun.artifact\t1\n18\tnoun.person\t1\n20\tnoun.plant\t1\n")
    (tmp_path / "data.noun").write_text(
        "  header line of the licence\n"
        "00000001 18 n 01 courtier 0 000 | a person who attends a court\n"
        "00000002 18 n 01 material 0 000 | a person judged suitable\n"
        "00000003 18 n 01 Bush 0 001 @i 00000001 n 0000 | a president\n"
        "00000004 06 n 01 material 0 000 | the stuff of which a thing is made\n"
        "00000005 06 n 01 material 0 000 | cloth\n"
        "00000006 20 n 01 bush 0 000 | a shrub\n",
        encoding="latin-1",
    )
    (tmp_path / "index.sense").write_text(
        "courtier%1:18:00:: 00000001 1 0\n"
        "material%1:06:00:: 00000004 1 3\n"
        "material%1:06:01:: 00000005 2 1\n"
        "material%1:18:00:: 00000002 3 0\n"
        "bush%1:18:00:: 00000003 1 2\n"
        "bush%1:20:00:: 00000006 2 1\n"
        "yes_man%1:18:00:: 00000001 1 0\n"
        "make%2:36:00:: 00000007 1 9\n",
        encoding="latin-1",
    )
    classes = load_script("build_noun_classes").noun_classes(tmp_path)
    assert classes == {"bush": (["plant"], []), "courtier": (["person"], []), "material": (["artifact"], ["person"])}


def test_script_refuses_a_folder_that_is_not_a_wordnet_dictionary(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"not a WordNet 3\.0 dict folder"):
        load_script("build_noun_classes").main(tmp_path)
