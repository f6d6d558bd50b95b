"""journey-audit: measure how clunky online council services are, journey by journey."""

from journey_audit.api import DEMO_JOURNEYS, run_journeys, select, validate
from journey_audit.browser.runner import RunOptions
from journey_audit.loader import JourneyFileError, load_journey, load_journeys
from journey_audit.model import Journey, JourneyResult, RunResult
from journey_audit.results_api import load_results
from journey_audit.storage.run_folder import ResultsError, load_run

__version__ = "0.1.0"

__all__ = [
    "DEMO_JOURNEYS", "Journey", "JourneyFileError", "JourneyResult", "ResultsError", "RunOptions", "RunResult",
    "load_journey", "load_journeys", "load_results", "load_run", "run_journeys", "select", "validate",
]
