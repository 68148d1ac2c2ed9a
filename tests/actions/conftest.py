"""Fixtures for the action tests: the real domain and a case database that cannot be opened.

The working case database is `db_url` (tests/conftest.py); the tracker and dispatcher
helpers are in tests/support/actions.py.
"""
from pathlib import Path
from typing import Any, Dict

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The bot's domain exactly as Rasa reads it from bot/ and hands it to the action server."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "bot")).as_dict()


@pytest.fixture
def broken_database(tmp_path, monkeypatch) -> str:
    """DATABASE_URL pointing at a directory: SQLite really cannot open it."""
    url = f"sqlite:///{tmp_path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url
