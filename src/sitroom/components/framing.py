"""Framing layer: loaded language, labels and other propaganda cues, each linked to the actor it targets.

Rules come from the framing lexicon (``knowledge/data/framing.yaml`` plus user files). A match is widened
to its natural phrase with the dependency parse ("thug" → "Putin's thug Lavrov"), and a targeted rule is
linked to the actor of ``doc._.actors`` that the phrase denotes, is in apposition to, or modifies.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from sitroom.components.attribution.lookup import attribution_at
from sitroom.components.framing_labels import label_matches
from sitroom.components.framing_literal import is_literal_use
from sitroom.components.framing_valence import ValenceRules, loaded_words
from sitroom.components.quotation_marks import inside_quotation, quotation_spans
from sitroom.knowledge.framing_lexicon import FramingLexicon, LexiconEntry, load_lexicon
from sitroom.knowledge.valence import load_valence
from sitroom.layers import doc_text, register_extensions
from sitroom.names import ARABIC_ARTICLES
from sitroom.record import Actor, Framing

NOUN_TAGS = frozenset({"NOUN", "PROPN"})
PREMODIFIERS = frozenset({"det", "poss", "amod", "compound", "nmod", "nummod", "quantmod", "predet", "advmod"})
ADVERB_MODIFIERS = frozenset({"advmod", "npadvmod", "neg"})
NAME_LINKS = frozenset({"compound", "amod", "nmod"})
NAME_JOINERS = frozenset({"-", "'", "\u2019", "\u2018"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "another", "some", "any"})
CLAUSE_EDGE_DEPS = frozenset({"cc", "mark", "punct"})
NON_CLAUSE_DEPS = frozenset({"aux", "auxpass", "amod", "acomp"})
REPEATED_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})
PHRASE_RIGHT_WINDOW = 5
ADJECTIVE_REACH = 0
HEADLINE_SHORT_WORD = 3
HEADLINE_MIN_WORDS = 3
HEADLINE_SHARE = 0.8


@dataclass(frozen=True)
class Candidate:
    """A rule match widened to its emitted span (token indices, end exclusive)."""

    start: int
    end: int
    head: int
    entry: LexiconEntry


class ActorIndex:
    """Which actor each token of the document belongs to, through the actors' mention offsets."""

    def __init__(self, doc: Doc, actors: Iterable[Actor] | None) -> None:
        self._owner: dict[int, tuple[int, str]] = {}
        for actor in actors or ():
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    self._claim(range(span.start, span.end), len(span), actor.id)

    def _claim(self, tokens: range, length: int, actor_id: str) -> None:
        for index in tokens:
            known = self._owner.get(index)
            if known is None or length < known[0]:
                self._owner[index] = (length, actor_id)

    def actor_at(self, token: Token) -> str | None:
        """The actor of the shortest mention covering the token."""
        owner = self._owner.get(token.i)
        return owner[1] if owner else None


def _neighbour(doc: Doc, index: int, step: int) -> Token | None:
    """The word next to a match, looking through a hyphen or an apostrophe inside the same word."""
    while 0 <= index < len(doc) and doc[index].text in NAME_JOINERS:
        joined = doc[index].whitespace_ == "" if step > 0 else doc[index - 1].whitespace_ == ""
        if not joined:
            return None
        index += step
    return doc[index] if 0 <= index < len(doc) else None


def _breaks_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def line_of(doc: Doc, index: int) -> tuple[int, int]:
    """Token range of the text line holding a token."""
    start = index
    while start > 0 and not _breaks_line(doc[start - 1]):
        start -= 1
    end = index
    while end < len(doc) - 1 and not _breaks_line(doc[end]):
        end += 1
    return start, end + 1


def headline_tokens(doc: Doc) -> range:
    """Token range of a title-case headline: the document's first line when nearly every longer word of it
    is capitalised; else an empty range."""
    first = next((token.i for token in doc if not token.is_space), None)
    if first is None:
        return range(0)
    start, end = line_of(doc, first)
    words = [token for token in doc[start:end] if token.is_alpha and len(token) > HEADLINE_SHORT_WORD]
    capitalised = sum(token.is_title or token.is_upper for token in words)
    if len(words) >= HEADLINE_MIN_WORDS and capitalised >= HEADLINE_SHARE * len(words):
        return range(start, end)
    return range(0)


def inside_proper_name(doc: Doc, start: int, end: int, headline: range) -> bool:
    """True when capitalised matched tokens are part of a longer proper name ("Jaish al-Mujahideen"); never
    in a title-case headline (``headline_tokens``), where every word is capitalised."""
    words = [token for token in doc[start:end] if token.is_alpha]
    if not words or not all(token.is_title or token.is_upper for token in words) or start in headline:
        return False
    neighbours = [_neighbour(doc, start - 1, -1), _neighbour(doc, end, 1)]
    return any(
        token is not None and token.is_alpha and (token.pos_ == "PROPN" or token.lower_ in ARABIC_ARTICLES)
        for token in neighbours
    )


def name_head(token: Token) -> Token:
    """The noun a label is prefixed to ("thug" in "thug Lavrov" → "Lavrov"), else the token itself."""
    head = token
    while (
        head.dep_ in NAME_LINKS
        and head.head.i > head.i
        and head.head.pos_ == "PROPN"
        and not any(between.is_space for between in head.doc[head.i : head.head.i])
    ):
        head = head.head
    return head


def adjacent_apposition(head: Token) -> Token | None:
    """A name in apposition directly after the head, without a comma ("the thug Lavrov")."""
    for child in head.rights:
        if child.dep_ == "appos" and child.left_edge.i == head.i + 1 and child.pos_ == "PROPN":
            return child
    return None


def noun_phrase(doc: Doc, start: int, end: int) -> tuple[int, int, int]:
    """Span and head of the noun phrase around a noun label: possessor, adjectives, name; "the" if modified
    or the label has several words."""
    head = name_head(doc[end - 1])
    modifiers = [child for child in head.lefts if child.dep_ in PREMODIFIERS]
    left = min([start] + [child.left_edge.i for child in modifiers if child.dep_ != "det"])
    while left < start and doc[left].lower_ in INDEFINITE:
        left += 1
    right = max(end, head.i + 1)
    apposition = adjacent_apposition(head)
    if apposition is not None:
        right = apposition.right_edge.i + 1
    definite = [child.i for child in modifiers if child.dep_ == "det" and child.lower_ in DEFINITE]
    if definite and (left < start or right > end or end - start > 1):
        left = min(left, definite[0])
    return left, right, (apposition or head).i


def modifier_phrase(doc: Doc, start: int, end: int) -> tuple[int, int, int]:
    """An adjective, adverb or verb with the adverbs before it, and an adjective with its noun ("utterly
    barbaric", "brutal crackdown")."""
    head = doc[start:end].root
    left = min([start] + [child.left_edge.i for child in head.lefts if child.dep_ in ADVERB_MODIFIERS])
    noun = head.head
    if head.dep_ == "amod" and noun.pos_ == "NOUN" and 0 <= noun.i - end <= ADJECTIVE_REACH:
        end = noun.i + 1
    return left, end, head.i


def phrase(doc: Doc, start: int, end: int) -> tuple[int, int, int]:
    """The natural phrase of a match: a noun phrase for nouns, adverb-modified word otherwise."""
    if doc[start:end].root.pos_ in NOUN_TAGS:
        return noun_phrase(doc, start, end)
    return modifier_phrase(doc, start, end)


def phrase_right(doc: Doc, start: int, end: int) -> tuple[int, int, int]:
    """The match plus the noun phrase it introduces ("so-called" + "moderate opposition")."""
    sentence_end = doc[start].sent.end
    for index in range(end, min(end + PHRASE_RIGHT_WINDOW, sentence_end)):
        if doc[index].pos_ in NOUN_TAGS:
            head = name_head(doc[index])
            return start, head.i + 1, head.i
    return start, end, doc[start:end].root.i


def clause(doc: Doc, start: int, end: int) -> tuple[int, int, int]:
    """The smallest clause holding the match: the subtree of its nearest verbal ancestor."""
    node = doc[start:end].root
    while not (node.pos_ in {"VERB", "AUX"} and node.dep_ not in NON_CLAUSE_DEPS) and node.head.i != node.i:
        node = node.head
    if node.pos_ not in {"VERB", "AUX"}:
        node = node.sent.root
    left, right = min(start, node.left_edge.i), max(end, node.right_edge.i + 1)
    return left, right, node.i


def sentence(doc: Doc, start: int, end: int) -> tuple[int, int, int]:
    """The whole sentence holding the match."""
    sent = doc[start].sent
    return sent.start, max(end, sent.end), sent.root.i


WIDENERS = {"phrase": phrase, "phrase_right": phrase_right, "clause": clause, "sentence": sentence}


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation, spaces and leading conjunctions; never below one token."""
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while end - start > 1 and (doc[start].dep_ in CLAUSE_EDGE_DEPS or doc[start].is_space):
        start += 1
    return start, end


def resolve_target(head: Token, start: int, end: int, actors: ActorIndex) -> str | None:
    """The actor a framing phrase denotes, stands in apposition to, is predicated of, or modifies."""
    candidates: list[Token] = [head]
    candidates += [child for child in head.children if child.dep_ == "appos"]
    if head.dep_ in {"appos", "amod", "attr"}:
        candidates.append(head.head)
    if head.dep_ == "attr":
        candidates += [child for child in head.head.children if child.dep_ in {"nsubj", "nsubjpass"}]
    candidates += [
        grandchild
        for child in head.children
        if child.dep_ == "prep" and child.lower_ in {"of", "in"}
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]
    candidates += [token for token in head.doc[start:end] if token.dep_ in {"poss", "compound"}]
    for token in candidates:
        actor = actors.actor_at(token)
        if actor is not None:
            return actor
    return None


def keep_longest(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Per technique, drop candidates overlapping a longer kept one. A technique's kept candidates never
    overlap one another, so sorted by start they are sorted by end too, and one binary search finds the
    only one that can overlap a new candidate."""
    kept: list[Candidate] = []
    by_technique: dict[str, list[Candidate]] = {}
    for candidate in sorted(candidates, key=lambda item: (item.start - item.end, item.start)):
        same = by_technique.setdefault(candidate.entry.technique, [])
        after = bisect_right(same, candidate.start, key=lambda other: other.end)  # first ending past its start
        if after < len(same) and same[after].start < candidate.end:
            continue
        insort(same, candidate, key=lambda other: other.start)
        kept.append(candidate)
    return sorted(kept, key=lambda item: (item.start, item.end))


def repetitions(found: Iterable[tuple[Candidate, Framing]]) -> Iterator[Framing]:
    """Later occurrences of a loaded phrase already used in the document, as Repetition.

    Phrases linked to an actor and rules marked ``repeatable: false`` are left out: naming an actor or
    one's own fighters the same way twice is consistent framing, which the outlet profile counts.
    """
    seen: set[str] = set()
    for candidate, framing in found:
        if framing.technique not in REPEATED_TECHNIQUES or framing.target or not candidate.entry.repeatable:
            continue
        key = " ".join(framing.text.lower().split())
        if key in seen:
            yield framing.model_copy(update={"technique": "Repetition"})
        seen.add(key)


def with_voice(doc: Doc, framing: Framing, quotations: list[tuple[int, int]] | None = None) -> Framing:
    """The framing item with the voice it is said in: the outlet's own, or a source's (and which attribution)."""
    attribution = attribution_at(doc, framing.start, framing.end)
    if attribution is None:
        # Loaded words inside quotation marks are someone else's (or held at a distance), not the outlet's.
        spans = quotation_spans(doc_text(doc)) if quotations is None else quotations
        quoted = inside_quotation(spans, framing.start, framing.end)
        return framing.model_copy(update={"voice": "attributed"}) if quoted else framing
    return framing.model_copy(update={"voice": "attributed", "attribution": attribution.id})


class FramingComponent:
    """spaCy component setting ``doc._.framing`` from the lexicon's rules."""

    def __init__(self, nlp: Language, lexicon: FramingLexicon) -> None:
        self.lexicon = lexicon
        self._entries = {entry.label: entry for entry in lexicon.entries}
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._patterns = Matcher(nlp.vocab)
        for entry in lexicon.entries:
            if entry.terms:
                self._phrases.add(entry.label, [nlp.make_doc(term) for term in entry.terms])
            if entry.patterns:
                self._patterns.add(entry.label, [list(pattern) for pattern in entry.patterns])
        self._valence_rules = ValenceRules(load_valence(), loaded_words(lexicon))

    def __call__(self, doc: Doc) -> Doc:
        actors = ActorIndex(doc, doc._.actors)
        candidates = keep_longest(self._candidates(doc, headline_tokens(doc)))
        found = [(candidate, self._framing(doc, candidate, actors)) for candidate in candidates]
        quotations = quotation_spans(doc_text(doc))
        framings = [
            with_voice(doc, framing, quotations)
            for framing in [framing for _, framing in found] + list(repetitions(found))
        ]
        doc._.framing = sorted(framings, key=lambda item: (item.start, item.end, item.technique))
        return doc

    def _candidates(self, doc: Doc, headline: range) -> Iterator[Candidate]:
        matches = [
            (self._entries[doc.vocab.strings[match_id]], start, end)
            for match_id, start, end in [*self._phrases(doc), *self._patterns(doc)]
        ]
        for entry, start, end in [*matches, *self._valence_rules.matches(doc), *label_matches(doc)]:
            candidate = self._widen(doc, entry, start, end, headline)
            if candidate is not None:
                yield candidate

    def _widen(self, doc: Doc, entry: LexiconEntry, start: int, end: int, headline: range) -> Candidate | None:
        root = doc[start:end].root
        if entry.pos and root.pos_ not in entry.pos:
            return None
        if entry.literal_when and is_literal_use(doc, start, end, entry):
            return None
        if entry.span != "match" and inside_proper_name(doc, start, end, headline):
            return None
        if entry.span == "match" or (entry.span == "phrase" and start in headline):
            return Candidate(start, end, root.i, entry)
        left, right, head = WIDENERS[entry.span](doc, start, end)
        left, right = trim(doc, left, right)
        return Candidate(left, right, head, entry)

    def _framing(self, doc: Doc, candidate: Candidate, actors: ActorIndex) -> Framing:
        span = doc[candidate.start : candidate.end]
        target = None
        if candidate.entry.targeted:
            target = resolve_target(doc[candidate.head], candidate.start, candidate.end, actors)
        return Framing(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            technique=candidate.entry.technique,
            target=target,
        )


@Language.factory("sitroom_framing", default_config={"extra_lexicon_paths": []})
def make_framing(nlp: Language, name: str, extra_lexicon_paths: list[str]) -> FramingComponent:
    """Factory of the framing component; ``extra_lexicon_paths`` are merged over the built-in lexicon."""
    register_extensions()
    return FramingComponent(nlp, load_lexicon([Path(path) for path in extra_lexicon_paths]))
