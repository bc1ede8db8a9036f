"""The agreements layer over the real pipeline, on sentences written for these tests: roles, kinds, stages
with their dates, provisions, which mentions are one agreement, and the actors it completes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.pipeline import analyze_one
from sitroom.readers import make_document
from sitroom.record import Agreement, Record

DATE = "2017-03-15"  # a Wednesday


def read(nlp: Language, text: str) -> Record:
    return analyze_one(nlp, make_document("t", text, "test", {"date": DATE}))


def only(record: Record) -> Agreement:
    [agreement] = record.agreements
    return agreement


def canonical(record: Record, actor_ids: list[str]) -> set[str | None]:
    actors = {actor.id: actor for actor in record.actors}
    return {actors[actor].canonical_id for actor in actor_ids}


def names(record: Record, actor_ids: list[str]) -> set[str]:
    actors = {actor.id: actor for actor in record.actors}
    return {actors[actor].name for actor in actor_ids}


def test_parties_between_and_mediators_by(nlp: Language) -> None:
    record = read(nlp, "A ceasefire between the army and the rebels was brokered by Egypt and Qatar last week.")
    agreement = only(record)
    assert names(record, agreement.parties) == {"army", "rebels"}
    assert canonical(record, agreement.mediators) == {"EGY", "QAT"}
    assert (agreement.kind, agreement.status, agreement.sidedness) == ("ceasefire", "agreed", "bilateral")
    assert {role.role for role in agreement.roles} == {"party", "mediator"}
    assert all(role.evidence.text.startswith("A ceasefire between") for role in agreement.roles)


def test_the_proposer_is_not_a_party(nlp: Language) -> None:
    record = read(nlp, "Egypt proposed a ceasefire between Hamas and Israel.")
    agreement = only(record)
    assert names(record, agreement.parties) == {"Hamas", "Israel"}
    assert canonical(record, agreement.proposers) == {"EGY"}
    assert agreement.status == "proposed"
    record = read(nlp, "France has called for food deliveries and a daily truce in the old city.")
    agreement = only(record)
    assert (agreement.parties, canonical(record, agreement.proposers)) == ([], {"FRA"})
    assert not only(read(nlp, "Qatar did not ask for a truce.")).proposers
    record = read(nlp, "The rebels accepted the truce proposed by Egypt.")
    agreement = only(record)
    assert (names(record, agreement.parties), canonical(record, agreement.proposers)) == ({"rebels"}, {"EGY"})


def test_guarantors_monitors_and_who_is_left_out(nlp: Language) -> None:
    record = read(nlp, "Moscow and Ankara guaranteed the deal, which excludes the Islamic State.")
    agreement = only(record)
    assert canonical(record, agreement.guarantors) == {"RUS", "TUR"}
    assert len(agreement.excluded) == 1 and not agreement.parties
    record = read(nlp, "Under the agreement, monitored by Turkey, the rebels will hand over their heavy weapons.")
    agreement = only(record)
    assert canonical(record, agreement.monitors) == {"TUR"}
    assert [provision.type for provision in agreement.provisions] == ["weapons_handover"]


def test_a_role_noun_and_the_start_date(nlp: Language) -> None:
    record = read(nlp, "Iran is a guarantor of the ceasefire, which took effect on 30 December.")
    agreement = only(record)
    assert canonical(record, agreement.guarantors) == {"IRN"}
    assert (agreement.status, agreement.start_date) == ("in_force", "2016-12-30")


def test_a_list_the_actors_layer_missed_is_completed(nlp: Language) -> None:
    record = read(nlp, "Russia Iran and Turkey agreed a ceasefire.")
    agreement = only(record)
    assert canonical(record, agreement.parties) == {"RUS", "IRN", "TUR"}
    russia = next(actor for actor in record.actors if actor.canonical_id == "RUS")
    assert [(m.text, m.start) for m in russia.mentions] == [("Russia", 0)]
    assert agreement.sidedness == "multilateral"


@pytest.mark.parametrize(
    ("text", "kind", "status"),
    [
        ("Shelling resumed despite the cessation of hostilities agreement.", "cessation_of_hostilities", "violated"),
        ("The town lies inside a de-escalation zone.", "de_escalation", "agreed"),
        ("The army declared a four-day pause in air strikes.", "humanitarian_pause", "agreed"),
        ("The population swap deal was suspended after a bombing.", "evacuation", "suspended"),
        ("The prisoner exchange deal was extended by a week.", "prisoner_exchange", "extended"),
        ("The rebels did not commit to the truce.", "truce", "violated"),
        ("The truce broke down in the night.", "truce", "collapsed"),
    ],
)
def test_kinds_and_stages(nlp: Language, text: str, kind: str, status: str) -> None:
    agreement = only(read(nlp, text))
    assert (agreement.kind, agreement.status) == (kind, status)


def test_a_stage_has_its_own_date_and_an_end_has_a_reason(nlp: Language) -> None:
    agreement = only(read(nlp, "The truce, mediated by the United Nations, collapsed on Tuesday after heavy shelling."))
    assert [(report.status, report.date) for report in agreement.statuses] == [
        ("agreed", DATE),
        ("collapsed", "2017-03-14"),
    ]
    assert (agreement.end_date, agreement.end_reason) == ("2017-03-14", "collapsed")
    agreement = only(read(nlp, "The army declared a week-long ceasefire over on Monday."))
    assert (agreement.duration, agreement.end_reason, agreement.status) == ("P1W", "terminated", "collapsed")


def test_a_violation_points_at_the_event_that_breaks_it(nlp: Language) -> None:
    record = read(nlp, "Government warplanes bombed a market in Douma despite the truce.")
    agreement = only(record)
    [report] = agreement.statuses
    assert report.status == "violated"
    assert report.events and {e.type for e in record.events if e.id in report.events} == {"ASSAULT"}


def test_mentions_that_refer_back_are_one_agreement(nlp: Language) -> None:
    record = read(nlp, "A truce between Hamas and Israel took effect on Monday.\n\nThe truce collapsed on Friday.")
    agreement = only(record)
    assert [report.status for report in agreement.statuses] == ["in_force", "collapsed"]
    assert (agreement.status, agreement.start_date) == ("collapsed", "2017-03-13")


def test_a_definite_mention_of_another_kind_refers_back_only_while_the_agreement_is_discussed(
    nlp: Language,
) -> None:
    filler = " ".join(f"Shelling hit district {number} on Tuesday." for number in range(1, 11))
    near = "The army declared a truce in the north on Monday. The ceasefire held on Tuesday."
    assert len(read(nlp, near).agreements) == 1
    far = f"The army declared a truce in the north on Monday. {filler} Envoys said the ceasefire was agreed upon."
    assert [agreement.kind for agreement in read(nlp, far).agreements] == ["truce", "ceasefire"]
    again = f"The army declared a truce in the north on Monday. {filler} The truce held on Thursday."
    assert len(read(nlp, again).agreements) == 1


def test_a_local_truce_and_a_nationwide_ceasefire_are_two(nlp: Language) -> None:
    text = "A local truce held in Douma.\n\nMeanwhile a nationwide ceasefire was declared by the government."
    assert [agreement.kind for agreement in read(nlp, text).agreements] == ["truce", "ceasefire"]


def test_a_class_of_agreements_is_not_an_agreement(nlp: Language) -> None:
    assert read(nlp, "Local truces have rarely held in the region.").agreements == []


def test_what_the_parties_agreed_to_do_are_provisions(nlp: Language) -> None:
    record = read(
        nlp, "In the truce the army and the rebels agreed to stop the shelling and let aid convoys into the town."
    )
    agreement = only(record)
    assert [provision.type for provision in agreement.provisions] == ["ceasefire", "humanitarian_access"]
    agreement = only(read(nlp, "The deal to evacuate the besieged towns was signed on Monday."))
    assert [provision.type for provision in agreement.provisions] == ["evacuation"]
    assert agreement.written is True


def test_a_relative_clause_hung_on_a_date_is_the_agreements(nlp: Language) -> None:
    record = read(nlp, "Strikes ended a truce announced by Egypt on Oct. 9 which the Jordanian army had also observed.")
    agreement = only(record)
    assert canonical(record, agreement.parties) >= {"EGY"}
    assert len(agreement.parties) == 2  # Egypt, and the army that observed it


def test_what_was_done_through_a_deal_puts_it_in_force(nlp: Language) -> None:
    agreement = only(read(nlp, "Hundreds of fighters left the town through a deal brokered by Qatar."))
    assert agreement.status == "in_force"


def test_who_hosted_the_talks_that_led_to_it_mediated(nlp: Language) -> None:
    record = read(nlp, "Negotiations sponsored by Qatar resulted in a deal between Hamas and Fatah.")
    agreement = only(record)
    assert canonical(record, agreement.mediators) == {"QAT"}
    assert names(record, agreement.parties) == {"Hamas", "al-Fatah"}
    record = read(nlp, "Egypt and Jordan hosted talks in Cairo that led to the creation of a buffer zone deal.")
    assert canonical(record, only(record).mediators) == {"EGY", "JOR"}


def test_the_mediation_it_was_reached_under(nlp: Language) -> None:
    record = read(nlp, "The truce was reached under Egyptian mediation on Sunday.")
    assert canonical(record, only(record).mediators) == {"EGY"}


def test_negotiators_of_a_truce_between_two_sides_mediate(nlp: Language) -> None:
    record = read(nlp, "Cairo and Doha negotiated the truce between Hamas and Israel.")
    agreement = only(record)
    assert names(record, agreement.parties) == {"Hamas", "Israel"}
    assert canonical(record, agreement.mediators) == {"EGY", "QAT"}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The truce fell apart within a week.", "collapsed"),
        ("The deal fell through in June.", "collapsed"),
        ("Shelling went on in spite of the ceasefire.", "violated"),
        ("Both sides have largely abided by the ceasefire.", "in_force"),
        ("The rebels have adhered to the truce since Monday.", "in_force"),
        ("The army has not complied with the ceasefire.", "violated"),
        ("The truce was shattered on Friday when jets struck the market.", "collapsed"),
        ("The local truce crumbled after two weeks of shelling.", "collapsed"),
        ("The truce lapsed at midnight.", "collapsed"),
        ("The militants have repeatedly ignored the truce.", "violated"),
        ("The evacuation deal was halted after an attack on the convoy.", "suspended"),
    ],
)
def test_phrasal_concessive_and_keeping_stages(nlp: Language, text: str, status: str) -> None:
    assert only(read(nlp, text)).status == status


def test_a_pronoun_that_agreed_is_the_speaker_of_its_number(nlp: Language) -> None:
    record = read(nlp, "The militias said they had agreed to the ceasefire.")
    assert names(record, only(record).parties) == {"militias"}
    record = read(nlp, "The militias said it had agreed to the ceasefire.")
    assert not only(record).parties


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The truce went into effect on Saturday.", "in_force"),
        ("The region saw a rise of attacks after talks and a fragile ceasefire collapsed last year.", "collapsed"),
    ],
)
def test_stages_of_clauses_the_parser_splits(nlp: Language, text: str, status: str) -> None:
    assert only(read(nlp, text)).status == status


def test_who_agreed_on_a_plan_for_it_and_an_ally_named_by_its_state(nlp: Language) -> None:
    record = read(nlp, "Ankara and Tehran agreed on a plan for a truce in the north.")
    assert canonical(record, only(record).parties) == {"TUR", "IRN"}
    record = read(nlp, "The Iraqi government and its Iranian ally declared a truce.")
    assert "IRN" in canonical(record, only(record).parties)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The short lull in air raids gave the villagers a chance to bury their dead.", False),
        ("The brief lull in bombing let aid trucks reach the district.", False),
        ("The army announced a lull in its shelling of the town for the festival.", True),
        ("The envoy said the shelling hurts any hope of reaching a political settlement of the war.", False),
        ("Diplomats met in Geneva to seek a political settlement for the country.", False),
        ("The two governments reached a political settlement after years of talks.", True),
    ],
)
def test_a_lull_not_declared_and_a_settlement_sought_are_not_agreements(nlp: Language, text: str, found: bool) -> None:
    assert bool(read(nlp, text).agreements) is found


@pytest.mark.parametrize(
    ("text", "role", "states"),
    [
        ("The ceasefire was brokered by the regime's allies Russia and Iran and the rebels' backer Turkey.",
         "mediators", {"RUS", "IRN", "TUR"}),
        ("Fighting resumed despite a truce agreed by government allies Iran and Russia in May.",
         "parties", {"IRN", "RUS"}),
    ],
)  # fmt: skip
def test_a_noun_describing_the_names_in_apposition_stands_for_them(
    nlp: Language, text: str, role: str, states: set[str]
) -> None:
    record = read(nlp, text)
    assert canonical(record, getattr(only(record), role)) == states


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Moscow and Ankara say their truce in the province will hold until Friday.", {"RUS", "TUR"}),
        ("Egypt said on Monday that the rebels must leave, adding its moratorium on raids would end.", {"EGY"}),
    ],
)
def test_a_possessive_pronoun_stands_for_the_subject_of_its_number_above_its_phrase(
    nlp: Language, text: str, states: set[str]
) -> None:
    record = read(nlp, text)
    assert canonical(record, only(record).parties) == states


def test_a_name_before_fellow_is_one_more_in_a_list_that_lost_its_commas(nlp: Language) -> None:
    text = "Egypt fellow mediator Qatar and peace-broker Oman have hosted talks in Cairo that led to a truce."
    record = read(nlp, text)
    assert canonical(record, only(record).mediators) == {"EGY", "QAT", "OMN"}


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Rebels and regime forces reached a truce in the district last month.", {"Rebels", "regime forces"}),
        ("Rebels and government negotiators struck a deal to end the siege.", {"Rebels", "government negotiators"}),
        ("A deal negotiated between the army and the rebels was signed on Monday.", {"army", "rebels"}),
    ],
)
def test_sides_the_parser_read_as_a_modifier_with_a_dangling_and(nlp: Language, text: str, parties: set[str]) -> None:
    record = read(nlp, text)
    assert names(record, only(record).parties) == parties


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Negotiators met in Geneva for talks in which outlines of a peace deal will be presented.", "proposed"),
        ("The outlines of a new ceasefire were presented to the rebels on Monday.", "proposed"),
        ("The deal was presented as a victory by the army.", "agreed"),
        ("The truce agreed by the army and the tribes collapsed last week.", "collapsed"),
        ("The ceasefire agreed by the two sides has held.", "in_force"),
        ("The truce has been shaken by repeated violations.", "violated"),
        ("The leaders shook hands on the deal.", "agreed"),
        ("The ceasefire was in tatters by Friday.", "collapsed"),
        ("The evacuation deal was put on hold on Friday.", "suspended"),
        ("Implementation of the evacuation deal was postponed.", "suspended"),
        ("The implementation of the deal began on Monday.", "in_force"),
        ("The army pulled out of the ceasefire on Monday.", "collapsed"),
        ("The army withdrew from the truce on Monday.", "collapsed"),
        ("The rebels withdrew from the town under the deal.", "in_force"),
        ("Rebels pulled out of the town as part of the deal.", "in_force"),
    ],
)
def test_stages_of_outlines_participles_states_leaving_and_what_was_done_as_part_of_it(
    nlp: Language, text: str, status: str
) -> None:
    assert only(read(nlp, text)).status == status


def test_a_participle_set_off_after_the_mention_is_its_own(nlp: Language) -> None:
    text = (
        "The army has stepped up its attacks on the town even though the town falls within a network of "
        "de-escalation zones - endorsed by Egypt Jordan and Qatar - in which fighting is banned."
    )
    assert canonical(read(nlp, text), only(read(nlp, text)).guarantors) == {"EGY", "JOR", "QAT"}
    record = read(nlp, "The truce brokered by Moscow and backed by Tehran collapsed.")
    agreement = only(record)
    assert (canonical(record, agreement.mediators), canonical(record, agreement.guarantors)) == ({"RUS"}, {"IRN"})


def test_auspices_name_a_mediator_and_between_may_hang_on_them(nlp: Language) -> None:
    record = read(nlp, "The truce was reached under Russian auspices last month.")
    assert canonical(record, only(record).mediators) == {"RUS"}
    record = read(nlp, "The deal was struck under Turkish auspices between the rebels and the army.")
    agreement = only(record)
    assert (names(record, agreement.parties), canonical(record, agreement.mediators)) == ({"rebels", "army"}, {"TUR"})


def test_lists_whose_commas_were_lost_and_representatives(nlp: Language) -> None:
    record = read(nlp, "Hezbollah the army and the rebels agreed to a truce in the valley.")
    assert names(record, only(record).parties) == {"Hezbollah", "army", "rebels"}
    record = read(nlp, "Hezbollah, the Lebanese group, agreed to a truce.")
    assert names(record, only(record).parties) == {"Hezbollah"}
    record = read(nlp, "Representatives of the rebels and the army signed the agreement in Ankara.")
    assert names(record, only(record).parties) == {"rebels", "army"}


def test_the_place_left_under_a_deal_is_its_place(nlp: Language) -> None:
    def places(text: str) -> set[str]:
        record = read(nlp, text)
        names = {place.id: place.name for place in record.places}
        return {names[place] for place in only(record).places}

    assert places("Hundreds of fighters have moved out of Homs through an agreement brokered by Russia.") == {"Homs"}
    assert places("The army says it has retaken Madaya after the rebels leave under a surrender deal.") == {"Madaya"}
    assert places("Rebels left under a deal with the government after talks in Homs and Hama.") == set()


def test_with_on_the_agent_and_a_trailing_participle(nlp: Language) -> None:
    record = read(nlp, "A deal reached by the rebels with the army allowed civilians to leave.")
    assert names(record, only(record).parties) == {"rebels", "army"}
    record = read(nlp, "The rebels signed a truce with the army, mediated by Qatar.")
    agreement = only(record)
    assert (names(record, agreement.parties), canonical(record, agreement.mediators)) == ({"rebels", "army"}, {"QAT"})
