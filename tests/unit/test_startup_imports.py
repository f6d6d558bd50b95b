"""The CLI starts without pandas (about a second of imports); only load_results pays for it."""

from __future__ import annotations

import subprocess
import sys

from journey_audit.cli import COMMANDS, MODULES


def test_cli_and_every_command_start_without_pandas():
    modules = ", ".join(f"journey_audit.commands.{MODULES.get(c, c)}" for c in COMMANDS)  # `import` is import_
    code = f"import sys, journey_audit, journey_audit.cli, {modules}; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
