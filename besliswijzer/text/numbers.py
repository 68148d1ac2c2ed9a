"""Dutch numbers in free text: amounts of money, durations and 1-5 scores.

People answer the bot's questions in their own words ("anderhalve ton", "een half jaar",
"redelijk"). These functions turn such text into the contract's values (euros, weeks, 1-5
scores). Every parser returns None when the text does not say what is asked: the bot then asks
again instead of guessing.
"""
from __future__ import annotations

import math
import re
from typing import Optional

from besliswijzer.text.fold import normalise, strip_accents

__all__ = ["parse_amount_euro", "parse_duration_weeks", "parse_score"]


# --------------------------------------------------------------------------- Dutch numbers

_UNITS = {"een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
          "zeven": 7, "acht": 8, "negen": 9}
_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
          "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
         "tachtig": 80, "negentig": 90}
_FRACTIONS = {"anderhalve": 1.5, "anderhalf": 1.5, "halve": 0.5, "half": 0.5}
_MULTIPLIERS = {"honderd": 100, "duizend": 1_000, "mille": 1_000, "ton": 100_000,
                "miljoen": 1_000_000}
# Longest first, so "achttien" is not read as "acht" + "tien" and "anderhalve" not as "ander...".
_MORPHEMES = sorted(
    list(_UNITS) + list(_TEENS) + list(_TENS) + list(_FRACTIONS) + list(_MULTIPLIERS) + ["en"],
    key=len, reverse=True)


def _split_number_word(word: str) -> Optional[list[str]]:
    """Split a written Dutch number into its parts: "vijfentwintigduizend" -> [vijf, en, twintig, duizend]."""
    word = strip_accents(word)
    parts: list[str] = []
    i = 0
    while i < len(word):
        for m in _MORPHEMES:
            if word.startswith(strip_accents(m), i):
                parts.append(strip_accents(m))
                i += len(m)
                break
        else:
            return None
    return parts or None


def _evaluate(parts: list[str]) -> Optional[float]:
    """Value of a sequence of number parts; None when there is no number in it."""
    total = 0.0
    current = 0.0
    seen = False
    previous = ""
    for part in parts:
        if part == "en":
            continue
        if part in _UNITS or part in _TEENS or part in _TENS:
            current += {**_UNITS, **_TEENS, **_TENS}[part]
            seen = True
        elif part in _FRACTIONS:
            value = _FRACTIONS[part]
            # "een half" is one half (not 1.5); "twee en een half" is 2.5
            if value == 0.5 and previous == "een":
                current -= 1
            current += value
            seen = True
        elif part in _MULTIPLIERS:
            factor = _MULTIPLIERS[part]
            base = current if current else 1
            if factor == 100:
                current = base * 100
            else:
                total += base * factor
                current = 0
            seen = True
        previous = part
    return total + current if seen else None


def _number_from_words(tokens: list[str]) -> Optional[float]:
    """The value of the first run of number words in tokens ("vijftien duizend" -> 15000)."""
    best: Optional[float] = None
    run: list[str] = []
    for token in tokens + [""]:
        parts = _split_number_word(token) if token else None
        if parts:
            run.extend(parts)
            continue
        if run:
            meaningful = [p for p in run if p not in ("en", "een")]
            if meaningful:
                best = _evaluate(run)
                break
            run = []
    return best


_DIGITS = r"\d+(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"


def _to_float(number: str, *, decimal_point_ok: bool) -> float:
    """Dutch notation: 15.000 is fifteen thousand, 1,5 is one and a half."""
    number = number.replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d{3})+(?:,\d+)?", number):
        return float(number.replace(".", "").replace(",", "."))
    if "," in number:
        return float(number.replace(",", "."))
    if "." in number and not decimal_point_ok:
        return float(number.replace(".", ""))
    return float(number)


def _round(value: float) -> int:
    return int(math.floor(value + 0.5))


# --------------------------------------------------------------------------- amounts

_NO_BUDGET = re.compile(
    r"\b(geen|zonder|nul|0)\s*(euro\s*)?(budget|geld|middelen|cent|euro)\b|"
    r"\bbudget\s+(is\s+)?(nul|0)\b|\bniks\b|\bniets\b|\bgratis\b|\bkosteloos\b")
# A vague number of hundreds or thousands, read as what people usually mean by it.
_VAGUE_COUNT = {"paar": 2, "enkele": 3, "aantal": 3}
_VAGUE_AMOUNT = re.compile(r"\b(?P<count>(?:een )?paar|enkele|een aantal)\s+(?P<mult>honderd(?:en)?|duizend(?:en)?|ton)\b")
_AMOUNT = re.compile(rf"(?P<num>{_DIGITS})\s*(?P<mult>k\b|duizend|mille|ton\b|miljoen|mln\b|m\b)?")


def parse_amount_euro(text) -> Optional[int]:
    """Euros in a Dutch money phrase: "15k", "€ 15.000,-", "vijftienduizend euro", "geen budget" -> 0."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _round(text) if text >= 0 else None
    raw = str(text).lower().replace("€", " euro ")
    raw = re.sub(r",-+", "", raw)
    norm = normalise(raw)
    if not norm:
        return None
    if _NO_BUDGET.search(norm):
        return 0
    vague = _VAGUE_AMOUNT.search(norm)
    if vague:
        # "een paar duizend euro" is an estimate of about two thousand, not one thousand
        return _VAGUE_COUNT[vague.group("count").split()[-1]] * _MULTIPLIERS[re.sub(r"en$", "", vague.group("mult"))]
    match = _AMOUNT.search(norm)
    if match:
        mult = match.group("mult")
        factor = {"k": 1_000, "duizend": 1_000, "mille": 1_000, "ton": 100_000, "miljoen": 1_000_000,
                  "mln": 1_000_000, "m": 1_000_000}.get(mult or "", 1)
        value = _to_float(match.group("num"), decimal_point_ok=factor > 1)
        # "15 duizend" may also be written as digits followed by a word multiplier
        return _round(value * factor)
    value = _number_from_words(norm.split())
    if value is None:
        return None
    return _round(value)


# --------------------------------------------------------------------------- durations

_UNIT_WEEKS = {
    "dag": 1 / 7, "dagen": 1 / 7,
    "week": 1, "weken": 1, "wk": 1, "wkn": 1,
    "maand": 52 / 12, "maanden": 52 / 12, "mnd": 52 / 12, "mndn": 52 / 12,
    "kwartaal": 13, "kwartalen": 13,
    "jaar": 52, "jaren": 52, "jr": 52,
}
_DURATION = re.compile(rf"(?P<num>{_DIGITS})\s*(?P<unit>{'|'.join(sorted(_UNIT_WEEKS, key=len, reverse=True))})\b")


def parse_duration_weeks(text) -> Optional[int]:
    """Weeks in a Dutch duration: "3 maanden" 13, "een half jaar" 26, "zes weken" 6, "anderhalve maand" 7.

    Vague time ("voor de zomer", "zo snel mogelijk") gives None, so the bot asks again.
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _round(text) if text > 0 else None
    norm = normalise(text)
    if not norm:
        return None
    match = _DURATION.search(norm)
    if match:
        value = _to_float(match.group("num"), decimal_point_ok=True) * _UNIT_WEEKS[match.group("unit")]
        return max(1, _round(value)) if value > 0 else None
    tokens = norm.split()
    # "een week of zes": the number comes after the unit
    for i, token in enumerate(tokens[:-2]):
        if token in _UNIT_WEEKS and tokens[i + 1] == "of":
            value = _number_from_words(tokens[i + 2:i + 3]) or _digits(tokens[i + 2])
            if value:
                return max(1, _round(value * _UNIT_WEEKS[token]))
    for i, token in enumerate(tokens):
        if token not in _UNIT_WEEKS:
            continue
        before = tokens[max(0, i - 4):i]
        value = None
        # the longest run of number words right before the unit: "twee en een half jaar"
        for start in range(len(before)):
            candidate = before[start:]
            if candidate[0] != "en" and all(_split_number_word(t) for t in candidate):
                parts = [p for t in candidate for p in _split_number_word(t)]
                value = _evaluate(parts)
                break
        if value is None and token in ("kwartaal",):
            value = 1
        if value:
            return max(1, _round(value * _UNIT_WEEKS[token]))
    # "anderhalfjaar", "halfjaar" written as one word
    for word, weeks in (("anderhalfjaar", 78), ("halfjaar", 26)):
        if word in norm.replace(" ", ""):
            return weeks
    return None


def _digits(token: str) -> Optional[float]:
    return float(token) if token.isdigit() else None


# --------------------------------------------------------------------------- scores

# Checked in this order, so "heel goed" wins over "goed" and "niet goed" over "goed".
_SCORE_PHRASES: list[tuple[str, int]] = [
    (r"heel slecht|zeer slecht|erg slecht|super slecht|waardeloos|helemaal niet|heel zwak|zeer zwak|"
     r"heel matig|rampzalig|nooit|totaal niet|dramatisch|bar slecht", 1),
    # negations before the plain words they contain
    (r"niet slecht|niet zo slecht|niet onaardig", 3),
    (r"niet zo goed|niet goed|niet echt|niet voldoende|niet veel", 2),
    (r"ruim voldoende|best goed|vrij goed|redelijk goed", 4),
    (r"heel goed|zeer goed|erg goed|super goed|supergoed|uitstekend|perfect|fantastisch|geweldig|"
     r"uitmuntend|top|altijd|helemaal|volledig|prachtig|excellent", 5),
    (r"onvoldoende|matig|mager|zwak|slecht|weinig|zelden|beperkt|nauwelijks|amper", 2),
    (r"redelijk|gemiddeld|neutraal|gaat wel|middelmatig|soms|voldoende|wisselend|"
     r"half|deels|een beetje|ok|oke|okay|zo zo|zozo|best aardig|aardig", 3),
    (r"goed|prima|vaak|meestal|sterk|positief|fijn|tevreden", 4),
    # the questions are yes/no questions: a plain yes or no is a clear, if mild, judgement
    (r"ja|jazeker|zeker|jawel|klopt", 4),
    (r"nee|neen|nope", 2),
]
_SCORE_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}


def parse_score(text) -> Optional[int]:
    """A 1-5 score from a number or a Dutch judgement: "4", "4/5", "redelijk" 3, "slecht" 2, "heel goed" 5."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return int(text) if 1 <= text <= 5 and text == int(text) else None
    norm = normalise(text)
    if not norm:
        return None
    match = re.fullmatch(r"(?:(?:een|cijfer|score)\s+)?(\d+(?:,\d+)?)(?:\s*(?:/|van|uit)\s*5)?(?:\s+\w+)?", norm)
    if match:
        value = float(match.group(1).replace(",", "."))
        return _round(value) if 1 <= value <= 5 else None
    if norm in _SCORE_WORDS or norm in ("een", "eén"):
        return _SCORE_WORDS.get(norm, 1)
    # "ik geef het een vier", "score drie"
    words = norm.split()
    for word in reversed(words):
        if word in _SCORE_WORDS and word != "een":
            return _SCORE_WORDS[word]
    for pattern, score in _SCORE_PHRASES:
        if re.search(rf"\b(?:{pattern})\b", norm):
            return score
    return None
