"""Descriptor mentions: "the Shiite regime in Baghdad" and the plural "Shiites" referring back."""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from sitroom.components.actors.mentions import Mention, covered_tokens, token_parts
from sitroom.components.actors.vocabulary import GOVERNMENT_NOUNS, STATE_KINDS, WEB_WORDS
from sitroom.knowledge.registry import ActorEntry, Registry
from sitroom.names import NAME_PARTICLES, fold

BARE_GOVERNMENT_NOUNS = frozenset({"regime", "government"})


def descriptor_mentions(doc: Doc, texts: list[str], taken: list[Mention], registry: Registry) -> list[Mention]:
    """'the Shiite regime (in Baghdad)' and the plural 'Shiites' that refers back to it (``texts``: those of
    the document's tokens)."""
    covered = covered_tokens(taken)
    strings = doc.vocab.strings
    lemmas = doc.to_array(LEMMA).tolist()
    wanted = {lemma for lemma in set(lemmas) if strings[lemma].lower() in GOVERNMENT_NOUNS}  # each lemma read once
    nouns = [doc[i] for i, lemma in enumerate(lemmas) if lemma in wanted]
    found: list[Mention] = []
    for token in nouns:
        if token.i in covered:
            continue
        adjective = _descriptor_of(token)
        if adjective is None or adjective.i in covered:
            continue
        start = adjective.i - 1 if adjective.i > 0 and doc[adjective.i - 1].lower_ == "the" else adjective.i
        end, state = _seat_of(token, registry)
        entry = registry.get(f"{state.id}_GOV") if state is not None else None
        found.append(Mention(start, end, "descriptor", entry, descriptor=fold(adjective.text)))
    found += _bare_government(nouns, taken, covered | covered_tokens(found), registry)
    adjectives = {mention.descriptor for mention in found}
    for index, text in enumerate(texts if adjectives else ()):  # plurals only refer back to a descriptor
        if index in covered or not text[:1].isupper():
            continue
        token = doc[index]
        if token.tag_ not in {"NNS", "NNPS"}:
            continue
        singular = fold(token.text)[:-1]
        if token.lower_.endswith("s") and singular in adjectives:
            found.append(Mention(token.i, token.i + 1, "descriptor", descriptor=singular))
    return found


def _descriptor_of(noun: Token) -> Token | None:
    """The capitalised modifier that names a government noun's regime ("the Shiite regime", "the Assad
    government"): the leftmost one whose words up to the noun are names or adjectives, so that a run of
    tags or headline words ("Tags Syria Assad war Government") names none."""
    doc = noun.doc
    for modifier in noun.lefts:
        if modifier.dep_ not in {"amod", "compound"} or not modifier.text[:1].isupper():
            continue
        if fold(modifier.text) in WEB_WORDS:
            return None
        if all(_in_descriptor(word) for word in doc[modifier.i + 1 : noun.i]):
            return modifier
    return None


def _in_descriptor(word: Token) -> bool:
    """A capitalised word, an adjective ("interim"), a hyphen or a particle of an Arabic name ("al")."""
    return word.text[:1].isupper() or word.tag_ == "JJ" or word.lower_ in NAME_PARTICLES


def _seat_of(noun: Token, registry: Registry) -> tuple[int, ActorEntry | None]:
    """'regime in Baghdad' -> (end of 'Baghdad', Iraq); otherwise the noun's own end and None (also when the
    name after "in" runs on into another, as where commas were stripped: "in Damascus Moscow")."""
    for preposition in noun.rights:
        if preposition.lower_ != "in":
            continue
        for place in preposition.children:
            first = min((child.i for child in place.lefts if child.dep_ == "compound"), default=place.i)
            key = token_parts(place.doc[first : place.i + 1].text)  # the whole name: "Kuala Lumpur"
            ids = registry.by_metonym.get(key) or registry.by_name.get(key)
            state = registry.entries[ids[0]] if ids else None
            if place.dep_ == "pobj" and state is not None and state.kind in STATE_KINDS:
                return place.i + 1, state
    return noun.i + 1, None


def _bare_government(nouns: list[Token], taken: list[Mention], covered: set[int], registry: Registry) -> list[Mention]:
    """ "the regime", "regime forces", "government troops": with no state named beside it, the government the
    document names as such ("the Syrian regime", "the Assad government"), else that of the state it names
    most (its own name, government, forces or ministries); "the government in Damascus" is that of the state
    whose seat is named; ``nouns``: the document's government nouns."""
    state = _main_state(taken)
    main_government = registry.get(f"{state}_GOV") if state is not None else None
    found: list[Mention] = []
    for token in nouns:
        if token.i in covered or token.lemma_.lower() not in BARE_GOVERNMENT_NOUNS or not _common_use(token):
            continue
        end, seat = _seat_of(token, registry)
        government = registry.get(f"{seat.id}_GOV") if seat is not None else main_government
        if government is None:
            continue
        named = any(c.dep_ in {"amod", "compound", "poss"} and c.text[:1].isupper() for c in token.children)
        of_state = any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        modifier = token.dep_ in {"compound", "amod", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"}
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        if not named and not of_state and (modifier or definite):
            found.append(Mention(token.i, end, "descriptor", government, descriptor="government"))
    return found


def _common_use(noun: Token) -> bool:
    """The government noun as a common noun: lower-case, or capitalised only as the first word of its
    sentence before the noun it modifies ("Regime forces shelled ...", "Government troops ...")."""
    if noun.is_lower:
        return True
    return noun.is_title and bool(noun.is_sent_start) and noun.head.i > noun.i and noun.head.pos_ in {"NOUN", "PROPN"}


def _main_state(taken: list[Mention]) -> str | None:
    """The registry id of the state whose government the document names most by name ("the Syrian regime"
    is what a later bare "the regime" refers back to), then of the state its mentions name most (a body
    counts for its state, and a state named as a place counts too: a report on Syria names it mostly as the
    place where things happen; a report of a US strike on Syria names the US often, but Syria's "regime")."""
    counts: dict[str, int] = {}
    governments: dict[str, int] = {}
    for mention in taken:
        entry = mention.entry
        if entry is None or mention.metonym:
            continue
        state = entry.id if entry.kind in STATE_KINDS else entry.id.split("_", 1)[0] if "_" in entry.id else None
        if state is not None and state.isupper():
            counts[state] = counts.get(state, 0) + 1
            if entry.kind == "government":
                governments[state] = governments.get(state, 0) + 1
    return max(counts, key=lambda state: (governments.get(state, 0), counts[state], state), default=None)
