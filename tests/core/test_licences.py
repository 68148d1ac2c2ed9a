"""Every case carries the licence of its facts (a URL, cases/licence.py); where it is not this installation's
own (Participedia's data: CC BY-NC-SA 3.0), the command line, the chat text, the payloads, the plan and the
export name it with its link, whom to credit and what it allows."""
import yaml
import pytest

from besliswijzer.advice.engine import advise
from besliswijzer.cases.licence import attribution, default_licence, licence_of
from besliswijzer.cases.store import cases_payload, export_cases, get_case, search_cases
from besliswijzer.cases.texts import case_detail, licence_line, source_line
from besliswijzer.payloads import problems
from besliswijzer.reference.datafiles import DATA_DIR
from tests.support.cli import run

CC = "https://creativecommons.org/licenses/by-nc-sa/3.0/"
LINE = (f"Licentie: CC BY-NC-SA 3.0 ({CC}), gegevens van Participedia (participedia.net); alleen niet-commercieel "
        "hergebruik, met naamsvermelding en onder dezelfde licentie.")
SHIPPED = yaml.safe_load((DATA_DIR / "casussen.yml").read_text(encoding="utf-8"))
# Facts from Participedia: by the kind of source, or by a source in its dataset (a repository file of it).
PARTICIPEDIA = [c["id"] for c in SHIPPED if "participedia" in f"{c.get('bron_type')} {c.get('bronnen')}".lower()]


def test_the_participedia_cases_are_recognised_by_kind_or_by_source():
    assert len([c for c in SHIPPED if c.get("bron_type") == "Participedia (dataset)"]) == 5
    assert "enschede-g1000-vuurwerk-2017" in PARTICIPEDIA          # one source is Participedia's dataset
    assert len(PARTICIPEDIA) >= 9
    for case in SHIPPED:
        expected = CC if case["id"] in PARTICIPEDIA else default_licence()
        assert licence_of(case) == expected, case["id"]
        assert (attribution(case) == "Participedia (participedia.net)") == (case["id"] in PARTICIPEDIA)


@pytest.mark.parametrize("case_id", PARTICIPEDIA)
def test_casus_toon_names_the_licence_on_a_line_of_its_own(db_url, case_id):
    result = run("casus", "toon", case_id, url=db_url)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("Licentie: ")] == [LINE]


def test_a_case_of_our_own_carries_its_licence_but_needs_no_line(session):
    case = get_case(session, "zwolle-burgerberaad-klimaat-2023")
    assert case["licentie"] == default_licence()
    assert licence_line(case) == "" and "Licentie:" not in case_detail(case)


def test_chat_text_and_card_payloads_name_the_licence(session):
    found = search_cases(session, methode="g1000", limit=0)
    licensed = [c for c in found if c["id"] in PARTICIPEDIA]
    assert licensed
    for case in licensed:
        assert source_line(case).endswith(LINE)                   # the chat's line per case
    payload = cases_payload(found)
    assert problems(payload) == []
    for case in payload["casussen"]:
        assert case["licentie"].startswith("https://creativecommons.org/")
        if case["id"] in PARTICIPEDIA:
            assert case["licentie_naam"] == "CC BY-NC-SA 3.0"
            assert case["licentie_tekst"].startswith("gegevens van Participedia (participedia.net); alleen niet-")
        else:
            assert case["licentie_tekst"] == ""


def test_the_advice_names_the_licence_of_the_similar_cases_it_shows(db_url):
    payload = advise({"doelgroep": ["inwoners"], "schaal": "gemeente", "gemeente": "Amersfoort", "niveau": "adviseren"})
    assert problems(payload) == []
    shown = {c["id"]: c for c in payload["casussen"]}
    assert shown and all(c["licentie"] and c["licentie_naam"] for c in shown.values())
    amersfoort = shown["amersfoort-g1000-2014"]
    assert amersfoort["licentie"] == CC and "Participedia" in amersfoort["licentie_tekst"]


def test_the_export_says_what_the_licence_allows_and_keeps_it(session):
    text = export_cases(session)
    header = [line for line in text.splitlines() if line.startswith("# Licentie:")]
    assert len(header) == 1 and CC in header[0] and "niet-commercieel" in header[0] and "Participedia" in header[0]
    records = {r["id"]: r for r in yaml.safe_load(text)["casussen"]}
    assert {i for i, r in records.items() if r["licentie"] == CC} == set(PARTICIPEDIA)
    assert "licentie" in export_cases(session, "csv").splitlines()[0].split(",")
