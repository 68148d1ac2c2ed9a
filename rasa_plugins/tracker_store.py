"""A SQL tracker store for several Rasa servers on one PostgreSQL database.

Differences with Rasa 3.6's SQLTrackerStore:
- A connection is tested before use (`pool_pre_ping`), so the first message after a database
  restart works instead of failing on a dead pooled connection.
- A database error is an error. Rasa wraps every tracker store in a FailSafeTrackerStore that,
  on an error, starts an empty conversation in memory and answers from it: the user gets an
  answer that forgot everything, and that turn never reaches the database. The channel in
  rasa_plugins/channel.py calls `make_errors_visible`, so such a turn fails instead and the
  web app shows its Dutch "try again" message.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import (FailSafeTrackerStore, SQLTrackerStore,
                                     create_engine_kwargs)


class ClusterSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore for a cluster. Endpoint settings as for `type: SQL`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)


def _raise(error: Exception) -> None:
    raise error


def make_errors_visible(tracker_store: Any) -> None:
    """Let tracker store errors fail the turn instead of being answered from memory."""
    if isinstance(tracker_store, FailSafeTrackerStore):
        tracker_store._on_tracker_store_error = _raise
