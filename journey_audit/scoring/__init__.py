"""Scoring: turn metrics and findings into a friction index, stars and top fixes (weights from a profile)."""

from .compute import ADVICE_PREFIX, STAR_WORDS, friction, star_words, top_fixes
from .profile import load_profile

__all__ = ["ADVICE_PREFIX", "STAR_WORDS", "friction", "load_profile", "star_words", "top_fixes"]
