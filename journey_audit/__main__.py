"""Allow ``python -m journey_audit``."""

from journey_audit.cli import main

raise SystemExit(main())
