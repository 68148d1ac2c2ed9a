"""Searching living-lab cases: filters from the message, or cases like the user's situation."""
from __future__ import annotations

import re
from typing import Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.reference.places import widen_gemeente
from besliswijzer.cases.texts import outcome_label, outcome_note, source_line
from besliswijzer.errors import BesliswijzerError
from besliswijzer.reference.places import load_regions

from .common import (contract_payload, database, entity_values, label, latest_intent, latest_text,
                     mentioned_subjects, tell_error)
from .profiel import describe, previous_value, profile_from_tracker
from .teksten import tekst, teksten
from .vergelijk_elders import asks_elsewhere, send_comparison

FILTERS = ("thema", "doelgroep", "schaal", "methode", "tool", "gemeente", "regio")
PLACE_FILTERS = ("gemeente", "regio")
# When nothing is found, drop filters in this order: the least telling first.
LOOSEN_ORDER = ("gemeente", "regio", "schaal", "tool", "doelgroep", "methode", "thema")
OTHER_MUNICIPALITIES = re.compile(r"\bgemeenten\b|\bandere gemeente|\belders\b", re.IGNORECASE)
# "bij ons in de buurt": the region of the user's own municipality (the profile's gemeente).
NEARBY = re.compile(r"\b(?:bij ons|hier|bij mij) in de (?:buurt|regio|omgeving)\b|\bin (?:onze|de eigen|mijn) "
                    r"(?:regio|omgeving|provincie)\b|\bdicht ?bij (?:ons|huis)\b|\bin de buurt van ons\b",
                    re.IGNORECASE)
# "heb je er een uit Overijssel?": the same search somewhere else.
BACK_REFERENCE = re.compile(r"\ber (?:een|eentje|ook|nog)\b|\bdaar ook\b|\bzo'?n\b|\bnog (?:een|eentje|meer)\b"
                            r"|\book (?:een|eentje|iets|voorbeelden)\b", re.IGNORECASE)
NEARBY_MARK = "_in_de_buurt"   # filter key: the region came from "bij ons in de buurt"


def places_from_message(tracker: Tracker) -> Dict[str, str]:
    """gemeente (official name) and/or regio (province or region id) named in the latest message."""
    regions = load_regions()
    found: Dict[str, str] = {}
    for value in entity_values(tracker, "regio") + entity_values(tracker, "gemeente"):
        place = regions.place(value)
        if place is not None and place.kind != "gemeente":
            found.setdefault("regio", place.id)
        elif (name := widen_gemeente(value, latest_text(tracker))):
            found.setdefault("gemeente", name)
    text = latest_text(tracker)
    if "regio" not in found:
        named = regions.find(text)
        if named:
            found["regio"] = named[0].id
    if not found and NEARBY.search(text):
        place = regions.nearby(tracker.get_slot("gemeente") or "")
        found = {"regio": place.id, NEARBY_MARK: "ja"} if place else {NEARBY_MARK: "onbekend"}
    return found


def filters_from_message(tracker: Tracker) -> Dict[str, str]:
    filters: Dict[str, str] = {}
    for entity, ident in mentioned_subjects(tracker, [f for f in FILTERS if f not in PLACE_FILTERS]):
        filters.setdefault(entity, ident)
    if filters.get("schaal") == "gemeente" and OTHER_MUNICIPALITIES.search(latest_text(tracker)):
        del filters["schaal"]  # "voorbeelden uit andere gemeenten" names no scale
    places = places_from_message(tracker)
    if places.get("regio") and filters.get("schaal") == "regio":
        del filters["schaal"]  # "in Twente" names a place, not the scale of a trajectory
    if NEARBY_MARK in places and filters.get("schaal") in ("buurt", "regio"):
        del filters["schaal"]  # "bij ons in de buurt" is about where, not a neighbourhood
    filters.update(places)
    return filters


def describe_filters(filters: Dict[str, str]) -> str:
    words = []
    for name, value in filters.items():
        if name == NEARBY_MARK:
            continue
        if name == "gemeente":
            words.append(f"in {value}")
        elif name == "regio":
            place = load_regions().place(value)
            key = "casussen.in_de_buurt" if filters.get(NEARBY_MARK) == "ja" else "casussen.regio"
            words.append(tekst(key, naam=place.name if place else value))
        elif name in ("methode", "tool"):
            words.append(f"met {label(name, value)}")
        elif name == "doelgroep":
            words.append(f"voor {describe('doelgroep', [value])}")
        elif name == "schaal":
            words.append(teksten("casussen.schaal").get(value, value))
        else:
            words.append(f"over {label(name, value).lower()}")
    return (" " + ", ".join(words)) if words else ""


def count(cases: List[dict]) -> str:
    return tekst("casussen.aantal_een") if len(cases) == 1 else tekst("casussen.aantal_meer", aantal=len(cases))


def case_lines(cases: List[dict]) -> List[str]:
    lines = []
    for c in cases:
        note = outcome_note(c)
        result = (c.get("resultaat") or "").strip().rstrip(".")
        result = f"{result} ({note})" if result and note else (result or outcome_label(c))
        lines.append(tekst("casussen.regel", titel=c.get("titel", ""), gemeente=c.get("gemeente", ""),
                           voorbeeld=tekst("casussen.voorbeeld") if c.get("voorbeeld") else "",
                           resultaat=result + ".", bron=source_line(c)))
    return lines


def send_cases(dispatcher: CollectingDispatcher, heading: str, cases: List[dict]) -> List[EventType]:
    """The list as text and as a `casussen` payload; remembers the ids for follow-up questions."""
    from besliswijzer.cases.store import cases_payload

    dispatcher.utter_message(text="\n".join([heading, *case_lines(cases)]),
                             json_message=contract_payload(cases_payload(cases)))
    return [SlotSet("casus_lijst", [c["id"] for c in cases])]


def is_follow_up(tracker: Tracker, filters: Dict[str, str]) -> bool:
    """"en met ouderen?" right after a search (the rules send situatie_geven here), or "heb je er een uit
    Overijssel?": narrow or move the last search instead of starting a new one."""
    if not tracker.get_slot("casus_filters"):
        return False
    if latest_intent(tracker) != "casus_zoeken":
        return True
    return bool(filters) and BACK_REFERENCE.search(latest_text(tracker)) is not None


def merge_filters(previous: Dict[str, str], new: Dict[str, str]) -> Dict[str, str]:
    """The previous search with the new filters; a new place replaces the old place."""
    if any(k in new for k in (*PLACE_FILTERS, NEARBY_MARK)):
        previous = {k: v for k, v in previous.items() if k not in (*PLACE_FILTERS, NEARBY_MARK)}
    return {**previous, **new}


def undo_profile_slots(tracker: Tracker, domain: DomainDict) -> List[EventType]:
    """A follow-up on a search names a filter, not the user's own situation: keep the profile as it was
    (the advice form's questions, as the domain lists them, and the municipality)."""
    slots = [*domain["forms"]["advies_form"]["required_slots"], "gemeente"]
    return [SlotSet(slot, previous_value(tracker, slot)) for slot in slots
            if tracker.get_slot(slot) != previous_value(tracker, slot)]


def core_filters(filters: Dict[str, str]) -> Dict[str, str]:
    return {k: v for k, v in filters.items() if k in FILTERS}


class ActionCasussenZoeken(Action):
    def name(self) -> Text:
        return "action_casussen_zoeken"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        if asks_elsewhere(tracker):   # after an own evaluation: a fair comparison, without the team's own case
            try:
                with database() as session:
                    return send_comparison(dispatcher, tracker, session)
            except BesliswijzerError as error:
                tell_error(dispatcher, error)
                return []
        from .uitleg import ASKS_FOR_CASES, answer_open_question, has_open_answer
        if (latest_intent(tracker) == "casus_zoeken" and not ASKS_FOR_CASES.search(latest_text(tracker))
                and has_open_answer(tracker, catalogue_too=False)):
            # "wat gebeurt er met de uitkomsten?" asks no examples: an open question with a sure answer
            return answer_open_question(dispatcher, tracker, domain)
        filters = filters_from_message(tracker)
        events: List[EventType] = []
        if is_follow_up(tracker, filters):
            filters = merge_filters(tracker.get_slot("casus_filters"), filters)
            if latest_intent(tracker) != "casus_zoeken":
                events = undo_profile_slots(tracker, domain)
        if filters.get(NEARBY_MARK) == "onbekend":
            dispatcher.utter_message(text=tekst("casussen.buurt_onbekend"))
            return events
        return self.search(dispatcher, tracker, filters) + events + [SlotSet("casus_filters", filters or None)]

    def search(self, dispatcher: CollectingDispatcher, tracker: Tracker, filters: Dict[str, str]) -> List[EventType]:
        from besliswijzer.cases.store import search_cases, similar_cases
        from besliswijzer.advice.profile import Profile

        try:
            with database() as session:
                if not filters:
                    profile = profile_from_tracker(tracker)
                    if profile.get("doelgroep"):
                        cases = similar_cases(session, Profile.from_dict(profile), limit=3)
                        if cases:
                            return send_cases(dispatcher, tekst("casussen.vergelijkbaar"), cases)
                    cases = search_cases(session, limit=5)
                    if cases:
                        return send_cases(dispatcher, tekst("casussen.algemeen"), cases)
                    else:
                        dispatcher.utter_message(text=tekst("casussen.niets"))
                    return []
                cases = search_cases(session, **core_filters(filters), limit=5)
                if cases:
                    return send_cases(dispatcher, tekst("casussen.gevonden", aantal=count(cases),
                                                        filters=describe_filters(filters)), cases)
                # Nothing found: loosen one filter at a time and say which one was dropped.
                remaining = core_filters(filters)
                mark = {NEARBY_MARK: filters[NEARBY_MARK]} if NEARBY_MARK in filters else {}
                dropped: Dict[str, str] = {}
                for name in LOOSEN_ORDER:
                    if name not in remaining or len(remaining) == 1:
                        continue
                    dropped[name] = remaining.pop(name)
                    cases = search_cases(session, **remaining, limit=5)
                    if cases:
                        return send_cases(dispatcher, tekst("casussen.verruimd", aantal=count(cases),
                                                            weg=describe_filters({**dropped, **mark}).strip(),
                                                            filters=describe_filters({**remaining, **mark})), cases)
                dispatcher.utter_message(text=tekst("casussen.niets"))
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
        return []
