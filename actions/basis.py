"""Starting over, and short answers ("ja", "weet ik niet") without a question before them."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from .common import latest_intent, main_menu_buttons
from .teksten import tekst


class ActionOpnieuwBeginnen(Action):
    def name(self) -> Text:
        return "action_opnieuw_beginnen"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=tekst("algemeen.opnieuw"), buttons=main_menu_buttons())
        return [AllSlotsReset()]


# Offers the bot makes in words (teksten.yml key), and what "ja" to them starts.
OFFERS = {"advies.waarom_geen_advies": "advies_form"}


def last_bot_text(tracker: Tracker) -> str:
    return next((e.get("text") or "" for e in reversed(tracker.events) if e.get("event") == "bot"), "")


class ActionLosAntwoord(Action):
    """A short answer without a question of a form before it: "ja" to an offer does what was
    offered; otherwise say what the bot can do instead of guessing."""

    def name(self) -> Text:
        return "action_los_antwoord"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        if latest_intent(tracker) == "bevestigen":
            said = last_bot_text(tracker)
            for key, action in OFFERS.items():
                if said == tekst(key):
                    return [FollowupAction(action)]
        dispatcher.utter_message(text=tekst("algemeen.los_antwoord"), buttons=main_menu_buttons())
        return []
