"""The knowledge base: SQLite by default, PostgreSQL as the server option."""
