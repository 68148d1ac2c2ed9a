"""CSRF, origin checks, cookies, rate limits and security headers."""
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from web.config import load_config

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "web" / "static"
# widget.js and the chat and cards it loads (web/static/widget/), as URL paths
WIDGET_SCRIPTS = ["/static/" + p.relative_to(STATIC).as_posix()
                  for p in [STATIC / "widget.js", *sorted((STATIC / "widget").rglob("*.js"))]]


# ---- CSRF and origin --------------------------------------------------------------

def test_the_contract_client_is_accepted(user):
    assert user.chat("hallo").status_code == 200


def test_a_missing_csrf_header_is_refused(user, rasa):
    response = user.client.post("/api/chat", json={"message": "hallo"})
    assert response.status_code == 403
    assert "sessie" in response.get_json()["error"]
    assert rasa.received == []


def test_a_wrong_csrf_token_is_refused(user, rasa):
    response = user.chat("hallo", headers={"X-CSRF-Token": "0" * 32})
    assert response.status_code == 403
    assert rasa.received == []


def test_a_planted_csrf_cookie_that_matches_the_header_is_refused(user, rasa):
    """Double submit alone is not enough: the token must belong to the session."""
    user.client.set_cookie("csrf_token", "f" * 32)
    response = user.chat("hallo", headers={"X-CSRF-Token": "f" * 32})
    assert response.status_code == 403


def test_a_request_without_a_session_cookie_is_refused(user):
    token = user.token
    user.client.delete_cookie("besliswijzer_sessie")
    assert user.chat("hallo", headers={"X-CSRF-Token": token}).status_code == 403


def test_a_forged_session_cookie_is_not_accepted(user):
    user.client.set_cookie("besliswijzer_sessie", "a" * 32 + "." + "b" * 32)
    assert user.chat("hallo").status_code == 403


@pytest.mark.parametrize("headers", [
    {"Origin": "https://kwaadwillend.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "http://localhost.kwaadwillend.example"},
])
def test_a_request_from_another_origin_is_refused_even_with_a_valid_token(user, rasa, headers):
    response = user.chat("hallo", headers=headers)
    assert response.status_code == 403
    assert "andere website" in response.get_json()["error"]
    assert rasa.received == []


def test_a_same_origin_browser_request_is_accepted(user):
    response = user.chat("hallo", headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200


def test_an_extra_allowed_origin_is_accepted(make_app, make_user):
    user = make_user(make_app(ALLOWED_ORIGINS="https://intranet.gemeente.example"))
    response = user.chat("hallo", headers={"Origin": "https://intranet.gemeente.example"})
    assert response.status_code == 200


def test_cookies_are_httponly_samesite_and_csrf_is_readable(app):
    response = app.test_client().get("/")
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    session = cookies["besliswijzer_sessie"]
    assert "HttpOnly" in session and "SameSite=Lax" in session
    csrf = cookies["csrf_token"]
    assert "HttpOnly" not in csrf and "SameSite=Strict" in csrf


def test_secure_cookies_when_configured(make_app):
    response = make_app(COOKIE_SECURE="true").test_client().get("/")
    assert all("Secure" in c for c in response.headers.getlist("Set-Cookie"))


# ---- rate limits ------------------------------------------------------------------

def test_the_rate_limit_per_session_answers_429_in_dutch(make_app, make_user, rasa):
    app = make_app(RATE_LIMIT="3 per minute")
    user = make_user(app)
    assert [user.chat("hallo").status_code for _ in range(3)] == [200, 200, 200]
    response = user.chat("hallo")
    assert response.status_code == 429
    assert response.is_json and "Wacht" in response.get_json()["error"]
    assert int(response.headers["Retry-After"]) > 0
    assert len(rasa.received) == 3
    # Another session from the same address still gets through.
    assert make_user(app).chat("hallo").status_code == 200


def test_the_rate_limit_per_address_catches_new_sessions(make_app, make_user):
    app = make_app(RATE_LIMIT_ADRES="4 per minute")
    codes = [make_user(app).chat("hallo").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    other = make_user(app)
    response = other.client.post("/api/chat", json={"message": "hallo"},
                                 headers={"X-CSRF-Token": other.token},
                                 environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert response.status_code == 200


# ---- headers ----------------------------------------------------------------------

PAGES = ["/", "/widget", "/plan?doelgroep=bestaat_niet", "/bestaat-niet"]


@pytest.mark.parametrize("path", PAGES)
def test_html_pages_have_a_strict_csp_with_a_fresh_nonce(app, path):
    client = app.test_client()
    first, second = client.get(path), client.get(path)
    csp = first.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    assert len(nonce) >= 16
    assert nonce not in second.headers["Content-Security-Policy"]
    html = first.get_data(as_text=True)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert f'nonce="{nonce}"' in tag
    assert directives["frame-ancestors"] == "'self'"
    assert directives["connect-src"] == "'self'"


@pytest.mark.parametrize("path", PAGES + ["/static/widget.js", "/static/widget/chat.js", "/api/info"])
def test_every_response_has_the_security_headers(app, path):
    response = app.test_client().get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Content-Security-Policy" in response.headers
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_frame_ancestors_is_configurable(make_app):
    response = make_app(FRAME_ANCESTORS="'self' https://intranet.gemeente.example").test_client().get("/widget")
    assert "frame-ancestors 'self' https://intranet.gemeente.example" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers  # it cannot express a list; CSP decides


def test_no_inline_handlers_or_inline_scripts_in_pages_and_widget(app):
    client = app.test_client()
    for path in ["/", "/widget"]:
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"\son[a-z]+\s*=", html), path
        assert not re.search(r"<script\b(?![^>]*\bsrc=)[^>]*>", html), path  # no inline script blocks
        assert "style=" not in html
    assert len(WIDGET_SCRIPTS) >= 8, WIDGET_SCRIPTS   # the loader, the chat, the helpers and the cards
    for path in WIDGET_SCRIPTS:
        response = client.get(path)
        # a browser runs an ES module only when it is served with a JavaScript MIME type
        assert response.status_code == 200 and response.mimetype in ("text/javascript", "application/javascript"), path
        js = response.get_data(as_text=True)
        assert "innerHTML" not in js.replace("never through innerHTML", ""), path
        assert "insertAdjacentHTML" not in js and "eval(" not in js and "document.write" not in js, path
        assert "new Function" not in js and "setTimeout(\"" not in js, path


def test_no_third_party_urls_in_pages_and_static_files(app):
    client = app.test_client()
    for path in ["/", "/widget", *WIDGET_SCRIPTS, "/static/widget.css", "/static/page.css",
                 "/static/plan.css", "/static/plan.js"]:
        text = client.get(path).get_data(as_text=True)
        assert not re.search(r"https?://(?!localhost)[a-z0-9.-]+\.[a-z]{2,}", text.replace(
            "https://besliswijzer.example.nl", "")), path


def test_the_widget_page_passes_only_plain_colours(app):
    html = app.test_client().get(
        '/widget?kleur-primair=%23c00&kleur-accent=red;background:url(x)&titel=<b>Hoi</b>').get_data(as_text=True)
    assert 'data-kleur-primair="#c00"' in html
    assert "data-kleur-accent" not in html
    assert "<b>Hoi</b>" not in html and "&lt;b&gt;Hoi&lt;/b&gt;" in html


# ---- configuration ----------------------------------------------------------------

def test_the_secret_key_is_created_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    path = tmp_path / "var" / "secret_key"
    first = load_config({"SECRET_KEY_FILE": str(path)})["SECRET_KEY"]
    second = load_config({"SECRET_KEY_FILE": str(path)})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert path.stat().st_mode & 0o777 == 0o600


def test_environment_settings_are_read(monkeypatch):
    monkeypatch.setenv("RASA_URL", "http://rasa.intern:5005/")
    monkeypatch.setenv("RATE_LIMIT", "5 per minute")
    monkeypatch.setenv("BEWAARTERMIJN_DAGEN", "7")
    monkeypatch.setenv("SECRET_KEY", "uit-de-omgeving")
    config = load_config()
    assert config["RASA_URL"] == "http://rasa.intern:5005"
    assert config["RATE_LIMIT"] == "5 per minute"
    assert config["BEWAARTERMIJN_DAGEN"] == 7
    assert config["SECRET_KEY"] == "uit-de-omgeving"


def test_an_unreachable_rate_limit_store_falls_back_to_memory_not_500(make_app, make_user, rasa,
                                                                     closed_port_url, caplog):
    """Redis of a cluster down: the chat keeps answering, counted per process, and says so in the log."""
    port = closed_port_url.rsplit(":", 1)[1]
    app = make_app(RATE_LIMIT="3 per minute", RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}/0")
    user = make_user(app)
    with caplog.at_level(logging.WARNING):
        codes = [user.chat("hallo").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429], "the limit still holds, in this process's memory"
    assert len(rasa.received) == 3
    assert "falling back to in-memory storage" in caplog.text


def test_the_fallback_warning_reaches_the_log_of_a_served_app(closed_port_url, tmp_path):
    """Under gunicorn nothing configures logging: the warning must still reach stderr."""
    port = closed_port_url.rsplit(":", 1)[1]
    script = (
        "from web import create_app\n"
        "client = create_app().test_client()\n"
        "client.get('/')\n"
        "token = client.get_cookie('csrf_token').value\n"
        "print(client.post('/api/chat', json={'message': 'hallo'}, headers={'X-CSRF-Token': token}).status_code)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}/0",
               RASA_URL=closed_port_url, SECRET_KEY="test-secret", AANGEBODEN_DB=str(tmp_path / "a.sqlite"))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip() == "503", done.stdout + done.stderr     # Rasa is away, not the limiter
    assert "Rate limit storage unreachable - falling back to in-memory storage" in done.stderr
