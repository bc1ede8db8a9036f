"""sitroom: conflict reporting turned into structured, evidence-linked knowledge."""

__version__ = "0.2.0"
