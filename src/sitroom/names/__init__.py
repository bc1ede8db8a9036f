"""Transliteration-aware names: one module for every place where sitroom compares names.

``normalise`` folds names and unifies spelling variants into keys (exact look-ups: registry, gazetteer);
``phonetic`` compares tokens that sound alike (Hafez / Hafiz) and gives blocking keys for candidates;
``structure`` reads a personal name's kunya, given names, nasab and nisbas; ``matching`` decides whether two
names can denote one person, organisation or place.
"""

from sitroom.names.matching import (
    NameKind,
    blocking_key,
    is_short_form,
    organisation_words,
    same_entity,
    same_full_name,
    same_organisation,
    same_person,
    same_place,
    tokens_match,
)
from sitroom.names.normalise import (
    ARABIC_ARTICLES,
    NISBAS,
    fold,
    is_filler,
    name_key,
    name_tokens,
    spelling_key,
    strip_articles,
    token_key,
    token_keys,
)
from sitroom.names.phonetic import Form, blocking_skeleton, form_of, sound_alike
from sitroom.names.structure import KUNYA_MARKERS, NAME_PARTICLES, NameParts, parse_name

__all__ = [
    "ARABIC_ARTICLES",
    "KUNYA_MARKERS",
    "NAME_PARTICLES",
    "NISBAS",
    "Form",
    "NameKind",
    "NameParts",
    "blocking_key",
    "blocking_skeleton",
    "fold",
    "form_of",
    "is_filler",
    "is_short_form",
    "name_key",
    "name_tokens",
    "organisation_words",
    "parse_name",
    "same_entity",
    "same_full_name",
    "same_organisation",
    "same_person",
    "same_place",
    "sound_alike",
    "spelling_key",
    "strip_articles",
    "token_key",
    "token_keys",
    "tokens_match",
]
