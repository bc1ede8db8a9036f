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
    department state secretary house senate congress international anti terror
    """
)
# Institutions that lower-cased text ("congress", "the pentagon") still names.
LOWER_CASE_NAMES = frozenset({"congress", "pentagon", "kremlin"})
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
# Lower-case group nouns that, with a modifier, name a collective actor ("opposition groups", "armed factions").
COLLECTIVE_GROUP_HEADS = frozenset({"group", "faction", "movement", "organization", "organisation", "militia", "party"})
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
    border enter reach leave cross flee return travel arrive fly move cover occupy
    """
)
# Verbs and nouns whose "to X" is a recipient or addressee ("supply arms to Israel", "a visit to Russia").
TO_GOVERNORS = word_set(
    """
    supply send sell deliver provide give export ship transfer offer pledge donate lend grant hand extradite
    deport talk speak write appeal apologize apologise complain propose report submit present promise
    visit trip mission delivery deliveries sale sales shipment shipments export exports loan loans
    """
)
# Verbs whose "from X" is a source ("buy weapons from Russia", "demanded an apology from Turkey").
FROM_GOVERNORS = word_set("receive buy import purchase request demand seek obtain get accept borrow expel")
# Nouns whose "on X" is a target ("sanctions on Iran", "an attack on Israel").
ON_GOVERNORS = word_set(
    """
    sanction sanctions pressure attack attacks strike strikes embargo war ban restrictions demands
    """
)
SUPPORT_NOUNS = word_set("support aid assistance threat message appeal letter ultimatum warning call")
SACRED_WORDS = word_set(
    """
    allah god lord almighty merciful beneficent compassionate prophet messenger quran koran
    """
)
WEB_WORDS = word_set(
    """
    youtube subscribe instagram twitter facebook android slideshow gmt showcase category newsletter
    whatsapp telegram skype tags latest related updated update breaking photos photo video videos exclusive
    share print comments
    """
)
# Day and month abbreviations of datelines ("Sun Apr 2017"): never part of an actor's name.
DATELINE_WORDS = word_set("mon tue tues wed thu thur thurs fri sat sun jan feb apr jun jul aug sep sept oct nov dec")
DESCRIPTOR_WORDS = frozenset({"jihadi", "islamic", "mujahid", "salafi", "takfiri", "wahhabi", "regime"})
GROUP_WORDS = word_set(
    """
    brigade brigades battalion battalions front army movement group jaish jaysh liwa katiba katibat
    kataib harakat jabhat faylaq alwiya militia militias mujahideen mujahidin rebels fighters forces
    ansar saraya insurgents militants gunmen jihadists separatists
    """
)
# Head nouns after a demonym: the state's armed forces ("Israeli helicopters"), its government
# ("an Indian proposal", "Palestinian officials"), or a group of its people ("Georgian demonstrators").
MILITARY_HEADS = word_set(
    """
    helicopter helicopters aircraft plane planes warplane warplanes jet jets drone drones tank tanks
    artillery gunboat gunboats warship warships navy troops soldiers forces army military unit units
    bomber bombers fighter-jets paratroopers marines commandos special-forces strike strikes airstrike
    airstrikes raid raids shelling
    """
)
GOVERNMENT_HEADS = word_set(
    """
    proposal proposals plan plans initiative offer demand demands statement decision position policy
    official officials diplomat diplomats delegation delegations envoy embassy negotiators leadership
    counterpart counterparts side spokesman president prime-minister premier cabinet parliament
    intelligence ultimatum warning request lawmakers legislators mps senators court judge judges
    """
)
PEOPLE_GROUP_HEADS = word_set(
    """
    demonstrators protesters protestors rebels insurgents militants opposition activists fighters gunmen
    separatists jihadists dissidents refugees students workers villagers demonstrator protester protestor
    rebel militant activist dissident student worker villager man woman citizen citizens national nationals
    """
)
# Plural nouns that name a generic group acting on its own ("Insurgents attacked", "Opponents say").
GENERIC_GROUP_NOUNS = word_set(
    """
    insurgents rebels militants opponents protesters protestors demonstrators gunmen separatists
    dissidents
    """
)
MEDIA_WORDS = word_set("news agency tv television radio press times post daily journal channel media")
INSTITUTION_WORDS = word_set("ministry department office court council agency police army commission command")
PARTY_WORDS = frozenset({"party"})
LOCATIVE_PREPOSITIONS = word_set("in at near from into inside outside around towards toward to across via")
PLACE_PREPOSITIONS = word_set("in at near inside outside around across into towards toward via")
IMPLEMENTATION_CUES = ("responsible for the implementation", "in charge of implementing", "implementer")
