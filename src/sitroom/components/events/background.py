"""Background happenings: what a report recalls as context, not the news it reports.

A report of today's attack often recalls earlier ones ("three days after a car bomb killed 60", "an earlier
raid killed 15", "earlier this month", "in August 2013") and running totals ("400,000 killed since 2011").
ACLED codes the new incident, not the recap; an event is background when

- it is told in a clause or phrase of precedence (``after``, ``since``, ``following``, the object of
  ``follow``) attached to a clause that tells another act of violence ("the raid comes a week after rebels
  killed 40"), not to the killing or dying it led to ("six died after jets bombed the market" is one event)
  nor to a deed of another kind ("sent condolences following the deaths of five");
- its act is "earlier"/"previous" ("an earlier raid", "in a previous attack") or it is dated "earlier this
  month/year" (not "earlier this week", which often still dates the news);
- its own clause or sentence dates it clearly before the document: a day more than ``STALE_DAYS`` days
  before the document's date, or a month or year that ended before the document's month began;
- or it is a running total (:func:`~sitroom.components.events.triggers.cumulative`, which the events layer
  reads once per event as ``Draft.running_total``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from spacy.tokens import Token

from sitroom.components.events.context import Context, lemma
from sitroom.components.events.vocabulary import ACT_NOUNS, ATTACK_VERBS, COMBAT_NOUNS
from sitroom.record import Provenance

PRECEDENCE_WORDS = frozenset({"after", "since", "following", "follow"})  # what they introduce came first
EARLIER_WORDS = frozenset({"earlier", "previous", "prior"})
LONG_PERIODS = frozenset({"month", "year", "decade"})  # "earlier this week" still dates the news, often
STALE_DAYS = 14  # a day this many days before the document's date is no longer its news
ACT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})  # where the act noun of a verb trigger sits
HAPPENING_DEPS = ACT_DEPS | {"attr"}


def background(trigger: Token, date: str | None, date_from: Provenance | None, ctx: Context) -> bool:
    """True when the event of ``trigger``, not told in a clause of precedence (:func:`recalled`, which the
    events layer reads once per event), is recalled as context by the module's other rules but the running
    total."""
    return _earlier(trigger) or _stale(date, date_from, ctx.document_date)


def recalled(token: Token) -> bool:
    """The token lies in a clause or phrase of precedence ("after rebels killed 40", "following the attack
    that killed 30") attached to another happening than the killing or dying it led to."""
    current = token
    while current.head.i != current.i:
        head = current.head
        if current.dep_ == "advcl" and any(
            child.dep_ == "mark" and child.lower_ in PRECEDENCE_WORDS for child in current.children
        ):
            return _tells_act(head)
        if current.dep_ in {"pobj", "pcomp"} and head.dep_ == "prep" and head.lower_ in PRECEDENCE_WORDS:
            return _tells_act(head.head)
        if current.dep_ == "dobj" and lemma(head) in PRECEDENCE_WORDS:  # "the raid followed an attack that ..."
            return _tells_act(head)
        current = head
    return False


def _tells_act(head: Token) -> bool:
    """The clause of ``head`` tells an act of violence: an attack verb, or an act noun as the word itself, its
    subject, object or attribute ("the raid comes a week after ...", "it was the third attack, after ...").
    A killing or dying ("six died after jets bombed the market") is the outcome of what its clause tells."""
    words = [head, *(child for child in head.children if child.dep_ in HAPPENING_DEPS)]
    return lemma(head) in ATTACK_VERBS or any(lemma(word) in ACT_NOUNS | COMBAT_NOUNS for word in words)


def _earlier(trigger: Token) -> bool:
    """ "An earlier raid killed 15", "killed in a previous attack", "earlier this month, a bombing killed"."""
    for child in trigger.children:
        if child.dep_ in ACT_DEPS and _said_earlier(child):
            return True
        if child.dep_ == "prep" and any(obj.dep_ == "pobj" and _said_earlier(obj) for obj in child.children):
            return True
        if child.dep_ == "npadvmod" and lemma(child) in LONG_PERIODS and _earlier_period(child):
            return True
    return _said_earlier(trigger)


def _earlier_period(period: Token) -> bool:
    """ "earlier this month"."""
    return any(modifier.lower_ == "earlier" for modifier in period.children)


def _said_earlier(act: Token) -> bool:
    return any(child.dep_ == "amod" and child.lower_ in EARLIER_WORDS for child in act.children)


def _stale(date: str | None, date_from: Provenance | None, document_date: str | None) -> bool:
    """The event's own date (its clause's or sentence's) lies clearly before the document's date."""
    if date is None or date_from not in {"clause", "sentence"} or document_date is None:
        return False
    period, published = _last_day(date), _last_day(document_date)
    if period is None or published is None:
        return False
    if period < published - dt.timedelta(days=STALE_DAYS):
        return True
    return len(date) < len("2014-01-01") and period < published.replace(day=1)


@lru_cache(maxsize=256)
def _last_day(value: str) -> dt.date | None:
    """The last day an ISO date of any precision (``2014``, ``2014-01``, ``2014-01-15``) covers."""
    try:
        numbers = [int(part) for part in value.split("-")[:3]]
        if len(numbers) == 1:
            return dt.date(numbers[0], 12, 31)
        if len(numbers) == 2:
            return dt.date(numbers[0], numbers[1], calendar.monthrange(numbers[0], numbers[1])[1])
        return dt.date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return None
