"""The framing lexicon: hand-written rules mapping words, phrases and token patterns to PTC techniques.

The built-in rules live in ``data/framing.yaml`` (documented at its top and in ``data/FRAMING.md``).
User extension files have the same shape; an entry whose label matches a built-in one replaces it,
``disabled: true`` removes it, and new labels are added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from spacy.matcher import Matcher
from spacy.vocab import Vocab

from sitroom.knowledge.noun_classes import NOUN_CLASSES
from sitroom.record import Technique

SpanMode = Literal["match", "phrase", "phrase_right", "clause", "sentence"]
Inflection = Literal["noun", "verb", "none"]
Senses = Literal["main", "any"]
TokenPattern = list[dict[str, Any]]

_VOWELS = frozenset("aeiou")
PROPER_NOUN = "proper"
ANCHOR_CLASSES = NOUN_CLASSES | {PROPER_NOUN}


class LexiconError(ValueError):
    """A lexicon file that cannot be read or does not validate."""


class _RawEntry(BaseModel):
    """One rule as written in YAML (validated strictly)."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1)
    technique: Technique | None = None
    category: str = "other"
    terms: list[str] = []
    inflect: Inflection = "none"
    patterns: list[TokenPattern] = []
    pos: list[str] = []
    span: SpanMode = "match"
    targeted: bool = False
    repeatable: bool = True
    literal_when: list[str] = []
    literal_senses: Senses = "main"
    disabled: bool = False
    note: str = ""

    @model_validator(mode="after")
    def _has_matchers(self) -> _RawEntry:
        unknown = sorted(set(self.literal_when) - ANCHOR_CLASSES)
        if unknown:
            raise ValueError(f"entry {self.label!r}: unknown literal_when classes {unknown}")
        if not self.disabled and self.technique is None:
            raise ValueError(f"entry {self.label!r} has no technique")
        if not self.disabled and not (self.terms or self.patterns):
            raise ValueError(f"entry {self.label!r} has neither terms nor patterns")
        if any(not term.strip() for term in self.terms):
            raise ValueError(f"entry {self.label!r} has an empty term")
        return self


class _RawLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    entries: list[_RawEntry]


@dataclass(frozen=True)
class LexiconEntry:
    """One validated rule; ``terms`` holds every surface form (inflections included), lower-case."""

    label: str
    technique: Technique
    category: str
    terms: tuple[str, ...]
    patterns: tuple[TokenPattern, ...]
    pos: frozenset[str]
    span: SpanMode
    targeted: bool
    repeatable: bool
    note: str
    literal_when: frozenset[str] = frozenset()
    literal_senses: Senses = "main"


@dataclass(frozen=True)
class FramingLexicon:
    """The merged rule set, in file order (built-in first, then additions)."""

    entries: tuple[LexiconEntry, ...]

    def entry(self, label: str) -> LexiconEntry:
        """The rule with this label (KeyError when absent)."""
        for entry in self.entries:
            if entry.label == label:
                return entry
        raise KeyError(label)


def noun_forms(word: str) -> set[str]:
    """A noun and its regular plural forms (over-generation is harmless: unknown forms never match)."""
    forms = {word, word + "s"}
    if word.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(word + "es")
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    if word.endswith("man"):
        forms.add(word[:-3] + "men")
    return forms


def verb_forms(word: str) -> set[str]:
    """A verb and its regular -s, -ed and -ing forms."""
    forms = {word, word + "s", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(word + "es")
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in _VOWELS and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def term_forms(term: str, inflect: Inflection) -> set[str]:
    """Surface forms of a term: its last word inflected as a noun or a verb."""
    term = " ".join(term.lower().split())
    if inflect == "none":
        return {term}
    head, _, last = term.rpartition(" ")
    inflector = noun_forms if inflect == "noun" else verb_forms
    return {f"{head} {form}".strip() for form in inflector(last)}


def _check_patterns(label: str, patterns: Sequence[TokenPattern]) -> None:
    if not patterns:
        return
    matcher = Matcher(Vocab(), validate=True)
    try:
        matcher.add(label, [list(pattern) for pattern in patterns])
    except (ValueError, TypeError) as error:
        raise LexiconError(f"entry {label!r}: invalid token pattern: {error}") from error


def _entry(raw: _RawEntry) -> LexiconEntry:
    _check_patterns(raw.label, raw.patterns)
    forms: set[str] = set()
    for term in raw.terms:
        forms |= term_forms(term, raw.inflect)
    return LexiconEntry(
        label=raw.label,
        technique=cast(Technique, raw.technique),
        category=raw.category,
        terms=tuple(sorted(forms)),
        patterns=tuple(raw.patterns),
        pos=frozenset(tag.upper() for tag in raw.pos),
        span=raw.span,
        targeted=raw.targeted,
        repeatable=raw.repeatable,
        note=raw.note,
        literal_when=frozenset(raw.literal_when),
        literal_senses=raw.literal_senses,
    )


def parse_lexicon(data: Any, source: str) -> list[_RawEntry]:
    """Validate one lexicon document (already parsed from YAML); labels must be unique within it."""
    try:
        raw = _RawLexicon.model_validate(data)
    except ValidationError as error:
        raise LexiconError(f"{source}: {error}") from error
    labels = [entry.label for entry in raw.entries]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise LexiconError(f"{source}: duplicate labels {duplicates}")
    return raw.entries


def _read(path: Path) -> list[_RawEntry]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(f"{path}: {error}") from error
    return parse_lexicon(data, str(path))


def merge_entries(layers: Iterable[list[_RawEntry]]) -> list[_RawEntry]:
    """Merge rule lists in order: a later entry replaces an earlier one of the same label."""
    merged: dict[str, _RawEntry] = {}
    for entries in layers:
        for entry in entries:
            merged.pop(entry.label, None)
            merged[entry.label] = entry
    return [entry for entry in merged.values() if not entry.disabled]


def builtin_lexicon_path() -> Path:
    """Path of the lexicon shipped with sitroom."""
    return Path(str(resources.files("sitroom.knowledge").joinpath("data/framing.yaml")))


def load_lexicon(extra_paths: Sequence[str | Path] = ()) -> FramingLexicon:
    """The built-in lexicon merged with user extension files (later files win)."""
    layers = [_read(builtin_lexicon_path())] + [_read(Path(path)) for path in extra_paths]
    return FramingLexicon(tuple(_entry(raw) for raw in merge_entries(layers)))
