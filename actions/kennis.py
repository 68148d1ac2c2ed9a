"""Open questions ("hoe koppel ik terug?", "is participatie verplicht?") answered from the sourced
knowledge base (besliswijzer/data/kennis.yml), with a follow-up offer. They arrive as uitleg_vragen
(action_uitleg) or, for a tip that fits an advice request, at the start of the advice form."""
from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from besliswijzer.reference import knowledge as kennis

from .common import button, contract_payload, entity_values, intent_payload, latest_text
from .teksten import tekst


def topic_of(tracker: Tracker) -> Optional[str]:
    """The topic a button named, or the one the user's words are about."""
    named = [v for v in entity_values(tracker, "kennis_onderwerp") if v in kennis.load_topics()]
    return named[0] if named else kennis.find_topic(latest_text(tracker))


def follow_up_buttons(payload: dict) -> List[dict]:
    buttons = []
    for item in payload["vervolg"]:
        if item == "advies":
            buttons.append(button(tekst("kennis.advies"), "/advies_vragen"))
        elif item == "evaluatie":
            buttons.append(button(tekst("kennis.evaluatie"), "/traject_evalueren"))
        else:
            buttons.append(button(tekst("kennis.meer", titel=kennis.topic(item).titel.lower()),
                                  intent_payload("uitleg_vragen", {"kennis_onderwerp": item})))
    return buttons


def send_answer(dispatcher: CollectingDispatcher, ident: str, with_buttons: bool = True) -> None:
    payload = kennis.answer(ident)
    sources = "; ".join(f"{s['titel']} ({s['url']})" for s in payload["bronnen"])
    text = f"{payload['titel']}. {payload['tekst']}\n\n{tekst('kennis.bronnen', bronnen=sources)}"
    dispatcher.utter_message(text=text, json_message=contract_payload(payload),
                             buttons=follow_up_buttons(payload) if with_buttons else [])


def answer_if_known(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answer from the knowledge base when the message is about one of its topics."""
    ident = topic_of(tracker)
    if ident:
        send_answer(dispatcher, ident)
    return ident is not None


def tip_for_advice_request(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """"Hoe krijg ik jongeren mee zonder de usual suspects?" asks for advice and a tip: give the tip
    (topics marked bij_advies in kennis.yml), then the advice form goes on."""
    ident = kennis.find_topic(latest_text(tracker))
    if ident and kennis.topic(ident).bij_advies:
        send_answer(dispatcher, ident, with_buttons=False)
