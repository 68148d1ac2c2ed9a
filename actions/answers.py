"""Facts read from what the user typed: the heuristics behind the advice form's answers.

The NLU hands the form entities; people also answer in words the NLU did not tag ("anderhalve
ton", "voor de zomer", "vooral eigenaarschap"), correct themselves without an entity ("budget is
eigenlijk 8000"), name the municipality they work for rather than a scale ("als gemeente Almelo"),
or ask a question that merely mentions an option ("wat houdt coproduceren in"). The functions here
read such facts from the text and the entities of one message; they keep no state and decide
nothing about the conversation: the forms (formulier.py) decide what a fact means there.
"""
from __future__ import annotations

import re
from typing import Any, List, Optional

from rasa_sdk import Tracker

from besliswijzer.advice.preconditions import infer
from besliswijzer.reference.places import normalise_gemeente
from besliswijzer.text.fold import fold
from besliswijzer.text.numbers import parse_amount_euro

from .common import catalogue, latest_text
from .profiel import normalise

__all__ = ["ONLINE_QUESTION", "adds_to_list", "asks_for_plan", "looks_like_question", "named_budget", "names_a_municipality", "negated_groups",
           "plausible", "precondition_from_text", "question_spans", "statements", "vague_amount_around"]

# "waarom niet alleen online?", "kan het niet gewoon digitaal?": a question about online-only.
ONLINE_QUESTION = re.compile(r"\b(niet|geen|alleen|gewoon|alles)\b.*\b(online|digitaal|internet|app|website)\b"
                             r"|\b(online|digitaal)\b.*\b(niet|genoeg)\b", re.IGNORECASE)


def precondition_from_text(slot: str, text: str) -> Any:
    """"het besluit ligt al vast" -> False; "draagvlak" -> "draagvlak"; "rechtmatig" -> "rechtmatig"."""
    found = infer(text).get(slot)
    if found is not None:
        return found
    words = set(re.findall(r"\w+", fold(text)))
    return next((value for value in catalogue().preconditions.get(slot, ()) if value in words), None)


_NAMED_MUNICIPALITY = re.compile(r"\bgemeente\s+((?:'s-)?[A-Z][\w'-]*(?:\s+(?:aan|op|van|den|de)\s+[A-Z][\w'-]*)?)")
_WHOLE_MUNICIPALITY = re.compile(r"\b(hele|gehele|heel de)\s+gemeente\b|\bgemeentebreed\b", re.IGNORECASE)


def names_a_municipality(text: str) -> bool:
    """"bij de gemeente Almelo" names where someone works, not the scale of the trajectory."""
    if _WHOLE_MUNICIPALITY.search(text):
        return False
    return any(normalise_gemeente(m.group(1)) for m in _NAMED_MUNICIPALITY.finditer(text))


_NAMED_BUDGET = re.compile(r"\bbudget\w*\b\D{0,25}?(€?\s*\d[\d.,]*\s*(?:k\b|duizend|euro)?)", re.IGNORECASE)


_AFTER_BUDGET = re.compile(r"\bbudget\w*\b\W*(?:is|van|wordt|zit op|bedraagt)?\s*((?:\w+\s+){0,3}(?:duizend\w*|honderd\w*|ton|"
                           r"miljoen|euro)\b)", re.IGNORECASE)


def named_budget(text: str) -> Optional[int]:
    """The amount right after the word "budget", for corrections the NLU did not tag."""
    match = _NAMED_BUDGET.search(text)
    if match:
        return parse_amount_euro(match.group(1))
    # in words: "het budget is een paar duizend euro", "budget: vijftienduizend"
    rest = _AFTER_BUDGET.search(text)
    return parse_amount_euro(rest.group(1)) if rest else None


def plausible(slot: str, value: Any, text: str = "") -> bool:
    """Whether an unasked value is believable ("drie" tagged as money is not a budget of 3 euro)."""
    if value is None:
        return False
    if slot == "budget_euro":
        return value == 0 or value >= 100
    if slot == "schaal" and value == "gemeente":
        return not names_a_municipality(text)
    return True


QUESTION_WORDS = re.compile(r"^\s*(wat|hoe|waarom|wie|welke|welk|wanneer|waar|kun|kunt|kan|leg|vertel|is|zijn|"
                            r"heb|heeft|hebben|mag|moet|bedoel)\b", re.IGNORECASE)


# "toon casussen over jongeren", "vergelijk enquete en burgerpanel": a request, not an answer.
SIDE_REQUEST_WORDS = re.compile(r"\b(casus\w*|cases?|voorbeeld\w*|praktijkvoorbeeld\w*|vergelijk\w*|verschil|"
                                r"uitleg\w*|leg\b.*\buit)\b", re.IGNORECASE)


def looks_like_question(text: str) -> bool:
    return "?" in text or bool(QUESTION_WORDS.match(text)) or bool(SIDE_REQUEST_WORDS.search(text))


_NEGATION_BEFORE = re.compile(r"\b(niet|geen|zonder|behalve)\s+(de\s+|het\s+)?$", re.IGNORECASE)


def negated_groups(tracker: Tracker) -> List[str]:
    """Groups named with "niet" before them: "het gaat om ouderen, niet jongeren" drops jongeren."""
    text = latest_text(tracker)
    found = []
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "doelgroep" and isinstance(entity.get("start"), int) \
                and _NEGATION_BEFORE.search(text[max(0, entity["start"] - 12):entity["start"]]):
            found += normalise("doelgroep", [entity.get("value")]) or []
    return found


def adds_to_list(text: str) -> bool:
    """"ook jongeren", "en daarnaast ondernemers": add to the groups instead of replacing them."""
    return bool(re.search(r"\b(ook|daarnaast|erbij|plus|tevens)\b", text.lower()))


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def question_spans(text: str) -> List[tuple]:
    """(start, end) of each sentence that asks something: it ends with "?" or opens with a question
    word. "waarom niet alles online? jongeren zitten op hun telefoon" asks in its first part only."""
    spans = []
    for match in _SENTENCE.finditer(text or ""):
        sentence = match.group().strip()
        if sentence and (sentence.endswith("?") or QUESTION_WORDS.match(sentence)):
            spans.append((match.start(), match.end()))
    return spans


def statements(text: str) -> str:
    """The text without its questions: what the user tells rather than asks."""
    kept, last = [], 0
    for start, end in question_spans(text):
        kept.append(text[last:start])
        last = end
    kept.append((text or "")[last:])
    return " ".join(part.strip() for part in kept if part.strip())


_VAGUE_BEFORE = re.compile(r"\b((?:een )?paar|enkele|een aantal)\s+$", re.IGNORECASE)


def vague_amount_around(value: Any, text: str) -> Optional[int]:
    """"een paar duizend euro" when the NLU tagged only "duizend euro": the estimate of the whole."""
    if not isinstance(value, str) or not value or value not in (text or ""):
        return None
    at = text.index(value)
    before = _VAGUE_BEFORE.search(text[max(0, at - 20):at])
    return parse_amount_euro(before.group(1) + " " + value) if before else None


_PLAN_REQUEST = re.compile(r"\b(uitprint\w*|print\w*|download\w*|pdf|word|docx|odt|opslaan|bewaren|wethouder|"
                           r"doorsturen|mailen|delen|als (een )?(plan|document|bestand))\b", re.IGNORECASE)
_PLAN_WORD = re.compile(r"\b(plan|advies|document|bestand)\b", re.IGNORECASE)


def asks_for_plan(text: str) -> bool:
    """"kan ik dit advies als plan uitprinten of downloaden?": the plan of the advice given, not a
    new request for advice."""
    return bool(_PLAN_WORD.search(text or "")) and bool(_PLAN_REQUEST.search(text or ""))
