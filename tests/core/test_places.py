"""Provinces and regions (data/regio.yml) and case search by region."""
import json
import shutil

import pytest

from besliswijzer.cases.store import case_ids_in, search_cases
from besliswijzer.reference.datafiles import DATA_DIR
from besliswijzer.errors import DataFileError, UnknownIdError
from besliswijzer.reference.places import GEMEENTEN_FILE
from besliswijzer.storage.models import CaseRow
from besliswijzer.reference.places import build_regions, load_regions


@pytest.fixture(scope="module")
def regions():
    return load_regions()


def test_every_recognised_municipality_has_a_province(regions):
    names = {line.split("|")[0].strip() for line in GEMEENTEN_FILE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    assert names - set(regions.province_of) == set()


def test_regions_name_their_source(regions):
    assert regions.sources and all(s["url"].startswith("https://") for s in regions.sources)
    assert any("Gebieden in Nederland" in s["titel"] for s in regions.sources)


@pytest.mark.parametrize("name, members, not_members", [
    ("Twente", {"Enschede", "Hengelo", "Dinkelland", "Tubbergen", "Borne"}, {"Zwolle", "Deventer"}),
    ("Achterhoek", {"Winterswijk", "Bronckhorst"}, {"Enschede"}),
    ("West-Friesland", {"Hoorn", "Medemblik"}, {"Den Helder", "Alkmaar"}),
    ("Kop van Noord-Holland", {"Den Helder", "Texel"}, {"Hoorn"}),
    ("Noord-Holland", {"Hoorn", "Den Helder", "Amsterdam"}, {"Utrecht"}),
    ("Overijssel", {"Zwolle", "Ommen", "Hardenberg", "Enschede"}, {"Hoorn"}),
])
def test_places_and_their_municipalities(regions, name, members, not_members):
    place = regions.place(name)
    assert members <= place.municipalities
    assert not (not_members & place.municipalities)


def test_find_places_in_free_text(regions):
    assert [p.name for p in regions.find("heb je er een uit Overijssel?")] == ["Overijssel"]
    assert [p.name for p in regions.find("burgerberaad in twente of de Achterhoek")] == ["Twente", "Achterhoek"]
    assert [p.name for p in regions.find("iets uit west-friesland")] == ["West-Friesland"]
    # Utrecht is also a municipality: only "provincie Utrecht" names the province
    assert regions.find("voorbeelden uit Utrecht") == []
    assert [p.id for p in regions.find("in de provincie Utrecht")] == ["utrecht"]
    assert regions.find("wat kwam daaruit?") == []


@pytest.mark.parametrize("text, municipalities, province", [
    ("Amsterdam (stadsdeel West)", {"Amsterdam"}, "noord_holland"),
    ("Bronckhorst (dorp Hengelo)", {"Bronckhorst"}, "gelderland"),       # not Hengelo in Twente
    ("Enschede en Hengelo (met Duitse partners)", {"Enschede", "Hengelo"}, "overijssel"),
    ("Provincie Gelderland", set(), "gelderland"),
    ("Uden (nu Maashorst)", {"Maashorst"}, "noord_brabant"),
    ("Den Haag", {"'s-Gravenhage"}, "zuid_holland"),
    ("meerdere (o.a. Amsterdam, Tilburg, Rotterdam; landelijk)", set(), None),
    ("Wichelen", set(), None),
])
def test_locate_the_free_text_place_of_a_case(regions, text, municipalities, province):
    assert regions.locate(text) == (frozenset(municipalities), province)


def test_nearby_is_the_region_else_the_province(regions):
    assert regions.nearby("Hengelo").name == "Twente"
    assert regions.nearby("hoorn").name == "West-Friesland"
    assert regions.nearby("Deventer").name == "Overijssel"
    assert regions.nearby("Nergenshuizen") is None


def _add(session, case_id, gemeente):
    session.add(CaseRow(id=case_id, titel=f"Test {case_id}", gemeente=gemeente, thema="wonen", voorbeeld=False))
    session.flush()


def test_search_by_region_and_province(session):
    _add(session, "t-borne", "Borne")
    _add(session, "t-ommen", "Ommen")
    _add(session, "t-gelderland", "Provincie Gelderland")
    _add(session, "t-bronckhorst", "Bronckhorst (dorp Hengelo)")
    twente = {c["id"] for c in search_cases(session, regio="Twente", limit=0)}
    assert "t-borne" in twente and not {"t-ommen", "t-bronckhorst", "t-gelderland"} & twente
    overijssel = {c["id"] for c in search_cases(session, regio="overijssel", limit=0)}
    assert {"t-borne", "t-ommen"} <= overijssel
    assert {"t-gelderland", "t-bronckhorst"} <= set(case_ids_in(session, "Gelderland"))
    assert "t-gelderland" not in case_ids_in(session, "Achterhoek")   # province-wide is not a region
    regions = load_regions()
    for case in search_cases(session, regio="Noord-Holland", limit=0):
        assert regions.contains(regions.place("Noord-Holland"), case["gemeente"])
    with pytest.raises(UnknownIdError) as err:
        search_cases(session, regio="Atlantis")
    assert "Atlantis" in err.value.message


def _broken(tmp_path, edit):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    path = target / "regio.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("Losser, Oldenzaal", "Losser, Oldenzaaal", 1), ["regio.yml", "twente", "Oldenzaaal"]),
    (lambda t: t.replace("  Zwolle: overijssel", "  Zwolle: overijsel", 1), ["regio.yml", "Zwolle", "overijsel"]),
    (lambda t: t.replace("Hoorn, Koggenland", "Hoorn, Zwolle, Koggenland", 1), ["west_friesland", "Zwolle", "provincie"]),
    (lambda t: t.replace("    bron: Plaatsengids, West-Friesland", "    bron: Wikipedia", 1), ["west_friesland", "bron"]),
    (lambda t: t.replace("url: https://www.cbs.nl", "url: www.cbs.nl", 1), ["regio.yml", "url"]),
    (lambda t: t.replace("[noord overijssel]", "[noord overijssel, twente]", 1), ["regio.yml", "twente", "één gebied"]),
])
def test_broken_region_file_names_file_and_field(tmp_path, edit, expected):
    with pytest.raises(DataFileError) as err:
        build_regions(_broken(tmp_path, edit))
    for word in expected:
        assert word in err.value.message


def test_cli_searches_by_region(db_url, capsys):
    from besliswijzer.cli import main
    from besliswijzer.storage.db import session_scope

    with session_scope(db_url) as s:
        _add(s, "t-tubbergen", "Tubbergen")
        _add(s, "t-hoorn", "Hoorn")
    assert main(["casus", "zoek", "--regio", "Twente", "--limiet", "0", "--json"]) == 0
    found = {c["id"] for c in json.loads(capsys.readouterr().out)["casussen"]}
    assert "t-tubbergen" in found and "t-hoorn" not in found
    assert main(["casus", "zoek", "--regio", "Atlantis"]) == 2
    assert "Atlantis" in capsys.readouterr().err


def test_cli_search_shows_sources_and_unknown_outcome(db_url, capsys):
    from besliswijzer.cli import main
    from besliswijzer.storage.db import session_scope

    with session_scope(db_url) as s:
        _add(s, "t-losser", "Losser")
    assert main(["casus", "zoek", "--gemeente", "Losser"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "t-losser" in out[0] and "(uitkomst niet bekend)" in out[0]
    assert out[1].strip() == "Bron: geen bron vermeld."
