"""Several Rasa servers behind HAProxy on PostgreSQL and Redis (`make run-cluster`), for real.

One cluster with two Rasa servers is started for this module (scripts/cluster/cluster.py) on
free ports, with its data in a temporary folder. The tests talk to the Rasa servers directly
(to choose the instance) or to the web app (as a user does), and read the tracker store in
PostgreSQL to see what was written.
"""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import yaml
from sqlalchemy import create_engine, text

from bench.conversations import ADVICE as ADVICE_TURNS
from tests.support.ci import need

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "cluster"))
from cluster import TRACKER_DB, Cluster, Ports  # noqa: E402
sys.path.insert(0, str(ROOT / "scripts"))
from stack import ChatClient  # noqa: E402

pytestmark = pytest.mark.live

ERRORS = set(yaml.safe_load((ROOT / "web" / "teksten.yml").read_text())["fouten"].values())


def advice_of(messages: list) -> dict | None:
    for message in messages:
        custom = message.get("custom") or {}
        if custom.get("type") == "advies":
            return custom
    return None


def assert_full_advice(messages: list) -> None:
    advice = advice_of(messages)
    assert advice, f"no advice at the end: {[m.get('text') for m in messages]}"
    profile = advice["profiel"]
    assert profile["doelgroep"] == ["ouderen"], profile
    assert profile["schaal"] == "wijk", profile
    assert profile["budget_euro"] == 15000, profile
    assert profile["doorlooptijd_weken"] == 13, profile


@pytest.fixture(scope="module")
def cluster():
    need(any((ROOT / "models").glob("*.tar.gz")), "no trained model in models/ (make train)")
    need(shutil.which("redis-server") is not None, "redis-server is not installed")
    need(shutil.which("haproxy") is not None or Path("/usr/sbin/haproxy").exists(), "haproxy is not installed")
    need(any(Path("/usr/lib/postgresql").glob("*/bin")), "postgresql is not installed")
    limits = {"RATE_LIMIT": "10000 per minute", "RATE_LIMIT_ADRES": "100000 per minute",
              "RASA_TIMEOUT": "40"}
    # Not under pytest's tmp folder: PostgreSQL runs as its own user and must reach its data.
    base = Path(tempfile.mkdtemp(prefix="besliswijzer-cluster-"))
    base.chmod(0o755)
    try:
        with Cluster(Ports.free(2), base, web_workers=2, extra_env=limits) as running:
            yield running
    finally:
        # Keep the logs of the last run where a failure can be read (var/ is not committed).
        kept = ROOT / "var" / "testresultaten" / "cluster-logs"
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(base / "logs", kept, dirs_exist_ok=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def tracker_db(cluster):
    engine = create_engine(cluster.pg_url(TRACKER_DB), pool_pre_ping=True)
    yield engine
    engine.dispose()


def events_of(engine, sender: str) -> list[tuple[str, str | None]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type_name, action_name FROM events WHERE sender_id = :s "
                                 "ORDER BY id"), {"s": sender}).all()
    return [(r.type_name, r.action_name) for r in rows]


def rasa_send(cluster: Cluster, instance: int, sender: str, message: str) -> list:
    response = requests.post(f"{cluster.rasa_url(instance)}/webhooks/rest/webhook",
                             json={"sender": sender, "message": message}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def balancer_servers(cluster: Cluster) -> dict:
    """HAProxy's view of each Rasa server: status and requests handled."""
    raw = requests.get(f"{cluster.balancer_url}/lb-status;csv", timeout=5).text.lstrip("# ")
    rows = csv.DictReader(io.StringIO(raw))
    return {r["svname"]: r for r in rows if r["pxname"] == "rasa_servers" and r["svname"].startswith("rasa")}


def test_turns_alternating_between_instances_keep_every_slot(cluster, tracker_db):
    sender = "alternating-1"
    for turn, message in enumerate(ADVICE_TURNS):
        messages = rasa_send(cluster, turn % 2, sender, message)
        assert messages, f"no answer to {message!r} on instance {turn % 2}"
    assert_full_advice(messages)
    assert sum(1 for kind, _ in events_of(tracker_db, sender) if kind == "user") == len(ADVICE_TURNS)


def test_two_messages_of_one_session_at_once_are_handled_one_after_the_other(cluster, tracker_db):
    for attempt in range(4):
        sender = f"simultaneous-{attempt}"
        rasa_send(cluster, 0, sender, "hallo")
        start = threading.Barrier(2)

        def send(instance: int, message: str) -> list:
            start.wait()
            return rasa_send(cluster, instance, sender, message)

        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(send, [0, 1], ["wat kun je allemaal?", "wat is een burgerberaad?"]))
        assert all(answers), f"a message got no answer: {answers}"
        events = events_of(tracker_db, sender)
        # Each user message is followed by its own actions up to action_listen before the next.
        turns = [kind for kind, name in events if kind == "user" or name == "action_listen"]
        assert turns.count("user") == 3, events
        body = turns[turns.index("user"):]
        assert body == ["user", "action"] * 3, f"interleaved turns: {events}"


def test_kill_9_of_one_instance_under_load(cluster, tracker_db):
    sessions = 16
    failures: list[str] = []
    outcomes: dict[int, list] = {}

    def converse(n: int) -> None:
        chat = ChatClient(cluster.web_url, timeout_s=60)
        for message in ADVICE_TURNS:
            for attempt in range(5):
                response = chat.post(message)
                if response.status_code == 200:
                    outcomes[n] = response.json()["messages"]
                    break
                # The Dutch "try again" message, and the user tries again, like a person would.
                failures.append(f"{response.status_code} {response.json().get('error')}")
                time.sleep(1)  # below gunicorn's keep-alive (2 s): a reused idle connection may be reset
            else:
                raise AssertionError(f"session {n}: {message!r} failed five times: {failures}")

    with ThreadPoolExecutor(sessions) as pool:
        futures = [pool.submit(converse, n) for n in range(sessions)]
        time.sleep(3)  # the sessions are in the middle of their conversations
        cluster.kill_rasa(0)
        for future in futures:
            future.result()
    assert len(outcomes) == sessions
    for messages in outcomes.values():
        assert_full_advice(messages)
    # At most the requests in flight when the server died (one per session) got the message.
    assert len(failures) <= sessions, failures
    assert all(f.split(" ", 1)[1] in ERRORS for f in failures), failures
    # The balancer notices within two failed checks (inter 1s, fall 2); on a fast machine the
    # load can end before that, so wait for it rather than read the status once.
    deadline = time.monotonic() + 10
    while not balancer_servers(cluster)["rasa0"]["status"].startswith("DOWN"):
        assert time.monotonic() < deadline, balancer_servers(cluster)["rasa0"]["status"]
        time.sleep(0.5)

    cluster.start_rasa(0)
    deadline = time.monotonic() + 20
    while not balancer_servers(cluster)["rasa0"]["status"].startswith("UP"):
        assert time.monotonic() < deadline, "the restarted instance did not rejoin"
        time.sleep(0.5)
    handled = int(balancer_servers(cluster)["rasa0"]["stot"])
    for n in range(6):
        assert ChatClient(cluster.web_url).send("hallo")
    assert int(balancer_servers(cluster)["rasa0"]["stot"]) > handled, "no request reached rasa0 again"


def _web_chat(cluster: Cluster) -> ChatClient:
    chat = ChatClient(cluster.web_url)
    reply = chat.send(ADVICE_TURNS[0])
    assert "fase" in " ".join(m["text"] for m in reply).lower(), reply
    return chat


def _sender_events(tracker_db) -> dict:
    with tracker_db.connect() as conn:
        return dict(conn.execute(text("SELECT sender_id, count(*) FROM events GROUP BY sender_id")).all())


def _assert_dutch_failure(response) -> None:
    assert response.status_code >= 500, response.text
    assert response.json().get("error") in ERRORS, response.text


def _continue_after_outage(chat: ChatClient) -> None:
    """The conversation goes on where it was: the phase question was answered, then budget."""
    reply = chat.send(ADVICE_TURNS[1])
    assert "geld" in " ".join(m["text"] for m in reply).lower(), reply
    for message in ADVICE_TURNS[2:]:
        reply = chat.send(message)
    assert_full_advice(reply)


def test_redis_down_gives_a_dutch_message_and_the_conversation_recovers(cluster, tracker_db):
    chat = _web_chat(cluster)
    before = _sender_events(tracker_db)
    cluster.stop_redis()
    try:
        _assert_dutch_failure(chat.post(ADVICE_TURNS[1]))
        assert _sender_events(tracker_db) == before, "something was written while Redis was down"
    finally:
        cluster.start_redis()
    _continue_after_outage(chat)


def test_postgres_down_gives_a_dutch_message_and_the_conversation_recovers(cluster, tracker_db):
    chat = _web_chat(cluster)
    before = _sender_events(tracker_db)
    cluster.stop_postgres()
    try:
        _assert_dutch_failure(chat.post(ADVICE_TURNS[1]))
    finally:
        cluster.start_postgres()
    assert _sender_events(tracker_db) == before, "something was written while PostgreSQL was down"
    _continue_after_outage(chat)


def test_retention_clean_up_on_the_postgres_tracker_store(cluster, tracker_db):
    assert cluster.processes["opschonen"].poll() is None, "the clean-up process is not running"
    rasa_send(cluster, 0, "retention-old", "hallo")
    rasa_send(cluster, 1, "retention-new", "hallo")
    with tracker_db.begin() as conn:
        conn.execute(text("UPDATE events SET timestamp = timestamp - 8 * 86400 "
                          "WHERE sender_id = 'retention-old'"))
    done = subprocess.run([sys.executable, "-m", "scripts.opschonen", "--endpoints",
                           str(cluster.endpoints_file(0))], cwd=ROOT, capture_output=True, text=True,
                          env={**cluster.env(), "BEWAARTERMIJN_DAGEN": "7"}, check=True)
    assert "verwijderd" in done.stdout, done.stdout
    counts = _sender_events(tracker_db)
    assert "retention-old" not in counts, "the old conversation is still stored"
    assert counts.get("retention-new", 0) > 0, "a recent conversation was removed"


def test_lock_tickets_stay_unique_when_servers_issue_them_at_once(cluster):
    """Rasa's own RedisLockStore reads, changes and writes the lock: concurrent servers
    can get the same ticket. The atomic store never hands out a ticket twice."""
    from rasa_plugins.lock_store import AtomicRedisLockStore

    stores = [AtomicRedisLockStore(host="127.0.0.1", port=cluster.ports.redis, db=2) for _ in range(6)]
    start = threading.Barrier(len(stores))

    def issue(store) -> list:
        start.wait()
        return [store.issue_ticket("contended", 30) for _ in range(20)]

    with ThreadPoolExecutor(len(stores)) as pool:
        tickets = [t for batch in pool.map(issue, stores) for t in batch]
    assert len(set(tickets)) == len(tickets) == 120, sorted(tickets)
    for ticket in tickets:
        stores[0].cleanup("contended", ticket)
    assert stores[0].get_lock("contended") is None, "the emptied lock was not removed"

