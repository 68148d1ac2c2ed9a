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

from besliswijzer.reference.places import normalise_gemeente
from besliswijzer.text.numbers import parse_amount_euro

from .common import SIDE_INTENTS, SKIP_INTENTS, button, catalogue, intent_payload, label, latest_intent, latest_text
from .profiel import (FORM_SLOTS, PRECONDITION_SLOTS, TERM_SLOTS, describe, normalise, previous_value,
                      profile_from_slots, profile_from_tracker, short_summary)
from .teksten import tekst, teksten

# The engine decides well without these; "weet ik niet" skips them at once.
SKIP_AT_ONCE = ("beleidsfase", "ruimte_voor_invloed", "niveau", "doel", "rol", "budget_euro", "doorlooptijd_weken")
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
        return catalogue().find("doelgroep", text) or None
    if slot == "doorlooptijd_weken":
        from besliswijzer.advice.preconditions import infer
        # the question asks for the time until the decision, so "voor de zomer" is an answer
        return normalise(slot, text) or infer(text, about_decision=True).get(slot)
    if slot in TERM_SLOTS or slot == "budget_euro":
        return normalise(slot, text)
    if slot in PRECONDITION_SLOTS:
        return precondition_from_text(slot, text)
    return None


def precondition_from_text(slot: str, text: str) -> Any:
    """"het besluit ligt al vast" -> False; "draagvlak" -> "draagvlak"; "rechtmatig" -> "rechtmatig"."""
    from besliswijzer.reference.knowledge import fold
    from besliswijzer.advice.preconditions import infer

    found = infer(text).get(slot)
    if found is not None:
        return found
    words = set(re.findall(r"\w+", fold(text)))
    return next((value for value in _ids(slot) if value in words), None)


def _ids(slot: str):
    return tuple(catalogue().preconditions.get(slot, ()))


ROL_ASKED_FROM = "coproduceren"   # below this rung every role fits, so the question is not worth asking


def needed_preconditions(slots: Dict[str, Any], skipped) -> set:
    """Which precondition questions make sense now. Room is implied by a rung above informing and
    moot once a rung is chosen; the goal only helps when the rung is unknown; the role only matters
    for the higher rungs."""
    needed = set()
    room, niveau = slots.get("ruimte_voor_invloed"), slots.get("niveau")
    if room is None and niveau is None:
        needed.add("ruimte_voor_invloed")
    if room is False:
        return needed
    if niveau is None and slots.get("doel") is None and "niveau" in skipped:
        needed.add("doel")
    if slots.get("rol") is None and (niveau is not None or slots.get("doel") is not None or "niveau" in skipped):
        from besliswijzer.reference.catalogue import load_catalogue
        from besliswijzer.errors import BesliswijzerError
        from besliswijzer.advice.profile import Profile
        from besliswijzer.advice.rung import choose_rung

        cat = load_catalogue()
        profile = profile_from_slots(slots)
        try:
            rung = choose_rung(Profile.from_dict({**profile, "doelgroep": profile.get("doelgroep") or ["inwoners"]}), cat)
        except BesliswijzerError:
            return needed
        ladder = cat.vocabulary["niveau"]
        if ladder[rung.niveau].rung >= ladder[ROL_ASKED_FROM].rung:
            needed.add("rol")
    return needed


_NAMED_MUNICIPALITY = re.compile(r"\bgemeente\s+((?:'s-)?[A-Z][\w'-]*(?:\s+(?:aan|op|van|den|de)\s+[A-Z][\w'-]*)?)")
_WHOLE_MUNICIPALITY = re.compile(r"\b(hele|gehele|heel de)\s+gemeente\b|\bgemeentebreed\b", re.IGNORECASE)


def names_a_municipality(text: str) -> bool:
    """"bij de gemeente Almelo" names where someone works, not the scale of the trajectory."""
    if _WHOLE_MUNICIPALITY.search(text):
        return False
    return any(normalise_gemeente(m.group(1)) for m in _NAMED_MUNICIPALITY.finditer(text))


_NAMED_BUDGET = re.compile(r"\bbudget\w*\b\D{0,25}?(€?\s*\d[\d.,]*\s*(?:k\b|duizend|euro)?)", re.IGNORECASE)


def named_budget(text: str) -> Optional[int]:
    """The amount right after the word "budget", for corrections the NLU did not tag."""
    match = _NAMED_BUDGET.search(text)
    return parse_amount_euro(match.group(1)) if match else None


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
        slots = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS + ["onderwerp"]}
        needed = needed_preconditions(slots, skipped)
        return [slot for slot in domain_slots if slot not in skipped
                and (slot not in PRECONDITION_SLOTS or slot in needed or slots.get(slot) is not None)
                and not (slot == "niveau" and slots.get("ruimte_voor_invloed") is False)]

    # rasa_sdk's validate_<slot>: the precondition answers, in words or from a button.
    def validate_ruimte_voor_invloed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> Dict[Text, Any]:
        if latest_intent(tracker) in ("bevestigen", "ontkennen") and normalise("ruimte_voor_invloed", value) is None:
            return {"ruimte_voor_invloed": latest_intent(tracker) == "bevestigen"}
        found = normalise("ruimte_voor_invloed", value)
        return {"ruimte_voor_invloed": found if found is not None else precondition_from_text(
            "ruimte_voor_invloed", latest_text(tracker))}

    def validate_doel(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: DomainDict) -> Dict[Text, Any]:
        return {"doel": normalise("doel", value) or precondition_from_text("doel", latest_text(tracker))}

    def validate_rol(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                     domain: DomainDict) -> Dict[Text, Any]:
        return {"rol": normalise("rol", value) or precondition_from_text("rol", latest_text(tracker))}

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot")
        intent = latest_intent(tracker)
        text = latest_text(tracker)
        updates: Dict[str, Any] = {}
        # A new request for advice after an advice was given: a new topic, not a correction.
        new_topic = (intent == "advies_vragen" and tracker.get_slot("laatste_advies") is not None
                     and form_just_started(tracker, "advies_form"))
        mentioned = slots_named_in(tracker)
        if new_topic:
            dispatcher.utter_message(text=tekst("formulier.nieuw_onderwerp"))
            updates.update({slot: None for slot in FORM_SLOTS + ["onderwerp"] if slot not in mentioned})
        if intent == "advies_vragen" and form_just_started(tracker, "advies_form"):
            from .kennis import tip_for_advice_request
            tip_for_advice_request(dispatcher, tracker)  # "... zonder de usual suspects": the tip too

        # 1. Values the slot mappings took from entities: answers, and corrections of earlier ones.
        corrections, noted = [], []
        candidates = dict(tracker.slots_to_validate())
        if new_topic:  # on activation Rasa re-validates every filled slot; only this message counts
            candidates = {slot: value for slot, value in candidates.items() if slot in mentioned}
        if "budget_euro" not in candidates and requested != "budget_euro":
            named = named_budget(text)  # "budget is eigenlijk 8000": no entity, still clear
            if named is not None:
                candidates["budget_euro"] = named
        if intent not in SIDE_INTENTS:
            # "het besluit is al genomen", "de raad wil draagvlak", "we moeten voor de zomer besluiten"
            for slot, value in infer_preconditions(text).items():
                if slot not in candidates or normalise(slot, candidates[slot]) is None:
                    candidates[slot] = value
        for slot, raw in candidates.items():
            if slot == "onderwerp":
                updates[slot] = normalise(slot, raw)
                continue
            if slot not in FORM_SLOTS:
                continue
            if slot in PRECONDITION_SLOTS:
                raw = getattr(self, f"validate_{slot}")(raw, dispatcher, tracker, domain)[slot]
            value = normalise(slot, raw)
            old = None if new_topic else normalise(slot, previous_value(tracker, slot))
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
        if updates.get("ruimte_voor_invloed") is False and \
                (new_topic or normalise("ruimte_voor_invloed", previous_value(tracker, "ruimte_voor_invloed")) is not False):
            # Say it plainly at once, before any further question.
            from besliswijzer.advice.preconditions import remaining_choices
            kind = updates.get("onderwerp") or tracker.get_slot("onderwerp")
            dispatcher.utter_message(text=tekst("formulier.geen_invloed", keuzes="; ".join(remaining_choices(kind))))

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
            elif requested in PRECONDITION_SLOTS and intent not in SKIP_INTENTS:
                value = getattr(self, f"validate_{requested}")(None, dispatcher, tracker, domain)[requested]
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

        if new_topic:
            skipped, pogingen = [], None
        events: List[EventType] = [SlotSet(slot, value) for slot, value in updates.items()]
        if new_topic:
            events += [SlotSet("laatste_advies", None), SlotSet("getoonde_methodes", None)]
        events.append(SlotSet("overgeslagen", skipped))
        events.append(SlotSet("pogingen", pogingen))
        current = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS + ["onderwerp"]}
        current.update(updates)
        # The preconditions needed depend on what is known now (a rung named, room denied ...).
        needed = needed_preconditions(current, set(skipped))
        required = [s for s in self.domain_slots(domain) if s not in skipped
                    and (s not in PRECONDITION_SLOTS or s in needed)
                    and not (s == "niveau" and current.get("ruimte_voor_invloed") is False)]
        still_open = [s for s in required if current.get(s) is None]
        events.append(SlotSet("requested_slot", still_open[0] if still_open else None))
        return events


# Entity -> the profile slot it fills (bot/domain/advies.yml and voorwaarden.yml).
ENTITY_SLOTS = {"doelgroep": "doelgroep", "schaal": "schaal", "thema": "thema", "beleidsfase": "beleidsfase",
                "niveau": "niveau", "gemeente": "gemeente", "bedrag": "budget_euro", "duur": "doorlooptijd_weken",
                "ruimte": "ruimte_voor_invloed", "doel": "doel", "rol": "rol"}


def slots_named_in(tracker: Tracker) -> set:
    """The profile slots the latest message itself names (through its entities)."""
    return {ENTITY_SLOTS[e.get("entity")] for e in tracker.latest_message.get("entities") or []
            if e.get("entity") in ENTITY_SLOTS}


def infer_preconditions(text: str) -> Dict[str, Any]:
    from besliswijzer.advice.preconditions import infer
    return infer(text)


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
    elif slot == "ruimte_voor_invloed":
        buttons = [button(tekst("voorwaarden.knoppen.ruimte_ja"), intent_payload("situatie_geven", {"ruimte": "ja"})),
                   button(tekst("voorwaarden.knoppen.ruimte_nee"), intent_payload("situatie_geven", {"ruimte": "nee"}))]
    elif slot in ("doel", "rol"):
        buttons = [button(tekst(f"voorwaarden.{slot}.{i}").capitalize(), intent_payload("situatie_geven", {slot: i}))
                   for i in _ids(slot)]
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
