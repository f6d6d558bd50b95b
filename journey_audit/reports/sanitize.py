"""Site text is untrusted: what every output format does to it before it lands in a terminal or file.

Each format escapes for itself (Markdown, XML, CSV...), but all start from ``clean_text``: terminal
escape sequences (ANSI CSI/OSC, which can retitle or clear a terminal) and other control characters are
removed, keeping only newlines and tabs.
"""

from __future__ import annotations

import html
import re

# ESC (or the 8-bit CSI/OSC) sequences: CSI ... final byte, OSC ... BEL/ST, and two-byte ESC x escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"          # CSI: colours, cursor moves, clear screen
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: window title, hyperlinks
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"     # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"                          # any other ESC sequence (or a lone ESC)
)
# Every C0 and C1 control character except tab and newline, plus DEL and the Unicode line/paragraph
# separators and bidi overrides that make text display differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters XML 1.0 allows (https://www.w3.org/TR/xml/#charsets); anything else makes the file ill-formed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: object) -> str:
    """``str(value)`` without escape sequences or control characters (newlines and tabs kept)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(value: object) -> str:
    """Clean text on one line (table cells, titles)."""
    return " ".join(clean_text(value).split())


def xml_text(value: object) -> str:
    """Clean text with only XML 1.0-legal characters (ElementTree escapes <, & and quotes itself)."""
    return _NOT_XML.sub("", clean_text(value))


def markdown_escape(value: object) -> str:
    """Site text in Markdown: no HTML, no table breaks, no links, code or emphasis; on one line."""
    text = html.escape(one_line(value), quote=False)
    for char in "\\`*_[]|~":  # the backslash first, so added escapes are not doubled
        text = text.replace(char, "\\" + char)
    return text


# A cell starting with one of these runs as a formula in Excel, LibreOffice and Google Sheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """Numbers stay numbers; text is cleaned and a leading formula character is defused with a quote."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    if text.startswith(_FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text
