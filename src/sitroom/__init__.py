"""sitroom: conflict reporting turned into structured, evidence-linked knowledge."""

__version__ = "0.1.0"
