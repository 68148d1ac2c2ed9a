"""Running a custom action as the action server does: a tracker from JSON-like state, a dispatcher."""
from __future__ import annotations

import asyncio
import inspect
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from besliswijzer.payloads import check

__all__ = ["all_text", "make_tracker", "run_action", "slot_events", "user_event"]


def user_event(text: str, intent: Optional[str], entities: List[dict]) -> Dict[str, Any]:
    return {"event": "user", "text": text,
            "parse_data": {"intent": {"name": intent, "confidence": 0.9}, "entities": entities,
                           "text": text}}


def make_tracker(*, text: str = "", intent: Optional[str] = None, entities: Optional[List[dict]] = None,
                 slots: Optional[Dict[str, Any]] = None, active_loop: Optional[str] = None,
                 history: Optional[List[dict]] = None, validate: Optional[Dict[str, Any]] = None,
                 intent_ranking: Optional[List[dict]] = None) -> Tracker:
    """A tracker as the action server receives it (JSON-like state).

    history: events before the latest user message; validate: slot candidates that a form
    appends after it (what Rasa sends to a validation action)."""
    entity_list = [{"entity": e, "value": v, "start": 0, "end": 0} for e, v in (entities or [])]
    latest = user_event(text, intent, entity_list)
    events = list(history or []) + [latest]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (validate or {}).items()]
    all_slots = dict(slots or {})
    all_slots.update(validate or {})
    latest_message = dict(latest["parse_data"])
    if intent_ranking is not None:
        latest_message["intent_ranking"] = intent_ranking
    return Tracker.from_dict({
        "sender_id": "test", "slots": all_slots, "latest_message": latest_message, "events": events,
        "paused": False, "followup_action": None, "active_loop": {"name": active_loop} if active_loop else {},
        "latest_action_name": "action_listen"})


def run_action(action, tracker: Tracker, domain: Dict[str, Any]):
    """Run an action (sync or async); returns (messages, events)."""
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, domain)
    if inspect.isawaitable(result):
        result = asyncio.run(result)
    for message in dispatcher.messages:     # every payload an action sends follows the contract
        if message.get("custom"):
            check(message["custom"])
    return dispatcher.messages, result


def slot_events(events: List[dict]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def all_text(messages: List[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
