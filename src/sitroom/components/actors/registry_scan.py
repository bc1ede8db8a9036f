"""Registry mentions: one left-to-right scan for the longest registry name at each token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from sitroom.components.actors.actor_use import is_actor_use, is_plural_actor
from sitroom.components.actors.mentions import Key, Mention, token_parts
from sitroom.components.actors.vocabulary import (
    COMMON_WORDS,
    GROUP_HEADS,
    LOWER_CASE_NAMES,
    MILITARY_HEADS,
    ROLE_WORDS,
    STATE_KINDS,
)
from sitroom.knowledge.registry import ActorEntry, Registry
from sitroom.names import ARABIC_ARTICLES, fold, name_tokens

STALE_PERSON_YEARS = 10
STARTS_CACHE = 200_000  # distinct words remembered by the scanner
STATE_BODY_KINDS = frozenset({"government", "institution"})


class RegistryScanner:
    """Finds registry names, metonyms and plural demonyms; ``skip`` marks states used as places."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.plural_demonyms = _plural_demonyms(registry)
        self.prefixes = _prefixes(
            (*registry.by_name, *registry.by_metonym, *registry.by_demonym, *self.plural_demonyms)
        )
        # keys that can make a mention by themselves (a registered name, a metonym, a plural demonym); the
        # other prefixes only lead on to longer names
        self.complete = frozenset((*registry.by_name, *registry.by_metonym, *self.plural_demonyms))
        self._starts: dict[str, bool] = {}  # word -> whether it may begin a name (the words of a corpus)

    def mentions(self, doc: Doc, texts: list[str], date: str | None) -> list[Mention]:
        """The longest match at each token, scanning on after each match (``texts``: those of the tokens)."""
        mentions: list[Mention] = []
        index = 0
        while index < len(texts):
            text = texts[index]
            # a name begins with a capital (or after a title): other words are passed over before their key is read
            may_start = (_starts_name(text) or _after_title(texts, index)) and self._may_start(text)
            found = self._longest_match(doc, texts, index, date) if may_start else None
            if found is None:
                index += 1
                continue
            if mentions and found.start < mentions[-1].end:  # a descriptor reached back into the name before
                found = replace(found, start=mentions[-1].end)
            mentions.append(found)
            index = found.end
        return mentions

    def _longest_match(self, doc: Doc, texts: list[str], start: int, date: str | None) -> Mention | None:
        """The longest mention from ``start`` (``texts``: the texts of the document's tokens)."""
        titled = _after_title(texts, start)
        if not (_starts_name(texts[start]) or titled):
            return None
        # Readings of the words so far: as written, and with possessives whose apostrophe was stripped;
        # the flag marks a lower-case word read so, which is as likely a plural ("Islamic groups").
        readings: dict[Key, bool] = {(): False}
        best: Mention | None = None
        for position in range(start, min(len(doc), start + 3 * self.registry.max_name_tokens)):
            text = texts[position]
            parts = token_parts(text)
            if not parts:
                if _transparent(doc[position]):
                    continue
                break
            stripped = _possessive_parts(text, inside=position > start)
            lowered = not text[:1].isupper()
            extended = [(key + parts, flag) for key, flag in readings.items()]
            extended += [(key + stripped, flag or lowered) for key, flag in readings.items() if stripped]
            bare_plural = stripped and stripped != parts and not lowered and not _owns_next(doc, position)
            possessives = {key + stripped for key in readings} if bare_plural else set()
            readings = {}
            for key, flag in extended:
                if key in self.prefixes:
                    readings.setdefault(key, flag)
            if not readings:
                break
            best = next(
                (
                    found
                    for key, flag in readings.items()
                    if key in self.complete
                    and (found := self._match(doc, texts, start, position + 1, key, date, titled))
                    and (not flag or _state_body(found) or _owns_force(doc, position))
                    and not (key in possessives and _is_state(found))
                ),
                best,
            )
        return best

    def _may_start(self, text: str) -> bool:
        """A word that begins some registered name, as written or as a possessive without its apostrophe
        (most words do not: they are passed over before anything else is read)."""
        known = self._starts.get(text)
        if known is None:
            parts, stripped = token_parts(text), _possessive_parts(text, inside=False)
            known = bool(parts) and (parts in self.prefixes or (bool(stripped) and stripped in self.prefixes))
            if len(self._starts) < STARTS_CACHE:
                self._starts[text] = known
        return known

    def _match(
        self, doc: Doc, texts: list[str], start: int, end: int, key: Key, date: str | None, titled: bool
    ) -> Mention | None:
        """The mention ``doc[start:end]`` makes when read as ``key``, if any."""
        if titled and not texts[start][:1].isupper():
            return self._titled_person(doc, start, end, key, date)
        if _case_agrees(doc, texts[start:end], start, key, self.registry.acronyms):
            return self._classify(doc, start, end, key, date)
        return None

    def _titled_person(self, doc: Doc, start: int, end: int, key: Key, date: str | None) -> Mention | None:
        """'President obama' (lower-cased text): a registered person right after a capitalised title."""
        entries = self.registry.lookup_key(key, date)
        if entries and entries[0].kind == "person":
            return Mention(start, end, "registry", entries[0])
        return None

    def _classify(self, doc: Doc, start: int, end: int, key: Key, date: str | None) -> Mention | None:
        if key in self.registry.article_keys and not _after_article(doc, start):
            return None
        start = _extend_article(doc, start, key in self.registry.article_keys)
        entries = self.registry.lookup_key(key, date)
        if entries and not self._plausible(doc[start:end], key, entries[0], date):
            return None
        if entries:
            entry = entries[0]
            if entry.kind in STATE_KINDS:
                source = "state" if is_actor_use(doc[start:end]) else "skip"
                return Mention(_extend_the(doc, start, end), end, source, entry)
            return Mention(_extend_descriptor(doc, start, entry), end, "registry", entry)
        if key in self.registry.by_metonym:
            entry = self.registry.entries[self.registry.by_metonym[key][0]]
            return Mention(start, end, "state" if is_actor_use(doc[start:end]) else "skip", entry, metonym=True)
        if key in self.plural_demonyms and is_plural_actor(doc[start:end]):
            return Mention(start, end, "demonym", self.registry.entries[self.plural_demonyms[key]])
        return None

    def _plausible(self, span: Span, key: Key, entry: ActorEntry, date: str | None) -> bool:
        """Reject look-alikes: 'Golan' for Gulen, 'Douma' for the Duma, 'Nawaf Khalil' for another Khalil,
        'Kennedy' in 2016, "Rwanda's Senate" for the US Congress."""
        if entry.kind in STATE_KINDS:
            return True
        if self._foreign_owner(span, entry):
            return False
        if len(key) != 1 or key in self.registry.acronyms:
            return True
        written = fold(span[-1].text)
        spellings = [fold(name).split()[-1] for name in entry.names if name_tokens(name) == key]
        spelled_alike = any(Levenshtein.distance(written, spelling) <= 1 for spelling in spellings)
        if entry.kind != "person":
            return (spelled_alike or key not in self.registry.town_keys) and not (
                entry.kind != "media" and _within_person_name(span)
            )
        previous = span.doc[span.start - 1] if span.start > 0 else None
        other_given_name = (
            previous is not None
            and previous.pos_ == "PROPN"
            and previous.text[:1].isupper()
            and fold(previous.text) not in ROLE_WORDS
        )
        return (
            spelled_alike
            and not other_given_name
            and not self._other_family_name(span)
            and not _long_gone(entry, date)
            and not _within_person_name(span)
        )

    def _other_family_name(self, span: Span) -> bool:
        """'Salah Hamdi' is not Saleh: a one-word person's name followed by another proper name, that is no
        date, role or beginning of a registered name ("Lavrov Monday", "Erdogan Putin talks"), is the given
        name of someone else."""
        doc = span.doc
        following = doc[span.end] if span.end < len(doc) else None
        return (
            following is not None
            and following.pos_ == "PROPN"
            and following.text[:1].isupper()
            and following.ent_type_ not in {"DATE", "TIME", "GPE", "NORP"}
            and fold(following.text) not in ROLE_WORDS
            and not self._may_start(following.text)
        )

    def _foreign_owner(self, span: Span, entry: ActorEntry) -> bool:
        """'Rwanda's Senate', 'Rwandan Senate': a national body named after another state than the entry's."""
        doc, index = span.doc, span.start - 1
        if index >= 1 and doc[index].text in {"'s", "\u2019s"}:
            index -= 1
        if entry.country is None or index < 0 or entry.kind in {"person", "media"}:
            return False
        parts = token_parts(doc[index].text)
        ids = self.registry.by_name.get(parts, ()) + self.registry.by_demonym.get(parts, ())
        states = [self.registry.entries[i] for i in ids if self.registry.entries[i].kind in STATE_KINDS]
        return bool(states) and all(state.country != entry.country for state in states)


def _is_state(mention: Mention) -> bool:
    return mention.entry is not None and mention.entry.kind in STATE_KINDS


def _state_body(mention: Mention) -> bool:
    """A state's government or institution: 'the Syrian governments control' reads as a possessive, while
    a group's or an organisation's name with a lower-case plural ('Islamic groups', 'Aid groups') does not."""
    return mention.entry is not None and mention.entry.kind in STATE_BODY_KINDS


def _within_person_name(span: Span) -> bool:
    """'Hamza Khatib', 'Abu Hamza al-Shami', 'Christopher Wilson': a one-word name that a person's name, as
    the model reads it, runs on past (not through a title: 'Hezbollah Secretary-General Hassan Nasrallah')."""
    doc, tokens = span.doc, list(span)
    if any(token.ent_type_ != "PERSON" for token in tokens) or any(token.ent_iob_ != "I" for token in tokens[1:]):
        return False  # not inside one person entity
    neighbours = [doc[span.start - 1]] if tokens[0].ent_iob_ == "I" else []
    if span.end < len(doc) and doc[span.end].ent_iob_ == "I":
        neighbours.append(doc[span.end])
    return bool(neighbours) and not any(fold(token.text) in ROLE_WORDS for token in neighbours)


def _long_gone(entry: ActorEntry, date: str | None) -> bool:
    """A person whose registered dates ended long before the text: 'Kennedy' in 2016 is someone else."""
    if not date or not entry.valid_until:
        return False
    return int(date[:4]) - int(entry.valid_until[:4]) > STALE_PERSON_YEARS


def _after_article(doc: Doc, start: int) -> bool:
    """'al-Monitor', 'Al Badr': the token before (or before a hyphen) is an Arabic article."""
    before = doc[start - 1] if start >= 1 else None
    if before is not None and before.text in {"-", "\u2013"} and start >= 2:
        before = doc[start - 2]
    return before is not None and before.lower_ in ARABIC_ARTICLES


def _after_title(texts: list[str], start: int) -> bool:
    """The token before is a capitalised title word ('President', 'Minister')."""
    return start >= 1 and texts[start - 1][:1].isupper() and fold(texts[start - 1]) in ROLE_WORDS


def _possessive_parts(text: str, *, inside: bool) -> Key:
    """Parts of "Assads" read as "Assad's" (FA-KES strips apostrophes); inside a name also a lower-case word
    ("the Syrian governments control")."""
    if len(text) > 3 and text.endswith("s") and (inside or text[:1].isupper()) and text[-2:-1].isalpha():
        return token_parts(text[:-1])
    return ()


def _owns_next(doc: Doc, position: int) -> bool:
    """A capitalised possessive read without its apostrophe owns what follows ("Syrias army"); a people
    named like its state does not ("villages held by Turkmens in Latakia", "Kurds and Turkmens fought")."""
    following = doc[position + 1] if position + 1 < len(doc) else None
    return following is not None and (following.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} or following.tag_ == "VBZ")


def _owns_force(doc: Doc, position: int) -> bool:
    """A lower-case possessive without its apostrophe before the forces or aircraft it owns ("the coalitions
    fighter jets", "the coalitions warplanes"): the name is the owner, not a plural."""
    following = doc[position + 1] if position + 1 < len(doc) else None
    if following is None:
        return False
    head = following.head if following.dep_ in {"compound", "amod"} and following.head.i > following.i else following
    return head.lower_ in MILITARY_HEADS and head.pos_ == "NOUN"


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


def _starts_name(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text.lower() in LOWER_CASE_NAMES


def _transparent(token: Token) -> bool:
    """Tokens a name may contain without a key: hyphens, "the", Arabic articles before a hyphen."""
    lower = token.lower_
    if token.text in {"-", "\u2013"} or lower == "the" or lower in {"al", "el"}:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return lower in ARABIC_ARTICLES and following is not None and following.text == "-"


def _case_agrees(doc: Doc, texts: list[str], start: int, key: Key, acronyms: frozenset[Key]) -> bool:
    """Content words capitalised (or common words, also with a possessive "s" whose apostrophe was
    stripped); acronyms upper-case and never a single letter (``texts``: those of the tokens from ``start``)."""
    words = [(start + offset, text) for offset, text in enumerate(texts) if any(char.isalpha() for char in text)]
    letters = "".join(char for _, text in words for char in text if char.isalpha())
    if len(letters) < 2:
        return False
    if len(words) == 1 and words[0][1].lower() in LOWER_CASE_NAMES:
        return True
    if key in acronyms or (len(words) == 1 and letters.isupper()):
        return letters.isupper()
    if len(words) == 1 and doc[words[0][0]].pos_ in {"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "CCONJ", "SCONJ"}:
        return False
    return all(text[:1].isupper() or text.lower().removesuffix("s") in COMMON_WORDS for _, text in words)


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


def _extend_article(doc: Doc, start: int, written_with_article: bool) -> int:
    """Include an attached leading article: "Al-Ikhwah", "Al Jazeera", and "al-Monitor" for a name only
    ever written with its article (``written_with_article``)."""
    attached = start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ARABIC_ARTICLES
    if attached and (written_with_article or doc[start - 2].text[:1].isupper()):
        return start - 2
    if start >= 1 and doc[start - 1].text in {"Al", "El"}:
        return start - 1
    return start
