"""The actor registry: typed entries, loading, validation and alias look-up.

The registry ships as two data files (``data/actors_phoenix.json``, derived from Phoenix by
``scripts/build_actor_registry.py``, and the hand-curated ``data/actors_curated.yaml``); users add
their own YAML or JSON files. Later files win: an entry with a known id replaces the earlier one,
or extends it when it says ``extend: true``; ``replaces: [ids]`` removes entries it supersedes.

Each state also gets its government, armed forces, foreign and defence ministries, named from its
demonyms ("Russian foreign ministry" -> ``RUS_MFA``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, get_args

import yaml

from sitroom.names import (
    ARABIC_ARTICLES,
    blocking_key,
    fold,
    name_tokens,
    organisation_words,
    same_full_name,
    same_organisation,
)
from sitroom.names.matching import NameKind
from sitroom.record import ActorKind

DATA_DIR = Path(__file__).resolve().parent / "data"
BUILTIN_FILES = (DATA_DIR / "actors_phoenix.json", DATA_DIR / "actors_curated.yaml")
TRUSTED_FILES = frozenset({DATA_DIR / "actors_phoenix.json"})  # generated; checked by parse_entry in tests
ACTOR_KINDS: frozenset[str] = frozenset(get_args(ActorKind))
# States and their bodies are found by their exact names, demonyms and metonyms, never by a similar spelling.
SIMILAR_SKIPPED_KINDS = frozenset({"state", "government"})

_LIST_FIELDS = ("aliases", "affiliations", "roles", "demonyms", "metonyms", "replaces")
_TEXT_FIELDS = ("country", "valid_from", "valid_until", "successor", "note")
_CONTROL_FIELDS = ("extend",)
_BODIES: tuple[tuple[str, str, ActorKind, tuple[str, ...]], ...] = (
    ("GOV", "Government of {name}", "government",
     ("{d} government", "{d} regime", "{d} authorities", "{d} administration", "government of {name}")),
    ("MIL", "Armed forces of {name}", "institution",
     ("{d} army", "{d} military", "{d} armed forces", "{d} forces", "{d} troops", "{d} soldiers",
      "{d} air force", "{d} navy", "{d} warplanes", "{d} jets", "armed forces of {name}")),
    ("MFA", "Ministry of Foreign Affairs of {name}", "institution",
     ("{d} foreign ministry", "{d} Ministry of Foreign Affairs", "{d} Foreign Affairs Ministry",
      "Foreign Ministry of {name}")),
    ("MOD", "Ministry of Defence of {name}", "institution",
     ("{d} defence ministry", "{d} defense ministry", "{d} Ministry of Defence", "{d} Ministry of Defense",
      "{d} Defence Ministry", "{d} Defense Ministry")),
)  # fmt: skip


class RegistryError(ValueError):
    """A registry file or entry is invalid; the message names the file and the entry."""


@dataclass(frozen=True)
class ActorEntry:
    """One registered actor."""

    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()  # registry ids
    roles: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166 alpha-3
    valid_from: str | None = None  # ISO date
    valid_until: str | None = None
    demonyms: tuple[str, ...] = ()  # "American": a state's people or adjective
    metonyms: tuple[str, ...] = ()  # "Washington": a place that stands for the actor when it acts
    successor: str | None = None  # registry id of the renamed actor
    replaces: tuple[str, ...] = ()
    note: str | None = None
    source: str = field(default="", compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, then the aliases."""
        return (self.name, *self.aliases)

    def valid_on(self, date: str | None) -> bool:
        """True when the actor existed under this name on ``date`` (ISO, any precision)."""
        if not date:
            return True
        if self.valid_from and date < self.valid_from[: len(date)]:
            return False
        return not (self.valid_until and date > self.valid_until[: len(date)])


@dataclass(frozen=True)
class Registry:
    """All actors by id, with look-up by name key (token tuples of ``names.name_tokens``)."""

    entries: Mapping[str, ActorEntry]
    by_name: Mapping[tuple[str, ...], tuple[str, ...]]
    by_demonym: Mapping[tuple[str, ...], tuple[str, ...]]
    by_metonym: Mapping[tuple[str, ...], tuple[str, ...]]
    acronyms: frozenset[tuple[str, ...]]  # keys written only in capitals ("ISIL", "UNITA")
    place_names: frozenset[tuple[str, ...]]  # keys of names that are places, never actors by themselves
    max_name_tokens: int
    town_keys: frozenset[tuple[str, ...]] = frozenset()  # keys of all listed place names, actor names or not
    article_keys: frozenset[tuple[str, ...]] = frozenset()  # one-word keys only ever written "al-X" ("al-Monitor")

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str, date: str | None = None) -> list[ActorEntry]:
        """Entries a name can denote, best first; entries not valid on ``date`` go last."""
        return self.lookup_key(name_tokens(name), date)

    def lookup_key(self, key: tuple[str, ...], date: str | None = None) -> list[ActorEntry]:
        found = [self.entries[actor_id] for actor_id in self.by_name.get(key, ())]
        return sorted(found, key=lambda entry: not entry.valid_on(date))

    def similar(self, name: str, person: bool, date: str | None = None) -> ActorEntry | None:
        """The one entry with a name that is a spelling of ``name`` as a whole ("Hafiz al-Asad" for "Hafez
        al-Assad"), a person or else an organisation; None when there is none or several."""
        if name_tokens(name) in self.by_name:
            return None  # a registered spelling: the exact look-up, with its plausibility checks, decides
        entry = self._similar(name, "person" if person else "group", date)
        if entry is None and person and not organisation_words(name):
            # the model often takes a transliterated group's name for a person's ("Jabhat Fath al-Sham"); a
            # group named after a person has a generic word ("Hamza Division"), so both names must lack one
            entry = self._similar(name, "group", date, generic_free=True)
        return entry

    def _similar(self, name: str, kind: NameKind, date: str | None, generic_free: bool = False) -> ActorEntry | None:
        candidates = self._similar_index[kind].get(blocking_key(name, kind), ())
        same = same_full_name if kind == "person" else same_organisation
        found = {
            actor_id
            for actor_id, known in candidates
            if same(name, known) and not (generic_free and organisation_words(known))
        }
        entries = sorted((self.entries[actor_id] for actor_id in found), key=lambda entry: not entry.valid_on(date))
        if len(entries) == 1 or (len(entries) > 1 and entries[0].valid_on(date) and not entries[1].valid_on(date)):
            return entries[0]
        return None

    @cached_property
    def _similar_index(self) -> dict[NameKind, dict[str, tuple[tuple[str, str], ...]]]:
        """(entry id, name) by blocking key, for persons and for named organisations (built on first use)."""
        index: dict[NameKind, dict[str, list[tuple[str, str]]]] = {"person": {}, "group": {}}
        for entry in self.entries.values():
            if entry.kind in SIMILAR_SKIPPED_KINDS:
                continue
            kind: NameKind = "person" if entry.kind == "person" else "group"
            for name in entry.names:
                key = blocking_key(name, kind)
                if " " in key:  # one word alone is never enough
                    index[kind].setdefault(key, []).append((entry.id, name))
        return {kind: {key: tuple(items) for key, items in keys.items()} for kind, keys in index.items()}


def load_registry(extra_paths: Sequence[Path | str] = ()) -> Registry:
    """The shipped registry extended by the user's files (cached per list of files)."""
    return _load(tuple(Path(path).resolve() for path in extra_paths))


@lru_cache(maxsize=8)
def _load(extra_paths: tuple[Path, ...]) -> Registry:
    entries: dict[str, ActorEntry] = {}
    for path in (*BUILTIN_FILES, *extra_paths):
        _add_state_bodies(entries)
        parse = trusted_entry if path in TRUSTED_FILES else parse_entry
        for raw in read_entries(path):
            _apply(entries, parse(raw, path), raw.get("extend") is True, path)
    _add_state_bodies(entries)
    _redirect_replaced(entries)
    validate(entries)
    places = frozenset(name_tokens(name) for name in read_place_names(BUILTIN_FILES[0]))
    return _index(entries, places)


def read_entries(path: Path) -> list[dict[str, Any]]:
    """The raw entries of a YAML or JSON registry file (``actors: [...]``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RegistryError(f"{path}: cannot read actor registry file ({error})") from error
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=yaml.CSafeLoader)
    except (ValueError, yaml.YAMLError) as error:
        raise RegistryError(f"{path}: not valid {path.suffix.lstrip('.') or 'YAML'}: {error}") from error
    actors = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(actors, list) or not all(isinstance(item, dict) for item in actors):
        raise RegistryError(f"{path}: expected a mapping with an 'actors' list of mappings")
    return actors


def parse_entry(raw: Mapping[str, Any], path: Path) -> ActorEntry:
    """Check one raw entry and make it an ActorEntry; errors name the file and the entry."""
    label = f"{path.name}: entry {raw.get('id', raw.get('name', '?'))!r}"
    known = {"id", "name", "kind", *_LIST_FIELDS, *_TEXT_FIELDS, *_CONTROL_FIELDS}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise RegistryError(f"{label}: unknown field(s) {', '.join(unknown)}")
    actor_id, name, kind = raw.get("id"), raw.get("name"), raw.get("kind")
    extending = raw.get("extend") is True
    if not isinstance(actor_id, str) or not actor_id.strip() or " " in actor_id:
        raise RegistryError(f"{label}: 'id' must be a non-empty string without spaces")
    if not extending and (not isinstance(name, str) or not fold(name)):
        raise RegistryError(f"{label}: 'name' must be a non-empty string")
    if not extending and kind not in ACTOR_KINDS:
        raise RegistryError(f"{label}: 'kind' must be one of {', '.join(sorted(ACTOR_KINDS))}, not {kind!r}")
    values: dict[str, Any] = {"id": actor_id, "name": name or "", "kind": kind or "other", "source": path.name}
    for key in _LIST_FIELDS:
        items = raw.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
            raise RegistryError(f"{label}: '{key}' must be a list of non-empty strings")
        values[key] = tuple(items)
    for key in _TEXT_FIELDS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise RegistryError(f"{label}: '{key}' must be a string (quote dates in YAML: '2016-07-28')")
        values[key] = value
    return ActorEntry(**values)


def trusted_entry(raw: Mapping[str, Any], path: Path) -> ActorEntry:
    """Fast construction for generated files, whose entries the test suite checks with parse_entry."""
    values: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()}
    return ActorEntry(**values, source=path.name)


def _apply(entries: dict[str, ActorEntry], entry: ActorEntry, extend: bool, path: Path) -> None:
    for replaced in entry.replaces:
        entries.pop(replaced, None)
    if not extend:
        entries[entry.id] = entry
        return
    base = entries.get(entry.id)
    if base is None:
        raise RegistryError(f"{path.name}: entry {entry.id!r}: 'extend: true' but no earlier entry has this id")
    entries[entry.id] = _merge(base, entry)


def _redirect_replaced(entries: dict[str, ActorEntry]) -> None:
    """References to a replaced entry now point to the entry that replaced it."""
    redirect = {old: entry.id for entry in entries.values() for old in entry.replaces if old not in entries}
    if not redirect:
        return
    for actor_id, entry in entries.items():
        affiliations = tuple(
            dict.fromkeys(redirect.get(a, a) for a in entry.affiliations if redirect.get(a, a) != actor_id)
        )
        successor = redirect.get(entry.successor, entry.successor) if entry.successor else None
        if affiliations != entry.affiliations or successor != entry.successor:
            entries[actor_id] = replace(entry, affiliations=affiliations, successor=successor)


def _merge(base: ActorEntry, extra: ActorEntry) -> ActorEntry:
    changes: dict[str, Any] = {
        key: tuple(dict.fromkeys((*getattr(base, key), *getattr(extra, key)))) for key in _LIST_FIELDS
    }
    for key in _TEXT_FIELDS:
        if getattr(extra, key) is not None:
            changes[key] = getattr(extra, key)
    if extra.name:
        changes["name"] = extra.name
    return replace(base, **changes)


def _add_state_bodies(entries: dict[str, ActorEntry]) -> None:
    """Government, armed forces and ministries of each state, named from its demonyms."""
    states = [entry for entry in entries.values() if entry.kind == "state"]
    for state in states:
        forms = [*state.demonyms, *(alias for alias in state.aliases if len(fold(alias).replace(" ", "")) <= 3)]
        for suffix, title, kind, templates in _BODIES:
            body_id = f"{state.id}_{suffix}"
            aliases = tuple(
                template.format(d=form, name=state.name)
                for template in templates
                for form in (forms if "{d}" in template else [state.name])
            )
            affiliations = () if suffix == "GOV" else (f"{state.id}_GOV",)
            generated = ActorEntry(
                id=body_id, name=title.format(name=state.name), kind=kind, aliases=aliases,
                affiliations=affiliations, country=state.country, source="generated",
            )  # fmt: skip
            existing = entries.get(body_id)
            entries[body_id] = generated if existing is None else _merge(generated, existing)


def validate(entries: Mapping[str, ActorEntry]) -> None:
    """Cross-entry checks: affiliations and successors must be registry ids."""
    for entry in entries.values():
        for reference in (*entry.affiliations, *((entry.successor,) if entry.successor else ())):
            if reference not in entries:
                raise RegistryError(f"{entry.source}: entry {entry.id!r}: unknown actor id {reference!r}")
        if entry.valid_from and entry.valid_until and entry.valid_from > entry.valid_until:
            raise RegistryError(f"{entry.source}: entry {entry.id!r}: valid_from is after valid_until")


def read_place_names(path: Path) -> list[str]:
    """The place names a registry file lists (``place_names: [...]``): towns and provinces."""
    data = json.loads(path.read_text(encoding="utf-8"))
    names = data.get("place_names", []) if isinstance(data, dict) else []
    return [name for name in names if isinstance(name, str)]


def _index(entries: dict[str, ActorEntry], place_names: frozenset[tuple[str, ...]]) -> Registry:
    by_name: dict[tuple[str, ...], list[str]] = {}
    by_demonym: dict[tuple[str, ...], list[str]] = {}
    by_metonym: dict[tuple[str, ...], list[str]] = {}
    # Later sources (the user's, curated) before earlier ones; within a source, canonical names before aliases.
    for _rank, group in groupby(sorted(entries.values(), key=_precedence), key=_precedence):
        ordered = list(group)
        for entry in ordered:
            _add_keys(by_name, entry.id, [entry.name])
        for entry in ordered:
            _add_keys(by_name, entry.id, entry.aliases)
            _add_keys(by_demonym, entry.id, entry.demonyms)
            _add_keys(by_metonym, entry.id, entry.metonyms)
    longest = max((len(key) for key in by_name), default=1)
    return Registry(
        acronyms=_acronym_keys(entries.values()),
        place_names=place_names - frozenset(by_name),
        town_keys=place_names,
        article_keys=_article_keys(entries.values()),
        entries=entries,
        by_name={key: tuple(ids) for key, ids in by_name.items()},
        by_demonym={key: tuple(ids) for key, ids in by_demonym.items()},
        by_metonym={key: tuple(ids) for key, ids in by_metonym.items()},
        max_name_tokens=longest,
    )


def _article_keys(entries: Iterable[ActorEntry]) -> frozenset[tuple[str, ...]]:
    """One-word keys of organisations that every name spells with an Arabic article ("al-Monitor", "al-Badr")."""
    with_article: set[tuple[str, ...]] = set()
    without: set[tuple[str, ...]] = set()
    for entry in entries:
        for name in entry.names:
            key = name_tokens(name)
            if len(key) == 1:
                spelled = any(word in ARABIC_ARTICLES for word in fold(name).split())
                (with_article if spelled and entry.kind != "person" else without).add(key)
    return frozenset(with_article - without)


def _acronym_keys(entries: Iterable[ActorEntry]) -> frozenset[tuple[str, ...]]:
    """Keys of names written only in capitals, unless some other name of the same key is not."""
    upper: set[tuple[str, ...]] = set()
    mixed: set[tuple[str, ...]] = set()
    for entry in entries:
        for name in entry.names:
            if " " in name.strip():
                continue
            (upper if name.isupper() else mixed).add(name_tokens(name))
    return frozenset(upper - mixed)


def _precedence(entry: ActorEntry) -> int:
    order = {"actors_phoenix.json": 3, "generated": 2, "actors_curated.yaml": 1}
    return order.get(entry.source, 0)


def _add_keys(index: dict[tuple[str, ...], list[str]], actor_id: str, names: Iterable[str]) -> None:
    for name in names:
        key = name_tokens(name)
        if not key:
            continue
        ids = index.setdefault(key, [])
        if actor_id not in ids:
            ids.append(actor_id)
