"""What analysed a stored record: sitroom's version and the spaCy model's, and how versions compare."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from packaging.version import InvalidVersion, Version

from sitroom import __version__
from sitroom.settings import Settings


@dataclass(frozen=True)
class AnalysisVersion:
    """The versions a record was analysed with, as stored beside it."""

    sitroom: str
    model: str  # "package version" of the spaCy model


@cache
def _model_version(model: str) -> str:
    import spacy.util

    return f"{model} {spacy.util.get_package_version(model) or 'unknown'}"


def current_version(settings: Settings | None = None) -> AnalysisVersion:
    """The versions this installation analyses with."""
    return AnalysisVersion(sitroom=__version__, model=_model_version((settings or Settings()).model))


def parse_version(text: str) -> Version:
    """A version given by a user, or a clear error."""
    try:
        return Version(text)
    except InvalidVersion as error:
        raise ValueError(f"not a version number: {text!r} (expected e.g. 0.2.0)") from error


def is_older(stored: str | None, limit: Version) -> bool:
    """True when a stored analysis version is older than ``limit`` (an unknown or missing one is)."""
    if stored is None:
        return True
    try:
        return Version(stored) < limit
    except InvalidVersion:
        return True
