"""Scorers for public evaluation corpora, one module per corpus format.

``geo`` (LGL, GeoVirus toponyms), ``events`` (PLOVER GSR and PETRARCH-2 sentences), ``ptc``
(SemEval-2020 Task 11 propaganda spans). The gold scorer of ../shared/gold/FORMAT.md is the
parent package.
"""
