"""User-facing texts of the web app, from web/teksten.yml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_FILE = Path(__file__).with_name("teksten.yml")


@lru_cache(maxsize=1)
def _texts() -> dict:
    return yaml.safe_load(_FILE.read_text(encoding="utf-8"))


def error(key: str) -> str:
    return _texts()["fouten"][key]


def reply(key: str) -> str:
    return _texts()["antwoorden"][key]


def plan(key: str) -> str:
    return _texts()["plan"][key]


def checklist() -> list[str]:
    return list(_texts()["plan"]["checklist"])
