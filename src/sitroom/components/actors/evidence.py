"""Evidence for registry links that leave the document's countries.

The registry holds some 18,000 persons of every country and the capitals that stand for their states; an
ordinary name in a report ("Mohammad Ali al-Hassan", a civilian killed in Aleppo) or a place's name ("Al
Maleh") is often a spelling of one of them. As the places layer does for a far namesake town, a registered
person or a capital read as its state, when the document names countries and not the entry's, needs evidence
in the text: its country named (a state, its people's adjective, one of its bodies or groups), one of its
registered roles in the sentence, or an actor it is affiliated with. Without it the person is an unregistered
person of the same name, and the capital is no actor. A capital in its own spelling ("Moscow said") is its
state's usual name in reports and needs none. A document that names no country has no focus to leave.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from sitroom.components.actors.mentions import Mention, token_parts
from sitroom.components.actors.vocabulary import STATE_KINDS
from sitroom.knowledge.registry import ActorEntry, Registry
from sitroom.layers import span_text, tokens_text
from sitroom.names import fold

# Kinds whose country says what the document is about (media and international bodies report on any country).
COUNTRY_KINDS = frozenset({"state", "government", "institution", "armed_group", "political_party"})


class LinkEvidence:
    """The countries and registered actors a document names, and the test of a link against them."""

    def __init__(self, doc: Doc, texts: list[str], scanned: list[Mention], registry: Registry) -> None:
        self.doc = doc
        named = [m.entry for m in scanned if m.entry is not None and not m.metonym and m.entry.kind != "person"]
        self.actor_ids = frozenset(entry.id for entry in named)
        countries = frozenset(entry.country for entry in named if entry.kind in COUNTRY_KINDS and entry.country)
        self.countries = countries | _demonym_countries(texts, registry)

    def filter(self, mentions: list[Mention]) -> list[Mention]:
        """The mentions with unsupported person links made unregistered and unsupported metonyms dropped."""
        kept: list[Mention] = []
        for mention in mentions:
            entry = mention.entry
            if entry is None or self.supported(mention, entry):
                kept.append(mention)
            elif entry.kind == "person":
                kept.append(replace(mention, entry=None, label="PERSON"))
        return kept

    def supported(self, mention: Mention, entry: ActorEntry) -> bool:
        """A link the text supports, or one that needs no support (not a person or a metonym, no country)."""
        if not (entry.kind == "person" or (mention.metonym and entry.kind in STATE_KINDS)):
            return True
        if mention.metonym and self.spelled_as_capital(mention, entry):
            return True
        if not entry.country or not self.countries or entry.country in self.countries:
            return True
        if any(affiliation in self.actor_ids for affiliation in entry.affiliations):
            return True
        sentence = f" {fold(span_text(self.doc[mention.start].sent))} "
        return any(f" {fold(role)} " in sentence for role in entry.roles)

    def spelled_as_capital(self, mention: Mention, entry: ActorEntry) -> bool:
        """The capital's own spelling ("Washington", "Beirut"), as reports name a state by its capital; a
        transliteration that only folds to it ("Al Maleh" for Male) is a namesake unless the text says more."""
        text = fold(tokens_text(self.doc, mention.start, mention.end))
        return any(fold(name) == text for name in entry.metonyms)


def _demonym_countries(texts: list[str], registry: Registry) -> frozenset[str]:
    """Countries whose people's adjective the text uses ("Sudanese officials", "a Turkish convoy")."""
    countries: set[str] = set()
    for text in {text for text in texts if text[:1].isupper()}:  # each word once
        for actor_id in registry.by_demonym.get(token_parts(text), ()):
            entry = registry.entries[actor_id]
            if entry.kind in STATE_KINDS and entry.country:
                countries.add(entry.country)
    return frozenset(countries)
