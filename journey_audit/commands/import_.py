"""`journey-audit import`: a recorded flow (Playwright codegen script, DevTools Recorder JSON) -> journey YAML."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from rich.console import Console

from journey_audit.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError


def add_naming_options(p) -> None:
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="journey file to write (default: print it)")
    p.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    p.add_argument("--council", help="the council's name (default: the site's host)")
    p.add_argument("--council-id", help="short id for the council (default: from the host)")
    p.add_argument("--task", help="task id, the same for the same job at every council (default: the file's name)")
    p.add_argument("--persona", default="default",
                   help="persona whose fields typed values are matched to (default 'default')")
    p.add_argument("--partial", action="store_true",
                   help="write the journey even if some recorded steps could not be converted "
                        "(they are marked '# NOT CONVERTED' in the file)")


def add_parser(sub) -> None:
    p = sub.add_parser("import", description="Convert a recording into a journey YAML file. 'codegen' reads a script from "
                                   "`playwright codegen --target python` (or python-pytest); 'recorder' reads a "
                                   "Chrome DevTools Recorder JSON export. Typed values that match a persona's "
                                   "fields become {persona.field}. Every step that cannot be converted is listed "
                                   "with its line; then nothing is written unless --partial is given.")
    p.add_argument("format", choices=["codegen", "recorder"], help="what made the recording")
    p.add_argument("recording", type=Path, help="the recorded file (.py or .json)")
    add_naming_options(p)
    p.set_defaults(handler=command)


def command(args, console) -> int:
    return convert(args.format, args.recording, args, console)


def convert(kind: str, recording: Path, args, console, *, shown_name: str | None = None) -> int:
    """Import, say what was not converted, write (or not), then check the result as `validate` would."""
    from journey_audit.importers import Naming, RecordingError, import_recording
    from journey_audit.loader import JourneyFileError, load_journey

    if args.output is not None and args.output.exists() and not args.force:
        raise UsageError(f"{args.output} exists: pass --force to overwrite it")
    naming = Naming(council=args.council, council_id=args.council_id, task=args.task, persona=args.persona)
    try:
        text, draft = import_recording(kind, recording, naming)
    except RecordingError as exc:
        raise UsageError(str(exc)) from None
    err = Console(stderr=True, highlight=False)
    name = shown_name or str(recording)
    for line, message in sorted(draft.notes + draft.problems):
        err.print(f"{name}:{line}: {message}", markup=False, soft_wrap=True)
    problems = draft.problems
    if problems and not args.partial:
        err.print(f"{len(problems)} recorded step(s) could not be converted; nothing was written. Change the "
                  "recording, or pass --partial to write the journey with them marked '# NOT CONVERTED'.",
                  style="red", markup=False, soft_wrap=True)
        return EXIT_USAGE
    folder = args.output.parent if args.output else Path.cwd()
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", dir=folder, delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    try:
        load_journey(tmp.name)
        invalid: list[str] = []
    except JourneyFileError as exc:
        invalid = [p.replace(tmp.name, str(args.output or "<output>")) for p in exc.problems]
    finally:
        Path(tmp.name).unlink(missing_ok=True)
    if args.output is None:
        sys.stdout.write(text)
    else:
        from journey_audit.storage.atomic import write_text_atomic

        write_text_atomic(args.output, text)
        converted = sum(1 for s in draft.steps if s.action)
        # The first goto becomes `start`, not a step: say so, or the count disagrees with `validate`'s.
        start = any(s.action == "goto" for s in draft.steps)
        err.print(f"wrote {args.output} ({converted} recorded steps converted"
                  + (f": the start page and {converted - 1} steps)" if start else ")"), markup=False)
    if problems:
        err.print(f"this is a PARTIAL journey: {len(problems)} step(s) are marked '# NOT CONVERTED'",
                  style="yellow", markup=False)
    if invalid:
        for problem in invalid:
            err.print(problem, style="red", markup=False, soft_wrap=True)
        err.print("the imported journey does not pass `journey-audit validate` yet: fix the lines above",
                  style="red", markup=False)
        return EXIT_FAILED
    return EXIT_OK
