"""The profile summary, the advice and its follow-ups (waarom, meer opties)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.errors import BesliswijzerError

from .answers import ONLINE_QUESTION, asks_for_plan, named_budget
from .common import (button, catalogue, contract_payload, label, latest_intent, latest_text, main_menu_buttons,
                     mentioned_subjects, tell_error)
from .formulier import question_explanation
from .kennis import not_sure
from .profiel import describe, profile_from_tracker, summary_text
from .teksten import tekst, teksten




def confirm_buttons() -> List[dict]:
    labels = teksten("knoppen")
    return [button(labels["ja"], "/bevestigen"), button(labels["nee"], "/ontkennen")]


def follow_up_buttons() -> List[dict]:
    labels = teksten("knoppen")
    return [button(labels["waarom"], "/waarom_vragen"), button(labels["meer_opties"], "/meer_opties"),
            button(labels["voorbeelden"], "/casus_zoeken"), button(labels["vergelijken"], "/methodes_vergelijken"),
            button(labels["opnieuw"], "/opnieuw_beginnen")]


def remember(payload: Dict[str, Any]) -> Dict[str, Any]:
    """What the follow-ups need of an advice: the combinations and the level explanation."""
    return {"combinaties": [{k: c.get(k) for k in ("methode", "tool", "waarom", "score")}
                            for c in payload.get("combinaties", [])],
            "niveau": payload.get("niveau"),
            "niveau_toelichting": payload.get("niveau_toelichting"),
            "waarschuwingen": payload.get("waarschuwingen", []),
            # "waarom?" names the cases behind the advice
            "casussen": [{"titel": c.get("titel"), "gemeente": c.get("gemeente")}
                         for c in payload.get("casussen") or [] if c.get("titel")][:3]}


def send_advice(dispatcher: CollectingDispatcher, tracker: Tracker, exclude=()) -> List[EventType]:
    """Ask the core for advice and send text and payload in one message."""
    from besliswijzer.advice.engine import advise
    from besliswijzer.advice.summary import advice_lead

    profile = profile_from_tracker(tracker)
    if not profile.get("doelgroep"):
        dispatcher.utter_message(text=tekst("advies.geen_profiel"), buttons=main_menu_buttons()[:1])
        return []
    try:
        cat = catalogue()
        payload = advise(profile, exclude_methods=tuple(exclude), cat=cat)
    except BesliswijzerError as error:
        tell_error(dispatcher, error)
        return []
    if not payload.get("combinaties"):
        dispatcher.utter_message(text=tekst("advies.geen_meer"))
        return []
    text = advice_lead(payload, heading=tekst("advies.meer") if exclude else "", cat=cat)
    dispatcher.utter_message(text=text, json_message=contract_payload(payload), buttons=follow_up_buttons())
    shown = list(exclude) + [c["methode"] for c in payload["combinaties"] if c["methode"] not in exclude]
    events = [SlotSet("laatste_advies", remember(payload)), SlotSet("getoonde_methodes", shown)]
    cases = [c["id"] for c in payload.get("casussen") or [] if c.get("id")]
    if cases:  # "wat kwam daaruit?" after the advice is about the cases it cites
        events.append(SlotSet("casus_lijst", cases))
    return events


class ActionBevestigProfiel(Action):
    """Sums up the situation in one message and asks whether it is right."""

    def name(self) -> Text:
        return "action_bevestig_profiel"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("laatste_advies") and asks_for_plan(latest_text(tracker)):
            # "kan ik dit als plan uitprinten?": the advice again with its plan link, nothing reset
            dispatcher.utter_message(text=tekst("advies.plan"))
            return send_advice(dispatcher, tracker)
        events: List[EventType] = []
        named = named_budget(latest_text(tracker)) if latest_intent(tracker) == "situatie_geven" else None
        if named is not None and named != tracker.get_slot("budget_euro"):
            # "het budget is eigenlijk 5000" after the summary: no entity, so no slot mapping and
            # no form validation ran; the words are still clear.
            events.append(SlotSet("budget_euro", float(named)))
            dispatcher.utter_message(text=tekst("formulier.aangepast", wat=tekst(
                "profiel.budget_euro", waarde=describe("budget_euro", float(named)))))
        profile = profile_from_tracker(tracker)
        if events:
            profile["budget_euro"] = float(named)
        dispatcher.utter_message(text=summary_text(profile), buttons=confirm_buttons())
        return events


class ActionProfielAanpassen(Action):
    """"Nee" to the summary: with a correction in the same message, show the new summary;
    otherwise ask what should change."""

    def name(self) -> Text:
        return "action_profiel_aanpassen"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        changed = [e for e in tracker.latest_message.get("entities") or []]
        if changed:
            profile = profile_from_tracker(tracker)
            dispatcher.utter_message(text=summary_text(profile), buttons=confirm_buttons())
        else:
            dispatcher.utter_message(text=tekst("profiel.aanpassen"))
        return []


class ActionGeefAdvies(Action):
    def name(self) -> Text:
        return "action_geef_advies"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        return send_advice(dispatcher, tracker)


class ActionMeerOpties(Action):
    """"Andere opties": advice again without the methods already shown."""

    def name(self) -> Text:
        return "action_meer_opties"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        shown = tracker.get_slot("getoonde_methodes") or []
        if not shown:
            return send_advice(dispatcher, tracker)
        return send_advice(dispatcher, tracker, exclude=shown)


class ActionWaarom(Action):
    """"Waarom?": why this question (inside a form) or why this advice (after it)."""

    def name(self) -> Text:
        return "action_waarom"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        loop = (tracker.active_loop or {}).get("name")
        if loop == "advies_form":
            explanation = question_explanation(tracker.get_slot("requested_slot"))
            if explanation:
                dispatcher.utter_message(text=explanation)
                return []
        if loop == "evaluatie_form":
            dispatcher.utter_message(text=tekst("evaluatie.waarom"))
            return []
        text = latest_text(tracker)
        profile = profile_from_tracker(tracker)
        try:
            if ONLINE_QUESTION.search(text):
                from besliswijzer.advice.why_not import why_not_online

                dispatcher.utter_message(text=why_not_online(profile if profile.get("doelgroep") else None))
                return []
            advice = tracker.get_slot("laatste_advies") or {}
            combinations = advice.get("combinaties") or []
            if not combinations:
                from .uitleg import answer_open_question, has_open_answer, is_open_question
                if has_open_answer(tracker):     # "waarom een inwonerspanel?" before any advice
                    return answer_open_question(dispatcher, tracker, domain)
                if is_open_question(text):       # "Waarom vindt de gemeente het gesprek belangrijk?"
                    return not_sure(dispatcher, text)
                dispatcher.utter_message(text=tekst("advies.waarom_geen_advies"), buttons=main_menu_buttons()[:1])
                return []
            named = [ident for _, ident in mentioned_subjects(tracker, ("methode",))]
            shown = [c["methode"] for c in combinations]
            if named and named[0] in shown:  # "waarom een straatgesprek?": that combination's reasons
                combination = combinations[shown.index(named[0])]
                dispatcher.utter_message(text=why_text(combination, shown.index(named[0])))
            elif named:  # "waarom geen burgerberaad?"
                from besliswijzer.advice.why_not import why_not_method

                dispatcher.utter_message(text=why_not_method(named[0], profile, best=shown[0]))
            else:
                dispatcher.utter_message(text=why_text(combinations[0], 0))
            cases = [f"{c['titel']} ({c['gemeente']})" if c.get("gemeente") else c["titel"]
                     for c in advice.get("casussen") or []]
            if cases:
                from besliswijzer.text.dutch import lijst
                dispatcher.utter_message(text=tekst("advies.waarom_casussen", lijst=lijst(cases)))
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
        return []


def why_text(combination: Dict[str, Any], place: int) -> str:
    key = "advies.waarom_top" if place == 0 else "advies.waarom_plek"
    parts = [tekst(key, methode=label("methode", combination["methode"]), plek=place + 1,
                   waarom=(combination.get("waarom") or "").strip())]
    if combination.get("tool"):
        parts.append(tekst("advies.waarom_tool", tool=label("tool", combination["tool"])))
    return " ".join(p.strip() for p in parts if p)
