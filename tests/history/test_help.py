"""Every command of this feature has help and parses its arguments (after sqlite-utils)."""

from __future__ import annotations

import pytest

from journey_audit import cli

from .conftest import MY_COMMANDS


@pytest.mark.parametrize("command", MY_COMMANDS)
def test_help(command: str, commands, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    assert "--results" in capsys.readouterr().out
