"""Sources of attributions: the words naming who speaks, their type and kind, and the actor they resolve to.

A source is *named* when its head is a name or an actor's mention, a *pronoun* ("he", "they", "who"),
a *description* when it is a definite singular description ("the spokesman", "the ministry"), *anonymous*
when its head noun names no one ("sources", "a security source") or nothing is said ("it is reported"),
and *collective* otherwise: an unnamed group ("activists", "state media", "intelligence agencies").
Pronouns and descriptions resolve to the nearest compatible actor before them; a nearby subject or earlier
source is preferred to any other mention (a small salience-ordered resolver; see the package docstring).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from sitroom.components.attribution.actor_index import ActorIndex, Mention
from sitroom.components.attribution.text_geometry import Sentence, trimmed
from sitroom.components.attribution.vocabulary import (
    CLAUSAL_DEPS,
    DEFINITE_DETERMINERS,
    DESCRIPTOR_KINDS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PRONOUN_TAGS,
    RELATIVE_PRONOUNS,
    RELATIVE_WORDS,
    ROLE_NOUNS,
    SOURCE_KINDS,
    SUBJECT_DEPS,
    THING_PRONOUNS,
)
from sitroom.knowledge.reporting import ReportingLexicon
from sitroom.record import Actor, ActorKind, SourceType

SALIENT_SENTENCES = 2
SEARCH_SENTENCES = 4
_POSSESSIVE = re.compile(r"\s*['\u2019]s?\b")


@dataclass(frozen=True)
class Source:
    """Who an attribution is attributed to: type, the source's words (offsets) and the resolved actor."""

    type: SourceType
    start: int | None = None
    end: int | None = None
    actor: Actor | None = None
    kind: ActorKind | None = None

    @property
    def anonymous(self) -> bool:
        return self.type in ("collective", "anonymous")

    @property
    def actor_id(self) -> str | None:
        return self.actor.id if self.actor is not None else None


UNSAID = Source("anonymous")


def subtree_without_clauses(token: Token, keep: Token | None = None) -> list[Token]:
    """The token's subtree minus relative and other clausal dependents (unless they hold ``keep``)."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in CLAUSAL_DEPS and (keep is None or not (keep == child or child.is_ancestor(keep))):
            continue
        tokens.extend(subtree_without_clauses(child, keep))
    return tokens


def is_possessor(text: str, mention: Mention) -> bool:
    """The mention owns something ("Putin's thug"): it describes, it does not speak."""
    return bool(_POSSESSIVE.match(text, mention.end, mention.end + 3))


def under_preposition(token: Token, head: Token) -> bool:
    """True when a ``prep`` link lies between ``token`` and ``head``."""
    while token != head and token.head != token:
        if token.dep_ in ("prep", "pobj"):
            return True
        token = token.head
    return False


def is_pronoun(token: Token) -> bool:
    return token.tag_ in PRONOUN_TAGS or token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS


def kind_of(head: Token) -> ActorKind | None:
    """The kind of actor an unnamed source's head noun denotes, by its lemma or its form ("media")."""
    return SOURCE_KINDS.get(head.lemma_.lower()) or SOURCE_KINDS.get(head.lower_)


def is_passive(cue: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in cue.children)


class SourceResolver:
    """Finds, types and resolves the source of a reporting cue."""

    def __init__(self, doc: Doc, text: str, index: ActorIndex, lexicon: ReportingLexicon) -> None:
        self.doc = doc
        self.text = text
        self.index = index
        self.lexicon = lexicon
        self.sentence_starts: list[int] = []
        self.earlier_sources: list[tuple[int, Actor]] = []
        self.source_starts: set[int] = set()

    def remember(self, source: Source) -> None:
        """An earlier source is the most salient antecedent of a later pronoun."""
        if source.actor is not None and source.start is not None:
            self.earlier_sources.append((source.start, source.actor))
            self.source_starts.add(source.start)

    # finding the source words

    def of_verb(self, cue: Token, sentence: Sentence) -> Source:
        """The source of a cue verb: its subject or agent, a shared subject, else the nearest actor."""
        subject = self.subject(cue, sentence)
        if subject is None:
            if is_passive(cue):
                return UNSAID
            return self.by_position(cue, sentence)
        return self.of_phrase(subject, cue, sentence)

    def subject(self, cue: Token, sentence: Sentence) -> Token | None:
        """The cue's subject or passive agent inside the sentence (expletive "it" is none); a cue joined to
        another verb ("said ..., adding that") takes that verb's subject."""
        verb: Token | None = cue
        for _ in range(3):
            if verb is None:
                return None
            for child in verb.children:
                if not sentence.first <= child.i < sentence.last:
                    continue
                if child.dep_ == "agent":
                    return next((t for t in child.children if t.dep_ == "pobj"), None)
                if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and child.lower_ != "it" and verb is not cue):
                    return child
            if (
                verb.dep_ not in ("conj", "advcl", "xcomp")
                or verb.head == verb
                or verb.head.pos_ not in ("VERB", "AUX")
            ):
                return None
            verb = verb.head
        return None

    def of_phrase(self, head: Token, cue: Token, sentence: Sentence) -> Source:
        """Type and resolve the noun phrase headed by ``head``."""
        tokens = [t for t in subtree_without_clauses(head, keep=cue) if sentence.first <= t.i < sentence.last]
        tokens = [t for t in tokens if t.i != cue.i] or [head]
        start, end = trimmed(self.text, min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens))
        if end <= start:
            start, end = head.idx, head.idx + len(head)
        lemma = head.lemma_.lower()
        if is_pronoun(head):
            actor = self.pronoun(head, cue)
            return Source("pronoun", start, end, actor, actor.kind if actor else None)
        if lemma in self.lexicon.anonymous_nouns or head.lower_ in self.lexicon.anonymous_nouns:
            return Source("anonymous", start, end, None, kind_of(head))
        actor = self.best_in(tokens, head, cue)
        if head.pos_ == "PROPN" or (actor is not None and self.mentioned_at(head, actor)):
            return Source("named", start, end, actor, actor.kind if actor else None)
        plural = head.tag_ in ("NNS", "NNPS")
        definite = any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE_DETERMINERS for c in head.children)
        if definite and not plural:
            described = actor or self.described(head)
            kind = described.kind if described else kind_of(head)
            return Source("description", start, end, described, kind)
        return Source("collective", start, end, actor, actor.kind if actor else kind_of(head))

    def of_possessor(self, head: Token, cue: Token, sentence: Sentence) -> Source:
        """The owner of a cue noun ("Olsen's refusal"): a possessor speaks, unlike the possessor in a
        source phrase ("Putin's envoy"), so its own mention names the actor."""
        source = self.of_phrase(head, cue, sentence)
        if source.actor is not None or source.type != "named":
            return source
        mention = next(iter(self.index.overlapping(head.idx, head.idx + len(head))), None)
        if mention is None:
            return source
        return replace(source, actor=mention.actor, kind=mention.actor.kind)

    def mentioned_at(self, head: Token, actor: Actor) -> bool:
        return any(m.actor is actor for m in self.index.overlapping(head.idx, head.idx + len(head)))

    def best_in(self, tokens: list[Token], head: Token, cue: Token) -> Actor | None:
        """The speaking actor among the tokens: the head's own mention, else a person, else a name."""
        role_head = head.lemma_.lower() in ROLE_NOUNS
        ranked: list[tuple[int, int, int, Actor]] = []
        for token in tokens:
            for mention in self.index.overlapping(token.idx, token.idx + len(token)):
                if is_possessor(self.text, mention):
                    continue
                rank = self.rank(mention, token, head, role_head)
                if rank is not None:
                    ranked.append((rank, abs(cue.idx - mention.start), mention.start, mention.actor))
        return min(ranked, key=lambda r: r[:3])[3] if ranked else None

    @staticmethod
    def rank(mention: Mention, token: Token, head: Token, role_head: bool) -> int | None:
        if token == head:
            return 0
        if mention.actor.kind == "person":
            return 1
        if not under_preposition(token, head):
            return 2
        return 3 if role_head else None

    def by_position(self, cue: Token, sentence: Sentence) -> Source:
        """No parsed subject: the nearest actor in the cue's clause before it, else just after it."""
        clause = self.clause_before(cue, sentence)
        mention = self.nearest(clause, cue)
        if mention is None:
            after = []
            for token in self.doc[cue.i + 1 : sentence.last]:
                if token.is_punct:
                    break
                after.append(token)
            mention = self.nearest(after, cue)
        if mention is None:
            return Source("anonymous")
        return Source("named", mention.start, mention.end, mention.actor, mention.actor.kind)

    def clause_before(self, cue: Token, sentence: Sentence) -> list[Token]:
        """Tokens from the cue's clause start up to the cue, without embedded clauses that do not hold it."""
        excluded: set[int] = set()
        for token in self.doc[sentence.first : cue.i]:
            if token.dep_ in ("relcl", "acl") and not token.is_ancestor(cue):
                excluded.update(t.i for t in token.subtree)
        start = sentence.first
        for token in self.doc[sentence.first : cue.i]:
            if token.lower_ in RELATIVE_WORDS and token.i not in excluded:
                start = token.i + 1
        return [t for t in self.doc[start : cue.i] if t.i not in excluded]

    def nearest(self, tokens: list[Token], cue: Token) -> Mention | None:
        ranked: list[tuple[int, int, int, Mention]] = []
        for token in tokens:
            for mention in self.index.overlapping(token.idx, token.idx + len(token)):
                if not is_possessor(self.text, mention):
                    person_rank = 0 if mention.actor.kind == "person" else 1
                    ranked.append((person_rank, abs(cue.idx - mention.start), mention.start, mention))
        return min(ranked, key=lambda r: r[:3])[3] if ranked else None

    # resolving pronouns and descriptions

    def pronoun(self, token: Token, cue: Token) -> Actor | None:
        """The actor a pronoun source stands for: a relative pronoun's antecedent, else the nearest
        compatible actor before it, preferring subjects and earlier sources of the last two sentences; beyond
        ``SEARCH_SENTENCES``, the latest compatible earlier source, else the latest compatible mention."""
        lower = token.lower_
        if token.tag_ in ("WP", "WDT") or lower in RELATIVE_PRONOUNS:
            return self.antecedent_of_relative(token)
        accept: Callable[[Actor], bool]
        if lower in PERSON_PRONOUNS:
            accept = lambda actor: actor.kind == "person"  # noqa: E731
        elif lower in THING_PRONOUNS:
            accept = lambda actor: actor.kind != "person"  # noqa: E731
        else:
            accept = lambda actor: True  # noqa: E731
        return self.salient_before(token, accept)

    def antecedent_of_relative(self, token: Token) -> Actor | None:
        """ "X, who said ...": the actor of the noun the relative clause modifies."""
        clause = token.head
        while clause.dep_ not in ("relcl", "acl") and clause.head != clause:
            clause = clause.head
        noun = clause.head
        if noun == clause:
            return None
        tokens = subtree_without_clauses(noun)
        return self.best_in(tokens, noun, token)

    def salient_before(self, token: Token, accept: Callable[[Actor], bool]) -> Actor | None:
        sentence = self.sentence_index(token.idx)
        window = self.index.starting_between(self.sentence_start(sentence - SEARCH_SENTENCES), token.idx)
        ranked: list[tuple[bool, int, int, int, Actor]] = []
        for mention in window:
            if mention.end > token.idx:
                break
            if not accept(mention.actor) or is_possessor(self.text, mention):
                continue
            gap = sentence - self.sentence_index(mention.start)
            salient = mention.start in self.source_starts or self.is_subject_at(mention.start)
            ranked.append((gap >= SALIENT_SENTENCES, 0 if salient else 1, gap, -mention.start, mention.actor))
        if ranked:
            return min(ranked, key=lambda r: r[:4])[4]
        for start, actor in reversed(self.earlier_sources):
            if start < token.idx and accept(actor):
                return actor
        return self.index.latest_before(token.idx, accept)

    def is_subject_at(self, offset: int) -> bool:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        token = span[0]
        while token.dep_ in ("compound", "amod", "det", "poss", "flat") and token.head != token:
            token = token.head
        return token.dep_ in SUBJECT_DEPS

    def sentence_index(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset)

    def sentence_start(self, index: int) -> int:
        """The first offset whose ``sentence_index`` is at least ``index``."""
        return self.sentence_starts[index - 1] if index >= 1 else 0

    def described(self, head: Token) -> Actor | None:
        """A definite descriptor ("the portal", "the ministry") names the latest actor of its kind."""
        kinds = DESCRIPTOR_KINDS.get(head.lemma_.lower())
        if not kinds:
            return None
        return self.index.latest_before(head.idx, lambda a: a.kind in kinds)
