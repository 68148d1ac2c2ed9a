"""A SQL tracker store for several Rasa servers on one PostgreSQL database.

Differences with Rasa 3.6's SQLTrackerStore:
- A connection is tested before use (`pool_pre_ping`), so the first message after a database
  restart works instead of failing on a dead pooled connection.
- With an event broker, Rasa reads the whole conversation back from the database on every save
  to find the new events (`stream_events`): a second full read per turn, a quarter of a turn's
  time in a profile (py-spy, `make run-cluster`). Here the events the save writes are the ones
  published, after they are stored.
- A database error is an error. Rasa wraps every tracker store in a FailSafeTrackerStore that,
  on an error, starts an empty conversation in memory and answers from it: the user gets an
  answer that forgot everything, and that turn never reaches the database. The channel in
  rasa_plugins/channel.py calls `make_errors_visible`, so such a turn fails instead and the
  web app shows its Dutch "try again" message.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

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
        self._written: Dict[Text, List[Any]] = {}

    def _additional_events(self, session, tracker):
        events = list(super()._additional_events(session, tracker))
        self._written[tracker.sender_id] = events
        return events

    async def stream_events(self, tracker) -> None:
        """Nothing here: `save` publishes what it wrote, without reading the tracker back."""

    async def save(self, tracker) -> None:
        try:
            await super().save(tracker)
        finally:
            written = self._written.pop(tracker.sender_id, [])
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, written, tracker.sender_id)


def _raise(error: Exception) -> None:
    raise error


def make_errors_visible(tracker_store: Any) -> None:
    """Let tracker store errors fail the turn instead of being answered from memory."""
    if isinstance(tracker_store, FailSafeTrackerStore):
        tracker_store._on_tracker_store_error = _raise
