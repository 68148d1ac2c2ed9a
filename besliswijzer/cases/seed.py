"""Idempotent seed: catalogue rows and the real cases (data/casussen.yml) from the data files."""
from besliswijzer.cases.fileformat import parse_cases
from besliswijzer.cases.store import upsert_records
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.reference.datafiles import DATA_DIR
from besliswijzer.errors import DataFileError
from besliswijzer.storage.models import MethodRow, ToolRow
from besliswijzer.reference.places import load_regions


def _upsert_catalogue(session, model, items):
    for item in items:
        row = session.get(model, item.id) or model(id=item.id)
        row.naam, row.kanaal, row.kosten = item.name, item.channel, item.cost
        row.duur_weken, row.bereik = item.duration_weeks, item.reach
        session.add(row)


def seed(session):
    cat = load_catalogue()
    load_regions()        # regio.yml is checked here too: a broken file stops `db init`, not a later search
    _upsert_catalogue(session, MethodRow, cat.methods.values())
    _upsert_catalogue(session, ToolRow, cat.tools.values())
    session.flush()
    records, errors, _warnings = parse_cases((DATA_DIR / "casussen.yml").read_text(encoding="utf-8"), "yaml", cat)
    if errors:
        raise DataFileError("casussen.yml:\n" + "\n".join(errors))
    upsert_records(session, records, bijwerken=True)      # mapped again: new catalogue entries map on the next init
