"""Fixtures for the core tests: a real SQLite database, migrated and seeded once, copied per test."""
import shutil
from pathlib import Path

import pytest

from besliswijzer.storage import db
from besliswijzer.cases.store import import_cases


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


EXAMPLES = Path(__file__).parent / "data" / "voorbeeldcasussen.yml"


@pytest.fixture(scope="session")
def example_db_file(seeded_db_file, tmp_path_factory):
    """The seeded database plus the invented example cases (tests/core/data/voorbeeldcasussen.yml)."""
    path = tmp_path_factory.mktemp("voorbeeld") / "besliswijzer.db"
    shutil.copy(seeded_db_file, path)
    with db.session_scope(f"sqlite:///{path}") as s:
        import_cases(s, EXAMPLES)
    return path


@pytest.fixture
def example_url(example_db_file, tmp_path, monkeypatch):
    """Like db_url, with the example cases added."""
    path = tmp_path / "voorbeeld.db"
    shutil.copy(example_db_file, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def example_session(example_url):
    with db.session_scope(example_url) as s:
        yield s
