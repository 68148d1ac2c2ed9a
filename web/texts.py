"""User-facing texts of the web app, from web/teksten.yml."""
from __future__ import annotations

from pathlib import Path

from besliswijzer.reference.datafiles import TextFile

_TEXTS = TextFile(Path(__file__).with_name("teksten.yml"))


def error(key: str) -> str:
    return _TEXTS.text(f"fouten.{key}")


def reply(key: str) -> str:
    return _TEXTS.text(f"antwoorden.{key}")


def buttons(key: str) -> list[dict]:
    """A row of buttons from the answers: [{"title", "payload"}]."""
    return [{"title": b["titel"], "payload": b["payload"]} for b in _TEXTS.section(f"antwoorden.{key}")]


def intent(name: str) -> str | None:
    """The Dutch name of an intent for /beheer, or None when it has none yet."""
    names = _TEXTS.section("intenties")
    return names.get(name) if isinstance(names, dict) else None


def plan(key: str) -> str:
    return _TEXTS.text(f"plan.{key}")
