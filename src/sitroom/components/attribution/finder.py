"""Attributions of one sentence: reporting cues with the content each one attributes and its source.

Cues are verbs of communication, cognition, stance, intention or decision (the reporting lexicon), cue nouns
with a "that" clause, an infinitive or a topic ("a report that ...", "her refusal to answer", "questions about
the deal"), "according to", hedge adverbs ("reportedly") and a headline's colon ("Lavrov: ...").
A verb's content is, in this order: its clausal complement; the subject and infinitive of a passive cue
("is reported to have ..."); its object, object complement or infinitive ("condemned the attack", "urged
them to leave"), or for a verb of cognition an object with its predicate ("deemed it too slow") or an object
noun that holds a proposition ("rejected the request"); the object of a content preposition ("called for
...", "spoke of ..."); the rest of the sentence beside a set-off finite cue (", he said."); or what follows its
colon ("added: ..."). A reported clause ends before a closing concession with its own subject (", although
he admitted ..."), and no content runs across an "according to" or a hedge adverb hung on its cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER, TAG
from spacy.tokens import Doc, Token

from sitroom.components.attribution.quotes import QuoteSpan, in_spans
from sitroom.components.attribution.sources import (
    UNSAID,
    Source,
    SourceResolver,
    is_pronoun,
    subtree_without_clauses,
)
from sitroom.components.attribution.text_geometry import STRIP_TRAILING, Sentence, trimmed, word_count
from sitroom.components.attribution.vocabulary import (
    ADDRESSEE_VERBS,
    CONTENT_PREPOSITIONS,
    MODIFIER_DEPS,
    SEGMENT_DEPS,
)
from sitroom.components.offset_index import OffsetIndex
from sitroom.knowledge.noun_classes import classes_of
from sitroom.knowledge.reporting import ReportingLexicon

Range = tuple[int, int]
MAX_HEADLINE_SOURCE_TOKENS = 6
OBJECT_DEPS = frozenset({"dobj", "oprd", "xcomp"})
TRAILING_CLAUSE_DEPS = frozenset({"advcl", "conj", "cc", "punct", "parataxis", "mark", "nsubj", "nsubjpass"})
# Classes of the nouns that hold a proposition: the object a verb of cognition can report ("rejected the request").
PROPOSITION_CLASSES = frozenset({"communication", "cognition"})
# Prepositions whose object is the topic a cue noun reports on ("questions about", "debate over").
TOPIC_PREPOSITIONS = frozenset({"about", "over", "on"})
TOPIC_CLASSES = frozenset({"act", "cognition", "communication", "event", "state", "attribute", "phenomenon", "process"})
# Conjunctions of a concession: the clause they open, after a reported clause, is the writer's.
CONCESSIVE = frozenset({"though", "although", "whereas"})
NON_FINITE_TAGS = frozenset({"VB", "VBG"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "PRON", "VERB", "ADJ", "NUM"})
DECIDED_WORDS = 200_000  # distinct (tag, lemma, lower-case form) words whose test CueWords remembers
# The Penn Treebank tags of the nouns and verbs ``CueWords.may_open`` tests (NN, NNS and VB...).
VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
OPENING_TAGS = ("NN", "NNS", *VERB_TAGS)
NEXT_LINE = re.compile(r"\s*\n\s*([^\n]+)")
NOT_CONTENT_ENTITIES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL"})


@dataclass
class Found:
    """One attribution found in a sentence: cue offsets, content fragments and source."""

    cue: Range
    cue_token: Token
    content: list[Range]
    source: Source
    clausal: bool = True
    present: bool = False
    cognition: bool = False
    negated: bool = False
    minor: set[Range] = field(default_factory=set)
    children: list[Found] = field(default_factory=list)
    parent: Found | None = None

    @property
    def start(self) -> int:
        return min(start for start, _ in self.content)

    def holds(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.content)


def is_in(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Which of the values are among the (non-empty, sorted) ``sorted_values``."""
    positions = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return np.asarray(sorted_values[positions] == values)


def is_cue_verb(token: Token, lexicon: ReportingLexicon) -> bool:
    return token.tag_.startswith("VB") and lexicon.is_reporting_verb(token.text, token.lemma_)


class CueWords:
    """Which tokens' words can open an attribution: ``AttributionFinder.from_token``'s first tests, of tag, lemma
    and form. Decided once per distinct word and kept across documents (the words of most tokens open none,
    and building their Token objects sentence by sentence cost most of the layer's time)."""

    def __init__(self, lexicon: ReportingLexicon) -> None:
        self.lexicon = lexicon
        self.decided: dict[bytes, bool] = {}
        self.words = {"according", *lexicon.hedge_adverbs}
        self.opening_tags: np.ndarray | None = None  # hashes, sorted, of OPENING_TAGS and of ``words``
        self.opening_words: np.ndarray | None = None
        self.verb_tags: np.ndarray | None = None

    def candidates(self, doc: Doc) -> list[int]:
        """Indices of the document's tokens whose words may open an attribution. Only nouns, verbs, "according"
        and hedge adverbs can (``may_open``): the other rows are passed over in one array operation."""
        candidates: list[int] = []
        if not len(doc):
            return candidates
        words = doc.to_array([TAG, LEMMA, LOWER])
        strings = doc.vocab.strings
        if self.opening_tags is None or self.opening_words is None:
            self.opening_tags = np.array(sorted(strings[tag] for tag in OPENING_TAGS), dtype=np.uint64)
            self.opening_words = np.array(sorted(strings[word] for word in self.words), dtype=np.uint64)
        opening = is_in(words[:, 0], self.opening_tags) | is_in(words[:, 2], self.opening_words)
        # A word is keyed by the bytes of its row of hashes: hashing them is cheaper than making Python ints.
        rows = words.tobytes()
        width = words.itemsize * words.shape[1]
        for index in np.flatnonzero(opening).tolist():
            key = rows[index * width : (index + 1) * width]
            opens = self.decided.get(key)
            if opens is None:
                opens = self.may_open(*(strings[value] for value in words[index].tolist()))
                if len(self.decided) < DECIDED_WORDS:
                    self.decided[key] = opens
            if opens:
                candidates.append(index)
        return candidates

    def verbs(self, doc: Doc) -> list[int]:
        """Indices of the document's verbs (Penn Treebank tags VB...)."""
        if not len(doc):
            return []
        if self.verb_tags is None:
            self.verb_tags = np.array(sorted(doc.vocab.strings[tag] for tag in VERB_TAGS), dtype=np.uint64)
        return np.flatnonzero(is_in(doc.to_array(TAG), self.verb_tags)).tolist()

    def may_open(self, tag: str, lemma: str, lower: str) -> bool:
        if tag in ("NN", "NNS"):
            return lemma.lower() in self.lexicon.cue_nouns
        if lower == "according":
            return True
        if tag.startswith("VB"):
            return self.lexicon.is_reporting_verb(lower, lemma)  # it reads the form lower-cased
        return lower in self.lexicon.hedge_adverbs


class AttributionFinder:
    """Reporting cues of one document with the span each one attributes."""

    def __init__(
        self, doc: Doc, text: str, resolver: SourceResolver, lexicon: ReportingLexicon, cue_words: CueWords
    ) -> None:
        self.doc = doc
        self.text = text
        self.resolver = resolver
        self.lexicon = lexicon
        self.candidates = cue_words.candidates(doc)
        self.token_starts: list[int] = doc.to_array(IDX).tolist() if len(doc) else []
        self.verbs: list[int] = cue_words.verbs(doc)

    def in_sentence(self, sentence: Sentence, quotes: OffsetIndex[QuoteSpan]) -> list[Found]:
        found = []
        headline = self.headline(sentence)
        if headline is not None:
            found.append(headline)
        quoted = quotes.overlapping(sentence.start, sentence.end)
        first = bisect_left(self.candidates, sentence.first)
        last = bisect_left(self.candidates, sentence.last, lo=first)
        for index in self.candidates[first:last]:
            token = self.doc[index]
            if quoted and in_spans(token.idx, quoted):
                continue
            attribution = self.from_token(token, sentence)
            if attribution is not None and attribution.content and self.has_content_word(attribution.content):
                found.append(attribution)
        return found

    def has_content_word(self, content: list[Range]) -> bool:
        """Whether the content holds a word of its own: a noun, verb, adjective or number (a parse that leaves
        "And" or "it to" as what was said has found nothing)."""
        for start, end in content:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any(token.pos_ in CONTENT_POS for token in span):
                return True
        return False

    def span_text(self, span: Range) -> str:
        return self.text[span[0] : span[1]]

    def from_token(self, token: Token, sentence: Sentence) -> Found | None:
        tag = token.tag_
        if tag in ("NN", "NNS"):
            return self.cue_noun(token, sentence) if token.lemma_.lower() in self.lexicon.cue_nouns else None
        lower = token.lower_
        if lower == "according" and token.i + 1 < sentence.last and self.doc[token.i + 1].lower_ == "to":
            return self.according_to(token, sentence)
        if tag.startswith("VB"):
            return self.reporting_verb(token, sentence) if is_cue_verb(token, self.lexicon) else None
        if lower in self.lexicon.hedge_adverbs:
            return self.hedge_adverb(token, sentence)
        return None

    def according_to(self, token: Token, sentence: Sentence) -> Found | None:
        to = self.doc[token.i + 1]
        source = next((t for t in to.children if t.dep_ == "pobj"), None)
        if source is None:
            return None
        segment = (token.i, max(t.i for t in source.subtree))
        clause = clause_range(token.head, sentence)
        content = self.side_content(clause, segment)
        if content is None:  # the parse let the source swallow the content ("According to X, the move ...")
            comma = next((t.i for t in self.doc[source.i : segment[1]] if t.text == ","), None)
            content = self.side_content(clause, (token.i, comma)) if comma is not None else None
        if content is None:
            return None
        cue = (token.idx, to.idx + len(to))
        return Found(cue, token, [content], self.resolver.of_phrase(source, token, sentence))

    def hedge_adverb(self, token: Token, sentence: Sentence) -> Found | None:
        first, last = clause_range(token.head, sentence)
        content = self.trimmed_tokens(first, last - 1)
        if content is None:
            return None
        return Found((token.idx, token.idx + len(token)), token, [content], UNSAID)

    def reporting_verb(self, cue: Token, sentence: Sentence) -> Found | None:
        content, clausal, minor = self.verb_content(cue, sentence)
        if content is None:
            return None
        source = self.resolver.of_verb(cue, sentence)
        return Found(
            self.cue_range(cue, source),
            cue,
            [content, *minor],
            source,
            clausal=clausal,
            present=cue.tag_ in ("VBZ", "VBP"),
            cognition=self.lexicon.is_cognition(cue.lemma_),
            negated=any(child.dep_ == "neg" for child in cue.children),
            minor=set(minor),
        )

    def verb_content(self, cue: Token, sentence: Sentence) -> tuple[Range | None, bool, list[Range]]:
        """The content of a cue verb, whether it is a clause, and a set-off cue's shorter side (", he said,")."""
        complement = self.complement(cue, sentence)
        if complement is not None:
            return self.span_of(complement), True, []
        if self.modifies_a_noun(cue):
            return None, False, []
        if self.lexicon.needs_clause(cue.lemma_) and not self.reports_evidence(cue):
            infinitive = self.infinitive(cue, sentence) or self.small_clause(cue, sentence)
            if infinitive is not None:
                return infinitive, False, []
            content, clausal, minor = self.set_off(cue, sentence)
            if content is not None or cue.lemma_.lower() in self.lexicon.clause_verbs:
                return content, clausal, minor
            content = self.object_content(cue, sentence, PROPOSITION_CLASSES)
            return content or self.passive_subject(cue, sentence, PROPOSITION_CLASSES), False, []
        content = self.object_content(cue, sentence) or self.preposition_content(cue, sentence)
        content = content or self.passive_subject(cue, sentence)
        if content is not None:
            return content, False, []
        content, clausal, minor = self.set_off(cue, sentence)
        if content is not None:
            return content, clausal, minor
        return self.after_colon(cue, sentence), True, []

    def set_off(self, cue: Token, sentence: Sentence) -> tuple[Range | None, bool, list[Range]]:
        sides = self.parenthetical(cue, sentence)
        return (sides[0], True, sides[1:]) if sides else (None, True, [])

    def reports_evidence(self, cue: Token) -> bool:
        """An evidence verb whose subject is a record ("the poll shows", "a study found") reports its object."""
        if cue.lemma_.lower() not in self.lexicon.clause_verbs:
            return False
        subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return False
        return self.is_record(subject)

    def is_record(self, noun: Token) -> bool:
        """A noun naming a record that reports findings ("poll", "study", "survey")."""
        lemma = noun.lemma_.lower()
        return "cognition" in classes_of(lemma).main or lemma in self.lexicon.evidence_sources

    @staticmethod
    def cue_range(cue: Token, source: Source) -> Range:
        """The cue verb, from its expletive subject when nobody is named ("It is reported")."""
        expletive = [c for c in cue.children if c.dep_ == "nsubjpass" and c.lower_ == "it"]
        start = expletive[0].idx if expletive and source is UNSAID else cue.idx
        return start, cue.idx + len(cue)

    def cue_noun(self, noun: Token, sentence: Sentence) -> Found | None:
        """ "a report that ...", "the claim that ...", "her refusal to answer", "questions about the deal": the
        noun's "that" clause, infinitive or the object of a topic preposition, and its owner as source."""
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl", "appos") and
                       self.starts_with_that(c)), None)  # fmt: skip
        if clause is None:
            clause = next((c for c in noun.children if c.dep_ == "acl" and is_infinitive(c) and c.i > noun.i), None)
        if clause is None:
            clause = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS
                           for o in c.children if o.dep_ == "pcomp" or self.is_topic(o)), None)  # fmt: skip
        if clause is None:
            return None
        extent = within_sentence(clause.subtree, sentence)
        content = self.span_of(extent) if extent else None
        if content is None:
            return None
        return Found((noun.idx, noun.idx + len(noun)), noun, [content], self.noun_source(noun, sentence))

    @staticmethod
    def is_topic(obj: Token) -> bool:
        """An object a statement can be about: an act, a view, an event or a state ("questions about the deal",
        "remarks on the shooting"), not a time, a place or a channel ("remarks Saturday", "an interview on CBS")."""
        if obj.dep_ != "pobj" or obj.ent_type_:
            return False
        return bool(classes_of(obj.lemma_.lower()).main & TOPIC_CLASSES)

    @staticmethod
    def starts_with_that(clause: Token) -> bool:
        first = min(clause.subtree, key=lambda t: t.i)
        return first.lower_ == "that" and first.dep_ == "mark"

    def noun_source(self, noun: Token, sentence: Sentence) -> Source:
        """The owner of a cue noun: a possessor or a name before it, an agent ("by", "from"), or the
        subject of the verb that has the noun as its object ("X issued a statement that ...")."""
        for child in noun.children:
            if child.dep_ == "poss":
                return self.resolver.of_possessor(child, noun, sentence)
            if child.dep_ == "compound" and child.pos_ == "PROPN":
                return self.resolver.of_phrase(child, noun, sentence)
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                owner = next((t for t in child.children if t.dep_ == "pobj"), None)
                if owner is not None:
                    return self.resolver.of_phrase(owner, noun, sentence)
        verb = noun.head
        if noun.dep_ in ("dobj", "attr") and verb.pos_ in ("VERB", "AUX"):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return self.resolver.of_phrase(subject, noun, sentence)
        return UNSAID

    def headline(self, sentence: Sentence) -> Found | None:
        """A short name before a colon that opens the sentence ("Lavrov: the West is changing")."""
        if ":" not in self.text[sentence.start : sentence.end]:
            return None
        tokens = self.doc[sentence.first : sentence.last]
        colon = next((t for t in tokens[: MAX_HEADLINE_SOURCE_TOKENS + 1] if t.text == ":"), None)
        if colon is None or colon.i == sentence.first:
            return None
        before = self.doc[sentence.first : colon.i]
        if any(t.pos_ in ("VERB", "AUX") for t in before) or not any(
            t.pos_ == "PROPN" or self.is_record(t) for t in before
        ):
            return None
        start, end = trimmed(self.text, colon.idx + 1, max(sentence.end, sentence.paragraph_end))
        if word_count(self.text[start:end]) < 2:
            return None
        content = (start, end)
        head = before.root
        source = self.resolver.of_phrase(head, colon, sentence)
        return Found((colon.idx, colon.idx + 1), colon, [content], source)

    # contents

    def complement(self, cue: Token, sentence: Sentence) -> Range | None:
        """Token range (inclusive) of the reported clause in the sentence, preferring one after the cue."""
        children = list(cue.children)
        for after in (True, False):
            for clause in children:
                if clause.dep_ != "ccomp" or (clause.i > cue.i) != after:
                    continue
                tokens = [
                    t.i for t in clause.subtree if sentence.first <= t.i < sentence.last and (t.i > cue.i) == after
                ]
                if tokens:
                    last = self.with_trailing_clauses(cue, max(tokens), sentence) if after else max(tokens)
                    if after:
                        last = self.over_elaboration(min(tokens), last, sentence)
                    return min(tokens), self.before_concession(min(tokens), last)
        return self.passive_complement(cue, sentence) or self.unmarked_clause(cue, sentence)

    def with_trailing_clauses(self, cue: Token, last: int, sentence: Sentence) -> int:
        """The complement's end moved over the adverbial clauses the parse hung on the cue after it ("said
        there is a gap, when it comes to fees"), unless one reports on its own ("..., adding that")."""
        for clause in cue.children:
            if clause.dep_ != "advcl" or clause.i <= last or is_cue_verb(clause, self.lexicon):
                continue
            if extent := within_sentence(clause.subtree, sentence):
                last = max(last, extent[1])
        return last

    def over_elaboration(self, first: int, last: int, sentence: Sentence) -> int:
        """The complement's end moved to the end of the sentence when a colon or semicolon in it or right
        after it opens an elaboration and no cue lies in the rest ("notes that three things happen at once:
        prices rise, rates fall and ..."; "reported that Apple holds $214 billion; Nike holds ...")."""
        if last + 1 >= sentence.last or not self.has_token(first + 1, last + 2, (":", ";")):
            return last
        following = bisect_left(self.candidates, last + 1)
        if following < len(self.candidates) and self.candidates[following] < sentence.last:
            return last
        end = sentence.last - 1
        while end > last and self.doc[end].is_punct:
            end -= 1
        return end

    def tokens_text(self, first: int, stop: int) -> str:
        """The text from token ``first`` up to token ``stop`` (end exclusive), with the space after each."""
        start = self.token_starts[first] if first < len(self.token_starts) else len(self.text)
        end = self.token_starts[stop] if stop < len(self.token_starts) else len(self.text)
        return self.text[start:end]

    def has_token(self, first: int, stop: int, forms: tuple[str, ...]) -> bool:
        """Whether a token from ``first`` up to ``stop`` is one of the forms (their text is looked at first)."""
        if not any(form in self.tokens_text(first, stop) for form in forms):
            return False
        return any(token.text in forms for token in self.doc[first:stop])

    def before_concession(self, first: int, last: int) -> int:
        """The content's end moved before a concessive clause with a subject of its own that closes it ("said
        the demands erase barriers, though she noted clients ..."): the concession is the writer's."""
        if not any(word in self.tokens_text(first + 1, last + 1).lower() for word in CONCESSIVE):
            return last
        for token in self.doc[first + 1 : last + 1]:
            if token.dep_ != "mark" or token.lower_ not in CONCESSIVE:
                continue
            clause = token.head
            if clause.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                return max(first, token.i - 1)
        return last

    @staticmethod
    def unmarked_clause(cue: Token, sentence: Sentence) -> Range | None:
        """A clause with its own subject after the cue that no conjunction introduces ("said after the
        convention he would not accept", "has not said when they would vote"): a complement the parser
        took for an adverbial clause."""
        for clause in cue.children:
            if clause.dep_ != "advcl" or clause.i < cue.i or any(c.dep_ == "mark" for c in clause.children):
                continue
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                continue
            if extent := within_sentence(clause.subtree, sentence):
                return extent
        return None

    @staticmethod
    def passive_complement(cue: Token, sentence: Sentence) -> Range | None:
        """Subject and infinitive or predicate of a passive cue ("The regime is reported to have ...", "it is
        considered a threat")."""
        subjects = [c for c in cue.children if c.dep_ == "nsubjpass" and c.tag_ not in ("WDT", "WP")]
        clause = next((c for c in cue.children if c.dep_ in ("xcomp", "oprd")), None)
        if not subjects or clause is None:
            return None
        return within_sentence((*subjects[0].subtree, *clause.subtree), sentence)

    def object_content(
        self, cue: Token, sentence: Sentence, noun_classes: frozenset[str] | None = None
    ) -> Range | None:
        """The object with its complement or infinitive ("condemned the attack", "urged them to leave");
        the one spoken to ("told reporters") is not content. With ``noun_classes``, only an object noun of
        those classes counts (a verb of cognition holds a view of "the request", it does not "know the area")."""
        parts = []
        for child in cue.children:
            if child.dep_ not in OBJECT_DEPS or not sentence.first <= child.i < sentence.last or child.i < cue.i:
                continue
            if child.dep_ == "dobj" and self.is_addressee(cue, child):
                continue
            if noun_classes is not None and not classes_of(child.lemma_.lower()).main & noun_classes:
                continue
            parts.append(child)
        if not parts or all(p.dep_ == "dobj" and p.ent_type_ in NOT_CONTENT_ENTITIES for p in parts):
            return None
        return self.span_of(self.to_clause_end(cue, min(p.i for p in parts), sentence))

    def passive_subject(
        self, cue: Token, sentence: Sentence, noun_classes: frozenset[str] | None = None
    ) -> Range | None:
        """The subject of a passive cue, which stands for the active cue's object ("The merits of the plan are
        being debated", "A curfew was announced"), under the same conditions as an object; not an expletive or
        relative pronoun ("it was announced", "which was reported")."""
        if not any(child.dep_ == "auxpass" for child in cue.children):
            return None
        subject = next((c for c in cue.children if c.dep_ == "nsubjpass" and c.i < cue.i), None)
        if subject is None or subject.lower_ == "it" or subject.tag_ in ("WDT", "WP"):
            return None
        if subject.ent_type_ in NOT_CONTENT_ENTITIES:
            return None
        if noun_classes is not None and not classes_of(subject.lemma_.lower()).main & noun_classes:
            return None
        extent = within_sentence(subject.subtree, sentence)
        return self.span_of(extent) if extent else None

    def to_clause_end(self, cue: Token, first: Token | int, sentence: Sentence) -> Range:
        """From the content's first token to the end of what follows it in the cue's clause, leaving out
        a following clause of its own ("..., adding that", "and said")."""
        head = self.doc[first] if isinstance(first, int) else first
        inside = [t.i for t in head.subtree if sentence.first <= t.i < sentence.last] or [head.i]
        start = min(inside)
        tokens = inside
        for child in cue.children:
            if child.i < start or (child.dep_ in TRAILING_CLAUSE_DEPS and not self.continues_content(cue, child)):
                continue
            if self.attributes_on_its_own(child):
                continue
            tokens.extend(t.i for t in child.subtree if sentence.first <= t.i < sentence.last)
        return start, max(tokens)

    def attributes_on_its_own(self, token: Token) -> bool:
        """ "according to X" or a hedge adverb hung on the cue: an attribution of its own, which the content
        does not run across ("plans to visit on Sunday, according to an aide")."""
        return token.lower_ in self.lexicon.hedge_adverbs or (
            token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)
        )

    def continues_content(self, cue: Token, conj: Token) -> bool:
        """A verb the parse joined to the cue that cannot share its subject, being an infinitive or a gerund
        after a finite cue ("agreed to share ... and rely on", "mentioned refinancing ... and forcing"),
        continues the content; a finite verb ("and said", "and warned") is a clause of its own."""
        return (
            conj.dep_ == "conj"
            and conj.tag_ in NON_FINITE_TAGS
            and cue.tag_ not in NON_FINITE_TAGS
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
            and not is_cue_verb(conj, self.lexicon)
        )

    def infinitive(self, cue: Token, sentence: Sentence) -> Range | None:
        """The infinitive of a verb of attitude ("expects to win", "wants to leave")."""
        clause = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i), None)
        return self.span_of(self.to_clause_end(cue, clause, sentence)) if clause is not None else None

    def small_clause(self, cue: Token, sentence: Sentence) -> Range | None:
        """An object with its predicate, a proposition without a verb ("judged the plan a failure",
        "found the law unconstitutional", "is considered a threat")."""
        predicate = next((c for c in cue.children if c.dep_ == "oprd" and c.i > cue.i), None)
        if predicate is None:
            return None
        subject = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < predicate.i), None)
        return self.span_of(self.to_clause_end(cue, subject, sentence)) if subject is not None else None

    @staticmethod
    def is_addressee(cue: Token, obj: Token) -> bool:
        return cue.lemma_.lower() in ADDRESSEE_VERBS and (is_pronoun(obj) or obj.ent_type_ != "" or obj.tag_ == "NNS")

    def preposition_content(self, cue: Token, sentence: Sentence) -> Range | None:
        for child in cue.children:
            if child.dep_ != "prep" or child.lower_ not in CONTENT_PREPOSITIONS or child.i < cue.i:
                continue
            obj = next((t for t in child.children if t.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.ent_type_ in NOT_CONTENT_ENTITIES:
                continue
            return self.span_of(self.to_clause_end(cue, obj, sentence))
        return None

    def after_colon(self, cue: Token, sentence: Sentence) -> Range | None:
        """What follows the cue's colon: the rest of the sentence, or the next paragraph when the colon
        ends its own ("The governor added:" and the statement below)."""
        following = cue.i + 1
        if following >= sentence.last or self.doc[following].text != ":":
            return None
        rest = self.trimmed_tokens(following + 1, sentence.last - 1)
        if rest is not None:
            return rest
        match = NEXT_LINE.match(self.text, sentence.end)
        if match is None:
            return None
        start, end = trimmed(self.text, match.start(1), match.end(1))
        return (start, end) if end > start else None

    def trimmed_tokens(self, first: int, last: int) -> Range | None:
        """Trimmed character span of an inclusive token range, or None when nothing is left."""
        if first > last:
            return None
        start, end = trimmed(self.text, self.doc[first].idx, self.doc[last].idx + len(self.doc[last]))
        return (start, end) if end > start else None

    def span_of(self, tokens: Range) -> Range | None:
        """Character span of an inclusive token range, without a leading "that"."""
        first, last = tokens
        if self.doc[first].lower_ == "that" and self.doc[first].dep_ == "mark":
            first += 1
        return self.trimmed_tokens(first, last)

    def parenthetical(self, cue: Token, sentence: Sentence) -> list[Range]:
        """Content beside a set-off cue ("In addition, says Debka, the US ...", "... the WHO said on Wednesday."):
        the longer side, then the shorter one when it has words of its own."""
        if any(c.dep_ == "dobj" and cue.lemma_ != "tell" for c in cue.children) or not is_finite(cue):
            return []
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
            return []
        return self.sides((sentence.first, sentence.last), segment)

    @staticmethod
    def modifies_a_noun(cue: Token) -> bool:
        """A participle or relative clause ("the ferry called Nora"), unless it has a subject of its own (an
        unpunctuated "... a nerve agent the WHO said", parsed as a relative clause); a participle or gerund with
        an object reports that object ("papers opposing the fees", "stopped short of criticizing the council")."""
        if cue.dep_ == "relcl":
            return not any(c.dep_ == "nsubj" for c in cue.children)
        return cue.dep_ in MODIFIER_DEPS and not any(c.dep_ in ("dobj", "oprd") for c in cue.children)

    def delimited(self, segment: Range, sentence: Sentence) -> bool:
        """The attribution is set off by commas or dashes, or closes the sentence."""
        before = self.doc[segment[0] - 1] if segment[0] > sentence.first else None
        after = self.doc[segment[1] + 1] if segment[1] + 1 < sentence.last else None
        closes_sentence = after is None or (after.is_punct and after.i == sentence.last - 1)
        opens_with_comma = before is None or before.text in (",", "-", "\u2013", "\u2014")
        return closes_sentence or (opens_with_comma and after is not None and after.text == ",")

    def side_content(self, clause: Range, segment: Range) -> Range | None:
        """The longer stretch of the clause before or after the attribution segment."""
        sides = self.sides(clause, segment)
        return sides[0] if sides else None

    def sides(self, clause: Range, segment: Range) -> list[Range]:
        """The stretches of the clause before and after the attribution segment that hold words, longer first."""
        spans = []
        for first, last in ((clause[0], segment[0]), (segment[1] + 1, clause[1])):
            if first < last:
                start, end = self.doc[first].idx, self.doc[last - 1].idx + len(self.doc[last - 1])
                spans.append(trimmed(self.text, start, end, trailing=STRIP_TRAILING + "."))
        spans = [span for span in spans if word_count(self.span_text(span)) > 0]
        return sorted(spans, key=lambda span: -word_count(self.span_text(span)))


def is_infinitive(verb: Token) -> bool:
    """A verb with "to" as its auxiliary ("to answer")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def is_finite(verb: Token) -> bool:
    """A verb with a tense ("said", "says") or an auxiliary ("has said", "would say"): a set-off attribution
    has one; an infinitive or a participle ("to plot", "compared with") frames no sentence of its own."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children
    )


def clause_range(head: Token, sentence: Sentence) -> Range:
    """Token range of the head's subtree inside the sentence (end exclusive)."""
    inside = [t.i for t in head.subtree if sentence.first <= t.i < sentence.last]
    return (min(inside), max(inside) + 1) if inside else (sentence.first, sentence.last)


def within_sentence(tokens: Iterable[Token], sentence: Sentence) -> Range | None:
    """First and last index of the tokens inside the sentence; None when the parse puts them all outside
    (a subtree that crosses the sentence's bounds)."""
    inside = [token.i for token in tokens if sentence.first <= token.i < sentence.last]
    return (min(inside), max(inside)) if inside else None
