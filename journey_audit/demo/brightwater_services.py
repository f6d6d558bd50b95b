"""What Brightwater asks, page by page: one question per page, GOV.UK style (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str = "text"  # text | email | tel | textarea | radios | checkboxes | file
    hint: str = ""
    optional: bool = False
    autocomplete: str | None = None
    options: tuple[str, ...] = ()
    width: str = ""  # extra govuk-input--width-N class
    check: str | None = None  # postcode | email | phone | vrm
    error: str = ""  # message when a required answer is missing

    @property
    def display_label(self) -> str:
        return f"{self.label} (optional)" if self.optional else self.label


@dataclass(frozen=True)
class Page:
    slug: str
    fields: tuple[Field, ...]
    heading: str = ""  # h1/legend for pages with several fields; a single field's label is the h1
    hint: str = ""

    @property
    def title(self) -> str:
        return self.heading or self.fields[0].display_label


@dataclass(frozen=True)
class Service:
    task: str
    path: str
    name: str
    section: str
    intro: str
    can_use_for: tuple[str, ...]
    before_you_start: tuple[str, ...]
    time_and_cost: str
    other_ways: str
    pages: tuple[Page, ...]
    final_button: str
    confirmation_title: str
    next_steps: tuple[str, ...]
    ref_prefix: str
    send_heading: str = "Now send your report"
    send_text: str = "By sending this report you are confirming that, to the best of your knowledge, the details you are providing are correct."
    extra: dict[str, str] = field(default_factory=dict)


def contact_page(why: str) -> Page:
    """Name, email and an optional phone: grouped because people think of them together."""
    return Page(
        "contact-details",
        heading="Your contact details",
        hint=why,
        fields=(
            Field("full-name", "Full name", autocomplete="name", error="Enter your full name"),
            Field("email", "Email address", kind="email", autocomplete="email", check="email",
                  hint="We’ll only use this to send you updates about this request",
                  error="Enter your email address"),
            Field("phone", "UK phone number", kind="tel", optional=True, autocomplete="tel", check="phone",
                  width="govuk-input--width-20", hint="For international numbers include the country code"),
        ),
    )


def address_page(heading: str) -> Page:
    return Page(
        "address",
        heading=heading,
        fields=(
            Field("address-line-1", "Address line 1", autocomplete="address-line1",
                  error="Enter address line 1, typically the building and street"),
            Field("town", "Town or city", autocomplete="address-level2", width="govuk-!-width-two-thirds",
                  error="Enter town or city"),
            Field("postcode", "Postcode", autocomplete="postal-code", width="govuk-input--width-10",
                  check="postcode", error="Enter a postcode"),
        ),
    )


SERVICES: tuple[Service, ...] = (
    Service(
        task="report-pothole",
        path="/roads/report-a-pothole",
        name="Report a pothole",
        section="Roads, travel and parking",
        intro="Tell us about a pothole on a road, pavement or cycle lane that Brightwater Borough Council looks after.",
        can_use_for=("potholes in roads and pavements", "potholes in cycle lanes and council car parks"),
        before_you_start=(
            "the name of the street the pothole is on",
            "a photo of the pothole, if you have one (you can still report it without)",
        ),
        time_and_cost="It’s free and takes around 5 minutes.",
        other_ways="If the pothole is dangerous, for example it has caused an accident, call 01632 960 123 straight away. Lines are open 24 hours a day.",
        pages=(
            Page("where", (Field("where", "Where is the pothole?", kind="radios",
                                  options=("In the road", "On a pavement", "In a cycle lane", "In a council car park"),
                                  error="Select where the pothole is"),)),
            Page("street", (Field("street", "Which street is the pothole on?",
                                  hint="For example, Harbour Road, Brightwater", autocomplete="off",
                                  error="Enter the name of the street the pothole is on"),)),
            Page("size", (Field("size", "How big is the pothole?", kind="radios",
                                options=("Smaller than a dinner plate", "Larger than a dinner plate",
                                         "Larger than a car tyre"),
                                error="Select how big the pothole is"),)),
            Page("photo", (Field("photo", "Upload a photo of the pothole", kind="file", optional=True,
                                 hint="A JPG or PNG file smaller than 5MB"),)),
            Page("description", (Field("description", "Describe the pothole and exactly where it is",
                                       kind="textarea",
                                       hint="For example, outside number 12, near the bus stop. Do not include personal information.",
                                       error="Describe the pothole and exactly where it is"),)),
            contact_page("We’ll email you when the pothole has been inspected and when it’s repaired."),
        ),
        final_button="Send report",
        confirmation_title="Report received",
        next_steps=(
            "We’ve sent a confirmation email with your reference number.",
            "An inspector will look at the pothole within 5 working days.",
            "Dangerous potholes are made safe within 24 hours. Others are repaired within 28 days.",
        ),
        ref_prefix="BW-PH",
    ),
    Service(
        task="apply-parking-permit",
        path="/parking/apply-for-a-residents-parking-permit",
        name="Apply for a residents’ parking permit",
        section="Roads, travel and parking",
        intro="Apply for a permit to park in your residents’ parking zone in Brightwater.",
        can_use_for=("a new permit for a car registered at your address", "renewing a permit that runs out within 4 weeks"),
        before_you_start=("your vehicle registration number", "a debit or credit card, to pay after you apply"),
        time_and_cost="A permit costs £45 for 6 months or £80 for 12 months. Applying takes around 10 minutes.",
        other_ways="If you cannot apply online, call the parking team on 01632 960 456, Monday to Friday, 9am to 5pm.",
        pages=(
            address_page("What is your address?"),
            Page("vehicle", (Field("registration", "What is the vehicle’s registration number?",
                                   hint="For example, CU57 ABC", autocomplete="off", check="vrm",
                                   width="govuk-input--width-10",
                                   error="Enter the vehicle’s registration number"),)),
            Page("duration", (Field("duration", "How long do you want the permit for?", kind="radios",
                                    options=("6 months (£45)", "12 months (£80)"),
                                    error="Select how long you want the permit for"),)),
            contact_page("We’ll email you a link to pay and your permit details."),
        ),
        final_button="Submit application",
        confirmation_title="Application received",
        next_steps=(
            "We’ve sent you an email with a link to pay for your permit.",
            "Your permit will start as soon as you’ve paid. It’s a virtual permit, so you do not need to display anything.",
        ),
        ref_prefix="BW-PP",
        send_heading="Now send your application",
        send_text="By submitting this application you are confirming that the vehicle is registered at your address.",
    ),
    Service(
        task="report-missed-bin",
        path="/bins/report-a-missed-bin-collection",
        name="Report a missed bin collection",
        section="Bins and recycling",
        intro="Tell us if we did not empty your bin on your collection day.",
        can_use_for=("general waste, recycling, garden waste and food waste bins",),
        before_you_start=("Wait until 5pm on your collection day. Crews may still be working in your area.",
                          "You need to report a missed bin within 2 working days."),
        time_and_cost="It’s free and takes around 3 minutes.",
        other_ways="You can also call 01632 960 789, Monday to Friday, 8am to 6pm.",
        pages=(
            address_page("What is the address of the property?"),
            Page("bin-type", (Field("bin-type", "Which bin was missed?", kind="radios",
                                    options=("General waste (black bin)", "Recycling (blue bin)",
                                             "Garden waste (brown bin)", "Food waste caddy"),
                                    error="Select which bin was missed"),)),
            Page("put-out", (Field("put-out", "Was the bin out by 7am on your collection day?", kind="radios",
                                   options=("Yes", "No"), error="Select yes if the bin was out by 7am"),)),
            contact_page("We’ll email you to confirm when the bin will be collected."),
        ),
        final_button="Send report",
        confirmation_title="Missed collection reported",
        next_steps=("We’ll collect your bin within 2 working days.", "Leave it out where it can be seen from the road."),
        ref_prefix="BW-MB",
    ),
    Service(
        task="book-bulky-waste",
        path="/bins/book-a-bulky-waste-collection",
        name="Book a bulky waste collection",
        section="Bins and recycling",
        intro="Book a collection of large household items, like furniture and fridges.",
        can_use_for=("up to 3 large items for £25", "fridges, freezers, sofas, mattresses and other furniture"),
        before_you_start=("a list of the items you want collected", "a debit or credit card"),
        time_and_cost="It costs £25 for up to 3 items. Booking takes around 5 minutes.",
        other_ways="You can also book by calling 01632 960 789, Monday to Friday, 8am to 6pm.",
        pages=(
            address_page("Where should we collect the items from?"),
            Page("items", (Field("items", "What do you want us to collect?", kind="checkboxes",
                                 hint="Select all that apply. You can book up to 3 items.",
                                 options=("Sofa or armchair", "Mattress", "Bed frame", "Fridge or freezer",
                                          "Washing machine", "Table", "Wardrobe"),
                                 error="Select the items you want us to collect"),)),
            Page("day", (Field("day", "Which day suits you best?", kind="radios",
                               hint="We’ll collect on the next available day you choose, between 7am and 3pm.",
                               options=("Tuesday", "Thursday", "Saturday"),
                               error="Select which day suits you best"),)),
            contact_page("We’ll email you your booking details and a reminder the day before."),
        ),
        final_button="Confirm booking",
        confirmation_title="Booking confirmed",
        next_steps=(
            "We’ve emailed you a link to pay the £25 fee. Your booking is held for 2 days until you pay.",
            "Put the items outside your property by 7am on the collection day.",
        ),
        ref_prefix="BW-BW",
        send_heading="Now confirm your booking",
        send_text="By confirming this booking you agree to pay the £25 fee.",
    ),
)
