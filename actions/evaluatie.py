"""The assessment: the frame's questions one by one, the outcome, and saving it with consent."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.text.dutch import getal
from besliswijzer.text.numbers import parse_score
from besliswijzer.errors import BesliswijzerError

from .common import (SIDE_INTENTS, SKIP_INTENTS, button, catalogue, contract_payload, database, label, latest_intent,
                     latest_text, tell_error)
from .formulier import MAX_ATTEMPTS, attempts_for, question_buttons
from .profiel import normalise, profile_from_tracker
from .teksten import tekst, teksten

SLOT = "evaluatie_score"


def questions():
    from besliswijzer.cases.assessment import load_questions
    return load_questions()


def next_question(answers: Dict[str, Optional[int]]):
    """The first question without an answer (a skipped question counts as answered: None)."""
    all_questions = questions()
    for number, question in enumerate(all_questions, start=1):
        if question.id not in answers:
            return number, len(all_questions), question
    return None, len(all_questions), None


def pillar_name(pillar: str) -> str:
    return teksten("evaluatie.pijlers").get(pillar, pillar)


def given_answers(answers: Dict[str, Optional[int]]) -> Dict[str, int]:
    return {qid: int(score) for qid, score in (answers or {}).items() if score is not None}


class ValidateEvaluatieForm(FormValidationAction):
    """Stores each score under its question; fills evaluatie_score only when all are answered."""

    def name(self) -> Text:
        return "validate_evaluatie_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        requested = tracker.get_slot("requested_slot")
        if requested != SLOT:
            return self.validate_topic(tracker, requested)
        intent = latest_intent(tracker)
        answers = dict(tracker.get_slot("evaluatie_antwoorden") or {})
        _, _, question = next_question(answers)
        if question is None:
            return [SlotSet(SLOT, _mean(answers)), SlotSet("requested_slot", None)]
        text = latest_text(tracker)
        score = parse_score(text)
        if score is None and intent in SIDE_INTENTS:
            return []  # a side question: answer it, then ask this question again
        attempts = attempts_for(tracker, SLOT)
        if score is not None:
            answers[question.id] = score
        elif intent in SKIP_INTENTS:
            answers[question.id] = None
        else:
            return [SlotSet("pogingen", {"slot": SLOT, "aantal": attempts + 1}), SlotSet(SLOT, None),
                    SlotSet("requested_slot", SLOT)]
        _, _, following = next_question(answers)
        done = following is None
        return [SlotSet("evaluatie_antwoorden", answers), SlotSet("pogingen", None),
                SlotSet(SLOT, _mean(answers) if done else None),
                SlotSet("requested_slot", None if done else SLOT)]


    @staticmethod
    def validate_topic(tracker: Tracker, requested: Optional[str]) -> List[EventType]:
        """The topic, from an entity or the user's words; a saved case needs it."""
        topic = normalise("thema", tracker.slots_to_validate().get("thema"))
        if topic is None and requested == "thema" and latest_intent(tracker) not in SIDE_INTENTS:
            topic = catalogue().match("thema", latest_text(tracker))
        if topic is not None:
            return [SlotSet("thema", topic), SlotSet("pogingen", None), SlotSet("requested_slot", SLOT)]
        if requested != "thema" or latest_intent(tracker) in SIDE_INTENTS:
            return []
        return [SlotSet("pogingen", {"slot": "thema", "aantal": attempts_for(tracker, "thema") + 1}),
                SlotSet("requested_slot", "thema")]


def _mean(answers: Dict[str, Optional[int]]) -> float:
    given = list(given_answers(answers).values())
    # evaluatie_score only marks "all answered"; 0 when every question was skipped
    return round(sum(given) / len(given), 2) if given else 0.0


def score_buttons(with_skip: bool) -> List[dict]:
    labels = teksten("evaluatie.schaal")
    buttons = [button(labels[str(n)], str(n)) for n in range(1, 6)]
    if with_skip:
        buttons.append(button(teksten("knoppen")["overslaan"], "/overslaan"))
    return buttons


class ActionEvaluatieStart(Action):
    """A clean sheet and a short introduction before the first question."""

    def name(self) -> Text:
        return "action_evaluatie_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=tekst("evaluatie.intro", aantal=len(questions())))
        return [SlotSet("evaluatie_antwoorden", {}), SlotSet(SLOT, None), SlotSet("pogingen", None),
                SlotSet("evaluatie_resultaat", None), SlotSet(AANPAK, None), SlotSet(VERLOOP, None)]


class ActionAskEvaluatieThema(Action):
    def name(self) -> Text:
        return "action_ask_evaluatie_form_thema"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        key = "evaluatie.thema_opnieuw" if attempts_for(tracker, "thema") else "evaluatie.thema"
        dispatcher.utter_message(text=tekst(key), buttons=question_buttons("thema", 0))
        return []


class ActionAskEvaluatieScore(Action):
    def name(self) -> Text:
        return "action_ask_evaluatie_score"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        answers = tracker.get_slot("evaluatie_antwoorden") or {}
        number, total, question = next_question(answers)
        if question is None:
            return []
        attempts = attempts_for(tracker, SLOT)
        if attempts >= MAX_ATTEMPTS:
            dispatcher.utter_message(text=current_question_explanation(answers))
        elif attempts == 1:
            dispatcher.utter_message(text=tekst("evaluatie.opnieuw"))
        dispatcher.utter_message(
            text=tekst("evaluatie.vraag", nummer=number, aantal=total, pijler=pillar_name(question.pillar),
                       tekst=question.text),
            buttons=score_buttons(with_skip=True))
        return []


def current_question_explanation(answers: Dict[str, Optional[int]]) -> Optional[str]:
    _, _, question = next_question(answers)
    if question is None:
        return None
    return tekst("evaluatie.uitleg", pijler=pillar_name(question.pillar), criterium=_sentence(question.criterion))


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def outcome_text(payload: Dict[str, Any]) -> str:
    total = getal(payload.get('totaal', 0))
    lines = [tekst("evaluatie.uitkomst", totaal=total)]
    if payload.get("sterk"):
        lines.append(tekst("evaluatie.sterk", punten=" ".join(payload["sterk"]).rstrip(".")))
    if payload.get("verbeterpunten"):
        lines.append(tekst("evaluatie.verbeter", punten=" ".join(payload["verbeterpunten"]).rstrip(".")))
    lines.append(inclusion_text(payload.get("inclusie") or {}))
    return "\n".join(line for line in lines if line)


def inclusion_text(inclusion: Dict[str, Any]) -> str:
    """Who could take part, always said on its own: the professional asked for it (issue 10)."""
    if inclusion.get("score") is None:
        return tekst("evaluatie.inclusie_onbekend")
    score = getal(inclusion['score'])
    done = " ".join(inclusion.get("wat_goed_ging") or []).rstrip(".")
    better = " ".join(inclusion.get("wat_beter_kan") or []).rstrip(".")
    return " ".join(part for part in (
        tekst("evaluatie.inclusie", score=score),
        tekst("evaluatie.inclusie_goed", punten=done) if done else "",
        tekst("evaluatie.inclusie_beter", punten=better) if better else "") if part)


class ActionEvaluatieResultaat(Action):
    """The outcome (evaluatie payload), then the question whether it may be saved."""

    def name(self) -> Text:
        return "action_evaluatie_resultaat"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        from besliswijzer.cases.assessment import evaluate

        answers = given_answers(tracker.get_slot("evaluatie_antwoorden"))
        try:
            payload = evaluate(answers)
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
            dispatcher.utter_message(text=tekst("evaluatie.te_weinig"),
                                     buttons=[button(teksten("knoppen")["evaluatie"], "/traject_evalueren")])
            return [SlotSet("evaluatie_resultaat", None)]
        dispatcher.utter_message(text=outcome_text(payload), json_message=contract_payload(payload))
        labels = teksten("knoppen")
        dispatcher.utter_message(text=tekst("evaluatie.toestemming"),
                                 buttons=[button(labels["opslaan_ja"], "/bevestigen"),
                                          button(labels["opslaan_nee"], "/ontkennen")])
        return [SlotSet("evaluatie_resultaat", payload)]


AANPAK, VERLOOP = "evaluatie_aanpak", "evaluatie_verloop"
MAX_TEXT = 500            # "a few sentences"; longer text is cut, never stored in full
# Questions the casus form answers on the side (it has rules for them); any other message is an answer.
CASE_FORM_SIDE_INTENTS = frozenset({"uitleg_vragen", "opnieuw_beginnen"})


def _short(text: str) -> Optional[str]:
    text = " ".join((text or "").split())
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rsplit(" ", 1)[0] + " ..."
    return text or None


def methods_and_tools(tracker: Tracker, text: str) -> Dict[str, List[str]]:
    """Catalogue ids of the methods and tools named: the NLU's entities, else the words themselves."""
    from .common import mentioned_subjects

    found: Dict[str, List[str]] = {"methodes": [], "tools": []}
    for entity, ident in mentioned_subjects(tracker, ["methode", "tool"]):
        key = "methodes" if entity == "methode" else "tools"
        if ident not in found[key]:
            found[key].append(ident)
    return found


def retry(slot: str, tracker: Tracker) -> Dict[Text, Any]:
    """Ask the same question again (not a rejection, so no fallback), counting the attempt."""
    return {slot: None, "requested_slot": slot, "pogingen": {"slot": slot, "aantal": attempts_for(tracker, slot) + 1}}


class ValidateEvaluatieCasusForm(FormValidationAction):
    """After consent to save: which methods and tools were used, and what happened. Both skippable."""

    def name(self) -> Text:
        return "validate_evaluatie_casus_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        # The extract_ methods do the work; they also count attempts (pogingen), which the default
        # run() would drop because it is not one of the form's slots.
        return await self.get_extraction_events(dispatcher, tracker, domain)

    @staticmethod
    def _answer(tracker: Tracker, slot: str) -> Optional[Dict[str, Any]]:
        """{} when this message is not for `slot`; None when it cannot be read; else the slot value."""
        if tracker.get_slot("requested_slot") != slot or latest_intent(tracker) in CASE_FORM_SIDE_INTENTS:
            return {}
        if latest_intent(tracker) in SKIP_INTENTS:
            return {"tekst": None, "overgeslagen": True}
        text = _short(latest_text(tracker))
        return {"tekst": text} if text else None

    async def extract_evaluatie_aanpak(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> Dict[Text, Any]:
        answer = self._answer(tracker, AANPAK)
        if answer == {}:
            return {}
        if answer is None:
            return retry(AANPAK, tracker)
        value = {"methodes": [], "tools": [], **answer}
        if answer.get("tekst"):
            value.update(methods_and_tools(tracker, answer["tekst"]))
            names = [label("methode", m) for m in value["methodes"]] + [label("tool", t) for t in value["tools"]]
            if names:
                dispatcher.utter_message(text=tekst("evaluatie.aanpak_genoteerd", lijst=", ".join(names)))
        return {AANPAK: value, "pogingen": None}

    async def extract_evaluatie_verloop(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> Dict[Text, Any]:
        answer = self._answer(tracker, VERLOOP)
        if answer == {}:
            return {}
        if answer is None:
            return retry(VERLOOP, tracker)
        return {VERLOOP: answer, "pogingen": None}


class ActionAskEvaluatieAanpak(Action):
    def name(self) -> Text:
        return "action_ask_evaluatie_aanpak"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        key = "evaluatie.aanpak_opnieuw" if attempts_for(tracker, AANPAK) else "evaluatie.aanpak"
        dispatcher.utter_message(text=tekst(key), buttons=[button(teksten("knoppen")["overslaan"], "/overslaan")])
        return []


class ActionAskEvaluatieVerloop(Action):
    def name(self) -> Text:
        return "action_ask_evaluatie_verloop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=tekst("evaluatie.verloop"),
                                 buttons=[button(teksten("knoppen")["overslaan"], "/overslaan")])
        return []


def case_details(tracker: Tracker) -> Dict[str, Any]:
    """What the user told about the approach, as fields for save_evaluation: methods and tools (catalogue
    ids; the user's own words when none was recognised, the core keeps them beside the ids) and what happened."""
    approach = tracker.get_slot(AANPAK) or {}
    course = tracker.get_slot(VERLOOP) or {}
    details: Dict[str, Any] = {}
    if approach.get("methodes") or approach.get("tools"):
        details["methodes"] = list(approach.get("methodes") or [])
        details["tools"] = list(approach.get("tools") or [])
    elif approach.get("tekst"):
        details["methodes"] = [approach["tekst"]]
    if course.get("tekst"):
        details["wat_gebeurde"] = course["tekst"]
    return details


class ActionEvaluatieOpslaan(Action):
    """Saves the assessment as a case marked as own evaluation, only after the user said yes."""

    def name(self) -> Text:
        return "action_evaluatie_opslaan"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        from besliswijzer.cases.assessment import save_evaluation

        result = tracker.get_slot("evaluatie_resultaat")
        answers = given_answers(tracker.get_slot("evaluatie_antwoorden"))
        if not result or not answers:
            dispatcher.utter_message(text=tekst("evaluatie.te_weinig"))
            return []
        profile = profile_from_tracker(tracker)
        # case fields (casus import format); only what the user told, nothing personal
        meta = {key: profile[key] for key in ("gemeente", "thema", "schaal", "niveau") if key in profile}
        if profile.get("doelgroep"):
            meta["doelgroepen"] = profile["doelgroep"]
        if "thema" in profile:
            meta["titel"] = tekst("evaluatie.titel", thema=label("thema", profile["thema"]).lower())
        meta.update(case_details(tracker))
        try:
            with database() as session:
                case_id = save_evaluation(session, answers, meta)
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
            return []
        payload = dict(result, casus_id=case_id)
        dispatcher.utter_message(text=tekst("evaluatie.opgeslagen", casus_id=case_id), json_message=contract_payload(payload))
        return [SlotSet("evaluatie_resultaat", payload)]
