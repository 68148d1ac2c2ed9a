"""The web app under gunicorn (as `make run` starts it), with a real keep-alive HTTP client."""
import os
import signal
import subprocess

import pytest
import requests

from scripts.stack import ROOT, VENV_BIN, free_port, wait_until_up


@pytest.fixture
def gunicorn_app(tmp_path, closed_port_url):
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), SECRET_KEY="test-secret", RASA_URL=closed_port_url,
               AANGEBODEN_DB=str(tmp_path / "aangeboden.sqlite"), RATE_LIMIT="1000 per minute")
    log = open(tmp_path / "web.log", "wb")
    proc = subprocess.Popen([str(VENV_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1",
                             "--threads", "2", "web:create_app()"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up([f"{url}/"], processes={"web": proc})
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()


@pytest.mark.parametrize("size", [20_000, 2_000_000])
def test_an_oversize_body_is_refused_and_the_connection_ends_cleanly(gunicorn_app, size):
    http = requests.Session()
    http.get(f"{gunicorn_app}/").raise_for_status()
    token = http.cookies.get("csrf_token")
    body = '{"message": "' + "a" * size + '"}'
    response = http.post(f"{gunicorn_app}/api/chat", data=body,
                         headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["Connection"].lower() == "close"
    assert "te groot" in response.json()["error"]
    for _ in range(3):  # the same client goes on, as the widget's next message would
        assert http.get(f"{gunicorn_app}/api/info").status_code == 200


def test_a_normal_message_keeps_the_connection_alive(gunicorn_app):
    http = requests.Session()
    http.get(f"{gunicorn_app}/").raise_for_status()
    response = http.get(f"{gunicorn_app}/api/info")
    assert response.status_code == 200
    assert response.headers.get("Connection", "keep-alive").lower() != "close"
