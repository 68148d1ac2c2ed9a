"""The platform scripts: run as modules, finding Python 3.10, the privacy clean-up, waiting for services."""
import os
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from scripts import opschonen
from scripts.stack import ROOT, StackError, free_port, wait_until_up

FIND = ROOT / "scripts" / "find_python310.sh"


def tool_env() -> dict:
    """The environment without PYTHONPATH: `python -m` from the project folder must be enough."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def test_every_tool_imports_as_a_module_of_its_package():
    modules = [f"{folder}.{path.stem}" for folder in ("scripts", "bench")
               for path in sorted((ROOT / folder).glob("*.py")) if path.stem != "__init__"]
    assert "scripts.nlu_rapport" in modules and "bench.bench_chat" in modules
    # Locust patches ssl with gevent on import and must come first, as it does when it runs.
    modules.sort(key=lambda name: name != "bench.locustfile")
    result = subprocess.run([sys.executable, "-c", "import importlib, sys\n"
                             "for name in sys.argv[1:]: importlib.import_module(name)", *modules],
                            cwd=ROOT, env=tool_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_tool_runs_with_python_m(tmp_path):
    """The closing table of `make test`, run as the Makefile runs it, on a results folder with nothing."""
    result = subprocess.run([sys.executable, "-m", "scripts.test_summary", str(tmp_path / "testresultaten")],
                            cwd=ROOT, env=tool_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Samenvatting van make test" in result.stdout
    assert [line.split()[-2:] for line in result.stdout.splitlines() if "taalbegrip" in line] == \
        [["niet", "gedraaid"]]


def run_find(tmp_path, path_dirs, pyenv_root):
    env = {"PATH": os.pathsep.join(str(d) for d in path_dirs), "PYENV_ROOT": str(pyenv_root),
           "HOME": str(tmp_path)}
    return subprocess.run(["/bin/sh", str(FIND)], env=env, capture_output=True, text=True)


def fake_python(folder: Path, name: str, minor: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / name
    exe.write_text(f"#!/bin/sh\nexit $([ '3.{minor}' = '3.10' ] && echo 0 || echo 1)\n")
    exe.chmod(0o755)
    return exe


def test_find_python_prefers_path(tmp_path):
    exe = fake_python(tmp_path / "bin", "python3.10", 10)
    result = run_find(tmp_path, [tmp_path / "bin", "/bin", "/usr/bin"], tmp_path / "nopyenv")
    assert result.returncode == 0 and result.stdout.strip() == str(exe)


def test_find_python_falls_back_to_pyenv_versions(tmp_path):
    fake_python(tmp_path / "bin", "python3", 11)
    exe = fake_python(tmp_path / "pyenv" / "versions" / "3.10.9" / "bin", "python3.10", 10)
    result = run_find(tmp_path, [tmp_path / "bin", "/bin", "/usr/bin"], tmp_path / "pyenv")
    assert result.returncode == 0 and result.stdout.strip() == str(exe)


def test_find_python_says_what_to_install(tmp_path):
    fake_python(tmp_path / "bin", "python3", 11)
    result = run_find(tmp_path, [tmp_path / "bin", "/bin"], tmp_path / "nopyenv")
    assert result.returncode == 1
    assert "Python 3.10" in result.stderr and "pyenv install 3.10" in result.stderr


def make_tracker_db(path: Path, timestamps):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp REAL)")
        db.executemany("INSERT INTO events (sender_id, timestamp) VALUES ('x', ?)", [(t,) for t in timestamps])


def test_privacy_cleanup_removes_only_old_conversations(tmp_path):
    now = 1_800_000_000.0
    day = 86400
    db = tmp_path / "gesprekken.db"
    make_tracker_db(db, [now - 10 * day, now - 8 * day, now - 1 * day, now])
    url = opschonen.URL.create("sqlite", database=str(db))
    assert opschonen.purge(url, days=7, now=now) == 2
    with sqlite3.connect(db) as conn:
        left = [row[0] for row in conn.execute("SELECT timestamp FROM events ORDER BY timestamp")]
    assert left == [now - day, now]


def test_privacy_cleanup_tolerates_a_fresh_store(tmp_path):
    url = opschonen.URL.create("sqlite", database=str(tmp_path / "leeg.db"))
    assert opschonen.purge(url, days=7) == 0


def test_tracker_store_url_follows_the_endpoints_file(tmp_path):
    sqlite_file = tmp_path / "sqlite.yml"
    sqlite_file.write_text('tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "var/x.db"\n')
    assert opschonen.tracker_store_url(sqlite_file).database == str(ROOT / "var" / "x.db")
    pg = tmp_path / "pg.yml"
    pg.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: db.local\n"
                  "  db: rasa\n  username: ${PGUSER_TEST}\n")
    os.environ["PGUSER_TEST"] = "chat"
    url = opschonen.tracker_store_url(pg)
    assert (url.drivername, url.host, url.database, url.username) == ("postgresql", "db.local", "rasa", "chat")
    memory = tmp_path / "mem.yml"
    memory.write_text("action_endpoint:\n  url: http://x\n")
    assert opschonen.tracker_store_url(memory) is None


def test_wait_until_up_waits_for_a_server_that_is_still_starting():
    """The server answers 503 three times, as a service that is still loading, then 200."""
    calls = []

    class Starting(BaseHTTPRequestHandler):
        def do_GET(self):
            calls.append(self.path)
            self.send_response(503 if len(calls) <= 3 else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Starting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        wait_until_up([f"http://127.0.0.1:{server.server_port}/"], timeout_s=10, poll_s=0.01)
    finally:
        server.shutdown()
    assert len(calls) == 4


def test_wait_until_up_gives_up_with_the_pending_url():
    url = f"http://127.0.0.1:{free_port()}/"
    with pytest.raises(StackError, match="not up after"):
        wait_until_up([url], timeout_s=0.5, poll_s=0.1)
