"""Browser fixtures: Debian's chromium driven by Playwright, axe-core from npm.

Two kinds of server: the real stack (`live_stack` from tests/conftest.py) for the
conversation tests, and the web app with a Rasa double for the renderer tests that
need payloads the real bot would never send (XSS, every payload type).
"""
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.support.ci import need
from tests.support.rasa_double import RasaDouble
from web import create_app

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 60_000  # a Rasa answer on two busy cores can take a while


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    need(path is not None, "chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def axe_source():
    need(AXE.exists(), f"axe-core is missing: run `npm ci --prefix tests/browser` ({AXE})")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rasa_double():
    with RasaDouble() as double:
        yield double


@pytest.fixture(scope="session")
def double_stack(rasa_double, tmp_path_factory):
    """The real web app over HTTP (werkzeug, in a thread) in front of the Rasa double.

    The plan page reads a seeded case database of its own, never the one of `make run`.
    """
    from besliswijzer.storage.db import init_db

    workdir = tmp_path_factory.mktemp('web')
    url = f"sqlite:///{workdir / 'besliswijzer.db'}"
    init_db(url)
    patcher = pytest.MonkeyPatch()
    patcher.setenv("DATABASE_URL", url)           # the plan's cases and the feedback's inbox
    app = create_app({"RASA_URL": rasa_double.url, "SECRET_KEY": "browser-test",
                      "RATE_LIMIT": "1000 per minute", "RATE_LIMIT_ADRES": "1000 per minute",
                      "BEWAARTERMIJN_DAGEN": 7, "AANGEBODEN_DB": str(workdir / "aangeboden.sqlite")})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()

    class Stack:
        web_url = f"http://127.0.0.1:{server.server_port}"
        rasa = rasa_double
        database_url = url

    yield Stack()
    server.shutdown()
    patcher.undo()


@pytest.fixture
def double(rasa_double):
    """The Rasa double with its default answers restored after the test."""
    original = rasa_double.reply
    yield rasa_double
    rasa_double.reply = original


@pytest.fixture
def make_page(browser):
    """New isolated browser context (own cookies and sessionStorage) and page."""
    contexts = []

    def factory(width=1280, height=900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                                      **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"),
                                          dialog.dismiss()))
        return page

    yield factory
    for context in contexts:
        context.close()
