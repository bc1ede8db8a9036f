"""References to actors named elsewhere: pronouns and definite descriptions ("it", "they", "the group",
"the regime") resolved to the nearest compatible actor, and "it refers to A and B" aliases.

No offline coreference model for spaCy 3.8 ships through PyPI: coreferee 1.5.0 supports spaCy 3.8 but its
English model is fetched from GitHub by ``python -m coreferee install en`` (no ``coreferee_model_en`` on
PyPI); spacy-experimental's coref model is a GitHub release; fastcoref and maverick-coref fetch transformer
weights from a hub; neuralcoref needs spaCy 2. So this is a small resolver: the nearest earlier actor whose
kind a pronoun or description admits, within three sentences.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from spacy.tokens import Token

from sitroom.components.events.context import Context, actors_in, lemma
from sitroom.components.events.place_date import main_country
from sitroom.components.events.registered import FORCES_SUFFIX, forces_of_country
from sitroom.components.events.vocabulary import CLARIFY_VERBS, SUBJECT_DEPS
from sitroom.record import Actor

REFERENCE_SENTENCES = 3  # a reference reaches back to actors this many sentences before its own
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
ORGANISATIONS = frozenset({"armed_group", "political_party", "institution", "international_org", "government"})
GOVERNMENT_REFERENTS = frozenset({"government"})
GROUPS = frozenset({"armed_group", "collective"})
PRONOUN_KINDS: dict[str, frozenset[str]] = {
    "it": ORGANISATIONS | {"state"},
    "its": ORGANISATIONS | {"state"},
    "they": GROUPS | {"state", "government"},
    "their": ORGANISATIONS | {"state"},  # a possessor owns forces or arms: an organisation, not a crowd
    "he": frozenset({"person"}),
    "she": frozenset({"person"}),
}
DESCRIPTION_KINDS: dict[str, frozenset[str]] = {
    "regime": GOVERNMENT_REFERENTS,
    "government": GOVERNMENT_REFERENTS,
    "authority": GOVERNMENT_REFERENTS,
    "group": frozenset({"armed_group"}),
    "organisation": frozenset({"armed_group"}),
    "organization": frozenset({"armed_group"}),
    "movement": frozenset({"armed_group", "political_party"}),
    "militia": frozenset({"armed_group"}),
    "faction": frozenset({"armed_group"}),
    "coalition": frozenset({"institution", "international_org", "armed_group"}),
}
ARMY_NOUNS = frozenset({"army", "military"})


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


def referent(head: Token, ctx: Context) -> list[str]:
    """The actor a pronoun or a definite description stands for: "it", "they", "he", "the group", "the
    regime", "regime forces", "the army", "army units". The nearest earlier actor of a compatible kind, within a
    few sentences; for the regime or the government, else the government the document names most."""
    word = head.lower_
    if lemma(head) in ARMY_NOUNS and _definite_or_modifier(head):
        return _army(head, ctx)
    wanted = PRONOUN_KINDS.get(word)
    if wanted is None:
        description = lemma(head) if _definite_or_modifier(head) else ""
        wanted = DESCRIPTION_KINDS.get(description)
        if wanted is None:
            return []
    found = _nearest(head, ctx, wanted)
    if found is None and wanted == GOVERNMENT_REFERENTS:
        found = _most_named(ctx, wanted)
    return [found] if found is not None else []


def _definite_or_modifier(head: Token) -> bool:
    """ "the group", "this regime", or a bare modifier ("regime forces", "regime air raids"; "regime shelling"
    read by the parser as a noun with a participle)."""
    if head.dep_ in {"compound", "amod", "nmod"} or _gerund_on(head) is not None:
        return True
    return any(child.dep_ == "det" and child.lower_ in DEFINITE for child in head.children)


def _gerund_on(head: Token) -> Token | None:
    """The act a bare noun is the doer of when the parser reads "regime shelling" as a noun with a participle."""
    return next((child for child in head.children if child.dep_ == "acl" and child.tag_ == "VBG"), None)


def _nearest(
    head: Token, ctx: Context, kinds: frozenset[str] = frozenset(), forces: frozenset[str] = frozenset()
) -> str | None:
    """The nearest actor before ``head`` (back to the start of the sentence REFERENCE_SENTENCES earlier) of
    one of ``kinds``, or one of the ``forces`` ids."""
    count = bisect_right(ctx.unit_starts, head.i)  # sentences starting at or before the head
    floor = ctx.unit_starts[count - REFERENCE_SENTENCES] if count >= REFERENCE_SENTENCES else 0
    for index in range(head.i - 1, floor - 1, -1):
        actor_id = ctx.token_actor.get(index)
        if actor_id is None or index in ctx.heading_tokens:
            continue
        if actor_id in forces or _kind_of(ctx.actors[actor_id]) in kinds:
            return actor_id
    return None


def _most_named(ctx: Context, kinds: frozenset[str] = frozenset(), forces: frozenset[str] = frozenset()) -> str | None:
    counts: dict[str, int] = {}
    for actor_id in ctx.token_actor.values():
        if actor_id in forces or _kind_of(ctx.actors[actor_id]) in kinds:
            counts[actor_id] = counts.get(actor_id, 0) + 1
    return max(counts, key=lambda actor_id: (counts[actor_id], actor_id), default=None)


def _kind_of(actor: Actor) -> str:
    return "collective" if actor.collective is not None else actor.kind


def _army(head: Token, ctx: Context) -> list[str]:
    """ "the army", "army units": the nearest state's armed forces named before, else the ones the document
    names most, else the forces of the document's main country (state media write "the army" for their own)."""
    forces = frozenset(a.id for a in ctx.actors.values() if (a.canonical_id or "").endswith(FORCES_SUFFIX))
    found = _nearest(head, ctx, forces=forces) or _most_named(ctx, forces=forces) if forces else None
    if found is not None:
        return [found]
    home = main_country(ctx)
    return [actor] if home is not None and (actor := forces_of_country(home, head, ctx)) is not None else []
