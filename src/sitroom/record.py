"""The analysis record: the typed JSON contract of ../shared/gold/FORMAT.md."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sitroom.knowledge.collectives import CollectiveType

ActorKind = Literal[
    "state",
    "government",
    "armed_group",
    "political_party",
    "person",
    "media",
    "institution",
    "international_org",
    "religious",
    "other",
]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EventStatus = Literal["occurred", "claimed", "promised", "planned", "denied", "hypothetical"]
SourceType = Literal["outlet", "named", "pronoun", "description", "collective", "anonymous"]
Voice = Literal["outlet", "attributed"]
ProvisionType = Literal[
    "ceasefire",
    "non_attack",
    "movement",
    "checkpoint",
    "prisoner_release",
    "withdrawal",
    "humanitarian_access",
    "territorial_control",
    "disarmament",
    "monitoring",
    "other",
    "evacuation",
    "exchange",
    "amnesty",
    "return_of_displaced",
    "local_administration",
    "weapons_handover",
    "sanctions",
]
AgreementStatus = Literal["proposed", "agreed", "in_force", "violated", "suspended", "extended", "collapsed"]
AgreementRoleName = Literal[
    "party", "signatory", "representative", "mediator", "guarantor", "monitor", "implementer", "excluded", "proposer"
]
Sidedness = Literal["unilateral", "bilateral", "multilateral"]
EndReason = Literal["collapsed", "terminated", "expired"]
Technique = Literal[
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Exaggeration,Minimisation",
    "Doubt",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Slogans",
    "Appeal_to_Authority",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the document text: ``text == document[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Actor(_Model):
    id: str
    name: str
    kind: ActorKind
    mentions: list[Span]
    affiliations: list[str] = []
    roles: list[str] = []
    registered: bool = Field(default=False, description="True when the actor resolved to the registry")
    canonical_id: str | None = Field(default=None, description="Registry id, stable across documents")
    collective: CollectiveType | None = Field(
        default=None,
        description="Set for an unnamed group (rebels, six civilians): its type; such actors are never "
        "resolved to an identity across documents",
    )


class Place(_Model):
    id: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    geonames_id: int | None = None
    resolved: bool = False
    mentions: list[Span]
    actor_mentions: list[Span] = Field(
        default=[],
        description="Mentions where a state's or capital's name stands for its government acting (\"Israel said\", "
        '"talks with Russia"): the actors layer\'s; they name the place but say nothing happens there',
    )
    located_by: Literal["gazetteer", "parent"] | None = Field(
        default=None,
        description='Where lat/lon come from: the place\'s own gazetteer entry, or "parent": a place that contains '
        "it (a hospital or street at its town's point, a village not in the gazetteer at its district's), so "
        "the point is approximate",
    )
    parent: str | None = Field(default=None, description="Id of the place of this record that contains it")


CasualtyCategory = Literal["civilians", "children", "women", "fighters", "security_forces", "unknown"]
Provenance = Literal["clause", "sentence", "dateline", "document"]


class Casualty(_Model):
    """A number of people killed or injured, as the text states it ("at least 35 civilians")."""

    outcome: Literal["killed", "injured"]
    count: int = Field(ge=0)
    min: bool = Field(default=False, description='A lower bound: "at least 35", "more than 60"')
    approximate: bool = Field(
        default=False,
        description='"about 40"; "dozens" (12), "scores" (20), "hundreds" (100) as ACLED codes them',
    )
    category: CasualtyCategory = Field(description="Who: the victims' group; unknown for 'people' or a bare count")
    included: bool = Field(default=False, description='Part of another count: "including three children"')
    evidence: Span


class AcledCoding(_Model):
    """The event in ACLED's terms (ACLED codebook): categories, actor types, fatalities, precisions."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    inter1: int | None = Field(default=None, description="ACLED actor type of the source (1 state forces ... 8)")
    inter2: int | None = Field(default=None, description="ACLED actor type of the target")
    interaction: int | None = Field(default=None, description="inter1 and inter2 as one code, lower first (17)")
    civilian_targeting: bool = Field(default=False, description="Civilians were the target")
    fatalities: int | None = Field(default=None, description="Killed, as the text states (absent: not stated)")
    geo_precision: int = Field(ge=1, le=3, description="1 a town or point, 2 part of a region, 3 a province")
    time_precision: int = Field(ge=1, le=3, description="1 a day, 2 a week, 3 a month or coarser")


VOICE_DESCRIPTION = (
    "'outlet' when the item lies in the outlet's own text, 'attributed' when it lies inside the content of "
    "an attribution (something a source is reported to have said or thought)"
)
ATTRIBUTION_DESCRIPTION = "Id of the innermost attribution whose content holds the item (see ``attributions``)"


class SourceHop(_Model):
    """One reporter in an attribution chain, outermost first: the outlet, then each source in the text."""

    name: str = Field(description='The source as written ("he", "activists"), or the outlet\'s name')
    type: SourceType = Field(
        description="outlet: the implicit first hop; named: a name; pronoun: he/she/they...; description: a "
        'definite description of one actor ("the spokesman", "the ministry"); collective: an unnamed '
        'group ("activists", "state media", "intelligence agencies"); anonymous: no one named '
        '("sources", "a security source", "it is reported")'
    )
    anonymous: bool = Field(default=False, description="The source has no name: type collective or anonymous")
    actor: str | None = Field(default=None, description="Id of the actor the source resolves to, if any")
    kind: ActorKind | None = Field(
        default=None, description="The resolved actor's kind, else the kind the source's head noun denotes"
    )
    source: Span | None = Field(default=None, description="The source's words in the text (none for the outlet)")
    cue: Span | None = Field(default=None, description='The cue of this hop ("said", "according to")')


class Attribution(_Model):
    """An attribution relation (PARC / PolNeAR): a source, a cue and the content attributed to the source."""

    id: str
    cue: Span = Field(description='The reporting cue: a verb, noun or phrase ("said", "statement", ":")')
    source: Span | None = Field(default=None, description="The source's words; none when left unsaid")
    content: list[Span] = Field(description="The attributed content, in one or more fragments")
    direct: bool = Field(default=False, description="The content is a direct quote (in quote marks)")
    chain: list[SourceHop] = Field(
        description="Who reports it, outermost first: the outlet, each enclosing source, then this source"
    )
    parent: str | None = Field(default=None, description="Id of the attribution whose content holds this one")


class Event(_Model):
    id: str
    type: EventType
    mode: str | None = None
    source: list[str] = []
    target: list[str] = []
    place: str | None = None
    date: str | None = None
    status: EventStatus = "occurred"
    reported_by: list[str] = []
    evidence: Span
    mentions: list[Span] = Field(default=[], description="Every sentence that tells this happening, in text order")
    casualties: list[Casualty] = []
    place_from: Provenance | None = Field(
        default=None, description="Where the place was read: the clause, the sentence, the dateline, the document"
    )
    date_from: Provenance | None = Field(default=None, description="Where the date was read (as place_from)")
    acled: AcledCoding | None = None
    voice: Voice = Field(default="outlet", description=VOICE_DESCRIPTION)
    attribution: str | None = Field(default=None, description=ATTRIBUTION_DESCRIPTION)
    background: bool = Field(
        default=False,
        description="Recalled as context, not the news the report tells: told in a clause or phrase of "
        "precedence ('days after a bombing killed 60', 'following the attack'), an 'earlier'/'previous' act or "
        "one 'earlier this month', dated by its own sentence more than two weeks before the document (or in a "
        "month or year before the document's month), or a running total ('killed since 2011')",
    )


class Quote(_Model):
    speaker: str | None
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    chain: list[SourceHop] = Field(default=[], description="The speaker's full chain, outermost first")
    attribution: str | None = Field(default=None, description="Id of the attribution this quote is the content of")


class Claim(_Model):
    text: str
    start: int
    end: int
    source_chain: list[str]
    cue: str | None = None
    hedged: bool = False
    chain: list[SourceHop] = Field(
        default=[], description="The full chain, outermost first, each hop with its words and cue in the text"
    )
    anonymous: bool = Field(
        default=False, description="The innermost source has no name: anonymous or an unnamed collective"
    )
    voice: Voice = Field(
        default="outlet",
        description="Where the claim is made: 'outlet' when its cue lies in the outlet's own text, 'attributed' "
        "when the claim is itself reported inside another source's content",
    )
    attribution: str | None = Field(default=None, description="Id of the attribution this claim is the content of")


class Provision(_Model):
    n: int
    type: ProvisionType
    obligors: list[str] = []
    text: str
    start: int
    end: int


class AgreementRole(_Model):
    """One actor in one role of an agreement, with the text that says so."""

    actor: str
    role: AgreementRoleName
    evidence: Span


class StatusReport(_Model):
    """What one passage says about an agreement's stage, when, by whom, and which events it concerns."""

    status: AgreementStatus
    date: str | None = None
    actors: list[str] = Field(default=[], description="Who declared, violated, suspended, ended or extended it")
    events: list[str] = Field(default=[], description="Ids of the events the passage says break it (violations)")
    evidence: Span


class Agreement(_Model):
    id: str
    kind: str
    parties: list[str] = []
    signatories: list[str] = []
    implementers: list[str] = []
    representatives: list[str] = Field(default=[], description="Persons acting for a party")
    place: str | None = None
    date: str | None = None
    provisions: list[Provision] = []
    evidence: Span | None = None
    event: str | None = Field(default=None, description="Id of the AGREE event that announces it")
    mediators: list[str] = Field(default=[], description="Brokers, sponsors and hosts of the talks")
    guarantors: list[str] = Field(default=[], description="Actors that back, endorse or guarantee it")
    monitors: list[str] = Field(default=[], description="Actors that monitor or supervise it")
    excluded: list[str] = Field(default=[], description="Actors the text says it does not cover")
    proposers: list[str] = Field(default=[], description="Who called for, proposed or urged it (not its parties)")
    roles: list[AgreementRole] = Field(default=[], description="Every role above with its evidence")
    sidedness: Sidedness | None = None
    written: bool | None = Field(default=None, description="True when written or signed, False when verbal")
    status: AgreementStatus | None = Field(default=None, description="Its latest stage in the text")
    statuses: list[StatusReport] = Field(default=[], description="Every stage the text reports, in text order")
    start_date: str | None = None
    end_date: str | None = None
    end_reason: EndReason | None = None
    duration: str | None = Field(default=None, description="ISO 8601 duration: P7D, PT48H, P2Y")
    places: list[str] = Field(default=[], description="Every place it is said to cover")
    mentions: list[Span] = Field(default=[], description="Every mention of it in the text")


class Framing(_Model):
    text: str
    start: int
    end: int
    technique: Technique
    target: str | None = None
    voice: Voice = Field(default="outlet", description=VOICE_DESCRIPTION)
    attribution: str | None = Field(default=None, description=ATTRIBUTION_DESCRIPTION)


class Record(_Model):
    """Everything sitroom extracted from one document."""

    id: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    language: str = "en"
    actors: list[Actor] = []
    places: list[Place] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    claims: list[Claim] = []
    agreements: list[Agreement] = []
    framing: list[Framing] = []
    attributions: list[Attribution] = Field(
        default=[], description="Attribution relations (source, cue, content) with their chains"
    )

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)


class ErrorRecord(_Model):
    """A document that could not be read or analysed; the run goes on."""

    id: str
    source: str
    error: str


def record_json_schema() -> str:
    """The JSON Schema of :class:`Record`, as printed by ``sitroom schema``."""
    return json.dumps(Record.model_json_schema(), indent=2)
