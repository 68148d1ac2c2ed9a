"""Remove personal data from a typed message before it is kept for maintainers.

Placeholders say what was there: "[e-mail]", "[telefoon]", "[adres]", "[iban]", "[nummer]",
"[naam]". The order matters: e-mail and IBAN first, so their digits are not read as a phone
number or a BSN.
"""
from __future__ import annotations

import re

_PATTERNS = (
    ("[e-mail]", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.IGNORECASE)),
    ("[iban]", re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(\s?\d){10}\b", re.IGNORECASE)),
    # Dutch postcode, with the house number when it follows: "7511 AB 12", "7511ab, 12a".
    # Lower-case letters only count with a number, and never common two-letter words ("2026 en 12").
    ("[adres]", re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b([\s,]+\d{1,5}[a-z]?\b)?")),
    ("[adres]", re.compile(r"\b[1-9]\d{3}\s?(?!(en|de|in|op|of|te|is|ik|je|er|al|na|om|bv)\b)[a-z]{2}[\s,]+\d{1,5}[a-z]?\b",
                           re.IGNORECASE)),
    ("[adres]", re.compile(r"\b[A-Z][a-z]+(straat|weg|laan|plein|singel|kade|gracht|dijk|pad)\s+\d{1,5}(\s?[a-z]\b)?",
                           re.IGNORECASE)),
    # Phone numbers: 06-12345678, +31 6 1234 5678, 053 123 45 67, 0031...
    ("[telefoon]", re.compile(r"(?<![\w+])(\+|00)?31[\s-]?\(?0?\)?[\s-]?\d([\s-]?\d){8}\b")),
    ("[telefoon]", re.compile(r"(?<![\w+])0\d([\s-]?\d){8}\b")),
    # BSN-like: nine digits (possibly grouped as 123.456.789 or 1234 56 789)
    ("[nummer]", re.compile(r"(?<!\d)\d{3}[\s.]?\d{2,3}[\s.]?\d{3,4}(?!\d)")),
)
# "ik ben Anna de Vries", "mijn naam is Piet": the name (one to three capitalised words,
# with Dutch tussenvoegsels) becomes [naam]. Lower-case words after "ik ben" (a role, "blij")
# stay: "ik ben wijkregisseur" is useful and not personal.
_NAME = re.compile(
    r"\b(?P<lead>(?i:ik\s+ben|mijn\s+naam\s+is|ik\s+heet|u\s+spreekt\s+met))\s+"
    r"(?P<name>[A-Z][\w'-]+(\s+(van|de|der|den|het|ter|ten|te|'t|van der|van den|de la)?\s*[A-Z][\w'-]+){0,2})")
_NAME_ANY_CASE = re.compile(r"\b(?P<lead>mijn\s+naam\s+is|ik\s+heet)\s+(?P<name>[\w'-]+)",
                            re.IGNORECASE)


def scrub(text: str) -> str:
    """The text with personal data replaced by placeholders."""
    result = text or ""
    for placeholder, pattern in _PATTERNS:
        result = pattern.sub(placeholder, result)
    result = _NAME.sub(lambda m: f"{m.group('lead')} [naam]", result)
    # After "mijn naam is" a name is meant even when typed in lower case.
    result = _NAME_ANY_CASE.sub(lambda m: f"{m.group('lead')} [naam]", result)
    return " ".join(result.split())           # one line: the inbox shows each message on one row
