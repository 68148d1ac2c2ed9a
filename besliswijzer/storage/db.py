"""Database access: URL, engines, sessions, and `init_db` (migrate + seed). SQLite by default, PostgreSQL by DATABASE_URL."""
import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from besliswijzer.errors import DatabaseUnavailableError

REPO = Path(__file__).resolve().parents[2]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_TIMEOUT_S = 5          # how long a reader/writer waits for a lock before "bezet"
SERVER_CONNECT_TIMEOUT_S = 5  # a firewalled server would otherwise hang the chat for minutes
_engines = {}

MSG_MISSING = ("De casusdatabase is er nog niet. Maak hem aan met: "
               "python -m besliswijzer db init")
MSG_LOCKED = "De casusdatabase is even bezet. Probeer het zo nog eens."
MSG_DOWN = "De casusdatabase is nu niet bereikbaar. Probeer het later nog eens."
MSG_NO_SERVER_DATABASE = ("De database op de databaseserver bestaat niet, of de gebruiker mag er niet in. "
                          "Vraag de beheerder om database en gebruiker aan te maken. Daarna: "
                          "python -m besliswijzer db init")


def database_url() -> str:
    """DATABASE_URL from the environment, else the SQLite file var/besliswijzer.storage.db in the repository."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{REPO / 'var' / 'besliswijzer.db'}"
    if url.startswith("postgres://"):                 # the form many hosting platforms hand out
        url = "postgresql://" + url[len("postgres://"):]
    return url


def _sqlite_file(url):
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def get_engine(url=None):
    """One engine per URL, created on first use (engines hold the connection pool)."""
    url = url or database_url()
    engine = _engines.get(url)
    if engine is None:
        kwargs = {"future": True}
        if make_url(url).get_backend_name() == "sqlite":
            kwargs["connect_args"] = {"timeout": SQLITE_TIMEOUT_S}
        else:
            kwargs["pool_pre_ping"] = True
            kwargs["connect_args"] = {"connect_timeout": SERVER_CONNECT_TIMEOUT_S}
        engine = _engines[url] = create_engine(url, **kwargs)
    return engine


def translate_error(exc) -> DatabaseUnavailableError:
    """Map a driver error to a Dutch DatabaseUnavailableError."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return DatabaseUnavailableError(MSG_LOCKED)
    # PostgreSQL refuses the connection itself: `db init` cannot create a server database.
    if ('database "' in text or 'role "' in text) and "does not exist" in text:
        return DatabaseUnavailableError(MSG_NO_SERVER_DATABASE)
    if "no such table" in text or "does not exist" in text or "unable to open" in text:
        return DatabaseUnavailableError(MSG_MISSING)
    return DatabaseUnavailableError(MSG_DOWN)


@contextmanager
def session_scope(url=None):
    """A session that commits on success and rolls back on error; driver errors become DatabaseUnavailableError."""
    url = url or database_url()
    path = _sqlite_file(url)
    if path is not None and not path.exists():        # never create an empty file by just reading
        raise DatabaseUnavailableError(MSG_MISSING)
    session = Session(get_engine(url), future=True)
    try:
        yield session
        session.commit()
    except OperationalError as exc:
        session.rollback()
        raise translate_error(exc) from None
    except ProgrammingError as exc:
        session.rollback()
        if getattr(getattr(exc, "orig", None), "pgcode", None) == "42P01":   # undefined table
            raise DatabaseUnavailableError(MSG_MISSING) from None
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def migrate(url=None):
    """Alembic upgrade to head, run in-process (no alembic.ini needed)."""
    from alembic import command
    from alembic.config import Config

    url = url or database_url()
    path = _sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    try:
        with get_engine(url).begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise translate_error(exc) from None


def init_db(url=None) -> None:
    """Create or upgrade the tables, then seed catalogue and example cases (idempotent)."""
    from besliswijzer.cases.seed import seed
    migrate(url)
    with session_scope(url) as session:
        seed(session)
