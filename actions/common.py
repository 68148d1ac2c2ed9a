"""Helpers shared by the actions: reading the latest message, catalogue labels, the database."""
from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from typing import Iterator, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from besliswijzer.errors import BesliswijzerError, DatabaseUnavailableError

from .teksten import tekst, teksten

logger = logging.getLogger(__name__)

# Questions a user may ask in the middle of a form; the form pauses, answers, then goes on.
SIDE_INTENTS = frozenset({
    "uitleg_vragen", "casus_zoeken", "methodes_vergelijken", "wat_kun_je", "bot_vraag",
    "buiten_bereik", "opnieuw_beginnen", "afscheid", "waarom_vragen", "bedanken",
})
SKIP_INTENTS = frozenset({"weet_niet", "overslaan"})


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    # A button payload such as /situatie_geven{...} is not something the user typed.
    return "" if text.startswith("/") else text


def entity_values(tracker: Tracker, entity: str) -> List[str]:
    """Values of one entity in the latest message, in order, without repeats."""
    values: List[str] = []
    for item in tracker.latest_message.get("entities") or []:
        if item.get("entity") != entity:
            continue
        value = item.get("value")
        for v in value if isinstance(value, list) else [value]:
            if v is not None and str(v) not in values:
                values.append(str(v))
    return values


def catalogue():
    from besliswijzer.reference.catalogue import load_catalogue
    return load_catalogue()


def contract_payload(payload: dict) -> dict:
    """Check a payload against the contract's schema (besliswijzer/payloads.py) before it is sent.

    A mismatch is a bug in our code: it is logged (field paths only, never user text) and the payload
    is still sent, so a conversation never breaks on it. The action tests make it an error."""
    from besliswijzer.payloads import problems

    found = problems(payload)
    if found:
        logger.warning("payload %s does not follow the contract: %s",
                       payload.get("type") if isinstance(payload, dict) else "?",
                       "; ".join(f.split(":")[0] for f in found))
    return payload


def label(entity: str, value) -> str:
    try:
        return catalogue().label(entity, value)
    except Exception:  # a label is cosmetic; never let it break an answer
        return str(value)


def mentioned_ids(tracker: Tracker, entity: str) -> List[str]:
    """Canonical ids of `entity` among the entities the NLU found in the latest message."""
    ids: List[str] = []
    for value in entity_values(tracker, entity):
        canonical = catalogue().match(entity, value)
        if canonical and canonical not in ids:
            ids.append(canonical)
    return ids


def mentioned_subjects(tracker: Tracker, entities) -> List[tuple]:
    """(entity, id) pairs named in the latest message. The NLU's entities count first; only when
    it found none of these kinds are the user's words searched (typos, names it did not learn)."""
    found = [(entity, ident) for entity in entities for ident in mentioned_ids(tracker, entity)]
    if found:
        return found
    return catalogue().mentions(tuple(entities), latest_text(tracker))


def button(title: str, payload: str) -> dict:
    return {"title": title, "payload": payload}


def intent_payload(intent: str, entities: Optional[dict] = None) -> str:
    """A button payload that Rasa reads as this intent with these entities, without NLU."""
    return f"/{intent}" + (json.dumps(entities, ensure_ascii=False) if entities else "")


def main_menu_buttons() -> List[dict]:
    labels = teksten("knoppen")
    return [button(labels["advies"], "/advies_vragen"),
            button(labels["casussen"], "/casus_zoeken"),
            button(labels["uitleg"], "/uitleg_vragen"),
            button(labels["evaluatie"], "/traject_evalueren")]


@contextmanager
def database() -> Iterator[object]:
    """A database session from the core; any failure to reach the database becomes
    DatabaseUnavailableError, so every action can answer with one clear message."""
    from sqlalchemy.exc import OperationalError, DatabaseError

    from besliswijzer.storage.db import session_scope
    try:
        with session_scope() as session:
            yield session
    except (OperationalError, DatabaseError) as exc:
        raise DatabaseUnavailableError(tekst("algemeen.database_weg")) from exc


def tell_error(dispatcher: CollectingDispatcher, error: BesliswijzerError) -> None:
    """Say what went wrong in the core's own Dutch words; the conversation goes on."""
    if isinstance(error, DatabaseUnavailableError):
        logger.warning("database unavailable: %s", error)
        dispatcher.utter_message(text=tekst("algemeen.database_weg"))
    else:
        dispatcher.utter_message(text=error.message)
