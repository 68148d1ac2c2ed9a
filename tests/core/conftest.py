"""Fixtures for the core tests: a real SQLite database, migrated and seeded once, copied per test."""
import shutil

import pytest

from besliswijzer import db


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "besliswijzer.db"
    db.init_db(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(seeded_db_file, tmp_path, monkeypatch):
    """URL of a fresh copy of the seeded database; DATABASE_URL points at it too."""
    path = tmp_path / "besliswijzer.db"
    shutil.copy(seeded_db_file, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def session(db_url):
    with db.session_scope(db_url) as s:
        yield s
