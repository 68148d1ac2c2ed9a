"""Start the three real services (action server, Rasa server, web app) on free local ports.

Used by the end-to-end and browser tests, the example-conversation script and the chat
benchmark, so that all of them exercise exactly what `make run` serves. `make run` itself
uses honcho with the Procfile and `wait_until_up` from this module.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, Iterable, Optional

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

# Rasa loads TensorFlow and the model before it listens: about a minute on two cores.
START_TIMEOUT_S = float(os.environ.get("STACK_START_TIMEOUT", "300"))


class StackError(RuntimeError):
    """A service did not start; the message carries the tail of its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except (urllib.error.URLError, OSError, ValueError):
        return False


def wait_until_up(urls: Iterable[str], timeout_s: float = START_TIMEOUT_S,
                  processes: Optional[Dict[str, subprocess.Popen]] = None,
                  poll_s: float = 0.5) -> None:
    """Poll each URL until it answers; fail early when one of `processes` has exited."""
    pending = list(urls)
    deadline = time.monotonic() + timeout_s
    while pending:
        for name, proc in (processes or {}).items():
            if proc.poll() is not None:
                raise StackError(f"{name} stopped with exit code {proc.returncode}")
        pending = [u for u in pending if not is_up(u)]
        if not pending:
            return
        if time.monotonic() > deadline:
            raise StackError(f"not up after {timeout_s:.0f} s: {', '.join(pending)}")
        time.sleep(poll_s)


def newest_model(model_dir: Path) -> Path:
    models = sorted(model_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise StackError(f"no trained model in {model_dir}: run `make train` first")
    return models[-1]


class Stack:
    """The action server, Rasa server and web app as real subprocesses on free ports.

    Conversations go to an in-memory tracker store, the case database and the maintainers' inbox
    to `database_url`, so a test run never touches the data of `make run` or fills its inbox.
    """

    def __init__(self, database_url: str, model_dir: Path = ROOT / "models",
                 log_dir: Optional[Path] = None, extra_env: Optional[Dict[str, str]] = None):
        self.database_url = database_url
        self.model = newest_model(Path(model_dir))
        self.log_dir = Path(log_dir or tempfile.mkdtemp(prefix="besliswijzer-stack-"))
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.extra_env = extra_env or {}
        self.action_port, self.rasa_port, self.web_port = free_port(), free_port(), free_port()
        self.processes: Dict[str, subprocess.Popen] = {}

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def _env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update({
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": self.database_url,     # cases, and the inbox the broker and web app fill
            # the web app's offered payloads and last exchanges, beside the logs, not in var/
            "AANGEBODEN_DB": str(self.log_dir / "aangeboden.sqlite"),
            "RASA_URL": self.rasa_url,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SANIC_HOST": "127.0.0.1",
        })
        env.update(self.extra_env)
        return env

    def _spawn(self, name: str, args: list) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb")
        # A session of its own, so stop() can end the process with all its children.
        proc = subprocess.Popen(args, cwd=ROOT, env=self._env(), stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        self.processes[name] = proc
        return proc

    def log_tail(self, name: str, lines: int = 40) -> str:
        path = self.log_dir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def start_action_server(self) -> None:
        self._spawn("acties", [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions",
                               "--port", str(self.action_port)])
        wait_until_up([f"{self.action_url}/health"], processes={"acties": self.processes["acties"]})

    def stop_action_server(self) -> None:
        self._stop("acties")

    def start(self) -> "Stack":
        endpoints = self.log_dir / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "{self.action_url}/webhook"\n'
                             # the maintainers' inbox and insight counts, into the stack's database
                             'event_broker:\n  type: broker.beheer.BeheerBroker\n')
        try:
            self.start_action_server()
            self._spawn("rasa", [str(VENV_BIN / "rasa"), "run", "--model", str(self.model),
                                 "--interface", "127.0.0.1", "--port", str(self.rasa_port),
                                 "--endpoints", str(endpoints),
                                 "--credentials", str(ROOT / "bot" / "credentials.yml")])
            self._spawn("web", [str(VENV_BIN / "gunicorn"), "--bind", f"127.0.0.1:{self.web_port}",
                                "--workers", "1", "--threads", "4", "web:create_app()"])
            wait_until_up([f"{self.rasa_url}/", f"{self.web_url}/"], processes=self.processes)
        except Exception as exc:
            logs = "\n".join(f"--- {n} ---\n{self.log_tail(n)}" for n in self.processes)
            self.stop()
            raise StackError(f"{exc}\n{logs}") from exc
        return self

    def _stop(self, name: str) -> None:
        proc = self.processes.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def stop(self) -> None:
        for name in list(self.processes):
            self._stop(name)

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class ChatClient:
    """Talks to the web app's chat API exactly as the contract describes a client."""

    def __init__(self, web_url: str, timeout_s: float = 60):
        import requests  # only the clients need it, not `make run`'s readiness check

        self.web_url = web_url
        self.timeout_s = timeout_s
        self.http = requests.Session()
        self.http.get(f"{web_url}/", timeout=timeout_s).raise_for_status()

    def post(self, message: str):
        token = self.http.cookies.get("csrf_token")
        headers = {"X-CSRF-Token": token} if token else {}
        return self.http.post(f"{self.web_url}/api/chat", json={"message": message},
                              headers=headers, timeout=self.timeout_s)

    def send(self, message: str) -> list:
        """The bot's messages for one user message; raises on an error status."""
        response = self.post(message)
        response.raise_for_status()
        return response.json()["messages"]
