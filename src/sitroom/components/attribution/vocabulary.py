"""Word lists of the attribution layer: dependency labels, pronouns, descriptor and source-kind nouns."""

from __future__ import annotations

from sitroom.record import ActorKind

CLAUSAL_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"})
SEGMENT_DEPS = frozenset({"prep", "npadvmod", "advmod", "agent", "dative", "aux", "auxpass", "neg"})
MODIFIER_DEPS = frozenset({"acl", "amod", "pcomp", "pobj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# A cue verb joined to another cue verb takes that verb's subject ("said ..., adding that", "said ... and added").
SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp"})
# Prepositions whose object is the content of a cue verb ("called for", "spoke of", "warned against").
CONTENT_PREPOSITIONS = frozenset({"for", "about", "of", "on", "against", "over"})
# Verbs whose direct object is the one spoken to, not what is said ("told reporters", "urged Congress").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "ask", "warn", "urge", "remind", "assure", "notify", "advise", "brief"})
RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", ";", ":"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
PRONOUN_TAGS = frozenset({"PRP", "WP", "WDT"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
ROLE_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "minister", "official", "head", "chief", "leader",
     "commander", "representative", "envoy", "ambassador", "director", "secretary", "president",
     "member", "source", "officer", "ringleader"}
)  # fmt: skip
DESCRIPTOR_KINDS: dict[str, frozenset[str]] = {
    noun: frozenset(kinds.split())
    for nouns, kinds in (
        ("portal website site newspaper paper outlet channel broadcaster daily magazine station", "media"),
        ("agency", "media institution"),
        ("ministry army military court council office department", "institution"),
        ("minister spokesman spokeswoman president official leader commander envoy ambassador", "person"),
        ("group militia movement faction organisation organization", "armed_group international_org"),
        ("government regime authorities", "government state"),
        ("charity monitor observatory", "institution international_org other"),
    )
    for noun in nouns.split()
}
# The kind of actor an unnamed source's head noun denotes ("state media" → media, "activists" → other).
_SOURCE_KIND_NOUNS: tuple[tuple[str, ActorKind], ...] = (
    (
        "media press outlet newspaper paper channel television tv broadcaster radio website portal site "
        "daily magazine station news",
        "media",
    ),
    (
        "ministry army military police court intelligence department office council committee commission "
        "observatory monitor agency service services forces",
        "institution",
    ),
    ("government regime authorities administration cabinet", "government"),
    ("rebel militant fighter insurgent jihadist militia opposition gunman", "armed_group"),
    (
        "spokesman spokeswoman spokesperson official minister commander officer diplomat lawmaker senator "
        "president leader aide adviser advisor envoy ambassador",
        "person",
    ),
    (
        "activist resident witness expert analyst observer medic doctor people critic supporter voter "
        "protester group source insider informant",
        "other",
    ),
)
SOURCE_KINDS: dict[str, ActorKind] = {noun: kind for nouns, kind in _SOURCE_KIND_NOUNS for noun in nouns.split()}
