"""Alignment of system actor and place ids to the gold ids they were matched with."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


class Aligner:
    """Maps system actor and place ids to gold ids; unaligned ids stay distinct from every gold id."""

    def __init__(self, actors: Mapping[str, str], places: Mapping[str, str]) -> None:
        self._actors = actors
        self._places = places

    def actor(self, system_id: str | None) -> str | None:
        return None if system_id is None else self._actors.get(system_id, f"\0{system_id}")

    def actors(self, system_ids: Iterable[str]) -> set[str]:
        return {self._actors.get(system_id, f"\0{system_id}") for system_id in system_ids}

    def chain(self, system_ids: Sequence[str]) -> list[str]:
        return [self._actors.get(system_id, f"\0{system_id}") for system_id in system_ids]

    def place(self, system_id: str | None) -> str | None:
        return None if system_id is None else self._places.get(system_id, f"\0{system_id}")
