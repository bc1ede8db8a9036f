"""References to actors named elsewhere: "it refers to A and B" aliases."""

from __future__ import annotations

from itertools import pairwise

from sitroom.components.events.context import Context, actors_in, lemma
from sitroom.components.events.vocabulary import CLARIFY_VERBS, SUBJECT_DEPS


def clarified_references(ctx: Context) -> dict[str, list[str]]:
    """ "... to combat the Mujahideen. It primarily refers to A and B": the last object named in the
    sentence before "it refers to" stands, from then on, for A and B."""
    aliases: dict[str, list[str]] = {}
    for previous, unit in pairwise(ctx.units):
        root = unit.root
        subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        to = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if lemma(root) not in CLARIFY_VERBS or subject is None or subject.pos_ != "PRON" or to is None:
            continue
        named = actors_in(ctx.doc[to.i : unit.end], ctx)
        objects = [t for t in previous if t.dep_ == "dobj" or (t.dep_ == "pobj" and t.head.lower_ == "against")]
        if named and objects:
            aliases[objects[-1].lower_] = named
    return aliases
