"""Clusters of mentions, one per actor: by registry entry, descriptor or name, then joined."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from sitroom.components.actors.mentions import Mention
from sitroom.knowledge.registry import ActorEntry
from sitroom.layers import tokens_text
from sitroom.names import blocking_skeleton, fold, is_filler, is_short_form, name_tokens, same_person


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


def cluster_mentions(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    """Registry mentions by entry, descriptors by adjective, the rest by name identity."""
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    by_word: dict[str, set[str]] = {}  # word skeleton → keys of the name clusters with a mention holding it
    by_start: dict[int, str] = {}  # mention start → key of its cluster
    ordered = sorted(mentions, key=lambda mention: (mention.source == "paren", mention.start))
    for mention in ordered:
        key = _cluster_key(doc, mention, by_key, by_word, by_start)
        cluster = by_key.get(key)
        if cluster is None:
            cluster = Cluster(mentions=[], entry=mention.entry)
            by_key[key] = cluster
            clusters.append(cluster)
        cluster.mentions.append(mention)
        by_start[mention.start] = key
        if key.startswith("name:"):
            for word in _word_skeletons(tokens_text(doc, mention.start, mention.end)):
                by_word.setdefault(word, set()).add(key)
    _merge_descriptor_entries(clusters)
    _join_short_forms(doc, clusters)
    _join_appositions(doc, clusters)
    return sorted((cluster for cluster in clusters if cluster.mentions), key=lambda cluster: cluster.first)


def _word_skeletons(text: str) -> set[str]:
    """The consonant skeletons of a name's words: names that can denote one person share one."""
    return {blocking_skeleton(word) for word in fold(text).split() if not is_filler(word)}


def _cluster_key(
    doc: Doc, mention: Mention, by_key: dict[str, Cluster], by_word: dict[str, set[str]], by_start: dict[int, str]
) -> str:
    if mention.source == "descriptor":
        return "descriptor:" + mention.descriptor
    if mention.entry is not None:
        return "id:" + mention.entry.id
    if mention.source == "paren" and int(mention.label) in by_start:
        return by_start[int(mention.label)]
    text = tokens_text(doc, mention.start, mention.end)
    key = "name:" + " ".join(name_tokens(text))
    if key in by_key and by_key[key].entry is None:
        return key
    if mention.label != "PERSON":
        return key
    candidates = sorted({found for word in _word_skeletons(text) for found in by_word.get(word, ())})
    for existing in candidates:  # in the order they were first named, as a scan of every cluster would find
        cluster = by_key[existing]
        if cluster.entry is None and _same_cluster_person(doc, text, cluster):
            return existing
    return key


def _same_cluster_person(doc: Doc, text: str, cluster: Cluster) -> bool:
    names = [tokens_text(doc, m.start, m.end) for m in cluster.mentions]
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
    """'Abu Khalid' or 'Lavrov' joins the one person cluster whose fuller name it shortens, also when the
    registry linked the short name by itself to a namesake ("Khalil" after "Ahmed Khalil" is not the
    registered Mustafa Khalil): the document's own fuller name is the better evidence."""
    persons = [c for c in clusters if c.mentions and is_person_cluster(c)]
    by_word: dict[str, list[int]] = {}  # word skeleton → indexes of the person clusters naming it
    for index, cluster in enumerate(persons):
        for word in {w for m in cluster.mentions for w in _word_skeletons(tokens_text(doc, m.start, m.end))}:
            by_word.setdefault(word, []).append(index)
    for cluster in persons + [c for c in clusters if _lone_surname(doc, c) and not is_person_cluster(c)]:
        if not cluster.mentions:
            continue
        texts = [tokens_text(doc, m.start, m.end) for m in cluster.mentions]
        shared = set.intersection(*(_word_skeletons(text) for text in texts)) or set()
        near = sorted({index for word in shared for index in by_word.get(word, ())})
        targets = [
            other
            for other in (persons[index] for index in near)
            if other is not cluster
            and other.mentions
            and all(
                any(is_short_form(text, tokens_text(doc, m.start, m.end)) for m in other.mentions) for text in texts
            )
        ]
        if len(targets) == 1 and (cluster.entry is None or _shortened_entry(cluster.entry, texts)):
            targets[0].mentions.extend(cluster.mentions)
            cluster.mentions = []


def _lone_surname(doc: Doc, cluster: Cluster) -> bool:
    """An unregistered cluster named by one capitalised word ("Mistura", "Ayrault"), which the model may have
    tagged as an organisation: it may still be the surname of a person named in full."""
    return (
        cluster.entry is None
        and bool(cluster.mentions)
        and all(
            m.end - m.start == 1 and m.collective is None and doc[m.start].text[:1].isupper() for m in cluster.mentions
        )
    )


def _shortened_entry(entry: ActorEntry, texts: list[str]) -> bool:
    """Every mention of the cluster is a short form of its registered name: the link came from a surname."""
    return all(is_short_form(text, entry.name) for text in texts)


def _join_appositions(doc: Doc, clusters: list[Cluster]) -> None:
    """'Muhammad the Messenger of Allah': an unregistered name joins the registered one it is glossed by."""
    starts = {m.start: c for c in clusters for m in c.mentions if c.entry is not None}
    for cluster in clusters:
        if cluster.entry is not None or not cluster.mentions:
            continue
        for mention in list(cluster.mentions):
            if not _proper_name(doc, mention):
                continue
            following = mention.end + (1 if mention.end < len(doc) and doc[mention.end].text in {",", "the"} else 0)
            target = starts.get(following)
            if target is not None and target.entry is not None and target.entry.kind in {"person", "religious"}:
                target.mentions.extend(cluster.mentions)
                cluster.mentions = []
                break


def _proper_name(doc: Doc, mention: Mention) -> bool:
    """A name that a person's name can gloss: capitalised, not an unnamed group ("our friends Kerry said")."""
    return mention.collective is None and mention.label != "GROUP" and doc[mention.start].text[:1].isupper()


def is_person_cluster(cluster: Cluster) -> bool:
    """A registered person, or an unregistered cluster with a PERSON entity among its mentions."""
    if cluster.entry is not None:
        return cluster.entry.kind == "person"
    return any(mention.label == "PERSON" for mention in cluster.mentions)
