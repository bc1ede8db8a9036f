"""An event's place and date, with where each was read: its own clause, its sentence, the article's
dateline, or the document as a whole (its most named place, its date). A date in a subordinate clause ("since
the war began in 2011") or a bare year elsewhere in the sentence is never the event's date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from sitroom.components.events.context import Context, lemma
from sitroom.components.events.vocabulary import ACT_NOUNS, AREA_NOUNS, PLACE_NOUNS, WEAPON_NOUNS
from sitroom.record import Place, Provenance

DATELINE_CHARS = 80  # the dateline ("ALEPPO, Syria (Reuters) -") opens the body within this many characters
SUBORDINATE_DEPS = frozenset({"ccomp", "relcl", "acl", "parataxis", "advcl"})
Located = tuple[str | None, Provenance | None]
_PLACE_OR_ACT_NOUNS = PLACE_NOUNS | ACT_NOUNS


def _attached_to_actor(token: Token, stop: Token, ctx: Context) -> bool:
    """True when ``token`` modifies an actor mention ("the regime in Baghdad") or a border phrase. An
    unnamed group other than officials is where it is told of ("civilians in Aleppo were killed")."""
    base = token
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head
    if base.head.lower_ == "of" and lemma(base.head.head) not in _PLACE_OR_ACT_NOUNS:
        return True  # "the people of Aleppo", but "the town of Samarra" is the place itself, "the shelling of
        # Douma" the place of the act
    current = token
    while current.head.i != current.i and current.i != stop.i:
        current = current.head
        if _seated_actor(current, ctx) or (
            current.lower_ in {"with", "between"} and lemma(current.head) in {"border", "area", "frontier"}
        ):
            return True
    return False


def _seated_actor(token: Token, ctx: Context) -> bool:
    """The token names an actor whose place says where it sits: a named actor, or officials, but not an
    act or weapon that stands for its actor ("a Russian airstrike on Aleppo" is where it struck)."""
    actor_id = ctx.token_actor.get(token.i)
    if actor_id is None or lemma(token) in ACT_NOUNS or lemma(token) in WEAPON_NOUNS:
        return False
    collective = ctx.actors[actor_id].collective
    return collective is None or collective == "officials"


def _locative_places(tokens: Iterable[Token], stop: Token, ctx: Context) -> list[str]:
    found: list[str] = []
    for token in tokens:
        place_id = ctx.token_place.get(token.i)
        if place_id is None or place_id in found or token.i in ctx.token_actor:
            continue
        if not _attached_to_actor(token, stop, ctx):
            found.append(place_id)
    return found


def _place_tokens(span: Span, ctx: Context) -> Iterator[Token]:
    """The tokens of ``span`` that belong to a place mention, in order (the others are never read)."""
    doc, token_place = span.doc, ctx.token_place
    return (doc[index] for index in range(span.start, span.end) if index in token_place)


def _most_specific(place_ids: list[str], ctx: Context) -> str | None:
    """The first place that is not a country (or the first place at all)."""
    specific = [
        pid for pid in place_ids if ctx.places[pid].feature not in {"country", None} or ctx.places[pid].country is None
    ]
    candidates = specific or place_ids
    return candidates[0] if candidates else None


def _clause_tokens(
    head: Token, embedded: frozenset[str] = frozenset({"ccomp", "relcl", "acl", "parataxis"})
) -> Iterator[Token]:
    """The clause of ``head`` without embedded clauses (complements, relative clauses), in the order of a
    depth-first walk (a stack, not nested generators: clauses are deep)."""
    pending = [head]
    while pending:
        token = pending.pop()
        yield token
        pending.extend(reversed([child for child in token.children if child.dep_ not in embedded]))


def event_place(trigger: Token, ctx: Context) -> str | None:
    """The event's own place; a bare "the area"/"the border area" falls back to the last place named."""
    clause = list(_clause_tokens(trigger))
    place = _most_specific(_locative_places(clause, trigger, ctx), ctx)
    if place is not None:
        return place
    if not any(lemma(token) in AREA_NOUNS for token in clause):
        return None
    for sent in _previous_sentences(trigger, 3):
        specific = [
            pid
            for pid in _locative_places(_place_tokens(sent, ctx), sent.root, ctx)
            if ctx.places[pid].feature not in {"country", None}
        ]
        if specific:
            return specific[0]
    return None


def _previous_sentences(token: Token, count: int) -> list[Span]:
    """Up to ``count`` sentences before the token's, nearest first."""
    found: list[Span] = []
    sentence = token.sent
    while len(found) < count and sentence.start > 0:
        sentence = sentence.doc[sentence.start - 1].sent
        found.append(sentence)
    return found


def event_date(sentence: Span, ctx: Context) -> str | None:
    """A date named in the sentence, else the document's month."""
    for _start, _end, value in ctx.date_index.inside(sentence.start_char, sentence.end_char):
        return value
    return ctx.document_month


def locate_place(trigger: Token, sentence: Span, ctx: Context) -> Located:
    """The event's place and where it was read: its clause, its sentence, the dateline, the document. The
    first that is located below the country level wins; a place the gazetteer could not locate, or a
    country, gives way to a located town or province read further out in its country (as ACLED codes the
    nearest known location), or in the document's main country when the country is another one, and is
    kept only when nothing better is found."""
    candidates: list[tuple[str, Provenance]] = []
    if (place := event_place(trigger, ctx)) is not None:
        candidates.append((place, "clause"))
    candidates += [(place, "sentence") for place in _locative_places(_place_tokens(sentence, ctx), sentence.root, ctx)]
    if (place := dateline_place(ctx)) is not None:
        candidates.append((place, "dateline"))
    if (place := focus_place(ctx)) is not None:
        candidates.append((place, "document"))
    if not candidates:
        return None, None
    specific = [c for c in candidates if c[1] != "sentence" or ctx.places[c[0]].feature != "country"]
    first = (specific or candidates)[0]
    first_place = ctx.places[first[0]]
    if _located(first_place):
        return first
    home = main_country(ctx)
    for place_id, read_from in candidates[1:]:
        found = ctx.places[place_id]
        same_country = first_place.country in {None, found.country}
        if first_place.feature == "country" and home is not None and found.country == home:
            same_country = True  # a foreign country ("a US airstrike") gives way to a place where the story is
        if _located(found) and same_country:
            return place_id, read_from
    return first


def _located(place: Place) -> bool:
    """Placed on the map below the country level, inside one country (not a river valley across several)."""
    return place.lat is not None and place.feature != "country" and place.country is not None


def locate_date(trigger: Token, sentence: Span, ctx: Context) -> Located:
    """The event's date and where it was read: a date in its clause, a day or month elsewhere in the
    sentence (outside subordinate clauses), else the document's date."""
    clause: set[int] | None = None  # read when the sentence names a date
    in_sentence: list[str] = []
    for start, end, value in ctx.date_index.inside(sentence.start_char, sentence.end_char):
        if clause is None:
            clause = {token.i for token in _clause_tokens(trigger, SUBORDINATE_DEPS)}
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(token.i in clause for token in span):
            return value, "clause"
        if span is not None and len(value) > 4 and not _subordinate(span.root, sentence):
            in_sentence.append(value)
    if in_sentence:
        return in_sentence[0], "sentence"
    return (ctx.document_date, "document") if ctx.document_date else (None, None)


def _subordinate(token: Token, sentence: Span) -> bool:
    """Inside a subordinate clause of the sentence ("since the war began in 2011")."""
    current = token
    while current.head.i != current.i and current.i != sentence.root.i:
        if current.dep_ in SUBORDINATE_DEPS:
            return True
        current = current.head
    return False


def dateline_place(ctx: Context) -> str | None:
    """The place of the article's dateline: a place named at the very start of the body, in capitals or
    before the outlet ("BEIRUT (Reuters)", "ALEPPO Syria AFP")."""
    if not ctx.dateline_known:
        ctx.dateline, ctx.dateline_known = _read_dateline(ctx), True
    return ctx.dateline


def _read_dateline(ctx: Context) -> str | None:
    for unit in ctx.units[:3]:
        if unit.start_char > DATELINE_CHARS * 4 or any(token.i in ctx.heading_tokens for token in unit):
            continue
        for token in unit:
            if token.idx - unit.start_char > DATELINE_CHARS:
                break
            place = ctx.token_place.get(token.i)
            if place is not None and (token.text.isupper() or _before_outlet(token, ctx)):
                return place
        return None
    return None


def _before_outlet(token: Token, ctx: Context) -> bool:
    following = token.doc[token.i + 1 : token.i + 5]
    return any(
        t.text == "("
        or (
            ctx.actors.get(ctx.token_actor.get(t.i, ""), None) is not None
            and ctx.actors[ctx.token_actor[t.i]].kind == "media"
        )
        for t in following
    )


def main_country(ctx: Context) -> str | None:
    """The country whose places the document names most (mentions that only say where an actor sits do not
    count). Computed once per document."""
    if not ctx.home_known:
        counts = Counter(country for _place, country in _own_place_mentions(ctx) if country is not None)
        ctx.home, ctx.home_known = (counts.most_common(1)[0][0] if counts else None), True
    return ctx.home


def _own_place_mentions(ctx: Context) -> list[tuple[str, str | None]]:
    """(place, country) of each place token that does not just say where an actor sits; once per document."""
    if ctx.own_places is None:
        ctx.own_places = [
            (place_id, ctx.places[place_id].country)
            for index, place_id in ctx.token_place.items()
            if index not in ctx.token_actor and not _attached_to_actor(ctx.doc[index], ctx.doc[index].sent.root, ctx)
        ]
    return ctx.own_places


def focus_place(ctx: Context) -> str | None:
    """The place of the document's main country it names most often below the country level (else any place
    below it, else its most named country); places that only say where an actor sits ("the regime in
    Baghdad") do not count. Computed once per document."""
    if not ctx.focus_known:
        ctx.focus, ctx.focus_known = _count_focus_place(ctx), True
    return ctx.focus


def _count_focus_place(ctx: Context) -> str | None:
    counts: dict[str, int] = {}
    for place_id, _country in _own_place_mentions(ctx):
        counts[place_id] = counts.get(place_id, 0) + 1
    ranked = sorted(counts, key=lambda pid: (-counts[pid], pid))
    specific = [pid for pid in ranked if ctx.places[pid].feature not in {"country", None}]
    home = main_country(ctx)
    at_home = [pid for pid in specific if ctx.places[pid].country == home]
    candidates = at_home or specific or ranked
    return candidates[0] if candidates else None
