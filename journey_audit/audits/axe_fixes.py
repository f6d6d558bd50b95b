"""What to change on the page for the axe rules councils fail most, in words a designer can act on.

axe's own ``help`` states the rule ("Form elements must have labels"); a fix says what to do. Rules not
listed fall back to the rule's help sentence turned into an instruction about the elements found.
"""

from __future__ import annotations

FIXES: dict[str, str] = {
    "label": "Give each of these form fields a visible label that says what to enter (a <label for> or a legend).",
    "select-name": "Give this drop-down list a visible label that says what to choose.",
    "label-title-only": "Show the field's name as visible text too; a tooltip (title) alone is hard to see.",
    "color-contrast": "Darken these texts (or lighten their background) to a contrast of at least 4.5:1.",
    "image-alt": "Describe each of these images in its alt text, or give alt=\"\" if it is decoration.",
    "input-image-alt": "Say what these image buttons do in their alt text.",
    "link-name": "Give these links words that say where they go.",
    "button-name": "Give these buttons words that say what they do.",
    "html-has-lang": "Say the page's language on the <html> element (lang=\"en\").",
    "html-lang-valid": "Use a valid language code on the <html> element (lang=\"en\").",
    "document-title": "Give the page a title that says what it is for.",
    "region": "Put all the page's content inside landmarks (header, main, footer, nav).",
    "landmark-one-main": "Mark the page's main content with <main>.",
    "page-has-heading-one": "Start the main content with one <h1> that says what the page is for.",
    "heading-order": "Use heading levels in order (h2 after h1, not h4).",
    "empty-heading": "Remove empty headings or give them words.",
    "bypass": "Add a 'Skip to main content' link at the top of the page.",
    "skip-link": "Point the skip link at an element that exists on the page.",
    "duplicate-id": "Give each element on the page its own id.",
    "duplicate-id-aria": "Give each element referred to by ARIA its own id.",
    "list": "Put only list items (<li>) directly inside these lists.",
    "listitem": "Put these list items inside a <ul> or <ol>.",
    "frame-title": "Give each frame a title that says what it holds.",
    "meta-viewport": "Let people zoom: remove user-scalable=no and maximum-scale from the viewport meta tag.",
    "target-size": "Make these buttons and links at least 24 by 24 pixels, or space them further apart.",
    "autocomplete-valid": "Use a valid autocomplete token on these fields (e.g. postal-code, email).",
    "nested-interactive": "Do not put links or buttons inside other links or buttons.",
    "scrollable-region-focusable": "Let keyboard users reach this scrolling area (tabindex=\"0\" or a focusable child).",
    "aria-allowed-attr": "Remove ARIA attributes these elements' roles do not support.",
    "aria-required-children": "Give these ARIA widgets the child roles they need, or remove the role.",
    "aria-valid-attr-value": "Correct the ARIA attribute values on these elements.",
    "td-headers-attr": "Point each table cell's headers attribute at header cells of the same table.",
    "th-has-data-cells": "Remove table headers that head no data cells, or use a layout without a table.",
    "layout-table": "Use CSS for layout instead of a data table.",
    "definition-list": "Put only <dt> and <dd> directly inside these definition lists.",
    "marquee": "Remove moving <marquee> text.",
    "blink": "Remove blinking text.",
    "tabindex": "Remove positive tabindex values so the tab order follows the page.",
}


def fix_text(rule_id: str, help_text: str, elements: int) -> str:
    """The change to make on this page for an axe rule (never just the rule's name)."""
    if rule_id in FIXES:
        return FIXES[rule_id]
    what = "this element" if elements == 1 else f"these {elements} elements"
    rule = (help_text or "").rstrip(".")
    if not rule:
        return f"Change {what} so that they pass the accessibility check shown below."
    return f"Change {what} so that: {rule[:1].lower()}{rule[1:]}."
