"""Speaker resolution: the actor (or anonymous source) a reporting cue attributes to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitroom.components.attribution.actor_index import ActorIndex, Mention
from sitroom.components.attribution.text_geometry import Sentence
from sitroom.components.attribution.vocabulary import (
    CLAUSAL_DEPS,
    DESCRIPTOR_KINDS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    RELATIVE_WORDS,
    ROLE_NOUNS,
)
from sitroom.knowledge.reporting import ReportingLexicon
from sitroom.record import Actor


@dataclass(frozen=True)
class Speaker:
    """Who a cue attributes to: an actor id, an anonymous source, or no one resolvable."""

    actor: str | None = None
    anonymous: bool = False


def subtree_without_clauses(token: Token, keep: Token | None = None) -> list[Token]:
    """The token's subtree minus relative and other clausal dependents (unless they hold ``keep``)."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in CLAUSAL_DEPS and (keep is None or keep not in child.subtree):
            continue
        tokens.extend(subtree_without_clauses(child, keep))
    return tokens


def is_possessor(text: str, mention: Mention) -> bool:
    """The mention owns something ("Putin's thug"): it describes, it does not speak."""
    return bool(re.match(r"\s*['\u2019]s?\b", text[mention.end : mention.end + 3]))


def under_preposition(token: Token, head: Token) -> bool:
    """True when a ``prep`` link lies between ``token`` and ``head``."""
    while token != head and token.head != token:
        if token.dep_ in ("prep", "pobj"):
            return True
        token = token.head
    return False


class SpeakerResolver:
    """Finds the actor a reporting cue attributes to."""

    def __init__(self, doc: Doc, text: str, index: ActorIndex, lexicon: ReportingLexicon) -> None:
        self.doc = doc
        self.text = text
        self.index = index
        self.lexicon = lexicon

    def resolve(self, cue: Token, sentence: Sentence) -> Speaker:
        subject = self.subject(cue, sentence)
        if subject is None:
            if is_passive(cue):
                return Speaker(anonymous=True)
            return self.by_position(cue, sentence)
        return self.from_subject(subject, cue)

    def subject(self, cue: Token, sentence: Sentence) -> Token | None:
        """The cue's subject, or the agent of a passive cue, inside the sentence; expletive "it" is none."""
        for child in cue.children:
            if not sentence.first <= child.i < sentence.last:
                continue
            if child.dep_ == "agent":
                return next((t for t in child.children if t.dep_ == "pobj"), None)
            if child.dep_ == "nsubj" or (child.dep_ == "pobj" and cue.lower_ == "according"):
                return child
        return None

    def from_subject(self, subject: Token, cue: Token) -> Speaker:
        if subject.lower_ in PERSON_PRONOUNS:
            return Speaker(self._id(self.index.latest_before(subject.idx, lambda a: a.kind == "person")))
        if subject.lower_ in GROUP_PRONOUNS:
            return Speaker(self._id(self.index.latest_before(subject.idx, lambda a: a.kind != "person")))
        actor = self.best_in(subtree_without_clauses(subject, keep=cue), subject, cue)
        if actor is not None:
            return Speaker(actor)
        return self.by_description(subject)

    def by_description(self, subject: Token) -> Speaker:
        """Descriptors ("the portal", "sources"): a definite descriptor names the latest actor of its kind."""
        lemma = subject.lemma_.lower()
        if lemma in self.lexicon.anonymous_nouns or subject.lower_ in self.lexicon.anonymous_nouns:
            return Speaker(anonymous=True)
        kinds = DESCRIPTOR_KINDS.get(lemma)
        definite = any(child.dep_ == "det" and child.lower_ in ("the", "this", "that") for child in subject.children)
        if kinds and definite:
            return Speaker(self._id(self.index.latest_before(subject.idx, lambda a: a.kind in kinds)))
        return Speaker()

    def best_in(self, tokens: list[Token], head: Token, cue: Token) -> str | None:
        """The speaking actor among the tokens: the head's own mention, else a person, else a name."""
        role_head = head.lemma_.lower() in ROLE_NOUNS
        ranked: list[tuple[int, int, str]] = []
        for token in tokens:
            for mention in self.index.overlapping(token.idx, token.idx + len(token)):
                if is_possessor(self.text, mention):
                    continue
                rank = self.rank(mention, token, head, role_head)
                if rank is not None:
                    ranked.append((rank, abs(cue.idx - mention.start), mention.actor.id))
        return min(ranked)[2] if ranked else None

    @staticmethod
    def rank(mention: Mention, token: Token, head: Token, role_head: bool) -> int | None:
        if token == head:
            return 0
        if mention.actor.kind == "person":
            return 1
        if not under_preposition(token, head):
            return 2
        return 3 if role_head else None

    def by_position(self, cue: Token, sentence: Sentence) -> Speaker:
        """No parsed subject: the nearest actor in the cue's clause, before it, else just after it."""
        clause = self.clause_before(cue, sentence)
        actor = self.nearest(clause, cue)
        if actor is None:
            after = []
            for token in self.doc[cue.i + 1 : sentence.last]:
                if token.is_punct:
                    break
                after.append(token)
            actor = self.nearest(after, cue)
        return Speaker(actor)

    def clause_before(self, cue: Token, sentence: Sentence) -> list[Token]:
        """Tokens from the cue's clause start up to the cue, without embedded clauses that do not hold it."""
        excluded: set[int] = set()
        for token in self.doc[sentence.first : cue.i]:
            if token.dep_ in ("relcl", "acl") and cue not in token.subtree:
                excluded.update(t.i for t in token.subtree)
        start = sentence.first
        for token in self.doc[sentence.first : cue.i]:
            if token.lower_ in RELATIVE_WORDS and token.i not in excluded:
                start = token.i + 1
        return [t for t in self.doc[start : cue.i] if t.i not in excluded]

    def nearest(self, tokens: list[Token], cue: Token) -> str | None:
        ranked: list[tuple[int, int, str]] = []
        for token in tokens:
            for mention in self.index.overlapping(token.idx, token.idx + len(token)):
                if not is_possessor(self.text, mention):
                    person_rank = 0 if mention.actor.kind == "person" else 1
                    ranked.append((person_rank, abs(cue.idx - mention.start), mention.actor.id))
        return min(ranked)[2] if ranked else None

    @staticmethod
    def _id(actor: Actor | None) -> str | None:
        return actor.id if actor is not None else None


def is_cue_verb(token: Token, lexicon: ReportingLexicon) -> bool:
    return token.tag_.startswith("VB") and lexicon.is_reporting_verb(token.text, token.lemma_)


def is_passive(cue: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in cue.children)
