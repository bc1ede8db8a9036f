"""The Monday of a day in SQL, so that the database adds up week bins instead of returning every day."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class week_start(FunctionElement[str]):  # an SQL function, named as one
    """The Monday (``YYYY-MM-DD``) of the ISO week of a full ISO date stored as text."""

    type = String()
    inherit_cache = True
    name = "week_start"


@compiles(week_start, "sqlite")
def _sqlite(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    # the next Sunday (the day itself on a Sunday), six days back
    return f"date({compiler.process(element.clauses, **kw)}, 'weekday 0', '-6 days')"


@compiles(week_start, "postgresql")
def _postgresql(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    day = compiler.process(element.clauses, **kw)
    return f"to_char(date_trunc('week', CAST({day} AS date)), 'YYYY-MM-DD')"
