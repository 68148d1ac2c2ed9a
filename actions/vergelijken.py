"""Comparing two or more methods or tools, for the user's profile when there is one."""
from __future__ import annotations

import re

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.errors import BesliswijzerError
from besliswijzer.text.dutch import lijst

from .common import contract_payload, label, latest_text, mentioned_subjects, tell_error
from .uitleg import answer_open_question, has_open_answer, send_rung_comparison
from .profiel import profile_from_tracker
from .teksten import tekst


def ids_to_compare(tracker: Tracker) -> List[str]:
    """Named methods and tools; too few named, then fill up from the last advice."""
    ids = [ident for _, ident in mentioned_subjects(tracker, ("methode", "tool"))]
    if len(ids) < 2:
        advice = tracker.get_slot("laatste_advies") or {}
        for combination in advice.get("combinaties") or []:
            if len(ids) >= 2:
                break
            if combination["methode"] not in ids:
                ids.append(combination["methode"])
    return ids


def rungs_named(tracker: Tracker) -> List[str]:
    """Rungs of the ladder named in the latest message ("verschil tussen informeren en raadplegen")."""
    rungs: List[str] = []
    for _, ident in mentioned_subjects(tracker, ("niveau",)):
        if ident not in rungs:
            rungs.append(ident)
    return rungs


def _kind(ident: str) -> str:
    from .common import catalogue
    return "tool" if ident in catalogue().tools else "methode"


def comparison_text(payload: dict, with_profile: bool) -> str:
    lines = [tekst("vergelijken.kop_profiel" if with_profile else "vergelijken.kop")]
    for item in payload.get("items", []):
        pros, cons = item.get("voordelen") or ["-"], item.get("nadelen") or ["-"]
        lines.append(tekst("vergelijken.regel", naam=label(_kind(item["id"]), item["id"]),
                           score=round(100 * float(item.get("score", 0))),
                           voordeel=pros[0].rstrip("."), nadeel=cons[0].rstrip(".")))
    items = payload.get("items") or []
    if with_profile and items:
        top = max(round(100 * float(i.get("score", 0))) for i in items)
        best = [i for i in items if round(100 * float(i.get("score", 0))) == top]
        if len(best) == 1:
            lines.append(tekst("vergelijken.beste", naam=label(_kind(best[0]["id"]), best[0]["id"])))
        else:  # a tie is no winner
            names = [label(_kind(i["id"]), i["id"]) for i in best]
            lines.append(tekst("vergelijken.gelijk", namen=lijst(names)))
    return "\n".join(lines)


class ActionVergelijken(Action):
    def name(self) -> Text:
        return "action_vergelijken"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        from besliswijzer.advice.explain import compare

        named = [ident for _, ident in mentioned_subjects(tracker, ("methode", "tool"))]
        rungs = rungs_named(tracker)
        if len(rungs) >= 2 and len(named) < 2:
            send_rung_comparison(dispatcher, rungs)
            return []
        ids = ids_to_compare(tracker)
        if len(ids) < 2:
            # "vergelijk de enquête" asks for a second method; "inwonerspanel of burgerpanel?" names one
            # known subject, and is answered as an open question
            if (not re.match(r"\s*(vergelijk|zet\b)", latest_text(tracker), re.IGNORECASE)
                    and not rungs and has_open_answer(tracker)):
                return answer_open_question(dispatcher, tracker, domain)
            dispatcher.utter_message(text=tekst("vergelijken.welke"))
            return []
        profile = profile_from_tracker(tracker)
        try:
            payload = compare(ids, profile if profile.get("doelgroep") else None)
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
            return []
        dispatcher.utter_message(text=comparison_text(payload, bool(profile.get("doelgroep"))),
                                 json_message=contract_payload(payload))
        return []
