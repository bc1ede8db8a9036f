"""Attribution finding: reporting cues of a sentence with the content span each one attributes."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitroom.components.attribution.quotes import QuoteSpan, in_spans
from sitroom.components.attribution.speakers import (
    Speaker,
    SpeakerResolver,
    is_cue_verb,
    is_passive,
    subtree_without_clauses,
)
from sitroom.components.attribution.text_geometry import STRIP_TRAILING, Sentence, trimmed, word_count
from sitroom.components.attribution.vocabulary import MODIFIER_DEPS, SEGMENT_DEPS
from sitroom.knowledge.reporting import ReportingLexicon

MIN_CLAIM_WORDS = 3


@dataclass
class Attribution:
    """One reporting cue with its content span and speaker."""

    cue: str
    cue_index: int
    cue_start: int
    content: tuple[int, int]
    speaker: Speaker
    running: bool
    outer: list[str] = field(default_factory=list)


class AttributionFinder:
    """Reporting cues of one document with the span each one attributes."""

    def __init__(self, doc: Doc, text: str, resolver: SpeakerResolver, lexicon: ReportingLexicon) -> None:
        self.doc = doc
        self.text = text
        self.resolver = resolver
        self.lexicon = lexicon

    def in_sentence(self, sentence: Sentence, quotes: list[QuoteSpan]) -> list[Attribution]:
        found = []
        for token in self.doc[sentence.first : sentence.last]:
            if in_spans(token.idx, quotes):
                continue
            attribution = self.from_token(token, sentence)
            if attribution is not None and word_count(self.span_text(attribution.content)) >= MIN_CLAIM_WORDS:
                found.append(attribution)
        return nest(found)

    def span_text(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def from_token(self, token: Token, sentence: Sentence) -> Attribution | None:
        if token.lower_ == "according" and token.i + 1 < sentence.last and self.doc[token.i + 1].lower_ == "to":
            return self.according_to(token, sentence)
        if token.lower_ in self.lexicon.hedge_adverbs:
            return self.hedge_adverb(token, sentence)
        if is_cue_verb(token, self.lexicon) and not any(child.dep_ == "neg" for child in token.children):
            return self.reporting_verb(token, sentence)
        return None

    def according_to(self, token: Token, sentence: Sentence) -> Attribution | None:
        to = self.doc[token.i + 1]
        source = next((t for t in to.children if t.dep_ == "pobj"), None)
        if source is None:
            return None
        segment = (token.i, max(t.i for t in source.subtree))
        content = self.side_content(clause_range(token.head, sentence), segment)
        speaker = self.resolver.from_subject(source, token)
        cue = self.text[token.idx : to.idx + len(to)]
        return Attribution(cue, token.i, token.idx, content, speaker, running=False) if content else None

    def hedge_adverb(self, token: Token, sentence: Sentence) -> Attribution | None:
        first, last = clause_range(token.head, sentence)
        content = trimmed(self.text, self.doc[first].idx, self.doc[last - 1].idx + len(self.doc[last - 1]))
        return Attribution(token.text, token.i, token.idx, content, Speaker(anonymous=True), running=False)

    def reporting_verb(self, cue: Token, sentence: Sentence) -> Attribution | None:
        complement = self.complement(cue, sentence)
        content = self.span_of(complement) if complement is not None else self.parenthetical(cue, sentence)
        if content is None:
            return None
        speaker = self.resolver.resolve(cue, sentence)
        cue_text = self.anonymous_cue(cue) if speaker.anonymous and is_passive(cue) else cue.text
        return Attribution(cue_text, cue.i, cue.idx, content, speaker, running=cue.tag_ in ("VBZ", "VBP"))

    def anonymous_cue(self, cue: Token) -> str:
        """The cue with its expletive subject and auxiliary ("It is reported"), else the cue alone."""
        expletive = [c for c in cue.children if c.dep_ == "nsubjpass" and c.lower_ == "it"]
        if not expletive:
            return cue.text
        return self.text[expletive[0].idx : cue.idx + len(cue)]

    def complement(self, cue: Token, sentence: Sentence) -> tuple[int, int] | None:
        """Token range (inclusive) of the reported clause in the sentence, preferring one after the cue."""
        for after in (True, False):
            for clause in cue.children:
                if clause.dep_ != "ccomp" or (clause.i > cue.i) != after:
                    continue
                tokens = [
                    t.i for t in clause.subtree if sentence.first <= t.i < sentence.last and (t.i > cue.i) == after
                ]
                if tokens:
                    return min(tokens), max(tokens)
        return self.passive_complement(cue, sentence)

    @staticmethod
    def passive_complement(cue: Token, sentence: Sentence) -> tuple[int, int] | None:
        """Subject and infinitive of a passive cue ("The regime is reported to have ...")."""
        subjects = [c for c in cue.children if c.dep_ == "nsubjpass" and c.tag_ not in ("WDT", "WP")]
        clause = next((c for c in cue.children if c.dep_ == "xcomp"), None)
        if not subjects or clause is None:
            return None
        tokens = [t.i for t in (*subjects[0].subtree, *clause.subtree) if sentence.first <= t.i < sentence.last]
        return min(tokens), max(tokens)

    def span_of(self, tokens: tuple[int, int]) -> tuple[int, int] | None:
        """Character span of an inclusive token range, without a leading "that"."""
        first, last = tokens
        if self.doc[first].lower_ == "that" and self.doc[first].dep_ == "mark":
            first += 1
        if first > last:
            return None
        return trimmed(self.text, self.doc[first].idx, self.doc[last].idx + len(self.doc[last]))

    def parenthetical(self, cue: Token, sentence: Sentence) -> tuple[int, int] | None:
        """Content beside a set-off cue ("In addition, says Debka, the US ...", "... the WHO said on Wednesday.")."""
        if self.modifies_a_noun(cue) or any(c.dep_ == "dobj" and cue.lemma_ != "tell" for c in cue.children):
            return None
        segment_tokens = [cue]
        for child in cue.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                segment_tokens.extend(subtree_without_clauses(child))
            elif child.dep_ in SEGMENT_DEPS:
                segment_tokens.extend(child.subtree)
        inside = sorted(t.i for t in segment_tokens if sentence.first <= t.i < sentence.last)
        while len(inside) > 1 and self.doc[inside[-1]].is_punct:
            inside.pop()
        segment = (inside[0], inside[-1])
        if not self.delimited(segment, sentence):
            return None
        return self.side_content((sentence.first, sentence.last), segment)

    @staticmethod
    def modifies_a_noun(cue: Token) -> bool:
        """A participle or relative clause ("a document declaring ..."), unless it has a subject of its own
        (an unpunctuated "... a nerve agent the WHO said", parsed as a relative clause)."""
        if cue.dep_ == "relcl":
            return not any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in cue.children)
        return cue.dep_ in MODIFIER_DEPS

    def delimited(self, segment: tuple[int, int], sentence: Sentence) -> bool:
        """The attribution is set off by commas or dashes, or closes the sentence."""
        before = self.doc[segment[0] - 1] if segment[0] > sentence.first else None
        after = self.doc[segment[1] + 1] if segment[1] + 1 < sentence.last else None
        closes_sentence = after is None or (after.is_punct and after.i == sentence.last - 1)
        opens_with_comma = before is None or before.text in (",", "-", "\u2013", "\u2014")
        return closes_sentence or (opens_with_comma and after is not None and after.text == ",")

    def side_content(self, clause: tuple[int, int], segment: tuple[int, int]) -> tuple[int, int] | None:
        """The longer stretch of the clause before or after the attribution segment."""
        sides = [(clause[0], segment[0]), (segment[1] + 1, clause[1])]
        spans = []
        for first, last in sides:
            if first < last:
                start, end = self.doc[first].idx, self.doc[last - 1].idx + len(self.doc[last - 1])
                spans.append(trimmed(self.text, start, end, trailing=STRIP_TRAILING + "."))
        spans = [span for span in spans if span[1] > span[0]]
        return max(spans, key=lambda span: word_count(self.span_text(span)), default=None)


def clause_range(head: Token, sentence: Sentence) -> tuple[int, int]:
    """Token range of the head's subtree inside the sentence (end exclusive)."""
    inside = [t.i for t in head.subtree if sentence.first <= t.i < sentence.last]
    return (min(inside), max(inside) + 1) if inside else (sentence.first, sentence.last)


def nest(found: list[Attribution]) -> list[Attribution]:
    """A cue inside another cue's content records the outer speakers in ``outer``; outer cues are dropped."""
    kept = []
    for outer in sorted(found, key=lambda a: a.content[0] - a.content[1]):
        inner = [a for a in found if a is not outer and outer.content[0] <= a.cue_start < outer.content[1]]
        for attribution in inner:
            if outer.speaker.actor is not None:
                attribution.outer.append(outer.speaker.actor)
        if not inner:
            kept.append(outer)
    return sorted(kept, key=lambda a: a.cue_start)
