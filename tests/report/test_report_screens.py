"""A step that reused the picture before it (it changed nothing on screen) is not shown twice in the filmstrip."""

from __future__ import annotations

from report_fixtures import good, write_run

from journey_audit.reports.html import write_report
from journey_audit.storage.run_folder import load_run


def test_reused_picture_is_named_not_repeated(tmp_path, jpegs):
    journey = good()
    key = "brightwater--report-pothole"
    # Steps 3 and 4 are fills: the runner pointed them at step 2's picture.
    for step in journey["steps"][3:5]:
        step["screenshot"] = f"screens/{key}/02.jpg"
    folder = write_run(tmp_path / "results", "20261125-160000", [journey], jpegs)
    for name in ("03.jpg", "04.jpg"):
        (folder / "screens" / key / name).unlink()  # as the runner leaves it: no file for a reused picture
    html = write_report(load_run(folder.parent, folder.name)).read_text(encoding="utf-8")
    film = html[html.index('class="filmstrip"'):]
    film = film[:film.index("</ol>")]
    assert film.count("Same screen as step 2") == 2
    assert film.count(f"screens/{key}/02.jpg") == 1
    assert "No screenshot" not in film
