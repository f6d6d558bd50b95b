"""The CLI: every command has help; bad input exits 2 with a message, never a traceback."""

from __future__ import annotations

import pytest

from journey_audit.cli import COMMANDS, build_parser, main


def test_every_command_has_help(capsys):
    parser = build_parser()
    for command in COMMANDS:
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args([command, "--help"])
        assert exit_.value.code == 0
        assert len(capsys.readouterr().out) > 80, command


def test_bad_journey_file_exits_2_with_path_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("council: X\ncouncil_id: x\ntask: t\nstart: /\nsteps:\n  - tap: here\n")
    assert main(["run", str(bad), "--results", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:6: unknown action 'tap'" in err and "Traceback" not in err
    assert not (tmp_path / "r").exists(), "nothing runs when a journey file is bad"


def test_validate_ok_and_bad(tmp_path, capsys):
    assert main(["validate"]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2


def test_unknown_filter_is_usage_error(capsys):
    assert main(["run", "--task", "no-such-task"]) == 2
    assert "no journeys match" in capsys.readouterr().err


def test_missing_browser_is_a_clear_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JOURNEY_AUDIT_BROWSER", str(tmp_path / "no-such-chrome"))
    assert main(["run", "--results", str(tmp_path / "r")]) == 2
    assert "no-such-chrome does not exist" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_check_urls_file_problems_are_usage_errors(tmp_path, capsys):
    assert main(["check", "--urls", str(tmp_path / "missing.txt")]) == 2
    urls = tmp_path / "urls.txt"
    urls.write_text("# pages to check\n\nftp://example.invalid/form\n")
    assert main(["check", "--urls", str(urls), "--results", str(tmp_path / "r")]) == 2
    assert f"{urls}:3: not an http(s) URL: 'ftp://example.invalid/form'" in capsys.readouterr().err
    assert main(["check", "--results", str(tmp_path / "r")]) == 2


def test_non_utf8_files_are_named_with_their_line(tmp_path, capsys):
    journey = tmp_path / "latin1.yaml"
    journey.write_bytes("council: X\ncouncil_id: x\ntask: t\nstart: /\nsteps:\n  - click: Stra\u00dfe\n".encode("latin-1"))
    assert main(["validate", str(journey)]) == 2
    assert f"{journey}:6: not UTF-8 text" in capsys.readouterr().err
    budget = tmp_path / "budget.yaml"
    budget.write_bytes("default:\n  max_friction: 50 # \u00e4\n".encode("latin-1"))
    assert main(["gate", "--budget", str(budget), "--results", str(tmp_path)]) == 2
    assert f"{budget}:2: not UTF-8 text" in capsys.readouterr().err


def test_bad_run_options_are_usage_errors(tmp_path, capsys):
    assert main(["run", "--base-url", "notaurl", "--results", str(tmp_path / "r")]) == 2
    assert "--base-url must be an http(s) URL" in capsys.readouterr().err
    assert main(["run", "--retries", "-1", "--results", str(tmp_path / "r")]) == 2
    for flag, value, message in [("--pause", "-1", "--pause must be between 0 and 60 seconds, not -1"),
                                 ("--pause", "nan", "--pause must be between 0 and 60 seconds, not nan"),
                                 ("--pause", "inf", "--pause must be between 0 and 60 seconds, not inf"),
                                 ("--history-timeout", "inf", "--history-timeout must be a number of seconds")]:
        capsys.readouterr()
        assert main(["run", flag, value, "--results", str(tmp_path / "r")]) == 2, flag
        assert message in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_results_path_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    not_a_folder = tmp_path / "results"
    not_a_folder.write_text("I am a file")
    assert main(["check", "http://127.0.0.1:9/", "--results", str(not_a_folder)]) == 2
    assert "cannot write results to" in capsys.readouterr().err


def test_index_hint_names_the_folders_the_run_used():
    from pathlib import Path

    from journey_audit.commands.index import index_command

    assert index_command(Path("results"), "r1") == "journey-audit index r1"
    assert index_command(Path("/tmp/my results"), "--all --missing", Path("h.sqlite")) == \
        "journey-audit index --all --missing --results '/tmp/my results' --history h.sqlite"


def test_check_help_speaks_of_pages_and_run_help_of_journeys(capsys):
    for command, own, other in [("check", "at most N pages on one site", "--pause"),
                                ("run", "at most N journeys on one site", "at most N pages")]:
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert own in text and other not in text, command
