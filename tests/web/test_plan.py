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
    assert html.count('class="plan__combinatie"') == len(advice["combinaties"])
    for combo in advice["combinaties"]:
        assert combo["methode_naam"] in html
        assert combo["waarom"].split()[0] in html
    for warning in advice["waarschuwingen"]:
        assert re.sub(r"\s+", " ", warning).replace("'", "&#39;")[:40] in html
    assert "Terugkoppeling" in html and "Motiveringsplicht" in html
    for case in advice["casussen"]:
        assert str(escape(case["titel"][:30])) in html
    if any(c.get("voorbeeld") for c in advice["casussen"]):
        assert 'class="label-voorbeeld">voorbeeld<' in html


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

    from besliswijzer.cases.texts import outcome_note, sources

    cases = [{"titel": "Burgerberaad Borne", "gemeente": "Borne", "voorbeeld": False, "uitkomst_bekend": "nee",
              "bronnen": [{"url": "https://www.borne.nl/burgerberaad", "titel": "Burgerberaad (gemeente Borne)"},
                          {"url": "javascript:alert(1)", "titel": "kwaad"}]},
             {"titel": "Wijkbudget Hoorn", "gemeente": "Hoorn", "voorbeeld": False, "uitkomst_bekend": "ja",
              "bronnen": [{"url": "https://www.hoorn.nl/wijkbudget", "titel": "Wijkbudget"}]}]
    advice = dict(advice_module.advise(PROFILE), casussen=cases)
    with app.test_request_context("/plan"):
        html = re.sub(r"\s+", " ", render_template("plan.html", advies=advice, profiel_rijen=[], label=str,
                                                   checklist=[], bronnen=sources, uitkomst_noot=outcome_note))
    assert '<a href="https://www.borne.nl/burgerberaad">Burgerberaad (gemeente Borne)</a>' in html
    assert '<a href="https://www.hoorn.nl/wijkbudget">Wijkbudget</a>' in html
    assert "javascript:" not in html and "kwaad" not in html
    assert html.count("uitkomst niet bekend") == 1       # Borne only; Hoorn's outcome is known


def test_the_plan_shows_the_sources_of_the_cases_it_cites(client):
    advice = advice_module.advise(PROFILE)
    html = text_of(client.get("/plan?" + plan_query(PROFILE)))
    for case in advice["casussen"]:
        for source in case.get("bronnen") or []:
            assert f'href="{escape(source["url"])}"' in html
        if case.get("uitkomst_bekend") == "nee":
            assert "uitkomst niet bekend" in html


def test_the_plan_shows_skills_pitfalls_and_sources_per_combination(client):
    advice = advice_module.advise(PROFILE)
    html = text_of(client.get("/plan?" + plan_query(PROFILE)))
    assert html.count("Wat uw team nodig heeft") == len(advice["combinaties"])
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
