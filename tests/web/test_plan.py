"""The printable participation plan at /plan, recomputed from the profile in the link."""
import re

import pytest
from markupsafe import escape

import besliswijzer.advice.engine as advice_module
from web.plan import plan_query

PROFILE = {"doelgroep": ["ouderen", "nieuwkomers"], "schaal": "wijk", "thema": "openbare_ruimte",
           "beleidsfase": "beleidsvorming", "niveau": "adviseren", "budget_euro": 15000,
           "doorlooptijd_weken": 12, "gemeente": "Hengelo"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A real, seeded SQLite case database of its own."""
    from besliswijzer.storage.db import init_db

    url = f"sqlite:///{tmp_path_factory.mktemp('plan') / 'besliswijzer.db'}"
    init_db(url)
    return url


@pytest.fixture
def client(app, database, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database)
    return app.test_client()


def text_of(response):
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_the_plan_shows_profile_combinations_warnings_cases_and_checklist(client):
    advice = advice_module.advise(PROFILE)
    response = client.get("/plan?" + plan_query(PROFILE))
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Participatieplan</h1>" in html
    for shown in ("Ouderen", "Nieuwkomers", "Hengelo", "€ 15.000", "12 weken"):
        assert shown in html, shown
    assert html.count("Eerste keus: ") == 1
    assert html.count("Ook passend: ") == len(advice["combinaties"]) - 1
    for combo in advice["combinaties"]:
        assert combo["methode_naam"] in html
        assert combo["waarom"].split()[0] in html
    for warning in advice["waarschuwingen"]:
        assert re.sub(r"\s+", " ", warning).replace("'", "&#39;")[:40] in html
    assert "Terugkoppeling" in html and "Motiveringsplicht" in html
    for case in advice["casussen"]:
        assert str(escape(case["titel"][:30])) in html
    if any(c.get("voorbeeld") for c in advice["casussen"]):
        assert "verzonnen voorbeeld" in html


def test_the_plan_page_has_the_sections_of_a_municipal_participation_plan(client):
    html = text_of(client.get("/plan?" + plan_query(PROFILE)))
    headings = re.findall(r'<h2 id="kop-[a-z_]+">([^<]+)</h2>', html)
    assert headings[:14] == ["Aanleiding en doel", "Trede op de participatieladder", "Wat ligt vast en wat is open",
                             "Rol van raad en college", "Wettelijk kader", "Belanghebbenden en doelgroepen",
                             "Werkvormen en tools", "Communicatie", "Planning per fase", "Hoe inbreng wordt gewogen",
                             "Tijd en budget", "Terugkoppeling", "Evaluatie", "Voorbeelden"]
    assert '<mark class="plan__invullen">[in te vullen door u: ' in html


def test_the_plan_page_links_to_both_downloads_with_the_same_profile(client):
    html = client.get("/plan?" + plan_query(PROFILE)).get_data(as_text=True)
    links = re.findall(r'<a class="knop plan__download" href="([^"]+)" download>', html)
    assert [link.split("?")[0] for link in links] == ["/plan/download.docx", "/plan/download.odt"]
    assert all(link.split("?", 1)[1] == escape(plan_query(PROFILE)) for link in links)


def test_the_plan_is_the_same_advice_as_the_card(client):
    """advise() is deterministic: the plan lists the card's combinations in its order."""
    advice = advice_module.advise(PROFILE)
    html = text_of(client.get("/plan?" + plan_query(PROFILE)))
    positions = [html.index(c["methode_naam"]) for c in advice["combinaties"]]
    assert positions == sorted(positions)


def test_the_plan_has_a_print_stylesheet_and_no_inline_script(client):
    response = client.get("/plan?doelgroep=jongeren")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "/static/plan.css" in html
    css = client.get("/static/plan.css").get_data(as_text=True)
    assert "@media print" in css
    assert not re.search(r"\son[a-z]+\s*=", html)


@pytest.mark.parametrize("query, expected", [
    ("doelgroep=marsmannetjes", "marsmannetjes"),
    ("doelgroep=ouderen&schaal=heelal", "heelal"),
    ("schaal=wijk", "geen doelgroep"),
    ("", "geen doelgroep"),
    ("doelgroep=ouderen&budget_euro=veel", "budget"),
    ("doelgroep=ouderen&doorlooptijd_weken=-3", "doorlooptijd"),
    ("doelgroep=" + "x" * 500, "kloppen niet"),
])
def test_a_bad_link_gets_a_friendly_dutch_400_page(client, query, expected):
    response = client.get("/plan?" + query)
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    html = text_of(response)
    assert "Dit plan kunnen we niet maken" in html
    assert expected in html
    assert "Traceback" not in html


def test_html_in_the_link_is_escaped(client):
    response = client.get("/plan?doelgroep=ouderen&gemeente=%3Cscript%3Ealert(1)%3C/script%3E")
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html


def test_the_plan_says_what_it_does_for_inclusion_and_what_is_still_open(client):
    profile = {"doelgroep": ["omwonenden", "ouderen"], "thema": "energietransitie", "ruimte_voor_invloed": False,
               "onderwerp": "windpark", "doel": "begrip"}
    advice = advice_module.advise(profile)
    html = text_of(client.get("/plan?" + plan_query(profile)))
    assert "Wat het plan doet voor inclusie" in html
    for measure in advice["inclusie"]["maatregelen"]:
        assert measure.replace("'", "&#39;")[:40] in html
    assert "Waarover mensen nog kunnen meepraten" in html and "omgevingsfonds" in html
    assert "nee, het besluit is al genomen" in html
    assert advice["niveau"] == "informeren"


def test_a_bad_room_value_in_the_link_is_refused(client):
    assert client.get("/plan?doelgroep=ouderen&ruimte_voor_invloed=misschien").status_code == 400


def test_the_plan_links_each_case_to_its_sources_and_says_when_the_outcome_is_unknown(app):
    from flask import render_template

    from besliswijzer.plan.content import build_plan, split_fill_ins

    cases = [{"titel": "Burgerberaad Borne", "gemeente": "Borne", "voorbeeld": False, "uitkomst_bekend": "nee",
              "bronnen": [{"url": "https://www.borne.nl/burgerberaad", "titel": "Burgerberaad (gemeente Borne)"},
                          {"url": "javascript:alert(1)", "titel": "kwaad"}]},
             {"titel": "Wijkbudget Hoorn", "gemeente": "Hoorn", "voorbeeld": False, "uitkomst_bekend": "ja",
              "bronnen": [{"url": "https://www.hoorn.nl/wijkbudget", "titel": "Wijkbudget"}]}]
    advice = dict(advice_module.advise(PROFILE), casussen=cases)
    with app.test_request_context("/plan"):
        html = re.sub(r"\s+", " ", render_template("plan.html", plan=build_plan(PROFILE, advice), query="",
                                                   delen=split_fill_ins))
    assert '<a href="https://www.borne.nl/burgerberaad">Burgerberaad (gemeente Borne)</a>' in html
    assert '<a href="https://www.hoorn.nl/wijkbudget">Wijkbudget</a>' in html
    assert "javascript:" not in html and "kwaad" not in html
    assert html.count("Uitkomst niet bekend") == 1       # Borne only; Hoorn's outcome is known


def test_the_plan_shows_the_sources_of_the_cases_it_cites(client):
    advice = advice_module.advise(PROFILE)
    html = text_of(client.get("/plan?" + plan_query(PROFILE)))
    for case in advice["casussen"]:
        for source in case.get("bronnen") or []:
            assert f'href="{escape(source["url"])}"' in html
        if case.get("uitkomst_bekend") == "nee":
            assert "Uitkomst niet bekend" in html


def test_the_plan_shows_skills_pitfalls_and_sources_per_combination(client):
    advice = advice_module.advise(PROFILE)
    html = text_of(client.get("/plan?" + plan_query(PROFILE)))
    assert html.count("<h4>Wat uw team nodig heeft</h4>") == len(advice["combinaties"])
    assert html.count("Valkuilen</h4>") == len(advice["combinaties"])
    for combo in advice["combinaties"]:
        assert combo["vaardigheden"][0].replace("'", "&#39;") in html
        assert combo["valkuilen"][0].replace("'", "&#39;") in html
        assert f'href="{combo["bronnen"][0]["url"]}"'.replace("&", "&amp;") in html


def test_one_week_is_singular_in_the_plan(client):
    """A duration of one week reads '1 week', never '1 weken'."""
    profile = dict(PROFILE, doorlooptijd_weken=1)
    html = text_of(client.get("/plan?" + plan_query(profile)))
    assert "1 weken" not in html
    assert "<dd>1 week</dd>" in html


@pytest.mark.parametrize("soort, media_type", [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("odt", "application/vnd.oasis.opendocument.text"),
])
def test_the_plan_downloads_as_an_editable_document(client, soort, media_type):
    import io

    response = client.get(f"/plan/download.{soort}?" + plan_query(PROFILE))
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert response.headers["Content-Disposition"] == f'attachment; filename="participatieplan-hengelo.{soort}"'
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    data = io.BytesIO(response.get_data())
    if soort == "docx":
        import docx
        document = docx.Document(data)
        sections = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        text = "\n".join(p.text for p in document.paragraphs)
    else:
        from odfdo import Document
        document = Document(data)
        sections = [h.text for h in document.body.get_headers(outline_level=1)]
        text = document.get_formatted_text()
    assert sections[0] == "Aanleiding en doel" and "Wettelijk kader" in sections and "Voorbeelden" in sections
    assert advice_module.advise(PROFILE)["combinaties"][0]["methode_naam"] in text and "€ 15.000" in text


def test_a_download_with_a_bad_link_gets_the_friendly_dutch_page(client):
    response = client.get("/plan/download.docx?doelgroep=marsmannetjes")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "Dit plan kunnen we niet maken" in text_of(response)
    assert client.get("/plan/download.pdf?" + plan_query(PROFILE)).status_code == 404


def test_a_broken_template_of_the_installation_says_so_and_offers_print(make_app, database, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database)
    client = make_app(PLAN_DOCX_SJABLOON=str(tmp_path / "weg.docx")).test_client()
    response = client.get("/plan/download.docx?" + plan_query(PROFILE))
    assert response.status_code == 500
    assert "Print de pagina" in text_of(response) and "weg.docx" not in text_of(response)
    assert client.get("/plan/download.odt?" + plan_query(PROFILE)).status_code == 200
