"""Keeps a running cluster whole: a part that dies is started again, the rest keeps serving.

Every second the supervisor looks at each part of the cluster (scripts/cluster/cluster.py). When
one has stopped, it says so in one line (the part, its exit code, when it starts again; never
anything of a conversation) and starts it again after a pause. The pause doubles each time the
same part dies again soon after a start (1, 2, 4 ... up to 30 s), so a part that cannot start
does not keep the machine busy, and goes back to 1 s once the part has run for a minute.
Meanwhile HAProxy sends the messages to the Rasa servers that still answer; a restarted server
gets messages again once its health check passes.

With a reserve (make run-cluster has one, scripts/cluster/standby.py), a dead Rasa server is
not started from scratch: the reserve, which loaded the model beforehand, takes its port and
answers within seconds, and a new reserve loads the model in the background. When a newer model
appears in the model folder (make train, make herlaad), the reserve is replaced by one that
loads it, so a takeover never brings back an older model.

Restarts run in a thread each, so a slow start (PostgreSQL, a Rasa server loading its model)
never delays noticing another part. The state of every part is written to status.json in the
cluster's folder: ports, process ids and restart counts (for the operator, herlaad.py and the
tests).
"""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import asdict, dataclass
from typing import Callable, Dict, Optional

from scripts.cluster.cluster import STANDBY, Cluster, StackError

__all__ = ["Supervisor", "FIRST_PAUSE_S", "MAX_PAUSE_S", "STABLE_S"]

FIRST_PAUSE_S = 1.0
MAX_PAUSE_S = 30.0
STABLE_S = 60.0        # a part that ran this long counts as healthy again: pause back to 1 s
CHECK_S = 1.0
MODEL_CHECK_S = 5.0    # how often the reserve's model is compared with the newest


@dataclass
class PartState:
    started_at: float                   # time.monotonic() of the last start
    pause_s: float = FIRST_PAUSE_S
    restarts: int = 0
    restart_at: Optional[float] = None  # a restart is due at this time
    restarting: bool = False            # a start runs in its thread
    waiting_since: Optional[float] = None  # restarted, not answering yet
    ready_said: bool = False            # the reserve: its "staat klaar" was said


class Supervisor:
    def __init__(self, cluster: Cluster, say: Callable[[str], None] = print) -> None:
        self.cluster = cluster
        self.say = say
        self.status_file = cluster.base_dir / "status.json"
        now = time.monotonic()
        self.parts: Dict[str, PartState] = {name: PartState(started_at=now) for name in cluster.parts}
        self._stopping = threading.Event()
        self._threads: list = []
        self._lock = threading.Lock()
        self._model_checked = 0.0

    # --- the loop ------------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Watch until `stop` is set; then wait for restarts under way (they may hold a process)."""
        self.write_status(ready=True)
        try:
            while not stop.is_set():
                self.check()
                stop.wait(CHECK_S)
        finally:
            self._stopping.set()
            for thread in self._threads:
                thread.join()

    def check(self) -> None:
        now = time.monotonic()
        changed = False
        for name, state in self.parts.items():
            if state.restarting:
                continue
            if state.restart_at is not None:
                if now >= state.restart_at:
                    self._restart(name, state)
                continue
            if self.cluster.alive(name):
                if name == STANDBY:
                    changed |= self._watch_standby(state, now)
                    continue
                if state.waiting_since is not None and self.cluster.is_ready(name):
                    self.say(f"{name} doet weer mee, {now - state.waiting_since:.0f} s na het stoppen")
                    state.waiting_since = None
                continue
            # It has stopped: plan its restart.
            code = self.cluster.exit_code(name)
            ran_s = now - state.started_at
            if state.restarts == 0 or ran_s >= STABLE_S:
                state.pause_s = FIRST_PAUSE_S
            else:                       # died again soon after its restart
                state.pause_s = min(state.pause_s * 2, MAX_PAUSE_S)
            state.restart_at = now + state.pause_s
            if state.waiting_since is None and name != STANDBY:
                state.waiting_since = now
            how = f"code {code}" if code is not None else "proces weg"
            self.say(f"{name} is gestopt ({how}); opnieuw starten over {state.pause_s:.0f} s "
                     f"(logboek: {name}.log)")
            changed = True
        if changed:
            self.write_status()

    def _restart(self, name: str, state: PartState) -> None:
        state.restarting = True
        state.restart_at = None

        def work() -> None:
            try:
                if self._stopping.is_set():
                    return
                self.cluster.clear_remains(name)
                took_over = self.cluster.start_part(name)
                state.restarts += 1
                state.ready_said = False
                state.started_at = time.monotonic()
                how = ""
                if took_over:
                    standby = self.parts[STANDBY]
                    standby.started_at, standby.ready_said = time.monotonic(), False
                    how = (f": de reserve nam het over; een nieuwe reserve laadt het model "
                           f"(pid {self.cluster.pid(STANDBY)})")
                self.say(f"{name} opnieuw gestart (pid {self.cluster.pid(name)}, "
                         f"herstart {state.restarts}){how}")
            except (StackError, OSError) as exc:
                # Start failed (PostgreSQL's port still taken, ...): try again after a longer pause.
                state.started_at = time.monotonic()
                state.pause_s = min(state.pause_s * 2, MAX_PAUSE_S)
                state.restart_at = time.monotonic() + state.pause_s
                first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                self.say(f"{name} start niet ({type(exc).__name__}: {first_line[:200]}); "
                         f"nieuwe poging over {state.pause_s:.0f} s")
            finally:
                state.restarting = False
                self.write_status()

        thread = threading.Thread(target=work, name=f"herstart-{name}", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _watch_standby(self, state: PartState, now: float) -> bool:
        """Say once when the reserve is ready; replace it when a newer model is there.
        True when status.json should be written again."""
        if not state.ready_said and self.cluster.standby_ready():
            state.ready_said = True
            self.say(f"{STANDBY} staat klaar met {self.cluster.standby_model.name} "
                     f"({now - state.started_at:.0f} s na de start)")
            return True
        if now - self._model_checked < MODEL_CHECK_S:
            return False
        self._model_checked = now
        if not self.cluster.standby_outdated():
            return False
        state.restarting, state.ready_said = True, False

        def work() -> None:
            try:
                if not self._stopping.is_set():
                    self.cluster.replace_standby()
                    state.started_at = time.monotonic()
                    self.say(f"{STANDBY} laadt het nieuwe model {self.cluster.standby_model.name} "
                             f"(pid {self.cluster.pid(STANDBY)})")
            except (StackError, OSError) as exc:
                self.say(f"{STANDBY} start niet ({type(exc).__name__})")
            finally:
                state.restarting = False
                self.write_status()

        thread = threading.Thread(target=work, name="nieuwe-reserve", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return False

    # --- status.json ---------------------------------------------------------------------
    def write_status(self, ready: Optional[bool] = None) -> None:
        """Ports, pids and restarts of every part, written whole (never half a file)."""
        with self._lock:
            previous = self._read_status()
            status = {
                "supervisor": os.getpid(),
                "klaar": previous.get("klaar", False) if ready is None else ready,
                "poorten": asdict(self.cluster.ports),
                "map": str(self.cluster.base_dir),
                "modellen": str(self.cluster.model_dir),
                "onderdelen": {name: self._part_status(name, state) for name, state in self.parts.items()},
            }
            tmp = self.status_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(status, indent=2))
            os.replace(tmp, self.status_file)

    def _part_status(self, name: str, state: PartState) -> dict:
        part = {"pid": self.cluster.pid(name), "herstarts": state.restarts}
        if name == STANDBY:         # whether a dead Rasa server would be back at once
            part["klaar"] = self.cluster.standby_ready()
            part["model"] = self.cluster.standby_model.name if self.cluster.standby_model else None
        return part

    def _read_status(self) -> dict:
        try:
            return json.loads(self.status_file.read_text())
        except (OSError, ValueError):
            return {}
