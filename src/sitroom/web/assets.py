"""The built web UI, read into memory once: no request path ever reaches the file system."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str


def load_assets(root: Path = STATIC_DIR) -> dict[str, Asset]:
    """Every file under ``root`` keyed by its relative URL path (``index.html``, ``assets/x.js``)."""
    assets: dict[str, Asset] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            assets[path.relative_to(root).as_posix()] = Asset(path.read_bytes(), media_type)
    return assets
