"""Case search, similarity, import (all or nothing, Dutch errors) and export round trips."""
import pytest
from sqlalchemy import func, select

from besliswijzer.storage import db
from besliswijzer.cases.store import (cases_payload, export_cases, import_cases, search_cases, similar_cases)
from besliswijzer.errors import CaseImportError, UnknownIdError
from besliswijzer.storage.models import CaseRow
from besliswijzer.advice.profile import Profile
from tests.support.cases import GOOD


def _count(session):
    return session.execute(select(func.count()).select_from(CaseRow)).scalar_one()


def test_search_filters(example_session):
    session = example_session
    assert {c["thema"] for c in search_cases(session, thema="mobiliteit", limit=0)} == {"mobiliteit"}
    assert all(c["thema"] == "mobiliteit" for c in search_cases(session, thema="verkeer"))   # synonym
    assert all("straatgesprek" in c["methodes"] for c in search_cases(session, methode="straatgesprek"))
    assert all("sensoren" in c["tools"] for c in search_cases(session, tool="sensoren"))
    assert all("ouderen" in c["doelgroepen"] for c in search_cases(session, doelgroep="senioren", limit=0))
    in_hengelo = search_cases(session, gemeente="hengelo", limit=0)
    assert {c["gemeente"] for c in in_hengelo} == {"Hengelo"} and "vb-speelplek-buurt" in [c["id"] for c in in_hengelo]
    found = search_cases(session, schaal="kern", doelgroep="ouderen")
    assert [c["id"] for c in found] == ["vb-warmte-dorp"]
    assert search_cases(session, tekst="warmtenet")[0]["id"] == "vb-warmte-dorp"
    assert search_cases(session, thema="wonen", schaal="straat") == []
    assert len(search_cases(session, limit=3)) == 3


def test_search_case_has_payload_fields(session):
    case = search_cases(session, limit=1)[0]
    assert {"id", "titel", "gemeente", "methodes", "tools", "thema", "doelgroepen", "resultaat",
            "voorbeeld"} <= set(case)
    payload = cases_payload([case])
    assert payload["type"] == "casussen" and len(payload["casussen"]) == 1
    item = payload["casussen"][0]
    assert {k: v for k, v in item.items() if k in case} == case     # every field kept as it is
    assert set(item) - set(case) == {"thema_naam", "methode_namen", "tool_namen", "doelgroep_namen",
                                     "uitkomst_tekst", "herkomst_tekst",
                                     "licentie_naam", "licentie_tekst"}
    assert item["herkomst_tekst"] == ""                              # a shipped case is this installation's own


def test_search_unknown_filter_suggests(session):
    with pytest.raises(UnknownIdError) as err:
        search_cases(session, methode="enqute")
    assert "enquete" in err.value.suggestions


def test_recorded_cases_rank_before_examples(example_session, tmp_path):
    session = example_session
    path = tmp_path / "c.yml"
    path.write_text(GOOD, encoding="utf-8")
    import_cases(session, path)
    found = search_cases(session, thema="veiligheid")
    assert found[0]["id"] == "echt-lab-1" and found[0]["voorbeeld"] is False


def test_similar_cases_are_weighted_and_sorted(example_session):
    session = example_session
    profile = Profile.from_dict({"doelgroep": ["ouderen"], "thema": "energietransitie", "schaal": "kern",
                                 "niveau": "coproduceren", "gemeente": "Dinkelland"})
    found = similar_cases(session, profile, limit=3)
    assert found[0]["id"] == "vb-warmte-dorp" and found[0]["gelijkenis"] == 1.0
    assert [c["gelijkenis"] for c in found] == sorted((c["gelijkenis"] for c in found), reverse=True)
    assert all(0 <= c["gelijkenis"] < 1 for c in found[1:])


def test_import_yaml_adds_cases_and_normalises_synonyms(session, tmp_path):
    before = _count(session)
    path = tmp_path / "c.yml"
    path.write_text(GOOD, encoding="utf-8")
    report = import_cases(session, path)
    assert report.nieuw == ["echt-lab-1", "hoorn-2024-panel-over-afval"] and report.total == 2
    assert _count(session) == before + 2
    lab = search_cases(session, tekst="lantaarnpalen")[0]
    assert lab["methodes"] == ["living_lab", "straatgesprek"]
    assert lab["bronnen"] == [{"url": "https://example.org/lantaarnpalen", "titel": "Verslag van het living lab"}]
    panel = search_cases(session, tekst="afval")[0]
    assert panel["id"] == "hoorn-2024-panel-over-afval" and panel["thema"] == "openbare_ruimte"
    again = import_cases(session, path)                                             # same ids: nothing changes
    assert again.ongewijzigd == report.nieuw and not again.nieuw and _count(session) == before + 2


def test_import_is_all_or_nothing_with_dutch_errors(session, tmp_path):
    bad = GOOD + """
  - titel: Kapotte casus
    gemeente: Borne
    thema: verkeerr
    jaar: tweeduizend
    methodes: [enquete, toverbal]
    scores: {effect: 7}
    kleur: rood
"""
    path = tmp_path / "bad.yml"
    path.write_text(bad, encoding="utf-8")
    before = _count(session)
    with pytest.raises(CaseImportError) as err:
        import_cases(session, path)
    assert _count(session) == before
    errors = err.value.errors
    assert all(e.startswith("Casus 3 ('Kapotte casus')") for e in errors)
    for field in ("'thema'", "'jaar'", "'methodes'", "'scores.effect'", "'kleur'"):
        assert any(f"veld {field}" in e for e in errors), field
    assert any("mobiliteit" in e for e in errors)          # suggestion for 'verkeerr'
    assert "niets opgeslagen" in err.value.message


def test_import_reports_duplicates_and_missing_fields(session, tmp_path):
    path = tmp_path / "dup.yml"
    path.write_text("casussen:\n  - {id: a, titel: A, gemeente: X, thema: wonen, bron: verslag}\n"
                    "  - {id: a, titel: B, gemeente: Y, thema: wonen, bron: verslag}\n  - {titel: C}\n",
                    encoding="utf-8")
    with pytest.raises(CaseImportError) as err:
        import_cases(session, path)
    text = "\n".join(err.value.errors)
    assert "Casus 2 ('B'), veld 'id'" in text
    assert "Casus 3 ('C'), veld 'gemeente': ontbreekt" in text and "Casus 3 ('C'), veld 'bronnen': ontbreekt" in text
    assert "veld 'thema'" not in text                   # a case without a known theme is a warning, not an error


def test_import_csv_with_semicolons(session, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id;titel;gemeente;thema;doelgroepen;methodes;score_effect;voorbeeld;bron\n"
                    "csv-1;Wijkgesprek;Almelo;wonen;ouderen|jongeren;keukentafelgesprek;4,5;nee;verslag\n",
                    encoding="utf-8")
    assert import_cases(session, path).nieuw == ["csv-1"]
    case = search_cases(session, tekst="wijkgesprek")[0]
    assert case["doelgroepen"] == ["ouderen", "jongeren"] and case["voorbeeld"] is False


def test_import_csv_errors_name_line_and_field(session, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("titel,gemeente,thema,deelnemers,bron\nGoed,Almelo,wonen,10,verslag\n"
                    "Fout,Almelo,wonen,-3,verslag\n", encoding="utf-8")
    with pytest.raises(CaseImportError) as err:
        import_cases(session, path)
    assert err.value.errors == ["Regel 3 ('Fout'), veld 'deelnemers': '-3' moet een heel getal van 0 tot en met "
                                "10000000 zijn"]


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_export_import_export_is_identical(session, tmp_path, seeded_db_file, fmt):
    extra = tmp_path / "extra.yml"
    extra.write_text(GOOD, encoding="utf-8")
    import_cases(session, extra)
    first = export_cases(session, fmt)
    path = tmp_path / f"export.{'csv' if fmt == 'csv' else 'yml'}"
    path.write_text(first, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    url = f"sqlite:///{fresh}"
    db.init_db(url)
    with db.session_scope(url) as other:
        import_cases(other, path)
        assert export_cases(other, fmt) == first


def test_case_index_sees_new_cases(session, tmp_path):
    from besliswijzer.advice.engine import advise
    profile = {"doelgroep": ["jongeren"], "thema": "veiligheid", "schaal": "wijk", "niveau": "coproduceren",
               "gemeente": "Enschede"}
    assert "echt-lab-1" not in [c["id"] for c in advise(profile, session=session)["casussen"]]
    path = tmp_path / "c.yml"
    path.write_text(GOOD, encoding="utf-8")
    import_cases(session, path)
    assert advise(profile, session=session)["casussen"][0]["id"] == "echt-lab-1"
