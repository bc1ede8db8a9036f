"""Word lists of the attribution layer: dependency labels, pronouns, role nouns, descriptor kinds."""

from __future__ import annotations

CLAUSAL_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"})
SEGMENT_DEPS = frozenset({"prep", "npadvmod", "advmod", "agent", "dative", "aux", "auxpass", "neg"})
MODIFIER_DEPS = frozenset({"acl", "amod", "pcomp", "pobj"})
RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", ";", ":"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
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
