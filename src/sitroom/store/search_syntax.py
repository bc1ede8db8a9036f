"""The search box's query language, parsed once and rendered for SQLite FTS5 or PostgreSQL text search.

    Aleppo airstrike          both words (AND is implied)
    "barrel bombs"            the phrase
    Nusra OR Qaeda            either
    Aleppo NOT Idlib          Aleppo, without Idlib (also ``-Idlib``)
    negot*                    words starting with "negot"
    (Aleppo OR Homs) shelling groups

Operators are upper case (``and``, ``or`` and ``not`` in lower case are words). A query that cannot be read
raises ``SearchSyntaxError`` naming what is wrong and where; user text never reaches either engine's
parser unquoted (FTS5 strings are quoted, PostgreSQL words are bound parameters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, func, literal

MIN_PREFIX = 2  # "a*" would match most of the index
MAX_TERMS = 32


class SearchSyntaxError(ValueError):
    """A query the search language cannot read; the message says what and where (1-based character)."""


@dataclass(frozen=True)
class Term:
    text: str
    kind: Literal["word", "phrase", "prefix"] = "word"


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]


Node = Term | Not | And | Or

_TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quote>")|(?P<word>[^\s()"]+))')


@dataclass(frozen=True)
class _Token:
    kind: str  # open, close, phrase, word, AND, OR, NOT, minus
    text: str
    position: int  # 1-based


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None:  # only trailing spaces are left
            break
        start = match.start(match.lastgroup or 0) + 1
        if match.group("quote"):
            end = query.find('"', match.end())
            if end < 0:
                raise SearchSyntaxError(f"the quotation mark at character {start} is not closed")
            phrase = query[match.end() : end]
            if not phrase.split():
                raise SearchSyntaxError(f"the phrase at character {start} is empty")
            tokens.append(_Token("phrase", " ".join(phrase.split()), start))
            position = end + 1
            continue
        word = match.group("word")
        if word is not None and word in ("AND", "OR", "NOT"):
            tokens.append(_Token(word, word, start))
        elif word is not None and word.startswith("-") and len(word) > 1:
            tokens.append(_Token("minus", "-", start))
            tokens.append(_Token("word", word[1:], start + 1))
        elif word is not None:
            tokens.append(_Token("word", word, start))
        else:
            tokens.append(_Token(match.lastgroup or "", match.group(0).strip(), start))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0
        self.terms = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> Node:
        node = self.either()
        leftover = self.peek()
        if leftover is not None:  # only a stray ")" stops ``either`` early
            raise SearchSyntaxError(f"the ')' at character {leftover.position} closes no '('")
        return node

    def either(self) -> Node:
        operands = [self.both()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            operands.append(self.both(after=token))
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def both(self, after: _Token | None = None) -> Node:
        operands: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("OR", "close"):
            if token.kind == "AND":
                if not operands:
                    raise SearchSyntaxError(f"AND at character {token.position} needs a term before it")
                after = self.take()
                continue
            operands.append(self.unary())
            after = None
        if after is not None:
            raise SearchSyntaxError(f"{after.kind} at character {after.position} needs a term after it")
        if not operands:
            if token is not None and token.kind == "OR":
                raise SearchSyntaxError(f"OR at character {token.position} needs a term before it")
            where = f"at character {token.position}" if token is not None else "at the end"
            raise SearchSyntaxError(f"a term is missing {where}")
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def unary(self) -> Node:
        token = self.take()
        if token.kind in ("NOT", "minus"):
            following = self.peek()
            if following is None or following.kind in ("AND", "OR", "NOT", "close", "minus"):
                raise SearchSyntaxError(f"{token.text} at character {token.position} needs a term after it")
            return Not(self.unary())
        if token.kind == "open":
            if (inner := self.peek()) is not None and inner.kind == "close":
                raise SearchSyntaxError(f"the brackets at character {token.position} are empty")
            node = self.either()
            closing = self.peek()
            if closing is None or closing.kind != "close":
                raise SearchSyntaxError(f"the '(' at character {token.position} is not closed")
            self.take()
            return node
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise SearchSyntaxError(f"a query has at most {MAX_TERMS} terms")
        if token.kind == "phrase":
            return Term(token.text, "phrase")
        return _word(token)


def _word(token: _Token) -> Term:
    text = token.text
    if not text.endswith("*"):
        return Term(text)
    stem = text.rstrip("*")
    if len(stem) < MIN_PREFIX or not stem.isalnum():
        raise SearchSyntaxError(
            f"the prefix at character {token.position} needs at least {MIN_PREFIX} letters or digits before '*'"
        )
    return Term(stem.lower(), "prefix")


def parse_query(query: str) -> Node:
    """The query as a tree; ``SearchSyntaxError`` when it cannot be read or only excludes."""
    if "\x00" in query:
        raise SearchSyntaxError(f"the query holds a NUL character at character {query.index(chr(0)) + 1}")
    tokens = _tokens(query)
    if not tokens:
        raise SearchSyntaxError("the query is empty")
    node = _Parser(tokens).parse()
    if not _matches_something(node):
        raise SearchSyntaxError("a query needs a term that is not excluded (NOT alone matches everything)")
    return node


def _matches_something(node: Node) -> bool:
    """False for a query that would only exclude (``NOT x``, ``-x -y``), which neither engine runs."""
    if isinstance(node, Term):
        return True
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_matches_something(operand) for operand in node.operands)
    return all(_matches_something(operand) for operand in node.operands)


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def to_fts5(node: Node) -> str:
    """The query in FTS5's syntax, every term quoted."""
    if isinstance(node, Term):
        return _fts_string(node.text) + ("*" if node.kind == "prefix" else "")
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(operand) for operand in node.operands) + ")"
    if isinstance(node, Not):  # only reached inside And, where _and_fts5 places it
        raise SearchSyntaxError("NOT needs a term to exclude from")
    return _and_fts5(node)


def _and_fts5(node: And) -> str:
    # FTS5's NOT is binary ("a NOT b"): the kept terms first, then each excluded one.
    kept = [operand for operand in node.operands if not isinstance(operand, Not)]
    dropped = [operand.operand for operand in node.operands if isinstance(operand, Not)]
    text = "(" + " AND ".join(to_fts5(operand) for operand in kept) + ")"
    for operand in dropped:
        text = f"({text} NOT {to_fts5(operand)})"
    return text


def to_tsquery(node: Node) -> ColumnElement[str]:
    """The query as a PostgreSQL ``tsquery`` expression built from bound parameters."""
    if isinstance(node, Term):
        if node.kind == "phrase":
            return func.phraseto_tsquery("english", literal(node.text))
        if node.kind == "prefix":  # the stem is letters and digits only (``_word``)
            return func.to_tsquery("simple", literal(node.text + ":*"))
        return func.plainto_tsquery("english", literal(node.text))
    if isinstance(node, Not):
        return func.tsquery_not(to_tsquery(node.operand))  # the function behind the ``!!`` operator
    operator = "&&" if isinstance(node, And) else "||"
    parts = [to_tsquery(operand) for operand in node.operands]
    combined = parts[0]
    for part in parts[1:]:
        combined = combined.op(operator)(part)
    return combined
