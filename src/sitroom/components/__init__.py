"""sitroom's spaCy components: one module per analysis layer."""
