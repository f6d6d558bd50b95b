"""Reports built only from results: terminal tables, HTML, CSV/JSON/JUnit/Markdown."""
