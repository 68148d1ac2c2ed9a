"""Alembic environment. The URL comes from besliswijzer.storage.db.database_url(); init_db() passes a connection."""
from alembic import context
from sqlalchemy import create_engine

from besliswijzer.storage.db import database_url
from besliswijzer.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection=None, url=None):
    is_sqlite = (connection.dialect.name if connection is not None else url.split(":", 1)[0]) == "sqlite"
    context.configure(connection=connection, url=url, target_metadata=target_metadata,
                      render_as_batch=is_sqlite,        # SQLite cannot ALTER most things in place
                      literal_binds=connection is None)


def run_offline():
    _configure(url=config.get_main_option("sqlalchemy.url") or database_url())
    with context.begin_transaction():
        context.run_migrations()


def run_online():
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or database_url(), future=True)
    with engine.connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
