"""Scoring: turn metrics and findings into a friction index, stars and top fixes (weights from a profile)."""

from .compute import friction, top_fixes
from .profile import load_profile

__all__ = ["friction", "load_profile", "top_fixes"]
