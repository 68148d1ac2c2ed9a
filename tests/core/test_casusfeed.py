"""The open case feed: what is published (shared own cases only), paging, changes since, tombstones, licences."""
import datetime as dt
import json

import pytest
from sqlalchemy import select

from besliswijzer.cases import feed
from besliswijzer.cases.assessment import load_questions, save_evaluation
from besliswijzer.cases.fileformat import FIELDS, parse_cases
from besliswijzer.cases.store import delete_case, import_text, share_case, upsert_records
from besliswijzer.errors import BesliswijzerError
from besliswijzer.storage.db import session_scope
from besliswijzer.storage.models import CaseRow

BASE = "https://besliswijzer.voorbeeld.nl/api/casussen"
CONTRACT_KEYS = {"id", "titel", "gemeente", "jaar", "methodes", "tools", "thema", "bronnen", "licentie", "gewijzigd"}
NEW_CASE = """casussen:
  - id: wijktafel-testdorp-2026
    titel: Wijktafel Testdorp
    gemeente: Enschede
    jaar: 2026
    thema: openbare_ruimte
    methodes: [keukentafelgesprek]
    bronnen:
      - {url: "https://www.voorbeeld.nl/wijktafel", titel: "Wijktafel (voorbeeldbron)"}
"""


def all_items(session, **kwargs):
    """Every record of the feed, following links.next."""
    items, cursor = [], None
    while True:
        page = feed.feed_page(session, BASE, cursor=cursor, **kwargs)
        items += page["casussen"]
        following = page["links"]["next"]
        if following is None:
            return items
        assert following.startswith(BASE + "?na=")
        from urllib.parse import parse_qs, urlsplit
        cursor = feed.parse_cursor(parse_qs(urlsplit(following).query)["na"][0])


def evaluation(session, title="Wijkavond Oost"):
    answers = {q.id: 4 for q in load_questions()}
    return save_evaluation(session, answers, {"titel": title, "gemeente": "Hengelo", "thema": "openbare_ruimte"})


def test_every_shipped_case_is_published_with_the_contract_fields(session):
    items = all_items(session)
    shipped = session.execute(select(CaseRow.id)).scalars().all()
    assert sorted(i["id"] for i in items) == sorted(shipped)
    for item in items:
        assert CONTRACT_KEYS <= set(item), item["id"]
        assert set(item) <= set(FIELDS) | {"@id", "gewijzigd"}
        assert item["@id"] == f"{BASE}/{item['id']}"
        assert item["licentie"].startswith("https://creativecommons.org/")
        assert feed.parse_time(item["gewijzigd"]).year >= 2026 and item["gewijzigd"].endswith("Z")
        assert item["bronnen"] and all(b["url"].startswith("http") for b in item["bronnen"])


def test_participedia_facts_keep_their_licence(session):
    items = {i["id"]: i for i in all_items(session)}
    rows = session.execute(select(CaseRow.id, CaseRow.bron_type)).all()
    participedia = [ident for ident, kind in rows if "participedia" in (kind or "").lower()]
    assert len(participedia) >= 5
    for ident in participedia:
        assert items[ident]["licentie"] == "https://creativecommons.org/licenses/by-nc-sa/3.0/"
    own = next(ident for ident, kind in rows if "participedia" not in f"{kind} {items[ident]['bronnen']}".lower())
    assert items[own]["licentie"] == "https://creativecommons.org/licenses/by/4.0/"


def test_an_installation_chooses_the_licence_of_its_own_cases(session, monkeypatch):
    monkeypatch.setenv("CASUS_LICENTIE", "https://creativecommons.org/publicdomain/zero/1.0/")
    import_text(session, NEW_CASE)
    [item] = [i for i in all_items(session) if i["id"] == "wijktafel-testdorp-2026"]
    assert item["licentie"] == "https://creativecommons.org/publicdomain/zero/1.0/"


def test_pages_follow_each_other_without_gaps_or_repeats(session):
    everything = all_items(session)
    paged = all_items(session, limit=7)
    assert [i["id"] for i in paged] == [i["id"] for i in everything]
    times = [feed.parse_time(i["gewijzigd"]) for i in paged]
    assert times == sorted(times)
    first = feed.feed_page(session, BASE, limit=7)
    assert len(first["casussen"]) == 7 and "aantal=7" in first["links"]["next"]


def test_changed_since_gives_only_what_changed(session):
    before = feed.parse_time(feed.iso(dt.datetime.utcnow()))
    import_text(session, NEW_CASE)
    items = feed.feed_page(session, BASE, since=before)["casussen"]
    assert [i["id"] for i in items] == ["wijktafel-testdorp-2026"]
    assert feed.feed_page(session, BASE, since=dt.datetime(2999, 1, 1))["casussen"] == []


def test_a_deleted_shared_case_stays_as_a_tombstone_and_a_returning_one_loses_it(session):
    import_text(session, NEW_CASE)
    moment = feed.parse_time(feed.iso(dt.datetime.utcnow()))
    delete_case(session, "wijktafel-testdorp-2026")
    [stone] = feed.feed_page(session, BASE, since=moment)["casussen"]
    assert set(stone) == {"id", "verwijderd", "gewijzigd"}
    assert stone["id"] == "wijktafel-testdorp-2026" and stone["verwijderd"] is True
    assert feed.one_record(session, BASE, "wijktafel-testdorp-2026")["verwijderd"] is True
    import_text(session, NEW_CASE)
    items = [i for i in all_items(session) if i["id"] == "wijktafel-testdorp-2026"]
    assert len(items) == 1 and "verwijderd" not in items[0]


def test_own_evaluations_are_shared_only_after_casus_deel(session):
    ident = evaluation(session)
    assert ident not in {i["id"] for i in all_items(session)}
    assert feed.one_record(session, BASE, ident) is None
    assert share_case(session, ident) is True
    [item] = [i for i in all_items(session) if i["id"] == ident]
    assert item["eigen_evaluatie"] is True and item["scores"]["effect"] == 4.0
    assert "antwoorden" not in json.dumps(item)           # the answers of the assessment stay here
    assert share_case(session, ident) is False             # already shared: nothing changes
    assert share_case(session, ident, gedeeld=False) is True
    assert [i for i in all_items(session) if i["id"] == ident] == [{"id": ident, "verwijderd": True,
                                                                   "gewijzigd": all_items(session)[-1]["gewijzigd"]}]


def test_imports_can_stay_unshared(session):
    import_text(session, NEW_CASE, gedeeld=False)
    assert "wijktafel-testdorp-2026" not in {i["id"] for i in all_items(session)}
    share_case(session, "wijktafel-testdorp-2026")
    assert "wijktafel-testdorp-2026" in {i["id"] for i in all_items(session)}


def test_followed_cases_are_not_published_again_and_cannot_be_shared(session):
    records, errors, _ = parse_cases(NEW_CASE, "yaml")
    assert not errors
    upsert_records(session, records, herkomst="https://elders.voorbeeld.nl/api/casussen")
    assert "wijktafel-testdorp-2026" not in {i["id"] for i in all_items(session)}
    with pytest.raises(BesliswijzerError, match="elders.voorbeeld.nl"):
        share_case(session, "wijktafel-testdorp-2026")


def test_a_licence_in_a_case_file_must_be_an_address():
    bad = NEW_CASE + "    licentie: CC BY\n"
    _records, errors, _ = parse_cases(bad, "yaml")
    assert any("licentie" in e and "webadres" in e for e in errors)


@pytest.mark.parametrize("text", ["gisteren", "2026-13-01", ""])
def test_times_that_are_not_iso_8601_are_refused_in_dutch(text):
    with pytest.raises(feed.FeedQueryError, match="ISO 8601"):
        feed.parse_time(text)


def test_times_with_an_offset_are_read_as_utc():
    assert feed.parse_time("2026-12-01T10:30:00+01:00") == dt.datetime(2026, 12, 1, 9, 30)
    assert feed.parse_time("2026-12-01T09:30:00Z") == dt.datetime(2026, 12, 1, 9, 30)


def test_the_dataset_description_is_dcat(session):
    described = feed.dataset(session, BASE, "Gemeente Voorbeeld")
    assert described["@type"] == "dcat:Dataset"
    assert described["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert described["dcat:distribution"]["dcat:accessURL"] == {"@id": BASE}
    assert described["dct:publisher"]["foaf:name"] == "Gemeente Voorbeeld"
    assert described["schema:numberOfItems"] == len(all_items(session))
    assert feed.parse_time(described["dct:modified"]["@value"])


def test_the_feed_uses_schema_org_terms_in_its_context():
    context = feed.CONTEXT
    assert context["schema"] == "https://schema.org/" and context["casussen"] == "@graph"
    assert context["licentie"] == {"@id": "schema:license", "@type": "@id"}
    assert context["gewijzigd"]["@id"] == "schema:dateModified" and context["titel"] == "schema:name"


def test_the_web_app_serves_the_feed_openly(db_url):
    from web import create_app

    client = create_app({"TESTING": True, "SECRET_KEY": "x"}).test_client()
    response = client.get("/api/casussen?aantal=5")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "Set-Cookie" not in response.headers                 # no session for open data
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert client.get("/plan?doelgroep=ouderen").headers["Cross-Origin-Resource-Policy"] == "same-origin"
    page = response.get_json()
    assert len(page["casussen"]) == 5 and page["links"]["next"].startswith("http://localhost/api/casussen?na=")
    assert client.get(page["links"]["next"]).status_code == 200
    ident = page["casussen"][0]["id"]
    assert client.get(f"/api/casussen/{ident}").get_json()["titel"] == page["casussen"][0]["titel"]
    assert client.get("/api/casussen/bestaat-niet").status_code == 404
    dataset = client.get("/api/casussen/dataset")
    assert dataset.mimetype == "application/ld+json" and dataset.get_json()["@type"] == "dcat:Dataset"
    for query, word in (("gewijzigd_sinds=gisteren", "ISO 8601"), ("na=onzin", "volgende pagina"),
                        ("aantal=0", "aantal"), ("aantal=veel", "aantal")):
        bad = client.get(f"/api/casussen?{query}")
        assert bad.status_code == 400 and word in bad.get_json()["error"], query


def test_the_cli_shares_and_withdraws(db_url, capsys):
    from besliswijzer.cli import main

    with session_scope(db_url) as session:
        ident = evaluation(session)
    assert main(["casus", "deel", ident]) == 0
    assert "staat nu in de open casusfeed" in capsys.readouterr().out
    assert main(["casus", "deel", ident, "--intrekken"]) == 0
    assert "staat niet meer in de open casusfeed" in capsys.readouterr().out
    assert main(["casus", "deel", "bestaat-niet"]) == 2


def test_the_data_card_defines_every_field_of_the_feed():
    import re
    from pathlib import Path

    card = (Path(__file__).resolve().parents[2] / "docs" / "casusfeed.md").read_text(encoding="utf-8")
    table = card.split("### Velden", 1)[1].split("###", 1)[0]
    defined = set(re.findall(r"^\| `([@a-z_]+)` \|", table, re.M))
    assert defined == set(FIELDS) | {"@id", "gewijzigd", "verwijderd"}


def test_the_feed_and_the_dataset_expand_as_json_ld(session):
    """A JSON-LD processor reads the Dutch keys as schema.org and DCAT terms (inline contexts, no network)."""
    from pyld import jsonld

    import_text(session, NEW_CASE)
    delete_case(session, "wijktafel-testdorp-2026")
    page = feed.feed_page(session, BASE, limit=feed.MAX_PAGE)
    nodes = jsonld.expand(page)
    cases = [n for n in nodes if "https://schema.org/name" in n]
    assert len(cases) == len(page["casussen"]) - 1                   # every case but the tombstone
    first = cases[0]
    assert first["@id"].startswith(BASE + "/")
    assert first["https://schema.org/license"][0]["@id"].startswith("https://creativecommons.org/")
    assert first["https://schema.org/dateModified"][0]["@type"] == "https://schema.org/DateTime"
    assert first["https://schema.org/citation"][0]["https://schema.org/url"][0]["@id"].startswith("http")
    stone = next(n for n in nodes if n.get("https://schema.org/identifier") == [{"@value": "wijktafel-testdorp-2026"}])
    assert "https://schema.org/name" not in stone
    [described] = jsonld.expand(feed.dataset(session, BASE, "Gemeente Voorbeeld"))
    assert described["@type"] == ["http://www.w3.org/ns/dcat#Dataset"]
    assert described["http://www.w3.org/ns/dcat#distribution"][0]["http://www.w3.org/ns/dcat#accessURL"] == [{"@id": BASE}]
