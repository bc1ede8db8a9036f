"""Material for reviewing a knowledge base's actor identities by hand (the identity issue's FA-KES review).

    .venv/bin/python bench/identity_review.py KB.sqlite [--pairs 100] [--seed 14]

Prints, for a SQLite knowledge base (of any schema revision since 0002):

1. for each of the most frequent FA-KES actors, every identity whose name or merged names match a pattern
   for that actor, with its document count: the reviewer counts by hand which of them denote the actor;
2. identities in classes that are not actors (a number or quantifier with a noun, page furniture, a bare
   direction, a name of one of the knowledge base's places);
3. a seeded random sample of merged pairs (an alias and the identity it was merged into) to judge by hand.

Counting is by representative: an identity merged into another counts with it.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
from collections import defaultdict

ACTOR_PATTERNS = {
    "Syrian Observatory for Human Rights": r"observatory|\bsohr\b",
    "Islamic State": r"islamic state|\bisis\b|\bisil\b|daesh",
    "Government of Syria": r"government of syria|syrian government|syrian regime|\bregime\b|assads? government",
    "Syrian Arab Army": r"syrian (arab )?army|syrian (government |regime )?(forces|troops)",
    "Bashar al-Assad": r"\bassads?\b|\basad\b",
    "Agence France-Presse": r"\bafp\b|agence france",
    "United Nations": r"^(the )?(united nations|un|u\.n\.)$",
    "Syria": r"^syria$",
    "rebels (generic)": r"^(the )?(syrian )?rebels?$|rebel fighters",
    "Syrian Arab News Agency": r"\bsana\b|syrian arab news",
    "Jabhat al-Nusra": r"nusrah?",
    "al-Qaeda": r"qaeda|qaida",
    "Russia": r"^russia$",
    "Armed forces of Russia": r"armed forces of russia|russian (forces|troops|military|army|air ?force)",
    "Rami Abdulrahman": r"\brami\b|abd[eu]l? ?rahman|abdurrahman",
    "militants (generic)": r"^(the )?militants?$",
    "Reuters": r"reuters",
    "US-led coalition": r"inherent resolve|us-led coalition|^(the )?coalition$",
    "United States": r"^(the )?(united states|us|u\.s\.|usa|america)$",
    "Syrian Democratic Forces": r"syrian democratic forces|\bsdf\b",
}
NON_ACTOR_CLASSES = {
    "a number or quantifier with a noun": r"^(\d|at least|estimated|confirmed|some |dozens|hundreds|several|many )",
    "page furniture (Tags, UPDATED, Latest News)": r"\b(tags|updated|latest news|read more)\b",
    "a bare direction": r"^(eastern|western|northern|southern|east|west|north|south)$",
}
STATES = {"syria", "russia", "turkey", "iran", "iraq", "israel", "united states", "lebanon", "jordan", "saudi arabia"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kb")
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=14)
    arguments = parser.parse_args()
    connection = sqlite3.connect(arguments.kb)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(actor_identities)")}
    merged = "merged_into" in columns
    representative = "coalesce(i.merged_into, i.id)" if merged else "i.id"
    documents = dict(
        connection.execute(
            f"SELECT {representative}, count(DISTINCT a.document_id) FROM actors a "
            "JOIN actor_identities i ON i.id = a.identity_id GROUP BY 1"
        )
    )
    names = dict(connection.execute("SELECT id, name FROM actor_identities"))
    members: dict[int, list[int]] = defaultdict(list)
    if merged:
        for identity, into in connection.execute("SELECT id, merged_into FROM actor_identities WHERE merged_into"):
            members[into].append(identity)
    rows = connection.execute("SELECT count(*) FROM actors").fetchone()[0]
    print(f"identities with mentions: {len(documents)}; actor rows: {rows}")
    for label, pattern in ACTOR_PATTERNS.items():
        matcher = re.compile(pattern, re.IGNORECASE)
        hits = sorted(
            (
                (count, names[identity])
                for identity, count in documents.items()
                if any(matcher.search(names[each]) for each in [identity, *members[identity]])
            ),
            reverse=True,
        )
        print(f"\n## {label}: {len(hits)} candidate identities")
        for count, name in hits[:25]:
            print(f"   {count:4d}  {name}")
    print("\n## not actors")
    for label, pattern in NON_ACTOR_CLASSES.items():
        matcher = re.compile(pattern, re.IGNORECASE)
        found = [names[identity] for identity in documents if matcher.search(names[identity])]
        print(f"   {label}: {len(found)} {found[:10]}")
    places = {name.lower() for (name,) in connection.execute("SELECT name FROM place_identities")}
    as_places = [names[i] for i in documents if names[i].lower() in places and names[i].lower() not in STATES]
    print(f"   a name of the knowledge base's places: {len(as_places)} {as_places[:12]}")
    pairs = connection.execute(
        "SELECT al.alias, i.name, coalesce(i.canonical_id, '') FROM actor_aliases al "
        "JOIN actor_identities i ON i.id = al.identity_id WHERE lower(al.alias) <> lower(i.name) ORDER BY al.id"
    ).fetchall()
    random.seed(arguments.seed)
    print(f"\n## {arguments.pairs} of {len(pairs)} merged pairs (alias -> identity)")
    for number, (alias, name, canonical) in enumerate(random.sample(pairs, min(arguments.pairs, len(pairs))), 1):
        print(f"{number:4d}  {alias!r} -> {name} [{canonical}]")


if __name__ == "__main__":
    main()
