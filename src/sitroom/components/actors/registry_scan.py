"""Registry mentions: one left-to-right scan for the longest registry name at each token."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from sitroom.components.actors.actor_use import is_actor_use, is_plural_actor
from sitroom.components.actors.mentions import Key, Mention, token_parts
from sitroom.components.actors.vocabulary import COMMON_WORDS, GROUP_HEADS, STATE_KINDS
from sitroom.knowledge.registry import ActorEntry, Registry
from sitroom.names import ARABIC_ARTICLES, fold, name_tokens


class RegistryScanner:
    """Finds registry names, metonyms and plural demonyms; ``skip`` marks states used as places."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.plural_demonyms = _plural_demonyms(registry)
        self.prefixes = _prefixes(
            (*registry.by_name, *registry.by_metonym, *registry.by_demonym, *self.plural_demonyms)
        )

    def mentions(self, doc: Doc, date: str | None) -> list[Mention]:
        """The longest match at each token, scanning on after each match."""
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
        if key in self.plural_demonyms and is_plural_actor(doc[start:end]):
            return Mention(start, end, "demonym", self.registry.entries[self.plural_demonyms[key]])
        return None


def _possessive_parts(text: str) -> Key:
    """Parts of "Assads" read as "Assad's" (FA-KES strips apostrophes)."""
    if len(text) > 3 and text.endswith("s") and text[:1].isupper() and text[-2:-1].isalpha():
        return token_parts(text[:-1])
    return ()


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
