"""Small dependency-tree questions the agreements layer asks about a token."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "xcomp", "ccomp", "conj", "pcomp"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "us", "our", "he", "she", "his", "her", "this"})
# Possessive pronouns of a known number ("their": plural), whose antecedent must agree with it.
PLURAL_POSSESSIVES = {"their": True, "its": False}
MAX_CLIMB = 8
FOLLOWING_REACH = 3
DATE_ENTITIES = frozenset({"DATE", "TIME"})


def is_pronoun(token: Token) -> bool:
    """A personal or possessive pronoun ("it", "their"); "US" written in capitals is a name."""
    return token.pos_ == "PRON" or (token.lower_ in PRONOUNS and not token.text.isupper())


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("Russia, Iran and Turkey"), in text order."""
    found = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child not in found:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda item: item.i)


def is_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"}


def prep_objects(head: Token, words: frozenset[str]) -> Iterator[tuple[Token, Token]]:
    """(preposition, object) pairs of ``head``'s prepositional children among ``words``."""
    for prep in head.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in words:
            for child in prep.children:
                if child.dep_ in {"pobj", "pcomp"}:
                    yield prep, child


def subjects(verb: Token, deps: frozenset[str] = SUBJECT_DEPS) -> list[Token]:
    """The subjects of ``verb`` (of the dependency labels ``deps``) with those coordinated with them: its own,
    else those of the verb it is coordinated with or controlled by."""
    current: Token | None = verb
    for _ in range(MAX_CLIMB):
        if current is None:
            break
        own = [child for child in current.children if child.dep_ in deps]
        if own:
            return [item for subject in own for item in conjuncts(subject)]
        current = current.head if current.dep_ in {"conj", "xcomp"} and current.head != current else None
    return []


def agents(verb: Token) -> list[Token]:
    """The objects of ``verb``'s "by" agent ("brokered by Moscow and Washington")."""
    return [item for _prep, obj in prep_objects(verb, frozenset({"by"})) for item in conjuncts(obj)]


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"}
    )


def is_reduced_relative(verb: Token) -> bool:
    """A participle with a "by" agent and no auxiliary that the parser made its noun's main verb ("the truce
    agreed by A and B collapsed", "agreed" read as the verb of "truce"): a clause on the noun."""
    children = list(verb.children)
    return (
        verb.tag_ in {"VBN", "VBD"}  # the tagger may read the participle as a past tense
        and any(child.dep_ == "agent" for child in children)
        and not any(child.dep_ in {"aux", "auxpass"} for child in children)
        and any(child.dep_ == "nsubj" and child.i < verb.i for child in children)
    )


def demoted_predicate(verb: Token) -> Token | None:
    """The verb the parser hung as a complement of a reduced relative (``is_reduced_relative``), which is the
    noun's own predicate: "collapsed" in "the truce agreed by A and B collapsed last week"."""
    if not is_reduced_relative(verb):
        return None
    following = [child for child in verb.children if child.dep_ in {"ccomp", "conj"} and child.i > verb.i]
    own = [c for c in following if is_verb(c) and not any(g.dep_ in SUBJECT_DEPS for g in c.children)]
    return own[0] if own else None


def is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def has_future_modal(verb: Token, modals: frozenset[str]) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in modals for child in verb.children)


def is_conditional(verb: Token, marks: frozenset[str]) -> bool:
    """Is ``verb`` (or the clause it heads) inside an "if" or "unless" clause?"""
    current = verb
    for _ in range(MAX_CLIMB):
        if any(child.dep_ == "mark" and child.lower_ in marks for child in current.children):
            return True
        if current.dep_ not in {"xcomp", "conj", "ccomp"} or current.head == current:
            return False
        current = current.head
    return False


def governing_word(token: Token) -> tuple[Token | None, Token | None]:
    """The word that governs ``token`` and the preposition between them, if any.

    "violation of a ceasefire" → (violation, of); "agreed a truce" → (agreed, None)."""
    head = token.head
    if head == token:
        return None, None
    if token.dep_ in {"pobj", "pcomp"} and head.dep_ in {"prep", "agent"}:
        return (head.head if head.head != head else None), head
    return head, None


def antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for ("the groups that agreed" → groups)."""
    clause = pronoun.head
    if clause.dep_ == "relcl" and clause.head != clause:
        return clause.head
    return None


def _is_plural(noun: Token) -> bool:
    return noun.tag_ in {"NNS", "NNPS"} or any(child.dep_ == "conj" for child in noun.children)


def possessor(noun: Token) -> Token | None:
    """The possessive modifier of ``noun`` ("Russia's moratorium", "its ceasefire")."""
    return next((child for child in noun.children if child.dep_ == "poss"), None)


def clause_subject_actor_token(token: Token) -> Token | None:
    """For the noun a possessive pronoun modifies: the subject of the nearest clause above it ("the army
    declared an end to its ceasefire" → army) that does not hold the noun itself ("Moscow and Damascus say
    their pause will end" → Moscow and Damascus) and agrees with the pronoun's number ("their": two
    conjuncts or a plural noun; "its": neither)."""
    current = token.head
    owner = possessor(token)
    plural = PLURAL_POSSESSIVES.get(owner.lower_) if owner is not None else None
    for _ in range(MAX_CLIMB):
        if is_verb(current):
            found = [child for child in current.children if child.dep_ in SUBJECT_DEPS]
            holds = found and found[0].left_edge.i <= token.i <= found[0].right_edge.i
            agrees = found and (plural is None or _is_plural(found[0]) == plural)
            if found and agrees and not holds and not is_pronoun(found[0]):
                return found[0]
        if current.head == current:
            return None
        current = current.head
    return None


def attached_clauses(head: Token, verbs: frozenset[str]) -> list[Token]:
    """Participle and relative clauses with one of ``verbs`` on ``head``, on a noun of "of" phrases that stand
    for it ("a network of zones endorsed by"), or on the objects of its prepositions, where the parser
    misattaches them ("a ceasefire between government forces and rebels brokered by Moscow")."""
    hosts = [head]
    current = head
    for _ in range(2):
        if current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.pos_ == "NOUN":
            current = current.head.head
            hosts.append(current)
    for prep in head.children:
        if prep.dep_ == "prep":
            hosts += [item for obj in prep.children if obj.dep_ == "pobj" for item in conjuncts(obj)]
    found = [
        clause
        for host in hosts
        for clause in host.children
        if clause.dep_ in {"acl", "relcl"} and is_verb(clause) and (host == head or lemma(clause) in verbs)
    ]
    found += [
        clause
        for own in found
        for clause in own.children
        if clause.dep_ == "conj" and is_verb(clause) and clause.tag_ == own.tag_ and lemma(clause) in verbs
    ]  # "a truce brokered by X and backed by Y"
    found += [clause for own in found if own.head == head for clause in _relative_on_a_date(own)]
    following = _following_participle(head, verbs)
    return found + ([following] if following is not None and following not in found else [])


def _relative_on_a_date(clause: Token) -> list[Token]:
    """Relative clauses the parser hangs on a date inside ``clause`` ("a pause declared by Russia on 18
    October which the army also observed"): a date is not what is observed or backed, the noun is; they are
    the noun's own clauses."""
    return [
        relative
        for token in clause.subtree
        if token.ent_type_ in DATE_ENTITIES
        for relative in token.children
        if relative.dep_ == "relcl" and is_verb(relative)
    ]


def _following_participle(head: Token, verbs: frozenset[str]) -> Token | None:
    """A participle with a "by" agent right after the phrase, however parsed ("zones - endorsed by X")."""
    doc = head.doc
    position = head.right_edge.i + 1
    for _ in range(FOLLOWING_REACH):
        if position >= len(doc) or not (doc[position].is_punct or doc[position].tag_ == "VBN"):
            return None
        token = doc[position]
        if token.tag_ == "VBN" and lemma(token) in verbs and any(c.dep_ == "agent" for c in token.children):
            return token
        position += 1
    return None
