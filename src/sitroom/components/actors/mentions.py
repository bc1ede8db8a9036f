"""Mentions of actors before clustering, and the matching key of a token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sitroom.knowledge.collectives import CollectiveType
from sitroom.knowledge.registry import ActorEntry
from sitroom.names import fold, token_keys

Key = tuple[str, ...]


@dataclass
class Mention:
    """A stretch of text naming an actor, before clustering."""

    start: int  # token index
    end: int
    source: str  # registry | state | descriptor | demonym | ner | paren
    entry: ActorEntry | None = None
    label: str = ""
    descriptor: str = ""  # adjective of a descriptor ("shiite" in "the Shiite regime")
    affiliation: str = ""  # registry id of the state a group belongs to ("Georgian demonstrators")
    collective: CollectiveType | None = None  # an unnamed group ("rebels", "six civilians")
    metonym: bool = False  # a capital read as its state ("Moscow said")


@lru_cache(maxsize=65536)
def token_parts(text: str) -> Key:
    """Key parts of one spaCy token ("U.S." -> ("u", "s"); "al" -> ())."""
    return tuple(key for part in fold(text).split() for key in token_keys(part))


def covered_tokens(mentions: Iterable[Mention]) -> set[int]:
    """Indices of the tokens inside the mentions."""
    return {index for mention in mentions for index in range(mention.start, mention.end)}
