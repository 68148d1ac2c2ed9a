"""Fixtures for every test folder: a real case database, and the real services started once.

Fixtures that more than one folder needs live here; a folder's own conftest.py holds only its own.
Helpers that are not fixtures live in tests/support/.
"""
import os
import subprocess
import sys

import pytest

from scripts.stack import ROOT, Stack
from tests.support.ci import need
from tests.support.database import fresh_copy


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory):
    """A real SQLite case database, migrated and seeded once per test session."""
    from besliswijzer.storage import db

    path = tmp_path_factory.mktemp("seed") / "besliswijzer.db"
    db.init_db(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(seeded_db_file, tmp_path, monkeypatch):
    """URL of a fresh copy of the seeded database; DATABASE_URL points at it too, as in production."""
    return fresh_copy(seeded_db_file, tmp_path / "besliswijzer.db", monkeypatch)


@pytest.fixture
def session(db_url):
    """A session on db_url's database, committed at the end of the test."""
    from besliswijzer.storage import db

    with db.session_scope(db_url) as s:
        yield s


def init_database(url: str) -> None:
    env = dict(os.environ, DATABASE_URL=url, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "besliswijzer", "db", "init"], cwd=ROOT, env=env,
                   check=True, capture_output=True)


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory):
    """The action server, Rasa server (newest trained model) and web app on free ports.

    Uses its own case database, so tests never touch the data of `make run`.
    """
    need(any((ROOT / "models").glob("*.tar.gz")), "no trained model in models/ (make train)")
    workdir = tmp_path_factory.mktemp("stack")
    url = f"sqlite:///{workdir / 'besliswijzer.db'}"
    init_database(url)
    # The limit is for people; a test conversation sends faster than anyone types.
    limits = {"RATE_LIMIT": "1000 per minute", "RATE_LIMIT_ADRES": "5000 per minute"}
    with Stack(url, log_dir=workdir / "logs", extra_env=limits) as stack:
        yield stack
