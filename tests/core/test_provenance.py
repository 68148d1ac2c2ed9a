"""Where the figures that rank the advice come from: every value has a herkomst, and the case-derived ones match."""
import json
import subprocess
import sys

import pytest

from besliswijzer.errors import DataFileError
from besliswijzer.maintainers.case_figures import check_derived, derive_durations, lead_time_weeks
from besliswijzer.reference.catalogue import build_catalogue, load_catalogue
from besliswijzer.reference.provenance import FIELDS, describe, share_backed
from tests.support.data import broken_copy

SHAPES = {"bron": {"soort", "url", "titel", "citaat"}, "casussen": {"soort", "casussen"}, "schatting": {"soort"}}


@pytest.fixture(scope="module")
def catalogue_json():
    out = subprocess.run([sys.executable, "-m", "besliswijzer", "catalogus", "--json"], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_catalogus_json_gives_the_herkomst_of_the_four_values_of_every_method_and_tool(catalogue_json):
    items = catalogue_json["methodes"] + catalogue_json["tools"]
    assert len(items) == len(load_catalogue().methods) + len(load_catalogue().tools)
    for item in items:
        assert set(item["herkomst"]) == set(FIELDS), item["id"]
        for field, origin in item["herkomst"].items():
            assert set(origin) == SHAPES[origin["soort"]], (item["id"], field)
            if origin["soort"] == "bron":
                assert origin["url"].startswith(("https://", "http://")) and origin["titel"] and len(origin["citaat"]) > 20
            if origin["soort"] == "casussen":
                assert origin["casussen"]


def test_at_least_a_quarter_of_the_values_rests_on_a_source_or_on_cases():
    cat = load_catalogue()
    backed, total = share_backed([*cat.methods.values(), *cat.tools.values()])
    assert total == 4 * (len(cat.methods) + len(cat.tools))
    assert backed / total >= 0.25, f"{backed} van {total}"


@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("      bereik: {soort: schatting}\n", "", 1), ["methodes.yml", "herkomst", "bereik", "ontbreekt"]),
    (lambda t: t.replace("    herkomst:\n", "    herkomst_oud:\n", 1), ["methodes.yml", "informatiebijeenkomst",
                                                                        "herkomst", "ontbreekt"]),
    (lambda t: t.replace("      kosten: {soort: schatting}", "      kosten: {soort: gevoel}", 1), ["kosten", "gevoel"]),
    (lambda t: t.replace("        citaat: ", "        toelichting: ", 1), ["herkomst", "toelichting"]),
    (lambda t: t.replace("soort: casussen, casussen: [", "soort: casussen, casussen: [Niet Goed, ", 1),
     ["herkomst", "casussen"]),
])
def test_a_value_without_provenance_fails_validation_in_dutch(tmp_path, edit, expected):
    with pytest.raises(DataFileError) as err:
        build_catalogue(broken_copy(tmp_path, "methodes.yml", edit))
    for word in expected:
        assert word in err.value.message


def test_provenance_in_plain_dutch():
    cat = load_catalogue()
    assert describe(cat.methods["informatiebijeenkomst"].origin("kosten")) == "schatting"
    assert describe(cat.methods["burgerberaad"].origin("duur_weken")).startswith("uit ") \
        and describe(cat.methods["burgerberaad"].origin("duur_weken")).endswith(" casussen")
    assert describe(cat.methods["burgerberaad"].origin("kosten")).startswith("bron: Involve")


@pytest.mark.parametrize("text, weeks", [
    ("ca. 6 maanden, 5 bijeenkomsten", 26), ("2 dagen verspreid over 6 maanden", 26), ("5 dagen", None),
    ("1 dag + terugkomdag + werkgroepen", None), ("ca. 2,5 jaar", 52), ("doorlopend", None), (None, None),
    ("ca. een jaar tot de oprichting", 52), ("6 weken", 6),
])
def test_lead_time_of_a_case_is_weeks_months_or_years_never_meeting_days(text, weeks):
    assert lead_time_weeks(text) == weeks


def test_durations_from_cases_match_the_shipped_cases():
    """Every `soort: casussen` names exactly the cases whose title names the method, with their median."""
    assert check_derived() == []
    cat = load_catalogue()
    derived = derive_durations()
    claimed = {i.id for i in [*cat.methods.values(), *cat.tools.values()]
               if i.origin("duur_weken").kind == "casussen"}
    assert claimed == set(derived)          # what the cases give is used (cases first, then research)
    burgerberaad = derived["burgerberaad"]
    assert "zwolle-burgerberaad-klimaat-2023" in burgerberaad.cases       # "ca. 6 maanden"
    assert "noord-brabant-voedsel1000" not in burgerberaad.cases          # "5 dagen": meeting time
    assert "sudwest-fryslan-pwe-energie-2020" not in burgerberaad.cases   # the title names three methods
    assert cat.methods["burgerberaad"].duration_weeks == burgerberaad.value


def test_a_claim_the_cases_do_not_give_is_reported(tmp_path):
    data = broken_copy(tmp_path, "methodes.yml", lambda t: t.replace(
        "duur_weken: {soort: casussen, casussen: [", "duur_weken: {soort: casussen, casussen: [uden-g1000-2014, ", 1))
    findings = check_derived(build_catalogue(data))
    assert findings and "uden-g1000-2014" in findings[0] and "de casussen geven" in findings[0]
