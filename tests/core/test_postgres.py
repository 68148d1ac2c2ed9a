"""The case database on a real PostgreSQL server.

The server comes from TEST_POSTGRES_URL (scripts/postgres_test_server.sh starts a throwaway one). Every test
starts from an empty `public` schema in that database, so point it at a test database only. Where it helps,
the result is compared with the same step on the seeded SQLite copy of tests/conftest.py.
"""
import os
import socket

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url

from besliswijzer.storage import db
from besliswijzer.advice.engine import advise
from besliswijzer.cases.assessment import evaluate, save_assessment
from besliswijzer.cases.store import export_cases, get_case, import_cases, search_cases
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.errors import DatabaseUnavailableError
from besliswijzer.storage.models import AssessmentRow
from besliswijzer.reference.datafiles import DATA_DIR
from tests.support.advice import YOUTH, ranking
from tests.support.cases import EXAMPLES, GOOD, answers
from tests.support.ci import need
from tests.support.cli import run, run_inline
from tests.support.database import head_revision, row_counts

PG_URL = os.environ.get("TEST_POSTGRES_URL", "").strip()
START_SERVER = "TEST_POSTGRES_URL=$(scripts/postgres_test_server.sh) && export TEST_POSTGRES_URL"
# The profile of tests/core/test_cases.py that matches example case vb-warmte-dorp on every field.
WARMTE = {"doelgroep": ["ouderen"], "thema": "energietransitie", "schaal": "kern", "niveau": "coproduceren",
          "gemeente": "Dinkelland"}


def _reset_schema(url):
    with db.get_engine(url).begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture
def pg_url(db_url, monkeypatch):
    """An empty PostgreSQL database; DATABASE_URL points at it (also for subprocesses).

    Depends on db_url (the SQLite copy) so that DATABASE_URL is set here last, whatever the test asks for.
    """
    need(bool(PG_URL), f"TEST_POSTGRES_URL is not set. Start a test server with: {START_SERVER}")
    if "test" not in (make_url(PG_URL).database or ""):
        pytest.fail("TEST_POSTGRES_URL must name a test database (name with 'test'): each test empties it")
    _reset_schema(PG_URL)
    monkeypatch.setenv("DATABASE_URL", PG_URL)
    return PG_URL


@pytest.fixture
def pg_seeded(pg_url):
    db.init_db(pg_url)
    return pg_url


@pytest.fixture
def pg_examples(pg_seeded):
    """The seeded PostgreSQL database plus the invented example cases (as example_url in tests/core/conftest.py)."""
    with db.session_scope(pg_seeded) as pg:
        import_cases(pg, EXAMPLES)
    return pg_seeded


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_db_init_twice_gives_the_same_rows(pg_url, db_url):
    first = run("db", "init", url=pg_url)
    assert first.returncode == 0, first.stderr
    u = make_url(pg_url)
    assert first.stdout.strip() == f"Database klaar: {u.host}:{u.port}/{u.database}"     # no password shown
    counts = row_counts(pg_url)
    cat = load_catalogue()
    assert counts[:2] == (len(cat.methods), len(cat.tools)) and counts[2] >= 12
    assert counts == row_counts(db_url)
    second = run("db", "init", url=pg_url)
    assert second.returncode == 0, second.stderr
    assert row_counts(pg_url) == counts
    assert {"methods", "tools", "cases", "case_doelgroepen", "case_methodes", "case_tools", "assessments",
            "revisie", "alembic_version"} <= set(inspect(db.get_engine(pg_url)).get_table_names())
    with db.get_engine(pg_url).connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one() == head_revision()


@pytest.mark.parametrize("filters", [
    {}, {"thema": "verkeer"}, {"methode": "straatgesprek"}, {"tool": "sensoren"}, {"doelgroep": "senioren"},
    {"gemeente": "HENGELO"}, {"schaal": "kern", "doelgroep": "ouderen"}, {"tekst": "Warmtenet"},
    {"thema": "wonen", "schaal": "straat"},
])
def test_search_gives_what_sqlite_gives(pg_examples, example_session, filters):
    with db.session_scope(pg_examples) as pg:
        found = search_cases(pg, limit=0, **filters)
    assert found == search_cases(example_session, limit=0, **filters)
    assert found or filters == {"thema": "wonen", "schaal": "straat"}


def test_search_filters_and_order(pg_examples, tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(GOOD, encoding="utf-8")
    with db.session_scope(pg_examples) as pg:
        import_cases(pg, path)
    with db.session_scope(pg_examples) as pg:
        assert [c["id"] for c in search_cases(pg, schaal="kern", doelgroep="senioren")] == ["vb-warmte-dorp"]
        assert {c["gemeente"] for c in search_cases(pg, gemeente="hengelo", limit=0)} == {"Hengelo"}
        assert search_cases(pg, tekst="WARMTENET")[0]["id"] == "vb-warmte-dorp"      # case-insensitive
        assert search_cases(pg, thema="wonen", schaal="straat") == []
        found = search_cases(pg, thema="veiligheid", limit=0)
        assert found[0]["id"] == "echt-lab-1" and found[0]["voorbeeld"] is False    # scored cases first
        assert found[0]["totaal"] == 3.62 and found[-1]["voorbeeld"] is True        # examples last
        assert len(search_cases(pg, limit=3)) == 3


def test_advice_uses_similar_cases_from_postgres(pg_examples, example_session, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", pg_examples)      # example_session pointed it at its SQLite copy
    payload = advise(WARMTE)                     # opens its own session on DATABASE_URL, i.e. PostgreSQL
    assert payload["casussen"][0]["id"] == "vb-warmte-dorp" and payload["casussen"][0]["gelijkenis"] == 1.0
    assert not any("casussen kon ik nu niet ophalen" in w for w in payload["waarschuwingen"])
    assert payload == advise(WARMTE, session=example_session)
    enschede = {"doelgroep": ["jongeren"], "thema": "veiligheid", "schaal": "wijk", "niveau": "coproduceren",
                "gemeente": "Enschede"}
    assert "echt-lab-1" not in [c["id"] for c in advise(enschede)["casussen"]]
    path = tmp_path / "c.yml"
    path.write_text(GOOD, encoding="utf-8")
    with db.session_scope(pg_examples) as pg:
        import_cases(pg, path)
    assert advise(enschede)["casussen"][0]["id"] == "echt-lab-1"     # the cached case index saw the import


def test_casus_import_export_round_trip(pg_seeded, session, tmp_path, capsys, monkeypatch):
    path = tmp_path / "nieuw.yml"
    path.write_text(GOOD, encoding="utf-8")
    imported = run("casus", "import", str(path), url=pg_seeded)          # a real `python -m besliswijzer`
    assert imported.returncode == 0 and "2 casussen ingelezen: 2 nieuw" in imported.stdout, imported.stderr
    first = {fmt: run_inline(capsys, monkeypatch, "casus", "export", "--formaat", fmt) for fmt in ("yaml", "csv")}
    assert all(r.returncode == 0 for r in first.values())
    assert "echt-lab-1" in first["yaml"].stdout and first["csv"].stdout.startswith("id,titel,gemeente")
    import_cases(session, path)                  # the same cases in SQLite export to the same text
    assert first["yaml"].stdout == export_cases(session, "yaml")
    assert first["csv"].stdout == export_cases(session, "csv")

    exported = tmp_path / "export.yml"
    exported.write_text(first["yaml"].stdout, encoding="utf-8")
    _reset_schema(pg_seeded)
    assert run_inline(capsys, monkeypatch, "db", "init").returncode == 0
    assert run_inline(capsys, monkeypatch, "casus", "import", str(exported)).returncode == 0
    again = run("casus", "export", url=pg_seeded)
    assert again.returncode == 0 and again.stdout == first["yaml"].stdout
    assert run_inline(capsys, monkeypatch, "casus", "export", "--formaat", "csv").stdout == first["csv"].stdout


def test_save_assessment_on_postgres(pg_seeded):
    meta = {"titel": "Wijkgesprekken Noord", "gemeente": "Enschede", "thema": "zorg welzijn",
            "methodes": ["keukentafelgesprek"], "doelgroepen": ["ouderen"]}
    given = answers(4, bereik=2)
    with db.session_scope(pg_seeded) as pg:
        case_id = save_assessment(pg, given, meta)
        second = save_assessment(pg, answers(3), meta)
    assert second != case_id
    with db.session_scope(pg_seeded) as pg:         # a new session: the rows were committed
        case = get_case(pg, case_id)
        assert case["titel"] == "Wijkgesprekken Noord" and case["voorbeeld"] is False
        assert case["thema"] == "zorg_welzijn" and case["methodes"] == ["keukentafelgesprek"]
        row = pg.execute(select(AssessmentRow).where(AssessmentRow.case_id == case_id)).scalar_one()
        assert row.totaal == evaluate(given)["totaal"] and row.aangemaakt is not None
        assert {case_id, second} <= {c["id"] for c in search_cases(pg, tekst="wijkgesprekken", limit=0)}


def test_empty_database_asks_for_db_init(pg_url, capsys, monkeypatch):
    with pytest.raises(DatabaseUnavailableError) as err:
        with db.session_scope(pg_url) as pg:
            search_cases(pg)
    assert "db init" in err.value.message
    result = run_inline(capsys, monkeypatch, "casus", "lijst")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Fout: De casusdatabase is er nog niet.")


def test_unreachable_postgres_gives_a_dutch_error(monkeypatch):
    """No server needed: a port on which nothing listens."""
    url = f"postgresql://besliswijzer:geheim-wachtwoord@127.0.0.1:{_free_port()}/besliswijzer_test"
    with pytest.raises(DatabaseUnavailableError) as err:
        with db.session_scope(url) as pg:
            search_cases(pg)
    assert err.value.message == db.MSG_DOWN
    with pytest.raises(DatabaseUnavailableError) as err:
        db.init_db(url)
    assert err.value.message == db.MSG_DOWN
    result = run("casus", "lijst", url=url)
    assert result.returncode == 2 and result.stderr == f"Fout: {db.MSG_DOWN}\n"
    monkeypatch.setenv("DATABASE_URL", url)
    payload = advise(WARMTE)                     # advice without cases, and says why
    assert payload["casussen"] == [] and len(payload["combinaties"]) >= 3
    assert any(db.MSG_DOWN in w for w in payload["waarschuwingen"])
    assert not any("geheim" in w for w in payload["waarschuwingen"])


def test_wrong_password_gives_a_dutch_error(pg_seeded):
    url = make_url(pg_seeded).set(password="fout-wachtwoord").render_as_string(hide_password=False)
    with pytest.raises(DatabaseUnavailableError) as err:
        with db.session_scope(url) as pg:
            search_cases(pg)
    assert err.value.message == db.MSG_DOWN and "fout-wachtwoord" not in err.value.message


def test_missing_server_database_asks_the_administrator(pg_seeded):
    """`db init` cannot create a database on a server, so it must not tell the user to run it first."""
    url = make_url(pg_seeded).set(database="bestaat_niet_test").render_as_string(hide_password=False)
    with pytest.raises(DatabaseUnavailableError) as err:
        db.init_db(url)
    assert err.value.message == db.MSG_NO_SERVER_DATABASE
    assert "beheerder" in err.value.message


def test_real_cases_import_and_the_learning_loop_on_postgres(pg_seeded, monkeypatch):
    from besliswijzer.cases.assessment import load_questions, save_evaluation
    from besliswijzer.storage.models import CaseRow
    real = DATA_DIR / "casussen.yml"          # the project's copy of the real cases
    with db.session_scope(pg_seeded) as pg:
        for row in pg.execute(select(CaseRow)).scalars():
            pg.delete(row)
    with db.session_scope(pg_seeded) as pg:
        report = import_cases(pg, real)
        assert len(report.nieuw) == 49 and report.waarschuwingen
    with db.session_scope(pg_seeded) as pg:
        assert len(import_cases(pg, real).ongewijzigd) == 49
        assert get_case(pg, "enschede-g1000-vuurwerk-2017")["bronnen"][-1]["repository"]
    monkeypatch.setenv("DATABASE_URL", pg_seeded)
    before = ranking(advise(YOUTH))
    method = before[-1]
    with db.session_scope(pg_seeded) as pg:
        save_evaluation(pg, {q.id: 5 for q in load_questions()},
                        {"titel": "Jongeren in Kerkwijk", "gemeente": "Almelo", "thema": "veiligheid",
                         "schaal": "wijk", "niveau": "adviseren", "doelgroepen": ["jongeren"], "methodes": [method]})
    after = advise(YOUTH)
    assert ranking(after).index(method) < before.index(method)
    assert "'Jongeren in Kerkwijk' (Almelo)" in next(c["waarom"] for c in after["combinaties"] if c["methode"] == method)
