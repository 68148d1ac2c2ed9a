"""Importing living-lab findings in the free-text format of the shared case file: mapping, warnings, refusals,
stable ids, no silent replacement, removal, and a lossless round trip with sources."""
import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from besliswijzer.storage import db
from besliswijzer.cases.assessment import load_questions, save_evaluation
from besliswijzer.cases.store import delete_case, export_cases, get_case, import_cases, import_text
from besliswijzer.reference.datafiles import DATA_DIR
from besliswijzer.errors import CaseImportError, UnknownIdError
from besliswijzer.storage.models import AssessmentRow, CaseRow, CaseSource
from tests.support.cases import dump, finding
from tests.support.cli import run, run_inline

REAL = DATA_DIR / "casussen.yml"          # a copy of the shared file ../shared/data/echte-casussen.yml
DOCS_EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "voorbeeld-livinglab.yml"
NEXT_YEAR = dt.date.today().year + 1


def _count(session, model=CaseRow):
    return session.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture
def empty_session(db_url):
    """The seeded database without any case: a fresh case base."""
    with db.session_scope(db_url) as s:
        for row in s.execute(select(CaseRow)).scalars():
            s.delete(row)
    with db.session_scope(db_url) as s:
        yield s


def test_the_shared_file_imports_all_49_with_warnings(empty_session):
    report = import_cases(empty_session, REAL)
    assert len(report.nieuw) == 49 and report.total == 49
    assert report.lines()[0] == "49 casussen ingelezen: 49 nieuw, 0 bijgewerkt, 0 ongewijzigd."
    warnings = "\n".join(report.waarschuwingen)
    assert "'bewonersinitiatieven (breed)' is geen bekend thema; de tekst is bewaard" in warnings  # "bekend", not "bekende"
    assert "is geen bekende methode; de tekst is bewaard" in warnings
    assert _count(empty_session) == 49
    again = import_cases(empty_session, REAL)                   # the same file twice changes nothing
    assert len(again.ongewijzigd) == 49 and not again.nieuw and not again.bijgewerkt


def test_free_text_maps_onto_ids_and_keeps_the_text(empty_session):
    import_cases(empty_session, REAL)
    zwolle = get_case(empty_session, "zwolle-burgerberaad-klimaat-2023")
    assert "burgerberaad" in zwolle["methodes"] and "referendum" not in zwolle["methodes"]   # "stemming" is no referendum
    assert zwolle["thema"] in ("energietransitie", "klimaatadaptatie") and zwolle["niveau"] == "adviseren"
    assert zwolle["origineel"]["thema"] == "klimaat/energie"
    assert "gewogen loting (10.000 brieven + open inschrijving)" in zwolle["origineel"]["methoden"]
    assert (zwolle["jaar"], zwolle["jaar_tot"]) == (2023, 2024) and zwolle["periode"].startswith("2023-2024 (")
    assert zwolle["uitkomst_bekend"] == "ja" and "38 adviezen in stemming gebracht, 32 aangenomen" in zwolle["uitkomst"]
    assert zwolle["bronnen"][0] == {"url": "https://www.zwolle.nl/terugblik-burgerberaad-zwolle-dag-1",
                                    "titel": "Terugblik Burgerberaad Zwolle dag 1 (gemeente Zwolle)"}
    hoorn = get_case(empty_session, "hoorn-initiatievenmarkt-2021")
    assert "online_stemmen" in hoorn["tools"]
    repo_source = get_case(empty_session, "enschede-g1000-vuurwerk-2017")["bronnen"][-1]
    assert repo_source["repository"] == "maduoma/participedia-chatbot-app"
    assert repo_source["url"] == "https://github.com/maduoma/participedia-chatbot-app" and repo_source["pad"]


def test_a_record_without_source_gemeente_or_titel_refuses_the_whole_file(session):
    before = _count(session)
    no_source = finding(titel="Zonder bron", bronnen=[])
    no_gemeente = {**finding(titel="Zonder gemeente"), "gemeente": None}
    no_title = finding(titel=None)
    with pytest.raises(CaseImportError) as err:
        import_text(session, dump(finding(), no_source, no_gemeente, no_title))
    assert _count(session) == before                                   # the good first record is not stored
    assert "Casus 2 ('Zonder bron'), veld 'bronnen': ontbreekt" in err.value.message
    assert "Casus 3 ('Zonder gemeente'), veld 'gemeente': ontbreekt, maar is verplicht" in err.value.message
    assert "Casus 4, veld 'titel': ontbreekt, maar is verplicht" in err.value.message
    assert "Er is niets opgeslagen" in err.value.message


def test_ids_hold_gemeente_and_year_so_a_follow_up_is_a_new_case(session):
    report = import_text(session, dump(finding(jaar=2024)))
    follow_up = import_text(session, dump(finding(jaar=2025)))
    assert report.nieuw == ["enschede-2024-burgerberaad-over-de-wijkvernieuwing"]
    assert follow_up.nieuw == ["enschede-2025-burgerberaad-over-de-wijkvernieuwing"]
    assert get_case(session, report.nieuw[0])["jaar"] == 2024              # the 2024 case is still there


def test_an_existing_id_is_only_replaced_on_purpose(session):
    first = import_text(session, dump(finding()))
    case_id = first.nieuw[0]
    changed = dump(finding(uitkomst=["12 adviezen aangeboden; 10 overgenomen"], uitkomst_bekend="ja"))
    kept = import_text(session, changed)
    assert kept.overgeslagen == [case_id] and not kept.bijgewerkt
    assert "gebruik --bijwerken" in "\n".join(kept.lines())
    assert get_case(session, case_id)["uitkomst_bekend"] == "deels"
    updated = import_text(session, changed, bijwerken=True)
    assert updated.bijgewerkt == [case_id]
    assert get_case(session, case_id)["uitkomst"] == ["12 adviezen aangeboden; 10 overgenomen"]


def test_future_year_misspelt_gemeente_and_unknown_terms_are_reported(session):
    report = import_text(session, dump(finding(gemeente="Enschedee", jaar=NEXT_YEAR)))
    warnings = "\n".join(report.waarschuwingen)
    assert f"veld 'jaar': {NEXT_YEAR} ligt in de toekomst" in warnings
    assert "veld 'gemeente': 'Enschedee' staat niet in de lijst van gemeenten; bedoelt u Enschede?" in warnings
    assert "'wandelende gesprekken met een kunstenaar' is geen bekende methode; de tekst is bewaard" in warnings
    assert all(w.startswith("Casus 1 ('Burgerberaad over de wijkvernieuwing'), veld '") for w in report.waarschuwingen)
    case = get_case(session, report.nieuw[0])
    assert case["methodes"] == ["burgerberaad"] and case["tools"] == ["whatsapp_groep"]
    assert case["doelgroepen"] == ["ouderen", "inwoners"] and case["thema"] == "wonen"


def test_delete_removes_case_sources_and_assessments(session):
    case_id = import_text(session, dump(finding())).nieuw[0]
    sources = _count(session, CaseSource)
    delete_case(session, case_id)
    assert session.get(CaseRow, case_id) is None and _count(session, CaseSource) == sources - 1
    assert _count(session, AssessmentRow) == 0
    with pytest.raises(UnknownIdError) as err:
        delete_case(session, case_id)
    assert "ken ik niet als casus" in err.value.message


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_round_trip_of_the_real_cases_keeps_sources(session, tmp_path, fmt):
    own = save_evaluation(session, {q.id: 4 for q in load_questions()},
                          {"titel": "Wijkavonden", "gemeente": "Borne", "thema": "wonen",
                           "methodes": "keukentafelgesprekken en een wijkwandeling", "wat_gebeurde": "Vier avonden."})
    first = export_cases(session, fmt)
    assert own in first and "eigen_evaluatie" in first
    assert "https://www.zwolle.nl/terugblik-burgerberaad-zwolle-dag-1" in first
    assert "gewogen loting (10.000 brieven + open inschrijving)" in first          # the original text too
    path = tmp_path / f"export.{'csv' if fmt == 'csv' else 'yml'}"
    path.write_text(first, encoding="utf-8")
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    db.init_db(fresh)
    with db.session_scope(fresh) as other:
        for row in other.execute(select(CaseRow)).scalars():
            other.delete(row)
    with db.session_scope(fresh) as other:
        assert len(import_cases(other, path).nieuw) == 50
        assert export_cases(other, fmt) == first


def test_cli_import_toon_verwijder(db_url, tmp_path, capsys, monkeypatch):
    path = tmp_path / "lab.yml"
    path.write_text(dump(finding(gemeente="Enschedee")), encoding="utf-8")
    result = run("casus", "import", str(path), url=db_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 casus ingelezen: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd.")
    assert "Waarschuwingen (" in result.stdout and "bedoelt u Enschede?" in result.stdout
    shown = run_inline(capsys, monkeypatch, "casus", "toon", "zwolle-burgerberaad-klimaat-2023")
    assert shown.returncode == 0
    assert "https://www.zwolle.nl/terugblik-burgerberaad-zwolle-dag-1" in shown.stdout and "Uitkomst (bekend)" in shown.stdout
    unknown = run_inline(capsys, monkeypatch, "casus", "toon", "zwolle-mijnwijk-platform").stdout
    assert "Uitkomst (deels bekend)" in unknown
    case_id = "enschedee-2024-burgerberaad-over-de-wijkvernieuwing"
    assert run_inline(capsys, monkeypatch, "casus", "verwijder", case_id).stdout.strip() == \
        f"Casus {case_id} is verwijderd."
    gone = run_inline(capsys, monkeypatch, "casus", "toon", case_id)
    assert gone.returncode == 2 and "ken ik niet als casus" in gone.stderr


def test_the_example_file_for_maintainers_imports(session):
    """docs/voorbeeld-livinglab.yml, the example in docs/kennisbank.md, reads in as documented."""
    report = import_cases(session, DOCS_EXAMPLE)
    assert report.nieuw == ["hengelo-2025-wijkgesprekken-over-het-park-met-ouderen"]
    case = get_case(session, report.nieuw[0])
    assert case["methodes"] == ["keukentafelgesprek", "buurtwandeling"] and case["tools"] == ["kaartplatform"]
    assert case["doelgroepen"] == ["ouderen"] and case["thema"] == "openbare_ruimte" and case["niveau"] == "adviseren"
    assert case["periode"] == "2025 (maart t/m juni)" and case["bronnen"][0]["url"].startswith("https://")
    assert "'mantelzorgers' is geen bekende doelgroep; de tekst is bewaard" in "\n".join(report.waarschuwingen)
