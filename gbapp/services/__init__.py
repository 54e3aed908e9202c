"""Use cases that combine importers, the store and the domain (the code the CLI and the GUI call)."""
