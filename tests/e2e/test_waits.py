"""Waiting for in-page fetches (an address look-up) is measured as waiting, like page loads."""

from __future__ import annotations

import threading
import time

import pytest
from flask import Flask, jsonify
from werkzeug.serving import make_server

import journey_audit as ja
from journey_audit.model import Journey, Locator, Step

pytestmark = pytest.mark.e2e

PAGE = """<!doctype html><html lang="en"><head><title>Find your address</title></head><body><main>
<h1>Find your address</h1><label for="pc">Postcode</label><input id="pc" autocomplete="postal-code">
<button type="button" id="find">Find address</button><p id="out"></p>
<script>
document.getElementById("find").addEventListener("click", async () => {
  const r = await fetch("/lookup");
  document.getElementById("out").textContent = (await r.json()).address;
});
</script></main></body></html>"""


@pytest.fixture
def lookup_site():
    app = Flask("lookup")

    @app.route("/")
    def page() -> str:
        return PAGE

    @app.route("/lookup")
    def lookup():
        time.sleep(0.6)  # a slow address service
        return jsonify(address="1 Test Street, Exampleton")

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_fetch_wait_is_measured(lookup_site, tmp_path, run_in_shared_browser):
    steps = (Step("fill", 1, Locator(label="Postcode"), "ZZ99 9ZZ"), Step("click", 2, Locator(name="Find address")),
             Step("expect", 3, Locator(text="1 Test Street"), "1 Test Street"))
    journey = Journey(tmp_path / "j.yaml", "Lookup", "lookup", "find-address", "/", lookup_site, "default", steps)
    run = run_in_shared_browser([journey], results_dir=tmp_path / "results", options=ja.RunOptions(axe=False))
    result = run.journeys[0]
    assert result.outcome == "completed", result.get("error")
    click = result["steps"][2]
    assert click["xhr_count"] == 1 and click["xhr_ms"] >= 500 and click["wait_ms"] >= 500
    assert result["steps"][1]["xhr_count"] == 0 and result["metrics"]["wait_seconds"] >= 0.5
