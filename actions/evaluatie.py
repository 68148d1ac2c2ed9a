"""The assessment: the frame's questions one by one, the outcome, and saving it with consent."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from besliswijzer.text.dutch import getal
from besliswijzer.text.numbers import parse_score
from besliswijzer.errors import BesliswijzerError

from .common import button, contract_payload, database, label, tell_error
from .form_validation import MAX_ATTEMPTS, GuidedFormValidation, attempts_for
from .formulier import question_buttons
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


class ValidateEvaluatieForm(GuidedFormValidation):
    """The topic first (a saved case needs it), then the frame's questions one by one: each score is
    stored under its question; evaluatie_score is filled only when all are answered."""

    def name(self) -> Text:
        return "validate_evaluatie_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        """The topic is asked before the first question of the frame; once those started, only they are."""
        return [SLOT] if tracker.get_slot(REQUESTED_SLOT) == SLOT else domain_slots

    def may_skip(self, slot: Text, attempts: int) -> bool:
        return slot == SLOT      # a question of the frame may stay unanswered; the topic may not

    def skipped(self, slot: Text, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        return self.answered(tracker, None)

    def is_side_question(self, slot: Text, text: Text) -> bool:
        return slot != SLOT or parse_score(text) is None    # "4?" still answers the question

    def validate_thema(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> Dict[Text, Any]:
        """The topic, from an entity or the user's words."""
        return {"thema": normalise("thema", value)}

    def validate_evaluatie_score(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> Dict[Text, Any]:
        """A score (a button's digit, or words such as "redelijk") for the current question."""
        score = parse_score(value)
        return {SLOT: None} if score is None else self.answered(tracker, score)

    @staticmethod
    def answered(tracker: Tracker, score: Optional[int]) -> Dict[Text, Any]:
        """The answers with this one (None: skipped); the mean once every question has one."""
        answers = dict(tracker.get_slot("evaluatie_antwoorden") or {})
        _, _, question = next_question(answers)
        if question is not None:
            answers[question.id] = score
        done = next_question(answers)[2] is None
        return {"evaluatie_antwoorden": answers, SLOT: _mean(answers) if done else None}


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
    total = payload.get("totaal_tekst") or getal(payload.get('totaal', 0))
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
    score = inclusion.get("score_tekst") or getal(inclusion['score'])
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


class ValidateEvaluatieCasusForm(GuidedFormValidation):
    """After consent to save: which methods and tools were used, and what happened. Both skippable;
    any message is an answer except the questions the casus form answers on the side."""

    side_intents = CASE_FORM_SIDE_INTENTS

    def name(self) -> Text:
        return "validate_evaluatie_casus_form"

    def skipped(self, slot: Text, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        lists = {"methodes": [], "tools": []} if slot == AANPAK else {}
        return {slot: {**lists, "tekst": None, "overgeslagen": True}}

    def validate_evaluatie_aanpak(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        text = _short(value)
        if text is None:
            return {AANPAK: None}
        found = methods_and_tools(tracker, text)
        names = [label("methode", m) for m in found["methodes"]] + [label("tool", t) for t in found["tools"]]
        if names:
            dispatcher.utter_message(text=tekst("evaluatie.aanpak_genoteerd", lijst=", ".join(names)))
        return {AANPAK: {**found, "tekst": text}}

    def validate_evaluatie_verloop(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> Dict[Text, Any]:
        text = _short(value)
        return {VERLOOP: {"tekst": text} if text else None}


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
