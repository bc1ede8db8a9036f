"""Agreements: role sets, kind, status and provisions.

A system agreement matches the gold agreement it shares most with: a gold mention phrase inside one of its
mentions, then its role sets, kind and numbered provisions. For matched required agreements:
- roles: members of each role set (parties, signatories, implementers always; representatives, mediators,
  guarantors and monitors where the gold annotates them), each set and all pooled (``agreement_roles``);
  ``excluded`` on its own; exactness of parties, signatories and implementers;
- kind and status: shares of matched agreements with the gold kind and status (where annotated);
- provisions: by number and type (``agreement_provisions``) and, order aside, by type alone
  (``agreement_provision_types``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from sitroom.evaluation.alignment import Aligner
from sitroom.evaluation.counts import Counts
from sitroom.evaluation.gold import GoldAgreement, GoldDocument, GoldProvision
from sitroom.evaluation.locating import locate
from sitroom.evaluation.matching import Status, gold_status, greedy_match, jaccard, tally
from sitroom.evaluation.report import EvalReport
from sitroom.record import Agreement, Provision, Record

AGREEMENT_ROLES = ("parties", "signatories", "implementers")
ANNOTATED_ROLES = ("representatives", "mediators", "guarantors", "monitors")
MENTION_WEIGHT = 4.0


def _system_roles(agreement: Agreement, align: Aligner) -> dict[str, set[str]]:
    roles = (*AGREEMENT_ROLES, *ANNOTATED_ROLES, "excluded")
    return {role: align.actors(getattr(agreement, role)) for role in roles}


def _gold_roles(agreement: GoldAgreement) -> dict[str, set[str]]:
    """The annotated role sets of a gold agreement (roles left unannotated are absent)."""
    roles = {role: set(getattr(agreement, role)) for role in AGREEMENT_ROLES}
    for role in (*ANNOTATED_ROLES, "excluded"):
        members = getattr(agreement, role)
        if members is not None:
            roles[role] = set(members)
    return roles


def _mention_spans(document: GoldDocument, agreement: GoldAgreement) -> list[tuple[int, int]]:
    return [span for mention in agreement.mentions for span in locate(document.text, mention)]


def _shares_mention(system: Agreement, gold_spans: list[tuple[int, int]]) -> bool:
    return any(m.start < end and start < m.end for m in system.mentions for start, end in gold_spans)


def score_agreements(document: GoldDocument, record: Record, align: Aligner, report: EvalReport) -> None:
    """Agreements, their role sets, kind, status and provisions."""
    statuses = [gold_status(agreement) for agreement in document.agreements]
    system_roles = [_system_roles(agreement, align) for agreement in record.agreements]
    gold_roles = [_gold_roles(agreement) for agreement in document.agreements]
    gold_spans = [_mention_spans(document, agreement) for agreement in document.agreements]

    def similarity(system: int, gold: int) -> float:
        system_agreement, gold_agreement = record.agreements[system], document.agreements[gold]
        system_types = {(p.n, p.type) for p in system_agreement.provisions}
        gold_types = {(p.n, p.type) for p in gold_agreement.provisions}
        shared = gold_roles[gold].keys()
        role_overlap = sum(jaccard(system_roles[system][r], gold_roles[gold][r]) for r in shared) / len(shared)
        mention = MENTION_WEIGHT * _shares_mention(system_agreement, gold_spans[gold])
        kind = 0.5 * (system_agreement.kind == gold_agreement.kind)
        return 1.0 + mention + role_overlap + kind + jaccard(system_types, gold_types)

    matching = greedy_match(len(record.agreements), statuses, similarity)
    report.sections["agreements"] = tally(matching, len(record.agreements), statuses)
    gold_of = dict(matching)
    annotated = {role for roles in gold_roles for role in roles} | set(AGREEMENT_ROLES)
    for system, agreement in enumerate(record.agreements):
        gold = gold_of.get(system)
        if gold is None:
            _count_roles(system_roles[system], {role: set() for role in annotated}, report)
            report.sections["agreement_provisions"].fp += len(agreement.provisions)
            report.sections["agreement_provision_types"].fp += len(agreement.provisions)
        elif statuses[gold] is Status.REQUIRED:
            expected = document.agreements[gold]
            _count_roles(system_roles[system], gold_roles[gold], report)
            _count_role_exactness(system_roles[system], gold_roles[gold], report)
            _score_provisions(agreement.provisions, expected.provisions, report)
            report.ratios["agreement_kind"].add(agreement.kind == expected.kind)
            if expected.status is not None:
                report.ratios["agreement_status"].add(agreement.status == expected.status)
    for gold, status in enumerate(statuses):
        if status is Status.REQUIRED and gold not in gold_of.values():
            _count_roles({}, gold_roles[gold], report)
            _count_role_exactness({}, gold_roles[gold], report)
            provisions = sum(1 for p in document.agreements[gold].provisions if not p.optional)
            report.sections["agreement_provisions"].fn += provisions
            report.sections["agreement_provision_types"].fn += provisions


def _count_roles(system: Mapping[str, set[str]], gold: Mapping[str, set[str]], report: EvalReport) -> None:
    """Members of each annotated role set: found (tp), spurious (fp) and missed (fn); pooled, excluded aside."""
    for role, expected in gold.items():
        found = system.get(role, set())
        counts = Counts(len(found & expected), len(found - expected), len(expected - found))
        report.sections[f"agreement_{role}"] += counts
        if role != "excluded":
            report.sections["agreement_roles"] += counts


def _count_role_exactness(system: Mapping[str, set[str]], gold: Mapping[str, set[str]], report: EvalReport) -> None:
    """Once per required gold agreement: is each of parties, signatories and implementers exactly right?"""
    for role in AGREEMENT_ROLES:
        report.ratios[f"agreement_{role}_exact"].add(system.get(role, set()) == gold[role])


def _score_provisions(system: Sequence[Provision], gold: Sequence[GoldProvision], report: EvalReport) -> None:
    statuses = [gold_status(provision) for provision in gold]

    def same_number_and_type(i: int, j: int) -> float:
        return float(system[i].n == gold[j].n and system[i].type == gold[j].type)

    matching = greedy_match(len(system), statuses, same_number_and_type)
    report.sections["agreement_provisions"] += tally(matching, len(system), statuses)
    found = Counter(provision.type for provision in system)
    expected = Counter(provision.type for provision in gold if not provision.optional)
    report.sections["agreement_provision_types"] += Counts(
        sum((found & expected).values()), sum((found - expected).values()), sum((expected - found).values())
    )
