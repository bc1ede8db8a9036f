"""Alembic migrations of the knowledge base (run automatically when a store is opened)."""
