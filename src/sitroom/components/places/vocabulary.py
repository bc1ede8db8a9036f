"""Word lists of the places layer: entity labels, feature words, locative cues, US state abbreviations."""

from __future__ import annotations

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NEVER_PLACES = frozenset({"allah", "god", "lord", "jesus", "christ", "prophet", "muhammad", "mohammed"})
# Web page furniture that opens a run of capitalised words ("Tags Syria Idlib Aleppo").
FURNITURE_WORDS = frozenset({"tags", "tag", "topics", "related", "share", "photo", "video"})
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "date",
})  # fmt: skip
# Lower-case words that may stand inside a name ("Ahrar al-Sham", "Bosnia and Herzegovina").
CONNECTORS = frozenset({
    "al", "el", "ash", "as", "ad", "ar", "an", "at", "az", "ath", "adh", "de", "del", "la", "le", "du", "des",
    "of", "and", "the", "upon", "on", "bin", "ibn", "bani",
})  # fmt: skip
# A street is named after people, events or other places ("Thawra Street", "Baghdad Street") and lies in a
# town: its name is never resolved to a populated place, unlike a road, usually named after the towns it joins.
UNRESOLVED_CUE = "street"
STREET_CUES = frozenset({"road", "street", "crossroads", "checkpoint"})
LOCAL_CUES = frozenset({"airfield", "road", "street", "crossroads", "checkpoint", "town", "village", "locality"})
CUE_PRIORITY = (
    "airfield", "hospital", "school", "mosque", "church", "market", "bakery", "bridge", "dam", "prison", "camp",
    "base", "stadium", "factory", "port", "field", "checkpoint", "crossroads", "road", "street", "county",
    "admin1", "city", "town", "village", "locality", "region", "water",
)  # fmt: skip
CUE_FIT: dict[str, dict[str, float]] = {
    "airfield": {"airfield": 3.0, "town": -1.0, "village": -1.0, "city": -1.5},
    "admin1": {"admin1": 2.0, "region": 1.0, "city": 0.3, "town": 0.0},
    "region": {"admin1": 0.8, "region": 1.0, "city": 0.5, "town": 0.5, "village": 0.3},
    "county": {"region": 2.0, "admin1": -0.5, "city": -0.5, "town": -0.5, "village": -0.5},
    "city": {"city": 1.0, "town": 0.8, "village": 0.3},
    "town": {"city": 0.6, "town": 1.0, "village": 0.8, "locality": 0.8},
    "village": {"town": 0.8, "village": 1.0, "locality": 0.8},
    "locality": {"town": 0.6, "village": 0.6, "locality": 1.0},
    "road": {"city": 0.3, "town": 0.5, "village": 0.5, "locality": 0.5},
    "crossroads": {"town": 0.3, "village": 0.3, "locality": 0.3},
    "checkpoint": {"town": 0.3, "village": 0.3, "locality": 0.3},
    # A facility named after its town or village ("Latamneh hospital", "Tabqa dam") stands at its point.
    **{
        facility: {"city": 0.3, "town": 0.3, "village": 0.3, "locality": 0.3}
        for facility in ("hospital", "school", "mosque", "church", "market", "bakery", "bridge", "dam", "prison",
                         "camp", "base", "stadium", "factory", "port", "field")
    },
}  # fmt: skip
# Features a cue gives a place whatever the gazetteer entry its name resolves to (the entry is then only
# where it stands: a road or hospital named after a town is located by that town).
CUE_FEATURES = frozenset({"road", "street", "crossroads", "checkpoint", *CUE_FIT}) - {
    "airfield", "admin1", "region", "county", "city", "town", "village", "locality",
}  # fmt: skip
# Cues that narrow the field enough to accept a near spelling beyond the names package's variants (a vowel
# apart: "Jarrah" for Jirah Air Base); settlements take strict variants only (towns a vowel apart differ).
FUZZY_FEATURES = {
    "airfield": ("airfield",),
    "admin1": ("admin1",),
}
# Prepositions after which a name reads as a location; the strict set decides for countries and capitals.
STRICT_LOCATIVE = frozenset({
    "in", "inside", "into", "across", "throughout", "within", "near", "around", "outside", "at", "toward",
    "towards", "over", "through", "along", "beyond", "via",
})  # fmt: skip
LOOSE_LOCATIVE = STRICT_LOCATIVE | {"from", "to", "between", "on", "off", "past"}
# Verbs whose "from X" is a place, also for a capital ("reported from Damascus", "fled from Homs").
FROM_PLACE_VERBS = frozenset({
    "report", "broadcast", "write", "flee", "escape", "evacuate", "arrive", "return", "come", "travel", "fly",
    "drive", "march", "retreat", "withdraw", "displace", "fire", "launch",
})  # fmt: skip
LOCATIVE_VERBS = frozenset({
    "border", "enter", "invade", "visit", "leave", "flee", "reach", "cross", "bomb", "shell", "besiege",
    "capture", "seize", "storm", "recapture", "liberate", "encircle",
})  # fmt: skip
AREA_FEATURES = frozenset({"country", "region", "admin1"})
# Generic words that never make a toponym on their own when a longer name is split into known names.
GENERIC_WORDS = frozenset({
    "west", "east", "north", "south", "central", "new", "upper", "lower", "great", "greater", "little",
    "saint", "st", "port", "fort", "mount", "lake", "river", "sea", "ocean", "bay", "island", "islands",
    "county", "city", "valley", "gulf", "coast", "black", "red", "white", "green", "old", "middle", "park",
    "beach", "northern", "southern", "eastern", "western",
})  # fmt: skip
# Words that end the names of facilities named after their place ("Cottonport Fire Station").
INSTITUTION_WORDS = frozenset({
    "fire", "station", "police", "department", "jail", "sheriff", "school", "schools", "high", "middle",
    "elementary", "hospital", "court", "courthouse", "library", "church", "center", "centre", "museum",
    "university", "college", "park", "hall", "mall", "stadium", "airport", "prison", "office", "council",
    "district", "commission", "board", "club", "lake", "dam", "bridge", "regional", "memorial", "medical",
})  # fmt: skip
# Nouns for people described by the place they live in, come from or serve ("a Dayton man", "residents of
# Dayton", "the mayor of Dayton"): a name before or after them is read as located (hand-entered).
RESIDENT_NOUNS = frozenset({
    "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "teen", "teens", "teenager", "teenagers",
    "youth", "resident", "residents", "native", "natives", "couple", "mayor", "councilman", "councilwoman",
    "homeowner", "homeowners", "villager", "villagers", "inhabitant", "inhabitants", "citizen", "citizens",
})  # fmt: skip
# AP-style abbreviations of US states, read after "Town, " (hand-entered).
AP_STATES: dict[str, str] = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "D.C.": "District of Columbia", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas",
    "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nebr.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico",
    "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon",
    "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip
