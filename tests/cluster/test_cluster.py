"""`make run-cluster` for real: several Rasa servers behind HAProxy on PostgreSQL and Redis, kept
running by its supervisor.

One cluster with two Rasa servers is started for this module exactly as `make run-cluster` does
(`python -m scripts.cluster.run`, the supervisor included), on free ports, with its data and a
copy of the newest model in a temporary folder. The tests talk to the Rasa servers directly (to
choose the instance) or to the web app (as a user does), break parts of the cluster as a crash
or an operator would, read the supervisor's status.json for process ids, and read the tracker
store in PostgreSQL to see what was written. The last test stops the cluster with a signal.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
import yaml
from sqlalchemy import create_engine, text

from bench.conversations import ADVICE as ADVICE_TURNS
from scripts.cluster.cluster import TRACKER_DB, Cluster, Ports
from scripts.stack import ChatClient, is_up, newest_model
from tests.support.ci import need

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.live

ERRORS = set(yaml.safe_load((ROOT / "web" / "teksten.yml").read_text())["fouten"].values())
# The issue's bound for a killed Rasa server to answer again, whatever the machine's load: the
# reserve (scripts/cluster/standby.py) has the model loaded, so no model load is in it. The
# supervisor's own part is held to RESTART_WITHIN_S.
BACK_WITHIN_S = 60
RESTART_WITHIN_S = 10
# The reserve loads the model at a low priority after the cluster started; on a busy machine that
# takes as long as a start (docs/schaal.md).
RESERVE_READY_WITHIN_S = 900


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


# --- the running cluster ------------------------------------------------------------------------
class Running:
    """A `make run-cluster` this module started: its supervisor and what status.json says."""

    def __init__(self, base: Path, supervisor: subprocess.Popen, start_s: float):
        self.base = base
        self.supervisor = supervisor
        self.start_s = start_s
        status = self.status()
        self.cluster = Cluster(Ports(**status["poorten"]), base, model_dir=Path(status["modellen"]))

    def status(self) -> dict:
        return json.loads((self.base / "status.json").read_text())

    def pids(self) -> dict:
        return {name: part["pid"] for name, part in self.status()["onderdelen"].items()}

    def pid(self, name: str) -> int:
        pid = self.pids()[name]
        assert pid, f"{name} is not running: {self.status()}"
        return pid

    def output(self) -> str:
        return (self.base / "supervisor.out").read_text(errors="replace")

    def log(self, name: str) -> str:
        path = self.base / "logs" / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait_for(self, condition, timeout_s: float, what: str) -> float:
        """Seconds until `condition()` held; fails after `timeout_s`."""
        started = time.monotonic()
        while not condition():
            assert self.supervisor.poll() is None, f"the supervisor stopped:\n{self.output()}"
            assert time.monotonic() - started < timeout_s, f"{what} not within {timeout_s:.0f} s\n{self.output()}"
            time.sleep(0.5)
        return time.monotonic() - started

    def reserve_ready(self) -> bool:
        reserve = self.status()["onderdelen"].get("reserve", {})
        return bool(reserve.get("klaar")) and bool(reserve.get("pid"))

    def restarted(self, name: str, old_pid: int) -> bool:
        pid = self.pids().get(name)
        return bool(pid) and pid != old_pid


def _nice_values(pid: int) -> set:
    values = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            values.add(int((task / "stat").read_text().rsplit(")", 1)[1].split()[16]))
        except (OSError, IndexError, ValueError):
            pass                    # a thread that just ended
    return values


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def running():
    need(any((ROOT / "models").glob("*.tar.gz")), "no trained model in models/ (make train)")
    need(shutil.which("redis-server") is not None, "redis-server is not installed")
    need(shutil.which("haproxy") is not None or Path("/usr/sbin/haproxy").exists(), "haproxy is not installed")
    need(any(Path("/usr/lib/postgresql").glob("*/bin")), "postgresql is not installed")
    # Not under pytest's tmp folder: PostgreSQL runs as its own user and must reach its data.
    base = Path(tempfile.mkdtemp(prefix="besliswijzer-cluster-"))
    base.chmod(0o755)
    models = base / "modellen"          # a reload test adds a model here, never in models/
    models.mkdir()
    shutil.copy2(newest_model(ROOT / "models"), models)
    env = dict(os.environ, PYTHONPATH=str(ROOT), RASA_INSTANCES="2", WEB_WORKERS="2",
               RATE_LIMIT="10000 per minute", RATE_LIMIT_ADRES="100000 per minute", RASA_TIMEOUT="40",
               STACK_START_TIMEOUT="840")  # a busy shared machine loads Rasa slowly
    env.pop("RASA_API_TOKEN", None)
    started = time.monotonic()
    with open(base / "supervisor.out", "wb") as out:
        supervisor = subprocess.Popen(
            [sys.executable, "-m", "scripts.cluster.run", "--map", str(base), "--modellen", str(models),
             "--vrije-poorten"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        deadline = time.monotonic() + 900
        while True:
            out_text = (base / "supervisor.out").read_text(errors="replace")
            assert supervisor.poll() is None, f"make run-cluster stopped while starting:\n{out_text}"
            try:
                if json.loads((base / "status.json").read_text()).get("klaar"):
                    break
            except (OSError, ValueError):
                pass
            assert time.monotonic() < deadline, f"the cluster did not start:\n{out_text}"
            time.sleep(1)
        yield Running(base, supervisor, time.monotonic() - started)
    finally:
        _stop_supervisor(base, supervisor)
        # Keep the logs of the last run where a failure can be read (var/ is not committed).
        kept = ROOT / "var" / "testresultaten" / "cluster-logs"
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(base / "logs", kept, dirs_exist_ok=True)
        shutil.copy2(base / "supervisor.out", kept / "supervisor.out")
        shutil.rmtree(base, ignore_errors=True)


def _stop_supervisor(base: Path, supervisor: subprocess.Popen) -> None:
    """SIGTERM as an operator would; if the supervisor is stuck, end what it started by hand."""
    if supervisor.poll() is not None:
        return
    try:
        pids = json.loads((base / "status.json").read_text())["onderdelen"]
    except (OSError, ValueError):
        pids = {}
    os.kill(supervisor.pid, signal.SIGCONT)        # a test may have paused it
    supervisor.terminate()
    try:
        supervisor.wait(timeout=180)
    except subprocess.TimeoutExpired:
        supervisor.kill()
        for part in pids.values():
            if part.get("pid"):
                try:
                    os.killpg(part["pid"], signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        subprocess.run([str(ROOT / "scripts" / "postgres_test_server.sh"), "stop"], check=False,
                       env=dict(os.environ, PGTEST_DIR=str(base / "postgres")), capture_output=True)


@pytest.fixture(scope="module")
def cluster(running) -> Cluster:
    return running.cluster


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


def advised_since(engine, since: float) -> dict[str, dict]:
    """Conversations that got their advice after `since` (epoch seconds), with their slots at the end,
    as the tracker store holds them: also those whose reply was lost with a killed server."""
    with engine.connect() as conn:
        senders = [r.sender_id for r in conn.execute(text(
            "SELECT DISTINCT sender_id FROM events WHERE action_name = 'action_geef_advies' AND timestamp >= :t"),
            {"t": since})]
        found = {}
        for sender in senders:
            slots = {}
            for row in conn.execute(text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'slot' "
                                         "ORDER BY id"), {"s": sender}):
                event = json.loads(row.data)
                slots[event.get("name")] = event.get("value")
            found[sender] = slots
    return found


def resent(transcript: list) -> bool:
    """A message of this conversation failed and was sent again (the person retried)."""
    return any(status != 200 for _, status, _ in transcript)


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


# --- load: people chatting through the web app -------------------------------------------------
@dataclass
class Load:
    """Every answer the sessions got (status, Dutch error, when) and each finished conversation."""
    answers: list = field(default_factory=list)         # (status, error or None, sent, received)
    conversations: list = field(default_factory=list)   # the bot's last messages of each
    broken: list = field(default_factory=list)          # what made a session give up
    transcripts: list = field(default_factory=list)     # per conversation: (message, status, first reply)

    @property
    def failures(self) -> list:
        return [a for a in self.answers if a[0] != 200]

    def describe(self, since: float) -> str:
        """For the test's output: how many turns, and each failure with its time from `since`."""
        failures = ", ".join(f"{status} at {sent - since:+.0f} s ({(error or '')[:40]})"
                             for status, error, sent, _ in self.failures)
        return (f"{len(self.answers)} answers, {len(self.conversations)} conversations, "
                f"{len(self.failures)} failures{': ' + failures if failures else ''}")


def chat_load(web_url: str, sessions: int, until: threading.Event, conversations_each: int = 1,
              think_s: float = 0) -> Load:
    """`sessions` people each go through the advice conversation up to `conversations_each`
    times, or until `until` is set, pausing `think_s` between messages; on a Dutch "try again"
    they wait a second and send again, as a person would. Returns when all are done."""
    load = Load()
    lock = threading.Lock()

    def person(n: int) -> None:
        for _ in range(conversations_each):
            if until.is_set():
                return
            chat = ChatClient(web_url, timeout_s=90)
            transcript = []
            for message in ADVICE_TURNS:
                for attempt in range(8):
                    sent = time.monotonic()
                    response = chat.post(message)
                    try:
                        error = response.json().get("error")
                    except ValueError:
                        error = response.text[:200]
                    with lock:
                        load.answers.append((response.status_code, error, sent, time.monotonic()))
                    reply = (response.json()["messages"] or [{}])[0].get("text") if response.status_code == 200 else error
                    transcript.append((message, response.status_code, (reply or "")[:60]))
                    if response.status_code == 200:
                        messages = response.json()["messages"]
                        time.sleep(think_s)
                        break
                    time.sleep(1)  # below gunicorn's keep-alive (2 s): a reused idle connection may be reset
                else:
                    with lock:
                        load.broken.append(f"session {n}: a message failed eight times")
                    return
            with lock:
                load.conversations.append(messages)
                load.transcripts.append(transcript)

    with ThreadPoolExecutor(sessions) as pool:
        for future in [pool.submit(person, n) for n in range(sessions)]:
            future.result()
    return load


def in_background(function, *args):
    pool = ThreadPoolExecutor(1)
    future = pool.submit(function, *args)
    pool.shutdown(wait=False)
    return future


def assert_only_dutch_retry_messages(load: Load) -> None:
    for status, error, _, _ in load.failures:
        assert status == 503, f"HTTP {status}: {error}"
        assert error in ERRORS, f"not the Dutch message: {error!r}"


# --- the conversation itself -------------------------------------------------------------------
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


# --- a part dies: the supervisor starts it again, the rest keeps serving ------------------------
def test_kill_9_of_a_rasa_server_under_load_the_reserve_answers_within_60_s(running, cluster, tracker_db):
    """rasa1 is the server on :5006 under make run-cluster. The reserve takes its port; nothing
    else is restarted, and every conversation ends in advice with every slot."""
    ready_s = running.wait_for(running.reserve_ready, RESERVE_READY_WITHIN_S, "the reserve loading the model")
    started = time.time()
    before = running.pids()
    victim, reserve = before["rasa1"], before["reserve"]
    until = threading.Event()
    load_future = in_background(chat_load, cluster.web_url, 20, until)
    time.sleep(3)  # the sessions are in the middle of their conversations
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    restart_s = running.wait_for(lambda: running.restarted("rasa1", victim), RESTART_WITHIN_S,
                                 "the supervisor starting rasa1 again")
    running.wait_for(lambda: is_up(f"{cluster.rasa_url(1)}/webhooks/rest/"),
                     BACK_WITHIN_S - (time.monotonic() - killed_at), "rasa1 answering again")
    back_at = time.monotonic()
    load = load_future.result(timeout=900)
    print(f"kill -9 of rasa1 under 20 sessions: {load.describe(killed_at)}")

    assert not load.broken, load.broken
    assert len(load.conversations) == 20
    for messages, transcript in zip(load.conversations, load.transcripts):
        if advice_of(messages):
            assert_full_advice(messages)
        else:
            # The server died after it had given this advice but before the reply left it; the
            # person's message sent again then finds the conversation past the advice. Allowed only
            # after a retry; the tracker store must hold the advice (checked below).
            assert resent(transcript), f"no advice at the end: {transcript}"
    # Every conversation got its advice with every slot, whether or not its reply was lost.
    advised = advised_since(tracker_db, started)
    assert len(advised) == 20, advised.keys()
    for slots in advised.values():
        assert (slots.get("doelgroep"), slots.get("schaal"), slots.get("budget_euro"),
                slots.get("doorlooptijd_weken")) == (["ouderen"], "wijk", 15000, 13), slots
    # Only the requests in flight when the server died (one per session at most) failed.
    assert len(load.failures) <= 20, load.failures
    assert_only_dutch_retry_messages(load)

    back_s = back_at - killed_at
    print(f"rasa1 started again {restart_s:.1f} s and answered again {back_s:.1f} s after kill -9 "
          f"(the reserve was ready {ready_s:.0f} s after the tests began; the cluster took "
          f"{running.start_s:.0f} s to start; load {os.getloadavg()[0]:.1f})")
    assert back_s <= BACK_WITHIN_S, f"rasa1 answered again after {back_s:.0f} s"
    after = running.pids()
    assert after["rasa1"] == reserve, "rasa1 is not the reserve that had the model loaded"
    assert after["reserve"] not in (None, reserve), "no new reserve was started"
    unchanged = {name: pid for name, pid in before.items() if name not in ("rasa1", "reserve")}
    assert {name: after[name] for name in unchanged} == unchanged, "another part was restarted"
    assert all(_alive(pid) for pid in unchanged.values())
    assert running.status()["onderdelen"]["rasa1"]["herstarts"] == 1
    output = running.output()
    assert "rasa1 is gestopt (code -9)" in output, output
    assert f"rasa1 opnieuw gestart (pid {reserve}, herstart 1): de reserve nam het over" in output, output
    since_takeover = running.log("rasa1").split(f"reserve: neemt het over met het geladen model (pid {reserve})")
    assert len(since_takeover) == 2, running.log("rasa1")[-3000:]
    assert "Rasa server is up and running" in since_takeover[1]
    assert "Loading model" not in since_takeover[1], "the reserve loaded the model again"
    # It loaded at a lower priority; it serves at the normal one, in every thread (TensorFlow's too).
    assert _nice_values(reserve) == {os.getpriority(os.PRIO_PROCESS, 0)}

    # HAProxy sends it messages again.
    running.wait_for(lambda: balancer_servers(cluster)["rasa1"]["status"].startswith("UP"), 30,
                     "rasa1 back in HAProxy")
    handled = int(balancer_servers(cluster)["rasa1"]["stot"])
    for n in range(6):
        assert ChatClient(cluster.web_url).send("hallo")
    assert int(balancer_servers(cluster)["rasa1"]["stot"]) > handled, "no request reached rasa1 again"


def test_a_dead_action_server_clean_up_job_balancer_and_web_app_come_back(running, cluster):
    parts = ("acties0", "opschonen", "haproxy", "web")
    before = running.pids()
    for name in parts:
        os.kill(before[name], signal.SIGKILL)
    health = f"http://127.0.0.1:{cluster.ports.actions[0]}/health"
    running.wait_for(lambda: all(running.restarted(name, before[name]) for name in parts), 60,
                     f"{', '.join(parts)} running again")
    running.wait_for(lambda: is_up(health) and is_up(f"{cluster.web_url}/") and is_up(f"{cluster.balancer_url}/lb-status"),
                     60, "the action server, web app and balancer answering again")
    after = running.pids()
    assert {n: p for n, p in after.items() if n not in parts} == {n: p for n, p in before.items() if n not in parts}
    # A conversation through the restarted action server (rasa0 calls acties0) ends in advice.
    sender = "na-herstart-acties"
    for message in ADVICE_TURNS:
        messages = rasa_send(cluster, 0, sender, message)
    assert_full_advice(messages)
    # And one through the restarted web app and balancer, once HAProxy has checked its servers.
    running.wait_for(lambda: all(r["status"] == "UP" for r in balancer_servers(cluster).values()), 30,
                     "HAProxy seeing its servers")
    chat = ChatClient(cluster.web_url)
    for message in ADVICE_TURNS:
        reply = chat.send(message)
    assert_full_advice(reply)


def test_redis_away_10_s_under_load_the_chat_keeps_answering(running, cluster):
    """Redis gone for ten seconds: no 500 (the rate limit counts in memory, the lock store
    locks per server), at most the Dutch 503, and the supervisor starts Redis again. The
    supervisor is paused meanwhile (SIGSTOP), else Redis would be back within a second."""
    before = running.pids()
    until = threading.Event()
    load_future = in_background(chat_load, cluster.web_url, 10, until, 50, 0.5)
    time.sleep(3)
    os.kill(running.supervisor.pid, signal.SIGSTOP)
    try:
        os.kill(before["redis"], signal.SIGTERM)
        away_from = time.monotonic()
        time.sleep(10)
        away_until = time.monotonic()
    finally:
        os.kill(running.supervisor.pid, signal.SIGCONT)
    running.wait_for(lambda: running.restarted("redis", before["redis"]), 60, "Redis started again")
    time.sleep(3)
    until.set()
    load = load_future.result(timeout=900)
    print(f"Redis away {away_until - away_from:.0f} s under 10 sessions: {load.describe(away_from)}")

    assert not load.broken, load.broken
    assert load.conversations, "no conversation finished"
    for messages in load.conversations:
        assert_full_advice(messages)
    assert not [a for a in load.answers if a[0] >= 500 and a[0] != 503], load.failures
    assert not [a for a in load.answers if a[0] == 429], "the rate limiter refused messages"
    assert_only_dutch_retry_messages(load)
    answered_meanwhile = [a for a in load.answers if a[0] == 200 and away_from < a[2] and a[3] < away_until]
    assert answered_meanwhile, "nothing was answered while Redis was away"
    assert "falling back to in-memory storage" in running.log("web")
    assert "Redis unreachable" in running.log("rasa0") + running.log("rasa1")
    after = running.pids()
    assert {n: p for n, p in after.items() if n != "redis"} == {n: p for n, p in before.items() if n != "redis"}
    assert "redis is gestopt" in running.output()


def _sender_events(tracker_db) -> dict:
    with tracker_db.connect() as conn:
        return dict(conn.execute(text("SELECT sender_id, count(*) FROM events GROUP BY sender_id")).all())


def test_postgres_away_gives_a_dutch_503_and_the_conversation_goes_on(running, cluster, tracker_db):
    """kill -9 of PostgreSQL's postmaster; the supervisor is paused meanwhile, then starts it again."""
    chat = ChatClient(cluster.web_url)
    reply = chat.send(ADVICE_TURNS[0])
    assert "fase" in " ".join(m["text"] for m in reply).lower(), reply
    # PostgreSQL commits without waiting for the disk (synchronous_commit=off, docs/schaal.md):
    # a crash loses the last fraction of a second (at most 3 x wal_writer_delay, 0.6 s). This
    # test is about the outage, not that trade-off: the first turn is on disk before the kill.
    time.sleep(2)
    before = _sender_events(tracker_db)
    pids = running.pids()
    os.kill(running.supervisor.pid, signal.SIGSTOP)
    try:
        os.kill(pids["postgres"], signal.SIGKILL)
        running.wait_for(lambda: not _alive(pids["postgres"]) or _zombie(pids["postgres"]), 30, "postmaster gone")
        response = chat.post(ADVICE_TURNS[1])
        assert response.status_code == 503, response.text
        assert response.json().get("error") in ERRORS, response.text
    finally:
        os.kill(running.supervisor.pid, signal.SIGCONT)
    running.wait_for(lambda: running.restarted("postgres", pids["postgres"]), 120, "PostgreSQL started again")
    assert _sender_events(tracker_db) == before, "something was written while PostgreSQL was away"
    reply = chat.send(ADVICE_TURNS[1])
    assert "geld" in " ".join(m["text"] for m in reply).lower(), reply
    for message in ADVICE_TURNS[2:]:
        reply = chat.send(message)
    assert_full_advice(reply)
    assert {n: p for n, p in running.pids().items() if n != "postgres"} == \
        {n: p for n, p in pids.items() if n != "postgres"}


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


# --- a new model, server by server --------------------------------------------------------------
def test_a_new_model_goes_live_under_load_without_a_failed_turn(running, cluster):
    models = Path(running.status()["modellen"])
    current = newest_model(models)
    new = models / f"herladen-{int(time.time())}.tar.gz"
    shutil.copy2(current, new)
    os.utime(new)                                   # the newest file wins
    before = running.pids()
    until = threading.Event()
    load_future = in_background(chat_load, cluster.web_url, 6, until, 100, 1)
    time.sleep(2)
    reload_started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "scripts.cluster.herlaad", "--map", str(running.base)],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                          text=True, timeout=1200)
    until.set()
    load = load_future.result(timeout=900)
    print(f"reload under 6 sessions: {load.describe(reload_started)}\n{done.stdout}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rasa0: krijgt weer berichten" in done.stdout and "rasa1: krijgt weer berichten" in done.stdout, done.stdout
    for i in range(2):
        status = requests.get(f"{cluster.rasa_url(i)}/status", params={"token": cluster.api_token}, timeout=10)
        assert Path(status.json()["model_file"]).name == new.name, status.text
    assert not load.broken, load.broken
    assert load.answers and not load.failures, f"failed turns during the reload: {load.failures}"
    for messages in load.conversations:
        assert_full_advice(messages)
    after = running.pids()
    assert {n: p for n, p in after.items() if n != "reserve"} == \
        {n: p for n, p in before.items() if n != "reserve"}, "a part was restarted for the reload"
    assert all(r["status"] == "UP" for r in balancer_servers(cluster).values())
    # The reserve is replaced by one with the new model: a takeover never brings the old one back.
    running.wait_for(lambda: running.status()["onderdelen"]["reserve"]["model"] == new.name, 60,
                     "the reserve loading the new model")
    assert running.pids()["reserve"] != before["reserve"]


def test_one_server_reloads_in_place_as_under_make_run(running, cluster):
    """`make herlaad` on make run: one server, no balancer. The old model keeps answering while
    the new one loads (rasa_plugins/reload.py); no message waits for the load or fails."""
    models = Path(running.status()["modellen"])
    new = models / f"ter-plaatse-{int(time.time())}.tar.gz"
    shutil.copy2(newest_model(models), new)
    answers: list = []                     # (status, sent, received)
    stop = threading.Event()

    def person(n: int) -> None:
        turn = 0
        while not stop.is_set():
            sent = time.monotonic()
            response = requests.post(f"{cluster.rasa_url(0)}/webhooks/rest/webhook", timeout=900,
                                     json={"sender": f"ter-plaatse-{n}", "message": ADVICE_TURNS[turn % 2]})
            answers.append((response.status_code, sent, time.monotonic()))
            turn += 1
            time.sleep(0.5)

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(person, n) for n in range(2)]
        time.sleep(2)
        reload_from = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "scripts.cluster.herlaad", "--rasa", cluster.rasa_url(0),
                               "--model", str(new)], cwd=ROOT, capture_output=True, text=True, timeout=1200,
                              env=dict(os.environ, PYTHONPATH=str(ROOT), RASA_API_TOKEN=cluster.api_token))
        reload_until = time.monotonic()
        time.sleep(2)
        stop.set()
        for future in futures:
            future.result()
    during = [a for a in answers if reload_from + 1 < a[1] and a[2] < reload_until - 1]
    print(f"in-place reload in {reload_until - reload_from:.0f} s: {len(answers)} direct messages, "
          f"{len(during)} answered while it loaded\n{done.stdout}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert answers and {a[0] for a in answers} == {200}, answers
    assert during, "no message was answered while the new model loaded"
    status = requests.get(f"{cluster.rasa_url(0)}/status", params={"token": cluster.api_token}, timeout=10)
    assert Path(status.json()["model_file"]).name == new.name


# --- the rest of the cluster's jobs ------------------------------------------------------------
def test_retention_clean_up_on_the_postgres_tracker_store(running, cluster, tracker_db):
    assert _alive(running.pid("opschonen")), "the clean-up process is not running"
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


# --- last: Ctrl-C ---------------------------------------------------------------------------------
def test_a_signal_stops_the_whole_cluster_web_app_first_stores_last(running):
    pids = running.pids()
    running.supervisor.send_signal(signal.SIGINT)
    assert running.supervisor.wait(timeout=180) == 0, running.output()
    stopped = [line.split()[1] for line in running.output().splitlines()
               if line.endswith(" gestopt") and len(line.split()) == 3]
    assert stopped[0] == "web", stopped
    assert stopped[-2:] == ["redis", "postgres"], stopped
    assert set(stopped) == set(pids), stopped
    assert not [name for name, pid in pids.items() if _alive(pid) and not _zombie(pid)]
    assert not (running.base / "status.json").exists()
