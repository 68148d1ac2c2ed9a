"""/beheer through Flask's test client on a real, migrated SQLite database."""
import csv
import io
from datetime import date, timedelta

import pytest
from werkzeug.security import generate_password_hash

from besliswijzer.maintainers import inbox
from besliswijzer.maintainers import insight as inzicht
from besliswijzer.storage.db import session_scope

PASSWORD = "correct paard batterij niet"


@pytest.fixture
def filled_db(db_url):
    """Six conversations asked for advice this week; only two asked about 'wonen'."""
    today = date.today()
    with session_scope(db_url) as session:
        for n in range(6):
            inzicht.add(session, today, "gesprek", inzicht.ALL, new_conversation=True, messages=3)
            inzicht.add(session, today, "intentie", "advies_vragen", new_conversation=True)
            inzicht.add(session, today, "intentie", "nlu_fallback", new_conversation=True)
            inzicht.add(session, today, "methode", "straatgesprek", new_conversation=True)
        for n in range(2):
            inzicht.add(session, today, "thema", "wonen", new_conversation=True)
        inzicht.add(session, today - timedelta(weeks=1), "gesprek", inzicht.ALL, new_conversation=True)
        inbox.add_item(session, "mail mij op a@b.nl", "fallback", None, None, None)
        inbox.add_item(session, "wat is inspraak", "feedback", None, None, "Een serious game ...")
        inbox.add_item(session, "{}", "fallback", None, None, None)
    return db_url


@pytest.fixture
def beheer_app(make_app, filled_db):
    return make_app(BEHEER_WACHTWOORD=PASSWORD, BEHEER_LOGIN_LIMIET="3 per minute")


def login(client, password=PASSWORD, **headers):
    return client.post("/beheer/login", data={"wachtwoord": password},
                       headers={"Sec-Fetch-Site": "same-origin", **headers})


def test_refuses_without_login(beheer_app):
    client = beheer_app.test_client()
    response = client.get("/beheer")
    assert response.status_code == 302 and response.headers["Location"].endswith("/beheer/login")
    assert client.get("/beheer/export.csv").status_code == 401
    assert login(client, "fout").status_code == 401
    assert client.get("/beheer").status_code == 302


def test_password_is_kept_only_as_a_hash(beheer_app):
    assert "BEHEER_WACHTWOORD" not in beheer_app.config
    assert PASSWORD not in str(beheer_app.config)
    assert beheer_app.config["BEHEER_WACHTWOORD_HASH"].startswith(("scrypt:", "pbkdf2:"))


def test_a_prepared_hash_works_too(make_app, filled_db):
    client = make_app(BEHEER_WACHTWOORD_HASH=generate_password_hash("geheim-wachtwoord")).test_client()
    assert login(client, "geheim-wachtwoord").status_code == 303
    assert client.get("/beheer").status_code == 200


def test_login_attempts_are_rate_limited(beheer_app):
    client = beheer_app.test_client()
    codes = [login(client, f"gok {n}").status_code for n in range(4)]
    assert codes == [401, 401, 401, 429]
    assert login(client).status_code == 429             # even the right password waits


def test_login_from_another_site_is_refused(make_app, filled_db):
    client = make_app(BEHEER_WACHTWOORD=PASSWORD).test_client()
    assert login(client, **{"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert login(client, **{"Sec-Fetch-Site": "same-site"}).status_code == 403
    # a browser's own form under no-referrer sends "Origin: null" and Sec-Fetch-Site same-origin
    assert login(client, **{"Origin": "null"}).status_code == 303
    no_fetch_metadata = client.post("/beheer/login", data={"wachtwoord": PASSWORD}, headers={"Origin": "null"})
    assert no_fetch_metadata.status_code == 403


def test_dashboard_shows_charts_tables_and_the_k_rule(beheer_app):
    client = beheer_app.test_client()
    assert login(client).status_code == 303
    page = client.get("/beheer").get_data(as_text=True)
    assert page.count("<svg") >= 7 and page.count("<table>") >= 7
    assert "Straatgesprek" in page and "Advies vragen" in page
    # 'wonen' was asked in two conversations: shown as "< 5", never as 2
    row = page.split(">Wonen</th>")[1].split("</tr>")[0]
    assert "&lt; 5" in row and ">2<" not in row
    assert "a@b.nl" not in page and "mail mij" not in page       # no message text in the aggregates
    assert "inspraak" not in page
    assert "Content-Security-Policy" in client.get("/beheer").headers


def test_session_expires(make_app, filled_db, monkeypatch):
    import time

    from web import beheer_auth
    app = make_app(BEHEER_WACHTWOORD=PASSWORD, BEHEER_SESSIE_MINUTEN=30)
    client = app.test_client()
    login(client)
    assert client.get("/beheer").status_code == 200
    later = time.time() + 31 * 60
    monkeypatch.setattr(beheer_auth.time, "time", lambda: later)
    assert client.get("/beheer").status_code == 302


def test_logout_ends_the_session(beheer_app):
    client = beheer_app.test_client()
    login(client)
    assert client.post("/beheer/uitloggen", headers={"Sec-Fetch-Site": "same-origin"}).status_code == 303
    assert client.get("/beheer").status_code == 302


def test_csv_export_applies_the_k_rule(beheer_app):
    client = beheer_app.test_client()
    login(client)
    response = client.get("/beheer/export.csv?periode=4")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = {(r["soort"], r["waarde"], r["week"]): r for r in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}
    monday = inzicht.week_of(date.today()).isoformat()
    assert rows[("gesprek", "alle", monday)]["gesprekken"] == "6"
    assert rows[("gesprek", "alle", monday)]["berichten"] == "18"
    assert rows[("thema", "wonen", monday)]["gesprekken"] == "< 5"
    last_week = (inzicht.week_of(date.today()) - timedelta(weeks=1)).isoformat()
    assert rows[("gesprek", "alle", last_week)]["gesprekken"] == "< 5"


def test_trusted_sso_header_only_when_configured(make_app, filled_db):
    plain = make_app(BEHEER_WACHTWOORD=PASSWORD).test_client()
    assert plain.get("/beheer", headers={"X-Remote-User": "beheerder"}).status_code == 302
    sso = make_app(BEHEER_SSO_HEADER="X-Remote-User").test_client()
    assert sso.get("/beheer", headers={"X-Remote-User": "beheerder"}).status_code == 200
    assert sso.get("/beheer").status_code == 302


def test_without_a_password_login_is_off(make_app, filled_db):
    client = make_app().test_client()
    assert "geen beheerderswachtwoord ingesteld" in client.get("/beheer/login").get_data(as_text=True)
    assert login(client, "").status_code == 401


def test_dashboard_speaks_dutch_about_intents_and_the_inbox(beheer_app):
    client = beheer_app.test_client()
    login(client)
    page = client.get("/beheer").get_data(as_text=True)
    assert ">Niet begrepen</th>" in page and "Nlu fallback" not in page and "nlu_fallback" not in page
    kinds = {dt: page.split(f"<dt>{dt}</dt><dd>")[1].split("<")[0]
             for dt in ("Nu in de inbox", "Daarvan: niet begrepen", "Daarvan: feedback van gebruikers",
                        "Daarvan: rommel (codes, onzin)")}
    assert kinds == {"Nu in de inbox": "3", "Daarvan: niet begrepen": "1", "Daarvan: feedback van gebruikers": "1",
                     "Daarvan: rommel (codes, onzin)": "1"}


def test_every_intent_of_the_domain_has_a_dutch_name():
    from pathlib import Path

    import yaml

    from web import texts
    root = Path(__file__).resolve().parents[2]
    intents = {next(iter(i)) if isinstance(i, dict) else i
               for path in (root / "bot" / "domain").glob("*.yml")
               for i in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("intents", [])}
    assert intents and not [i for i in sorted(intents) if not texts.intent(i)]
