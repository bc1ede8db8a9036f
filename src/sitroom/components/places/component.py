"""The places spaCy component: recognise, group, resolve and emit a document's places."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc

from sitroom import layers
from sitroom.components.places.parents import assign_parents
from sitroom.components.places.recognition import Recogniser
from sitroom.components.places.resolution import Resolver
from sitroom.components.places.scoring import CREDIBLE, CREDIBLE_CHAIN
from sitroom.components.places.toponyms import ToponymGroup, group_toponyms
from sitroom.components.places.vocabulary import CUE_FEATURES
from sitroom.knowledge.gazetteer import Gazetteer, get_gazetteer
from sitroom.layers import doc_text
from sitroom.record import Actor, Place, Span

Strategy = Literal["context", "population"]
# A state or capital is a place when at least this share of its mentions do not act (else an actor throughout).
PLACE_SHARE = 1 / 3
# The feature an unresolved place still has, from the word that named it ("Thawra Street" is a road).
UNRESOLVED_FEATURES = {
    "road": "road",
    "street": "road",
    "crossroads": "crossroads",
    "checkpoint": "checkpoint",
    "airfield": "airfield",
}


def _actor_claims(doc: Doc, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Spans claimed by the actors layer, except plain country names (this layer decides those)."""
    actors: list[Actor] | None = doc._.actors
    claims = []
    for actor in actors or []:
        for mention in actor.mentions:
            if not any(e.feature == "country" and e.exact for e in gazetteer.lookup(mention.text)):
                claims.append((mention.start, mention.end))
    return claims


def _located(group: ToponymGroup) -> bool:
    """A state's or capital's name is a place when enough of its mentions do not act, else an actor throughout."""
    located = sum(1 for t in group.toponyms if not t.acting)
    return located > 0 and located >= PLACE_SHARE * len(group.toponyms)


def _emitted(group: ToponymGroup) -> bool:
    """Whether a group of toponyms makes a place of the record (and not an actor or a stray word)."""
    credible = group.score >= CREDIBLE
    cued = any(t.cue for t in group.toponyms)
    strictly_located = cued or any(t.strictly_locative or t.residence for t in group.toponyms)
    loosely_located = cued or any(t.locative for t in group.toponyms)
    if group.metonymy_prone:
        return credible and _located(group)
    sources = {t.source for t in group.toponyms}
    if "ner" in sources:
        return credible or strictly_located
    if "embedded" in sources:
        return credible and _located(group)
    if "chain" in sources:
        return cued or (credible and (loosely_located or (group.score >= CREDIBLE_CHAIN and group.focus >= 0.5)))
    arabic = any(t.text.split("-")[0].split(" ")[0].lower() in ("al", "el") for t in group.toponyms)
    # a well-supported name as the bare object of a preposition of place ("off to Albuquerque")
    placed = group.score >= CREDIBLE_CHAIN and any(t.bare_object for t in group.toponyms)
    return cued or (credible and (strictly_located or placed or (loosely_located and arabic)))


def _without_acting_mentions(group: ToponymGroup) -> ToponymGroup:
    """A state's or capital's mentions that act are the actor's, not the place's ("Damascus said"): kept apart
    as the place's actor mentions."""
    if group.metonymy_prone:
        group.acting = [t for t in group.toponyms if t.acting]
        group.toponyms = [t for t in group.toponyms if not t.acting]
    return group


def _place(number: int, group: ToponymGroup, text: str, resolved: bool, population_only: bool) -> Place:
    mentions = [Span(text=text[t.start : t.end], start=t.start, end=t.end) for t in group.toponyms]
    actor_mentions = [Span(text=text[t.start : t.end], start=t.start, end=t.end) for t in group.acting]
    best = group.best
    if population_only and group.candidates:
        best = max((entry for entry, _ in group.candidates), key=lambda e: (e.feature == "country", e.population))
        resolved = True
    cue = group.cue
    first = group.toponyms[0]
    if cue in CUE_FEATURES:
        name = text[first.start : max(first.end, first.name_end)]  # "Thawra Street", "Latamneh hospital"
    else:
        name = first.text[4:] if first.text.lower().startswith("the ") else first.text
    if not resolved or best is None:
        return Place(id=f"p{number}", name=name, feature=UNRESOLVED_FEATURES.get(cue or "", cue), mentions=mentions)
    if cue in CUE_FEATURES and best.feature != cue:
        # A road or facility named after the town it serves: placed at the town's point, not the town.
        return Place(
            id=f"p{number}",
            name=name,
            country=best.country,
            admin1=best.admin1,
            lat=best.lat,
            lon=best.lon,
            feature=UNRESOLVED_FEATURES.get(cue or "", cue),
            mentions=mentions,
            located_by="parent",
        )
    return Place(
        id=f"p{number}",
        name=best.name,
        country=best.country,
        admin1=best.admin1,
        lat=best.lat,
        lon=best.lon,
        feature=best.feature,
        geonames_id=best.geonames_id,
        resolved=True,
        mentions=mentions,
        actor_mentions=actor_mentions,
        located_by="gazetteer",
    )


def _merge_same_entries(groups: list[ToponymGroup]) -> list[ToponymGroup]:
    """Groups that resolved to the same gazetteer entry are one place ("US", "United States")."""
    merged: dict[int | str, ToponymGroup] = {}
    for group in groups:
        key: int | str = group.best.id if group.best is not None and group.score >= CREDIBLE else group.key
        if key in merged:
            merged[key].toponyms = sorted([*merged[key].toponyms, *group.toponyms], key=lambda t: t.start)
            merged[key].acting = sorted([*merged[key].acting, *group.acting], key=lambda t: t.start)
        else:
            merged[key] = group
    return list(merged.values())


class PlacesComponent:
    """spaCy component setting ``doc._.places`` (a list of :class:`sitroom.record.Place`)."""

    def __init__(self, gazetteer_path: str | None = None, strategy: Strategy = "context") -> None:
        self.gazetteer = get_gazetteer(Path(gazetteer_path) if gazetteer_path else None)
        self.strategy = strategy

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = self.places(doc)
        return doc

    def places(self, doc: Doc) -> list[Place]:
        """The places of one parsed document, numbered in order of first mention."""
        recogniser = Recogniser(doc, self.gazetteer, _actor_claims(doc, self.gazetteer))
        toponyms = recogniser.run()
        groups = group_toponyms(toponyms, doc_text(doc))
        Resolver(groups, self.gazetteer, recogniser.demonyms()).run()
        kept = _merge_same_entries([_without_acting_mentions(group) for group in groups if _emitted(group)])
        kept.sort(key=lambda group: group.toponyms[0].start)
        population_only, text = self.strategy == "population", doc_text(doc)
        places = [_place(n, g, text, g.score >= CREDIBLE, population_only) for n, g in enumerate(kept, start=1)]
        assign_parents(doc, places)
        return places


@Language.factory(
    "sitroom_places",
    default_config={"gazetteer_path": None, "strategy": "context"},
)
def make_places(nlp: Language, name: str, gazetteer_path: str | None, strategy: Strategy) -> PlacesComponent:
    """Factory of the places layer (``nlp.add_pipe("sitroom_places")``)."""
    del nlp, name
    layers.register_extensions()
    return PlacesComponent(gazetteer_path, strategy)
