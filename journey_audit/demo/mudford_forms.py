"""Mudford's four long legacy forms, as data: every field, how (badly) it is labelled, what it checks.

``mode`` says how a field is labelled: ``label`` (a real <label for>), ``placeholder`` (placeholder
text only, no label) or ``bare`` (text in the next table cell, not associated with the input).
``tabindex`` and ``picker`` plant two of the keyboard barriers listed in ``keyboard_barriers.py``: a
positive tabindex (the order Tab visits fields in) and a date-picker pop-up that keeps Tab inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

CAPTCHA_ANSWER = "7KWP3"  # what the distorted captcha image shows; journeys type it as a person would


@dataclass(frozen=True)
class LField:
    name: str
    text: str
    kind: str = "text"  # text | select | textarea | checkbox | file | captcha
    required: bool = False
    mode: str = "label"  # label | placeholder | bare
    options: tuple[str, ...] = ()
    check: str | None = None  # postcode | email | date | same:<other field>
    tabindex: int | None = None  # a positive number puts the field ahead of every other control in Tab order
    picker: bool = False  # a date field that opens the "CalendarPopup" script, which traps Tab


@dataclass(frozen=True)
class LegacyForm:
    task: str
    path: str
    title: str
    intro: str
    fields: tuple[LField, ...]
    ref_code: str
    multipart: bool = False
    login_required: bool = False


TITLES = ("Mr", "Mrs", "Miss", "Ms", "Dr", "Other")
WARDS = ("Mudford Central", "Mudford North", "Ashby Marsh", "Fenwick", "Little Sodbury", "Quayside", "Wetherden")
HEAR = ("Council website", "Search engine", "Leaflet", "Mudford Matters magazine", "Friend or family", "Other")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

_PERSON = (
    LField("title", "Title", "select", mode="bare", options=TITLES),
    LField("forename", "Forename", required=True),
    LField("surname", "Surname", required=True, mode="placeholder"),
    LField("house", "House Name/No.", mode="bare"),
    LField("street", "Address Line 1", required=True),
    LField("town", "Town", required=True),
    LField("county", "County", mode="bare"),
    LField("postcode", "Postcode", required=True, check="postcode"),
    LField("tel_day", "Daytime Tel No.", required=True),
    LField("tel_eve", "Evening Tel No.", mode="placeholder"),
    LField("mobile", "Mobile", mode="bare"),
    LField("email", "Email", required=True, check="email"),
    LField("email2", "Confirm Email", required=True, check="same:email"),
)
_TAIL = (
    LField("hear_about", "How did you hear about this service?", "select", options=HEAR),
    LField("captcha", "Enter the characters shown in the image", "captcha", required=True),
    LField("declare", "I declare that the information I have given is correct", "checkbox", required=True),
)

FORMS: tuple[LegacyForm, ...] = (
    LegacyForm(
        task="report-pothole",
        path="/eforms/ReportAPothole.aspx",
        title="Highway Defect Report Form",
        intro="Use this form to report potholes and other defects on the public highway. Please complete ALL sections. Incomplete forms cannot be processed.",
        ref_code="HDR",
        multipart=True,
        fields=_PERSON + (
            LField("contact_pref", "Preferred method of contact", "select", required=True,
                   options=("Letter", "Telephone", "Email")),
            LField("road", "Road/Street name of defect", required=True, tabindex=1),
            LField("landmark", "Nearest house no. or landmark", mode="placeholder", tabindex=2),
            LField("ward", "Ward", "select", required=True, options=WARDS, tabindex=3),
            LField("gridref", "OS Grid Reference (if known)", mode="bare", tabindex=4),
            LField("defect_type", "Type of defect", "select", required=True,
                   options=("Pothole", "Cracked surface", "Sunken/raised ironwork", "Loose paving slab", "Other"), tabindex=5),
            LField("location_type", "Location", "select", required=True,
                   options=("Carriageway", "Footway", "Cycleway", "Verge"), tabindex=6),
            LField("width", "Approx. width (cm)", tabindex=7),
            LField("depth", "Approx. depth (cm)", tabindex=8),
            LField("description", "Description of defect", "textarea", required=True, tabindex=9),
            LField("date_noticed", "Date first noticed (dd/mm/yyyy)", mode="bare", check="date"),
            LField("photo", "Attach photograph", "file"),
        ) + _TAIL,
    ),
    LegacyForm(
        task="apply-parking-permit",
        path="/eforms/ParkingPermit.aspx",
        title="Residents Parking Permit Application",
        intro="Applicants must live within a Controlled Parking Zone. Permits are issued by post within 10 working days of payment being received.",
        ref_code="RPP",
        login_required=True,
        fields=_PERSON[:11] + (
            LField("dob", "Date of Birth (dd/mm/yyyy)", required=True, mode="bare", check="date"),
            LField("email", "Email", required=True, check="email"),
            LField("zone", "Parking Zone", "select", required=True,
                   options=("Zone A - Town Centre", "Zone B - Station Road", "Zone C - Quayside", "Zone D - Hospital")),
            LField("permit_type", "Permit Type", "select", required=True,
                   options=("Resident", "Visitor (books of 10)", "Resident and Visitor")),
            LField("vrm", "Vehicle Registration", required=True),
            LField("make", "Vehicle Make", required=True),
            LField("model", "Vehicle Model", mode="placeholder"),
            LField("colour", "Vehicle Colour", mode="bare"),
            LField("keeper", "Is the vehicle registered to you at this address?", "select", required=True,
                   options=("Yes", "No")),
            LField("proof", "Proof of residency", "select", required=True,
                   options=("Council Tax bill", "Tenancy agreement", "Utility bill (last 3 months)")),
            LField("ctax", "Council Tax Account No.", mode="placeholder"),
            LField("duration", "Permit Duration", "select", required=True,
                   options=("6 months - £45.00", "12 months - £80.00")),
            LField("payment", "Payment Method", "select", required=True,
                   options=("Cheque (payable to Mudford DC)", "Postal Order", "In person at the Council Offices")),
        ) + _TAIL,
    ),
    LegacyForm(
        task="report-missed-bin",
        path="/eforms/MissedBin.aspx",
        title="Missed Collection Report",
        intro="Missed collections must be reported within 24 hours of your scheduled collection. Bins must be presented at the boundary of the property by 6.30am.",
        ref_code="MCR",
        fields=_PERSON + (
            LField("ward", "Ward", "select", required=True, options=WARDS),
            LField("coll_day", "Normal collection day", "select", required=True, options=DAYS),
            LField("missed_date", "Date of missed collection (dd/mm/yyyy)", required=True, mode="bare", check="date",
                   picker=True),
            LField("bin_type", "Bin type", "select", required=True,
                   options=("Grey bin - refuse", "Green box - recycling", "Brown bin - garden (subscription)")),
            LField("presented", "Was the bin presented by 6.30am?", "select", required=True, options=("Yes", "No")),
            LField("bin_location", "Where was the bin left?", "select", required=True,
                   options=("Kerbside", "End of drive", "Communal bin store", "Other")),
            LField("bins_missed", "Number of bins missed", required=True),
            LField("assisted", "Are you on the assisted collection list?", "select", options=("Yes", "No", "Don't know")),
            LField("further", "Any further information", "textarea"),
        ) + _TAIL,
    ),
    LegacyForm(
        task="book-bulky-waste",
        path="/eforms/BulkyWaste.aspx",
        title="Bulky Waste Collection Request",
        intro="A charge of £32.50 applies for up to 4 items. Payment must be received before a collection date can be confirmed. An officer will telephone you to take payment.",
        ref_code="BWC",
        fields=_PERSON + (
            LField("ward", "Ward", "select", required=True, options=WARDS),
            LField("n_sofa", "Number of sofas/armchairs", mode="bare"),
            LField("n_mattress", "Number of mattresses", mode="bare"),
            LField("n_fridge", "Number of fridges/freezers", mode="bare"),
            LField("n_white", "Number of washing machines/cookers", mode="bare"),
            LField("n_other", "Other items (please describe)", "textarea"),
            LField("item_location", "Where will the items be left?", "select", required=True,
                   options=("Front garden", "Driveway", "Kerbside", "Other (describe below)")),
            LField("access", "Access details / gate codes", mode="placeholder"),
            LField("pref_day", "Preferred collection day", "select", options=DAYS),
        ) + _TAIL,
    ),
)
FORMS_BY_TASK: dict[str, LegacyForm] = {f.task: f for f in FORMS}
