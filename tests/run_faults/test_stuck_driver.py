"""The run's last resort for a stuck worker, with a real browser: ending one session's driver from another
thread frees a Playwright call that would never return, and takes that session's Chromium with it."""

from __future__ import annotations

import threading
import time

from journey_audit.browser import driver_process
from journey_audit.browser.session import BrowserSession
from journey_audit.browser.settings import load_settings


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def test_ending_a_sessions_driver_frees_a_call_that_never_returns_and_ends_its_browser():
    # On a thread of its own, as a run's worker is (the main thread may hold another test's Playwright).
    box: dict[str, object] = {}
    worker = threading.Thread(target=_stuck_call_ended_from_another_thread, args=(box,))
    worker.start()
    worker.join(timeout=90)
    assert not worker.is_alive(), "the call was not freed by ending the driver"
    assert "error" not in box, box.get("error")
    driver, browsers = box["driver"], box["browsers"]
    assert driver is not None and browsers, "the session's Chromium should be a child of its driver"
    assert box["failed"] is not None, "the call returned although its promise never settles"
    assert box["seconds"] < 30
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in [driver, *browsers]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in [driver, *browsers]), "the driver or its browser outlived end_driver"


def _stuck_call_ended_from_another_thread(box: dict[str, object]) -> None:
    session = BrowserSession(load_settings())
    try:
        page = session.new_context().new_page()
        box["driver"] = driver = session._driver_pid
        box["browsers"] = driver_process._children(driver) if driver else []
        threading.Timer(1.0, session.end_driver).start()
        started = time.monotonic()
        box["failed"] = None
        try:
            page.evaluate("() => new Promise(() => {})")  # never settles: only ending the driver frees this call
        except Exception as exc:  # Playwright's "connection closed"
            box["failed"] = exc
        box["seconds"] = time.monotonic() - started
    except Exception as exc:  # reported by the test, on the main thread
        box["error"] = repr(exc)
    finally:
        session.close()
