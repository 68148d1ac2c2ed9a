"""The supervisor's rules on stand-in parts (real processes that only sleep): a part that dies
is started again after a pause that grows while it keeps dying, the others are left alone, and
status.json says what runs. tests/cluster/test_cluster.py does the same to the real cluster."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from scripts.cluster import supervisor as supervisor_module
from scripts.cluster.cluster import Ports, StackError
from scripts.cluster.supervisor import Supervisor


class StandIn:
    """The part of Cluster's interface the supervisor uses, with `sleep` as every part."""

    def __init__(self, base: Path, parts: list[str]):
        self.base_dir = base
        self.model_dir = base
        self.ports = Ports(web=1, balancer=2, postgres=3, redis=4, rasa=[5], actions=[6])
        self.parts = parts
        self.processes: dict[str, subprocess.Popen] = {}
        self.starts: list[str] = []
        self.failing: set[str] = set()
        for name in parts:
            self.start_part(name)
        self.starts.clear()

    def start_part(self, name: str) -> None:
        self.starts.append(name)
        if name in self.failing:
            raise StackError(f"{name} cannot start\nsecond line")
        self.processes[name] = subprocess.Popen(["sleep", "1000"], start_new_session=True)

    def pid(self, name):
        proc = self.processes.get(name)
        return proc.pid if proc is not None and proc.poll() is None else None

    def alive(self, name):
        return self.pid(name) is not None

    def exit_code(self, name):
        proc = self.processes.get(name)
        return proc.returncode if proc is not None else None

    def is_ready(self, name):
        return self.alive(name)

    def clear_remains(self, name):
        pass

    def stop_all(self):
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()


@pytest.fixture
def stand_in(tmp_path):
    cluster = StandIn(tmp_path, ["postgres", "redis", "rasa0", "web"])
    yield cluster
    cluster.stop_all()


@pytest.fixture
def fast(monkeypatch):
    """Pauses of 0.2, 0.4, 0.8 s instead of 1, 2, 4 s; the rules are the same."""
    monkeypatch.setattr(supervisor_module, "FIRST_PAUSE_S", 0.2)
    monkeypatch.setattr(supervisor_module, "MAX_PAUSE_S", 0.8)
    monkeypatch.setattr(supervisor_module, "CHECK_S", 0.05)


def watch(supervisor: Supervisor):
    stop = threading.Event()
    thread = threading.Thread(target=supervisor.run, args=(stop,), daemon=True)
    thread.start()
    return stop, thread


def wait_until(condition, timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def test_a_dead_part_is_started_again_and_the_others_keep_their_pid(stand_in, fast):
    lines: list[str] = []
    supervisor = Supervisor(stand_in, say=lines.append)
    before = {name: stand_in.pid(name) for name in stand_in.parts}
    stop, thread = watch(supervisor)
    try:
        os.kill(before["rasa0"], signal.SIGKILL)
        wait_until(lambda: stand_in.pid("rasa0") not in (None, before["rasa0"]))
        wait_until(lambda: any("doet weer mee" in line for line in lines))
    finally:
        stop.set()
        thread.join(timeout=10)
    assert stand_in.starts == ["rasa0"]
    assert {n: stand_in.pid(n) for n in ("postgres", "redis", "web")} == \
        {n: before[n] for n in ("postgres", "redis", "web")}
    assert lines[0] == "rasa0 is gestopt (code -9); opnieuw starten over 0 s (logboek: rasa0.log)"
    assert lines[1].startswith(f"rasa0 opnieuw gestart (pid {stand_in.pid('rasa0')}, herstart 1)")
    status = json.loads((stand_in.base_dir / "status.json").read_text())
    assert status["onderdelen"]["rasa0"] == {"pid": stand_in.pid("rasa0"), "herstarts": 1}
    assert status["onderdelen"]["web"]["pid"] == before["web"]
    assert status["supervisor"] == os.getpid() and status["klaar"] is True


def test_the_pause_doubles_while_a_part_keeps_dying_and_a_failed_start_is_tried_again(stand_in, fast):
    lines: list[str] = []
    supervisor = Supervisor(stand_in, say=lines.append)
    stop, thread = watch(supervisor)
    try:
        for _ in range(3):                 # dies right after each start
            pid = stand_in.pid("redis")
            os.kill(pid, signal.SIGKILL)
            wait_until(lambda: stand_in.pid("redis") not in (None, pid))
        stand_in.failing.add("redis")      # and then cannot start for a while
        os.kill(stand_in.pid("redis"), signal.SIGKILL)
        wait_until(lambda: stand_in.starts.count("redis") >= 5)
        stand_in.failing.clear()
        wait_until(lambda: stand_in.alive("redis"))
    finally:
        stop.set()
        thread.join(timeout=10)
    pauses = [supervisor.parts["redis"].pause_s]
    stopped = [line for line in lines if line.startswith("redis is gestopt")]
    assert [line.split("over ")[1].split(" s")[0] for line in stopped] == ["0", "0", "1", "1"], stopped
    failed = [line for line in lines if line.startswith("redis start niet")]
    assert failed and "StackError: redis cannot start)" in failed[0] and "second line" not in failed[0]
    assert pauses[0] == pytest.approx(0.8)
    assert all(stand_in.alive(n) for n in stand_in.parts)


def test_a_part_that_ran_a_while_starts_again_after_the_first_pause(stand_in, fast, monkeypatch):
    monkeypatch.setattr(supervisor_module, "STABLE_S", 0.3)
    supervisor = Supervisor(stand_in, say=lambda line: None)
    supervisor.parts["web"].restarts = 3
    supervisor.parts["web"].pause_s = 0.8
    time.sleep(0.4)                        # it has run longer than STABLE_S
    os.kill(stand_in.pid("web"), signal.SIGKILL)
    stand_in.processes["web"].wait()
    supervisor.check()
    assert supervisor.parts["web"].pause_s == pytest.approx(0.2)


class StandInWithReserve(StandIn):
    """With a reserve: it is 'ready' once marked so, and takes a Rasa server's place when it is."""

    def __init__(self, base: Path):
        self.ready = False
        self.standby_model = base / "a.tar.gz"
        self.newer: Path | None = None
        super().__init__(base, ["redis", "rasa0", "rasa1", "reserve"])

    def start_part(self, name: str) -> bool:
        if name.startswith("rasa") and self.ready and "reserve" in self.processes:
            self.starts.append(name)
            self.processes[name] = self.processes["reserve"]       # the reserve serves now
            self.ready = False
            self.processes["reserve"] = subprocess.Popen(["sleep", "1000"], start_new_session=True)
            return True
        super().start_part(name)
        return False

    def standby_ready(self) -> bool:
        return self.ready and self.alive("reserve")

    def standby_outdated(self) -> bool:
        return self.newer is not None and self.newer != self.standby_model

    def replace_standby(self) -> None:
        self.processes["reserve"].kill()
        self.processes["reserve"].wait()
        self.starts.append("reserve")
        self.standby_model, self.ready = self.newer, False
        self.processes["reserve"] = subprocess.Popen(["sleep", "1000"], start_new_session=True)


def test_a_dead_rasa_server_is_replaced_by_the_ready_reserve_and_a_new_reserve_starts(tmp_path, fast, monkeypatch):
    monkeypatch.setattr(supervisor_module, "MODEL_CHECK_S", 0.05)
    cluster = StandInWithReserve(tmp_path)
    lines: list[str] = []
    supervisor = Supervisor(cluster, say=lines.append)
    before = {name: cluster.pid(name) for name in cluster.parts}
    stop, thread = watch(supervisor)
    try:
        wait_until(lambda: (tmp_path / "status.json").exists())
        status = json.loads((tmp_path / "status.json").read_text())
        assert status["onderdelen"]["reserve"] == {"pid": before["reserve"], "herstarts": 0,
                                                   "klaar": False, "model": "a.tar.gz"}
        cluster.ready = True
        wait_until(lambda: "reserve staat klaar met a.tar.gz" in " ".join(lines))
        assert json.loads((tmp_path / "status.json").read_text())["onderdelen"]["reserve"]["klaar"] is True
        os.kill(before["rasa1"], signal.SIGKILL)
        wait_until(lambda: any(line.startswith("rasa1 opnieuw gestart") for line in lines))
        wait_until(lambda: any(line.startswith("rasa1 doet weer mee") for line in lines))
        # A newer model: the reserve is replaced by one that loads it; the servers are left alone.
        cluster.newer = tmp_path / "b.tar.gz"
        wait_until(lambda: "reserve laadt het nieuwe model b.tar.gz" in " ".join(lines))
        after = {name: cluster.pid(name) for name in cluster.parts}
    finally:
        stop.set()
        thread.join(timeout=10)
        cluster.stop_all()
    restarted = next(line for line in lines if line.startswith("rasa1 opnieuw gestart"))
    assert restarted.startswith(f"rasa1 opnieuw gestart (pid {before['reserve']}, herstart 1): "
                                "de reserve nam het over"), restarted
    assert after["rasa1"] == before["reserve"]
    assert after["reserve"] not in (before["reserve"], None)
    assert {n: after[n] for n in ("redis", "rasa0")} == {n: before[n] for n in ("redis", "rasa0")}
    assert cluster.starts == ["rasa1", "reserve"]
    assert not [line for line in lines if line.startswith("reserve is gestopt")], lines
