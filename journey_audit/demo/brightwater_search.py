"""Brightwater's search index and A to Z: every service, plus guidance pages that mention the same words."""

from __future__ import annotations

from journey_audit.demo.brightwater_services import SERVICES
from journey_audit.demo.site_search import Document

GUIDES: tuple[Document, ...] = (
    Document("Roads and pavements we look after", "/guides/roads-and-pavements", "",
             "We repair potholes, damaged pavements and road defects on council roads. Motorways are looked after by National Highways."),
    Document("Parking fines", "/guides/parking-fines", "",
             "How to pay or challenge a parking fine (penalty charge notice). A residents parking permit does not cover pay and display bays."),
    Document("Your bin collection day", "/guides/bin-collection-day", "",
             "Bins are collected every other week. Put your bin out by 7am; if it is missed, tell us within 2 working days."),
    Document("What goes in which bin", "/guides/which-bin", "",
             "Recycling goes in the blue bin, food waste in the caddy. Large items need a bulky waste collection."),
    Document("Household waste recycling centre", "/guides/recycling-centre", "",
             "Take bulky items and garden waste to the recycling centre at Quay Lane, free of charge."),
)
INDEX: tuple[Document, ...] = tuple(Document(s.name, s.path, "", s.intro) for s in SERVICES) + GUIDES

# A to Z entries: (the words people look under, the page). Each service is listed under its own words.
A_TO_Z: tuple[tuple[str, str], ...] = tuple(sorted(
    [("Bin collection day", "/guides/bin-collection-day"),
     ("Bulky waste collection: book", "/bins/book-a-bulky-waste-collection"),
     ("Missed bin collection: report", "/bins/report-a-missed-bin-collection"),
     ("Parking fines", "/guides/parking-fines"),
     ("Parking permit for residents: apply", "/parking/apply-for-a-residents-parking-permit"),
     ("Pothole: report", "/roads/report-a-pothole"),
     ("Recycling centre", "/guides/recycling-centre"),
     ("Roads and pavements", "/guides/roads-and-pavements")]))
