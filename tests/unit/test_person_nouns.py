"""The WordNet person-noun list: its parser, the shipped file and the script that derives it."""

from __future__ import annotations

from pathlib import Path

from sitroom.knowledge.person_nouns import parse_word_list, wordnet_person_nouns
from tests.helpers import load_script


def test_parse_word_list_skips_comments_and_blank_lines() -> None:
    assert parse_word_list("# header\nzealot\n\n  acolyte \n") == frozenset({"zealot", "acolyte"})


def test_shipped_list_holds_people_and_leaves_out_figures_of_speech_and_named_people() -> None:
    nouns = wordnet_person_nouns()
    assert {"provocateur", "zealot", "courtier", "trickster", "campaigner"} <= nouns
    assert not {"material", "threat", "image", "force", "lincoln", "bush"} & nouns


def test_script_counts_half_of_the_senses_and_skips_instances(tmp_path: Path) -> None:
    # Offsets 1-2: person kinds; 3: a person instance (a named president); 4-6: other noun senses.
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
    assert load_script("build_person_nouns").person_nouns(tmp_path) == ["courtier"]
