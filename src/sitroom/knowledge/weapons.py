"""Weapons and means named around an act of force, and the PLOVER assault mode they give it.

The modes are those of the PLOVER event ontology (and map onto ACLED's sub-event types in ``acled.py``):
``aerial`` (air strikes, drones, barrel bombs), ``heavy-weapons`` (shelling, artillery, rockets),
``explosives`` (car bombs, IEDs, mines; a "bombing" alone keeps the lexicon's aerial mode),
``suicide-attack``, ``unconventional`` (chemical weapons), ``firearms``, ``assassinate`` (executions). When
several are named, the most specific wins, in the order of ``PRECEDENCE``.
"""

from __future__ import annotations

from collections.abc import Iterable

_WORDS: dict[str, str] = {
    "suicide-attack": "suicide",
    "unconventional": "chemical gas sarin chlorine toxic nerve mustard phosphorus",
    "aerial": "airstrike airstrikes warplane jet aircraft helicopter drone plane bomber sortie barrel air aerial "
    "airplane airforce",
    "heavy-weapons": "shell shelling artillery mortar rocket missile howitzer tank bombardment cannon grad "
    "launcher projectile",
    "explosives": "explosion blast explosive ied device mine landmine detonation car-bomb roadside-bomb",
    "firearms": "gunfire gunman gunmen sniper bullet rifle shoot shooting gun machine-gun",
    "assassinate": "execute execution behead beheading assassinate assassination",
}
PRECEDENCE = ("suicide-attack", "unconventional", "aerial", "heavy-weapons", "explosives", "firearms", "assassinate")
WEAPON_MODES: dict[str, str] = {word: mode for mode, words in _WORDS.items() for word in words.split()}


def assault_mode(lemmas: Iterable[str]) -> str | None:
    """The most specific assault mode the words name, or None."""
    modes = {WEAPON_MODES[lemma] for lemma in lemmas if lemma in WEAPON_MODES}
    return next((mode for mode in PRECEDENCE if mode in modes), None)
