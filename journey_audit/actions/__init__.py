"""Registry of journey actions: each a name, a parser and a runner (after pa11y)."""

from journey_audit.actions import expectations, forms, navigation
from journey_audit.actions.base import Action, StepContext, StepSyntaxError

REGISTRY: dict[str, Action] = {a.name: a for a in (*navigation.ACTIONS, *forms.ACTIONS, *expectations.ACTIONS)}

__all__ = ["REGISTRY", "Action", "StepContext", "StepSyntaxError"]
