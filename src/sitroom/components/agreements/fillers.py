"""Role fillers: the actors a role phrase names ("between regime and Kurdish militias", "brokered by Russia
Turkey and Iran", "US-Russian-brokered").

A filler is the actor the actors layer found there. Where it found none, the phrase is resolved here, and
the actors layer is completed with the mention (an agreement's role must be an actor id): a registered
name, metonym or demonym ("Moscow", "Russian") joins the document's actor with that registry id (or a new
registered actor); a group noun ("the regime", "government forces", "non-jihadist rebels") joins the
document's actor of that name (a bare "regime" or "government" the document's only government actor), or
becomes a new actor. Pronouns are not resolved."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sitroom.components.agreements.context import Context
from sitroom.components.agreements.syntax import RELATIVE_PRONOUNS, antecedent, conjuncts, is_pronoun, lemma
from sitroom.knowledge.registry import ActorEntry, Registry
from sitroom.names import fold, name_tokens
from sitroom.record import Actor, ActorKind
from sitroom.record import Span as TextSpan

GROUP_KINDS: dict[str, ActorKind] = {
    "regime": "government",
    "government": "government",
    "authorities": "government",
    "administration": "government",
    "army": "institution",
    "military": "institution",
    "force": "institution",
    "forces": "institution",
    "troops": "institution",
    "rebel": "armed_group",
    "rebels": "armed_group",
    "opposition": "armed_group",
    "militant": "armed_group",
    "militants": "armed_group",
    "group": "armed_group",
    "groups": "armed_group",
    "faction": "armed_group",
    "factions": "armed_group",
    "militia": "armed_group",
    "militias": "armed_group",
    "fighters": "armed_group",
    "jihadists": "armed_group",
    "insurgents": "armed_group",
    "residents": "other",
    "figures": "other",
    "officers": "other",
    "observers": "other",
    "monitors": "other",
    "experts": "other",
    "inspectors": "other",
    "envoys": "other",
    "diplomats": "other",
    "officials": "government",
    "countries": "other",
    "center": "institution",
    "centre": "institution",
    "committee": "institution",
    "commission": "institution",
}
# Nouns that describe the name after them: "rebel backer Qatar", "regime ally Iran".
DESCRIPTOR_NOUNS = frozenset({"ally", "allies", "backer", "backers", "sponsor", "patron", "partner", "rival", "foe"})
# Nouns of people acting for others ("representatives of the rebels"): they stand for whom they act for.
ENVOY_NOUNS = frozenset({"representative", "delegate", "delegation", "envoy", "negotiator", "emissary"})
# Words after a name that tell the name is one of a list whose comma was lost ("Russia fellow regime ally Iran").
LIST_WORDS = frozenset({"fellow"})
NAME_TAGS = frozenset({"PROPN", "ADJ", "NOUN"})  # "Russia", "Russian", "Moscow" parsed as a noun
GOVERNMENT_WORDS = frozenset({"regime", "government", "authorities", "administration"})
STATE_KINDS = frozenset({"state", "government"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
POSSESSIVE_S = re.compile(r"(?i)^(.{3,})s$")


class Fillers:
    """Resolves role phrases of one document to its actors, completing the actors layer where needed."""

    def __init__(self, ctx: Context, registry: Registry) -> None:
        self.ctx = ctx
        self.registry = registry
        self._next = 1 + max((int(i[1:]) for i in ctx.actors if i[:1] == "a" and i[1:].isdigit()), default=0)
        self._by_key: dict[str, Actor] = {}
        self._governments: list[Actor] | None = None
        self._by_canonical: dict[str, Actor] = {}
        self._added: list[tuple[Actor, TextSpan]] = []
        self._created: set[str] = set()
        for actor in ctx.actors.values():
            self._remember(actor, actor.name)
            for mention in actor.mentions:
                self._remember(actor, mention.text)

    def _remember(self, actor: Actor, text: str) -> None:
        self._by_key.setdefault(_key(text), actor)
        if actor.canonical_id:
            self._by_canonical.setdefault(actor.canonical_id, actor)

    def _add(self, actor: Actor, span: Span) -> None:
        self._added.append((actor, self.ctx.add_mention(actor, span)))
        self._remember(actor, span.text)

    def keep_only(self, used: set[str]) -> None:
        """Withdraw the completions no agreement ended up needing: the other layers see the actors layer's
        output, completed only with the actors an agreement's role names."""
        for actor, mention in self._added:
            if actor.id not in used and mention in actor.mentions:
                actor.mentions.remove(mention)
        for actor_id in self._created - used:
            self.ctx.actors.pop(actor_id, None)

    # ------------------------------------------------------------------------------ phrases
    def actors(self, head: Token) -> list[str]:
        """The actors of the phrase headed by ``head`` and of the phrases coordinated with it."""
        found: list[str] = []
        for item in conjuncts(head):
            for actor in self._one(item):
                if actor not in found:
                    found.append(actor)
        return found

    def _one(self, token: Token) -> list[str]:
        listed = self._fellow_of(token)
        found = self._one_phrase(token)
        if listed:
            found = self._split_coordination(token, found)
        return [actor for actor in listed if actor not in found] + found

    def _fellow_of(self, token: Token) -> list[str]:
        """A name before "fellow" in the phrase, its comma lost ("Russia fellow regime ally Iran", "Egypt
        fellow mediator Qatar"), or a modifier with a dangling "and" ("Rebels and government negotiators",
        "Rebels" read as a modifier of "negotiators"): one more in the list, not a modifier of the noun."""
        doc = token.doc
        named = [
            child
            for child in token.lefts
            if child.dep_ in MODIFIER_DEPS and child.i + 1 < token.i and doc[child.i + 1].lower_ in LIST_WORDS
        ]
        found = [actor for child in named if (actor := self.ctx.token_actor.get(child.i) or self.name(child))]
        for child in token.lefts:
            dangling = [c for c in child.children if c.dep_ == "cc" and c.lower_ == "and"]
            if child.dep_ in MODIFIER_DEPS and dangling and not any(c.dep_ == "conj" for c in child.children):
                actor = self.ctx.token_actor.get(child.i) or self.name(child) or self._group(child)
                if actor is not None and actor == self.ctx.token_actor.get(token.i):
                    actor = self._group(child)  # the actors layer's one actor for "Rebels and regime forces"
                found += [actor] if actor is not None and actor not in found else []
        return found

    def _split_coordination(self, token: Token, found: list[str]) -> list[str]:
        """The actors layer's one actor for a coordination the parser read as modifiers ("Rebels and regime
        forces"): the phrase after "and" stands for the second side."""
        combined = self.ctx.token_actor.get(token.i)
        lefts = [c for child in token.lefts if child.dep_ in MODIFIER_DEPS for c in child.children]
        dangling = [c for c in lefts if c.dep_ == "cc" and c.lower_ == "and"]
        if combined is None or combined not in found or not dangling:
            return found
        second = self._group(token, start=dangling[-1].i + 1)
        return [second if actor == combined and second is not None else actor for actor in found]

    def _one_phrase(self, token: Token) -> list[str]:
        if token.lower_ in RELATIVE_PRONOUNS:
            noun = antecedent(token)
            return self.actors(noun) + self._among(noun) if noun is not None else []
        if is_pronoun(token):
            return []
        appositives = [child for child in token.children if child.dep_ == "appos"]
        if appositives and (token.i not in self.ctx.token_actor or _names_a_description(token, appositives)):
            return list(dict.fromkeys(actor for child in appositives for actor in self.actors(child)))
        if lemma(token) in ENVOY_NOUNS and (represented := self._represented(token)):
            return represented
        if any(_coordinated(child) for child in appositives) and (listed := self._listed_with(token, appositives)):
            return listed
        listed = self._compound_names(token)
        if listed:
            return listed
        members = self.group_members(token)
        if members:
            return members  # "Russian and Turkish officers": the states, not the officers
        own = self.ctx.token_actor.get(token.i)
        if own is not None:
            return [own]
        named = self.name(token)
        if named is not None:
            return [named]
        if token.pos_ == "NOUN":
            inner = self._inner_name(token)
            if inner:
                return inner
        return [group] if (group := self._group(token)) is not None else []

    def _listed_with(self, token: Token, appositives: list[Token]) -> list[str]:
        """ "Hezbollah the army and the rebels": a coordinated appositive of an actor is the rest of a list whose
        comma was lost (a description is not coordinated: "Hezbollah, the Lebanese group")."""
        own = self.ctx.token_actor.get(token.i) or self.name(token)
        if own is None:
            return []
        return list(dict.fromkeys([own, *(actor for child in appositives for actor in self.actors(child))]))

    def _represented(self, noun: Token) -> list[str]:
        """ "representatives of the rebels", "a delegation of the government": whom they act for."""
        return [a for prep in noun.children if prep.lower_ == "of" for obj in prep.children for a in self.actors(obj)]

    def _among(self, noun: Token) -> list[str]:
        """ "X was among the groups that agreed": X is one of them."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "among" or prep.head.lemma_ != "be":
            return []
        return [a for s in prep.head.children if s.dep_ in {"nsubj", "nsubjpass"} for a in self.actors(s)]

    def _inner_name(self, noun: Token) -> list[str]:
        """A name inside a common-noun phrase: "rebel backer Qatar", "regime ally Iran", "its Russian ally";
        and a coordination the parser put inside the phrase: "the Syrian government and opposition factions"."""
        following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if following is not None and following.pos_ == "PROPN" and noun.lower_ in DESCRIPTOR_NOUNS:
            named = self.ctx.token_actor.get(following.i) or self.name(following)
            if named is not None:
                return [named]
        if noun.lower_ in DESCRIPTOR_NOUNS and (modifiers := self._modifier_actors(noun)):
            return modifiers  # "its Russian ally", "their Iranian and Russian backers"
        for child in noun.children:
            if child.dep_ in {"appos", "compound", "npadvmod", "nmod"} and child.i > noun.i:
                found = self._one(child)
                if found:
                    return found
        for child in noun.lefts:
            if child.dep_ in {"nmod", "compound"} and any(c.dep_ == "conj" for c in child.children):
                first = self._one(child)
                rest = [c for c in child.children if c.dep_ == "conj"]
                group = self._group(noun, start=rest[0].left_edge.i) if rest else None
                return first + ([group] if group is not None else [])
        return []

    def _compound_names(self, token: Token) -> list[str]:
        """A list the parser read as one name ("Russia Turkey" in "Russia Turkey and Iran"): each name."""
        names = [child for child in token.lefts if child.dep_ == "compound" and child.pos_ == "PROPN"]
        if not names or self._state_entry(token) is None:
            return []
        if not all(self._state_entry(child) is not None for child in names):
            return []
        found = [actor for child in names if (actor := self.name(child)) is not None]
        own = self.ctx.token_actor.get(token.i) or self.name(token)
        return found + ([own] if own is not None else [])

    # ------------------------------------------------------------------------------ registry names
    def _entries(self, text: str) -> list[ActorEntry]:
        key = name_tokens(text)
        ids = (
            [entry.id for entry in self.registry.lookup(text, self.ctx.document_date)]
            or list(self.registry.by_metonym.get(key, ()))
            or list(self.registry.by_demonym.get(key, ()))
        )
        if not ids and (stripped := POSSESSIVE_S.match(text)) is not None and text[:1].isupper():
            return self._entries(stripped.group(1))  # "Russias" (an apostrophe lost in the source)
        return [self.registry.entries[actor_id] for actor_id in ids if actor_id in self.registry.entries]

    def lost_possessive(self, token: Token) -> bool:
        """A name whose possessive lost its apostrophe in the source ("Russias unilateral ceasefire")."""
        text = token.text
        if not text[:1].isupper() or not text.endswith("s") or self.registry.lookup(text):
            return False
        return POSSESSIVE_S.match(text) is not None and bool(self._entries(text))

    def _state_entry(self, token: Token) -> ActorEntry | None:
        if not token.text[:1].isupper():
            return None
        return next((entry for entry in self._entries(token.text) if entry.kind in STATE_KINDS), None)

    def name(self, token: Token) -> str | None:
        """The actor a capitalised name token stands for (existing, else a new registered one)."""
        if token.i in self.ctx.token_actor:
            return self.ctx.token_actor[token.i]
        if not token.text[:1].isupper() or (token.is_sent_start and token.pos_ != "PROPN"):
            return None
        entries = self._entries(token.text)
        if not entries:
            return None
        entry = entries[0]
        span = token.doc[token.i : token.i + 1]
        existing = self._by_canonical.get(entry.id) or self._new_actor(entry.name, entry.kind, entry.id)
        self._add(existing, span)
        return existing.id

    # ------------------------------------------------------------------------------ group nouns
    def _group(self, head: Token, start: int | None = None) -> str | None:
        word = head.lower_
        kind = GROUP_KINDS.get(word)
        if kind is None:
            return None
        span = head.doc[start : head.i + 1] if start is not None else self._phrase(head)
        words = {token.lower_ for token in span}
        actor = self._same_name(span.text) or (self._government() if words & GOVERNMENT_WORDS else None)
        if actor is None:
            actor = self._new_actor(span.text, "government" if words & GOVERNMENT_WORDS else kind, None)
        self._add(actor, span)
        return actor.id

    def group_members(self, head: Token) -> list[str]:
        """The actors a group of people stands for: "Russian and US military figures" → Russia, US military."""
        if GROUP_KINDS.get(head.lower_) != "other":
            return []
        return self._modifier_actors(head)

    def _modifier_actors(self, head: Token) -> list[str]:
        found: list[str] = []
        for child in head.lefts:
            if child.dep_ not in MODIFIER_DEPS:
                continue
            for item in conjuncts(child):
                actor = self.ctx.token_actor.get(item.i) or self.name(item)
                if actor is not None and actor not in found:
                    found.append(actor)
        return found

    def _phrase(self, head: Token) -> Span:
        """The head noun with its adjective and noun modifiers ("US-backed opposition groups", "Syrian regime
        army")."""
        start = head.i
        for child in sorted(head.lefts, key=lambda item: item.i):
            if child.dep_ in MODIFIER_DEPS:
                start = min(start, child.left_edge.i)
        return head.doc[start : head.i + 1]

    def _same_name(self, text: str) -> Actor | None:
        return self._by_key.get(_key(text))

    def _government(self) -> Actor | None:
        if self._governments is None:
            self._governments = [actor for actor in self.ctx.actors.values() if actor.kind == "government"]
        return self._governments[0] if len(self._governments) == 1 else None

    def _new_actor(self, name: str, kind: ActorKind, canonical_id: str | None) -> Actor:
        while f"a{self._next}" in self.ctx.actors:
            self._next += 1
        actor = Actor(
            id=f"a{self._next}",
            name=name,
            kind=kind,
            mentions=[],
            registered=canonical_id is not None,
            canonical_id=canonical_id,
        )
        self.ctx.actors[actor.id] = actor
        self._created.add(actor.id)
        return actor


def _names_a_description(noun: Token, appositives: list[Token]) -> bool:
    """ "regime allies Iran and Russia", "two rival groups, the Free Army and the Islamic Front": a common
    noun describing the names in apposition to it stands for them, though the actors layer made it an actor."""
    return noun.pos_ == "NOUN" and not noun.text[:1].isupper() and any(c.pos_ == "PROPN" for c in appositives)


def _coordinated(token: Token) -> bool:
    return any(child.dep_ == "conj" for child in token.children)


def _key(text: str) -> str:
    """A name's matching key: folded, without a leading article."""
    return fold(text).removeprefix("the ")
