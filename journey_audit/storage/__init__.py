"""Where results live: run folders of JSON files (and, later, the SQLite history)."""
