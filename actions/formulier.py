"""The advice form: its questions, what an answer to each means, and which questions are needed.

Rasa's form asks the slots of `advies_form` in the order the domain lists them
(bot/domain/advies.yml). `ValidateAdviesForm` follows rasa_sdk's idiom on the shared base
(form_validation.py: skips, failed attempts, side questions): one `validate_<slot>` per question
turns an entity's value or the user's own words into a canonical value, and `required_slots`
leaves out skipped questions and the preconditions that are not needed now. A value for another
question than the open one is a correction or a fact told early; the form says so in one message.
Reading facts out of the text is the job of answers.py; the question texts live in teksten.yml.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Set, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from besliswijzer.advice.preconditions import infer, remaining_choices
from besliswijzer.advice.profile import TERM_FIELDS

from .answers import (ONLINE_QUESTION, adds_to_list, asks_for_plan, looks_like_question, named_budget, negated_groups, plausible,
                      precondition_from_text, question_spans, vague_amount_around)
from .common import (SIDE_INTENTS, button, catalogue, entity_values, intent_payload, label, latest_intent,
                     latest_text)
from .form_validation import ATTEMPTS_SLOT, MAX_ATTEMPTS, GuidedFormValidation, attempts_for, form_just_started
from .profiel import describe, normalise, previous_value, profile_from_slots, profile_from_tracker, short_summary
from .teksten import tekst, teksten

__all__ = ["ASK_ACTIONS", "QUESTIONS", "ValidateAdviesForm", "needed_preconditions", "question_buttons",
           "question_explanation"]

FORM = "advies_form"
# The questions the form can ask: one action_ask_advies_form_<slot> each, made from its texts in
# teksten.yml (vragen.<slot>); which of them the form asks, and in what order, the domain says.
QUESTIONS = tuple(teksten("vragen"))
# The engine decides well without these; "weet ik niet" skips them at once.
SKIP_AT_ONCE = ("schaal", "thema", "beleidsfase", "ruimte_voor_invloed", "niveau", "doel", "rol", "budget_euro",
                "doorlooptijd_weken")
# These may be skipped after the question was explained (two failed answers).
SKIP_AFTER_HELP = ("schaal", "thema")
# An answer of at most this many words is an answer, even when it ends in "?" ("de wijk?").
SHORT_ANSWER_WORDS = 5
# "Weet ik niet" for whom: then the advice is for all residents (said back, and a group can follow).
DEFAULT_GROUP = ["inwoners"]
# Preconditions of the advice (besliswijzer/advice/preconditions.py): asked only when needed and not yet said.
PRECONDITION_SLOTS = ("ruimte_voor_invloed", "doel", "rol")
DOELGROEP_BUTTONS = ("inwoners", "omwonenden", "jongeren", "ouderen", "ondernemers", "nieuwkomers")
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


def slots_named_in(tracker: Tracker, domain: DomainDict, slots) -> Set[str]:
    """Which of `slots` the latest message names: their entity (the domain's slot mappings) is in it."""
    entities = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
    return {slot for slot in slots for mapping in (domain.get("slots", {}).get(slot) or {}).get("mappings", [])
            if mapping.get("type") == "from_entity" and mapping.get("entity") in entities}


def starts_new_topic(tracker: Tracker) -> bool:
    """A new request for advice after an advice was given: a new topic, not a correction."""
    return (latest_intent(tracker) == "advies_vragen" and tracker.get_slot("laatste_advies") is not None
            and form_just_started(tracker, FORM) and not asks_for_plan(latest_text(tracker)))


def asks_aside(tracker: Tracker) -> bool:
    """A message in the middle of the form that asks something (it holds a question)."""
    return not form_just_started(tracker, FORM) and bool(question_spans(latest_text(tracker)))


class ValidateAdviesForm(GuidedFormValidation):
    """The advice form: the user's situation, question by question, corrections at any time."""

    # No going round in circles: after the explanation, one more miss skips a skippable question.
    moves_on_after_help = True

    def name(self) -> Text:
        return "validate_advies_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        """The domain's questions in its order, without the skipped ones, without the preconditions
        not needed now, and without the rung once there is no room for influence."""
        skipped = set(tracker.get_slot("overgeslagen") or [])
        slots = {slot: tracker.get_slot(slot) for slot in [*domain_slots, "onderwerp"]}
        needed = needed_preconditions(slots, skipped)
        return [slot for slot in domain_slots if slot not in skipped
                and (slot not in PRECONDITION_SLOTS or slot in needed or slots.get(slot) is not None)
                and not (slot == "niveau" and slots.get("ruimte_voor_invloed") is False)]

    # --- skips and side questions (GuidedFormValidation's hooks) ---------------------------------

    def may_skip(self, slot: Text, attempts: int) -> bool:
        return slot in SKIP_AT_ONCE or slot == "doelgroep" or (slot in SKIP_AFTER_HELP and attempts >= MAX_ATTEMPTS)

    def may_move_on(self, slot: Text, attempts: int) -> bool:
        # a group is needed: misses do not move on, only "weet ik niet" says "all residents"
        return slot != "doelgroep" and self.may_skip(slot, attempts)

    def skipped(self, slot: Text, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        dispatcher.utter_message(text=tekst(f"formulier.overgeslagen.{slot}"))
        if slot == "doelgroep":
            return {"doelgroep": DEFAULT_GROUP}
        return {"overgeslagen": [*(tracker.get_slot("overgeslagen") or []), slot]}

    def cannot_skip(self, slot: Text, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        dispatcher.utter_message(text=tekst("formulier.nodig"))

    def is_side_question(self, slot: Text, text: Text) -> bool:
        # "doe dan maar coproduceren" may be read as a question about coproduceren; a statement
        # that answers the open question is an answer, a real question or request is not.
        return looks_like_question(text)

    def candidates(self, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        """The slot mappings' values, and facts the NLU does not tag: a budget named in words
        ("budget is eigenlijk 8000") and preconditions ("het besluit is al genomen")."""
        found = super().candidates(tracker, domain)
        if starts_new_topic(tracker):
            # on activation Rasa re-validates every filled slot; only what this message names counts
            named = slots_named_in(tracker, domain, [*self.domain_slots(domain), "gemeente"])
            found = {slot: value for slot, value in found.items() if slot in named}
        text = latest_text(tracker)
        requested = tracker.get_slot(REQUESTED_SLOT)
        named_places = entity_values(tracker, "gemeente")
        if named_places and "gemeente" not in found:
            # Rasa sends only the form's own slots for validation; where the user works is read too
            found["gemeente"] = named_places[0]
        if asks_aside(tracker):
            # A question or a remark beside it ("waarom niet alles online? jongeren zitten op hun
            # telefoon", "werkt zoiets ook in kleine dorpen?") is no new fact: the profile stays
            # the user's (get_validation_events undoes what the slot mappings took from it). Only a
            # short answer to the open question counts ("de wijk?").
            short = len(text.split()) <= SHORT_ANSWER_WORDS
            return {slot: value for slot, value in found.items() if slot == requested and short}
        if "doorlooptijd_weken" not in found and len(text.split()) <= SHORT_ANSWER_WORDS:
            # a moment on its own ("tot de zomer") is the time until the decision
            weeks = infer(text, about_decision=True).get("doorlooptijd_weken")
            if weeks:
                found["doorlooptijd_weken"] = weeks
        if "budget_euro" not in found and requested != "budget_euro":
            amount = named_budget(text)
            if amount is not None:
                found["budget_euro"] = amount
        if "thema" not in found and latest_intent(tracker) not in SIDE_INTENTS:
            # a theme the model has not learnt yet, named as the catalogue names it ("omgevingsplan")
            themes = [ident for ident, _, _ in catalogue().find_spans("thema", text, strict=True)]
            if themes:
                found["thema"] = themes[0]
        if latest_intent(tracker) not in SIDE_INTENTS:
            # "het besluit is al genomen", "de raad wil draagvlak", "we moeten voor de zomer besluiten"
            for slot, value in infer(text).items():
                if slot not in found or normalise(slot, found[slot]) is None:
                    found[slot] = value
        return found

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[EventType]:
        """The shared validation step; after a question mid-form, also the profile as it was before
        the slot mappings read the question's words (Rasa fills them before the form validates)."""
        events = await super().get_validation_events(dispatcher, tracker, domain)
        if not asks_aside(tracker):
            return events
        set_now = {e["name"] for e in events if e.get("event") == "slot"}
        restore = [SlotSet(slot, self.earlier(slot, tracker)) for slot in tracker.slots_to_validate()
                   if slot not in set_now and slot in [*self.domain_slots(domain), "gemeente"]
                   and normalise(slot, tracker.get_slot(slot)) != self.earlier(slot, tracker)]
        if restore and ONLINE_QUESTION.search(latest_text(tracker)):
            # the form goes on rather than stepping aside, so it answers this side question itself
            from besliswijzer.advice.why_not import why_not_online
            profile = profile_from_slots({**{s: tracker.get_slot(s) for s in self.domain_slots(domain)},
                                          **{e["name"]: e["value"] for e in restore}})
            dispatcher.utter_message(text=why_not_online(profile if profile.get("doelgroep") else None))
        return events + restore

    async def validate_candidates(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        new_topic = starts_new_topic(tracker)
        values: Dict[Text, Any] = {}
        if new_topic:
            dispatcher.utter_message(text=tekst("formulier.nieuw_onderwerp"))
            named = slots_named_in(tracker, domain, self.domain_slots(domain))
            values = {slot: None for slot in [*self.domain_slots(domain), "onderwerp"] if slot not in named}
        if asks_for_plan(latest_text(tracker)) and not tracker.get_slot("laatste_advies") \
                and not form_just_started(tracker, FORM):
            dispatcher.utter_message(text=tekst("advies.plan_nog_niet"))   # the plan follows the advice
        if form_just_started(tracker, FORM) and (latest_intent(tracker) == "advies_vragen" or (
                latest_intent(tracker) == "situatie_geven" and "?" in latest_text(tracker))):
            # "... zonder de usual suspects": the tip too; so for a question read as a situation
            # ("Hoe betrek je jongeren in onze gemeente?"), whose answer comes before the first
            # question. Only with a question mark: "Gaat om de herinrichting van het plein" is no question.
            from .kennis import tip_for_request
            tip_for_request(dispatcher, tracker, "advies")
        values.update(await super().validate_candidates(dispatcher, tracker, domain))
        self.tell_what_changed(values, dispatcher, tracker, domain)
        return values

    def finish_validation(self, values: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        values.setdefault("overgeslagen", list(tracker.get_slot("overgeslagen") or []))
        values.setdefault(ATTEMPTS_SLOT, tracker.get_slot(ATTEMPTS_SLOT))
        if starts_new_topic(tracker):
            values.update({"overgeslagen": [], ATTEMPTS_SLOT: None, "laatste_advies": None, "getoonde_methodes": None})
        return values

    def tell_what_changed(self, values: Dict[Text, Any], dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: DomainDict) -> None:
        """Corrections and facts told before they were asked, each kind in one message; a decision
        already taken is said plainly at once, before any further question."""
        requested = tracker.get_slot(REQUESTED_SLOT)
        corrections, noted = [], []
        for slot, value in values.items():
            if slot not in self.domain_slots(domain) or slot == requested or value is None:
                continue
            old = self.earlier(slot, tracker)
            if value != old:
                said = tekst(f"profiel.{slot}", waarde=describe(slot, value))
                (corrections if old is not None else noted).append(said)
        if corrections:
            dispatcher.utter_message(text=tekst("formulier.aangepast", wat="; ".join(corrections)))
        if noted and requested:  # told before it was asked: say it was heard
            dispatcher.utter_message(text=tekst("formulier.genoteerd", wat="; ".join(noted)))
        if values.get("ruimte_voor_invloed") is False and self.earlier("ruimte_voor_invloed", tracker) is not False:
            kind = values.get("onderwerp") or tracker.get_slot("onderwerp")
            dispatcher.utter_message(text=tekst("formulier.geen_invloed", keuzes="; ".join(remaining_choices(kind))))

    @staticmethod
    def earlier(slot: Text, tracker: Tracker) -> Any:
        """The slot's value before this message; nothing when this message starts a new topic."""
        return None if starts_new_topic(tracker) else normalise(slot, previous_value(tracker, slot))

    def _take(self, slot: Text, value: Any, tracker: Tracker) -> Dict[Text, Any]:
        """A value for another question than the open one must be believable (a stray entity in an
        answer to another question): otherwise what was said before stays."""
        if slot != tracker.get_slot(REQUESTED_SLOT) and not plausible(slot, value, latest_text(tracker)):
            return {slot: self.earlier(slot, tracker)}
        return {slot: value}

    # --- one validate_<slot> per question (value: an entity's value, or the user's own words) ----

    def validate_doelgroep(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        # The NLU's entities come as a list; in the user's own words only whole group names count.
        groups = normalise("doelgroep", value) if isinstance(value, list) else catalogue().find("doelgroep", value) or None
        if groups is None:
            return self._take("doelgroep", groups, tracker)
        old = self.earlier("doelgroep", tracker)
        if old and adds_to_list(latest_text(tracker)):   # "en ook jongeren"
            groups = old + [group for group in groups if group not in old]
        dropped = negated_groups(tracker)                # "ouderen, niet jongeren"
        return {"doelgroep": [group for group in groups if group not in dropped] or None}

    def validate_schaal(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: DomainDict) -> Dict[Text, Any]:
        return self._take("schaal", normalise("schaal", value), tracker)

    def validate_thema(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> Dict[Text, Any]:
        return self._take("thema", normalise("thema", value), tracker)

    def validate_beleidsfase(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        return self._take("beleidsfase", normalise("beleidsfase", value), tracker)

    def validate_niveau(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: DomainDict) -> Dict[Text, Any]:
        return self._take("niveau", normalise("niveau", value), tracker)

    def validate_ruimte_voor_invloed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> Dict[Text, Any]:
        room = normalise("ruimte_voor_invloed", value)
        if room is None and latest_intent(tracker) in ("bevestigen", "ontkennen"):
            room = latest_intent(tracker) == "bevestigen"     # "ja hoor" / "nee" to the question
        if room is None:
            room = precondition_from_text("ruimte_voor_invloed", latest_text(tracker))
        return self._take("ruimte_voor_invloed", room, tracker)

    def validate_doel(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: DomainDict) -> Dict[Text, Any]:
        return self._take("doel", normalise("doel", value) or precondition_from_text("doel", latest_text(tracker)),
                          tracker)

    def validate_rol(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                     domain: DomainDict) -> Dict[Text, Any]:
        return self._take("rol", normalise("rol", value) or precondition_from_text("rol", latest_text(tracker)),
                          tracker)

    def validate_budget_euro(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        amount = vague_amount_around(value, latest_text(tracker)) or normalise("budget_euro", value)
        if amount is None and latest_intent(tracker) == "ontkennen" and tracker.get_slot(REQUESTED_SLOT) == "budget_euro":
            amount = 0   # "nee" to "hoeveel geld is er?" means there is none
        return self._take("budget_euro", amount, tracker)

    def validate_doorlooptijd_weken(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> Dict[Text, Any]:
        weeks = normalise("doorlooptijd_weken", value)
        if not weeks and tracker.get_slot(REQUESTED_SLOT) == "doorlooptijd_weken" and isinstance(value, str):
            # the question asks for the time until the decision, so "voor de zomer" is an answer
            weeks = infer(value, about_decision=True).get("doorlooptijd_weken")
        return self._take("doorlooptijd_weken", weeks, tracker)

    # Not a question: where the user works. The NLU may tag only "Hof" of "Hof van Twente".
    def validate_gemeente(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: DomainDict) -> Dict[Text, Any]:
        from besliswijzer.reference.places import widen_gemeente
        return {"gemeente": widen_gemeente(value, latest_text(tracker)) if value else None}

    # Not a question: the kind of project (windpark ...), read from the same sentences as the preconditions.
    def validate_onderwerp(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        return {"onderwerp": normalise("onderwerp", value)}


def question_buttons(slot: str, attempts: int) -> List[dict]:
    """The answers to offer as buttons, and a way out where the question may be skipped."""
    labels = teksten("knoppen")
    if slot == "doelgroep":
        ids = DOELGROEP_BUTTONS
        buttons = [button(label("doelgroep", i), intent_payload("situatie_geven", {"doelgroep": i})) for i in ids]
    elif slot in TERM_FIELDS:
        buttons = [button(label(slot, i), intent_payload("situatie_geven", {slot: i})) for i in catalogue().ids(slot)]
    elif slot == "budget_euro":
        buttons = [button(labels["geen_budget"], intent_payload("situatie_geven", {"bedrag": "geen budget"}))]
    elif slot == "ruimte_voor_invloed":
        buttons = [button(tekst("voorwaarden.knoppen.ruimte_ja"), intent_payload("situatie_geven", {"ruimte": "ja"})),
                   button(tekst("voorwaarden.knoppen.ruimte_nee"), intent_payload("situatie_geven", {"ruimte": "nee"}))]
    elif slot in ("doel", "rol"):
        buttons = [button(tekst(f"voorwaarden.{slot}.{i}").capitalize(), intent_payload("situatie_geven", {slot: i}))
                   for i in catalogue().preconditions.get(slot, ())]
    else:
        buttons = []
    if slot in SKIP_AFTER_HELP and attempts >= MAX_ATTEMPTS:
        buttons.append(button(labels["overslaan"], "/overslaan"))
    elif slot in SKIP_AT_ONCE or slot == "doelgroep":
        buttons.append(button(labels["weet_niet"], "/weet_niet"))
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
        if form_just_started(tracker, FORM):
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


ASK_ACTIONS = [_ask_class(slot) for slot in QUESTIONS]


def question_explanation(slot: Optional[str]) -> Optional[str]:
    """Why the form asks this question (for "waarom?" in the middle of the form)."""
    return tekst(f"vragen.{slot}.uitleg") if slot in QUESTIONS else None
