"""Living-lab findings reach the advice: imports link free text to the catalogue, propose what they cannot
link, report per case what they linked, and warn when a case will not count as evidence.

tests/core/data/livinglab_heldout.yml holds ten real trajectories researched like the shared case file
but kept out of it: the mapping is never tuned on their exact words (synonyms are general terms)."""
from pathlib import Path

import pytest
import yaml

from besliswijzer.cases.fileformat import NO_METHOD, parse_cases
from besliswijzer.cases.store import get_case, import_cases, import_text
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.storage import db
from tests.support.cases import dump, finding
from tests.support.cli import run

HELDOUT = Path(__file__).parent / "data" / "livinglab_heldout.yml"


@pytest.fixture
def fresh_url(tmp_path, monkeypatch):
    """A database made from nothing, as a municipality's maintainer would start."""
    url = f"sqlite:///{tmp_path / 'vers.db'}"
    db.init_db(url)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_the_ten_heldout_living_lab_cases_import_each_linked_to_a_method(fresh_url):
    with db.session_scope(fresh_url) as session:
        report = import_cases(session, HELDOUT)
        ids = [r["id"] for r in yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))]
        cases = {i: get_case(session, i) for i in ids}
    assert len(report.nieuw) == 10
    for ident, case in cases.items():
        assert case["methodes"], ident
    assert "burgerbegroting" in cases["maastricht-burgerbegroting"]["methodes"]
    energy = cases["steenwijkerland-g1000-energieneutraal-2017"]
    assert energy["thema"] == "energietransitie" and "g1000" in energy["methodes"]
    lines = report.lines()
    assert "Gekoppeld aan de catalogus, per casus:" in lines
    assert any(line.startswith("- maastricht-burgerbegroting: 1 methode, 2 tools, ") for line in lines)
    assert not any("telt niet mee als bewijs" in w for w in report.waarschuwingen)


def test_the_heldout_themes_have_ids():
    records, errors, _ = parse_cases(HELDOUT.read_text(encoding="utf-8"), "yaml")
    themes = {r["id"]: r["themas"] for r in records}
    assert not errors and all(themes.values()), themes
    assert "begroting" in themes["maastricht-burgerbegroting"]
    assert themes["maastricht-burgerberaad-omgevingsvisie-2023"] == ["ruimtelijke_ordening"]
    assert "klimaatadaptatie" not in themes["steenwijkerland-g1000-energieneutraal-2017"]


@pytest.mark.parametrize("entity, text, ident", [
    ("methode", "inwoners via loting uitgenodigd", "geloot_panel"),
    ("methode", "wijkstemming over de ideeën", "burgerbegroting"),
    ("methode", "stemming op projecten in de buurt", "burgerbegroting"),
    ("methode", "drie buurtbudgetten in stadsdeel Noord", "wijkbudget"),        # plural with a doubled t
    ("methode", "G1000Enschede over vuurwerk", "g1000"),                       # a name glued to a place
    ("tool", "online ideeënplatform met stemmen", "e_participatieplatform"),
    ("thema", "omgevingsvisie / inrichting van de stad", "ruimtelijke_ordening"),
    ("thema", "energieneutraal in 2030", "energietransitie"),
    ("thema", "democratie en burgerschap", "lokale_democratie"),
    ("thema", "leefbaarheid van de wijk", "leefbaarheid"),
])
def test_case_texts_name_ids_in_general_words(entity, text, ident):
    from besliswijzer.cases.mapping import find_ids
    assert find_ids(entity, text, load_catalogue()) == [ident]


def test_a_case_linked_to_no_method_is_warned_it_will_not_count_as_evidence(session):
    text = dump(finding(titel="Koffie met de wijk", methoden=["iets heel anders"]))
    records, errors, warnings = parse_cases(text, "yaml")
    assert not errors and records[0]["methodes"] == []
    assert any(NO_METHOD in w and "Koffie met de wijk" in w for w in warnings)
    report = import_text(session, text)
    assert any("telt niet mee als bewijs" in w for w in report.waarschuwingen)


def test_unclear_text_is_proposed_and_linked_only_when_the_maintainer_confirms(tmp_path, fresh_url):
    case_file = tmp_path / "bevindingen.yml"
    case_file.write_text(dump(finding(titel="Nieuwe wijk", methoden=["een feestelijke burgerbegrotingsdag"])),
                         encoding="utf-8")
    review = tmp_path / "bevindingen.voorstel.yml"
    proposed = run("casus", "import", str(case_file), "--voorstel", url=fresh_url)
    assert proposed.returncode == 0, proposed.stderr
    assert "1 voorstel geschreven" in proposed.stdout and "nog niets ingelezen" in proposed.stdout
    entries = yaml.safe_load(review.read_text(encoding="utf-8"))["voorstellen"]
    assert [(e["voorstel"], e["akkoord"], e["tekst"]) for e in entries] == [
        ("burgerbegroting", "nee", "een feestelijke burgerbegrotingsdag")]
    not_confirmed = run("casus", "import", str(case_file), "--akkoord", str(review), url=fresh_url)
    case_id = next(line for line in not_confirmed.stdout.splitlines() if line.startswith("Nieuw: "))[7:]
    with db.session_scope(fresh_url) as session:
        assert get_case(session, case_id)["methodes"] == []          # a proposal is never a link on its own
    review.write_text(review.read_text(encoding="utf-8").replace("akkoord: nee", "akkoord: ja"), encoding="utf-8")
    confirmed = run("casus", "import", str(case_file), "--akkoord", str(review), "--bijwerken", url=fresh_url)
    assert confirmed.returncode == 0, confirmed.stderr
    with db.session_scope(fresh_url) as session:
        assert get_case(session, case_id)["methodes"] == ["burgerbegroting"]
