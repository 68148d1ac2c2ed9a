"""The advice form: validation of answers (free text, buttons, corrections, skips) and its questions.

Rasa's form asks the slots of `advies_form` in order. `ValidateAdviesForm` runs after every
answer: it turns what the user typed into canonical values, notices corrections of earlier
answers, lets the user skip questions the advice engine can decide without, and counts failed
answers so that the question is explained after two.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer import language

from .common import SIDE_INTENTS, SKIP_INTENTS, button, catalogue, intent_payload, label, latest_intent, latest_text
from .profiel import FORM_SLOTS, TERM_SLOTS, describe, normalise, previous_value, profile_from_tracker, short_summary
from .teksten import tekst, teksten

# The engine decides well without these; "weet ik niet" skips them at once.
SKIP_AT_ONCE = ("beleidsfase", "niveau", "budget_euro", "doorlooptijd_weken")
# These may be skipped after the question was explained (two failed answers).
SKIP_AFTER_HELP = ("schaal", "thema")
DOELGROEP_BUTTONS = ("inwoners", "omwonenden", "jongeren", "ouderen", "ondernemers", "nieuwkomers")
MAX_ATTEMPTS = 2


def attempts_for(tracker: Tracker, slot: str) -> int:
    pogingen = tracker.get_slot("pogingen") or {}
    return int(pogingen.get("aantal", 0)) if pogingen.get("slot") == slot else 0


def parse_free_text(slot: str, text: str) -> Any:
    """The value of `slot` in an answer typed in the user's own words, or None."""
    if not text.strip():
        return None
    if slot == "doelgroep":  # in free text only whole group names count, no fuzzy guess
        return language.find_terms("doelgroep", text) or None
    if slot in TERM_SLOTS or slot in ("budget_euro", "doorlooptijd_weken"):
        return normalise(slot, text)
    return None


_NAMED_MUNICIPALITY = re.compile(r"\bgemeente\s+((?:'s-)?[A-Z][\w'-]*(?:\s+(?:aan|op|van|den|de)\s+[A-Z][\w'-]*)?)")
_WHOLE_MUNICIPALITY = re.compile(r"\b(hele|gehele|heel de)\s+gemeente\b|\bgemeentebreed\b", re.IGNORECASE)


def names_a_municipality(text: str) -> bool:
    """"bij de gemeente Almelo" names where someone works, not the scale of the trajectory."""
    if _WHOLE_MUNICIPALITY.search(text):
        return False
    return any(language.normalise_gemeente(m.group(1)) for m in _NAMED_MUNICIPALITY.finditer(text))


_NAMED_BUDGET = re.compile(r"\bbudget\w*\b\D{0,25}?(€?\s*\d[\d.,]*\s*(?:k\b|duizend|euro)?)", re.IGNORECASE)


def named_budget(text: str) -> Optional[int]:
    """The amount right after the word "budget", for corrections the NLU did not tag."""
    match = _NAMED_BUDGET.search(text)
    return language.parse_amount_euro(match.group(1)) if match else None


def plausible(slot: str, value: Any, text: str = "") -> bool:
    """Whether an unasked value is believable ("drie" tagged as money is not a budget of 3 euro)."""
    if value is None:
        return False
    if slot == "budget_euro":
        return value == 0 or value >= 100
    if slot == "schaal" and value == "gemeente":
        return not names_a_municipality(text)
    return True


QUESTION_WORDS = re.compile(r"^\s*(wat|hoe|waarom|wie|welke|welk|wanneer|waar|kun|kunt|kan|leg|vertel|is|zijn|"
                            r"heb|heeft|hebben|mag|moet|bedoel)\b", re.IGNORECASE)


# "toon casussen over jongeren", "vergelijk enquete en burgerpanel": a request, not an answer.
SIDE_REQUEST_WORDS = re.compile(r"\b(casus\w*|cases?|voorbeeld\w*|praktijkvoorbeeld\w*|vergelijk\w*|verschil|"
                                r"uitleg\w*|leg\b.*\buit)\b", re.IGNORECASE)


def looks_like_question(text: str) -> bool:
    return "?" in text or bool(QUESTION_WORDS.match(text)) or bool(SIDE_REQUEST_WORDS.search(text))


_NEGATION_BEFORE = re.compile(r"\b(niet|geen|zonder|behalve)\s+(de\s+|het\s+)?$", re.IGNORECASE)


def negated_groups(tracker: Tracker) -> List[str]:
    """Groups named with "niet" before them: "het gaat om ouderen, niet jongeren" drops jongeren."""
    text = latest_text(tracker)
    found = []
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "doelgroep" and isinstance(entity.get("start"), int) \
                and _NEGATION_BEFORE.search(text[max(0, entity["start"] - 12):entity["start"]]):
            found += normalise("doelgroep", [entity.get("value")]) or []
    return found


def _adds_to_list(text: str) -> bool:
    """"ook jongeren", "en daarnaast ondernemers": add to the groups instead of replacing them."""
    return bool(re.search(r"\b(ook|daarnaast|erbij|plus|tevens)\b", text.lower()))


class ValidateAdviesForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_advies_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        skipped = set(tracker.get_slot("overgeslagen") or [])
        return [slot for slot in domain_slots if slot not in skipped]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot")
        intent = latest_intent(tracker)
        text = latest_text(tracker)
        updates: Dict[str, Any] = {}

        # 1. Values the slot mappings took from entities: answers, and corrections of earlier ones.
        corrections, noted = [], []
        candidates = dict(tracker.slots_to_validate())
        if "budget_euro" not in candidates and requested != "budget_euro":
            named = named_budget(text)  # "budget is eigenlijk 8000": no entity, still clear
            if named is not None:
                candidates["budget_euro"] = named
        for slot, raw in candidates.items():
            if slot not in FORM_SLOTS:
                continue
            value = normalise(slot, raw)
            old = normalise(slot, previous_value(tracker, slot))
            if slot != requested and not plausible(slot, value, text):
                # a stray entity in an answer to another question: keep what was said before
                updates[slot] = old
                continue
            if slot == "doelgroep" and value:
                dropped = negated_groups(tracker)
                if old and _adds_to_list(text):
                    value = old + [g for g in value if g not in old]
                value = [g for g in value if g not in dropped] or None
            updates[slot] = value
            if value is not None and value != old and slot != requested:
                said = tekst(f"profiel.{slot}", waarde=describe(slot, value))
                (corrections if old is not None else noted).append(said)
        if corrections:
            dispatcher.utter_message(text=tekst("formulier.aangepast", wat="; ".join(corrections)))
        if noted and requested:  # told before it was asked: say it was heard
            dispatcher.utter_message(text=tekst("formulier.genoteerd", wat="; ".join(noted)))

        # 2. The open question, answered in the user's own words, skipped, or not understood.
        skipped = list(tracker.get_slot("overgeslagen") or [])
        pogingen = tracker.get_slot("pogingen")
        if requested in required and updates.get(requested) is None:
            if intent in SIDE_INTENTS and not any(v is not None for v in updates.values()):
                # "doe dan maar coproduceren" may be read as a question about coproduceren; a
                # statement that answers the open question is an answer, a real question is not.
                answer = None if looks_like_question(text) else parse_free_text(requested, text)
                if answer is None:
                    return []  # let the side question be answered; the form comes back to this question
                intent = "situatie_geven"
            attempts = attempts_for(tracker, requested)
            value = None
            if intent in SKIP_INTENTS and (requested in SKIP_AT_ONCE
                                           or (requested in SKIP_AFTER_HELP and attempts >= MAX_ATTEMPTS)):
                skipped.append(requested)
                dispatcher.utter_message(text=tekst(f"formulier.overgeslagen.{requested}"))
                pogingen = None
            elif intent == "ontkennen" and requested == "budget_euro":
                value = 0  # "nee" to "hoeveel geld is er?" means there is none
            elif intent not in SKIP_INTENTS:
                value = parse_free_text(requested, text)
            if value is not None:
                updates[requested] = value
                pogingen = None
            elif requested not in skipped and not any(v is not None for v in updates.values()):
                if attempts >= MAX_ATTEMPTS and requested in SKIP_AT_ONCE + SKIP_AFTER_HELP:
                    # A third miss after the explanation: move on rather than go round in circles.
                    skipped.append(requested)
                    dispatcher.utter_message(text=tekst(f"formulier.overgeslagen.{requested}"))
                    pogingen = None
                else:
                    if intent in SKIP_INTENTS:
                        dispatcher.utter_message(text=tekst("formulier.nodig"))
                    pogingen = {"slot": requested, "aantal": attempts + 1}
        elif requested and updates.get(requested) is not None:
            pogingen = None

        events: List[EventType] = [SlotSet(slot, value) for slot, value in updates.items()]
        events.append(SlotSet("overgeslagen", skipped))
        events.append(SlotSet("pogingen", pogingen))
        current = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS}
        current.update(updates)
        still_open = [s for s in required if s not in skipped and current.get(s) is None]
        events.append(SlotSet("requested_slot", still_open[0] if still_open else None))
        return events


def form_just_started(tracker: Tracker, form: str) -> bool:
    """True when the form was activated in this turn (so the first question gets an introduction)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") == form:
            return True
    return False


def question_buttons(slot: str, attempts: int) -> List[dict]:
    labels = teksten("knoppen")
    if slot == "doelgroep":
        ids = DOELGROEP_BUTTONS
        buttons = [button(label("doelgroep", i), intent_payload("situatie_geven", {"doelgroep": i})) for i in ids]
    elif slot in TERM_SLOTS:
        buttons = [button(label(slot, i), intent_payload("situatie_geven", {slot: i})) for i in catalogue().ids(slot)]
    elif slot == "budget_euro":
        buttons = [button(labels["geen_budget"], intent_payload("situatie_geven", {"bedrag": "geen budget"}))]
    else:
        buttons = []
    if slot in SKIP_AT_ONCE:
        buttons.append(button(labels["weet_niet"], "/weet_niet"))
    elif slot in SKIP_AFTER_HELP and attempts >= MAX_ATTEMPTS:
        buttons.append(button(labels["overslaan"], "/overslaan"))
    return buttons


class _AskAdviesQuestion(Action, ABC):
    """Asks one question of the advice form; explains it after two failed answers."""

    @abstractmethod
    def slot(self) -> str:
        ...

    def name(self) -> Text:
        return f"action_ask_advies_form_{self.slot()}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        slot = self.slot()
        attempts = attempts_for(tracker, slot)
        if form_just_started(tracker, "advies_form"):
            known = short_summary(profile_from_tracker(tracker))
            intro = (tekst("formulier.start_bekend", bekend=known) if known
                     else tekst("formulier.start_leeg"))
            dispatcher.utter_message(text=intro)
        if attempts >= MAX_ATTEMPTS:
            text = tekst(f"vragen.{slot}.uitleg")
        elif attempts == 1:
            text = tekst(f"vragen.{slot}.opnieuw")
        else:
            text = tekst(f"vragen.{slot}.vraag")
        dispatcher.utter_message(text=text, buttons=question_buttons(slot, attempts))
        return []


def _ask_class(slot_name: str):
    return type(f"AskAdvies_{slot_name}", (_AskAdviesQuestion,), {"slot": lambda self: slot_name})


ASK_ACTIONS = [_ask_class(slot) for slot in FORM_SLOTS]


def question_explanation(slot: Optional[str]) -> Optional[str]:
    """Why the form asks this question (for "waarom?" in the middle of the form)."""
    return tekst(f"vragen.{slot}.uitleg") if slot in FORM_SLOTS else None
