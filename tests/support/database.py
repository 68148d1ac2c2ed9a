"""Case databases in tests: a fresh copy of a prepared one, its schema version and its row counts."""
import shutil
from pathlib import Path

from sqlalchemy import func, select

from besliswijzer.storage import db
from besliswijzer.storage.models import CaseRow, MethodRow, ToolRow

__all__ = ["fresh_copy", "head_revision", "row_counts"]


def head_revision() -> str:
    """The newest Alembic revision in besliswijzer/storage/migrations (what `db init` upgrades to)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(db.MIGRATIONS)).get_current_head()


def row_counts(url: str) -> tuple:
    """(methods, tools, cases) in the database at `url`."""
    with db.session_scope(url) as s:
        return tuple(s.execute(select(func.count()).select_from(m)).scalar_one()
                     for m in (MethodRow, ToolRow, CaseRow))


def fresh_copy(prepared: Path, path: Path, monkeypatch) -> str:
    """URL of a copy of a prepared SQLite database at `path`; DATABASE_URL points at it too, as in
    production. Copying is much faster than migrating and seeding for every test."""
    shutil.copy(prepared, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url
