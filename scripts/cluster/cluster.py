"""The production shape on one machine: several Rasa servers behind HAProxy, on PostgreSQL and Redis.

Used by `make run-cluster` (scripts/cluster/run.py, which keeps it running), the cluster tests
and `make bench`.

    PostgreSQL   case database (besliswijzer) and tracker store (besliswijzer_gesprekken)
    Redis        Rasa's lock store (db 1) and the web app's rate-limit counters (db 0)
    N x action server + Rasa server   Rasa i talks to action server i
    HAProxy      balances the Rasa servers, health-checked, no sticky sessions
    web app      gunicorn, talks to HAProxy
    clean-up     python -m scripts.opschonen --herhaal on the tracker store
    reserve      (with `standby=True`, as make run-cluster has it) a Rasa server that has loaded
                 the model but serves no port yet (scripts/cluster/standby.py): when a Rasa
                 server dies, the reserve takes its port at once and a new reserve loads

Every process gets its own session, so stop() ends it with all its children. Each part has a
name (`Cluster.parts`, in start order) and can be started and checked on its own: the
supervisor (scripts/cluster/supervisor.py) restarts the one that died.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from scripts.stack import StackError, free_port, is_up, newest_model, wait_until_up

__all__ = ["Cluster", "Ports", "StackError", "ROOT", "TRACKER_DB", "CASES_DB", "STORES", "STANDBY"]

ROOT = Path(__file__).resolve().parents[2]

VENV_BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
PG_USER = PG_PASSWORD = "besliswijzer"  # local server, reachable from this machine only
CASES_DB, TRACKER_DB = "besliswijzer", "besliswijzer_gesprekken"
# The stores everything else leans on: started first, stopped last.
STORES = ("postgres", "redis")
STANDBY = "reserve"
# A model file changed less than this long ago may still be being written (make train): the
# reserve waits before loading it.
MODEL_SETTLE_S = 10.0


@dataclass
class Ports:
    """Where everything listens. `Ports.fixed()` for make run-cluster, `Ports.free()` for tests."""
    web: int
    balancer: int
    postgres: int
    redis: int
    rasa: List[int]
    actions: List[int]

    @classmethod
    def fixed(cls, instances: int, web: int = 8000) -> "Ports":
        return cls(web=web, balancer=5004, postgres=55433, redis=6380,
                   rasa=[5005 + i for i in range(instances)],
                   actions=[5055 + i for i in range(instances)])

    @classmethod
    def free(cls, instances: int) -> "Ports":
        return cls(web=free_port(), balancer=free_port(), postgres=free_port(), redis=free_port(),
                   rasa=[free_port() for _ in range(instances)],
                   actions=[free_port() for _ in range(instances)])


@dataclass
class Cluster:
    ports: Ports
    base_dir: Path                       # data (postgres/, redis/) and logs/ live here
    model_dir: Path = ROOT / "models"
    web_workers: int = 2
    web_host: str = "127.0.0.1"          # make run-cluster: WEB_HOST (0.0.0.0)
    extra_env: Dict[str, str] = field(default_factory=dict)
    standby: bool = False                # keep a warm reserve Rasa server (make run-cluster)
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    standby_model: Optional[Path] = None # the model the reserve loads or has loaded
    _takeover: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.base_dir = Path(self.base_dir).resolve()
        self.log_dir = self.base_dir / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.model_dir = Path(self.model_dir).resolve()
        self.model = newest_model(self.model_dir)

    # --- addresses -------------------------------------------------------------------------
    @property
    def instances(self) -> int:
        return len(self.ports.rasa)

    @property
    def parts(self) -> List[str]:
        """Every part by name, in start order: stores, servers, balancer, web app, clean-up, and
        the reserve last (it loads while the others serve)."""
        servers = [name for i in range(self.instances) for name in (f"acties{i}", f"rasa{i}")]
        return [*STORES, *servers, "haproxy", "web", "opschonen", *([STANDBY] if self.standby else [])]

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.web}"

    @property
    def balancer_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.balancer}"

    def rasa_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.ports.rasa[i]}"

    def pg_url(self, database: str) -> str:
        return f"postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{self.ports.postgres}/{database}"

    @property
    def cases_url(self) -> str:
        return self.pg_url(CASES_DB)

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports.redis}/0"

    # --- processes -------------------------------------------------------------------------
    def env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update({
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": self.cases_url,
            "RASA_URL": self.balancer_url,
            "RATELIMIT_STORAGE_URI": self.redis_url,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "SANIC_HOST": "127.0.0.1",
            # One thread each for TensorFlow inside a Rasa server: a server handles one turn at a
            # time on the CPU anyway, and with TensorFlow's default (a thread per core each) two
            # servers on two cores fight over the same cores instead of each using its own.
            "TF_INTRA_OP_PARALLELISM_THREADS": os.environ.get("TF_INTRA_OP_PARALLELISM_THREADS", "1"),
            "TF_INTER_OP_PARALLELISM_THREADS": os.environ.get("TF_INTER_OP_PARALLELISM_THREADS", "1"),
            # A ticket of a killed Rasa server blocks its conversation at most this long.
            "TICKET_LOCK_LIFETIME": os.environ.get("TICKET_LOCK_LIFETIME", "15"),
        })
        env.update(self.extra_env)
        return env

    def _spawn(self, name: str, args: list, stdin=None) -> subprocess.Popen:
        with open(self.log_dir / f"{name}.log", "ab") as log:
            proc = subprocess.Popen(args, cwd=ROOT, env=self.env(), stdout=log, stdin=stdin,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        self.processes[name] = proc
        return proc

    def start_part(self, name: str) -> bool:
        """(Re)start one part without waiting until it answers (Rasa takes a minute to load).
        True when the reserve took the part's place (a Rasa server that answers at once)."""
        if name == "postgres":
            self.start_postgres()
        elif name == "redis":
            self.start_redis(wait=False)
        elif name.startswith("acties"):
            self.start_action_server(int(name[len("acties"):]))
        elif name.startswith("rasa"):
            return self.start_rasa(int(name[len("rasa"):]), wait=False)
        elif name == "haproxy":
            self.start_balancer()
        elif name == "web":
            self.start_web()
        elif name == "opschonen":
            self.start_clean_up()
        elif name == STANDBY:
            self.start_standby()
        else:
            raise KeyError(name)
        return False

    def pid(self, name: str) -> Optional[int]:
        """The process id of a part (PostgreSQL: its postmaster), None when it is not running."""
        if name == "postgres":
            return self.postgres_pid()
        proc = self.processes.get(name)
        return proc.pid if proc is not None and proc.poll() is None else None

    def exit_code(self, name: str) -> Optional[int]:
        proc = self.processes.get(name)
        return proc.returncode if proc is not None else None

    def alive(self, name: str) -> bool:
        return self.pid(name) is not None

    def clear_remains(self, name: str) -> None:
        """After a part died: end what is left of its session (gunicorn workers, a child of
        Rasa), so the new one gets its port. PostgreSQL's backends end by themselves."""
        proc = self.processes.get(name)
        if proc is not None and proc.poll() is not None:
            _signal_group(proc, signal.SIGKILL)

    def ready_url(self, name: str) -> Optional[str]:
        """Where a restarted part shows it serves again (None: being alive is enough)."""
        if name.startswith("rasa"):
            return f"{self.rasa_url(int(name[4:]))}/webhooks/rest/"
        if name.startswith("acties"):
            return f"http://127.0.0.1:{self.ports.actions[int(name[6:])]}/health"
        if name == "web":
            return f"{self.web_url}/"
        return None

    def _stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        proc = self.processes.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        _signal_group(proc, sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _signal_group(proc, signal.SIGKILL)
            proc.wait()

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.log_dir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    # --- PostgreSQL ------------------------------------------------------------------------
    def _postgres_script(self, *args: str, database: str = CASES_DB) -> str:
        env = dict(os.environ, PGTEST_PORT=str(self.ports.postgres),
                   PGTEST_DIR=str(self.base_dir / "postgres"), PGTEST_DATABASE=database,
                   PGTEST_DURABLE="1")
        with open(self.log_dir / "postgres-script.log", "ab") as log:
            done = subprocess.run([str(ROOT / "scripts" / "postgres_test_server.sh"), *args],
                                  env=env, stdout=subprocess.PIPE, stderr=log, check=False)
        if done.returncode != 0:
            raise StackError(f"PostgreSQL: {self.log_tail('postgres-script')}")
        return done.stdout.decode().strip()

    def start_postgres(self) -> None:
        for database in (CASES_DB, TRACKER_DB):
            self._postgres_script(database=database)

    def stop_postgres(self) -> None:
        self._postgres_script("stop")

    def postgres_pid(self) -> Optional[int]:
        """The postmaster's pid from its pid file, when that process is alive."""
        try:
            pid = int((self.base_dir / "postgres" / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if _running(pid) else None

    def init_case_database(self) -> None:
        done = subprocess.run([sys.executable, "-m", "besliswijzer", "db", "init"], cwd=ROOT,
                              env=self.env(), capture_output=True, check=False)
        if done.returncode != 0:
            raise StackError(f"db init: {done.stderr.decode(errors='replace')[-2000:]}")

    # --- Redis -----------------------------------------------------------------------------
    def start_redis(self, wait: bool = True) -> None:
        redis = shutil.which("redis-server")
        if redis is None:
            raise StackError("redis-server is not installed (apt-get install redis-server)")
        data = self.base_dir / "redis"
        data.mkdir(parents=True, exist_ok=True)
        # Locks and rate-limit counters are short-lived: nothing is written to disk.
        self._spawn("redis", [redis, "--bind", "127.0.0.1", "--port", str(self.ports.redis),
                              "--dir", str(data), "--save", "", "--appendonly", "no"])
        if wait:
            self._wait_port(self.ports.redis, "redis")

    def stop_redis(self) -> None:
        self._stop("redis")

    def _wait_port(self, port: int, name: str, timeout_s: float = 30) -> None:
        import socket

        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise StackError(f"{name} stopped:\n{self.log_tail(name)}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.2)
        raise StackError(f"{name} not listening on {port}")

    # --- Rasa and action servers -----------------------------------------------------------
    def _write_config(self) -> None:
        template = (HERE / "endpoints.yml.in").read_text()
        for i in range(self.instances):
            (self.base_dir / f"endpoints-{i}.yml").write_text(template.format(
                action_port=self.ports.actions[i], pg_port=self.ports.postgres,
                tracker_db=TRACKER_DB, pg_user=PG_USER, pg_password=PG_PASSWORD,
                redis_port=self.ports.redis))
        servers = "\n".join(f"    server rasa{i} 127.0.0.1:{port} check"
                            for i, port in enumerate(self.ports.rasa))
        (self.base_dir / "haproxy.cfg").write_text((HERE / "haproxy.cfg.in").read_text().format(
            balancer_port=self.ports.balancer, servers=servers, admin_socket=self.admin_socket))

    @property
    def admin_socket(self) -> Path:
        return self.base_dir / "haproxy.sock"

    def balancer_command(self, command: str) -> str:
        """One HAProxy runtime command, e.g. 'set server rasa_servers/rasa1 state maint'."""
        import socket

        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(self.admin_socket))
            s.sendall(command.encode() + b"\n")
            return s.makefile().read()

    def endpoints_file(self, i: int = 0) -> Path:
        return self.base_dir / f"endpoints-{i}.yml"

    @property
    def api_token(self) -> str:
        """The token of the Rasa servers' HTTP API (a model reload needs it): RASA_API_TOKEN, or
        one made once and kept in the cluster's folder, readable by its owner only."""
        token = self.env().get("RASA_API_TOKEN")
        if token:
            return token
        path = self.base_dir / "rasa-api-token"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
        return path.read_text().strip()

    def start_action_server(self, i: int) -> None:
        self._spawn(f"acties{i}", [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions",
                                   "--port", str(self.ports.actions[i])])

    def start_rasa(self, i: int, wait: bool = True) -> bool:
        """Start Rasa server i: the reserve takes its place when it has the model loaded (True),
        else a new `rasa run` loads it (False)."""
        # The newest model each time: a server restarted after a reload (herlaad.py) loads the
        # model the others have. The API (loopback only, with a token) is how a reload happens.
        self.model = newest_model(self.model_dir)
        args = ["run", "--model", str(self.model),
                "--interface", "127.0.0.1", "--port", str(self.ports.rasa[i]),
                "--endpoints", str(self.endpoints_file(i)),
                "--credentials", str(ROOT / "bot" / "credentials.yml"),
                # "=": a token may start with "-", which argparse would read as an option
                "--enable-api", f"--auth-token={self.api_token}"]
        took_over = self._take_over(f"rasa{i}", args)
        if not took_over:
            self._spawn(f"rasa{i}", [str(VENV_BIN / "rasa"), *args])
        if wait:
            self._wait_up([f"{self.rasa_url(i)}/webhooks/rest/"])
        return took_over

    # --- the reserve (scripts/cluster/standby.py) -------------------------------------------
    @property
    def standby_ready_file(self) -> Path:
        return self.base_dir / "reserve.klaar"

    def start_standby(self) -> None:
        """A new reserve loads the newest model; it serves nothing until a server dies."""
        self.standby_ready_file.unlink(missing_ok=True)
        self.standby_model = newest_model(self.model_dir)
        self._spawn(STANDBY, [sys.executable, "-m", "scripts.cluster.standby",
                              str(self.standby_model), str(self.standby_ready_file)],
                    stdin=subprocess.PIPE)

    def standby_ready(self) -> bool:
        """The reserve runs and has loaded the model it was started with."""
        proc = self.processes.get(STANDBY)
        if proc is None or proc.poll() is not None:
            return False
        try:
            ready = json.loads(self.standby_ready_file.read_text())
        except (OSError, ValueError):
            return False
        return ready.get("pid") == proc.pid and ready.get("model") == str(self.standby_model)

    def standby_outdated(self) -> bool:
        """A newer model than the reserve's is in the model folder, written completely."""
        if not self.standby or self.standby_model is None:
            return False
        try:
            newest = newest_model(self.model_dir)
            settled = time.time() - newest.stat().st_mtime >= MODEL_SETTLE_S
        except (StackError, OSError):
            return False
        return settled and newest.resolve() != self.standby_model.resolve()

    def replace_standby(self) -> None:
        """The reserve loads the newest model instead: a new one replaces it."""
        with self._takeover:
            self._stop(STANDBY)
            self.start_standby()

    def _take_over(self, name: str, args: List[str]) -> bool:
        """The ready reserve becomes `name`: it runs `rasa run args` with the model it loaded,
        logging to the server's log. A new reserve starts loading at once."""
        if not self.standby:
            return False
        with self._takeover:
            if not self.standby_ready() or self.standby_model.resolve() != self.model.resolve():
                return False
            proc = self.processes[STANDBY]
            orders = {"argv": args, "log": str(self.log_dir / f"{name}.log")}
            try:
                proc.stdin.write((json.dumps(orders) + "\n").encode())
                proc.stdin.close()
            except OSError:         # it died just now: a normal start instead
                return False
            self.processes[name] = proc
            self.start_standby()    # replaces processes["reserve"]: never a moment without one
            return True

    def kill_rasa(self, i: int) -> None:
        """kill -9 of one Rasa server (and its children), as a crash would."""
        self._stop(f"rasa{i}", signal.SIGKILL)

    def _wait_up(self, urls: List[str]) -> None:
        try:
            wait_until_up(urls, processes=self.processes)
        except StackError as exc:
            logs = "\n".join(f"--- {n} ---\n{self.log_tail(n)}" for n in self.processes)
            raise StackError(f"{exc}\n{logs}") from exc

    # --- the whole -------------------------------------------------------------------------
    def start_balancer(self) -> None:
        self._spawn("haproxy", [_haproxy(), "-db", "-f", str(self.base_dir / "haproxy.cfg")])

    def start_web(self) -> None:
        self._spawn("web", [str(VENV_BIN / "gunicorn"), "--bind", f"{self.web_host}:{self.ports.web}",
                            "--workers", str(self.web_workers), "--threads", "8",
                            "--timeout", "60", "web:create_app()"])

    def start_clean_up(self) -> None:
        self._spawn("opschonen", [sys.executable, "-m", "scripts.opschonen",
                                  "--herhaal", "--endpoints", str(self.endpoints_file(0))])

    def is_ready(self, name: str) -> bool:
        if name == STANDBY:
            return self.standby_ready()
        url = self.ready_url(name)
        return self.alive(name) and (url is None or is_up(url))

    def start(self) -> "Cluster":
        try:
            self.start_postgres()
            self.start_redis()
            self.init_case_database()
            self._write_config()
            for i in range(self.instances):
                self.start_action_server(i)
                self.start_rasa(i, wait=False)
            self.start_balancer()
            self.start_web()
            self.start_clean_up()
            self._wait_up([f"http://127.0.0.1:{p}/health" for p in self.ports.actions]
                          + [f"{self.rasa_url(i)}/webhooks/rest/" for i in range(self.instances)]
                          + [f"{self.balancer_url}/", f"{self.web_url}/"])
            if self.standby:        # after the servers: its load does not slow the start
                self.start_standby()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, say=lambda name: None) -> None:
        """Web app first (no new messages come in), then the clean-up, balancer and servers
        together (Rasa takes a while to shut down; one after the other adds up), stores last.
        `say(name)` hears of each part once it has stopped."""
        front = ["web"]
        middle = [n for n in self.processes if n not in front and n not in STORES]
        for group in (front, middle, ["redis"]):
            for name in group:
                proc = self.processes.get(name)
                if proc is not None and proc.poll() is None:
                    _signal_group(proc, signal.SIGTERM)
            for name in group:
                if name in self.processes:
                    self._stop(name)
                    say(name)
        if (self.base_dir / "postgres" / "data" / "postmaster.pid").exists():
            self.stop_postgres()
            say("postgres")
        self.standby_ready_file.unlink(missing_ok=True)

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _running(pid: int) -> bool:
    """Alive and not a zombie (a dead postmaster nobody reaped still has a pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:          # another user's process (PostgreSQL's own user): it exists
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True                  # no /proc: trust kill(0)
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:  # it just ended by itself
        pass


def _haproxy() -> str:
    path = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if path is None:
        raise StackError("haproxy is not installed (apt-get install haproxy)")
    return path
