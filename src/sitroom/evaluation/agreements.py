"""Agreements: role sets of parties, signatories and implementers, and numbered provisions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitroom.evaluation.alignment import Aligner
from sitroom.evaluation.counts import Counts
from sitroom.evaluation.gold import GoldAgreement, GoldDocument, GoldProvision
from sitroom.evaluation.matching import Status, gold_status, greedy_match, jaccard, tally
from sitroom.evaluation.report import EvalReport
from sitroom.record import Agreement, Provision, Record

AGREEMENT_ROLES = ("parties", "signatories", "implementers")


def _system_roles(agreement: Agreement, align: Aligner) -> dict[str, set[str]]:
    return {role: align.actors(getattr(agreement, role)) for role in AGREEMENT_ROLES}


def _gold_roles(agreement: GoldAgreement) -> dict[str, set[str]]:
    return {role: set(getattr(agreement, role)) for role in AGREEMENT_ROLES}


def score_agreements(document: GoldDocument, record: Record, align: Aligner, report: EvalReport) -> None:
    """Agreements, their role sets (counts and exactness) and their provisions."""
    statuses = [gold_status(agreement) for agreement in document.agreements]
    system_roles = [_system_roles(agreement, align) for agreement in record.agreements]
    gold_roles = [_gold_roles(agreement) for agreement in document.agreements]

    def similarity(system: int, gold: int) -> float:
        system_types = {(p.n, p.type) for p in record.agreements[system].provisions}
        gold_types = {(p.n, p.type) for p in document.agreements[gold].provisions}
        role_overlap = sum(jaccard(system_roles[system][r], gold_roles[gold][r]) for r in AGREEMENT_ROLES)
        return 1.0 + role_overlap + jaccard(system_types, gold_types)

    matching = greedy_match(len(record.agreements), statuses, similarity)
    report.sections["agreements"] = tally(matching, len(record.agreements), statuses)
    gold_of = dict(matching)
    for system, agreement in enumerate(record.agreements):
        gold = gold_of.get(system)
        if gold is None:
            _count_roles(system_roles[system], {}, report)
            report.sections["agreement_provisions"].fp += len(agreement.provisions)
        elif statuses[gold] is Status.REQUIRED:
            _count_roles(system_roles[system], gold_roles[gold], report)
            _count_role_exactness(system_roles[system], gold_roles[gold], report)
            _score_provisions(agreement.provisions, document.agreements[gold].provisions, report)
    for gold, status in enumerate(statuses):
        if status is Status.REQUIRED and gold not in gold_of.values():
            _count_roles({}, gold_roles[gold], report)
            _count_role_exactness({}, gold_roles[gold], report)
            provisions = document.agreements[gold].provisions
            report.sections["agreement_provisions"].fn += sum(1 for p in provisions if not p.optional)


def _count_roles(system: Mapping[str, set[str]], gold: Mapping[str, set[str]], report: EvalReport) -> None:
    """Members of each role set: found (tp), spurious (fp) and missed (fn)."""
    for role in AGREEMENT_ROLES:
        found, expected = system.get(role, set()), gold.get(role, set())
        report.sections[f"agreement_{role}"] += Counts(
            len(found & expected), len(found - expected), len(expected - found)
        )


def _count_role_exactness(system: Mapping[str, set[str]], gold: Mapping[str, set[str]], report: EvalReport) -> None:
    """Once per required gold agreement: is each role set exactly right?"""
    for role in AGREEMENT_ROLES:
        report.ratios[f"agreement_{role}_exact"].add(system.get(role, set()) == gold[role])


def _score_provisions(system: Sequence[Provision], gold: Sequence[GoldProvision], report: EvalReport) -> None:
    statuses = [gold_status(provision) for provision in gold]

    def same_number_and_type(i: int, j: int) -> float:
        return float(system[i].n == gold[j].n and system[i].type == gold[j].type)

    matching = greedy_match(len(system), statuses, same_number_and_type)
    report.sections["agreement_provisions"] += tally(matching, len(system), statuses)
