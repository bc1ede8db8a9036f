"""Reference data and its loaders: the actor registry and the lexicons the layers use."""
