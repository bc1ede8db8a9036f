"""Unregistered actors: spaCy PERSON and ORG entities that pass the filters, and glosses in parentheses."""

from __future__ import annotations

from functools import cache

from spacy.attrs import LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from sitroom.components.actors.mentions import Key, Mention, covered_tokens
from sitroom.components.actors.vocabulary import (
    DATELINE_WORDS,
    DESCRIPTOR_WORDS,
    GOVERNMENT_NOUNS,
    GROUP_WORDS,
    INSTITUTION_WORDS,
    LOCATIVE_PREPOSITIONS,
    MEDIA_WORDS,
    PLACE_PREPOSITIONS,
    ROLE_WORDS,
    SACRED_WORDS,
    WEB_WORDS,
)
from sitroom.knowledge.noun_classes import UNKNOWN, classes_of
from sitroom.knowledge.place_words import (
    ADMIN_NOUNS,
    PLACE_HEADS,
    PLACE_ONLY_OPENERS,
    PLACE_PREFIX_WORDS,
    QUARTER_NOUNS,
    SETTLEMENT_NOUNS,
)
from sitroom.knowledge.registry import Registry
from sitroom.layers import doc_text, tokens_text
from sitroom.names import NAME_PARTICLES, fold, name_tokens, token_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
AREA_HEADS = SETTLEMENT_NOUNS | QUARTER_NOUNS | ADMIN_NOUNS
HEADLINE_SEARCH = 300  # characters from the start of the text where a repeated title is looked for


def ner_mentions(doc: Doc, taken: list[Mention], registry: Registry, date: str | None) -> list[Mention]:
    """PERSON and ORG entities that no registry match covers and that pass the filters; one that is a
    spelling of a registered name as a whole ("Hafiz al-Asad") is linked to that entry. A name the text
    writes as a place once ("the village of Rityan", "the Ramussa neighbourhood") is a place in every one of
    its mentions ("the seizure of Rityan")."""
    place_names = registry.town_keys
    covered = covered_tokens(taken)
    found: list[Mention] = []
    place_like: set[int] = set()
    place_keys: set[Key] = set()
    headline = headline_tokens(doc)
    for entity in doc.ents:
        ent = _without_trailing_verbs(entity)
        if ent.label_ not in {"PERSON", "ORG"}:
            if ent.label_ in PLACE_LABELS and _beside_place_noun(ent):
                place_keys.add(name_tokens(ent.text))
            continue
        if any(index in covered for index in range(ent.start, ent.end)):
            continue
        if (
            _toponym(ent)
            or _looks_like_place(ent, place_like)
            or _is_place_name(ent.text, place_names)
            or _run_on_places(ent, covered, place_names)
            or _coordinated_with_place(ent, covered, place_names)
        ):
            place_like.add(ent.root.i)
            place_keys.add(name_tokens(ent.text))
            continue
        entry = registry.similar(ent.text, person=ent.label_ == "PERSON", date=date)
        if entry is None and (_is_noise(ent) or ent.start in headline):
            continue
        found.append(Mention(ent.start, ent.end, "ner", entry=entry, label=ent.label_))
    place_keys |= _names_before_area_nouns(doc)
    found = [m for m in found if m.entry is not None or name_tokens(tokens_text(doc, m.start, m.end)) not in place_keys]
    return found + _parenthetical_mentions(doc, taken + found)


def _names_before_area_nouns(doc: Doc) -> set[Key]:
    """Keys of names the model tagged as nothing but the text writes before a settlement, quarter or
    administrative noun ("the Zahra al-Jadida district", "Kafr Laha town"); names of organisations aside."""
    keys: set[Key] = set()
    heads = _area_head_hashes(doc.vocab.strings)
    for index, lower in enumerate(doc.to_array(LOWER).tolist()):
        if lower not in heads or not (token := doc[index]).is_lower:
            continue
        start = token.i
        while start > 0 and _inside_name(doc, start - 1):
            start -= 1
        while start < token.i and not doc[start].text[:1].isupper():
            start += 1  # a name begins with a capital, never with its particle
        words = {fold(word.text) for word in doc[start : token.i]}
        if start < token.i and not words & (GROUP_WORDS | MEDIA_WORDS | INSTITUTION_WORDS):
            keys.add(name_tokens(tokens_text(doc, start, token.i)))
    return keys


@cache
def _area_head_hashes(strings: StringStore) -> frozenset[int]:
    """The hashes of the area head nouns, to test a document's LOWER array without building its tokens."""
    return frozenset(strings.add(noun) for noun in AREA_HEADS)


def _inside_name(doc: Doc, index: int) -> bool:
    """A capitalised word, or a particle or hyphen between two parts of an Arabic name ("al", "-")."""
    token = doc[index]
    if token.text[:1].isupper() and token.is_alpha and token.pos_ == "PROPN":
        return True
    return token.text in NAME_PARTICLES and index > 0 and doc[index - 1].text[:1].isupper()


def _without_trailing_verbs(ent: Span) -> Span:
    """'Youssef Diab Launched': a headline verb the model took into the name is not part of it."""
    end = ent.end
    while end - ent.start > 1 and ent.doc[end - 1].tag_ in {"VBD", "VBZ", "VBN", "VBG"}:
        end -= 1
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def headline_tokens(doc: Doc) -> set[int]:
    """Tokens of the document's title where the text repeats it in title case ("Aleppo Kills 20"): there
    capitals say nothing about names, so an unregistered entity there is not trusted."""
    document = doc._.document
    title = getattr(document, "title", None)
    if not title or not _title_case(title):
        return set()
    start = doc_text(doc).find(title, 0, HEADLINE_SEARCH + len(title))
    span = doc.char_span(start, start + len(title), alignment_mode="expand") if start >= 0 else None
    return {token.i for token in span} if span is not None else set()


def _title_case(text: str) -> bool:
    words = [word for word in text.split() if word[:1].isalpha() and len(word) > 3]
    return len(words) >= 3 and sum(word[:1].isupper() for word in words) >= 0.8 * len(words)


def _toponym(ent: Span) -> bool:
    """A name that begins with an Arabic place word ("Tel Hamis", "Bab al-Nasr", "Khan Touman"), even when
    the model tags it as a person; never a kunya or title ("Abu Hamza", "Sheikh Ahmad")."""
    words = [fold(token.text) for token in ent if token.is_alpha]
    return len(words) >= 2 and words[0] in PLACE_ONLY_OPENERS


def _is_noise(ent: Span) -> bool:
    """Religious formulae, descriptor-only words ("Chechen Jihadi"), lower-case fragments, page furniture
    ("Latest News", "Sun Apr"), directions alone ("Eastern"), headline verbs ("Aleppo Kills")."""
    words = [fold(token.text) for token in ent if token.is_alpha]
    if (
        any(char.isdigit() for char in ent.text)
        or not words
        or not any(token.text[:1].isupper() for token in ent if token.is_alpha)
    ):
        return True
    if any(word in SACRED_WORDS or word in WEB_WORDS or word in DATELINE_WORDS for word in words):
        return True
    if all(word in PLACE_PREFIX_WORDS for word in words):
        return True
    if any(token.tag_ == "VBZ" and token.text[:1].isupper() for token in ent):
        return True  # a capitalised verb: a headline ("Attack Kills"), not a name
    if len(words) == 1 and (words[0] in GOVERNMENT_NOUNS | DESCRIPTOR_WORDS or _capitalised_common_plural(ent)):
        return True
    root = ent.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and fold(root.head.text) not in ROLE_WORDS:
        return True
    return all(word in DESCRIPTOR_WORDS or _is_adjectival(word) for word in words)


def _capitalised_common_plural(ent: Span) -> bool:
    """A plural common noun WordNet knows, capitalised only because it opens its sentence ("Jets pounded
    the town", "Warplanes struck"): the parser tags it NNS, never NNP as it does a surname ("Gates said")."""
    token = ent[0]
    return (
        len(ent) == 1
        and token.is_sent_start is True
        and token.tag_ == "NNS"
        and classes_of(token.lemma_.lower()) != UNKNOWN
    )


def _is_adjectival(word: str) -> bool:
    return token_key(word) != word and word.endswith(("an", "en", "i", "ish", "ese"))


def _is_place_name(text: str, place_names: frozenset[Key]) -> bool:
    """A listed town or province, also with a compass word ("Eastern Ghouta") or a possessive "s"."""
    words = text.split()
    while len(words) > 1 and fold(words[0]) in PLACE_PREFIX_WORDS:
        words = words[1:]
    key = name_tokens(" ".join(words))
    return key in place_names or (text.endswith("s") and name_tokens(text[:-1]) in place_names)


def _run_on_places(ent: Span, covered: set[int], place_names: frozenset[Key]) -> bool:
    """Listed places run together where punctuation was stripped ("the provinces Homs Hama and Idlib"): every
    word of the name is a listed place and the name is coordinated with another place (a person's given name
    and surname may each be some village's name too)."""
    words = [token.text for token in ent if token.is_alpha]
    return (
        len(words) >= 2
        and all(_is_place_name(word, place_names) for word in words)
        and _has_place_conjunct(ent, covered, place_names)
    )


def _coordinated_with_place(ent: Span, covered: set[int], place_names: frozenset[Key]) -> bool:
    """A one-word name coordinated with a place that is no actor ("strikes on Huraytan and Anadan", "the towns
    of Azaz and nearby Marea"): the members of a coordination share its role. A name of several words is left
    alone: the parse joins people's names to places too readily ("reporting by X in Damascus and Tom Miles in
    Geneva")."""
    return sum(token.is_alpha for token in ent) == 1 and _has_place_conjunct(ent, covered, place_names)


def _has_place_conjunct(ent: Span, covered: set[int], place_names: frozenset[Key]) -> bool:
    """Whether another member of the entity's coordination is a place that no actor takes (a registered state
    or group in the coordination says nothing: states act)."""
    for member in _coordination(_core(ent).root):
        if ent.start <= member.i < ent.end or member.i in covered:
            continue
        if member.ent_type_ in PLACE_LABELS or _is_place_name(member.text, place_names):
            return True
    return False


def _coordination(token: Token) -> list[Token]:
    """Every conjunct of the coordination ``token`` belongs to, the first one first."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    members, pending = [], [first]
    while pending:
        member = pending.pop()
        members.append(member)
        pending.extend(child for child in member.children if child.dep_ == "conj")
    return members


def _core(ent: Span) -> Span:
    """The entity without a leading article, whose parse root is then the name's own head ("the Bab
    al-Nairab district": the article, not the name, would otherwise be the span's root)."""
    return ent[1:] if len(ent) > 1 and ent[0].dep_ == "det" else ent


def _looks_like_place(ent: Span, place_like: set[int]) -> bool:
    """'at Jarrah', 'from Al Maskaneh, Al-Sukkar and Al Abkar', 'the Jarrah airfield', 'the town of
    Khirbet Ghazaleh', 'al-Kallasa Street'."""
    root = _core(ent).root
    if root.dep_ == "conj" and root.head.i in place_like:
        return True
    if _beside_place_noun(ent):
        return True
    article_name = len(ent) <= 3 and ent[0].lower_ in {"al", "el"} and fold(ent.text).count(" ") == 1
    single_word = len([token for token in ent if token.is_alpha]) == 1
    after_locative = root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS
    inside = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS
    organisation = bool({fold(t.text) for t in ent} & (GROUP_WORDS | MEDIA_WORDS | INSTITUTION_WORDS))
    return article_name or (single_word and after_locative and ent.label_ == "PERSON") or (inside and not organisation)


def _beside_place_noun(ent: Span) -> bool:
    """'the Jarrah airfield', 'al-Kallasa Street', 'the town of Khirbet Ghazaleh'."""
    root = _core(ent).root
    if fold(root.head.text) in PLACE_HEADS and root.dep_ in {"compound", "nmod"}:
        return True
    if len(ent) > 1 and fold(ent[-1].text) in PLACE_HEADS:
        return True  # "al-Kallasa Street", "Hmeimim Air Base"
    doc = ent.doc
    # by adjacency: the parse may hang the name elsewhere ("the town of Hader killing two")
    return ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and fold(doc[ent.start - 2].text) in PLACE_HEADS


def _parenthetical_mentions(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """'Islamic State of Iraq and Levant (ISIL)', 'Jabhat al-Nusra (The Victory Front)'."""
    by_end = {mention.end: mention for mention in taken}
    covered = covered_tokens(taken)
    found: list[Mention] = []
    for index in sorted(by_end):  # mention ends, in text order
        token = doc[index] if index < len(doc) else None
        if token is None or token.text != "(":
            continue
        close = next((t.i for t in doc[token.i + 1 : token.i + 10] if t.text == ")"), None)
        if close is None or close == token.i + 1 or any(i in covered for i in range(token.i + 1, close)):
            continue
        inner = doc[token.i + 1 : close]
        if inner[0].text[:1].isupper() and all(t.is_alpha or t.text in {"-", "'", "."} for t in inner):
            owner = by_end[token.i]
            found.append(Mention(inner.start, inner.end, "paren", owner.entry, label=str(owner.start)))
    return found
