"""The agreement vocabularies shared by the agreements layer, the knowledge base and the exports: kinds from
the most to the least specific, the families of kinds one agreement may be called by, the order of
stages, and how kinds, stages and provision types map onto PA-X (see ``data/AGREEMENTS.md``)."""

from __future__ import annotations

from typing import get_args

from sitroom.record import AgreementRoleName, AgreementStatus, ProvisionType

GENERIC_KIND = "agreement"
# Each role and the record field (and export column) that lists its actors.
ROLE_FIELDS: dict[AgreementRoleName, str] = {
    "party": "parties",
    "signatory": "signatories",
    "representative": "representatives",
    "mediator": "mediators",
    "guarantor": "guarantors",
    "monitor": "monitors",
    "implementer": "implementers",
    "excluded": "excluded",
    "proposer": "proposers",
}
KIND_ORDER = (
    "evacuation",
    "reconciliation",
    "prisoner_exchange",
    "de_escalation",
    "humanitarian_pause",
    "cessation_of_hostilities",
    "ceasefire",
    "truce",
    "peace_agreement",
    "memorandum",
    GENERIC_KIND,
)
# Kinds of one family name one agreement interchangeably (a ceasefire is called a truce); a generic
# "agreement" or "deal" belongs to every family.
FAMILIES: dict[str, str] = {
    "ceasefire": "hostilities",
    "truce": "hostilities",
    "cessation_of_hostilities": "hostilities",
    "humanitarian_pause": "hostilities",
    "de_escalation": "hostilities",
    "evacuation": "population",
    "reconciliation": "population",
    "prisoner_exchange": "exchange",
    "peace_agreement": "political",
    "memorandum": "memorandum",
    GENERIC_KIND: "other",
}
# Kinds that name one agreement across reports: "ceasefire", "truce" and "cessation of hostilities" are used
# for one another; a pause, a de-escalation zone or a population deal is another agreement.
KIND_GROUPS: dict[str, str] = {kind: family for kind, family in FAMILIES.items() if family != "hostilities"} | {
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
    "cessation_of_hostilities": "ceasefire",
    "humanitarian_pause": "pause",
    "de_escalation": "de_escalation",
}
# An agreement's stage is the latest its reports give, in this order.
STATUS_ORDER: tuple[AgreementStatus, ...] = get_args(AgreementStatus)
CEASEFIRE_KINDS = frozenset(kind for kind, family in FAMILIES.items() if family == "hostilities")


def most_specific(kinds: list[str]) -> str:
    """The most specific of ``kinds`` (``agreement`` when none)."""
    known = [kind for kind in kinds if kind in KIND_ORDER]
    return min(known, key=KIND_ORDER.index, default=GENERIC_KIND)


def family_of(kind: str) -> str:
    return FAMILIES.get(kind, "other")


def group_of(kind: str) -> str:
    return KIND_GROUPS.get(kind, "other")


# PA-X (Bell et al., peaceagreements.org) codebook categories a provision type falls under.
PAX_CATEGORIES: dict[ProvisionType, str] = {
    "ceasefire": "Security sector: ceasefire",
    "non_attack": "Security sector: ceasefire",
    "checkpoint": "Security sector: ceasefire",
    "withdrawal": "Security sector: withdrawal of forces",
    "disarmament": "Security sector: DDR",
    "weapons_handover": "Security sector: DDR",
    "movement": "Human rights and equality: freedom of movement",
    "prisoner_release": "Transitional justice: prisoner release",
    "exchange": "Transitional justice: prisoner release",
    "amnesty": "Transitional justice: amnesty/pardon",
    "evacuation": "Groups: refugees and displaced persons",
    "return_of_displaced": "Groups: refugees and displaced persons",
    "humanitarian_access": "Socio-economic: humanitarian assistance",
    "territorial_control": "State definition: territory",
    "local_administration": "Governance: local/municipal government",
    "monitoring": "Implementation: verification and monitoring mechanism",
    "sanctions": "Implementation: enforcement mechanism",
    "other": "",
}
# PA-X stages: Pre (pre-negotiation), SubPar (framework/substantive, partial), Imp (implementation),
# Ren (renewal), Cea (ceasefire and related), Other.
PAX_CEASEFIRE_STAGE = "Cea"


def pax_stage(kind: str, status: str | None) -> str:
    """The PA-X stage of an agreement of ``kind`` at ``status``."""
    if status == "proposed":
        return "Pre"
    if status == "extended":
        return "Ren"
    if kind in CEASEFIRE_KINDS:
        return PAX_CEASEFIRE_STAGE
    return "SubPar" if kind != GENERIC_KIND else "Other"


assert set(PAX_CATEGORIES) == set(get_args(ProvisionType))
assert set(FAMILIES) == set(KIND_ORDER) == set(KIND_GROUPS)
assert set(ROLE_FIELDS) == set(get_args(AgreementRoleName))
