"""Word lists of the agreements layer: what names an agreement, what says who takes which role, what says
which stage it is at, and what each kind of provision is about. Documented in knowledge/data/AGREEMENTS.md."""

from __future__ import annotations

from typing import get_args

from sitroom.knowledge.agreement_kinds import GENERIC_KIND, KIND_ORDER, STATUS_ORDER
from sitroom.record import AgreementRoleName, AgreementStatus, EndReason, ProvisionType

# ----------------------------------------------------------------------------------------------- kinds
# Nouns that name an agreement by themselves (the generic ones take their kind from their modifiers).
HEAD_KINDS: dict[str, str] = {
    "ceasefire": "ceasefire",
    "truce": "truce",
    "armistice": "truce",
    "hudna": "truce",
    "moratorium": "humanitarian_pause",
    "respite": "humanitarian_pause",
    "memorandum": "memorandum",
    "deal": GENERIC_KIND,
    "agreement": GENERIC_KIND,
    "accord": GENERIC_KIND,
    "pact": GENERIC_KIND,
}
# Nouns that name an agreement only with a complement or modifier: "pause in strikes", "freeze on fighting",
# "cessation of hostilities", "de-escalation zone", "prisoner exchange", "political settlement".
PAUSE_NOUNS = frozenset({"pause", "freeze", "halt"})
# Nouns of a state of fighting ("the brief lull in bombing"): an agreement only when declared or agreed.
STATE_NOUNS = frozenset({"lull"})
HOSTILITY_WORDS = frozenset(
    {
        "fighting",
        "fire",
        "hostility",
        "hostilities",
        "strike",
        "strikes",
        "airstrike",
        "bombing",
        "bombardment",
        "shelling",
        "raid",
        "attack",
        "offensive",
        "combat",
    }
)
# Modifier words (lower case, hyphens joined) that decide the kind of a generic or compound agreement noun.
MODIFIER_KINDS: dict[str, str] = {
    "evacuation": "evacuation",
    "withdrawal": "evacuation",
    "transfer": "evacuation",
    "population": "evacuation",
    "reconciliation": "reconciliation",
    "surrender": "reconciliation",
    "prisoner": "prisoner_exchange",
    "detainee": "prisoner_exchange",
    "hostage": "prisoner_exchange",
    "de-escalation": "de_escalation",
    "humanitarian": "humanitarian_pause",
    "ceasefire": "ceasefire",
    "cease-fire": "ceasefire",
    "truce": "truce",
    "peace": "peace_agreement",
    "political": "peace_agreement",
}
EXCHANGE_NOUNS = frozenset({"exchange", "swap"})
SETTLEMENT_NOUNS = frozenset({"settlement"})
ZONE_NOUNS = frozenset({"zone"})
# Heads a compound agreement noun may modify and still be the agreement: "ceasefire violations".
VIOLATION_NOUNS = frozenset({"violation", "breach"})
# Plural agreement nouns are a class ("local truces have not held") unless counted or timed.
FREQUENCY_WORDS = frozenset({"daily", "weekly", "nightly", "monthly"})
DURATION_UNITS = {"hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}
SCOPE_WORDS = {"local": "local", "nationwide": "national", "national": "national", "countrywide": "national"}
UNILATERAL_WORDS = frozenset({"unilateral", "unilaterally", "one-sided"})
WRITTEN_WORDS = frozenset({"sign", "signed", "signature", "document", "text", "written", "handwritten", "clause"})
VERBAL_WORDS = frozenset({"verbal", "oral", "unwritten", "verbally", "orally"})

# ----------------------------------------------------------------------------------------------- roles
# Verbs (lemma) whose subject or agent takes a role in the agreement that is their object.
ROLE_VERBS: dict[str, AgreementRoleName] = {
    "agree": "party",
    "reach": "party",
    "sign": "party",
    "conclude": "party",
    "strike": "party",
    "seal": "party",
    "declare": "party",
    "announce": "party",
    "accept": "party",
    "join": "party",
    "have": "party",
    "hold": "party",
    "enjoy": "party",
    "maintain": "party",
    "negotiate": "party",
    "involve": "party",
    "broker": "mediator",
    "mediate": "mediator",
    "sponsor": "mediator",
    "facilitate": "mediator",
    "host": "mediator",
    "guarantee": "guarantor",
    "back": "guarantor",
    "endorse": "guarantor",
    "support": "guarantor",
    "monitor": "monitor",
    "supervise": "monitor",
    "oversee": "monitor",
    "observe": "party",
    "implement": "implementer",
}
# Verbs whose subject proposes the agreement that is their object or follows "for": "the UN called for a
# truce", "Egypt proposed a ceasefire" (the proposer is not a party).
PROPOSING_VERBS = frozenset({"propose", "call", "urge", "plead", "ask", "demand", "suggest", "seek", "push", "offer"})
# Verbs of clauses that belong to an agreement even where the parser attaches them to a nearby noun.
ATTACHABLE_VERBS = frozenset({"broker", "mediate", "sponsor", "back", "endorse", "guarantee", "agree", "sign", "reach"})
# Nouns that stand for the agreement they set out: "agreed on a plan for a ceasefire".
PLAN_NOUNS = frozenset({"plan", "proposal", "blueprint", "framework"})
# Talks whose hosts or brokers mediate what they lead to: "Egypt hosted talks that led to a truce".
TALK_NOUNS = frozenset({"talk", "negotiation", "meeting", "conference", "consultation"})
# Verbs of bringing an agreement about, with the preposition before it (None: its direct object).
OUTCOME_VERBS: dict[str, str | None] = {"lead": "to", "result": "in", "produce": None, "yield": None}
OUTCOME_NOUNS = frozenset({"creation", "establishment", "conclusion", "signing"})  # "led to the creation of"
# "reached under Russian mediation", "under the auspices of the UN".
MEDIATION_NOUNS = frozenset({"mediation", "auspices", "sponsorship"})
MEDIATION_PREPOSITIONS = frozenset({"under", "with", "through", "after"})
# Subjects of "observe" that watch rather than comply: persons and observers.
OBSERVER_NOUNS = frozenset({"figure", "official", "observer", "monitor", "officer", "expert", "inspector"})
# Verbs by which an agreement leaves actors out: "the deal excludes X", "X is not party to it".
EXCLUDING_VERBS = frozenset({"exclude"})
COVERING_VERBS = frozenset({"include", "cover"})
PARTY_NOUNS = frozenset({"party", "part", "signatory"})

# ---------------------------------------------------------------------------------------------- status
# Cue lemmas (verbs, nouns, adjectives, prepositions) and the stage they report.
STATUS_CUES: dict[str, AgreementStatus] = {
    # proposed
    "propose": "proposed",
    "proposal": "proposed",
    "offer": "proposed",
    "call": "proposed",
    "urge": "proposed",
    "demand": "proposed",
    "ask": "proposed",
    "plead": "proposed",
    "seek": "proposed",
    "push": "proposed",
    "suggest": "proposed",
    "present": "proposed",  # "outlines of a deal will be presented"
    "draft": "proposed",
    "proposed": "proposed",
    "planned": "proposed",
    "possible": "proposed",
    "potential": "proposed",
    "negotiate": "proposed",
    "talk": "proposed",
    "discussion": "proposed",
    "prospect": "proposed",
    "ultimatum": "proposed",
    # agreed
    "agree": "agreed",
    "reach": "agreed",
    "sign": "agreed",
    "signing": "agreed",
    "conclude": "agreed",
    "strike": "agreed",
    "seal": "agreed",
    "broker": "agreed",
    "mediate": "agreed",
    "sponsor": "agreed",
    "accept": "agreed",
    "declare": "agreed",
    "announce": "agreed",
    "establish": "agreed",
    "endorse": "agreed",
    "back": "agreed",
    "guarantee": "agreed",
    "join": "agreed",
    "creation": "agreed",
    # in force
    "begin": "in_force",
    "start": "in_force",
    "hold": "in_force",
    "take": "in_force",  # "took effect", "took hold"
    "come": "in_force",  # "came into force / effect"
    "remain": "in_force",
    "respect": "in_force",
    "observe": "in_force",
    "stick": "in_force",
    "abide": "in_force",  # "abide by", "adhere to", "comply with", "honour", "uphold" the truce
    "adhere": "in_force",
    "comply": "in_force",
    "honor": "in_force",
    "honour": "in_force",
    "uphold": "in_force",
    "commit": "in_force",
    "implement": "in_force",
    "implementation": "in_force",
    "carry": "in_force",  # "was being carried out"
    "maintain": "in_force",
    "maintenance": "in_force",
    "monitor": "in_force",
    "cover": "in_force",
    "ongoing": "in_force",
    "current": "in_force",
    "existing": "in_force",
    "phase": "in_force",
    "under": "in_force",
    "through": "in_force",  # "left the city through a deal": done by means of it
    "via": "in_force",
    "framework": "in_force",
    "accordance": "in_force",
    "enjoy": "in_force",
    "produce": "in_force",
    "reduce": "in_force",
    "quiet": "in_force",
    # violated
    "violate": "violated",
    "shake": "violated",  # "the truce has been shaken by violations"
    "violation": "violated",
    "breach": "violated",
    "break": "violated",  # "broke the truce" ("broke down" is a collapse)
    "despite": "violated",
    "spite": "violated",  # "in spite of the truce"
    "though": "violated",  # "attacks went on even though the district is in a de-escalation zone"
    "although": "violated",
    "strain": "violated",
    "undermine": "violated",
    "flout": "violated",
    "ignore": "violated",
    "disregard": "violated",
    "defy": "violated",
    "hang": "violated",  # "hanging by a thread"
    "accusation": "violated",
    # suspended
    "suspend": "suspended",
    "suspension": "suspended",
    "stall": "suspended",
    "delay": "suspended",
    "postpone": "suspended",
    "interrupt": "suspended",
    "halt": "suspended",  # "the evacuation deal was halted"
    # extended or renewed
    "extend": "extended",
    "extension": "extended",
    "renew": "extended",
    "renewal": "extended",
    "prolong": "extended",
    "resume": "extended",
    # collapsed or ended
    "collapse": "collapsed",
    "breakdown": "collapsed",
    "end": "collapsed",
    "abandon": "collapsed",
    "unravel": "collapsed",
    "fail": "collapsed",
    "failure": "collapsed",
    "falter": "collapsed",
    "expire": "collapsed",
    "terminate": "collapsed",
    "scrap": "collapsed",
    "quit": "collapsed",
    "collapsing": "collapsed",
    "shatter": "collapsed",
    "crumble": "collapsed",
    "disintegrate": "collapsed",
    "lapse": "collapsed",
}
# Phrasal forms: "break down", "fall apart", "fall through" (the verb's particle, however the parser labels it).
PHRASAL_STATUS: dict[tuple[str, str], AgreementStatus] = {
    ("break", "down"): "collapsed",
    ("break", "up"): "collapsed",
    ("fall", "apart"): "collapsed",
    ("fall", "through"): "collapsed",
}
# "in force", "in effect", "in place": a preposition "in" with one of these objects says in force.
IN_FORCE_OBJECTS = frozenset({"force", "effect", "place", "operation"})
# Other states an agreement is said to be in or put on: "the truce is in tatters", "the deal was put on hold".
STATE_PHRASES: dict[tuple[str, str], AgreementStatus] = {
    ("in", "tatters"): "collapsed",
    ("in", "shambles"): "collapsed",
    ("in", "ruins"): "collapsed",
    ("on", "hold"): "suspended",
    ("on", "ice"): "suspended",
}
STATE_VERBS = frozenset({"be", "put", "remain", "lie", "leave", "place"})  # "was put on hold", "lies in tatters"
# Verbs of leaving an agreement ("pulled out of the ceasefire", "withdrew from the deal"): it ended.
LEAVING_VERBS = frozenset({"withdraw", "pull", "walk", "exit", "quit"})
END_REASONS: dict[str, EndReason] = {
    "collapse": "collapsed",
    "breakdown": "collapsed",
    "collapsing": "collapsed",
    "break": "collapsed",
    "unravel": "collapsed",
    "fail": "collapsed",
    "failure": "collapsed",
    "falter": "collapsed",
    "abandon": "terminated",
    "end": "terminated",
    "over": "terminated",
    "terminate": "terminated",
    "scrap": "terminated",
    "quit": "terminated",
    "withdraw": "terminated",
    "pull": "terminated",
    "walk": "terminated",
    "exit": "terminated",
    "tatters": "collapsed",
    "expire": "expired",
    "lapse": "expired",
    "shatter": "collapsed",
    "crumble": "collapsed",
    "disintegrate": "collapsed",
    "declare": "terminated",  # "declared the ceasefire over"
}
# Verbs whose negation reports a violation ("did not commit to", "has not held"); other negated cues say nothing.
NEGATED_VIOLATION = frozenset(
    {"commit", "respect", "hold", "observe", "stick", "abide", "adhere", "comply", "honor", "honour", "uphold"}
)
# Verbs of trying: "attempts to break down the truce" is a violation, not a collapse.
TRYING_WORDS = frozenset({"attempt", "try", "seek", "threaten", "effort"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
FUTURE_AUX = frozenset({"will", "would", "shall", "could", "might", "may", "should", "can"})
# Nouns between an agreement and its verb that stand for it: "the first phase of the deal began".
PART_NOUNS = frozenset(
    {
        "phase",
        "implementation",
        "term",
        "element",
        "part",
        "stage",
        "regime",
        "round",
        "side",
        "network",
        "series",
        "outline",
        "detail",
    }
)
# Verbs whose complement is wished for, not reported: "to ensure the ceasefire holds".
INTENT_VERBS = frozenset({"ensure", "want", "hope", "aim", "need", "seek", "try", "wish", "expect", "urge"})
# Verbs and nouns that propose only with "for": "called for a ceasefire" (but "they call it a ceasefire").
FOR_CUES = frozenset({"call", "ask", "plead", "push", "appeal"})
# Nouns of watching an agreement: "the centre for monitoring the cessation of hostilities".
MONITORING_NOUNS = frozenset({"monitoring", "supervision", "observation", "monitor", "observer", "coordination"})
# Pause nouns become agreements when declared or kept: "a pause inside the city declared by Russia".
DECLARING_VERBS = frozenset({"declare", "announce", "agree", "observe", "extend", "offer", "propose"})

# ------------------------------------------------------------------------------------------ provisions
# (cue lemma or lower-case word, provision type, words one of which must also be in the clause): the
# earliest cue in a clause decides its type. The first eleven types are the record's original vocabulary.
PROVISION_CUES: tuple[tuple[str, ProvisionType, frozenset[str]], ...] = (
    ("exchange", "exchange", frozenset()),
    ("swap", "exchange", frozenset()),
    ("amnesty", "amnesty", frozenset()),
    ("pardon", "amnesty", frozenset()),
    ("reconciliation", "amnesty", frozenset()),
    ("shot", "ceasefire", frozenset()),
    ("shoot", "ceasefire", frozenset()),
    ("fire", "ceasefire", frozenset()),
    ("firing", "ceasefire", frozenset()),
    ("ceasefire", "ceasefire", frozenset()),
    ("truce", "ceasefire", frozenset()),
    ("hostility", "ceasefire", frozenset()),
    ("fighting", "ceasefire", frozenset()),
    ("fight", "ceasefire", frozenset()),
    ("shelling", "ceasefire", frozenset()),
    ("bombing", "ceasefire", frozenset()),
    ("strike", "ceasefire", frozenset()),
    ("attack", "non_attack", frozenset()),
    ("assault", "non_attack", frozenset()),
    ("raid", "non_attack", frozenset()),
    ("aggression", "non_attack", frozenset()),
    ("checkpoint", "checkpoint", frozenset()),
    ("roadblock", "checkpoint", frozenset()),
    ("barrier", "checkpoint", frozenset()),
    ("barricade", "checkpoint", frozenset()),
    ("prisoner", "prisoner_release", frozenset()),
    ("detainee", "prisoner_release", frozenset()),
    ("captive", "prisoner_release", frozenset()),
    ("hostage", "prisoner_release", frozenset()),
    ("evacuate", "evacuation", frozenset()),
    ("evacuation", "evacuation", frozenset()),
    ("withdraw", "withdrawal", frozenset()),
    ("withdrawal", "withdrawal", frozenset()),
    ("return", "return_of_displaced", frozenset({"displaced", "refugee", "resident", "family", "home", "civilian"})),
    ("humanitarian", "humanitarian_access", frozenset()),
    ("aid", "humanitarian_access", frozenset()),
    ("food", "humanitarian_access", frozenset()),
    ("medicine", "humanitarian_access", frozenset()),
    ("relief", "humanitarian_access", frozenset()),
    ("hand", "weapons_handover", frozenset({"weapon", "arm", "arsenal"})),
    ("surrender", "weapons_handover", frozenset({"weapon", "arm", "arsenal"})),
    ("deliver", "weapons_handover", frozenset({"weapon", "arm", "arsenal"})),
    ("weapon", "disarmament", frozenset()),
    ("disarm", "disarmament", frozenset()),
    ("disarmament", "disarmament", frozenset()),
    ("arm", "disarmament", frozenset({"lay", "down"})),
    ("penalty", "sanctions", frozenset()),
    ("punish", "sanctions", frozenset()),
    ("punishment", "sanctions", frozenset()),
    ("sanction", "sanctions", frozenset()),
    ("violator", "sanctions", frozenset()),
    ("monitor", "monitoring", frozenset()),
    ("observer", "monitoring", frozenset()),
    ("supervise", "monitoring", frozenset()),
    ("verify", "monitoring", frozenset()),
    ("committee", "monitoring", frozenset()),
    ("council", "local_administration", frozenset()),
    ("administration", "local_administration", frozenset()),
    ("institution", "local_administration", frozenset()),
    ("police", "local_administration", frozenset()),
    ("road", "movement", frozenset()),
    ("route", "movement", frozenset()),
    ("passage", "movement", frozenset()),
    ("corridor", "movement", frozenset()),
    ("movement", "movement", frozenset()),
    ("travel", "movement", frozenset()),
    ("cross", "movement", frozenset()),
    ("convoy", "movement", frozenset()),
    ("control", "territorial_control", frozenset()),
    ("territory", "territorial_control", frozenset()),
    ("administer", "territorial_control", frozenset()),
    ("hand", "territorial_control", frozenset()),
)
TARGETED_TYPES = frozenset({"ceasefire", "non_attack"})
# Verbs that bind the parties to a clause: "agreed to halt", "promising safe passage", "a truce to allow aid".
BINDING_VERBS = frozenset({"agree", "promise", "pledge", "undertake", "commit", "vow", "offer", "guarantee"})
# Verbs whose purpose clause is what the agreement is for: "asked for a cease-fire to allow aid into the area".
PURPOSE_HOSTS = BINDING_VERBS | frozenset(
    {"ask", "call", "propose", "declare", "announce", "reach", "sign", "broker", "negotiate", "demand", "urge", "seek"}
)
DEONTIC = frozenset({"should", "must", "shall", "will", "promise", "pledge", "agree", "undertake", "commit"})
PERMISSION_VERBS = frozenset({"prohibit", "ban", "forbid", "allow", "permit", "require", "oblige", "guarantee"})

# ------------------------------------------------------------------------------------ passages (the seed)
REFERENCE_NOUNS = frozenset(HEAD_KINDS) | {"document", "text", "clause", "provision"}
SIGN_CUES = frozenset({"sign", "signatory", "signature", "behalf", "representative", "represent"})
IMPLEMENT_CUES = frozenset(
    {"implement", "implementation", "responsible", "guarantor", "guarantee", "oversee", "supervise", "enforce"}
)
PUBLISH_CUES = frozenset({"translate", "publish", "obtain", "read", "release", "circulate", "post"})
PASSAGE_NOUNS = frozenset({"document", "text"})

assert {kind for _cue, kind, _needs in PROVISION_CUES} <= set(get_args(ProvisionType))
assert set(STATUS_CUES.values()) <= set(STATUS_ORDER)
assert set(HEAD_KINDS.values()) | set(MODIFIER_KINDS.values()) <= set(KIND_ORDER)
