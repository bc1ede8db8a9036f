"""Attribution: direct and indirect quotes with their speakers, and claims with their source chains.

A claim's ``source_chain`` runs from the outermost reporter (the document's outlet, when it is an actor) to
the innermost source. A named source that reports in the present tense ("Debka says that ...") runs on over
the following sentences until another attribution, a heading, or ``MAX_CARRY`` sentences without a fresh
cue. Anonymous attributions ("It is reported that", "sources said") keep only the outlet and are hedged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom import layers
from sitroom.knowledge.reporting import ReportingLexicon, reporting_lexicon
from sitroom.names import fold
from sitroom.record import Actor, Claim, Quote

MAX_CARRY = 4
MIN_CLAIM_WORDS = 3
MIN_CARRIED_WORDS = 4
MAX_CUE_DISTANCE = 15
MAX_TRAILING_ATTRIBUTION_TOKENS = 12

CLAUSAL_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"})
SEGMENT_DEPS = frozenset({"prep", "npadvmod", "advmod", "agent", "dative", "aux", "auxpass", "neg"})
MODIFIER_DEPS = frozenset({"acl", "amod", "pcomp", "pobj"})
RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", ";", ":"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
ROLE_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "minister", "official", "head", "chief", "leader",
     "commander", "representative", "envoy", "ambassador", "director", "secretary", "president",
     "member", "source", "officer", "ringleader"}
)  # fmt: skip
DESCRIPTOR_KINDS: dict[str, frozenset[str]] = {
    noun: frozenset(kinds.split())
    for nouns, kinds in (
        ("portal website site newspaper paper outlet channel broadcaster daily magazine station", "media"),
        ("agency", "media institution"),
        ("ministry army military court council office department", "institution"),
        ("minister spokesman spokeswoman president official leader commander envoy ambassador", "person"),
        ("group militia movement faction organisation organization", "armed_group international_org"),
        ("government regime authorities", "government state"),
        ("charity monitor observatory", "institution international_org other"),
    )
    for noun in nouns.split()
}
_QUOTE_MARKS = {'"': "straight", "\u201c": "open", "\u201d": "close", "\u00ab": "open", "\u00bb": "close"}
_TERMINAL = re.compile(r"[.!?:\"\u201d']\s*$")
_STRIP_LEADING = " \t\n,;:-\u2013\u2014\"\u201c\u201d'"
_STRIP_TRAILING = ' \t\n,;:-\u2013\u2014"\u201c\u201d'


@dataclass(frozen=True)
class Sentence:
    """A spaCy sentence clipped to one paragraph (token indices end-exclusive)."""

    start: int
    end: int
    first: int
    last: int
    heading: bool


@dataclass(frozen=True)
class Speaker:
    """Who a cue attributes to: an actor id, an anonymous source, or no one resolvable."""

    actor: str | None = None
    anonymous: bool = False


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


@dataclass(frozen=True)
class QuoteSpan:
    start: int
    end: int
    closed: bool


# --- text geometry -----------------------------------------------------------------------------------


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines of the text."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def trimmed(text: str, start: int, end: int, trailing: str = _STRIP_TRAILING) -> tuple[int, int]:
    """Range without surrounding spaces, quote marks and clause punctuation."""
    while start < end and text[start] in _STRIP_LEADING:
        start += 1
    while end > start and text[end - 1] in trailing:
        end -= 1
    return start, end


def clipped_sentences(doc: Doc, text: str) -> list[Sentence]:
    """spaCy sentences cut at paragraph boundaries, without surrounding whitespace."""
    result = []
    sents = list(doc.sents)
    for para_start, para_end in paragraphs(text):
        heading = is_heading(text[para_start:para_end])
        for sent in sents:
            if sent.end_char <= para_start or sent.start_char >= para_end:
                continue
            start, end = max(sent.start_char, para_start), min(sent.end_char, para_end)
            start, end = trimmed(text, start, end, trailing=" \t\n")
            tokens = [t.i for t in sent if start <= t.idx < end and not t.is_space]
            if tokens:
                result.append(Sentence(start, end, tokens[0], tokens[-1] + 1, heading))
    return result


def is_heading(paragraph: str) -> bool:
    """A line without final punctuation: a title, byline or dateline."""
    return not _TERMINAL.search(paragraph) and len(paragraph.split()) < 20


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def in_spans(position: int, spans: Iterable[QuoteSpan]) -> bool:
    return any(span.start <= position < span.end for span in spans)


# --- direct quotes -----------------------------------------------------------------------------------


def mark_role(text: str, position: int) -> str:
    """Role of one quote mark, "open" or "close", from the mark itself or the characters around it."""
    kind = _QUOTE_MARKS[text[position]]
    if kind != "straight":
        return kind
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if (before.isspace() or before in "([-\u2013\u2014") and not after.isspace():
        return "open"
    return "close"


def quote_spans(text: str) -> list[QuoteSpan]:
    """Spans inside quote marks, per paragraph; an opening mark never closed runs to the next opening mark
    or the end of its paragraph."""
    spans = []
    for para_start, para_end in paragraphs(text):
        pending: int | None = None
        for offset, char in enumerate(text[para_start:para_end]):
            if char not in _QUOTE_MARKS:
                continue
            position = para_start + offset
            role = mark_role(text, position)
            if role == "open":
                if pending is not None:
                    spans.append(QuoteSpan(pending + 1, position, closed=False))
                pending = position
            elif pending is not None:
                spans.append(QuoteSpan(pending + 1, position, closed=True))
                pending = None
        if pending is not None:
            spans.append(QuoteSpan(pending + 1, para_end, closed=False))
    return spans


def is_real_quote(text: str) -> bool:
    """Not a scare quote: four words or more, or a short sentence ending in punctuation."""
    words = word_count(text)
    return words >= 4 or (words >= 2 and text.rstrip()[-1:] in ",.!?")


# --- actors ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: Actor


class ActorIndex:
    """The actor mentions of a document, in text order."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.mentions = sorted(
            (Mention(span.start, span.end, actor) for actor in actors for span in actor.mentions),
            key=lambda mention: mention.start,
        )

    def overlapping(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < end and start < m.end]

    def latest_before(self, position: int, accept: Callable[[Actor], bool]) -> Actor | None:
        before = [m for m in self.mentions if m.end <= position and accept(m.actor)]
        return before[-1].actor if before else None


def outlet_actor(actors: Iterable[Actor], outlet: str | None) -> str | None:
    """Id of the actor named like the document's outlet."""
    if not outlet:
        return None
    key = fold(outlet)
    for actor in actors:
        if fold(actor.name) == key or any(fold(span.text) == key for span in actor.mentions):
            return actor.id
    return None


# --- speakers ----------------------------------------------------------------------------------------


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


# --- attributions ------------------------------------------------------------------------------------


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
                spans.append(trimmed(self.text, start, end, trailing=_STRIP_TRAILING + "."))
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


# --- the document pass -------------------------------------------------------------------------------


@dataclass
class RunningSource:
    """A named source whose report goes on over the following sentences."""

    sources: list[str]
    cue: str
    since: int = 0


class DocumentAttribution:
    """Quotes and claims of one parsed document."""

    def __init__(self, doc: Doc, actors: list[Actor], outlet: str | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.lexicon = reporting_lexicon()
        self.resolver = SpeakerResolver(doc, self.text, ActorIndex(actors), self.lexicon)
        self.finder = AttributionFinder(doc, self.text, self.resolver, self.lexicon)
        self.outlet = outlet_actor(actors, outlet)
        self.sentences = clipped_sentences(doc, self.text)
        self.token_starts = [token.idx for token in doc]
        self.all_quote_spans: list[QuoteSpan] = []
        self.direct: list[tuple[QuoteSpan, Quote]] = []

    def run(self) -> tuple[list[Quote], list[Claim]]:
        self.all_quote_spans = [self.bounded(span) for span in quote_spans(self.text)]
        self.direct = list(self.direct_quotes())
        quotes = [quote for _, quote in self.direct]
        claims: list[Claim] = []
        running: RunningSource | None = None
        for sentence in self.sentences:
            if sentence.heading:
                running = None
                continue
            attributions = self.finder.in_sentence(sentence, self.all_quote_spans)
            if attributions:
                running = self.attributed(attributions, running, quotes, claims)
            elif running is not None:
                running = self.carried(sentence, running, claims)
        return sorted(quotes, key=lambda q: q.start), claims

    # direct quotes

    def bounded(self, span: QuoteSpan) -> QuoteSpan:
        """An unclosed quote ends at its trailing attribution (", the minister said."), else after
        its first sentence when no attribution closes it within three sentences."""
        if span.closed:
            return span
        inside = [s for s in self.sentences if span.start <= s.end and s.start < span.end]
        for sentence in inside[:3]:
            comma = self.trailing_attribution(sentence)
            if comma is not None:
                return QuoteSpan(span.start, comma, closed=False)
        if len(inside) > 3:
            return QuoteSpan(span.start, inside[0].end, closed=False)
        return span

    def trailing_attribution(self, sentence: Sentence) -> int | None:
        """Offset of the comma before a sentence-final "<speaker> said." tail."""
        tokens = self.doc[sentence.first : sentence.last]
        commas = [t for t in tokens if t.text == ","]
        if not commas:
            return None
        tail = self.doc[commas[-1].i + 1 : sentence.last]
        if len(tail) > MAX_TRAILING_ATTRIBUTION_TOKENS or not any(is_cue_verb(t, self.lexicon) for t in tail):
            return None
        return commas[-1].idx

    def direct_quotes(self) -> Iterator[tuple[QuoteSpan, Quote]]:
        previous: Quote | None = None
        for span in self.all_quote_spans:
            start, end = trimmed(self.text, span.start, span.end)
            if not is_real_quote(self.text[start:end]):
                continue
            cue = self.quote_cue(span)
            if cue is not None:
                speaker = self.resolver.resolve(cue, self.sentence_of(cue))
                quote = Quote(speaker=speaker.actor, text=self.text[start:end], start=start, end=end,
                              direct=True, cue=cue.text)  # fmt: skip
            else:
                inherited = previous if previous and self.continues(previous, start) else None
                quote = Quote(speaker=inherited.speaker if inherited else None, text=self.text[start:end],
                              start=start, end=end, direct=True, cue=inherited.cue if inherited else None)  # fmt: skip
            previous = quote
            yield span, quote

    def quote_cue(self, span: QuoteSpan) -> Token | None:
        """The nearest reporting verb outside quotes, in the quote's paragraph and sentence."""
        candidates = []
        for token in self.tokens_near(span):
            if not is_cue_verb(token, self.lexicon) or in_spans(token.idx, self.all_quote_spans):
                continue
            if token.idx >= span.end:
                gap = self.text[span.end : token.idx]
            elif token.idx < span.start:
                gap = self.text[token.idx + len(token) : span.start - 1]
            else:
                continue
            if "\n" not in gap and not re.search(r"[.!?](?=\s|$)", gap) and len(gap.split()) < MAX_CUE_DISTANCE:
                candidates.append((len(gap.split()), token.idx < span.start, token))
        return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else self.colon_cue(span)

    def tokens_near(self, span: QuoteSpan) -> Iterator[Token]:
        """Tokens within ``MAX_CUE_DISTANCE`` tokens (plus punctuation slack) of the span."""
        first = bisect.bisect_left(self.token_starts, span.start)
        last = bisect.bisect_left(self.token_starts, span.end)
        slack = 2 * MAX_CUE_DISTANCE
        yield from self.doc[max(0, first - slack) : first]
        yield from self.doc[last : last + slack]

    def colon_cue(self, span: QuoteSpan) -> Token | None:
        """A cue in the line before the quote that ends with a colon ("Lavrov said:")."""
        before = self.text[: span.start - 1].rstrip(" \n-\u2013\u2014")
        if not before.endswith(":"):
            return None
        sentence = next((s for s in self.sentences if s.start < len(before) <= s.end), None)
        if sentence is None:
            return None
        cues = [t for t in self.doc[sentence.first : sentence.last] if is_cue_verb(t, self.lexicon)]
        return cues[-1] if cues else None

    def continues(self, previous: Quote, start: int) -> bool:
        """A quote right after another, with at most one sentence between: the same speaker goes on."""
        gap = self.text[previous.end : start]
        return len(re.findall(r"[.!?](?=\s|$)", gap)) <= 1 and gap.count("\n") <= 2 and len(gap.split()) < 20

    def sentence_of(self, token: Token) -> Sentence:
        return next(s for s in self.sentences if s.first <= token.i < s.last)

    # claims and indirect quotes

    def in_direct_quote(self, content: tuple[int, int]) -> bool:
        inside = sum(max(0, min(content[1], span.end) - max(content[0], span.start)) for span, _ in self.direct)
        return inside * 2 > content[1] - content[0]

    def chain(self, sources: Iterable[str | None]) -> list[str]:
        ids = [self.outlet] if self.outlet else []
        for source in sources:
            if source and (not ids or ids[-1] != source):
                ids.append(source)
        return ids

    def attributed(
        self,
        attributions: list[Attribution],
        running: RunningSource | None,
        quotes: list[Quote],
        claims: list[Claim],
    ) -> RunningSource | None:
        """Records the sentence's own attributions; returns the source running on after it."""
        for attribution in attributions:
            speaker = attribution.speaker
            nested = running is not None and (attribution.running or speaker.actor in running.sources)
            sources = [*attribution.outer, speaker.actor] if speaker.actor else list(attribution.outer)
            chain = self.chain([] if speaker.anonymous else (running.sources if running and nested else []) + sources)
            if self.in_direct_quote(attribution.content):
                continue
            start, end = attribution.content
            text = self.text[start:end]
            hedged = speaker.anonymous or self.lexicon.is_hedge(attribution.cue)
            claims.append(
                Claim(text=text, start=start, end=end, source_chain=chain, cue=attribution.cue, hedged=hedged)
            )
            if not speaker.anonymous:
                quotes.append(Quote(speaker=speaker.actor, text=text, start=start, end=end, direct=False,
                                    cue=attribution.cue))  # fmt: skip
        return self.next_running(attributions[-1], running)

    @staticmethod
    def next_running(last: Attribution, running: RunningSource | None) -> RunningSource | None:
        actor = last.speaker.actor
        if last.speaker.anonymous:
            return None
        if running is not None and actor is not None and actor == running.sources[-1]:
            return RunningSource(running.sources, last.cue)
        if running is not None and (actor in running.sources or last.running):
            running.since = 0
            return running
        if last.running and actor is not None:
            return RunningSource([*last.outer, actor], last.cue)
        return None

    def carried(self, sentence: Sentence, running: RunningSource, claims: list[Claim]) -> RunningSource | None:
        """A sentence without its own cue continues the running report, for up to ``MAX_CARRY`` sentences."""
        if running.since >= MAX_CARRY:
            return None
        running.since += 1
        start, end = trimmed(self.text, sentence.start, sentence.end, trailing=" \t\n")
        text = self.text[start:end]
        if word_count(text) >= MIN_CARRIED_WORDS and not self.in_direct_quote((start, end)):
            claims.append(Claim(text=text, start=start, end=end, source_chain=self.chain(running.sources),
                                cue=running.cue, hedged=self.lexicon.is_hedge(running.cue)))  # fmt: skip
        return running


class AttributionComponent:
    """Sets ``doc._.quotes`` and ``doc._.claims``."""

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        outlet = document.outlet if document is not None else None
        doc._.quotes, doc._.claims = DocumentAttribution(doc, list(doc._.actors or []), outlet).run()
        return doc


@Language.factory("sitroom_attribution")
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    """spaCy factory of the attribution layer."""
    layers.register_extensions()
    return AttributionComponent()
