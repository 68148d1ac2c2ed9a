"""When the bot is not sure what the user means: first look for a sure answer in the knowledge base
(an open question the language model did not place), else offer the closest topics and the
likeliest meanings, never a bare "sorry"."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.reference import knowledge as kennis
from besliswijzer.reference import retrieval

from .common import button, intent_payload, latest_text, main_menu_buttons
from .kennis import not_sure
from .teksten import tekst, teksten
from .uitleg import ActionUitleg

MAX_OPTIONS = 3
# Intents that make no sense as a suggestion on their own.
NOT_SUGGESTED = {"nlu_fallback", "out_of_scope", "bevestigen", "ontkennen", "weet_niet", "overslaan",
                 "score_geven", "begroeten", "bedanken", "afscheid", "buiten_bereik"}


# Follow-ups on an advice: only a sensible guess once there is an advice to follow up on.
ADVICE_FOLLOW_UPS = {"waarom_vragen", "meer_opties"}


def likely_intents(tracker: Tracker) -> List[str]:
    ranking = tracker.latest_message.get("intent_ranking") or []
    labels = teksten("fallback.intenties")
    not_now = NOT_SUGGESTED | (set() if tracker.get_slot("laatste_advies") else ADVICE_FOLLOW_UPS)
    names = [item.get("name") for item in ranking
             if item.get("name") in labels and item.get("name") not in not_now]
    if len(names) < 2:  # always offer a real choice
        names += [n for n in ("advies_vragen", "casus_zoeken", "uitleg_vragen") if n not in names]
    return names[:MAX_OPTIONS]


def first_values(entities: list) -> dict:
    values = {}
    for item in entities or []:
        values.setdefault(item.get("entity"), item.get("value"))
    return values


class ActionDefaultAskAffirmation(Action):
    """First stage of the fallback: "Bedoelt u ...?" with the 2-3 likeliest intents as buttons."""

    def name(self) -> Text:
        return "action_default_ask_affirmation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        labels = teksten("fallback.intenties")
        entities = first_values(tracker.latest_message.get("entities"))
        buttons = [button(labels[name], intent_payload(name, entities)) for name in likely_intents(tracker)]
        sure = retrieval.best(latest_text(tracker), kinds=("kennis",)).answer
        if sure:  # words of a knowledge topic ("de hardste schreeuwers"): offer that answer first
            topic = sure.ident
            buttons.insert(0, button(tekst("kennis.bedoelt_u", titel=kennis.topic(topic).titel.lower()),
                                     intent_payload("uitleg_vragen", {"kennis_onderwerp": topic})))
            buttons = buttons[:MAX_OPTIONS]
        buttons.append(button(tekst("fallback.iets_anders"), "/out_of_scope"))
        dispatcher.utter_message(text=tekst("fallback.bedoelt_u"), buttons=buttons)
        return []


class ActionDefaultAskRephrase(Action):
    """Second stage: none of the options fitted; ask to say it differently, with an example."""

    def name(self) -> Text:
        return "action_default_ask_rephrase"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=tekst("fallback.anders_zeggen"))
        return []


class ActionDefaultFallback(Action):
    """Still not understood: say what the bot can do, offer the main choices, and go on."""

    def name(self) -> Text:
        return "action_default_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=tekst("fallback.geef_op"), buttons=main_menu_buttons())
        return [UserUtteranceReverted()]


class ActionOpenVraag(ActionUitleg):
    """Not sure of the intent: answer from the knowledge base when a sure answer exists (each question
    of the message in turn); otherwise say so, with the closest topics and the likeliest meanings."""

    def name(self) -> Text:
        return "action_open_vraag"

    def unsure(self, dispatcher, tracker, text) -> List[EventType]:
        labels = teksten("fallback.intenties")
        entities = first_values(tracker.latest_message.get("entities"))
        intents = [button(labels[name], intent_payload(name, entities)) for name in likely_intents(tracker)][:2]
        return not_sure(dispatcher, text, extra_buttons=intents + [button(tekst("fallback.iets_anders"),
                                                                          "/wat_kun_je")])
