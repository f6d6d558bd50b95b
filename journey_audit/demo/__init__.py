"""Fictional council websites served on 127.0.0.1: the product demo and the test fixtures.

Three councils of deliberately different quality (good / legacy / dead ends) each offer the same four
tasks, so friction measured by journey-audit can be compared. Nothing here talks to the internet.
"""

from journey_audit.demo.server import COUNCILS, DEFAULT_PORTS, DemoCouncil, DemoCouncils, serve_forever

__all__ = ["COUNCILS", "DEFAULT_PORTS", "DemoCouncil", "DemoCouncils", "serve_forever"]
