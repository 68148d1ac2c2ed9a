"""rasa_plugins.tracker_store.ClusterSQLTrackerStore on a real PostgreSQL (TEST_POSTGRES_URL)."""
import asyncio
from concurrent.futures import ThreadPoolExecutor
import os
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.support.ci import need

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def store_and_broker():
    url = os.environ.get("TEST_POSTGRES_URL")
    need(bool(url), "TEST_POSTGRES_URL is not set (scripts/postgres_test_server.sh)")
    from rasa.core.brokers.broker import EventBroker
    from rasa.shared.core.domain import Domain

    from rasa_plugins.tracker_store import ClusterSQLTrackerStore

    class Recorder(EventBroker):
        def __init__(self):
            self.published = []

        def publish(self, event):
            self.published.append((event["sender_id"], event["event"]))

    parts = make_url(url)
    broker = Recorder()
    store = ClusterSQLTrackerStore(domain=Domain.load(str(ROOT / "bot")), host=parts.host,
                                   dialect="postgresql", port=parts.port, db=parts.database,
                                   username=parts.username, password=parts.password, event_broker=broker)
    yield store, broker
    store.engine.dispose()


def run(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the main thread for the whole pytest session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_each_written_event_is_published_once_without_reading_the_tracker_back(store_and_broker):
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store, broker = store_and_broker
    sender = f"publish-once-{os.getpid()}"
    reads = []
    original = store._retrieve

    async def counting_retrieve(*args, **kwargs):
        reads.append(args)
        return await original(*args, **kwargs)

    store._retrieve = counting_retrieve
    tracker = DialogueStateTracker(sender, slots=[])
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("hallo"))
    run(store.save(tracker))
    tracker.update(ActionExecuted("utter_greet"))
    run(store.save(tracker))
    assert broker.published == [(sender, "action"), (sender, "user"), (sender, "action")]
    assert reads == [], "save read the tracker back"
    stored = run(store.retrieve(sender))
    assert [e.type_name for e in stored.events] == ["action", "user", "action"]
