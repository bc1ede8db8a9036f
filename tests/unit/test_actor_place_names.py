"""Names the actors layer leaves to places, judged on hand-built parses (so the rules, not the small model's
tagging of one sentence, are under test)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from sitroom.components.actors.unregistered import _beside_place_noun, _coordinated_with_place, _run_on_places
from sitroom.names import name_tokens

TOWNS = frozenset(name_tokens(name) for name in ("Homs", "Hama", "Idlib", "Saraqib"))
VOCAB = spacy.blank("en").vocab


def _parsed(words: list[str], heads: list[int], deps: list[str], ents: list[str]) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, ents=ents)


def _entity(doc: Doc, label: str) -> Span:
    return next(ent for ent in doc.ents if ent.label_ == label)


def test_an_article_before_the_name_leaves_the_place_noun_after_it_in_force() -> None:
    # "the Hamdi Nour quarter": every word hangs on "quarter", the article too
    doc = _parsed(
        ["Shells", "hit", "the", "Hamdi", "Nour", "quarter"],
        [1, 1, 5, 4, 5, 1],
        ["nsubj", "ROOT", "det", "compound", "compound", "dobj"],
        ["O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O"],
    )
    assert _beside_place_noun(_entity(doc, "PERSON"))


def test_a_name_coordinated_with_a_place_is_a_place_either_way_round() -> None:
    after = _parsed(
        ["Jets", "hit", "Saraqib", "and", "Nourin"],
        [1, 1, 1, 2, 2],
        ["nsubj", "ROOT", "dobj", "cc", "conj"],
        ["O", "O", "B-GPE", "O", "B-PERSON"],
    )
    assert _coordinated_with_place(_entity(after, "PERSON"), set(), TOWNS)
    before = _parsed(
        ["Jets", "hit", "Nourin", "and", "Saraqib"],
        [1, 1, 1, 2, 2],
        ["nsubj", "ROOT", "dobj", "cc", "conj"],
        ["O", "O", "B-PERSON", "O", "O"],
    )
    assert _coordinated_with_place(_entity(before, "PERSON"), set(), TOWNS)  # a listed town, tagged as nothing


def test_a_name_of_several_words_beside_a_place_stays_a_person() -> None:
    doc = _parsed(
        ["Jets", "hit", "Saraqib", "and", "Hamdi", "Nour"],
        [1, 1, 1, 2, 5, 2],
        ["nsubj", "ROOT", "dobj", "cc", "compound", "conj"],
        ["O", "O", "B-GPE", "O", "B-PERSON", "I-PERSON"],
    )
    assert not _coordinated_with_place(_entity(doc, "PERSON"), set(), TOWNS)


def test_a_name_coordinated_with_an_acting_state_stays_a_person() -> None:
    doc = _parsed(
        ["Qatar", "and", "Nourin", "paid"],
        [3, 0, 0, 3],
        ["nsubj", "cc", "conj", "ROOT"],
        ["B-GPE", "O", "B-PERSON", "O"],
    )
    assert not _coordinated_with_place(_entity(doc, "PERSON"), {0}, TOWNS)  # Qatar taken as a registered actor
    assert _coordinated_with_place(_entity(doc, "PERSON"), set(), TOWNS)


def test_listed_places_run_together_in_a_list_but_not_a_name_of_village_words() -> None:
    listed = _parsed(
        ["in", "Homs", "Hama", "and", "Idlib"],
        [0, 2, 0, 2, 2],
        ["ROOT", "compound", "pobj", "cc", "conj"],
        ["O", "B-PERSON", "I-PERSON", "O", "B-GPE"],
    )
    assert _run_on_places(_entity(listed, "PERSON"), set(), TOWNS)
    alone = _parsed(["Homs", "Hama", "said"], [1, 2, 2], ["compound", "nsubj", "ROOT"], ["B-PERSON", "I-PERSON", "O"])
    assert not _run_on_places(_entity(alone, "PERSON"), set(), TOWNS)
    mixed = _parsed(
        ["in", "Hama", "Nour", "and", "Idlib"],
        [0, 2, 0, 2, 2],
        ["ROOT", "compound", "pobj", "cc", "conj"],
        ["O", "B-PERSON", "I-PERSON", "O", "B-GPE"],
    )
    assert not _run_on_places(_entity(mixed, "PERSON"), set(), TOWNS)
