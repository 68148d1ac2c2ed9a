"""Starting over, and short answers ("ja", "weet ik niet") without a question before them."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from .common import main_menu_buttons
from .teksten import tekst


class ActionOpnieuwBeginnen(Action):
    def name(self) -> Text:
        return "action_opnieuw_beginnen"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=tekst("algemeen.opnieuw"), buttons=main_menu_buttons())
        return [AllSlotsReset()]


class ActionLosAntwoord(Action):
    def name(self) -> Text:
        return "action_los_antwoord"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=tekst("algemeen.los_antwoord"), buttons=main_menu_buttons())
        return []
