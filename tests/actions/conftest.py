"""Fixtures for the action tests: the real domain, real trackers, a real SQLite case database."""
from __future__ import annotations

import asyncio
import inspect
import shutil
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The bot's domain exactly as Rasa reads it from bot/ and hands it to the action server."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "bot")).as_dict()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    from besliswijzer.storage.db import init_db

    path = tmp_path_factory.mktemp("db") / "seeded.db"
    init_db(f"sqlite:///{path}")
    return path


@pytest.fixture
def database(seeded_db, tmp_path, monkeypatch) -> str:
    """A private copy of the seeded database, used through DATABASE_URL like in production."""
    path = tmp_path / "besliswijzer.db"
    shutil.copy(seeded_db, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def broken_database(tmp_path, monkeypatch) -> str:
    """DATABASE_URL pointing at a directory: SQLite really cannot open it."""
    url = f"sqlite:///{tmp_path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


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
    from besliswijzer.payloads import check

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
