"""Looking into a case database from a test: its schema version and its row counts."""
from sqlalchemy import func, select

from besliswijzer.storage import db
from besliswijzer.storage.models import CaseRow, MethodRow, ToolRow

__all__ = ["head_revision", "row_counts"]


def head_revision() -> str:
    """The newest Alembic revision in besliswijzer/storage/migrations (what `db init` upgrades to)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(db.MIGRATIONS)).get_current_head()


def row_counts(url: str) -> tuple:
    """(methods, tools, cases) in the database at `url`."""
    with db.session_scope(url) as s:
        return tuple(s.execute(select(func.count()).select_from(m)).scalar_one()
                     for m in (MethodRow, ToolRow, CaseRow))
