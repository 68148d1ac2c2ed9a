"""What an evaluating team says in its own words: the heuristics behind the assessment's answers.

Teams name what they did as they call it ("een wijkavond en een online peiling"), often already in
their first message; they add a remark to a score ("2, we hadden geen ervaring met online
peilingen"), ask what a question means ("wat bedoel je precies?"), and name groups they did not
reach ("jongeren deden nauwelijks mee"). The functions here read such things from text with the
catalogue's matching; they keep no state: the forms (evaluatie.py) decide what a reading means.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from rasa_sdk import Tracker

from besliswijzer.text.fold import normalise
from besliswijzer.text.numbers import parse_score

from .common import catalogue

__all__ = ["asks_what_is_meant", "earlier_methods", "hard_to_reach_groups", "methods_in_words", "score_and_remark",
           "suggestions"]

TERM_ENTITIES = ("methode", "tool")

# "wat bedoel je?", "wat bedoel je precies met deze vraag?", "ik snap de vraag niet", "hoe bedoel je?"
_WHAT_IS_MEANT = re.compile(
    r"\b(wat|hoe)\s+bedoel\s+(je|jij|u)\b(?!\s+met\s+(?!(deze|die|de|dit|dat)\s+(vraag|vragen)\b)\w)"
    r"|\b(snap|begrijp|volg)\s+(ik\s+)?(de|deze|die|uw|je|jouw)?\s*vraag\s+niet\b"
    r"|\bwat\s+(betekent|houdt)\s+(deze|die|de)\s+vraag\b|\bwat\s+wordt\s+(hier|ermee|daarmee)\s+bedoeld\b"
    r"|\b(leg|licht)\s+(de|deze|die)\s+vraag\b|\bvraag\s+(uitleggen|toelichten)\b",
    re.IGNORECASE)


def asks_what_is_meant(text: str) -> bool:
    """A question about the open question itself, not about a method it names."""
    return bool(_WHAT_IS_MEANT.search(text or ""))


def methods_in_words(text: str) -> Dict[str, List[str]]:
    """Catalogue ids of the methods and tools the words name ("wijkavond en online peiling"), the
    longer name first; a method or tool named after "geen" or "niet" is left out."""
    found: Dict[str, List[str]] = {"methodes": [], "tools": []}
    for clause in _clauses(text):
        if _NEGATED.search(clause):
            continue
        for entity, ident in catalogue().mentions(TERM_ENTITIES, clause):
            key = "methodes" if entity == "methode" else "tools"
            if ident not in found[key]:
                found[key].append(ident)
    return found


_NEGATED = re.compile(r"\b(geen|niet|nooit|zonder)\b", re.IGNORECASE)
_STOP = {"een", "de", "het", "en", "met", "via", "van", "in", "op", "we", "wij", "hebben", "hadden", "deden", "gedaan",
         "zoals", "gezegd", "ook", "nog", "voor", "door", "bij", "om", "te", "is", "was", "waren", "die", "dat", "er",
         "ons", "onze", "ze", "zij", "toen", "daarna", "eerst", "paar", "twee", "drie", "keer", "gehouden",
         "georganiseerd", "gebruikt", "maar", "of", "als", "al", "wat", "iets", "veel", "weinig", "aan", "uit"}


def suggestions(text: str, limit: int = 3) -> List[Tuple[str, str]]:
    """(entity, id) close to the words when none was recognised: "bedoelt u *informatiebijeenkomst*?"."""
    found: List[Tuple[str, str]] = []
    for word in normalise(text).split():
        if len(word) < 5 or word in _STOP:
            continue
        for entity in TERM_ENTITIES:
            close = catalogue().suggest(entity, word, n=1)
            if close and (entity, close[0]) not in found:
                found.append((entity, close[0]))
                break
        if len(found) >= limit:
            break
    return found


def earlier_methods(tracker: Tracker) -> Dict[str, List[str]]:
    """Methods and tools the user named before the assessment started (the first message often says
    "we hielden een wijkavond en een online peiling"), from the message that started it and those before."""
    texts: List[str] = []
    for event in tracker.events:
        if event.get("event") == "user" and event.get("text") and not str(event["text"]).startswith("/"):
            texts.append(event["text"])
        if event.get("event") == "action" and event.get("name") == "action_evaluatie_start":
            break
    found: Dict[str, List[str]] = {"methodes": [], "tools": []}
    for text in texts:
        for key, ids in methods_in_words(text).items():
            found[key] += [i for i in ids if i not in found[key]]
    return found


# "2, we hadden geen ervaring", "4 want ze hoorden alles", "redelijk: de opkomst viel tegen"
_SCORE_HEAD = re.compile(r"^\s*(\d(?:[.,]\d)?(?:\s*(?:/|van|uit)\s*5)?|[a-zA-Zé ]{3,20}?)\s*(?:[,;:\-–(]|\s(?=want\b|"
                         r"omdat\b|maar\b|doordat\b|alleen\b|wel\b|niet\b))\s*(.+)$", re.IGNORECASE | re.DOTALL)


def score_and_remark(text: str) -> Tuple[Optional[int], Optional[str]]:
    """A score with the remark after it: ("2, we hadden geen ervaring ...") -> (2, "we hadden geen ervaring ...").
    A plain score gives (score, None); no score at the start gives (None, None)."""
    text = " ".join((text or "").split())
    plain = parse_score(text)
    match = _SCORE_HEAD.match(text)
    if match:
        score = parse_score(match.group(1).strip())
        remark = match.group(2).strip().rstrip(").").strip()
        if score is not None and len(remark) >= 3:
            return score, remark[:300]
    return plain, None


# A group named in a clause with one of these words was hard to reach, not the target group.
_NOT_REACHED = re.compile(r"\b(nauwelijks|amper|bijna\s+niet|bijna\s+geen|weinig|niet\s+bereikt|niet\s+mee|"
                          r"geen|nauwelijks\s+mee|moeilijk|lastig|ontbraken|ontbrak|misten|bleven\s+weg|"
                          r"haakten\s+af|kwamen\s+niet|deden\s+niet)\b", re.IGNORECASE)


def _clauses(text: str) -> List[str]:
    return [c for c in re.split(r"[.;:!?,]|\b(?:maar|terwijl|behalve)\b", text or "", flags=re.IGNORECASE) if c.strip()]


def hard_to_reach_groups(texts: List[str]) -> List[str]:
    """Groups the team names as not reached ("jongeren deden nauwelijks mee", "weinig ouderen")."""
    found: List[str] = []
    for text in texts:
        for clause in _clauses(text):
            if _NOT_REACHED.search(clause):
                found += [g for g in catalogue().find("doelgroep", clause) if g not in found]
    return found
