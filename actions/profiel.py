"""The user's situation as slots, as the core's profile, and as one Dutch sentence.

The facts of a situation are the core's profile fields (besliswijzer/advice/profile.py); the advice
form's questions are the domain's (bot/domain/advies.yml, forms: advies_form); the summary says
the facts in the order of its lines in teksten.yml (profiel.<slot>)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from besliswijzer.advice.profile import KEYS, TERM_FIELDS   # KEYS: the slots of the user's situation
from besliswijzer.reference.places import normalise_gemeente
from besliswijzer.text.numbers import parse_amount_euro, parse_duration_weeks
from besliswijzer.text.dutch import euro, lijst, weken

from .common import catalogue, label
from .teksten import tekst, teksten

_YES, _NO = {"ja", "true", "wel"}, {"nee", "false", "geen"}


def normalise(slot: str, value: Any) -> Any:
    """The canonical value of a slot, or None when the value cannot be understood.

    Slots filled from entities hold the words the user typed ("15k", "oudren"); this turns
    them into what the contract expects (15000, "ouderen")."""
    if value is None:
        return None
    if slot == "doelgroep":
        items = value if isinstance(value, list) else [value]
        found: List[str] = []
        for item in items:
            # one value may name several groups: "ouderen en nieuwkomers"
            for term in catalogue().find("doelgroep", item) or [catalogue().match("doelgroep", item)]:
                if term and term not in found:
                    found.append(term)
        return found or None
    if slot in TERM_FIELDS:
        return catalogue().match(slot, value)
    if slot == "budget_euro":
        return parse_amount_euro(value)
    if slot == "doorlooptijd_weken":
        return parse_duration_weeks(value)
    if slot == "gemeente":
        return normalise_gemeente(value)
    if slot == "ruimte_voor_invloed":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        return True if word in _YES else False if word in _NO else None
    if slot in ("doel", "rol"):
        word = str(value).strip().lower()
        return word if word in catalogue().preconditions[slot] else None
    if slot == "onderwerp":
        from besliswijzer.advice.preconditions import load_rules
        return value if value in load_rules()["onderwerp"] else None
    return value


def profile_from_slots(slots: Dict[str, Any]) -> Dict[str, Any]:
    """The contract's profile dict from slot values; unknown or empty values are left out."""
    profile: Dict[str, Any] = {}
    for slot in KEYS:
        value = normalise(slot, slots.get(slot))
        if value is None or value == []:
            continue
        profile[slot] = int(value) if slot in ("budget_euro", "doorlooptijd_weken") else value
    return profile


def profile_from_tracker(tracker: Tracker) -> Dict[str, Any]:
    return profile_from_slots({slot: tracker.get_slot(slot) for slot in KEYS})


def describe(slot: str, value: Any) -> str:
    """Dutch words for one profile value: ["ouderen", "jongeren"] -> "Ouderen en Jongeren"."""
    if slot == "doelgroep":
        names = [label("doelgroep", v).lower() for v in value]
        return lijst(names)
    if slot in TERM_FIELDS:
        return label(slot, value).lower()
    if slot == "budget_euro":
        return tekst("profiel.geen_budget") if int(value) == 0 else "ongeveer " + euro(value)
    if slot == "doorlooptijd_weken":
        return weken(int(value))
    if slot == "ruimte_voor_invloed":
        return tekst("voorwaarden.ruimte.ja" if value else "voorwaarden.ruimte.nee")
    if slot in ("doel", "rol"):
        return tekst(f"voorwaarden.{slot}.{value}")
    if slot == "onderwerp":
        return str(value)
    return str(value)


def said_slots(profile: Dict[str, Any]) -> List[str]:
    """The facts of `profile` that the summary names, in the order of its lines (teksten.yml, profiel)."""
    return [slot for slot in teksten("profiel") if slot in profile]


def summary_lines(profile: Dict[str, Any]) -> List[str]:
    return [tekst(f"profiel.{slot}", waarde=describe(slot, profile[slot])) for slot in said_slots(profile)]


def short_summary(profile: Dict[str, Any]) -> str:
    """Known facts in a few words, for "Ik heb al genoteerd: ..."."""
    return ", ".join(describe(slot, profile[slot]) for slot in said_slots(profile))


def summary_text(profile: Dict[str, Any]) -> str:
    lines = summary_lines(profile)
    return "\n".join([tekst("profiel.intro"), *("- " + line for line in lines), tekst("profiel.klopt")])


def previous_value(tracker: Tracker, slot: str) -> Optional[Any]:
    """The slot's value before the latest user message (to notice corrections)."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    value = None
    for event in events[:last_user]:
        if event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
        elif event.get("event") in ("reset_slots", "restart"):
            value = None
    return value
