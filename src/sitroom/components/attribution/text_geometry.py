"""Paragraphs, paragraph-clipped sentences, trimming and word counts of a document's text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc

_TERMINALS = ".!?:\"\u201d'"
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_STRIP_LEADING = " \t\n,;:-\u2013\u2014\"\u201c\u201d'"
STRIP_TRAILING = ' \t\n,;:-\u2013\u2014"\u201c\u201d'


class Sentence(NamedTuple):
    """A spaCy sentence clipped to one paragraph (token indices end-exclusive; a named tuple, made quickly)."""

    start: int
    end: int
    first: int
    last: int
    heading: bool
    paragraph_end: int = 0


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines of the text."""
    spans = []
    for match in _LINE.finditer(text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def trimmed(text: str, start: int, end: int, trailing: str = STRIP_TRAILING) -> tuple[int, int]:
    """Range without surrounding spaces, quote marks and clause punctuation."""
    while start < end and text[start] in _STRIP_LEADING:
        start += 1
    while end > start and text[end - 1] in trailing:
        end -= 1
    return start, end


def clipped_sentences(doc: Doc, text: str) -> list[Sentence]:
    """spaCy sentences cut at paragraph boundaries, without surrounding whitespace. The sentences are read
    from the token arrays as ``doc.sents`` reads them (a sentence starts at each token marked as starting
    one), without building a Span for each."""
    result: list[Sentence] = []
    if not len(doc):
        return result
    columns = doc.to_array([IDX, IS_SPACE, SENT_START, LENGTH])
    starts, spaces, lengths = columns[:, 0].tolist(), columns[:, 1].tolist(), columns[:, 3].tolist()
    firsts = [0, *(i for i in np.flatnonzero(columns[:, 2] == 1).tolist() if i)]
    bounds = list(zip(firsts, [*firsts[1:], len(doc)], strict=True))
    ends = [starts[end - 1] + lengths[end - 1] for _, end in bounds]
    for para_start, para_end in paragraphs(text):
        heading = is_heading(text[para_start:para_end])
        for number in range(bisect_right(ends, para_start), len(bounds)):  # the first ending inside it, on
            sent_start, sent_end = bounds[number]
            if starts[sent_start] >= para_end:
                break
            start, end = max(starts[sent_start], para_start), min(ends[number], para_end)
            start, end = trimmed(text, start, end, trailing=" \t\n")
            # the sentence's first and last tokens starting inside [start, end) that are not spaces
            first = bisect_left(starts, start, sent_start, sent_end)
            last = bisect_left(starts, end, first, sent_end)
            while first < last and spaces[first]:
                first += 1
            while last > first and spaces[last - 1]:
                last -= 1
            if first < last:
                result.append(Sentence(start, end, first, last, heading, para_end))
    return result


def is_heading(paragraph: str) -> bool:
    """A line without final punctuation: a title, byline or dateline."""
    last = paragraph.rstrip()[-1:]
    return not (last and last in _TERMINALS) and len(paragraph.split()) < 20


def word_count(text: str) -> int:
    """Number of word-character runs in the text."""
    return len(_WORD.findall(text))


def letter_word_count(text: str) -> int:
    """Number of words of two letters or more (a time stamp such as "10:15 a.m." has none)."""
    return len(_LETTER_WORD.findall(text))
