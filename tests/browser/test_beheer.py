"""/beheer in a real browser: refused without login, charts and tables with it, accessible (axe)."""
import threading
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from besliswijzer.maintainers import insight as inzicht
from besliswijzer.storage.db import init_db, session_scope
from tests.support.widget_driver import SCREENSHOTS
from tests.support.widget_driver import run_axe
from web import create_app

PASSWORD = "een lang beheerwachtwoord"


@pytest.fixture(scope="module")
def beheer_server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('beheer') / 'besliswijzer.db'}"
    init_db(url)
    today = date.today()
    with session_scope(url) as session:
        for weeks_ago, conversations in ((0, 7), (1, 12), (2, 3)):
            day = today - timedelta(weeks=weeks_ago)
            for _ in range(conversations):
                inzicht.add(session, day, "gesprek", inzicht.ALL, new_conversation=True, messages=4)
                inzicht.add(session, day, "intentie", "advies_vragen", new_conversation=True)
                inzicht.add(session, day, "methode", "straatgesprek", new_conversation=True)
                inzicht.add(session, day, "niveau", "adviseren", new_conversation=True)
            inzicht.add(session, day, "fallback", inzicht.ALL, new_conversation=True, messages=2)
        inzicht.add(session, today, "thema", "wonen", new_conversation=True)
    patcher = pytest.MonkeyPatch()
    patcher.setenv("DATABASE_URL", url)
    app = create_app({"SECRET_KEY": "browser-beheer", "BEHEER_WACHTWOORD": PASSWORD})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    patcher.undo()


def test_beheer_needs_a_login_and_then_shows_accessible_charts(make_page, beheer_server, axe_source):
    page = make_page(bypass_csp=True)                      # axe is injected by the test
    page.goto(beheer_server + "/beheer")
    expect(page).to_have_url(beheer_server + "/beheer/login")
    expect(page.get_by_role("heading", name="Inloggen voor beheer")).to_be_visible()
    assert run_axe(page, axe_source) == []
    page.get_by_label("Wachtwoord").fill("niet goed")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(beheer_server + "/beheer")
    charts = page.locator("svg.grafiek[role=img]")
    assert charts.count() >= 7
    expect(page.get_by_role("img", name="Gesprekken per week")).to_be_visible()
    # the k-rule in the drawing: 3 conversations two weeks ago show as "< 5", 12 last week as 12
    weekly = page.locator("#titel-gesprekken ~ figure svg")
    expect(weekly).to_contain_text("< 5")
    expect(weekly).to_contain_text("12")
    # the table behind a chart opens with the keyboard
    page.get_by_text("Tabel bij “Gesprekken per week”").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#titel-gesprekken ~ figure table")).to_be_visible()
    assert run_axe(page, axe_source) == []
    page.screenshot(path=str(SCREENSHOTS / "beheer-1280.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download alle cijfers als CSV").click()
    assert "week,soort,waarde,gesprekken,berichten" in open(download.value.path(), encoding="utf-8").read()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(beheer_server + "/beheer/login")
    assert page.errors == []


def test_charts_render_under_the_real_csp(make_page, beheer_server):
    """No bypass: the page's own CSP must let its stylesheet and SVG through."""
    page = make_page()
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(beheer_server + "/beheer/login")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    bar = page.locator("svg.grafiek rect.staaf").first
    expect(bar).to_be_visible()
    fill = bar.evaluate("el => getComputedStyle(el).fill")
    assert fill == "rgb(21, 66, 115)", fill                 # the stylesheet was applied
    assert not [m for m in messages if "Content Security Policy" in m], messages
