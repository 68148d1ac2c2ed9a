"""BeheerBroker: a Rasa event broker that feeds the maintainers' inbox and the insight counts.

Rasa hands every new conversation event to `publish`. The broker keeps a little state per
conversation in memory only (the open message, what was counted this week) and writes:

- to the inbox (besliswijzer.maintainers.inbox): messages that fell back, scored below the threshold,
  were out of scope, or whose answer the user turned down: a correction ("nee, dat bedoel ik niet"),
  the same question asked again in other words right after the answer, or the feedback sentence
  ("Dit beantwoordt mijn vraag niet"); scrubbed, with the bot's answer, without a conversation id;
- to the insight counts (besliswijzer.maintainers.insight): conversations, messages, intents, themes,
  target groups, rungs and methods advised, fallbacks and saved assessments per week.

Configure it in an endpoints file:

    event_broker:
      type: broker.beheer.BeheerBroker
      drempel: 0.7          # optional: below this confidence a message goes to the inbox
      achtergrond: true     # optional (default): write from a background thread, not in the turn

A failing database never stops a conversation: the broker logs the error type and carries on.
"""
from __future__ import annotations

import logging
import os
import queue
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.utils.endpoints import EndpointConfig

from besliswijzer.maintainers import inbox
from besliswijzer.maintainers import insight as inzicht
from besliswijzer.storage.db import session_scope
from besliswijzer.text.fold import fold

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.7
QUEUE_MAX = 10000                 # events waiting for the database; beyond this they are skipped
MAX_CONVERSATIONS = 5000          # state kept in memory; the oldest conversation is forgotten first
FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENTS = {"buiten_bereik", "out_of_scope"}
FALLBACK_ACTIONS = {"action_default_fallback"}
UNANSWERED_SLOT = "onbeantwoord"      # set by the actions when a question got no sure answer
# "nee, dat bedoel ik niet": the message before this one was misunderstood.
CORRECTION = re.compile(r"\b(dat bedoel(de)? ik niet|niet wat ik bedoel|verkeerd begrepen|"
                        r"(je|u) begrijpt (me|mij) niet|dat vroeg ik niet|niet wat ik vroeg|"
                        r"nee,? ik bedoel(de)?|dat is niet wat ik (bedoel|zoek|vraag))", re.IGNORECASE)
# The widget's button under each answer, or the same typed (the web app usually answers it itself).
FEEDBACK = re.compile(r"\bbeantwoordt? (mijn|de) vraag niet\b", re.IGNORECASE)
REPHRASE_WITHIN_S = 180           # "right after the answer": the same question again within 3 minutes
# Intents that answer the bot's question rather than ask one: never a rephrasing.
ANSWER_INTENTS = {"situatie_geven", "bevestigen", "ontkennen", "weet_niet", "score_geven", "overslaan",
                  "bedanken", "begroeten", "afscheid", "opnieuw_beginnen"}
_STOPWORDS = frozenset("de het een en of in op aan van voor met is zijn ik je u we wat hoe wie er dat die dit "
                       "te om als bij naar niet wel ook nog maar dan mijn bedoel bedoelde eigenlijk precies "
                       "welke waar wanneer waarom kan kun kunt moet wil".split())


@dataclass
class Message:
    text: str
    intent: Optional[str]
    confidence: Optional[float]
    day: date
    reason: Optional[str] = None
    at: float = 0.0                      # when it was sent (Rasa's timestamp), kept in memory only
    replies: list = field(default_factory=list)
    kept: bool = False


@dataclass
class Conversation:
    open: Optional[Message] = None       # the user message the bot is answering now
    last: Optional[Message] = None       # the one before, for a correction
    counted: set = field(default_factory=set)
    groups: list = field(default_factory=list)


def best_guess(parse_data: dict) -> tuple:
    """The intent the bot understood and its confidence; behind a fallback, the best real guess."""
    intent = parse_data.get("intent") or {}
    if intent.get("name") != FALLBACK_INTENT:
        return intent.get("name"), intent.get("confidence")
    for item in parse_data.get("intent_ranking") or []:
        if item.get("name") != FALLBACK_INTENT:
            return item.get("name"), item.get("confidence")
    return None, None


def content_words(text: str) -> set:
    """The words that carry a question's meaning: folded, without the small words around them."""
    return {w for w in re.findall(r"\w+", fold(text)) if len(w) > 3 and w not in _STOPWORDS}


def is_rephrasing(last: Message, text: str, intent: Optional[str], at: float) -> bool:
    """The user asks the question of `last` again in other words, right after its answer: the answer
    missed. Not when the bot asked something back (the new message answers it) or much later."""
    if not last.replies or last.text.startswith("/") or intent in ANSWER_INTENTS:
        return False
    if last.replies[-1].rstrip().endswith("?") or (at and last.at and at - last.at > REPHRASE_WITHIN_S):
        return False
    before, now = content_words(last.text), content_words(text)
    if not before or not now:
        return False
    return len(before & now) / min(len(before), len(now)) >= 0.5


def slot_counts(name: str, value: Any, groups: list) -> list:
    """The (kind, value) insight counts a slot event adds."""
    if name == "thema" and isinstance(value, str) and value:
        return [("thema", value)]
    if name == "laatste_advies" and isinstance(value, dict):
        counts = [("niveau", value["niveau"])] if value.get("niveau") else []
        counts += [("methode", c["methode"]) for c in value.get("combinaties") or [] if c.get("methode")]
        return counts + [("doelgroep", group) for group in groups]
    if name == "evaluatie_resultaat" and isinstance(value, dict) and value.get("casus_id"):
        return [("beoordeling", inzicht.ALL)]
    return []


class BeheerBroker(EventBroker):
    def __init__(self, threshold: float = DEFAULT_THRESHOLD, database_url: Optional[str] = None,
                 background: bool = False) -> None:
        self.threshold = float(threshold)
        self.database_url = database_url
        self.conversations: "OrderedDict[str, Conversation]" = OrderedDict()
        # In the background, the database writes leave Rasa's event loop: a turn no longer
        # waits for them, and neither do the other conversations the server is handling.
        self._queue: Optional[queue.Queue] = None
        self._worker: Optional[threading.Thread] = None
        if background:
            self._queue = queue.Queue(maxsize=QUEUE_MAX)
            self._worker = threading.Thread(target=self._work, name="beheer-broker", daemon=True)
            self._worker.start()

    @classmethod
    async def from_endpoint_config(cls, broker_config: EndpointConfig, event_loop=None) -> "BeheerBroker":
        kwargs = broker_config.kwargs if broker_config else {}
        threshold = os.environ.get("INBOX_DREMPEL") or kwargs.get("drempel", DEFAULT_THRESHOLD)
        return cls(threshold=float(threshold), background=bool(kwargs.get("achtergrond", True)))

    # --- Rasa's interface --------------------------------------------------------

    def publish(self, event: Dict[Text, Any]) -> None:
        if self._queue is None:
            self._handle_safely(event)
            return
        try:
            self._queue.put_nowait(event)
        except queue.Full:                  # the database hangs: counts lag, chats go on
            log.warning("beheer broker: queue full, event skipped")

    async def close(self) -> None:
        self.flush()

    # --- the background writer ----------------------------------------------------

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every published event is written; False when that took too long."""
        if self._queue is None:
            return True
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.005)
        return not self._queue.unfinished_tasks

    def _work(self) -> None:
        assert self._queue is not None
        while True:
            event = self._queue.get()
            try:
                self._handle_safely(event)
            finally:
                self._queue.task_done()

    def _handle_safely(self, event: Dict[Text, Any]) -> None:
        try:
            self.handle(event)
        except Exception as exc:            # never break a conversation; never log its text
            log.error("beheer broker: event not processed (%s)", type(exc).__name__)

    # --- the work ---------------------------------------------------------------

    def conversation(self, sender_id: str) -> Conversation:
        state = self.conversations.pop(sender_id, None) or Conversation()
        self.conversations[sender_id] = state
        while len(self.conversations) > MAX_CONVERSATIONS:
            self.conversations.popitem(last=False)
        return state

    def handle(self, event: Dict[Text, Any]) -> None:
        kind = event.get("event")
        state = self.conversation(str(event.get("sender_id", "")))
        day = date.fromtimestamp(event.get("timestamp") or 0) if event.get("timestamp") else date.today()
        if kind == "user":
            self.on_user(state, event, day)
        elif kind == "bot" and state.open is not None and event.get("text"):
            state.open.replies.append(event["text"])
        elif kind == "action":
            name = event.get("name")
            if name in FALLBACK_ACTIONS and state.open is not None:
                state.open.reason = "fallback"
            elif name == "action_listen":
                self.close_open(state)
        elif kind == "slot":
            self.on_slot(state, event.get("name"), event.get("value"), day)
        elif kind in ("restart", "session_started"):
            self.close_open(state)

    def on_user(self, state: Conversation, event: dict, day: date) -> None:
        self.close_open(state)
        text = event.get("text") or ""
        parse = event.get("parse_data") or {}
        top = (parse.get("intent") or {}).get("name")
        intent, confidence = best_guess(parse)
        with session_scope(self.database_url) as session:
            self.count(session, state, day, "gesprek", inzicht.ALL)
            self.count(session, state, day, "intentie", top or "onbekend")
            if top == FALLBACK_INTENT:
                self.count(session, state, day, "fallback", inzicht.ALL)
            at = float(event.get("timestamp") or 0)
            last = state.last
            if last is not None and not last.kept and not text.startswith("/"):
                if FEEDBACK.search(text):
                    last.reason = "feedback"
                elif CORRECTION.search(text):
                    last.reason = "correctie"
                elif is_rephrasing(last, text, top, at):
                    last.reason = "herformulering"
                if last.reason:
                    self.keep(session, state, last)
        if text.startswith("/"):                # a button: the user chose, nothing to learn
            state.last = None
            return
        if FEEDBACK.search(text) or CORRECTION.search(text):
            state.last = None                   # the verdict on an answer is no question to learn
            return
        message = Message(text=text, intent=intent, confidence=confidence, day=day, at=at)
        if top == FALLBACK_INTENT:
            message.reason = "fallback"
        elif top in OUT_OF_SCOPE_INTENTS:
            message.reason = "buiten_bereik"
        elif confidence is not None and confidence < self.threshold:
            message.reason = "onzeker"
        state.open = message

    def close_open(self, state: Conversation) -> None:
        message, state.open = state.open, None
        if message is None:
            return
        if message.reason:
            with session_scope(self.database_url) as session:
                self.keep(session, state, message)
        state.last = message

    def keep(self, session, state: Conversation, message: Message) -> None:
        inbox.add_item(session, message.text, message.reason, message.intent, message.confidence,
                       " ".join(message.replies), day=message.day)
        message.kept = True
        self.count(session, state, message.day, "inbox", inzicht.ALL)

    def on_slot(self, state: Conversation, name: str, value: Any, day: date) -> None:
        if name == UNANSWERED_SLOT and value and state.open is not None and not state.open.reason:
            state.open.reason = "onbeantwoord"      # an open question without a sure answer
            return
        if name == "doelgroep":
            state.groups = list(value or []) if isinstance(value, list) else ([value] if value else [])
            return
        counts = slot_counts(name, value, state.groups)
        if not counts:                      # most slot events count nothing: no transaction
            return
        with session_scope(self.database_url) as session:
            for kind, counted in counts:
                self.count(session, state, day, kind, counted)

    def count(self, session, state: Conversation, day: date, kind: str, value: str) -> None:
        if not inzicht.allowed(kind, value):
            return
        key = (inzicht.week_of(day), kind, value)
        new = key not in state.counted
        state.counted.add(key)
        inzicht.add(session, day, kind, value, new_conversation=new)
