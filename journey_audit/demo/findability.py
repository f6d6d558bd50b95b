"""How findable each demo task is from its council's home page: what `journey-audit explore` should measure.

Written down from how the demo sites are built (links, search engines, A to Z), before running explore;
tests/explore asserts explore measures exactly these. ``start`` is the task's start page (its path).
Search ranks follow from the engines in ``site_search.py``: Brightwater ranks title words first;
Mudford lists any page with any query word, newest first (its service pages date from 2009), best of
the two search terms explore types; Stonyfield's search box only reloads the home page.
"""

from __future__ import annotations

from typing import Any

FINDABILITY: dict[str, dict[str, dict[str, Any]]] = {
    "brightwater": {  # popular tasks linked from the home page, ranked search, an A to Z
        "report-pothole": {"start": "/roads/report-a-pothole", "clicks_from_home": 1, "search_rank": 1,
                           "in_a_to_z": True, "found_by": ["navigation", "search", "a_to_z"]},
        "apply-parking-permit": {"start": "/parking/apply-for-a-residents-parking-permit", "clicks_from_home": 1,
                                 "search_rank": 1, "in_a_to_z": True, "found_by": ["navigation", "search", "a_to_z"]},
        "report-missed-bin": {"start": "/bins/report-a-missed-bin-collection", "clicks_from_home": 1,
                              "search_rank": 1, "in_a_to_z": True, "found_by": ["navigation", "search", "a_to_z"]},
        "book-bulky-waste": {"start": "/bins/book-a-bulky-waste-collection", "clicks_from_home": 1,
                             "search_rank": 1, "in_a_to_z": True, "found_by": ["navigation", "search", "a_to_z"]},
    },
    "mudford": {  # "Online Services" links on the home page lead to info pages; news buries the search hits
        "report-pothole": {"start": "/highways.aspx", "clicks_from_home": 1, "search_rank": 3,
                           "in_a_to_z": None, "found_by": ["navigation", "search"]},
        "apply-parking-permit": {"start": "/parking.aspx", "clicks_from_home": 1, "search_rank": 4,
                                 "in_a_to_z": None, "found_by": ["navigation", "search"]},
        "report-missed-bin": {"start": "/refuse.aspx", "clicks_from_home": 1, "search_rank": 5,
                              "in_a_to_z": None, "found_by": ["navigation", "search"]},
        "book-bulky-waste": {"start": "/refuse.aspx", "clicks_from_home": 1, "search_rank": None,  # 11th
                             "in_a_to_z": None, "found_by": ["navigation"]},
    },
    "stonyfield": {  # topic pages two clicks deep; a search box that does not search; no A to Z
        "report-pothole": {"start": "/roads-and-transport/potholes", "clicks_from_home": 2, "search_rank": None,
                           "in_a_to_z": None, "found_by": ["navigation"]},
        "apply-parking-permit": {"start": "/parking/residents-parking-permits", "clicks_from_home": 2,
                                 "search_rank": None, "in_a_to_z": None, "found_by": ["navigation"]},
        "report-missed-bin": {"start": "/bins-and-recycling/report-a-missed-bin-collection", "clicks_from_home": 2,
                              "search_rank": None, "in_a_to_z": None, "found_by": ["navigation"]},  # the link is broken
        "book-bulky-waste": {"start": "/bins-and-recycling/bulky-waste", "clicks_from_home": 2, "search_rank": None,
                             "in_a_to_z": None, "found_by": ["navigation"]},
    },
}
