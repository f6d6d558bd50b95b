"""One Chromium for the whole run (``run --browser-per run``), served by Playwright's own ``launchServer``.

Playwright's sync API is bound to the thread that started it, so worker threads cannot share one
Playwright object; they can share one browser through Playwright's protocol. The run starts Playwright's
``chromium.launchServer()`` with the Node.js driver shipped in the Python package (the same code as the
hidden ``playwright launch-server`` command), and every worker connects to it with ``BrowserType.connect``,
exactly as with ``--browser-endpoint``. A launch server isolates its clients: each connection sees and owns
only the contexts it made, and closing a connection (``Browser.close()`` on the client) closes its contexts,
never the browser. So the per-journey watchdog still works: it closes the journey's context, and if that does
not free the worker it drops that worker's connection, which ends that worker's pages and nobody else's.

The server process ends when its browser exits (a crash), when journey-audit closes it, and when
journey-audit's process goes away, even by kill -9 (it watches its stdin pipe). A worker that finds it gone
asks ``BrowserServer.endpoint()`` again, which starts a new one: a crashed browser costs the journeys that
were running in it (each recorded as ``browser_crash``, retried per ``--retries``), nothing already done.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from journey_audit.browser.driver_process import with_node_options
from journey_audit.browser.settings import BrowserSettings

START_TIMEOUT_S = 60.0

# Runs in the driver's own Node.js: launch the browser behind a ws:// endpoint on 127.0.0.1, print it, and
# exit when the browser exits or when our stdin closes (journey-audit ended, however it ended).
_SERVER_JS = r"""
const pw = require(process.argv[1]);
const config = JSON.parse(process.argv[2]);
(async () => {
  const server = await pw.chromium.launchServer(config);
  server.on('close', () => process.exit(0));
  const quit = () => server.close().finally(() => process.exit(0));
  process.stdin.on('end', quit);
  process.stdin.on('error', quit);
  process.stdin.resume();
  process.stdout.write(server.wsEndpoint() + '\n');
})().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
"""


class BrowserServerError(RuntimeError):
    """The shared browser could not be started (its log says why)."""

    error_kind = "browser_crash"


def server_config(settings: BrowserSettings) -> dict:
    """``launchServer`` options: the same browser, flags and headless mode as a local launch, on 127.0.0.1."""
    kwargs = settings.launch_kwargs()
    config: dict = {"headless": kwargs.get("headless", True), "args": list(kwargs.get("args") or []),
                    "host": "127.0.0.1", "port": 0, "handleSIGINT": False}
    if kwargs.get("executable_path"):
        config["executablePath"] = str(kwargs["executable_path"])
    if kwargs.get("ignore_default_args"):
        config["ignoreDefaultArgs"] = list(kwargs["ignore_default_args"])
    return config


def start_server_process(settings: BrowserSettings, log: IO[str] | None = None,
                         timeout_s: float = START_TIMEOUT_S) -> tuple[subprocess.Popen, str]:
    """Start the launch server; return the process and its ws:// endpoint once the browser is up."""
    from playwright._impl._driver import compute_driver_executable, get_driver_env

    node, cli = compute_driver_executable()
    package = str(Path(cli).parent / "index.js")
    errors = log or tempfile.TemporaryFile("w+", encoding="utf-8")  # read only if the start fails
    proc = subprocess.Popen([node, "-e", _SERVER_JS, package, json.dumps(server_config(settings))],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True,
                            env=with_node_options(get_driver_env()), start_new_session=os.name == "posix")  # Ctrl-C is journey-audit's
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout_s)
    endpoint = found[0].strip() if found else ""
    if not endpoint.startswith("ws://"):
        proc.kill()
        proc.wait(timeout=10)
        errors.seek(0)
        why = [line for line in errors.read().splitlines() if line.strip()][:1] or [f"no endpoint within {timeout_s:g} s"]
        if log is None:
            errors.close()
        raise BrowserServerError(f"the shared browser did not start: {why[0].strip()}")
    if log is None:
        errors.close()
    return proc, endpoint


def _has_child_process(pid: int) -> bool | None:
    """Whether ``pid`` has a child process (the launch server's browser); None where /proc cannot tell."""
    try:
        entries = os.scandir("/proc")
    except OSError:
        return None
    with entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    if int(fh.read().rsplit(b")", 1)[1].split()[1]) == pid:
                        return True
            except (OSError, ValueError, IndexError):
                continue
    return False


class BrowserServer:
    """The run's one browser; thread-safe; restarted on demand after it died."""

    def __init__(self, settings: BrowserSettings):
        self.settings = settings
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._endpoint = ""
        self.starts_ms: list[float] = []

    def endpoint(self) -> str:
        """The live server's ws:// endpoint, starting a new server if there is none or it has exited."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                started = time.perf_counter()
                self._proc, self._endpoint = start_server_process(self.settings)
                self.starts_ms.append(round((time.perf_counter() - started) * 1000, 1))
            return self._endpoint

    def is_current(self, endpoint: str) -> bool:
        """True while ``endpoint`` is the running server's (a worker connected to an older one reconnects)."""
        with self._lock:
            return bool(endpoint) and endpoint == self._endpoint and self._proc is not None \
                and self._proc.poll() is None

    def retire(self, endpoint: str) -> None:
        """A worker could not use the browser behind ``endpoint``: if that browser is gone but its server has
        not exited yet, end the server, so the next ``endpoint()`` starts a new one. A server whose browser is
        alive is never ended here (other workers' journeys run in it), nor a newer server."""
        with self._lock:
            proc = self._proc
            if not endpoint or endpoint != self._endpoint or proc is None or proc.poll() is not None:
                return
            if _has_child_process(proc.pid) is not False:
                return  # its browser runs (or this system cannot tell): the server exits by itself if it dies
            proc.kill()
            proc.wait(timeout=10)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def close(self) -> None:
        """Close the browser: closing stdin makes the server close it and exit; kill it if it does not."""
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()
            proc.wait(timeout=10)
        except Exception:
            proc.kill()
            proc.wait(timeout=5)
