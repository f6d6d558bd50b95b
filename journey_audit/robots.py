"""robots.txt, reported rather than silently obeyed (or silently ignored).

journey-audit replays journeys a person would take, one at a time per tab, so it is not a crawler; still, a
site's robots.txt says what its owner asked automated visitors to leave alone, and the report should say
when an audit went there. Each origin's /robots.txt is fetched once per run (short timeout, the tool's honest
User-Agent, at most ``MAX_BYTES``), parsed with ``urllib.robotparser``, and every URL a journey's steps
visited is checked for the tool's product token (``journey-audit``).

Status codes follow RFC 9309: 2xx is parsed; 4xx means "no rules" (checked, nothing disallowed); 5xx, a
timeout or a network error means the rules are unknown (not checked, with the error). A failure here never
fails the run.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

FETCH_TIMEOUT_S = 5.0  # the whole fetch, not only each socket read
MAX_BYTES = 500 * 1024  # RFC 9309: parse at least 500 KiB; more is ignored


@dataclass(frozen=True)
class RobotsFile:
    """What one origin's robots.txt said (or why it could not be read)."""

    url: str
    status: int | None
    error: str | None
    parser: RobotFileParser | None  # None when there are no rules to apply (4xx) or they are unknown

    @property
    def checked(self) -> bool:
        return self.error is None

    def disallows(self, agent: str, url: str) -> bool:
        return self.parser is not None and not self.parser.can_fetch(agent, url)


def robots_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against: ``journey-audit`` of ``journey-audit/0.1 (...)``."""
    return user_agent.split("/")[0].split()[0] if user_agent.strip() else "journey-audit"


def fetch_robots(url: str, user_agent: str, timeout_s: float = FETCH_TIMEOUT_S) -> RobotsFile:
    """Fetch and parse one robots.txt within ``timeout_s`` overall; never raises."""
    deadline = time.monotonic() + timeout_s
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 (http(s) only)
            status = response.status
            body = bytearray()
            while len(body) < MAX_BYTES:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"robots.txt took longer than {timeout_s:g} s")
                chunk = response.read1(16 * 1024)
                if not chunk:
                    break
                body += chunk
    except urllib.error.HTTPError as exc:
        if 400 <= exc.code < 500:
            return RobotsFile(url, exc.code, None, None)
        return RobotsFile(url, exc.code, f"HTTP {exc.code}: the rules are unknown", None)
    except Exception as exc:  # timeouts, refused connections, bad TLS, odd redirects: reported, never fatal
        reason = getattr(exc, "reason", None) or exc
        return RobotsFile(url, None, f"{type(reason).__name__}: {reason}".rstrip(": "), None)
    parser = RobotFileParser(url)
    parser.parse(bytes(body).decode("utf-8", errors="replace").splitlines())
    return RobotsFile(url, status, None, parser)


class RobotsBook:
    """The run's robots.txt files, one fetch per origin however many workers ask at once."""

    def __init__(self, user_agent: str, timeout_s: float | None = None):
        self.user_agent = user_agent
        self.agent = agent_token(user_agent)
        self.timeout_s = FETCH_TIMEOUT_S if timeout_s is None else timeout_s
        self._files: dict[str, RobotsFile] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def file_for(self, url: str) -> RobotsFile | None:
        """The robots.txt governing ``url`` (fetched on first use); None for a non-http(s) URL."""
        where = robots_url(url)
        if where is None:
            return None
        with self._lock:
            origin_lock = self._locks.setdefault(where, threading.Lock())
        with origin_lock:  # a second worker on the same origin waits for the first fetch, not a second one
            if where not in self._files:
                self._files[where] = fetch_robots(where, self.user_agent, self.timeout_s)
            return self._files[where]

    def disallows(self, url: str) -> bool:
        robots = self.file_for(url)
        return robots is not None and robots.disallows(self.agent, url)

    def facts(self, start_url: str, visited: list[str]) -> dict[str, Any]:
        """The journey record's ``robots`` entry: which visited URLs robots.txt asked our agent to leave alone."""
        start = self.file_for(start_url)
        files = [f for f in (self.file_for(u) for u in [start_url, *visited]) if f is not None]
        errors = list(dict.fromkeys(f"{f.url}: {f.error}" for f in files if f.error))
        disallowed = list(dict.fromkeys(u for u in visited if self.disallows(u)))
        return {
            "checked": bool(files) and not errors,
            "agent": self.agent,
            "source": start.url if start else None,
            "status": start.status if start else None,
            "error": "; ".join(errors) or None,
            "disallowed": disallowed,
        }


def visited_urls(data: dict[str, Any]) -> list[str]:
    """Every page a journey's steps loaded: the steps' final URLs and the documents they went through."""
    urls: list[str] = []
    for step in data.get("steps") or []:
        for document in step.get("documents") or []:
            if isinstance(document, dict) and document.get("url"):
                urls.append(str(document["url"]))
        if step.get("url"):
            urls.append(str(step["url"]))
    return [u for u in dict.fromkeys(urls) if robots_url(u)]


def robots_notice(data: dict[str, Any]) -> str | None:
    """What a report says about a journey that visited pages robots.txt disallows for us; None otherwise.

    Shared by the terminal summary and the HTML report so both say the same, honest thing.
    """
    robots = data.get("robots")
    if not isinstance(robots, dict) or not robots.get("disallowed"):
        return None
    source = str(robots.get("source") or "robots.txt")
    origin = robots_url(source) and urlunsplit(urlsplit(source)[:2] + ("", "", ""))
    shown = []
    for url in robots["disallowed"]:
        url = str(url)
        if origin and url.startswith(origin + "/"):
            parts = urlsplit(url)
            url = parts.path + (f"?{parts.query}" if parts.query else "")
        shown.append(url)
    listed = ", ".join(shown[:5]) + (f" and {len(shown) - 5} more" if len(shown) > 5 else "")
    agent = robots.get("agent") or "journey-audit"
    it = "it" if len(shown) == 1 else "them"
    return (f"{source} disallows {listed} for {agent}: this audit visited {it} because it was asked to (the "
            "journey's steps, or a URL given to check), as a person doing the task would. journey-audit reports robots.txt rather than obeying it: "
            "agree the audit with the site's owner, or run with --respect-robots to skip journeys whose start "
            "page is disallowed.")


def robots_unread(data: dict[str, Any]) -> str | None:
    """Why the journey's robots.txt could not be read (5xx, timeout, network), for the report; None if it was."""
    robots = data.get("robots")
    if not isinstance(robots, dict) or robots.get("checked") or not robots.get("error"):
        return None
    return f"robots.txt could not be read, so this audit cannot say what it disallows ({robots['error']})."
