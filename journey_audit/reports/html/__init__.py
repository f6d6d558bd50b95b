"""The HTML friction report: one self-contained file a councillor can open from disk, no server.

Everything that came from an audited site (titles, labels, URLs, evidence, even council names) is
untrusted: see ``safety`` for links, the CSP and image paths, and ``render`` for autoescaping.

Modules, one job each:
    render   entry points, the Jinja environment, the atomic write
    views    journey JSON -> view models the templates show (league tables, comparisons)
    words    plain-English headline, outcome labels, times and dates
    trends   friction over recent runs as SVG geometry
    safety   safe_href, the Content-Security-Policy, screenshot sources
    values   tolerant reading of untrusted JSON values and shared formatting
    templates/  report.html, macros.html, report.css, report.js
"""

from journey_audit.reports.html.render import as_run, load_history, render_report, write_report
from journey_audit.reports.html.safety import ImageSource, content_security_policy, safe_href
from journey_audit.reports.html.trends import trend_charts
from journey_audit.reports.html.views import JourneyView, comparison, journey_view, league_tables
from journey_audit.reports.html.words import dead_end_phrase, headline, outcome_label, predicted_time

__all__ = [
    "ImageSource",
    "JourneyView",
    "as_run",
    "comparison",
    "content_security_policy",
    "dead_end_phrase",
    "headline",
    "journey_view",
    "league_tables",
    "load_history",
    "outcome_label",
    "predicted_time",
    "render_report",
    "safe_href",
    "trend_charts",
    "write_report",
]
