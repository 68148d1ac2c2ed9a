"""Starting over, what the bot can do, and short answers ("ja", "weet ik niet") without a question
before them."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.text.fold import normalise

from .common import latest_intent, latest_text, main_menu_buttons
from .teksten import tekst


class ActionOpnieuwBeginnen(Action):
    def name(self) -> Text:
        return "action_opnieuw_beginnen"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=tekst("algemeen.opnieuw"), buttons=main_menu_buttons())
        return [AllSlotsReset()]


# Words with which a message speaks to or about the bot itself ("wat kan ik van je verwachten?",
# "hoe werkt deze besliswijzer?"): such a message asks what the bot can do, whatever else it names.
ABOUT_THE_BOT = frozenset({"je", "jij", "jou", "jouw", "u", "uw", "deze", "besliswijzer", "chatbot", "bot",
                           "assistent", "robot"})


class ActionWatKunJe(Action):
    """"Wat kun je?": what the bot can do. A question that only sounds like it and names a subject
    the bot knows ("Wat houdt Right to Challenge in?") gets that subject's sourced answer instead."""

    def name(self) -> Text:
        return "action_wat_kun_je"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        from .uitleg import answer_open_question, has_open_answer

        words = set(normalise(latest_text(tracker)).split())
        if not words & ABOUT_THE_BOT and has_open_answer(tracker):
            return answer_open_question(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_wat_kun_je")
        return []


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
