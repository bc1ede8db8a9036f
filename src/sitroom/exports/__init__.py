"""Exports of analysis records: JSON, PLOVER JSON, ACLED CSV, GeoJSON, GraphML."""
