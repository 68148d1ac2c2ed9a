"""Open questions ("hoe koppel ik terug?", "hoe bindend is een burgerpanel?") answered from the sourced
knowledge base (besliswijzer/data/kennis.yml) and the catalogue, each question of a message in turn.

The search is besliswijzer/reference/retrieval.py. Only a sure answer is given; otherwise the bot
says honestly what it can do, offers the closest topics as buttons, and marks the message for the
maintainers' inbox (slot `onbeantwoord`, read by broker/beheer.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from besliswijzer.reference import knowledge as kennis
from besliswijzer.reference import retrieval
from besliswijzer.text.sentences import is_comparison, is_question, sentences

from .common import button, contract_payload, entity_values, intent_payload, latest_text
from .teksten import tekst

__all__ = ["Question", "split_questions", "sure_topic", "topic_named", "send_answer", "answer_questions", "not_sure",
           "follow_up_buttons", "tip_for_request", "side_by_side", "UNANSWERED_SLOT"]

UNANSWERED_SLOT = "onbeantwoord"
MAX_QUESTIONS = 4          # a message with more questions gets answers to the first four


@dataclass(frozen=True)
class Question:
    text: str              # the question, with the sentences before it that set its scene
    own: str               # the question sentence alone


def split_questions(text: str) -> List[Question]:
    """The questions of a message in order. A statement before a question is its context
    ("We bouwen een wijk. Hoe betrek ik de buurt?"); a message without a question is one question."""
    found, context = [], []
    for sentence in sentences(text):
        if is_question(sentence):
            found.append(Question(" ".join(context + [sentence]), sentence))
            context = []
        else:
            context.append(sentence)
    if context and found:
        last = found[-1]
        found[-1] = Question(f"{last.text} {' '.join(context)}", last.own)
    return found or [Question(text, text)]


def sure_topic(question: Question) -> Optional[str]:
    """The knowledge topic that surely answers a question: the question sentence alone first, because
    a long scene can drown it ("We bouwen tweehonderd woningen bij het station en de buurt maakt zich
    zorgen over verkeer. Hoe werkt loting?" asks about the lottery, not about housing); then with the
    sentences that set its scene, which a question without a subject needs ("We bouwen een wijk. Hoe
    pakken we dat aan?")."""
    for text in dict.fromkeys((question.own, question.text)):
        decision = retrieval.best(text, kinds=("kennis",))
        if decision.answer is not None:
            return decision.answer.ident
    return None


def topic_named(tracker: Tracker) -> Optional[str]:
    """The topic a button named ({"kennis_onderwerp": id})."""
    named = [v for v in entity_values(tracker, "kennis_onderwerp") if v in kennis.load_topics()]
    return named[0] if named else None


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


def side_by_side(options: List[dict]) -> str:
    """The options of a topic as lines of chat text: when each fits, its plus and minus points (the
    words of the comparison of methods, actions/vergelijken.py)."""
    lines = [tekst("kennis.naast_elkaar")]
    for option in options:
        lines.append(tekst("kennis.optie", naam=option["naam"], wanneer=option["wanneer"]))
        if option["voordelen"]:
            lines.append(tekst("kennis.plus", punten="; ".join(option["voordelen"])))
        if option["nadelen"]:
            lines.append(tekst("kennis.min", punten="; ".join(option["nadelen"])))
    return "\n".join(lines)


def send_answer(dispatcher: CollectingDispatcher, ident: str, with_buttons: bool = True,
                with_options: bool = True) -> None:
    """The sourced answer of a topic. Its options side by side (text and payload alike) only where they
    are asked for: a question that weighs options, or the topic's own button; an ordinary question and a
    tip before a form stay short."""
    payload = kennis.answer(ident)
    if not with_options:
        payload.pop("opties", None)
    sources = "; ".join(f"{s['titel']} ({s['url']})" for s in payload["bronnen"])
    title = payload["titel"] if payload["titel"].endswith(("?", "!", ".")) else f"{payload['titel']}."
    parts = [f"{title} {payload['tekst']}"]
    if payload.get("opties"):
        parts.append(side_by_side(payload["opties"]))
    text = "\n\n".join(parts + [tekst("kennis.bronnen", bronnen=sources)])
    dispatcher.utter_message(text=text, json_message=contract_payload(payload),
                             buttons=follow_up_buttons(payload) if with_buttons else [])


def answer_questions(dispatcher: CollectingDispatcher, questions: List[Question], explain=None) -> List[Question]:
    """Answer each question that has a sure answer, in order; returns the questions left open.

    `explain(question)` may answer a question from the catalogue first (a definition of a method,
    tool or concept); it returns True when it did."""
    left = []
    asked = questions[:MAX_QUESTIONS]
    answered = []
    for number, question in enumerate(asked):
        last = number == len(asked) - 1
        if explain is not None and explain(question, last):
            answered.append(question)
            continue
        topic = sure_topic(question)
        if topic is not None and topic not in _answered(dispatcher):
            send_answer(dispatcher, topic, with_buttons=last or len(asked) == 1,
                        with_options=is_comparison(question.own))
            answered.append(question)
        else:
            left.append(question)
    return left


def _answered(dispatcher: CollectingDispatcher) -> List[str]:
    """Topics already answered in this turn (a topic is given once, even if asked twice)."""
    return [m.get("custom", {}).get("onderwerp") for m in dispatcher.messages
            if (m.get("custom") or {}).get("type") == "kennis"]


def not_sure(dispatcher: CollectingDispatcher, text: str, extra_buttons=()) -> list:
    """No sure answer: say so, offer the closest topics, and mark the message for the inbox."""
    close = [h for h in retrieval.best(text, kinds=("kennis",)).close][:3]
    buttons = [button(tekst("kennis.bedoelt_u", titel=kennis.topic(h.ident).titel.lower()),
                      intent_payload("uitleg_vragen", {"kennis_onderwerp": h.ident})) for h in close]
    buttons += list(extra_buttons)
    dispatcher.utter_message(text=tekst("kennis.niet_zeker" if close else "kennis.onbekend"), buttons=buttons)
    return [SlotSet(UNANSWERED_SLOT, True)]


def tip_for_request(dispatcher: CollectingDispatcher, tracker: Tracker, form: str = "advies") -> None:
    """A request that starts a form ("advies" or "evaluatie") may also ask a question: "Hoe krijg ik
    jongeren mee zonder de usual suspects?" asks for advice and a tip, "Welke vragen stel je bij het
    evalueren?" for the evaluation and an explanation. Give the sure answer to the question (and, for
    advice, a tip marked bij_advies in kennis.yml even without a question mark), and answer the other
    questions of the message, before the form asks its first question."""
    text = latest_text(tracker)
    if not text.strip() or text.startswith("/") or retrieval.out_of_scope(text):
        return
    questions = split_questions(text)
    if len(questions) > 1:      # each sure answer first; the form's own question comes last
        answer_questions(dispatcher, questions)
        return
    topic = sure_topic(questions[0])
    if topic and (is_question(text) or (form == "advies" and kennis.topic(topic).bij_advies)):
        send_answer(dispatcher, topic, with_buttons=False, with_options=False)
