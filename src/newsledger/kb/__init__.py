"""Knowledge shipped as package data (YAML), extendable with the user's own files."""

from newsledger.kb.loader import KB_ENV, kb_dirs, load_entries

__all__ = ["KB_ENV", "kb_dirs", "load_entries"]
