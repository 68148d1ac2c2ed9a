"""What every form of the besliswijzer does with an answer, in rasa_sdk's own idiom.

rasa_sdk's `FormValidationAction.run()` is left as it is: it validates the slot candidates, then
names the next question (`next_requested_slot`, from `required_slots`). `GuidedFormValidation`
fills in the validation step (`get_validation_events`, rasa_sdk 3's successor of the
`validate()` that Rasa's financial-demo extends) with what all our forms share:

- every candidate the NLU found goes through the form's `validate_<slot>`, also for a question
  that is not asked now (skipped, or not needed): people correct and add facts at any time;
- the open question, when no entity answered it, gets the user's own words: `validate_<slot>`
  receives the text and reads the answer from it;
- "weet ik niet" / "overslaan" skips a question the form may do without (`may_skip`, `skipped`);
- a side question ("wat is een burgerberaad?", "waarom?", "wat bedoel je?") sets no slot, so Rasa
  rejects the form and a rule answers it (action_waarom / action_uitleg explain the open question);
  back in the form, `next_requested_slot` names the open question again;
- an answer that cannot be read counts as a failed attempt (slot `pogingen`); after two the
  question explains itself (the ask actions read `attempts_for`), and a form may then move on.

A form subclass writes one `validate_<slot>` per question, `required_slots` when the questions
depend on earlier answers, and the hooks below where it differs.
"""
from __future__ import annotations

import logging
from abc import abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import FormValidationAction, Tracker, utils
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from .common import SIDE_INTENTS, SKIP_INTENTS, latest_intent, latest_text

__all__ = ["ATTEMPTS_SLOT", "MAX_ATTEMPTS", "GuidedFormValidation", "attempts_for", "form_just_started"]

logger = logging.getLogger(__name__)

# Failed answers to the open question: {"slot": ..., "aantal": n} (bot/domain/advies.yml).
ATTEMPTS_SLOT = "pogingen"
# After this many failed answers the question is explained (and may be skipped).
MAX_ATTEMPTS = 2


def attempts_for(tracker: Tracker, slot: str) -> int:
    """How many answers to `slot` in a row could not be read."""
    pogingen = tracker.get_slot(ATTEMPTS_SLOT) or {}
    return int(pogingen.get("aantal", 0)) if pogingen.get("slot") == slot else 0


def form_just_started(tracker: Tracker, form: str) -> bool:
    """True when the form was activated in this turn (so the first question gets an introduction)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") == form:
            return True
    return False


def _understood(values: Dict[Text, Any]) -> bool:
    return any(value is not None for value in values.values())


class GuidedFormValidation(FormValidationAction):
    """A form validation that counts failed answers, lets questions be skipped and steps aside for
    side questions. Subclasses: one `validate_<slot>` per question, and the hooks below."""

    # Intents of questions a user may ask in the middle of the form: the form steps aside for them.
    side_intents = SIDE_INTENTS
    # After the explanation (MAX_ATTEMPTS failed answers), one more miss skips a skippable question.
    moves_on_after_help = False

    @abstractmethod
    def name(self) -> Text:  # abstract, so rasa_sdk does not register this base as an action
        ...

    # --- hooks -----------------------------------------------------------------------------------

    def may_skip(self, slot: Text, attempts: int) -> bool:
        """Whether "weet ik niet" / "overslaan" skips this question now."""
        return True

    def may_move_on(self, slot: Text, attempts: int) -> bool:
        """Whether a miss after the explanation skips this question (`moves_on_after_help`)."""
        return self.may_skip(slot, attempts)

    def skipped(self, slot: Text, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """Slot values that record a skipped question (and a message, if the form says one)."""
        return {}

    def cannot_skip(self, slot: Text, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """What to say when "weet ik niet" meets a question the form needs."""

    def is_side_question(self, slot: Text, text: Text) -> bool:
        """Whether a message with a side intent asks something rather than answering `slot`."""
        return True

    def finish_validation(self, values: Dict[Text, Any], tracker: Tracker) -> Dict[Text, Any]:
        """The last word on the slot values before they become events (bookkeeping slots)."""
        return values

    def candidates(self, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        """Values to validate: what the slot mappings extracted from this message, for every
        slot this form has a `validate_<slot>` for."""
        return {slot: value for slot, value in tracker.slots_to_validate().items() if self._validator(slot)}

    # --- rasa_sdk's steps ------------------------------------------------------------------------

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[EventType]:
        """Validate the candidates and read the answer to the open question (rasa_sdk's validation
        step); the events set the validated slots, `pogingen` and what a skip records."""
        requested = tracker.get_slot(REQUESTED_SLOT)
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        values = await self.validate_candidates(dispatcher, tracker, domain)
        if requested in required and values.get(requested) is None:
            answer = await self.validate_open_question(requested, values, dispatcher, tracker, domain)
            if answer is None:
                return []   # a side question: no slot is set, so Rasa rejects the form and a rule answers
            values.update(answer)
        elif requested and values.get(requested) is not None:
            values[ATTEMPTS_SLOT] = None
        return [SlotSet(slot, value) for slot, value in self.finish_validation(values, tracker).items()]

    async def next_requested_slot(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Optional[EventType]:
        """The first required question without an answer, always named: rasa_sdk leaves it to Rasa
        when `required_slots` is not overridden, and Rasa would then ask every slot the domain lists."""
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        return SlotSet(REQUESTED_SLOT, next((slot for slot in required if tracker.get_slot(slot) is None), None))

    # --- the parts ---------------------------------------------------------------------------------

    async def validate_candidates(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        """Every candidate through its `validate_<slot>`, asked now or not."""
        values: Dict[Text, Any] = {}
        for slot, value in self.candidates(tracker, domain).items():
            values.update(await self.validate_slot(slot, value, dispatcher, tracker, domain))
        return values

    async def validate_open_question(self, slot: Text, values: Dict[Text, Any], dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Optional[Dict[Text, Any]]:
        """The open question without an answer from the entities: the user's words, a skip, or a
        failed attempt. None when the message is a side question the form leaves to the rules."""
        intent, text = latest_intent(tracker), latest_text(tracker)
        said = _understood(values)   # something else in the message was understood
        if intent in self.side_intents and not said:
            if self.is_side_question(slot, text):
                return None
            answer = await self.validate_slot(slot, text, dispatcher, tracker, domain)
            if not _understood(answer):
                return None
            return {**answer, ATTEMPTS_SLOT: None}   # "doe dan maar coproduceren": a statement answers
        attempts = attempts_for(tracker, slot)
        if intent in SKIP_INTENTS and self.may_skip(slot, attempts):
            return {**self.skipped(slot, dispatcher, tracker), ATTEMPTS_SLOT: None}
        # "weet ik niet" is never read as the answer itself
        answer = {} if intent in SKIP_INTENTS else await self.validate_slot(slot, text, dispatcher, tracker, domain)
        if _understood(answer):
            return {**answer, ATTEMPTS_SLOT: None}
        if said:
            return answer    # a correction or another fact: not a failed answer to this question
        if self.moves_on_after_help and attempts >= MAX_ATTEMPTS and self.may_move_on(slot, attempts):
            # a miss after the explanation: move on rather than go round in circles
            return {**answer, **self.skipped(slot, dispatcher, tracker), ATTEMPTS_SLOT: None}
        if intent in SKIP_INTENTS:
            self.cannot_skip(slot, dispatcher, tracker)
        return {**answer, ATTEMPTS_SLOT: {"slot": slot, "aantal": attempts + 1}}

    async def validate_slot(self, slot: Text, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        """What `validate_<slot>` makes of a value (an entity's, or the user's words)."""
        method = self._validator(slot)
        if method is None:
            return {}
        output = await utils.call_potential_coroutine(method(value, dispatcher, tracker, domain))
        if not isinstance(output, dict):
            logger.warning("validate_%s returned no dict; the value is not taken", slot)
            return {}
        return output

    def _validator(self, slot: Text):
        return getattr(self, f"validate_{slot.replace('-', '_')}", None)
