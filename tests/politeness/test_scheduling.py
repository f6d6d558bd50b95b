"""The per-host queue, the pacer and the robots.txt reader on their own (threads and real sockets, no browser)."""

from __future__ import annotations

import threading
import time

import pytest

from journey_audit.politeness import HostPacer, HostQueue, RunStopping, host_of
from journey_audit.robots import RobotsBook, agent_token, fetch_robots, robots_notice

from .conftest import WatchingSite


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.Example.gov.uk/bins", "www.example.gov.uk"),
    ("http://www.example.gov.uk:80/x", "www.example.gov.uk"),  # the default port is no different site
    ("https://www.example.gov.uk:443/x", "www.example.gov.uk"),
    ("http://www.example.gov.uk/x", "www.example.gov.uk"),  # scheme-less: one server, one team
    ("http://127.0.0.1:8801/a", "127.0.0.1:8801"),  # two demo councils on two ports are two sites
    ("http://127.0.0.1:8802/a", "127.0.0.1:8802"),
    ("http://[::1]:8080/", "[::1]:8080"),
])
def test_host_of(url, host):
    assert host_of(url) == host


def test_a_worker_whose_host_is_full_takes_another_hosts_journey():
    queue = HostQueue(["a1", "a2", "b1"], host=lambda item: item[0], per_host=1)
    never = lambda: False  # noqa: E731
    assert queue.take(never) == "a1"
    assert queue.take(never) == "b1", "a2's host is full: the next free host's journey comes first"
    taken: list[str | None] = []
    waiter = threading.Thread(target=lambda: taken.append(queue.take(never)))
    waiter.start()
    time.sleep(0.3)
    assert taken == [], "nothing may start on a full host"
    queue.done("a1")
    waiter.join(2)
    assert taken == ["a2"] and queue.peak == {"a": 1, "b": 1}
    assert queue.take(never) is None, "nothing left: the worker ends"


def test_a_worker_may_prefer_its_last_host_within_the_limit():
    """`check` reuses a worker's tab per site: the preferred host's next item first, if the host has room."""
    queue = HostQueue(["a1", "b1", "a2", "b2", "a3"], host=lambda item: item[0], per_host=1)
    never = lambda: False  # noqa: E731
    assert queue.take(never, prefer="b") == "b1", "b has room: its first item jumps the queue"
    assert queue.take(never, prefer="b") == "a1", "b is full: the usual order, whatever is preferred"
    queue.done("a1")
    assert queue.take(never, prefer="a") == "a2", "a has room again: a2 before the older b2"
    queue.done("b1")
    assert queue.take(never, prefer="z") == "b2", "a preferred host with nothing left changes nothing"


def test_a_worker_waiting_for_a_full_host_sees_the_stop_at_once():
    queue = HostQueue(["a1", "a2"], host=lambda item: item[0], per_host=1)
    stop = threading.Event()
    assert queue.take(stop.is_set) == "a1"
    result: list[object] = []
    waiter = threading.Thread(target=lambda: result.append(queue.take(stop.is_set)))
    waiter.start()
    time.sleep(0.2)
    stopped_at = time.monotonic()
    stop.set()
    waiter.join(2)
    assert result == [None] and time.monotonic() - stopped_at < 0.5


def test_the_pacer_spaces_starts_on_one_host_and_not_across_hosts():
    """The k-th step to start on a host starts no earlier than k delays after the first ask for a turn there.

    Checked from the first ask rather than between two starts: a thread that wakes late on a busy machine
    makes its own start late, which can bring it closer to the next one, but it never makes any start early."""
    delay = 0.3
    pacer = HostPacer(delay)
    asks: dict[str, list[float]] = {"a": [], "b": []}
    starts: dict[str, list[float]] = {"a": [], "b": []}
    waits: dict[str, list[float]] = {"a": [], "b": []}

    def steps(host: str) -> None:
        for _ in range(2):
            asks[host].append(time.monotonic())
            waits[host].append(pacer.wait_turn(host))
            starts[host].append(time.monotonic())

    threads = [threading.Thread(target=steps, args=(h,)) for h in ("a", "a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    a, first_ask = sorted(starts["a"]), min(asks["a"])
    assert len(a) == 4 and all(start >= first_ask + k * delay - 0.001 for k, start in enumerate(a)), (first_ask, a)
    assert waits["b"][0] == 0.0, "another host does not wait for this one's turn"


def test_a_stop_ends_the_pacers_wait_with_runstopping():
    stop = threading.Event()
    pacer = HostPacer(30.0, stop)
    pacer.wait_turn("a")
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    with pytest.raises(RunStopping):
        pacer.wait_turn("a")
    assert time.monotonic() - started < 1.0


def test_the_delay_is_bounded():
    with pytest.raises(ValueError):
        HostPacer(600)


def test_agent_token_is_the_product_name():
    assert agent_token("journey-audit/0.1 (+automated usability audit)") == "journey-audit"


def test_a_robots_txt_that_answers_500_leaves_the_rules_unknown(watching_site):
    site: WatchingSite = watching_site(robots=503)
    book = RobotsBook("journey-audit/0.1")
    assert book.disallows(f"{site.url}/j/a/1") is False
    facts = book.facts(f"{site.url}/j/a/1", [f"{site.url}/j/a/1"])
    assert facts["checked"] is False and facts["status"] == 503 and "HTTP 503" in facts["error"]


def test_a_robots_fetch_is_bounded(watching_site):
    site: WatchingSite = watching_site(robots="User-agent: *\nDisallow: /\n", robots_hang=threading.Event())
    started = time.monotonic()
    got = fetch_robots(f"{site.url}/robots.txt", "journey-audit/0.1", timeout_s=0.5)
    assert time.monotonic() - started < 2.0
    assert got.checked is False and got.parser is None and "timed out" in (got.error or "")


def test_a_refused_connection_is_an_error_not_a_crash():
    got = fetch_robots("http://127.0.0.1:9/robots.txt", "journey-audit/0.1", timeout_s=1.0)
    assert got.checked is False and got.error


def test_the_notice_lists_paths_of_the_robots_site_and_whole_urls_of_others():
    record = {"robots": {"checked": True, "agent": "journey-audit", "source": "https://a.gov.uk/robots.txt",
                         "status": 200, "error": None,
                         "disallowed": ["https://a.gov.uk/report?x=1", "https://pay.example/card"]}}
    notice = robots_notice(record)
    assert notice is not None
    assert notice.startswith("https://a.gov.uk/robots.txt disallows /report?x=1, https://pay.example/card for "
                             "journey-audit: this audit visited them because")
    assert robots_notice({"robots": {**record["robots"], "disallowed": []}}) is None
    assert robots_notice({}) is None


@pytest.mark.parametrize("flags", [["--host-delay", "61"], ["--host-delay", "-1"], ["--per-host", "0"]])
def test_bad_politeness_flags_are_usage_errors(flags, capsys):
    from journey_audit.cli import main

    try:
        code = main(["check", "http://127.0.0.1:9/", *flags])
    except SystemExit as exc:  # argparse refuses a value its type rejects
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert flags[0] in err and "Traceback" not in err
