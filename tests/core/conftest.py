"""Fixtures for the core tests: the seeded database (tests/conftest.py) plus the invented example cases."""
import shutil

import pytest

from besliswijzer.storage import db
from besliswijzer.cases.store import import_cases
from tests.support.cases import EXAMPLES
from tests.support.database import fresh_copy


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
    return fresh_copy(example_db_file, tmp_path / "voorbeeld.db", monkeypatch)


@pytest.fixture
def example_session(example_url):
    with db.session_scope(example_url) as s:
        yield s
