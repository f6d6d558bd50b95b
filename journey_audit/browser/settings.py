"""Load browser settings from ``playwright.config.py`` by file path.

The file is read by path because ``import playwright.config`` would find the installed Playwright
package instead. Lookup: ``$JOURNEY_AUDIT_CONFIG``, ``./playwright.config.py`` in the working
directory, then the copy bundled with the package (so an installed tool still has defaults).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType

from journey_audit.browser.endpoint import (
    ENDPOINT_ENV,
    EndpointError,
    check_endpoint_url,
    check_reachable,
    endpoint_source,
)

BUNDLED_CONFIG = Path(__file__).with_name("bundled_playwright_config.py")


class BrowserNotFound(RuntimeError):
    """No usable Chromium: the message says exactly what to install."""


@dataclass(frozen=True)
class BrowserSettings:
    executable_path: str | None
    headless: bool
    launch_args: list[str]
    viewports: dict[str, dict[str, int]]
    default_viewport: str
    action_timeout_s: float
    navigation_timeout_s: float
    user_agent_suffix: str
    system_candidates: tuple[str, ...] = field(default=())
    source: str = ""
    browser_endpoint: str | None = None  # ws:// URL of a Playwright server: connect there instead of launching
    browser_per: str = "worker"  # "worker": a Chromium per worker thread; "run": one shared (browser/shared.py)
    disable_features: tuple[str, ...] = ()  # Chromium features to turn off as well as Playwright's (features.py)

    def launch_kwargs(self) -> dict:
        """Keyword arguments for ``BrowserType.launch``, with the executable resolved (not needed when the
        browser is remote: then the explicit setting, if any, is passed on to the server). A local launch also
        turns ``disable_features`` off, merged into Playwright's own ``--disable-features`` (features.py); a
        remote server's Playwright may have another list, so it is left alone."""
        kwargs = {
            "executable_path": self.executable_path if self.browser_endpoint else resolve_executable(self),
            "headless": self.headless,
            "args": list(self.launch_args),
        }
        if not self.browser_endpoint:
            from journey_audit.browser.features import feature_switches

            left_out, added = feature_switches(self.disable_features)
            if added:
                kwargs["ignore_default_args"] = left_out
                kwargs["args"] += added
        return kwargs


def config_path() -> Path:
    explicit = os.environ.get("JOURNEY_AUDIT_CONFIG")
    if explicit:
        return Path(explicit)
    local = Path.cwd() / "playwright.config.py"
    return local if local.is_file() else BUNDLED_CONFIG


def _load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("journey_audit_playwright_config", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"cannot read browser settings from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_settings(path: Path | None = None) -> BrowserSettings:
    path = path or config_path()
    cfg = _load_module(path)
    args = list(cfg.LAUNCH_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args += [a for a in getattr(cfg, "ROOT_ONLY_ARGS", []) if a not in args]
    return BrowserSettings(
        executable_path=cfg.EXECUTABLE_PATH,
        headless=cfg.HEADLESS,
        launch_args=args,
        viewports=dict(cfg.VIEWPORTS),
        default_viewport=cfg.DEFAULT_VIEWPORT,
        action_timeout_s=float(cfg.ACTION_TIMEOUT),
        navigation_timeout_s=float(cfg.NAVIGATION_TIMEOUT),
        user_agent_suffix=cfg.USER_AGENT_SUFFIX,
        system_candidates=tuple(getattr(cfg, "SYSTEM_BROWSER_CANDIDATES", ())),
        source=str(path),
        browser_endpoint=os.environ.get(ENDPOINT_ENV) or getattr(cfg, "BROWSER_ENDPOINT", None) or None,
        disable_features=tuple(getattr(cfg, "DISABLE_FEATURES", ())),
    )


BROWSER_PER = ("worker", "run")


def with_browser_per(settings: BrowserSettings, per: str | None) -> BrowserSettings:
    """Settings with ``--browser-per worker|run`` applied (an endpoint is one remote browser already)."""
    if not per or per == settings.browser_per:
        return settings
    if per not in BROWSER_PER:
        raise ValueError(f"--browser-per must be one of {', '.join(BROWSER_PER)}, not {per!r}")
    if per == "run" and settings.browser_endpoint:
        raise ValueError("--browser-per run starts one local browser for the run; it cannot be combined with "
                         f"--browser-endpoint{endpoint_source(settings.browser_endpoint)} (the endpoint's server "
                         "decides how browsers are shared)")
    return replace(settings, browser_per=per)


def with_endpoint(settings: BrowserSettings, endpoint: str | None) -> BrowserSettings:
    """Settings that connect to ``endpoint`` (a ``--browser-endpoint`` option) when it is given."""
    return replace(settings, browser_endpoint=check_endpoint_url(endpoint)) if endpoint else settings


def _playwright_cache_dirs() -> list[Path]:
    """Where ``playwright install`` puts browsers (``$PLAYWRIGHT_BROWSERS_PATH``, else the per-OS cache)."""
    explicit = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if explicit and explicit != "0":
        return [Path(explicit)]
    home = Path.home()
    if sys.platform == "darwin":
        default = home / "Library" / "Caches" / "ms-playwright"
    elif sys.platform == "win32":
        default = Path(os.environ.get("LOCALAPPDATA", home)) / "ms-playwright"
    else:
        default = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "ms-playwright"
    return [default]


def _maybe_has_playwright_chromium() -> bool:
    """Cheap test before asking Playwright: starting it only to learn it has no browser costs ~2 s."""
    if os.environ.get("PLAYWRIGHT_BROWSERS_PATH") == "0":
        return True  # browsers live inside the package: only Playwright knows where
    return any(any(folder.glob("chromium*")) for folder in _playwright_cache_dirs() if folder.is_dir())


def _playwright_own_chromium() -> str | None:
    """Path of Playwright's downloaded Chromium, if ``playwright install`` ever succeeded."""
    if not _maybe_has_playwright_chromium():
        return None
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:
        return None
    return path if path and Path(path).is_file() else None


_RESOLVED: dict[tuple, str] = {}
_RESOLVING = threading.Lock()
_LOOKUP_MS: list[float] = []  # each real search for the browser in this process (the cache answers the rest)


def browser_lookup_ms() -> float:
    """Time this process spent finding the browser (or checking the endpoint), for the run's start-up timings."""
    return round(sum(_LOOKUP_MS), 1)


def resolve_executable(settings: BrowserSettings) -> str:
    """Explicit setting, then Playwright's own browser, then a system Chromium/Chrome.

    Found once per process and remembered (the command, the run and every worker all ask); a remembered
    browser that has since disappeared is looked for again. With a browser endpoint there is nothing to find
    here: the endpoint is checked to be reachable, and the explicit setting (a path on the server) returned.
    """
    started = time.perf_counter()
    if settings.browser_endpoint:
        try:
            check_reachable(settings.browser_endpoint)
        except EndpointError as exc:
            raise BrowserNotFound(str(exc)) from None
        finally:
            _LOOKUP_MS.append((time.perf_counter() - started) * 1000)
        return settings.executable_path or ""
    key = (settings.executable_path, settings.system_candidates)
    with _RESOLVING:
        found = _RESOLVED.get(key)
        if found is None or not Path(found).is_file():
            try:
                found = _RESOLVED[key] = _find_executable(settings)
            finally:
                _LOOKUP_MS.append((time.perf_counter() - started) * 1000)
    return found


def _find_executable(settings: BrowserSettings) -> str:
    if settings.executable_path:
        if not Path(settings.executable_path).is_file():
            raise BrowserNotFound(f"the browser {settings.executable_path} does not exist (set by "
                                  f"$JOURNEY_AUDIT_BROWSER or EXECUTABLE_PATH in {settings.source}); unset it to "
                                  "use Playwright's own Chromium or a system Chromium")
        return settings.executable_path
    own = _playwright_own_chromium()
    if own:
        return own
    for candidate in settings.system_candidates:
        if Path(candidate).is_file():
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFound(
        "No Chromium found. Install one with `apt-get install -y chromium` (Debian/Ubuntu, as root), "
        "or `python -m playwright install chromium`, or set JOURNEY_AUDIT_BROWSER=/path/to/chrome."
    )
