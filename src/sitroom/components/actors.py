"""The actors layer: who acts, speaks or is reported on, resolved to the actor registry.

Sources of mentions, in order of trust:
1. the registry, matched over transliteration-aware token keys (``names.name_tokens``) in one
   left-to-right scan (longest match; capitalisation must agree with a name);
2. states and capitals used as actors ("Washington claims", "a statement from Moscow"), judged
   from the parse, while the same names used as places are left to the places layer;
3. descriptors: "the Shiite regime in Baghdad" (the government of the capital's state), and the
   plural of the descriptor's adjective ("Shiites"); demonyms used as actors ("The Americans");
4. spaCy's PERSON and ORG entities not in the registry, filtered (no place-like names, no
   religious formulae) and kept as unregistered actors.
Short forms join their full form (Lavrov -> Sergey Lavrov, Umar al-Chechen -> Abu Umar
al-Chechen) only when exactly one person in the document fits; acronyms and glosses given in
parentheses join the actor they follow. Roles and affiliations come from the registry and from
descriptors in the text ("the representative of ISIL", "ISIL's Abu Umar", "on behalf of").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.knowledge.registry import ActorEntry, Registry, load_registry
from sitroom.layers import register_extensions
from sitroom.names import ARABIC_ARTICLES, fold, is_short_form, name_tokens, same_person, token_key, token_keys
from sitroom.record import Actor, ActorKind
from sitroom.record import Span as TextSpan

Key = tuple[str, ...]

# Words that may be lower-case inside a registry name ("Syrian government", "Islamic State of Iraq").
COMMON_WORDS = frozenset(
    [
        "of",
        "and",
        "the",
        "for",
        "in",
        "on",
        "at",
        "to",
        "al",
        "el",
        "an",
        "ash",
        "as",
        "ad",
        "az",
        "ar",
        "ath",
        "wa",
        "wal",
        "fi",
        "bin",
        "ibn",
        "de",
        "la",
        "du",
        "s",
        "government",
        "regime",
        "authorities",
        "administration",
        "army",
        "military",
        "forces",
        "force",
        "armed",
        "troops",
        "soldiers",
        "air",
        "navy",
        "warplanes",
        "jets",
        "foreign",
        "affairs",
        "ministry",
        "defence",
        "defense",
        "led",
        "backed",
        "based",
        "coalition",
        "intelligence",
        "security",
        "news",
        "agency",
        "network",
        "group",
        "movement",
        "front",
        "organization",
        "organisation",
        "party",
        "council",
    ]
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
RELATION_NOUNS = frozenset(
    [
        "rapprochement",
        "relations",
        "relation",
        "talks",
        "agreement",
        "deal",
        "tension",
        "tensions",
        "cooperation",
        "rift",
        "dialogue",
        "negotiations",
        "war",
        "conflict",
        "contacts",
        "ties",
        "meeting",
        "alliance",
        "coalition",
        "partnership",
        "rivalry",
        "dispute",
        "truce",
        "ceasefire",
        "accord",
        "understanding",
        "normalization",
        "reconciliation",
    ]
)
SOURCE_NOUNS = frozenset(
    [
        "statement",
        "statements",
        "announcement",
        "message",
        "word",
        "response",
        "reaction",
        "report",
        "reports",
        "signal",
        "signals",
        "officials",
        "official",
        "officers",
        "officer",
        "delegation",
        "delegations",
        "troops",
        "forces",
        "envoy",
        "diplomats",
        "diplomat",
        "representatives",
        "representative",
        "spokesman",
        "sources",
        "source",
        "visitors",
        "experts",
        "advisers",
        "advisors",
    ]
)
AGENCY_NOUNS = frozenset(
    [
        "agencies",
        "agency",
        "government",
        "governments",
        "ministry",
        "army",
        "forces",
        "officials",
        "president",
        "leader",
        "leaders",
        "leadership",
        "intelligence",
        "position",
        "policy",
        "policies",
        "decision",
        "role",
        "support",
        "interests",
        "allies",
        "ally",
        "envoy",
        "ambassador",
        "embassy",
        "representative",
        "spokesman",
        "services",
        "service",
        "regime",
        "authorities",
        "administration",
        "troops",
        "military",
        "minister",
        "ministers",
        "allies",
        "plan",
        "plans",
        "strategy",
        "stance",
    ]
)
TARGET_WORDS = frozenset({"against", "by", "toward", "towards", "versus"})
GEO_VERBS = frozenset(
    [
        "border",
        "enter",
        "visit",
        "reach",
        "leave",
        "cross",
        "tour",
        "flee",
        "return",
        "travel",
        "arrive",
        "fly",
        "move",
        "cover",
        "occupy",
    ]
)
GEO_NOUNS = frozenset(
    ["border", "borders", "area", "region", "frontier", "side", "zone", "territory", "province", "city"]
)
SUPPORT_NOUNS = frozenset(
    ["support", "aid", "assistance", "threat", "message", "appeal", "letter", "ultimatum", "warning", "call"]
)
SACRED_WORDS = frozenset(
    [
        "allah",
        "god",
        "lord",
        "almighty",
        "merciful",
        "beneficent",
        "compassionate",
        "prophet",
        "messenger",
        "quran",
        "koran",
    ]
)
WEB_WORDS = frozenset(
    [
        "youtube",
        "subscribe",
        "instagram",
        "twitter",
        "facebook",
        "android",
        "slideshow",
        "gmt",
        "showcase",
        "category",
        "newsletter",
        "whatsapp",
        "telegram",
        "skype",
    ]
)
DESCRIPTOR_WORDS = frozenset({"jihadi", "islamic", "mujahid", "salafi", "takfiri", "wahhabi", "regime"})
GROUP_WORDS = frozenset(
    [
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "front",
        "army",
        "movement",
        "group",
        "jaish",
        "jaysh",
        "liwa",
        "katiba",
        "katibat",
        "kataib",
        "harakat",
        "jabhat",
        "faylaq",
        "alwiya",
        "militia",
        "militias",
        "mujahideen",
        "mujahidin",
        "rebels",
        "fighters",
        "forces",
        "ansar",
        "saraya",
    ]
)
MEDIA_WORDS = frozenset(
    ["news", "agency", "tv", "television", "radio", "press", "times", "post", "daily", "journal", "channel", "media"]
)
INSTITUTION_WORDS = frozenset(
    ["ministry", "department", "office", "court", "council", "agency", "police", "army", "commission", "command"]
)
PARTY_WORDS = frozenset({"party"})
LOCATIVE_PREPOSITIONS = frozenset(
    ["in", "at", "near", "from", "into", "inside", "outside", "around", "towards", "toward", "to", "across", "via"]
)
PLACE_PREPOSITIONS = frozenset(
    ["in", "at", "near", "inside", "outside", "around", "across", "into", "towards", "toward", "via"]
)
PLACE_HEADS = frozenset(
    [
        "road",
        "airfield",
        "airport",
        "airbase",
        "base",
        "province",
        "governorate",
        "district",
        "city",
        "town",
        "village",
        "street",
        "checkpoint",
        "crossing",
        "area",
        "region",
        "border",
        "river",
        "valley",
        "mountain",
        "mountains",
        "camp",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "square",
        "highway",
        "countryside",
    ]
)
IMPLEMENTATION_CUES = ("responsible for the implementation", "in charge of implementing", "implementer")


@dataclass
class Mention:
    """A stretch of text naming an actor, before clustering."""

    start: int  # token index
    end: int
    source: str  # registry | state | descriptor | demonym | ner | paren
    entry: ActorEntry | None = None
    label: str = ""
    descriptor: str = ""  # adjective of a descriptor ("shiite" in "the Shiite regime")


@dataclass
class Cluster:
    """One actor of the document."""

    mentions: list[Mention]
    entry: ActorEntry | None = None
    roles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # registry ids or "@<cluster index>" or names

    @property
    def first(self) -> int:
        return min(mention.start for mention in self.mentions)


@lru_cache(maxsize=65536)
def token_parts(text: str) -> Key:
    """Key parts of one spaCy token ("U.S." -> ("u", "s"); "al" -> ())."""
    return tuple(key for part in fold(text).split() for key in token_keys(part))


def _possessive_parts(text: str) -> Key:
    """Parts of "Assads" read as "Assad's" (FA-KES strips apostrophes)."""
    if len(text) > 3 and text.endswith("s") and text[:1].isupper() and text[-2:-1].isalpha():
        return token_parts(text[:-1])
    return ()


class ActorsComponent:
    """spaCy component that sets ``doc._.actors`` (see module docstring)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.plural_demonyms = _plural_demonyms(registry)
        self.prefixes = _prefixes(
            (*registry.by_name, *registry.by_metonym, *registry.by_demonym, *self.plural_demonyms)
        )

    def __call__(self, doc: Doc) -> Doc:
        date = doc._.document.date if doc._.document is not None else None
        scanned = self._registry_mentions(doc, date)
        mentions = [mention for mention in scanned if mention.source != "skip"]
        mentions += _descriptor_mentions(doc, scanned, self.registry)
        mentions += _ner_mentions(doc, scanned, self.registry.place_names)
        mentions = [mention for mention in mentions if mention.source != "skip"]
        clusters = _cluster(doc, mentions)
        for cluster in clusters:
            _describe(doc, cluster, clusters)
        doc._.actors = _records(doc, clusters, self.registry)
        return doc

    # -- registry scan ----------------------------------------------------------------------
    def _registry_mentions(self, doc: Doc, date: str | None) -> list[Mention]:
        mentions: list[Mention] = []
        index = 0
        while index < len(doc):
            found = self._longest_match(doc, index, date)
            if found is None:
                index += 1
                continue
            mentions.append(found)
            index = found.end
        return mentions

    def _longest_match(self, doc: Doc, start: int, date: str | None) -> Mention | None:
        if not token_parts(doc[start].text) or not _starts_name(doc[start]):
            return None
        key: Key = ()
        best: Mention | None = None
        for position in range(start, min(len(doc), start + 3 * self.registry.max_name_tokens)):
            token = doc[position]
            parts = token_parts(token.text)
            if not parts:
                if _transparent(token):
                    continue
                break
            stripped = _possessive_parts(token.text)
            possessive = key + stripped
            key = (
                possessive
                if stripped and key + parts not in self.prefixes and possessive in self.prefixes
                else key + parts
            )
            if key not in self.prefixes:
                if (
                    stripped
                    and possessive in self.registry.by_name
                    and _case_agrees(doc[start : position + 1], possessive, frozenset())
                ):
                    best = self._classify(doc, start, position + 1, possessive, date) or best
                break
            if _case_agrees(doc[start : position + 1], key, self.registry.acronyms):
                best = self._classify(doc, start, position + 1, key, date) or best
        return best

    def _classify(self, doc: Doc, start: int, end: int, key: Key, date: str | None) -> Mention | None:
        start = _extend_article(doc, start)
        entries = self.registry.lookup_key(key, date)
        if entries:
            entry = entries[0]
            if entry.kind in STATE_KINDS:
                source = "state" if is_actor_use(doc[start:end]) else "skip"
                return Mention(_extend_the(doc, start, end), end, source, entry)
            return Mention(_extend_descriptor(doc, start, entry), end, "registry", entry)
        if key in self.registry.by_metonym:
            entry = self.registry.entries[self.registry.by_metonym[key][0]]
            return Mention(start, end, "state" if is_actor_use(doc[start:end]) else "skip", entry)
        if key in self.plural_demonyms and _is_plural_actor(doc[start:end]):
            return Mention(start, end, "demonym", self.registry.entries[self.plural_demonyms[key]])
        return None


@Language.factory("sitroom_actors", default_config={"extra_registry_paths": []})
def make_actors_component(nlp: Language, name: str, extra_registry_paths: list[str]) -> ActorsComponent:
    """Factory of the actors layer; ``extra_registry_paths`` are the user's actor files."""
    register_extensions()
    return ActorsComponent(load_registry([Path(path) for path in extra_registry_paths]))


def actor_mention_index(actors: list[Actor]) -> list[tuple[int, int, str]]:
    """(start, end, actor id) of every actor mention, sorted by start: for layers that look up actors."""
    return sorted((mention.start, mention.end, actor.id) for actor in actors for mention in actor.mentions)


# ---------------------------------------------------------------------------- registry helpers
def _prefixes(keys: Iterable[Key]) -> frozenset[Key]:
    return frozenset(key[:size] for key in keys for size in range(1, len(key) + 1))


def _plural_demonyms(registry: Registry) -> dict[Key, str]:
    plurals: dict[Key, str] = {}
    for entry in registry.entries.values():
        if entry.kind not in STATE_KINDS:
            continue
        for demonym in entry.demonyms:
            if fold(demonym).endswith(("s", "sh", "ch", "ese")):
                continue
            plurals.setdefault(name_tokens(demonym + "s"), entry.id)
    return plurals


def _starts_name(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _transparent(token: Token) -> bool:
    """Tokens a name may contain without a key: hyphens, "the", Arabic articles before a hyphen."""
    lower = token.lower_
    if token.text in {"-", "\u2013"} or lower == "the" or lower in {"al", "el"}:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return lower in ARABIC_ARTICLES and following is not None and following.text == "-"


def _case_agrees(span: Span, key: Key, acronyms: frozenset[Key]) -> bool:
    """Content words capitalised (or common words); acronyms upper-case and never a single letter."""
    words = [token for token in span if any(char.isalpha() for char in token.text)]
    letters = "".join(char for token in words for char in token.text if char.isalpha())
    if len(letters) < 2:
        return False
    if key in acronyms or (len(words) == 1 and letters.isupper()):
        return letters.isupper()
    if len(words) == 1 and words[0].pos_ in {"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "CCONJ", "SCONJ"}:
        return False
    return all(token.text[:1].isupper() or token.lower_ in COMMON_WORDS for token in words)


def _extend_the(doc: Doc, start: int, end: int) -> int:
    """'the United States': a leading 'the' belongs to multi-word state names."""
    if end - start >= 2 and start >= 1 and doc[start - 1].lower_ == "the":
        return start - 1
    return start


def _extend_descriptor(doc: Doc, start: int, entry: ActorEntry) -> int:
    """'The Victory Front' (a capitalised article), 'the Islamic movement Ahrar al-Sham'."""
    if start >= 1 and doc[start - 1].text == "The" and not doc[start - 1].is_sent_start:
        return start - 1
    if entry.kind in {"armed_group", "political_party"} and start >= 1 and doc[start - 1].lower_ in GROUP_HEADS:
        head = start - 1
        return head - 1 if head >= 1 and doc[head - 1].text[:1].isupper() and doc[head - 1].is_alpha else head
    if entry.kind == "government" and start >= 1 and doc[start - 1].lower_ == "the":
        return start - 1
    return start


def _extend_article(doc: Doc, start: int) -> int:
    """Include an attached leading article: "Al-Ikhwah", "Al Jazeera"."""
    attached = start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ARABIC_ARTICLES
    if attached and doc[start - 2].text[:1].isupper():
        return start - 2
    if start >= 1 and doc[start - 1].text in {"Al", "El"}:
        return start - 1
    return start


# ---------------------------------------------------------------------------- actor or place
def is_actor_use(span: Span) -> bool:
    """True when a state or capital name is used for an actor ("Washington claims") not a place."""
    root = span.root
    while root.dep_ == "conj" and root.head.ent_type_ in {"GPE", "NORP", "ORG"}:
        root = root.head
    if root.dep_ == "conj":
        return False
    dep = root.dep_
    if dep in {"nsubj", "nsubjpass", "poss", "agent"}:
        return True
    if dep == "dobj":
        return root.head.lemma_ not in GEO_VERBS
    if dep == "compound":
        return root.head.lemma_.lower() in AGENCY_NOUNS | SOURCE_NOUNS
    if dep == "pobj":
        return _actor_after_preposition(root.head)
    return False


def _actor_after_preposition(preposition: Token) -> bool:
    word = preposition.lower_
    governor = preposition.head
    lemma = governor.lemma_.lower()
    if word in TARGET_WORDS:
        return True
    if word == "between":
        return lemma in RELATION_NOUNS
    if word == "with":
        return lemma not in GEO_NOUNS
    if word == "from":
        return lemma in SOURCE_NOUNS
    if word == "of":
        return lemma in AGENCY_NOUNS
    if word == "to":
        return lemma in SUPPORT_NOUNS
    return False


def _is_plural_actor(span: Span) -> bool:
    """'The Americans are starting': a demonym plural noun with the definite article, as a participant."""
    root = span.root
    if root.tag_ not in {"NNPS", "NNS"} and not root.text.endswith("s"):
        return False
    has_article = span.start > 0 and span.doc[span.start - 1].lower_ == "the"
    return has_article and root.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}


# ---------------------------------------------------------------------------- descriptors
def _descriptor_mentions(doc: Doc, taken: list[Mention], registry: Registry) -> list[Mention]:
    """'the Shiite regime (in Baghdad)' and the plural 'Shiites' that refers back to it."""
    covered = _covered(taken)
    found: list[Mention] = []
    for token in doc:
        if token.lemma_.lower() not in GOVERNMENT_NOUNS or token.i in covered:
            continue
        adjective = next((c for c in token.lefts if c.dep_ in {"amod", "compound"} and c.text[:1].isupper()), None)
        if adjective is None or adjective.i in covered:
            continue
        start = adjective.i - 1 if adjective.i > 0 and doc[adjective.i - 1].lower_ == "the" else adjective.i
        end, state = _seat_of(token, registry)
        entry = registry.get(f"{state.id}_GOV") if state is not None else None
        found.append(Mention(start, end, "descriptor", entry, descriptor=fold(adjective.text)))
    adjectives = {mention.descriptor for mention in found}
    for token in doc:
        if token.i in covered or token.tag_ not in {"NNS", "NNPS"} or not token.text[:1].isupper():
            continue
        singular = fold(token.text)[:-1]
        if token.lower_.endswith("s") and singular in adjectives:
            found.append(Mention(token.i, token.i + 1, "descriptor", descriptor=singular))
    return found


def _seat_of(noun: Token, registry: Registry) -> tuple[int, ActorEntry | None]:
    """'regime in Baghdad' -> (end of 'Baghdad', Iraq); otherwise the noun's own end and None."""
    for preposition in noun.rights:
        if preposition.lower_ != "in":
            continue
        for place in preposition.children:
            key = token_parts(place.text)
            ids = registry.by_metonym.get(key) or registry.by_name.get(key)
            state = registry.entries[ids[0]] if ids else None
            if place.dep_ == "pobj" and state is not None and state.kind in STATE_KINDS:
                return place.i + 1, state
    return noun.i + 1, None


# ---------------------------------------------------------------------------- NER recall
def _covered(mentions: Iterable[Mention]) -> set[int]:
    return {index for mention in mentions for index in range(mention.start, mention.end)}


def _ner_mentions(doc: Doc, taken: list[Mention], place_names: frozenset[Key]) -> list[Mention]:
    """PERSON and ORG entities that no registry match covers and that pass the filters."""
    covered = _covered(taken)
    found: list[Mention] = []
    place_like: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG"} or any(index in covered for index in range(ent.start, ent.end)):
            continue
        if _looks_like_place(ent, place_like) or _is_place_name(ent.text, place_names):
            place_like.add(ent.root.i)
            continue
        if _is_noise(ent):
            continue
        found.append(Mention(ent.start, ent.end, "ner", label=ent.label_))
    return found + _parenthetical_mentions(doc, taken + found)


def _is_noise(ent: Span) -> bool:
    """Religious formulae, descriptor-only words ("Chechen Jihadi"), lower-case fragments."""
    words = [fold(token.text) for token in ent if token.is_alpha]
    if (
        any(char.isdigit() for char in ent.text)
        or not words
        or not any(token.text[:1].isupper() for token in ent if token.is_alpha)
    ):
        return True
    if any(word in SACRED_WORDS or word in WEB_WORDS for word in words):
        return True
    if len(words) == 1 and words[0] in GOVERNMENT_NOUNS | DESCRIPTOR_WORDS:
        return True
    root = ent.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and fold(root.head.text) not in ROLE_WORDS:
        return True
    return all(word in DESCRIPTOR_WORDS or _is_adjectival(word) for word in words)


def _is_adjectival(word: str) -> bool:
    return token_key(word) != word and word.endswith(("an", "en", "i", "ish", "ese"))


def _is_place_name(text: str, place_names: frozenset[Key]) -> bool:
    key = name_tokens(text)
    return key in place_names or (text.endswith("s") and name_tokens(text[:-1]) in place_names)


def _looks_like_place(ent: Span, place_like: set[int]) -> bool:
    """'at Jarrah', 'from Al Maskaneh, Al-Sukkar and Al Abkar', 'the Jarrah airfield'."""
    root = ent.root
    if root.dep_ == "conj" and root.head.i in place_like:
        return True
    if fold(root.head.text) in PLACE_HEADS and root.dep_ in {"compound", "nmod"}:
        return True
    article_name = len(ent) <= 3 and ent[0].lower_ in {"al", "el"} and fold(ent.text).count(" ") == 1
    single_word = len([token for token in ent if token.is_alpha]) == 1
    after_locative = root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS
    inside = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS
    organisation = bool({fold(t.text) for t in ent} & (GROUP_WORDS | MEDIA_WORDS | INSTITUTION_WORDS))
    return article_name or (single_word and after_locative and ent.label_ == "PERSON") or (inside and not organisation)


def _parenthetical_mentions(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """'Islamic State of Iraq and Levant (ISIL)', 'Jabhat al-Nusra (The Victory Front)'."""
    by_end = {mention.end: mention for mention in taken}
    covered = _covered(taken)
    found: list[Mention] = []
    for token in doc:
        if token.text != "(" or token.i not in by_end:
            continue
        close = next((t.i for t in doc[token.i + 1 : token.i + 10] if t.text == ")"), None)
        if close is None or close == token.i + 1 or any(i in covered for i in range(token.i + 1, close)):
            continue
        inner = doc[token.i + 1 : close]
        if inner[0].text[:1].isupper() and all(t.is_alpha or t.text in {"-", "'", "."} for t in inner):
            owner = by_end[token.i]
            found.append(Mention(inner.start, inner.end, "paren", owner.entry, label=str(owner.start)))
    return found


# ---------------------------------------------------------------------------- clustering
def _cluster(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    """Registry mentions by entry, descriptors by adjective, the rest by name identity."""
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    ordered = sorted(mentions, key=lambda mention: (mention.source == "paren", mention.start))
    for mention in ordered:
        key = _cluster_key(doc, mention, by_key)
        cluster = by_key.get(key)
        if cluster is None:
            cluster = Cluster(mentions=[], entry=mention.entry)
            by_key[key] = cluster
            clusters.append(cluster)
        cluster.mentions.append(mention)
    _merge_descriptor_entries(clusters)
    _join_short_forms(doc, clusters)
    _join_appositions(doc, clusters)
    return sorted((cluster for cluster in clusters if cluster.mentions), key=lambda cluster: cluster.first)


def _cluster_key(doc: Doc, mention: Mention, by_key: dict[str, Cluster]) -> str:
    if mention.source == "descriptor":
        return "descriptor:" + mention.descriptor
    if mention.entry is not None:
        return "id:" + mention.entry.id
    if mention.source == "paren":
        owner = next((k for k, c in by_key.items() if any(m.start == int(mention.label) for m in c.mentions)), None)
        if owner is not None:
            return owner
    text = doc[mention.start : mention.end].text
    key = " ".join(name_tokens(text))
    for existing, cluster in by_key.items():
        if not existing.startswith("name:") or cluster.entry is not None:
            continue
        if existing == "name:" + key or (mention.label == "PERSON" and _same_cluster_person(doc, text, cluster)):
            return existing
    return "name:" + key


def _same_cluster_person(doc: Doc, text: str, cluster: Cluster) -> bool:
    names = [doc[m.start : m.end].text for m in cluster.mentions]
    return all(same_person(text, name) for name in names) and all(
        not is_short_form(text, name) and not is_short_form(name, text) for name in names
    )


def _merge_descriptor_entries(clusters: list[Cluster]) -> None:
    """A descriptor cluster resolved by one mention ('in Baghdad') takes the resolved actor's cluster."""
    by_entry = {cluster.entry.id: cluster for cluster in clusters if cluster.entry is not None}
    for cluster in clusters:
        resolved = next((m.entry for m in cluster.mentions if m.entry is not None), None)
        if cluster.entry is None and resolved is not None:
            target = by_entry.get(resolved.id)
            if target is None:
                cluster.entry = resolved
                by_entry[resolved.id] = cluster
            elif target is not cluster:
                target.mentions.extend(cluster.mentions)
                cluster.mentions = []


def _join_short_forms(doc: Doc, clusters: list[Cluster]) -> None:
    """'Abu Khalid' or 'Lavrov' joins the one person cluster whose fuller name it shortens."""
    persons = [c for c in clusters if c.mentions and _is_person_cluster(c)]
    for cluster in persons:
        if not cluster.mentions:
            continue
        texts = [doc[m.start : m.end].text for m in cluster.mentions]
        targets = [
            other
            for other in persons
            if other is not cluster
            and other.mentions
            and all(any(is_short_form(text, doc[m.start : m.end].text) for m in other.mentions) for text in texts)
        ]
        if len(targets) == 1 and cluster.entry is None:
            targets[0].mentions.extend(cluster.mentions)
            cluster.mentions = []


def _join_appositions(doc: Doc, clusters: list[Cluster]) -> None:
    """'Muhammad the Messenger of Allah': an unregistered name joins the registered one it is glossed by."""
    starts = {m.start: c for c in clusters for m in c.mentions if c.entry is not None}
    for cluster in clusters:
        if cluster.entry is not None or not cluster.mentions:
            continue
        for mention in list(cluster.mentions):
            following = mention.end + (1 if mention.end < len(doc) and doc[mention.end].text in {",", "the"} else 0)
            target = starts.get(following)
            if target is not None and target.entry is not None and target.entry.kind in {"person", "religious"}:
                target.mentions.extend(cluster.mentions)
                cluster.mentions = []
                break


def _is_person_cluster(cluster: Cluster) -> bool:
    if cluster.entry is not None:
        return cluster.entry.kind == "person"
    return any(mention.label == "PERSON" for mention in cluster.mentions)


def _describe(doc: Doc, cluster: Cluster, clusters: list[Cluster]) -> None:
    """Roles and affiliations of a cluster from the registry and the text around its mentions."""
    entry = cluster.entry
    by_token = {index: other for other in clusters for m in other.mentions for index in range(m.start, m.end)}
    if entry is not None:
        cluster.affiliations.extend(entry.affiliations)
    if not _is_person_cluster(cluster):
        return
    for mention in cluster.mentions:
        span = doc[mention.start : mention.end]
        for role in _roles_in_context(span):
            _add(cluster.roles, role)
        for other in _affiliations_in_context(span, by_token):
            if other is not cluster and other.entry is not None:
                _add(cluster.affiliations, other.entry.id)
            elif other is not cluster:
                _add(cluster.affiliations, "@" + str(id(other)))
    if entry is not None:
        for role in entry.roles:
            _add(cluster.roles, role)


def _add(items: list[str], value: str) -> None:
    if value and value not in items:
        items.append(value)


def _roles_in_context(span: Span) -> list[str]:
    """Titles before the name, role nouns it stands in apposition to, signing and implementing."""
    doc, roles = span.doc, []
    before = [fold(token.text) for token in doc[max(0, span.start - 3) : span.start]]
    roles.extend(_role_words(before, from_end=True))
    root = span.root
    for relative in (root.head, *root.children):
        if (relative.dep_ == "appos" or root.dep_ == "appos") and relative.i not in range(span.start, span.end):
            words = [fold(t.text) for t in relative.subtree if t.i < relative.i + 1][-3:]
            roles.extend(_role_words(words, from_end=True))
    after = [fold(token.text) for token in doc[span.end : span.end + 4]]
    if after[:1] == ["being"] or after[:1] == ["the"]:
        after = after[1:]
    roles.extend(_role_words(after[:3], from_end=False))
    sentence = span.sent.text.lower()
    if (root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_ == "sign") or (
        root.dep_ == "conj" and any(t.lemma_ == "sign" for t in span.sent) and "behalf of" in sentence
    ):
        roles.append("signatory")
    if any(cue in sentence for cue in IMPLEMENTATION_CUES):
        roles.append("implementer")
    return roles


def _role_words(words: Sequence[str], from_end: bool) -> list[str]:
    """The role named by the words next to a name: 'foreign minister', 'leader', ..."""
    for size in (3, 2):
        window = tuple(words[-size:]) if from_end else tuple(words[:size])
        if window in MULTIWORD_ROLES:
            return [MULTIWORD_ROLES[window]]
    word = (words[-1] if from_end else words[0]) if words else ""
    return [ROLE_WORDS[word]] if word in ROLE_WORDS else []


def _affiliations_in_context(span: Span, by_token: dict[int, Cluster]) -> list[Cluster]:
    """'ISIL's X', 'X on behalf of Y', 'X, (the) representative of Y', 'the ringleader of Y, ... X'."""
    doc, found = span.doc, []
    if span.start >= 2 and doc[span.start - 1].text in {"'s", "\u2019s"} and span.start - 2 in by_token:
        found.append(by_token[span.start - 2])
    window = doc[span.end : min(len(doc), span.end + 8)]
    for token in window:
        if token.text in {".", ";", ":"} or token.lower_ in {"and", "promises", "said", "says"}:
            break
        if token.lower_ == "of" and token.i + 1 < len(doc):
            target = _cluster_after(doc, token.i + 1, by_token)
            if target is not None:
                found.append(target)
                break
    root = span.root
    if root.dep_ == "appos":
        found.extend(_of_targets(root.head, by_token))
    if span.start >= 2 and doc[span.start - 1].lower_ in {"is", "was"}:
        previous = _cluster_before(doc, span.start - 1, by_token, stop_word="from")
        if previous is not None:
            found.append(previous)
    return found


def _cluster_after(doc: Doc, index: int, by_token: dict[int, Cluster]) -> Cluster | None:
    for token in doc[index : index + 4]:
        if token.i in by_token:
            return by_token[token.i]
    return None


def _cluster_before(doc: Doc, index: int, by_token: dict[int, Cluster], stop_word: str) -> Cluster | None:
    """The actor named right after 'from' in the few tokens before ``index``."""
    for position in range(index - 1, max(-1, index - 7), -1):
        if doc[position].lower_ == stop_word:
            return _cluster_after(doc, position + 1, by_token)
    return None


def _of_targets(noun: Token, by_token: dict[int, Cluster]) -> list[Cluster]:
    for preposition in noun.children:
        if preposition.lower_ == "of":
            for token in preposition.subtree:
                if token.i in by_token:
                    return [by_token[token.i]]
    return []


# ---------------------------------------------------------------------------- records
def _records(doc: Doc, clusters: list[Cluster], registry: Registry) -> list[Actor]:
    ids = {id(cluster): f"a{number}" for number, cluster in enumerate(clusters, start=1)}
    by_entry = {cluster.entry.id: ids[id(cluster)] for cluster in clusters if cluster.entry is not None}
    actors = []
    for cluster in clusters:
        mentions = sorted((_text_span(doc, m) for m in cluster.mentions), key=lambda span: span.start)
        entry = cluster.entry
        name = entry.name if entry is not None else _unregistered_name(mentions)
        actors.append(
            Actor(
                id=ids[id(cluster)],
                name=name,
                kind=entry.kind if entry is not None else _guess_kind(cluster, name),
                mentions=_unique_spans(mentions),
                affiliations=_affiliation_refs(cluster, ids, by_entry, registry),
                roles=cluster.roles,
                registered=entry is not None,
                canonical_id=entry.id if entry is not None else None,
            )
        )
    return actors


def _text_span(doc: Doc, mention: Mention) -> TextSpan:
    span = doc[mention.start : mention.end]
    return TextSpan(text=span.text, start=span.start_char, end=span.end_char)


def _unique_spans(spans: list[TextSpan]) -> list[TextSpan]:
    seen: set[tuple[int, int]] = set()
    kept = []
    for span in spans:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            kept.append(span)
    return kept


def _unregistered_name(mentions: list[TextSpan]) -> str:
    longest = max(mentions, key=lambda span: (len(name_tokens(span.text)), -span.start)).text
    return longest[4:] if longest.lower().startswith("the ") else longest


def _guess_kind(cluster: Cluster, name: str) -> ActorKind:
    words = set(fold(name).split())
    if any(m.source == "descriptor" for m in cluster.mentions):
        return "government"
    if words & MEDIA_WORDS:
        return "media"
    if words & PARTY_WORDS:
        return "political_party"
    if words & INSTITUTION_WORDS:
        return "institution"
    if words & GROUP_WORDS:
        return "armed_group"
    if any(m.label == "PERSON" for m in cluster.mentions):
        return "person"
    return "other"


def _affiliation_refs(cluster: Cluster, ids: dict[int, str], by_entry: dict[str, str], registry: Registry) -> list[str]:
    """Actor ids of this record where the affiliate is in it, else the registry's canonical name."""
    by_object = {"@" + str(key): value for key, value in ids.items()}
    refs: list[str] = []
    for affiliation in cluster.affiliations:
        if affiliation in by_object:
            _add(refs, by_object[affiliation])
        elif affiliation in by_entry:
            _add(refs, by_entry[affiliation])
        else:
            entry = registry.get(affiliation)
            _add(refs, entry.name if entry is not None else affiliation)
    own = ids.get(id(cluster))
    return [ref for ref in refs if ref != own]
