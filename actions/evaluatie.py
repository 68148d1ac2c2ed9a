"""The assessment: the frame's questions one by one, the outcome, and saving it with consent."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from besliswijzer.text.dutch import getal
from besliswijzer.text.numbers import parse_score
from besliswijzer.errors import BesliswijzerError

from besliswijzer.text.dutch import lijst

from .answers import looks_like_question
from .common import button, contract_payload, database, label, latest_intent, latest_text, mentioned_ids, tell_error
from .evaluatie_woorden import (asks_what_is_meant, earlier_methods, hard_to_reach_groups, methods_in_words,
                                score_and_remark, suggestions)
from .form_validation import ATTEMPTS_SLOT, MAX_ATTEMPTS, GuidedFormValidation, attempts_for
from .formulier import question_buttons
from .kennis import tip_for_request
from .profiel import normalise, profile_from_tracker
from .teksten import tekst, teksten

SLOT = "evaluatie_score"
REMARKS = "evaluatie_opmerkingen"   # {question id: the remark given with its score}


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
        # "4?" and "2, we hadden geen ervaring met online peilingen" still answer the question
        return slot != SLOT or score_and_remark(text)[0] is None

    async def validate_open_question(self, slot: Text, values: Dict[Text, Any], dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Optional[Dict[Text, Any]]:
        """"Wat bedoel je?" explains the open question here, whatever the NLU made of it; the form then
        asks it again (the attempts slot is set to what it was, so Rasa keeps the form)."""
        if explained(slot, dispatcher, tracker):
            return {ATTEMPTS_SLOT: tracker.get_slot(ATTEMPTS_SLOT)}
        return await super().validate_open_question(slot, values, dispatcher, tracker, domain)

    def validate_thema(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> Dict[Text, Any]:
        """The topic, from an entity or the user's words."""
        return {"thema": normalise("thema", value)}

    def validate_evaluatie_score(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> Dict[Text, Any]:
        """A score (a button's digit, or words such as "redelijk") for the current question; a remark
        after it ("2, we hadden geen ervaring met online peilingen") is kept beside the score."""
        score, remark = score_and_remark(value) if isinstance(value, str) else (parse_score(value), None)
        if score is not None and remark:
            dispatcher.utter_message(text=tekst("evaluatie.opmerking_genoteerd", score=score))
        return {SLOT: None} if score is None else self.answered(tracker, score, remark)

    @staticmethod
    def answered(tracker: Tracker, score: Optional[int], remark: Optional[str] = None) -> Dict[Text, Any]:
        """The answers with this one (None: skipped); the mean once every question has one."""
        answers = dict(tracker.get_slot("evaluatie_antwoorden") or {})
        _, _, question = next_question(answers)
        values: Dict[Text, Any] = {}
        if question is not None:
            answers[question.id] = score
            if remark:
                values[REMARKS] = {**(tracker.get_slot(REMARKS) or {}), question.id: remark}
        done = next_question(answers)[2] is None
        return {**values, "evaluatie_antwoorden": answers, SLOT: _mean(answers) if done else None}


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
    """A clean sheet and a short introduction before the first question; a question in the request
    ("welke vragen stel je bij het evalueren?") gets its sure answer first."""

    def name(self) -> Text:
        return "action_evaluatie_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        if latest_intent(tracker) == "traject_evalueren":
            tip_for_request(dispatcher, tracker, "evaluatie")
        dispatcher.utter_message(text=tekst("evaluatie.intro", aantal=len(questions())))
        return [SlotSet("evaluatie_antwoorden", {}), SlotSet(SLOT, None), SlotSet("pogingen", None), SlotSet(REMARKS, None),
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


def question_explanation(slot: Optional[str], tracker: Tracker) -> Optional[str]:
    """What the open question of either assessment form means, for "wat bedoel je?"."""
    if slot == SLOT:
        return current_question_explanation(tracker.get_slot("evaluatie_antwoorden") or {})
    if slot in ("thema", AANPAK, VERLOOP):
        return tekst(f"evaluatie.uitleg_{slot.replace('evaluatie_', '')}")
    return None


def explained(slot: Optional[str], dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Explains the open question when the user asks what it means."""
    if not asks_what_is_meant(latest_text(tracker)):
        return False
    explanation = question_explanation(slot, tracker)
    if explanation:
        dispatcher.utter_message(text=explanation)
    return bool(explanation)


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
    """Catalogue ids of the methods and tools named: the words themselves ("wijkavond en online peiling":
    informatiebijeenkomst, online enquête), else the NLU's entities."""
    found = methods_in_words(text)
    if found["methodes"] or found["tools"]:
        return found     # the catalogue's longest names ("online peiling") beat a model's shorter guess
    return {"methodes": mentioned_ids(tracker, "methode"), "tools": mentioned_ids(tracker, "tool")}


def names_of(found: Dict[str, List[str]]) -> List[str]:
    return [label("methode", m) for m in found.get("methodes") or []] + \
        [label("tool", t) for t in found.get("tools") or []]


AFFIRM = re.compile(r"^\s*(/bevestigen|ja\b|jazeker|klopt|dat klopt|correct|precies|inderdaad|juist)", re.IGNORECASE)
DENY = re.compile(r"^\s*(/ontkennen|nee\b|neen\b|klopt niet)", re.IGNORECASE)


def previous_user_text(tracker: Tracker) -> Optional[str]:
    """The user's message before the latest one (the words a suggestion was about)."""
    texts = [e.get("text") for e in tracker.events if e.get("event") == "user" and e.get("text")]
    return texts[-2] if len(texts) >= 2 else None


class ValidateEvaluatieCasusForm(GuidedFormValidation):
    """After consent to save: which methods and tools were used, and what happened. Both skippable.
    Methods are read from the team's own words; what the conversation already named is offered for
    confirmation; words the catalogue does not know get a suggestion once, then are kept as said."""

    side_intents = CASE_FORM_SIDE_INTENTS

    def name(self) -> Text:
        return "validate_evaluatie_casus_form"

    def skipped(self, slot: Text, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        lists = {"methodes": [], "tools": []} if slot == AANPAK else {}
        return {slot: {**lists, "tekst": None, "overgeslagen": True}}

    def is_side_question(self, slot: Text, text: Text) -> bool:
        # "wijkavond en online peiling" answers, even when the NLU heard a request for explanation
        return looks_like_question(text)

    async def validate_open_question(self, slot: Text, values: Dict[Text, Any], dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Optional[Dict[Text, Any]]:
        if explained(slot, dispatcher, tracker):
            return {ATTEMPTS_SLOT: tracker.get_slot(ATTEMPTS_SLOT)}
        return await super().validate_open_question(slot, values, dispatcher, tracker, domain)

    def validate_evaluatie_aanpak(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        text = _short(value) or ""
        intent = latest_intent(tracker)
        earlier = earlier_methods(tracker)
        attempts = attempts_for(tracker, AANPAK)
        said_yes = intent == "bevestigen" or bool(AFFIRM.match(text))
        said_no = intent == "ontkennen" or bool(DENY.match(text))
        if said_yes and names_of(earlier) and not attempts:
            found, text = earlier, lijst(names_of(earlier))        # "ja, klopt" to what was said before
        elif said_no and attempts:
            # "nee" to a suggestion: keep the words the suggestion was about, as the team said them
            found, text = {"methodes": [], "tools": []}, _short(previous_user_text(tracker)) or text
            return {AANPAK: {**found, "tekst": text}}
        elif not text:
            return {AANPAK: None}
        else:
            found = methods_and_tools(tracker, text)
        names = names_of(found)
        if not names and not attempts and suggestions(text):
            return {AANPAK: None}       # a suggestion first ("bedoelt u ...?"), see ActionAskEvaluatieAanpak
        if names:
            dispatcher.utter_message(text=tekst("evaluatie.aanpak_genoteerd", lijst=lijst(names)))
        return {AANPAK: {**found, "tekst": text}}

    def validate_evaluatie_verloop(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> Dict[Text, Any]:
        text = _short(value)
        return {VERLOOP: {"tekst": text} if text else None}


class ActionAskEvaluatieAanpak(Action):
    """The methods question: what the conversation already named, for confirmation; after words the
    catalogue did not know, a suggestion ("bedoelt u *informatiebijeenkomst*?") rather than the same question."""

    def name(self) -> Text:
        return "action_ask_evaluatie_aanpak"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        skip = button(teksten("knoppen")["overslaan"], "/overslaan")
        attempts = attempts_for(tracker, AANPAK)
        close = suggestions(latest_text(tracker)) if attempts == 1 else []
        if close:
            names = lijst([f"*{label(entity, ident).lower()}*" for entity, ident in close], "of")
            plain = lijst([label(entity, ident) for entity, ident in close])
            dispatcher.utter_message(text=tekst("evaluatie.aanpak_bedoelt_u", lijst=names), buttons=[
                button(tekst("evaluatie.knop_ja_bedoel", lijst=plain), plain),
                button(tekst("evaluatie.knop_eigen_woorden"), "/ontkennen"), skip])
            return []
        earlier = names_of(earlier_methods(tracker)) if not attempts else []
        if earlier:
            dispatcher.utter_message(text=tekst("evaluatie.aanpak_eerder", lijst=lijst(earlier)), buttons=[
                button(teksten("knoppen")["ja"], "/bevestigen"), skip])
            return []
        key = "evaluatie.aanpak_opnieuw" if attempts else "evaluatie.aanpak"
        dispatcher.utter_message(text=tekst(key), buttons=[skip])
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
        if approach.get("tekst"):
            details["aanpak"] = approach["tekst"]        # the team's own words beside the ids
    elif approach.get("tekst"):
        details["methodes"] = [approach["tekst"]]
    if course.get("tekst"):
        details["wat_gebeurde"] = course["tekst"]
    remarks = tracker.get_slot(REMARKS) or {}
    by_id = {q.id: q for q in questions()}
    details["opmerkingen"] = [f"{by_id[qid].criterion}: {remark}" if qid in by_id else remark
                              for qid, remark in remarks.items() if remark]
    return details


def evaluation_texts(tracker: Tracker) -> List[str]:
    """What the user typed since the assessment started (not the buttons), to tell groups that were
    hard to reach from the target group."""
    texts: List[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == "action_evaluatie_start":
            break
        if event.get("event") == "user" and event.get("text") and not str(event["text"]).startswith("/"):
            texts.append(event["text"])
    return texts


def case_title(profile: Dict[str, Any], details: Dict[str, Any]) -> str:
    theme = label("thema", profile["thema"]).lower()
    names = [label("methode", m) for m in details.get("methodes") or [] if catalogue_has("methode", m)] + \
        [label("tool", t).lower() for t in details.get("tools") or [] if catalogue_has("tool", t)]
    if names:
        return tekst("evaluatie.titel_aanpak", aanpak=lijst(names[:3]), thema=theme)
    return tekst("evaluatie.titel", thema=theme)


def catalogue_has(entity: str, ident: str) -> bool:
    from .common import catalogue
    return ident in catalogue().ids(entity)


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
        details = case_details(tracker)
        # "jongeren deden nauwelijks mee" names a group that was hard to reach, not the target group
        missed = hard_to_reach_groups(evaluation_texts(tracker))
        groups = [g for g in profile.get("doelgroep") or [] if g not in missed]
        if groups:
            meta["doelgroepen"] = groups
        if "thema" in profile:
            meta["titel"] = case_title(profile, details)
        meta.update(details)
        try:
            with database() as session:
                case_id = save_evaluation(session, answers, meta)
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
            return []
        payload = dict(result, casus_id=case_id)
        dispatcher.utter_message(text=tekst("evaluatie.opgeslagen", casus_id=case_id), json_message=contract_payload(payload))
        return [SlotSet("evaluatie_resultaat", payload)]
