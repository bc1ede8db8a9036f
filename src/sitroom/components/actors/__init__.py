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
A registered person, or a capital read as its state, outside the countries the document names needs
evidence in the text (its country, role or affiliation: ``evidence.py``), as a far namesake town does in the
places layer. Short forms join their full form (Lavrov -> Sergey Lavrov, Umar al-Chechen -> Abu Umar
al-Chechen) only when exactly one person in the document fits; acronyms and glosses given in
parentheses join the actor they follow. Roles and affiliations come from the registry and from
descriptors in the text ("the representative of ISIL", "ISIL's Abu Umar", "on behalf of").
"""

from sitroom.components.actors.component import ActorsComponent, actor_mention_index, make_actors_component

__all__ = ["ActorsComponent", "actor_mention_index", "make_actors_component"]
