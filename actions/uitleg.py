"""Explaining a method, tool, concept or rung of the ladder from the catalogue."""
from __future__ import annotations

import re
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.errors import BesliswijzerError

from .common import button, contract_payload, intent_payload, label, latest_text, mentioned_subjects, tell_error
from .evaluatie import question_explanation as assessment_question_explanation
from .formulier import question_explanation
from .kennis import answer_if_known
from .teksten import tekst
from .vergelijken import send_rung_comparison

# "wat is/betekent/bedoel je met X": a definition from the catalogue, not a how-to answer.
DEFINITION = re.compile(r"^\s*(wat\s+(is|zijn|betekent|betekenen|bedoel\w*|houdt|verstaa?n?)\b|leg\b|uitleg"
                        r"|hoe\s+(werkt|verloopt|gaat)\b|(kun|kan)\s+(je|jij|u)\s+(uitleggen|vertellen))", re.IGNORECASE)
EXAMPLES = (("methode", "burgerberaad"), ("tool", "polis"), ("methode", "world_cafe"))


def subjects(tracker: Tracker) -> List[tuple]:
    """(entity, id) pairs the latest message asks about, in a sensible order."""
    return mentioned_subjects(tracker, ("methode", "tool", "begrip", "niveau"))


def explain_subject(entity: str, ident: str) -> tuple:
    """(text, payload) for one subject."""
    from besliswijzer.advice.explain import explain

    payload = explain(ident)
    text = f"{payload.get('titel', label(entity, ident))}: {payload.get('tekst', '')}".strip()
    return text, payload


def open_question_explained(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"Wat bedoel je?" in the middle of a form is about the open question: explain that one."""
    loop = (tracker.active_loop or {}).get("name")
    if loop == "advies_form":
        explanation = question_explanation(tracker.get_slot("requested_slot"))
    elif loop in ("evaluatie_form", "evaluatie_casus_form"):
        explanation = assessment_question_explanation(tracker.get_slot("requested_slot"), tracker)
    else:
        explanation = None
    if explanation:
        dispatcher.utter_message(text=explanation)
    return bool(explanation)


class ActionUitleg(Action):
    def name(self) -> Text:
        return "action_uitleg"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        found = subjects(tracker)
        definition = found and DEFINITION.search(latest_text(tracker))
        if not definition and answer_if_known(dispatcher, tracker):
            # "hoe koppel ik terug aan de deelnemers", "hoe werf ik deelnemers voor een burgerberaad":
            # a how-to question the knowledge base answers; "wat is een burgerberaad" is a definition.
            return []
        if not found and open_question_explained(dispatcher, tracker):
            return []
        if not found:
            dispatcher.utter_message(text=tekst("uitleg.welke"), buttons=[
                button(label(entity, ident), intent_payload("uitleg_vragen", {entity: ident}))
                for entity, ident in EXAMPLES])
            return []
        rungs = [ident for entity, ident in found if entity == "niveau"]
        if len(set(rungs)) >= 2:  # "wat is het verschil tussen informeren en raadplegen"
            send_rung_comparison(dispatcher, rungs)
            return []
        entity, ident = found[0]
        try:
            text, payload = explain_subject(entity, ident)
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
            return []
        buttons = [button(tekst("uitleg.ook", naam=label(e, i)), intent_payload("uitleg_vragen", {e: i}))
                   for e, i in found[1:3] if e in ("methode", "tool")]
        dispatcher.utter_message(text=text, json_message=contract_payload(payload), buttons=buttons)
        return []

