"""Words that name kinds of places: one vocabulary for the places, actors and events layers.

The word classes come first: settlements, administrative units, parts of a city, areas and parts of an
area, routes and junctions, facilities, and natural features. Each layer then uses a union of them, and
those uses differ on purpose:

- places (``LOCATION_HEADS``): a name governed by one of these nouns reads as a location — "the north of
  Syria", "the streets of Homs", "the map of the region", "Idlib countryside" — so parts of an area and
  words like "map" and "soil" belong here, but not facilities ("the hospital of X" is rarely X's location);
- places (``FEATURE_NOUNS``): the feature a noun beside a name asks for ("X Province" is an admin1,
  "X hospital" a hospital, "the village of X" a village);
- actors (``PLACE_HEADS``): a PERSON or ORG entity whose head or last word is one of these, or that
  follows "<noun> of", is a place and not an actor ("al-Kallasa Street", "Hmeimim Air Base", "the town of
  Hader"); facilities and routes belong here, compass parts ("the north of X") do not;
- events (``EVENT_PLACE_NOUNS``): an "of" phrase after these is where an event happened, not a party to
  it ("the shelling of the town of X"); ``EVENT_AREA_NOUNS`` tell a clause that names a place at all.
"""

from __future__ import annotations

from sitroom.knowledge.valence import word_set

SETTLEMENT_NOUNS = word_set("city cities town towns village villages hamlet hamlets capital settlement settlements")
ADMIN_NOUNS = word_set(
    """
    province provinces governorate governorates district districts subdistrict subdistricts county counties
    parish parishes state states municipality municipalities muhafazat muhafazah muhafaza mintaqat nahiya
    nahiyat
    """
)
QUARTER_NOUNS = word_set("neighbourhood neighbourhoods neighborhood neighborhoods quarter quarters suburb suburbs")
AREA_NOUNS = word_set(
    """
    area areas region regions zone zones border borders frontier territory territories countryside outskirts
    coast front enclave pocket corridor
    """
)
# Parts of an area, read as locations only in "the X of <place>".
PART_NOUNS = word_set(
    """
    part parts north south east west northeast northwest southeast southwest centre center heart edge corner
    side outskirts
    """
)
ROUTE_NOUNS = word_set("road roads street streets highway highways avenue boulevard lane drive motorway")
# Street names' last words, abbreviated as addresses write them ("Memphis St.", "Grand Ave.").
STREET_NOUNS = word_set("street st. avenue ave. ave boulevard blvd. blvd drive dr. lane parkway pkwy. trafficway")
JUNCTION_NOUNS = word_set("crossroads intersection junction roundabout square")
NATURAL_NOUNS = word_set("river valley mountain mountains lake hill hills plain desert island")
# Facilities, each with the feature a place named by it gets.
FACILITY_NOUNS: dict[str, str] = {
    "hospital": "hospital", "hospitals": "hospital", "clinic": "hospital", "school": "school",
    "schools": "school", "university": "school", "college": "school", "mosque": "mosque", "mosques": "mosque",
    "church": "church", "market": "market", "marketplace": "market", "souk": "market", "bazaar": "market",
    "bakery": "bakery", "bakeries": "bakery", "checkpoint": "checkpoint", "checkpoints": "checkpoint",
    "bridge": "bridge", "dam": "dam", "prison": "prison", "jail": "prison", "camp": "camp", "camps": "camp",
    "base": "base", "barracks": "base", "airport": "airfield", "airfield": "airfield", "airbase": "airfield",
    "stadium": "stadium", "factory": "factory", "refinery": "factory", "port": "port",
}  # fmt: skip
# Two-word facility and feature names.
FACILITY_PAIRS: dict[tuple[str, str], str] = {
    ("air", "base"): "airfield", ("military", "airport"): "airfield", ("military", "airbase"): "airfield",
    ("oil", "field"): "field", ("gas", "field"): "field", ("oil", "fields"): "field", ("gas", "fields"): "field",
    ("power", "station"): "factory", ("power", "plant"): "factory", ("military", "base"): "base",
    ("refugee", "camp"): "camp", ("border", "crossing"): "checkpoint", ("border", "area"): "border_area",
    ("police", "station"): "base",
}  # fmt: skip
COMPASS_WORDS = word_set(
    """
    northern southern eastern western northeastern northwestern southeastern southwestern central north
    south east west northeast northwest southeast southwest rural occupied
    """
)

# Words before a place name that keep it a place name ("Eastern Ghouta", "Greater Damascus", "Old Aleppo").
PLACE_PREFIX_WORDS = COMPASS_WORDS | word_set("greater upper lower old")

# --- the places layer
LOCATION_HEADS = SETTLEMENT_NOUNS | ADMIN_NOUNS | QUARTER_NOUNS | AREA_NOUNS | PART_NOUNS | word_set("map soil streets")
FEATURE_NOUNS: dict[str, str] = {
    **{noun: "admin1" for noun in word_set("province provinces governorate governorates state muhafazat muhafazah")},
    **{noun: "region" for noun in word_set("countryside region district area")},
    **{noun: "county" for noun in word_set("county parish")},
    "city": "city", "town": "town", "village": "village",
    **{noun: "locality" for noun in word_set("neighbourhood neighborhood suburb quarter")},
    **FACILITY_NOUNS,
    **{noun: "road" for noun in word_set("road highway")},
    **{noun: "street" for noun in STREET_NOUNS},
    **{noun: "crossroads" for noun in JUNCTION_NOUNS - {"square"}},
}  # fmt: skip

# Plural place nouns after or before a list of names ("A, B and C counties", "the villages of A and B"),
# with the singular whose feature each member takes.
PLURAL_FEATURE_NOUNS: dict[str, str] = {
    "counties": "county", "parishes": "parish", "provinces": "province", "governorates": "governorate",
    "states": "state", "cities": "city", "towns": "town", "villages": "village", "neighbourhoods": "neighbourhood",
    "neighborhoods": "neighborhood", "suburbs": "suburb", "districts": "district", "camps": "camp",
    "hospitals": "hospital", "schools": "school", "mosques": "mosque", "streets": "street", "roads": "road",
    "avenues": "avenue",
}  # fmt: skip

# Words that open Arabic place names (tell, gate, village of, inn, spring, monastery, mountain, bridge ...):
# "Kafr Nabl", "Tall Rifaat", "Bab al-Nasr", "Khan Touman". The places layer starts a new name at one of them
# in a list written without commas.
ARABIC_NAME_OPENERS = word_set(
    """
    kafr kfar kafar tal tall tell tel tuloul tulul deir dayr dair ain ayn ein khan jisr jubb beit bayt bait
    bab ras umm um abu maarat maarrat maaret jabal jebel jbel wadi hayy harat sheikh shaykh bir qasr qalaat
    khirbet khirbat mazraat marj hazm bustan qaryat sayyida sayyeda sayeda sayyidah zeinab halab
    """
)

# Of those, the ones that open persons' names as often (a kunya, "Abu Hamza"; a title, "Sheikh Ahmad"): the
# actors layer does not read a name opening with one as a place.
PERSON_NAME_OPENERS = word_set("abu umm um sheikh shaykh")
PLACE_ONLY_OPENERS = ARABIC_NAME_OPENERS - PERSON_NAME_OPENERS

# --- the actors layer
PLACE_HEADS = (
    SETTLEMENT_NOUNS
    | ADMIN_NOUNS
    | QUARTER_NOUNS
    | word_set("area region border countryside crossing")
    | ROUTE_NOUNS
    | JUNCTION_NOUNS
    | NATURAL_NOUNS
    | frozenset(FACILITY_NOUNS)
    | word_set("crossing plant cathedral hotel station field fields tower palace")
)
GEO_NOUNS = word_set("border borders area region frontier side zone territory province city")

# --- the events layer
EVENT_AREA_NOUNS = word_set("area region province front border zone city town village")
EVENT_PLACE_NOUNS = EVENT_AREA_NOUNS | word_set("district neighbourhood neighborhood suburb countryside governorate")
