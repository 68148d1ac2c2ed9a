"""`make herlaad` against a stand-in for one Rasa server's HTTP API (GET /status, PUT /model,
POST /model/parse), as under `make run`. The real servers, one by one behind HAProxy, are in
tests/cluster/test_cluster.py."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from scripts.cluster import herlaad

TOKEN = "geheim-token"


class RasaApi(ThreadingHTTPServer):
    """Answers like Rasa 3.6 with --enable-api --auth-token: the model swaps only once loaded."""

    def __init__(self, model: str, load_s: float = 0.3):
        super().__init__(("127.0.0.1", 0), Handler)
        self.model, self.load_s, self.loads = model, load_s, []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: RasaApi

    def log_message(self, *args):
        pass

    def _answer(self, status: int, body=None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        if parse_qs(urlparse(self.path).query).get("token") == [TOKEN]:
            return True
        self._answer(401, {"reason": "NotAuthenticated"})
        return False

    def do_GET(self):
        if self._authorised():
            self._answer(200, {"model_file": self.server.model})

    def do_PUT(self):
        if self._authorised():
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            time.sleep(self.server.load_s)
            self.server.loads.append(body["model_file"])
            self.server.model = body["model_file"]
            self._answer(204)

    def do_POST(self):
        if self._authorised():
            self.rfile.read(int(self.headers["Content-Length"]))
            self._answer(200, {"intent": {"name": "begroeten"}})


@pytest.fixture
def rasa():
    server = RasaApi("/oud/model-1.tar.gz")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_one_server_loads_the_newest_model_in_place(rasa, tmp_path, monkeypatch, capsys):
    model = tmp_path / "model-2.tar.gz"
    model.write_bytes(b"")
    monkeypatch.setenv("RASA_API_TOKEN", TOKEN)
    assert herlaad.main(["--rasa", rasa.url, "--model", str(model)]) == 0
    assert rasa.loads == [str(model)]
    assert "Klaar: model-2.tar.gz is live" in capsys.readouterr().out
    # Again: it runs already, nothing is loaded twice.
    assert herlaad.main(["--rasa", rasa.url, "--model", str(model)]) == 0
    assert rasa.loads == [str(model)]
    assert "(het draaide al)" in capsys.readouterr().out


def test_a_wrong_token_or_no_server_is_a_dutch_message(rasa, tmp_path, monkeypatch, capsys):
    model = tmp_path / "model-2.tar.gz"
    model.write_bytes(b"")
    monkeypatch.setenv("RASA_API_TOKEN", "fout")
    assert herlaad.main(["--rasa", rasa.url, "--model", str(model)]) == 1
    assert "weigert het token" in capsys.readouterr().out
    monkeypatch.setenv("RASA_API_TOKEN", TOKEN)
    assert herlaad.main(["--rasa", "http://127.0.0.1:1", "--model", str(model)]) == 1
    assert "geen Rasa-server op http://127.0.0.1:1" in capsys.readouterr().out
    assert rasa.loads == []


def test_a_map_without_a_running_supervisor_is_no_cluster(tmp_path):
    (tmp_path / "status.json").write_text(json.dumps({"supervisor": 2 ** 22 + 12345, "poorten": {},
                                                      "modellen": str(tmp_path)}))
    assert herlaad.running_cluster(tmp_path) is None
    assert herlaad.running_cluster(Path(tmp_path / "bestaat-niet")) is None
