"""Database: migrations, idempotent seed, and Dutch errors when the database cannot be used."""
import sqlite3

import pytest
from sqlalchemy import inspect, text

from besliswijzer.storage import db
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.cases.store import search_cases
from besliswijzer.errors import DatabaseUnavailableError
from tests.support.database import head_revision, row_counts


def test_init_db_creates_tables_and_is_idempotent(db_url):
    before = row_counts(db_url)
    cat = load_catalogue()
    assert before[:2] == (len(cat.methods), len(cat.tools)) and before[2] >= 12
    db.init_db(db_url)
    assert row_counts(db_url) == before
    tables = set(inspect(db.get_engine(db_url)).get_table_names())
    assert {"methods", "tools", "cases", "case_doelgroepen", "case_methodes", "case_tools", "case_bronnen", "assessments",
            "revisie", "alembic_version"} <= tables
    with db.get_engine(db_url).connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one() == head_revision()


def test_indexes_exist_for_search_columns(db_url):
    names = {i["name"] for t in ("cases", "case_doelgroepen", "case_methodes", "case_tools")
             for i in inspect(db.get_engine(db_url)).get_indexes(t)}
    assert {"ix_cases_thema", "ix_cases_schaal", "ix_cases_gemeente", "ix_case_doelgroepen_doelgroep",
            "ix_case_methodes_methode", "ix_case_tools_tool"} <= names


def test_default_url_is_sqlite_in_repo_var(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert db.database_url() == f"sqlite:///{db.REPO / 'var' / 'besliswijzer.db'}"
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@host/db")
    assert db.database_url() == "postgresql://u:p@host/db"


def test_missing_sqlite_file_is_reported_and_not_created(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(DatabaseUnavailableError) as err:
        with db.session_scope(f"sqlite:///{path}"):
            pass
    assert "db init" in err.value.message
    assert not path.exists()


def test_empty_database_without_tables_is_reported(tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with pytest.raises(DatabaseUnavailableError) as err:
        with db.session_scope(f"sqlite:///{path}") as s:
            search_cases(s)
    assert "db init" in err.value.message


def test_locked_database_is_reported(db_url, monkeypatch):
    monkeypatch.setattr(db, "SQLITE_TIMEOUT_S", 0.05)
    monkeypatch.setattr(db, "_engines", {})
    path = db_url[len("sqlite:///"):]
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseUnavailableError) as err:
            with db.session_scope(db_url) as s:
                search_cases(s)
        assert "bezet" in err.value.message
    finally:
        holder.rollback()
        holder.close()


def test_unreachable_postgres_is_reported():
    url = "postgresql://nobody:secret@127.0.0.1:1/besliswijzer"
    with pytest.raises(DatabaseUnavailableError) as err:
        with db.session_scope(url) as s:
            search_cases(s)
    assert "niet bereikbaar" in err.value.message
    assert "secret" not in err.value.message
