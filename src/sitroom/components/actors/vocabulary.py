"""Word lists of the actors layer: name parts, roles, and the cues that tell actors from places."""

from __future__ import annotations

from sitroom.knowledge.valence import word_set

# Words that may be lower-case inside a registry name ("Syrian government", "Islamic State of Iraq").
COMMON_WORDS = word_set(
    """
    of and the for in on at to al el an ash as ad az ar ath wa wal fi bin ibn de la du s government
    regime authorities administration army military forces force armed troops soldiers air navy
    warplanes jets foreign affairs ministry defence defense led backed based coalition intelligence
    security news agency network group movement front organization organisation party council
    """
)
STATE_KINDS = frozenset({"state"})
ROLE_WORDS: dict[str, str] = {
    "leader": "leader", "leaders": "leader", "commander": "commander", "chief": "chief",
    "representative": "representative", "representatives": "representative", "envoy": "envoy",
    "spokesman": "spokesman", "spokeswoman": "spokeswoman", "spokesperson": "spokesperson",
    "president": "president", "minister": "minister", "emir": "emir", "amir": "emir", "founder": "founder",
    "ambassador": "ambassador", "head": "head", "chairman": "chairman", "deputy": "deputy",
    "governor": "governor", "general": "general", "official": "official", "officer": "officer",
    "king": "king", "sheikh": "sheikh", "cleric": "cleric", "member": "member", "fighter": "fighter",
}  # fmt: skip
MULTIWORD_ROLES = {
    ("foreign", "minister"): "foreign minister", ("defence", "minister"): "defence minister",
    ("defense", "minister"): "defence minister", ("prime", "minister"): "prime minister",
    ("interior", "minister"): "interior minister", ("secretary", "general"): "secretary-general",
    ("secretary", "of", "state"): "secretary of state", ("supreme", "leader"): "supreme leader",
    ("vice", "president"): "vice president", ("foreign", "ministry", "spokesman"): "spokesman",
}  # fmt: skip
GROUP_HEADS = frozenset({"movement", "group", "organization", "organisation", "front", "militia", "faction"})
GOVERNMENT_NOUNS = frozenset({"regime", "government", "administration", "junta", "authorities"})
RELATION_NOUNS = word_set(
    """
    rapprochement relations relation talks agreement deal tension tensions cooperation rift dialogue
    negotiations war conflict contacts ties meeting alliance coalition partnership rivalry dispute
    truce ceasefire accord understanding normalization reconciliation
    """
)
SOURCE_NOUNS = word_set(
    """
    statement statements announcement message word response reaction report reports signal signals
    officials official officers officer delegation delegations troops forces envoy diplomats
    diplomat representatives representative spokesman sources source visitors experts advisers
    advisors
    """
)
AGENCY_NOUNS = word_set(
    """
    agencies agency government governments ministry army forces officials president leader leaders
    leadership intelligence position policy policies decision role support interests allies ally
    envoy ambassador embassy representative spokesman services service regime authorities
    administration troops military minister ministers plan plans strategy stance
    """
)
TARGET_WORDS = frozenset({"against", "by", "toward", "towards", "versus"})
GEO_VERBS = word_set(
    """
    border enter visit reach leave cross tour flee return travel arrive fly move cover occupy
    """
)
GEO_NOUNS = word_set("border borders area region frontier side zone territory province city")
SUPPORT_NOUNS = word_set("support aid assistance threat message appeal letter ultimatum warning call")
SACRED_WORDS = word_set(
    """
    allah god lord almighty merciful beneficent compassionate prophet messenger quran koran
    """
)
WEB_WORDS = word_set(
    """
    youtube subscribe instagram twitter facebook android slideshow gmt showcase category newsletter
    whatsapp telegram skype
    """
)
DESCRIPTOR_WORDS = frozenset({"jihadi", "islamic", "mujahid", "salafi", "takfiri", "wahhabi", "regime"})
GROUP_WORDS = word_set(
    """
    brigade brigades battalion battalions front army movement group jaish jaysh liwa katiba katibat
    kataib harakat jabhat faylaq alwiya militia militias mujahideen mujahidin rebels fighters forces
    ansar saraya
    """
)
MEDIA_WORDS = word_set("news agency tv television radio press times post daily journal channel media")
INSTITUTION_WORDS = word_set("ministry department office court council agency police army commission command")
PARTY_WORDS = frozenset({"party"})
LOCATIVE_PREPOSITIONS = word_set("in at near from into inside outside around towards toward to across via")
PLACE_PREPOSITIONS = word_set("in at near inside outside around across into towards toward via")
PLACE_HEADS = word_set(
    """
    road airfield airport airbase base province governorate district city town village street
    checkpoint crossing area region border river valley mountain mountains camp neighbourhood
    neighborhood suburb square highway countryside
    """
)
IMPLEMENTATION_CUES = ("responsible for the implementation", "in charge of implementing", "implementer")
