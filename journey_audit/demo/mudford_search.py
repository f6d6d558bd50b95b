"""What Mudford's legacy site search indexes: news and committee papers newer than the service pages."""

from __future__ import annotations

from journey_audit.demo.site_search import Document

NEWS: tuple[Document, ...] = (
    Document("Christmas refuse collection arrangements", "/news/christmas-refuse.aspx", "2011-02-02",
             "Refuse and recycling collections over Christmas will be one day later. Bulky waste collections "
             "are suspended until 10 January."),
    Document("Council tax bills to be sent in March", "/news/council-tax-bills.aspx", "2011-01-17",
             "Council tax bills for 2011/12 will be posted in March."),
    Document("Winter gritting routes announced", "/news/gritting-routes.aspx", "2011-01-04",
             "Gritting routes for this winter. Frost damage to roads and potholes will be repaired in the spring."),
    Document("Highways Committee minutes, December 2010", "/news/highways-minutes.aspx", "2010-12-10",
             "Minutes: pothole repair programme, road defect reports, residents parking permit zones review."),
    Document("Waste strategy consultation", "/news/waste-strategy.aspx", "2010-11-22",
             "Have your say on waste and recycling: missed collections, bulky waste charges, garden waste."),
    Document("Annual report 2009/10", "/news/annual-report.aspx", "2010-11-01",
             "The council's annual report: waste, roads, parking and council tax."),
    Document("Parking enforcement policy", "/news/parking-enforcement.aspx", "2010-10-15",
             "How we enforce parking restrictions and issue penalty charge notices in residents parking zones."),
    Document("Recycling centre opening hours", "/news/recycling-centre.aspx", "2010-09-30",
             "Opening hours of the household waste recycling centre. Bulky items can be taken there free."),
    Document("Litter and fly-tipping", "/news/fly-tipping.aspx", "2010-08-12",
             "Report fly-tipping to the Environmental Services team. Do not leave bulky waste on the street."),
    Document("Street cleansing schedule", "/news/street-cleansing.aspx", "2010-07-01",
             "Street cleansing and litter bins in the town centre."),
    Document("Trade waste collections", "/news/trade-waste.aspx", "2010-06-01",
             "Business waste collections and charges."),
    Document("Garden waste subscriptions 2011", "/news/garden-waste.aspx", "2010-05-20",
             "Subscribe to the garden waste service: brown bins emptied fortnightly."),
    Document("Waste collection calendar 2010", "/news/collection-calendar.aspx", "2010-04-01",
             "Download the bin collection calendar for your round."),
    Document("Clinical waste collections", "/news/clinical-waste.aspx", "2010-03-01",
             "Clinical waste collections from home, by arrangement with your GP."),
    Document("Waste and recycling contracts awarded", "/news/waste-contracts.aspx", "2010-02-01",
             "New contracts for waste and recycling services from April."),
)
SERVICE_PAGES: tuple[Document, ...] = (
    Document("Refuse & Recycling", "/refuse.aspx", "2009-05-01",
             "Missed collections. Bulky Waste Collection request form."),
    Document("Roads & Highways", "/highways.aspx", "2009-04-01",
             "Potholes and highway defects: report a pothole online."),
    Document("Parking", "/parking.aspx", "2009-03-01", "Residents parking permits: apply online."),
)
INDEX: tuple[Document, ...] = NEWS + SERVICE_PAGES
