"""Compiled report templates are kept in the user's cache folder; no writable folder means compiling as before."""

from __future__ import annotations

from journey_audit.reports.html import render


def test_templates_compile_once_into_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEY_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    env = render._environment()
    env.get_template("report.html")
    cached = sorted((tmp_path / "cache" / "templates").glob("jinja-*.cache"))
    assert cached, "report.html (and the macros it imports) were not cached"
    stamps = [p.stat().st_mtime_ns for p in cached]
    render._environment().get_template("report.html")  # a new process would do the same: read, not compile
    assert [p.stat().st_mtime_ns for p in cached] == stamps


def test_no_writable_cache_folder_still_renders(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("JOURNEY_AUDIT_CACHE_DIR", str(blocker))
    env = render._environment()
    assert env.bytecode_cache is None
    assert env.get_template("report.html").name == "report.html"  # compiled in memory, as before the cache
