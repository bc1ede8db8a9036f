"""A state's territory as the target of an act directed at it (PLOVER's and CAMEO's convention): an act told
in its own clause as happening in or from a country or its capital, with no other target, is directed at
that state ("withdraw the force from Chad", "impose a curfew in Algiers", "suspended deliveries in Baghdad").

An assault is left out: where it struck says where it happened, not whom it struck; so is a meeting,
agreement or cooperation of parties named together as its source, which is between them, the place being
where they met ("A and B signed a ceasefire in Pretoria"; but "the envoy held talks in Moscow": the host).
The state is the record's actor when the document names it as one, else a registered state actor with the
place's mention."""

from __future__ import annotations

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from sitroom.components.events.context import Context
from sitroom.components.events.draft import Draft
from sitroom.components.events.registered import registered_actor
from sitroom.components.events.vocabulary import PARTNER_TYPES
from sitroom.knowledge.registry import ActorEntry, load_registry
from sitroom.names import name_tokens
from sitroom.record import Place

UNTARGETED_TYPES = frozenset({"ASSAULT"})


def add_territory_target(draft: Draft, ctx: Context) -> None:
    """Give ``draft`` the state of its own clause's country or capital as target when it has none."""
    if draft.target or draft.sense.type in UNTARGETED_TYPES or draft.place_from != "clause" or draft.place is None:
        return
    if draft.sense.type in PARTNER_TYPES and len(draft.source) > 1:
        return
    mention = _mention_in(draft.sentence, ctx.places[draft.place], ctx)
    actor_id = state_of_place(mention, ctx) if mention is not None else None
    if actor_id is not None and actor_id not in draft.source:
        draft.target.append(actor_id)


def state_of_place(mention: Token, ctx: Context) -> str | None:
    """The actor of the state whose country or capital the place token names, if any (made when needed)."""
    place_id = ctx.token_place.get(mention.i)
    entry = _state_of(ctx.places[place_id], mention) if place_id is not None else None
    return _state_actor(entry, mention, ctx) if entry is not None else None


def _mention_in(sentence: TokenSpan, place: Place, ctx: Context) -> Token | None:
    """The first token of the sentence that belongs to ``place``."""
    return next((token for token in sentence if ctx.token_place.get(token.i) == place.id), None)


def _state_of(place: Place, mention: Token) -> ActorEntry | None:
    """The registered state a country or a capital city names."""
    registry = load_registry()
    if place.feature == "country":
        states = [entry for entry in registry.lookup(place.name) if entry.kind == "state"]
        return states[0] if states else None
    if place.feature == "city":
        ids = registry.by_metonym.get(name_tokens(mention.text)) or registry.by_metonym.get(name_tokens(place.name))
        return registry.get(ids[0]) if ids else None
    return None


def _state_actor(entry: ActorEntry, mention: Token, ctx: Context) -> str:
    """The document's actor for the state, else a new one whose mention is the place's name."""
    span = ctx.doc[mention.i : mention.i + 1]
    for token in (ctx.doc[i] for i in range(mention.i + 1, mention.sent.end)):
        if ctx.token_place.get(token.i) != ctx.token_place.get(mention.i):
            break
        span = ctx.doc[mention.i : token.i + 1]
    return registered_actor(entry, span, ctx, kind="state")
