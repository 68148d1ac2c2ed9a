"""Searching living-lab cases: filters from the message, or cases like the user's situation."""
from __future__ import annotations

import re
from typing import Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer import language
from besliswijzer.errors import BesliswijzerError

from .common import database, entity_values, label, latest_intent, latest_text, mentioned_subjects, tell_error
from .profiel import FORM_SLOTS, describe, previous_value, profile_from_tracker
from .teksten import tekst, teksten

FILTERS = ("thema", "doelgroep", "schaal", "methode", "tool", "gemeente")
# When nothing is found, drop filters in this order: the least telling first.
LOOSEN_ORDER = ("gemeente", "schaal", "tool", "doelgroep", "methode", "thema")
OTHER_MUNICIPALITIES = re.compile(r"\bgemeenten\b|\bandere gemeente|\belders\b", re.IGNORECASE)


def filters_from_message(tracker: Tracker) -> Dict[str, str]:
    filters: Dict[str, str] = {}
    for entity, ident in mentioned_subjects(tracker, [f for f in FILTERS if f != "gemeente"]):
        filters.setdefault(entity, ident)
    if filters.get("schaal") == "gemeente" and OTHER_MUNICIPALITIES.search(latest_text(tracker)):
        del filters["schaal"]  # "voorbeelden uit andere gemeenten" names no scale
    places = [g for g in (language.normalise_gemeente(v) for v in entity_values(tracker, "gemeente")) if g]
    if places:
        filters["gemeente"] = places[0]
    return filters


def describe_filters(filters: Dict[str, str]) -> str:
    words = []
    for name, value in filters.items():
        if name == "gemeente":
            words.append(f"in {value}")
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
    return [tekst("casussen.regel", titel=c.get("titel", ""), gemeente=c.get("gemeente", ""),
                  voorbeeld=tekst("casussen.voorbeeld") if c.get("voorbeeld") else "",
                  resultaat=c.get("resultaat", "")) for c in cases]


def send_cases(dispatcher: CollectingDispatcher, heading: str, cases: List[dict]) -> None:
    from besliswijzer.cases import cases_payload

    dispatcher.utter_message(text="\n".join([heading, *case_lines(cases)]), json_message=cases_payload(cases))


def is_follow_up(tracker: Tracker) -> bool:
    """"en met ouderen?" right after a search: the rules send situatie_geven here to narrow it."""
    return latest_intent(tracker) != "casus_zoeken" and bool(tracker.get_slot("casus_filters"))


def undo_profile_slots(tracker: Tracker) -> List[EventType]:
    """A follow-up on a search names a filter, not the user's own situation: keep the profile as it was."""
    return [SlotSet(slot, previous_value(tracker, slot)) for slot in [*FORM_SLOTS, "gemeente"]
            if tracker.get_slot(slot) != previous_value(tracker, slot)]


class ActionCasussenZoeken(Action):
    def name(self) -> Text:
        return "action_casussen_zoeken"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        filters = filters_from_message(tracker)
        events: List[EventType] = []
        if is_follow_up(tracker):
            filters = {**tracker.get_slot("casus_filters"), **filters}
            events = undo_profile_slots(tracker)
        return self.search(dispatcher, tracker, filters) + events + [SlotSet("casus_filters", filters or None)]

    def search(self, dispatcher: CollectingDispatcher, tracker: Tracker, filters: Dict[str, str]) -> List[EventType]:
        from besliswijzer.cases import search_cases, similar_cases
        from besliswijzer.profile import Profile

        try:
            with database() as session:
                if not filters:
                    profile = profile_from_tracker(tracker)
                    if profile.get("doelgroep"):
                        cases = similar_cases(session, Profile.from_dict(profile), limit=3)
                        if cases:
                            send_cases(dispatcher, tekst("casussen.vergelijkbaar"), cases)
                            return []
                    cases = search_cases(session, limit=5)
                    if cases:
                        send_cases(dispatcher, tekst("casussen.algemeen"), cases)
                    else:
                        dispatcher.utter_message(text=tekst("casussen.niets"))
                    return []
                cases = search_cases(session, **filters, limit=5)
                if cases:
                    send_cases(dispatcher, tekst("casussen.gevonden", aantal=count(cases),
                                                 filters=describe_filters(filters)), cases)
                    return []
                # Nothing found: loosen one filter at a time and say which one was dropped.
                remaining = dict(filters)
                dropped: Dict[str, str] = {}
                for name in LOOSEN_ORDER:
                    if name not in remaining or len(remaining) == 1:
                        continue
                    dropped[name] = remaining.pop(name)
                    cases = search_cases(session, **remaining, limit=5)
                    if cases:
                        send_cases(dispatcher, tekst("casussen.verruimd", weg=describe_filters(dropped).strip(),
                                                     aantal=count(cases), filters=describe_filters(remaining)),
                                   cases)
                        return []
                dispatcher.utter_message(text=tekst("casussen.niets"))
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
        return []
