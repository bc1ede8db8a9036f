"""The document pass: attributions sentence by sentence, direct quotes joined to their cues, nesting, and
present-tense reports carried over the following sentences."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitroom.components.attribution.actor_index import ActorIndex
from sitroom.components.attribution.finder import AttributionFinder, CueWords, Found, Range, is_cue_verb
from sitroom.components.attribution.quotes import QuoteSpan, is_real_quote, quote_spans
from sitroom.components.attribution.sources import SourceResolver
from sitroom.components.attribution.text_geometry import Sentence, clipped_sentences, letter_word_count, trimmed
from sitroom.components.offset_index import OffsetIndex
from sitroom.layers import doc_text
from sitroom.record import Actor

MAX_CARRY = 4
MIN_CARRIED_WORDS = 4
MAX_CUE_DISTANCE = 15
MAX_TRAILING_ATTRIBUTION_TOKENS = 12
TERMINALS = ".!?"
OPENING_QUOTE_SPACE = " \t\n\"'`\u201c\u2018\u00ab"


@dataclass(frozen=True)
class DirectQuote:
    """A real quote (not a scare quote): its trimmed offsets and the attribution it belongs to, if any."""

    start: int
    end: int
    found: Found | None


@dataclass
class Running:
    """A present-tense report that runs on over the following sentences without a cue of their own."""

    found: Found
    since: int = 0


@dataclass(frozen=True)
class FoundAttributions:
    """Every attribution of a document in text order, and its direct quotes."""

    found: list[Found]
    quotes: list[DirectQuote]
    carried: set[Range]


class DocumentAttribution:
    """Attributions of one parsed document."""

    def __init__(self, doc: Doc, actors: list[Actor], cue_words: CueWords) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lexicon = cue_words.lexicon
        self.resolver = SourceResolver(doc, self.text, ActorIndex(actors), self.lexicon)
        self.finder = AttributionFinder(doc, self.text, self.resolver, self.lexicon, cue_words)
        self.sentences = clipped_sentences(doc, self.text)
        self.resolver.sentence_starts = [sentence.start for sentence in self.sentences]
        self.sentence_index = OffsetIndex(self.sentences, lambda s: s.start, lambda s: s.end)
        self.sentence_firsts = [sentence.first for sentence in self.sentences]
        self.token_starts = self.finder.token_starts
        self.quote_spans: list[QuoteSpan] = []
        self.speaker_colons: dict[Range, int] = {}  # quotes that open with their speaker: the colon's offset
        self.quote_index: OffsetIndex[QuoteSpan] = OffsetIndex([], lambda q: q.start, lambda q: q.end)

    def run(self) -> FoundAttributions:
        self.quote_spans = [self.bounded(span) for span in quote_spans(self.text)]
        self.quote_index = OffsetIndex(self.quote_spans, lambda q: q.start, lambda q: q.end)
        quoted = self.cued_quotes()
        cued_in = self.by_cue_sentence(quoted)
        found: list[Found] = []
        carried: set[Range] = set()
        running: Running | None = None
        for number, sentence in enumerate(self.sentences):
            in_sentence = self.finder.in_sentence(sentence, self.quote_index)
            in_sentence = self.with_quotes(in_sentence, cued_in.get(number, []), sentence)
            nest(in_sentence)
            for item in in_sentence:
                self.resolver.remember(item.source)
            if sentence.heading:
                found.extend(in_sentence)
                running = None
            elif in_sentence:
                running = self.next_running(in_sentence, running, sentence)
                found.extend(in_sentence)
            elif running is not None:
                running = self.carried(sentence, running, carried)
        quotes = self.join_quotes(quoted, found)
        for item in found:
            item.content = merged(item.content)
        nest(found)
        return FoundAttributions(sorted(found, key=lambda f: f.cue[0]), quotes, carried)

    # direct quotes

    def bounded(self, span: QuoteSpan) -> QuoteSpan:
        """An unclosed quote ends at its trailing attribution (", the minister said."), else after
        its first sentence when no attribution closes it within three sentences."""
        if span.closed:
            return span
        inside = self.sentence_index.overlapping(span.start - 1, span.end)  # span.start <= s.end
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

    def cued_quotes(self) -> list[tuple[Range, Token | None]]:
        """Every real quote's trimmed offsets with the cue verb that introduces it, if any."""
        quotes: list[tuple[Range, Token | None]] = []
        for span in self.quote_spans:
            start, end = trimmed(self.text, span.start, span.end)
            if end > start and is_real_quote(self.text[span.start : span.end].strip()):
                colon = self.speaker_colon(span)
                if colon is not None:
                    self.speaker_colons[start, end] = colon
                quotes.append(((start, end), self.quote_cue(span) if colon is None else None))
        return quotes

    def quote_cue(self, span: QuoteSpan) -> Token | None:
        """The nearest reporting verb outside quotes, in the quote's paragraph and sentence."""
        candidates = []
        for token in self.verbs_near(span):
            if not (is_cue_verb(token, self.lexicon) or self.introduces(token, span)):
                continue
            if self.quote_index.covering(token.idx):
                continue
            if token.idx >= span.end:
                gap_start, gap_end = span.end, token.idx
            elif token.idx < span.start:
                gap_start, gap_end = token.idx + len(token), span.start - 1
            else:
                continue
            gap = self.text[gap_start:gap_end]
            if "\n" not in gap and not self.sentence_ends(gap_start, gap_end) and len(gap.split()) < MAX_CUE_DISTANCE:
                candidates.append((len(gap.split()), token.idx < span.start, token))
        return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else self.colon_cue(span)

    def speaker_colon(self, span: QuoteSpan) -> int | None:
        """Offset of the colon after the speaker's name that opens the quote (a transcript's '"PENCE: Well, ...'):
        the quote's first sentence is a headline attribution whose colon lies inside the quote."""
        around = self.sentence_index.covering(span.start)
        if not around or around[0].start < span.start - 1:
            return None
        headline = self.finder.headline(around[0])
        return headline.cue[0] if headline is not None and span.start <= headline.cue[0] < span.end else None

    def introduces(self, verb: Token, span: QuoteSpan) -> bool:
        """Any verb with a subject that a comma or colon alone joins to the start of the quote ("She
        continued, “...") introduces it, the verb then being a cue whatever its sense."""
        if not verb.tag_.startswith("VB") or verb.idx >= span.start:
            return False
        if not any(child.dep_ == "nsubj" for child in verb.children):
            return False
        gap = self.text[verb.idx + len(verb) : span.start]
        return gap.strip(OPENING_QUOTE_SPACE) in (",", ":")

    def verbs_near(self, span: QuoteSpan) -> Iterator[Token]:
        """Verbs within ``MAX_CUE_DISTANCE`` tokens (plus punctuation slack) of the span: a quote's cue is one."""
        first, last = self.token_bounds(span.start, span.end)
        slack = 2 * MAX_CUE_DISTANCE
        verbs = self.finder.verbs
        for start, stop in ((max(0, first - slack), first), (last, last + slack)):
            for index in verbs[bisect.bisect_left(verbs, start) : bisect.bisect_left(verbs, stop)]:
                yield self.doc[index]

    def colon_cue(self, span: QuoteSpan) -> Token | None:
        """A cue in the line before the quote that ends with a colon ("Lavrov said:")."""
        before = span.start - 1
        while before > 0 and self.text[before - 1] in " \n-\u2013\u2014":
            before -= 1
        if before <= 0 or self.text[before - 1] != ":":
            return None
        around = self.sentence_index.covering(before - 1)  # s.start < before <= s.end
        if not around:
            return None
        sentence = around[0]
        cues = [t for t in self.doc[sentence.first : sentence.last] if is_cue_verb(t, self.lexicon)]
        return cues[-1] if cues else None

    def by_cue_sentence(self, quoted: list[tuple[Range, Token | None]]) -> dict[int, list[tuple[Range, Token]]]:
        """The cued quotes grouped by the number of the sentence that holds their cue, in quote order."""
        grouped: dict[int, list[tuple[Range, Token]]] = {}
        for quote, cue in quoted:
            if cue is None:
                continue
            number = bisect.bisect_right(self.sentence_firsts, cue.i) - 1
            if number >= 0 and cue.i < self.sentences[number].last:
                grouped.setdefault(number, []).append((quote, cue))
        return grouped

    def with_quotes(self, found: list[Found], quoted: list[tuple[Range, Token]], sentence: Sentence) -> list[Found]:
        """The sentence's attributions with the direct quotes their cues (in the sentence) introduce; a cue
        that introduces a quote but found no content of its own becomes an attribution of the quote."""
        by_cue = {item.cue_token.i: item for item in found}
        for quote, cue in quoted:
            item = by_cue.get(cue.i)
            if item is None:
                item = Found((cue.idx, cue.idx + len(cue)), cue, [], self.resolver.of_verb(cue, sentence))
                by_cue[cue.i] = item
                found.append(item)
            item.content = with_fragment(item.content, quote)
        return [item for item in found if item.content]

    def join_quotes(self, quoted: list[tuple[Range, Token | None]], found: list[Found]) -> list[DirectQuote]:
        """Each real quote with its attribution: its cue's, or its opening speaker's colon's, else that of the
        quote it continues (one right before it, at most one sentence between), whose content it joins."""
        by_cue = {attribution.cue[0]: attribution for attribution in found}
        owners: dict[Range, Found] = {}
        for attribution in found:
            for fragment in attribution.content:
                owners.setdefault(fragment, attribution)
        owner_index = OffsetIndex(list(owners.items()), lambda pair: pair[0][0], lambda pair: pair[0][1])
        result: list[DirectQuote] = []
        for quote, _ in quoted:
            holding = [f for r, f in owner_index.covering(quote[0]) if quote[1] <= r[1]]
            owner = holding[0] if holding else None
            if owner is None and quote in self.speaker_colons:
                owner = by_cue.get(self.speaker_colons[quote])
            previous = result[-1] if result else None
            if owner is None and previous is not None and previous.found and self.continues(previous, quote[0]):
                owner = previous.found
                owner.content.append(quote)
            result.append(DirectQuote(quote[0], quote[1], owner))
        return result

    def continues(self, previous: DirectQuote, start: int) -> bool:
        """A quote right after another, the same speaker going on: at most one paragraph break between, and
        between them only the rest of the sentence that attributes the previous quote ("...," said X, a
        professor at Y. "..."), or one short sentence."""
        gap = self.text[previous.end : start]
        if gap.count("\n") > 2:
            return False
        if previous.found is not None and self.ends_with_its_attribution(previous.found, previous.end, start):
            return True
        return self.sentence_ends(previous.end, start) <= 1 and len(gap.split()) < 20

    def sentence_ends(self, start: int, end: int) -> int:
        """Terminal punctuation tokens between the offsets: the tokenizer keeps the period of an abbreviation,
        a title or an initial in its word ("Ms.", "Rev.", "B.", "U.S."), so those are no sentence ends."""
        first, last = self.token_bounds(start, end)
        return sum(1 for token in self.doc[first:last] if token.is_punct and token.text[0] in TERMINALS)

    def token_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first token starting at or after ``start`` and of the first at or after ``end``."""
        return bisect.bisect_left(self.token_starts, start), bisect.bisect_left(self.token_starts, end)

    def ends_with_its_attribution(self, found: Found, after: int, start: int) -> bool:
        """The attribution's cue lies between ``after`` and ``start``, and nothing but spaces and quote marks
        lies between the end of the cue's sentence and ``start``."""
        if not after <= found.cue[0] < start:
            return False
        around = self.sentence_index.covering(found.cue[0])
        if not around:
            return False
        end = around[0].end
        return end >= start or not self.text[end:start].strip(OPENING_QUOTE_SPACE)

    # running reports

    def next_running(self, found: list[Found], running: Running | None, sentence: Sentence) -> Running | None:
        """Nests the sentence's cognition reports under a running report (a reporter relaying what others
        believe); returns the report running on after the sentence: an organisation's (an outlet's, an
        agency's) present-tense clausal report, which the article may paraphrase at length. A person's
        statements are cued each time."""
        top = [item for item in found if item.parent is None]
        if running is not None:
            for item in top:
                if item.cognition and item.source.start is not None and not same_source(item, running.found):
                    item.parent = running.found
                    running.found.children.append(item)
                    running.found.content.append((sentence.start, sentence.end))
            top = [item for item in top if item.parent is None]
        if not top:
            if running is not None:
                running.since = 0
            return running
        last = top[-1]
        actor = last.source.actor
        if last.source.type == "anonymous" or actor is None or actor.kind == "person" or not last.clausal:
            return None
        if last.present or (running is not None and same_source(last, running.found)):
            return Running(last)
        return None

    def carried(self, sentence: Sentence, running: Running, carried: set[Range]) -> Running | None:
        """A sentence without a cue of its own continues the running report, for up to ``MAX_CARRY``
        sentences; a line of fewer than ``MIN_CARRIED_WORDS`` words of letters (a separator, a time stamp) ends it."""
        words = letter_word_count(self.text[sentence.start : sentence.end])
        if running.since >= MAX_CARRY or words < MIN_CARRIED_WORDS:
            return None
        running.since += 1
        fragment = (sentence.start, sentence.end)
        running.found.content.append(fragment)
        carried.add(fragment)
        return running


def same_source(first: Found, second: Found) -> bool:
    return first.source.actor is not None and first.source.actor is second.source.actor


def nest(found: list[Found]) -> None:
    """Each attribution whose cue lies inside a larger one's content becomes the child of the smallest such
    one (sizes strictly grow up the nesting, so it has no cycle)."""

    if len(found) < 2:
        return

    def order(item: Found) -> tuple[int, int]:
        return sum(end - start for start, end in item.content), item.cue[0]

    contents = OffsetIndex([(part, o) for o in found for part in o.content], lambda p: p[0][0], lambda p: p[0][1])
    for item in found:
        if item.parent is not None:
            continue
        around = {id(o): o for _, o in contents.covering(item.cue[0])}  # in the order of ``found``
        holders = [o for o in around.values() if order(o) > order(item) and not descends(o, item)]
        if holders:
            parent = min(holders, key=order)
            item.parent = parent
            parent.children.append(item)


def descends(item: Found, ancestor: Found) -> bool:
    while item.parent is not None:
        if item.parent is ancestor:
            return True
        item = item.parent
    return False


def with_fragment(content: list[Range], fragment: Range) -> list[Range]:
    """The content with a quote added: a fragment overlapping the quote grows to cover it."""
    overlapping = [c for c in content if c[0] < fragment[1] and fragment[0] < c[1]]
    rest = [c for c in content if c not in overlapping]
    start = min([fragment[0], *(c[0] for c in overlapping)])
    end = max([fragment[1], *(c[1] for c in overlapping)])
    return sorted([*rest, (start, end)])


def merged(fragments: list[Range]) -> list[Range]:
    """Fragments in text order with overlapping ones merged."""
    result: list[Range] = []
    for start, end in sorted(fragments):
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result
