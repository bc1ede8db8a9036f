"""Structured logging for sitroom's own loggers (``sitroom.*``).

``SITROOM_LOG=json`` writes one JSON object per line (time, level, logger, message and any
``extra=`` fields); anything else writes plain text. ``SITROOM_LOG_FILE`` sends the lines to a file
instead of stderr, and ``SITROOM_LOG_LEVEL`` sets the level (default INFO for JSON, WARNING for text,
so interactive runs stay quiet beside their progress bars).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import UTC, datetime

LOGGER_NAME = "sitroom"
# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is logged as a field.
_STANDARD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: ``ts``, ``level``, ``logger``, ``message`` and the extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        extra = {key: value for key, value in record.__dict__.items() if key not in _STANDARD_ATTRIBUTES}
        entry.update(extra)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _handler(destination: str | None) -> logging.Handler:
    if destination:
        return logging.FileHandler(destination, encoding="utf-8")
    return logging.StreamHandler(sys.stderr)


def configure_logging(
    style: str | None = None, level: str | int | None = None, destination: str | None = None
) -> logging.Logger:
    """Set up the ``sitroom`` logger from the arguments, else from ``SITROOM_LOG*`` (idempotent)."""
    style = (style or os.environ.get("SITROOM_LOG") or "text").lower()
    level = level or os.environ.get("SITROOM_LOG_LEVEL") or ("INFO" if style == "json" else "WARNING")
    handler = _handler(destination or os.environ.get("SITROOM_LOG_FILE"))
    if style == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER_NAME)
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(level.upper() if isinstance(level, str) else level)
    logger.propagate = False
    return logger
