"""Two installations: the second follows the first's case feed over real HTTP with `casus volg`.

Installation A is the real web app on a loopback port (werkzeug, in a thread) over its own database;
installation B is another database, changed only by the command line in a subprocess, as a
maintainer (or a timer) would run it.
"""
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from besliswijzer.cases.store import delete_case, export_cases, get_case, import_text
from besliswijzer.storage.db import init_db, session_scope
from besliswijzer.storage.models import CaseRow, FollowedFeed
from web import create_app

ROOT = Path(__file__).resolve().parents[2]
CASE = """casussen:
  - id: wijktafel-testdorp-2026
    titel: {titel}
    gemeente: Enschede
    jaar: 2026
    thema: openbare_ruimte
    doelgroepen: [ouderen]
    methodes: [keukentafelgesprek]
    tools: [buurtapp]
    resultaat: Twaalf tafels, veertig ideeën.
    bronnen:
      - {{url: "https://www.voorbeeld.nl/wijktafel", titel: "Wijktafel (voorbeeldbron)"}}
      - {{url: "https://www.voorbeeld.nl/verslag", titel: "Verslag van de wijktafels"}}
    licentie: https://creativecommons.org/licenses/by-nc-sa/3.0/
"""
ID = "wijktafel-testdorp-2026"


@pytest.fixture
def seeded(seeded_db_file):
    """Every installation starts as a copy of the migrated and seeded database."""
    return seeded_db_file


def installation(seeded, tmp_path, name) -> str:
    shutil.copy(seeded, tmp_path / f"{name}.db")
    return f"sqlite:///{tmp_path / name}.db"


@pytest.fixture
def installations(seeded, tmp_path, monkeypatch):
    """A (served over HTTP) and B (followed into); yields (feed URL, url of A, url of B)."""
    url_a, url_b = installation(seeded, tmp_path, "a"), installation(seeded, tmp_path, "b")
    monkeypatch.setenv("DATABASE_URL", url_a)           # the web app of A reads its own database
    app = create_app({"SECRET_KEY": "feed-test", "FEED_LIMIET": "1000 per minute"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api/casussen", url_a, url_b
    server.shutdown()


def besliswijzer(url_b, *args):
    """The command line of installation B."""
    env = dict(os.environ, DATABASE_URL=url_b, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "besliswijzer", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def state(url):
    """Everything a pull could change: the cases (export format, plus origin and time) and the feed state."""
    with session_scope(url) as session:
        rows = session.execute(select(CaseRow.id, CaseRow.herkomst, CaseRow.licentie, CaseRow.gewijzigd)
                               .order_by(CaseRow.id)).all()
        feeds = session.execute(select(FollowedFeed.url, FollowedFeed.gewijzigd_tot)).all()
        return export_cases(session), [tuple(r) for r in rows], [tuple(f) for f in feeds]


def on_a(url_a, change):
    with session_scope(url_a) as session:
        change(session)


def test_a_case_added_changed_and_deleted_on_a_follows_on_b(installations):
    feed_url, url_a, url_b = installations
    on_a(url_a, lambda s: import_text(s, CASE.format(titel="Wijktafel Testdorp")))

    first = besliswijzer(url_b, "casus", "volg", feed_url)
    assert first.returncode == 0, first.stderr
    assert "1 nieuw, 0 bijgewerkt, 0 verwijderd" in first.stdout and ID in first.stdout
    with session_scope(url_b) as session:
        case = get_case(session, ID)
    assert case["titel"] == "Wijktafel Testdorp" and case["herkomst"] == feed_url
    assert case["licentie"] == "https://creativecommons.org/licenses/by-nc-sa/3.0/"
    assert [b["url"] for b in case["bronnen"]] == ["https://www.voorbeeld.nl/wijktafel",
                                                   "https://www.voorbeeld.nl/verslag"]
    assert case["methodes"] == ["keukentafelgesprek"] and case["tools"] == ["buurtapp"]
    shown = besliswijzer(url_b, "casus", "toon", ID).stdout
    assert "Uit de casusbasis van 127.0.0.1." in shown
    assert "Licentie: CC BY-NC-SA 3.0 (https://creativecommons.org/licenses/by-nc-sa/3.0/)" in shown

    before = state(url_b)
    again = besliswijzer(url_b, "casus", "volg", feed_url)
    assert again.returncode == 0 and "Niets nieuws sinds de vorige keer." in again.stdout
    assert state(url_b)[:2] == before[:2]                  # not one case touched

    on_a(url_a, lambda s: import_text(s, CASE.format(titel="Wijktafels in Testdorp"), bijwerken=True))
    changed = besliswijzer(url_b, "casus", "volg", feed_url)
    assert "0 nieuw, 1 bijgewerkt, 0 verwijderd" in changed.stdout, changed.stdout
    with session_scope(url_b) as session:
        case = get_case(session, ID)
    assert case["titel"] == "Wijktafels in Testdorp" and len(case["bronnen"]) == 2
    assert case["licentie"] == "https://creativecommons.org/licenses/by-nc-sa/3.0/"

    on_a(url_a, lambda s: delete_case(s, ID))
    gone = besliswijzer(url_b, "casus", "volg", feed_url)
    assert "0 nieuw, 0 bijgewerkt, 1 verwijderd" in gone.stdout, gone.stdout
    with session_scope(url_b) as session:
        assert session.get(CaseRow, ID) is None


def test_followed_cases_count_as_evidence_and_say_where_they_come_from(installations):
    feed_url, url_a, url_b = installations
    on_a(url_a, lambda s: import_text(s, CASE.format(titel="Wijktafel Testdorp")))
    assert besliswijzer(url_b, "casus", "volg", feed_url).returncode == 0
    found = besliswijzer(url_b, "casus", "zoek", "--tekst", "wijktafel")
    assert "Uit de casusbasis van 127.0.0.1." in found.stdout
    payload = json.loads(besliswijzer(url_b, "casus", "zoek", "--tekst", "wijktafel", "--json").stdout)
    assert payload["casussen"][0]["herkomst_tekst"] == "Uit de casusbasis van 127.0.0.1."      # what the card shows
    from besliswijzer.advice.similarity import rank_similar
    from besliswijzer.advice.profile import Profile
    with session_scope(url_b) as session:
        ranked = rank_similar(session, Profile.from_dict({"doelgroep": ["ouderen"], "thema": "openbare_ruimte",
                                                          "gemeente": "Enschede"}))
    followed = next(c for c in ranked if c.id == ID)
    assert followed.herkomst == feed_url and followed.methodes == ("keukentafelgesprek",)


def test_a_local_case_is_never_overwritten(installations):
    feed_url, url_a, url_b = installations
    with session_scope(url_b) as session:
        import_text(session, CASE.format(titel="Onze eigen wijktafel"))
    on_a(url_a, lambda s: import_text(s, CASE.format(titel="Wijktafel Testdorp")))
    result = besliswijzer(url_b, "casus", "volg", feed_url)
    assert result.returncode == 0 and "1 overgeslagen" in result.stdout
    with session_scope(url_b) as session:
        case = get_case(session, ID)
    assert case["titel"] == "Onze eigen wijktafel" and case["herkomst"] is None
    on_a(url_a, lambda s: delete_case(s, ID))            # a tombstone for that id leaves the local case alone
    besliswijzer(url_b, "casus", "volg", feed_url)
    with session_scope(url_b) as session:
        assert get_case(session, ID)["titel"] == "Onze eigen wijktafel"


class BadFeeds(BaseHTTPRequestHandler):
    """Feeds that go wrong: not JSON, too large, a good first page then a broken second one."""

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        good = {"casussen": [{"id": "halve-feed-casus", "titel": "Halve feed", "gemeente": "Enschede",
                              "bronnen": [{"url": "https://www.voorbeeld.nl/half", "titel": "Half"}],
                              "licentie": "https://creativecommons.org/licenses/by/4.0/",
                              "gewijzigd": "2026-12-01T09:00:00Z"}],
                "links": {"next": f"{base}/half/2"}}
        bodies = {"/kapot": b"<html>dit is geen feed</html>",
                  "/geen-lijst": json.dumps({"cases": []}).encode(),
                  "/groot": json.dumps({"casussen": [], "opvulling": "x" * (2 * 1024 * 1024)}).encode(),
                  "/half": json.dumps(good).encode(),
                  "/half/2": json.dumps({"casussen": [{"id": "zonder-tijd", "titel": "X"}],
                                         "links": {"next": None}}).encode(),
                  "/elders": json.dumps({"casussen": [], "links": {"next": "http://example.org/api"}}).encode()}
        if self.path.startswith("/verhuisd"):
            self.send_response(301)
            self.send_header("Location", "https://elders.voorbeeld.nl/api/casussen")
            self.end_headers()
            return
        body = bodies.get(self.path.split("?")[0])
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body or b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def bad_feeds():
    server = ThreadingHTTPServer(("127.0.0.1", 0), BadFeeds)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("path, words", [
    ("/kapot", "geen JSON"),
    ("/geen-lijst", "geen lijst 'casussen'"),
    ("/groot", "te groot"),
    ("/half", "geen 'gewijzigd'"),
    ("/elders", "andere website"),
    ("/bestaat-niet", "status 404"),
    ("/verhuisd", "verwijst door naar https://elders.voorbeeld.nl/api/casussen"),
])
def test_a_bad_feed_gives_a_dutch_message_and_changes_nothing(seeded, tmp_path, bad_feeds, path, words):
    url_b = installation(seeded, tmp_path, "b")
    before = state(url_b)
    result = besliswijzer(url_b, "casus", "volg", "--max-mb", "1", bad_feeds + path)
    assert result.returncode == 2
    assert words in result.stderr and "Er is niets veranderd." in result.stderr
    assert "Traceback" not in result.stderr
    assert state(url_b) == before


def test_an_unreachable_feed_gives_a_dutch_message_and_changes_nothing(seeded, tmp_path, closed_port_url):
    url_b = installation(seeded, tmp_path, "b")
    before = state(url_b)
    result = besliswijzer(url_b, "casus", "volg", closed_port_url + "/api/casussen")
    assert result.returncode == 2
    assert "niet bereikbaar" in result.stderr and "Er is niets veranderd." in result.stderr
    assert state(url_b) == before


def test_an_address_that_is_no_web_address_is_refused(seeded, tmp_path):
    url_b = installation(seeded, tmp_path, "b")
    result = besliswijzer(url_b, "casus", "volg", "file:///etc/passwd")
    assert result.returncode == 2 and "geen webadres van een casusfeed" in result.stderr
