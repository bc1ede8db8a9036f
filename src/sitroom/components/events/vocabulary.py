"""Word lists and dependency labels of the events layer."""

from __future__ import annotations

from sitroom.knowledge.valence import word_set

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
TARGET_PREPS = frozenset({"against", "on", "at", "upon", "toward", "towards", "into", "to", "over", "with"})
CONTROL_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "ccomp", "pcomp"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "outside", "around", "inside", "across", "from"})
AREA_NOUNS = frozenset({"area", "region", "province", "front", "border", "zone", "city", "town", "village"})
PLACE_NOUNS = AREA_NOUNS | {"district", "neighbourhood", "neighborhood", "suburb", "countryside", "governorate"}
COLLECTIVE_NOUNS = frozenset({"country", "side", "party", "nation", "government", "state", "power", "group"})
STATE_KINDS = frozenset({"state", "government", "institution"})
NON_PARTY_KINDS = frozenset({"media", "person", "religious"})
MODIFIER_DEPS = frozenset({"prep", "relcl", "acl"})
ACCIDENT_NOUNS = frozenset(
    {"crash", "accident", "collision", "earthquake", "quake", "flood", "storm", "avalanche", "landslide", "disease"}
)
FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
PROMISE_VERBS = frozenset({"promise", "pledge", "vow", "commit", "swear", "guarantee", "undertake"})
PLAN_VERBS = frozenset(
    {
        "plan",
        "schedule",
        "seek",
        "want",
        "intend",
        "aim",
        "prepare",
        "try",
        "attempt",
        "hope",
        "wish",
        "decide",
        "expect",
        "propose",
        "offer",
        "mean",
        "consider",
        "threaten",
        "agree",
        "call",
        "urge",
        "ask",
        "demand",
    }
)
DENY_VERBS = frozenset({"deny", "dismiss", "refute"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"should", "must", "could", "might", "may", "would", "'d", "ought", "can", "need"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
ASPECTUAL_VERBS = frozenset({"start", "begin", "continue", "keep", "resume", "stop", "finish", "go"})
REPORT_VERBS = frozenset(
    {
        "say",
        "claim",
        "report",
        "allege",
        "believe",
        "state",
        "tell",
        "announce",
        "write",
        "add",
        "insist",
        "assert",
        "suggest",
        "confirm",
        "accuse",
        "think",
        "show",
    }
)
HEDGED_CUES = frozenset(
    {
        "claim",
        "allege",
        "report",
        "believe",
        "suggest",
        "according",
        "reportedly",
        "rumour",
        "rumor",
        "allegedly",
        "think",
    }
)
CLARIFY_VERBS = frozenset({"refer", "mean"})
WEAPON_NOUNS = frozenset(
    {
        "missile",
        "weapon",
        "drone",
        "rocket",
        "arm",
        "ammunition",
        "gun",
        "tank",
        "artillery",
        "helicopter",
        "jet",
        "bomb",
        "munition",
        "rifle",
        "mortar",
    }
)
# Instruments of force that act for their owner ("its warplanes", "the regime's jets", "drones of the army").
INSTRUMENT_NOUNS = word_set("warplane jet plane aircraft helicopter drone bomber artillery tank gunboat warship")
AERIAL_NOUNS = frozenset({"airstrike", "warplane", "jet", "plane", "aircraft", "helicopter", "drone", "air"})
LIGHT_VERBS = frozenset(
    {
        "hold",
        "stage",
        "launch",
        "mount",
        "conduct",
        "begin",
        "start",
        "open",
        "carry",
        "undertake",
        "wage",
        "attend",
        "host",
        "organize",
        "organise",
        "sign",
        "reach",
        "announce",
        "impose",
        "order",
        "resume",
        "continue",
        "join",
        "make",
        "give",
        "grant",
        "offer",
        "lead",
        "step",
    }
)
REPORTED_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
NOMINAL_TARGET_PREPS = frozenset({"against", "on", "at", "with", "into"})
PARTNER_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
STRIKE_WEAPONS = frozenset({"air", "missile", "drone", "rocket", "military", "aerial", "naval"})
TERMINAL = (".", "!", "?", ":", '"', "'", "\u201d", ";", ")")
HEADING_MAX_WORDS = 25
# Nouns that name an act of force or its means: their modifiers and "by" phrases say who carried it out.
ACT_NOUNS = word_set(
    """
    attack airstrike strike raid shelling bombing bombardment explosion blast ambush assault offensive operation
    fire gunfire clash fighting rocket missile shell mortar bomb sortie barrage massacre execution killing
    onslaught incursion
    """
)
# Nouns that count acts ("a series of air strikes", "a wave of bombings"): the acts counted say who did them.
SERIES_NOUNS = word_set("series wave string spate round volley salvo barrage succession number")
# Wrongs an inquiry, accusation or protest is about ("an inquiry into crimes committed by X"), beside ACT_NOUNS.
CRIME_NOUNS = word_set("crime crimes abuse abuses atrocity atrocities violation violations murder murders abduction")
# Prepositions that name what an inquiry, accusation or protest is about.
ISSUE_PREPS = frozenset({"into", "over", "for", "about"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
COMBAT_NOUNS = frozenset({"clash", "fighting", "battle", "confrontation", "fight", "skirmish", "firefight"})
MEANS_PREPS = frozenset({"in", "by", "during", "from", "with", "under", "after"})
# Verbs whose subject carried out the act their object names ("committed a massacre", "launched raids").
PERPETRATE_VERBS = frozenset({"commit", "perpetrate", "carry", "launch", "conduct", "stage", "mount", "wage"})
# "a bombing blamed on X", "an attack attributed to X": the participle's object carried it out.
BLAME_VERBS = frozenset({"blame", "attribute", "ascribe"})
CAUSE_PREPS = frozenset({"due", "because", "owing"})  # "due to", "because of": the cause of a death
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Nouns of statements: a clause on one ("a declaration demanding ...") speaks for whoever issued it.
STATEMENT_NOUNS = word_set(
    "statement declaration letter message report communique resolution appeal call speech note ultimatum"
)
# Nouns of legal acts: a clause on one ("a bill banning rallies") acts for whoever passed or issued it.
DECREE_NOUNS = word_set("bill law decree edict order ordinance legislation ruling verdict regulation measure")
DYING_VERBS = frozenset({"die", "perish", "succumb"})
TIME_MARKS = frozenset({"as", "when", "after", "while", "during"})
ATTACK_VERBS = word_set("attack shell bomb strike raid storm target hit fire pound shoot ambush assault bombard")
KILLING_VERBS = word_set("kill slay murder massacre execute behead slaughter")
# Nouns of a state's agents: named "from X" (a country or its capital) they act for X ("troops from Chad").
STATE_AGENT_NOUNS = word_set(
    """
    troop soldier force peacekeeper police policeman army military unit contingent battalion official diplomat
    delegation envoy observer monitor warplane jet
    """
)
# Verbs of permission: "allowed X to run" is a concession to X (the lexicon leaves "allow" alone as generic).
PERMIT_VERBS = frozenset({"allow", "permit", "authorize", "authorise"})
# Verbs of a hedged identification: "jets believed to be Russian", "troops said to be Iranian".
BELIEF_VERBS = word_set("believe think suspect presume understand say report")
LEADING_VERBS = frozenset({"lead", "command", "head"})  # "forces led by X": X acts through them
RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})  # "claimed responsibility for the attack"
CLAIMING_VERBS = frozenset({"claim", "take", "assume", "accept", "admit", "bear"})  # "X bears responsibility for"
# Verbs whose object did the deed of their "of"/"for" gerund ("accused the regime of killing", "blamed X for it").
ACCUSING_VERBS = word_set(
    "accuse suspect charge blame condemn convict criticise criticize denounce indict praise thank"
)
# Participles that tell who delivered the means of an attack ("barrel bombs dropped by regime warplanes").
DELIVERY_VERBS = PERPETRATE_VERBS | ATTACK_VERBS | word_set("drop plant detonate lob")
