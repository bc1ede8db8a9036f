"""Roles and affiliations of an actor, from the registry and the text around its mentions."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from sitroom.components.actors.clustering import Cluster, is_person_cluster
from sitroom.components.actors.vocabulary import IMPLEMENTATION_CUES, MULTIWORD_ROLES, ROLE_WORDS
from sitroom.layers import span_text
from sitroom.names import fold


def token_owners(clusters: list[Cluster]) -> dict[int, Cluster]:
    """Token index → the cluster whose mention holds it (built once per document)."""
    return {index: cluster for cluster in clusters for m in cluster.mentions for index in range(m.start, m.end)}


def describe(doc: Doc, cluster: Cluster, by_token: dict[int, Cluster]) -> None:
    """Roles and affiliations of a cluster from the registry and the text around its mentions
    (``by_token``: :func:`token_owners` of the document's clusters)."""
    entry = cluster.entry
    if entry is not None:
        cluster.affiliations.extend(entry.affiliations)
    for mention in cluster.mentions:
        add_unique(cluster.affiliations, mention.affiliation)
    if not is_person_cluster(cluster):
        return
    for mention in cluster.mentions:
        span = doc[mention.start : mention.end]
        for role in _roles_in_context(span):
            add_unique(cluster.roles, role)
        for other in _affiliations_in_context(span, by_token):
            if other is not cluster and other.entry is not None:
                add_unique(cluster.affiliations, other.entry.id)
            elif other is not cluster:
                add_unique(cluster.affiliations, "@" + str(id(other)))
    if entry is not None:
        for role in entry.roles:
            add_unique(cluster.roles, role)


def add_unique(items: list[str], value: str) -> None:
    """Append a non-empty value not yet in the list."""
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
    sent = span.sent
    sentence = span_text(sent).lower()
    if (root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_ == "sign") or (
        root.dep_ == "conj" and any(t.lemma_ == "sign" for t in sent) and "behalf of" in sentence
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
