"""Explaining a method, tool, concept or rung of the ladder from the catalogue, and answering open
questions from the knowledge base (actions/kennis.py), each question of a message in turn."""
from __future__ import annotations

import re
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.errors import BesliswijzerError

from besliswijzer.reference import retrieval
from besliswijzer.text.sentences import is_comparison, is_question

from .common import button, catalogue, contract_payload, intent_payload, label, latest_text, mentioned_ids, tell_error
from .evaluatie import question_explanation as assessment_question_explanation
from .formulier import question_explanation
from .kennis import UNANSWERED_SLOT, answer_questions, not_sure, send_answer, split_questions, sure_topic, topic_named
from .teksten import tekst

# "wat is/betekent/bedoel je met X": a definition from the catalogue, not a how-to answer.
DEFINITION = re.compile(r"^\s*(wat\s+(is|zijn|betekent|betekenen|bedoel\w*|houdt|verstaa?n?)\b|leg\b|uitleg"
                        r"|hoe\s+(werkt|verloopt|gaat)\b|(kun|kan)\s+(je|jij|u)\s+(uitleggen|vertellen))"
                        r"|\b(uitleggen|uitleg\s+(over|van))\b", re.IGNORECASE)
EXAMPLES = (("methode", "burgerberaad"), ("tool", "polis"), ("methode", "world_cafe"))
SUBJECT_KINDS = ("methode", "tool", "begrip", "niveau")
_LEAD = re.compile(r"^\s*(en|maar|of|ook|dus)\s+", re.IGNORECASE)


def subjects(tracker: Tracker) -> List[tuple]:
    """(entity, id) pairs the latest message asks about, in a sensible order: the NLU's entities, else
    names in the text without typo tolerance ("inspraak" is no typo of a method's name)."""
    found = [(entity, ident) for entity in SUBJECT_KINDS for ident in mentioned_ids(tracker, entity)]
    return found or catalogue().mentions(SUBJECT_KINDS, latest_text(tracker), strict=True)


def explain_subject(entity: str, ident: str) -> tuple:
    """(text, payload) for one subject."""
    from besliswijzer.advice.explain import explain

    payload = explain(ident)
    text = f"{payload.get('titel', label(entity, ident))}: {payload.get('tekst', '')}".strip()
    if payload.get("bronnen"):
        sources = "; ".join(f"{s['titel']} ({s['url']})" for s in payload["bronnen"])
        text += "\n\n" + tekst("kennis.bronnen", bronnen=sources)
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


def send_rung_comparison(dispatcher: CollectingDispatcher, rungs: List[str]) -> None:
    from besliswijzer.advice.explain import compare_rungs

    try:
        payload = compare_rungs(rungs)
    except BesliswijzerError as error:
        tell_error(dispatcher, error)
        return
    dispatcher.utter_message(text=f"{payload['titel']}\n{payload['tekst']}", json_message=contract_payload(payload))


def send_explanation(dispatcher: CollectingDispatcher, found: List[tuple], with_buttons: bool = True) -> None:
    """The catalogue's explanation of the first subject (with its sources), or the rungs side by side."""
    rungs = [ident for entity, ident in found if entity == "niveau"]
    if len(set(rungs)) >= 2:  # "wat is het verschil tussen informeren en raadplegen"
        send_rung_comparison(dispatcher, rungs)
        return
    entity, ident = found[0]
    try:
        text, payload = explain_subject(entity, ident)
    except BesliswijzerError as error:
        tell_error(dispatcher, error)
        return
    buttons = [button(tekst("uitleg.ook", naam=label(e, i)), intent_payload("uitleg_vragen", {e: i}))
               for e, i in found[1:3] if e in ("methode", "tool")] if with_buttons else []
    dispatcher.utter_message(text=text, json_message=contract_payload(payload), buttons=buttons)


def definition_of(question: str) -> List[tuple]:
    """The catalogue subjects a question asks the definition of ("wat is een burgerberaad?"), or []."""
    if not DEFINITION.search(_LEAD.sub("", question)):
        return []
    return catalogue().mentions(SUBJECT_KINDS, question, strict=True)


class ActionUitleg(Action):
    def name(self) -> Text:
        return "action_uitleg"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        named = topic_named(tracker)
        if named:                       # a button of a knowledge topic
            send_answer(dispatcher, named)
            return []
        text = latest_text(tracker)
        if retrieval.out_of_scope(text):
            # bijstand, afval, a passport: not this bot's subject, and no explanation of something else
            dispatcher.utter_message(response="utter_buiten_bereik")
            return []
        found = subjects(tracker)
        if not text.strip() or text.startswith("/"):
            return self.without_words(dispatcher, tracker, found)
        questions = split_questions(text)
        if len(questions) > 1:
            return self.several(dispatcher, tracker, questions)
        if found and DEFINITION.search(_LEAD.sub("", text)):
            # "wat is een burgerberaad": a definition from the catalogue, not a how-to answer
            send_explanation(dispatcher, found)
            return []
        topic = sure_topic(questions[0])
        if topic is not None:
            # "hoe koppel ik terug aan de deelnemers", "hoe bindend is een burgerpanel": the knowledge base
            send_answer(dispatcher, topic, with_options=is_comparison(text))
            return []
        if found:
            send_explanation(dispatcher, found)
            return []
        if open_question_explained(dispatcher, tracker):
            return []
        return self.unsure(dispatcher, tracker, text)

    def unsure(self, dispatcher, tracker, text) -> List[EventType]:
        """No sure answer: say so honestly, offer the closest topics, and mark it for the inbox; with no
        topic close either ("wat is dat eigenlijk?"), ask what to explain, with examples."""
        if retrieval.best(text, kinds=("kennis",)).close:
            return not_sure(dispatcher, text)
        self.without_words(dispatcher, tracker, [])
        return [SlotSet(UNANSWERED_SLOT, True)]

    @staticmethod
    def without_words(dispatcher, tracker, found) -> List[EventType]:
        """A button (/uitleg_vragen with or without a subject) or an empty message."""
        if found:
            send_explanation(dispatcher, found)
        elif not open_question_explained(dispatcher, tracker):
            dispatcher.utter_message(text=tekst("uitleg.welke"), buttons=[
                button(label(entity, ident), intent_payload("uitleg_vragen", {entity: ident}))
                for entity, ident in EXAMPLES])
        return []

    def several(self, dispatcher, tracker, questions) -> List[EventType]:
        """Several questions in one message: each answered briefly, in order."""
        def explain(question, last):
            subjects_asked = definition_of(question.own)
            if subjects_asked:
                send_explanation(dispatcher, subjects_asked, with_buttons=last)
            return bool(subjects_asked)

        left = answer_questions(dispatcher, questions, explain)
        if len(left) == len(questions):
            return self.unsure(dispatcher, tracker, " ".join(q.text for q in questions))
        if left:
            dispatcher.utter_message(text=tekst("kennis.deels"))
            return [SlotSet(UNANSWERED_SLOT, True)]
        return []


# Words with which people ask for examples or cases: without any of them, a "case search" that has
# a sure answer in the knowledge base was an open question ("wat gebeurt er met de uitkomsten?").
# "Ervaringsdeskundigen" and "kiezen tussen projecten" ask no examples; "ervaringen" and "projecten in
# Twente" do.
ASKS_FOR_CASES = re.compile(r"\b(voorbeeld\w*|casus\w*|ervaring(en)?|praktijk\w*|elders|andere gemeente\w*|"
                            r"gedaan|inspiratie|succesverha\w*|best practices?|lessen|geleerd|"
                            r"(welke|andere|vergelijkbare|soortgelijke|geslaagde|mooie|goede) (projecten|trajecten)|"
                            r"(projecten|trajecten) (in|uit|met|rond|over|waar|van|bij)|"
                            r"waar (is|zijn|heeft|hebben)|wie (heeft|hebben)|laat .* zien|toon)\b",
                            re.IGNORECASE)


def has_open_answer(tracker: Tracker, catalogue_too: bool = True) -> bool:
    """The message is an open question the knowledge base (or, with catalogue_too, the catalogue)
    answers surely."""
    text = latest_text(tracker)
    if not text.strip() or text.startswith("/"):
        return False
    if retrieval.out_of_scope(text):        # answered with "not my subject"
        return True
    if catalogue_too and subjects(tracker):
        return True
    return any(sure_topic(q) is not None for q in split_questions(text))


# An open question names a subject in at least this many content words ("waarom dit advies?" names
# one and asks about the advice; "waarom is het belangrijk dat de gemeente vroeg met omwonenden praat?" five).
OPEN_QUESTION_TERMS = 3


def is_open_question(text: str) -> bool:
    """A question about a subject, not about the conversation: a question with enough content words
    that some knowledge topic comes close (so the honest 'no sure answer' has topics to offer)."""
    return (is_question(text) and len(retrieval.subject_terms(text)) >= OPEN_QUESTION_TERMS
            and bool(retrieval.best(text, kinds=("kennis",)).close))


def answer_open_question(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
    """Answer as an open question (for actions whose intent turned out to be one)."""
    return ActionUitleg().run(dispatcher, tracker, domain)
