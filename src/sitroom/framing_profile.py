"""Outlet framing profiles: which labels each outlet uses for each actor, and how often (pure)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from sitroom.record import Actor, Framing, Record, Voice

UNKNOWN_OUTLET = "(unknown outlet)"
UNTARGETED = "(no target)"
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_QUOTES = re.compile('["\u201c\u201d\u2018\u2019\u00ab\u00bb]')


def normalise_label(framing: Framing, target: Actor | None) -> str:
    """Lower-case label text without quotes, leading article or the target's own name.

    "Putin's thug Lavrov" aimed at Lavrov gives "putin's thug"; a span that is only the target's mention
    (scare-quoted "Israel") keeps its words.
    """
    text = " ".join(_QUOTES.sub("", framing.text).lower().split())
    if target is not None:
        for mention in sorted({m.text.lower() for m in target.mentions}, key=len, reverse=True):
            pattern = rf"(?<!\w){re.escape(mention)}(?!\w)"
            stripped = " ".join(re.sub(pattern, " ", text).split())
            if stripped and stripped != text:
                text = stripped
                break
    return _LEADING_ARTICLE.sub("", text) or text


def framing_profile(records: Iterable[Record], voice: Voice | None = None) -> dict[str, dict[str, dict[str, int]]]:
    """Outlet → target actor name → normalised label → count, over the framing items of the records: all of
    them, or only those said in ``voice`` ("outlet": the outlet's own text; "attributed": quoted sources)."""
    profile: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for record in records:
        actors = {actor.id: actor for actor in record.actors}
        outlet = record.outlet or UNKNOWN_OUTLET
        for framing in record.framing:
            if voice is not None and framing.voice != voice:
                continue
            target = actors.get(framing.target) if framing.target else None
            name = target.name if target is not None else UNTARGETED
            profile[outlet][name][normalise_label(framing, target)] += 1
    return {outlet: {name: dict(labels) for name, labels in targets.items()} for outlet, targets in profile.items()}
