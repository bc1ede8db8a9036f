"""Paragraphs, paragraph-clipped sentences, trimming and word counts of a document's text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import islice

from spacy.attrs import IDX, IS_SPACE
from spacy.tokens import Doc

_TERMINAL = re.compile(r"[.!?:\"\u201d']\s*$")
_STRIP_LEADING = " \t\n,;:-\u2013\u2014\"\u201c\u201d'"
STRIP_TRAILING = ' \t\n,;:-\u2013\u2014"\u201c\u201d'


@dataclass(frozen=True)
class Sentence:
    """A spaCy sentence clipped to one paragraph (token indices end-exclusive)."""

    start: int
    end: int
    first: int
    last: int
    heading: bool
    paragraph_end: int = 0


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines of the text."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
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
    """spaCy sentences cut at paragraph boundaries, without surrounding whitespace."""
    result = []
    sents = list(doc.sents)
    ends = [sent.end_char for sent in sents]
    starts, spaces = doc.to_array([IDX, IS_SPACE]).T.tolist() if len(doc) else ([], [])
    for para_start, para_end in paragraphs(text):
        heading = is_heading(text[para_start:para_end])
        for sent in islice(sents, bisect_right(ends, para_start), None):  # the first ending inside it, on
            if sent.start_char >= para_end:
                break
            start, end = max(sent.start_char, para_start), min(sent.end_char, para_end)
            start, end = trimmed(text, start, end, trailing=" \t\n")
            # the sentence's first and last tokens starting inside [start, end) that are not spaces
            first = bisect_left(starts, start, sent.start, sent.end)
            last = bisect_left(starts, end, first, sent.end)
            while first < last and spaces[first]:
                first += 1
            while last > first and spaces[last - 1]:
                last -= 1
            if first < last:
                result.append(Sentence(start, end, first, last, heading, para_end))
    return result


def is_heading(paragraph: str) -> bool:
    """A line without final punctuation: a title, byline or dateline."""
    return not _TERMINAL.search(paragraph) and len(paragraph.split()) < 20


def word_count(text: str) -> int:
    """Number of word-character runs in the text."""
    return len(re.findall(r"\w+", text))


def letter_word_count(text: str) -> int:
    """Number of words of two letters or more (a time stamp such as "10:15 a.m." has none)."""
    return len(re.findall(r"[^\W\d_]{2,}", text))
