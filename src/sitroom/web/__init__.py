"""The HTTP API and web UI over a knowledge base (``sitroom serve``)."""

from sitroom.web.app import create_app

__all__ = ["create_app"]
