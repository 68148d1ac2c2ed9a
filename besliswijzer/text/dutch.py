"""Dutch formatting of lists, money and durations, in one place for the chat, the plan, the CLI and the web.

"a, b en c", "€ 15.000", "3,5", "1 week" / "3 weken". Plain Python, no framework imports.
"""
from __future__ import annotations

from typing import Iterable

__all__ = ["datum", "euro", "getal", "lijst", "weken"]


def lijst(items: Iterable, voegwoord: str = "en") -> str:
    """Join words the Dutch way: [] -> "", [a] -> "a", [a, b] -> "a en b", [a, b, c] -> "a, b en c"."""
    words = [str(i) for i in items if i is not None and str(i) != ""]
    if len(words) <= 1:
        return words[0] if words else ""
    return f"{', '.join(words[:-1])} {voegwoord} {words[-1]}"


def euro(amount) -> str:
    """Euros with a dot per thousand and no cents when whole: 15000 -> "€ 15.000", 1250.5 -> "€ 1.250,50"."""
    value = float(amount)
    if value == int(value):
        return "€ " + f"{int(value):,}".replace(",", ".")
    whole, cents = f"{value:,.2f}".split(".")
    return "€ " + whole.replace(",", ".") + "," + cents


def getal(value, decimalen: int = 1, kort: bool = False) -> str:
    """A number with a decimal comma: 3.25 -> "3,3", getal(0.5, 2) -> "0,50".

    kort: a whole number without decimals and no trailing zeros (12.0 -> "12", 12.50 -> "12,5")."""
    text = f"{float(value):.{decimalen}f}"
    if kort and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def weken(n) -> str:
    """A number of weeks: 1 -> "1 week", 3 -> "3 weken"."""
    number = int(n) if float(n) == int(float(n)) else n
    return f"{number} week" if number == 1 else f"{number} weken"


MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


def datum(day) -> str:
    """A date the Dutch way: date(2026, 12, 7) -> "7 december 2026"."""
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"
