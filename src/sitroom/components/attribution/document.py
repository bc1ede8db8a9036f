"""The document pass: direct quotes, claims and indirect quotes, with running sources carried on."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitroom.components.attribution.actor_index import ActorIndex, outlet_actor
from sitroom.components.attribution.finder import Attribution, AttributionFinder
from sitroom.components.attribution.quotes import QuoteSpan, in_spans, is_real_quote, quote_spans
from sitroom.components.attribution.speakers import SpeakerResolver, is_cue_verb
from sitroom.components.attribution.text_geometry import Sentence, clipped_sentences, trimmed, word_count
from sitroom.components.offset_index import OffsetIndex
from sitroom.knowledge.reporting import reporting_lexicon
from sitroom.record import Actor, Claim, Quote

MAX_CARRY = 4
MIN_CARRIED_WORDS = 4
MAX_CUE_DISTANCE = 15
MAX_TRAILING_ATTRIBUTION_TOKENS = 12


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
        self.direct_spans: OffsetIndex[QuoteSpan] = OffsetIndex([], lambda s: s.start, lambda s: s.end)

    def run(self) -> tuple[list[Quote], list[Claim]]:
        self.all_quote_spans = [self.bounded(span) for span in quote_spans(self.text)]
        self.direct = list(self.direct_quotes())
        self.direct_spans = OffsetIndex((span for span, _ in self.direct), lambda s: s.start, lambda s: s.end)
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
        spans = self.direct_spans.overlapping(*content)
        inside = sum(max(0, min(content[1], span.end) - max(content[0], span.start)) for span in spans)
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
