"""The case database: store, search, import and export living-lab cases."""
from pathlib import Path

from sqlalchemy import func, or_, select

from .casefile import FIELDS, dump_csv, dump_yaml, parse_cases
from .catalogue import load_catalogue
from .errors import BesliswijzerError, CaseImportError, UnknownIdError
from .models import PILLARS, CaseGroup, CaseMethod, CaseRow, CaseTool
from .similarity import rank_similar, touch


def _mean(values):
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 2) if values else None


def record_to_row(rec, row=None) -> CaseRow:
    """Fill a CaseRow from a validated record (casefile format)."""
    row = row or CaseRow(id=rec["id"])
    for field in FIELDS:
        if field not in ("id", "doelgroepen", "methodes", "tools", "scores"):
            setattr(row, field, rec[field])
    for pillar in PILLARS:
        setattr(row, f"score_{pillar}", rec["scores"][pillar])
    row.totaal = _mean(rec["scores"].values())
    row.doelgroepen = [CaseGroup(doelgroep=g, positie=i) for i, g in enumerate(rec["doelgroepen"])]
    row.methodes = [CaseMethod(methode_id=m, positie=i) for i, m in enumerate(rec["methodes"])]
    row.tools = [CaseTool(tool_id=t, positie=i) for i, t in enumerate(rec["tools"])]
    return row


def row_to_record(row) -> dict:
    rec = {f: getattr(row, f, None) for f in FIELDS}
    rec["doelgroepen"] = [g.doelgroep for g in row.doelgroepen]
    rec["methodes"] = [m.methode_id for m in row.methodes]
    rec["tools"] = [t.tool_id for t in row.tools]
    rec["scores"] = {p: getattr(row, f"score_{p}") for p in PILLARS}
    rec["voorbeeld"] = bool(row.voorbeeld)
    return rec


def case_dict(row) -> dict:
    """A case as in the contract's "casussen" payload (plus a few extra fields)."""
    return {"id": row.id, "titel": row.titel, "gemeente": row.gemeente,
            "methodes": [m.methode_id for m in row.methodes], "tools": [t.tool_id for t in row.tools],
            "thema": row.thema, "doelgroepen": [g.doelgroep for g in row.doelgroepen],
            "resultaat": row.resultaat or "", "voorbeeld": bool(row.voorbeeld),
            "jaar": row.jaar, "schaal": row.schaal, "niveau": row.niveau, "totaal": row.totaal}


def cases_payload(cases) -> dict:
    return {"type": "casussen", "casussen": list(cases)}


def upsert_records(session, records) -> int:
    """Insert new cases and replace existing ones with the same id."""
    for rec in records:
        row = session.get(CaseRow, rec["id"])
        if row is None:
            session.add(record_to_row(rec))
        else:
            record_to_row(rec, row)
    touch(session)
    session.flush()
    return len(records)


def _resolve(entity, value):
    if value in (None, ""):
        return None
    return load_catalogue().require(entity, value)


def search_cases(session, *, thema=None, schaal=None, doelgroep=None, methode=None, tool=None,
                 gemeente=None, regio=None, tekst=None, limit=5) -> list:
    """Cases matching every given filter; recorded cases before examples, best scored first.
    `regio` is a province or region ("Twente", "Overijssel"); see regio.py."""
    query = select(CaseRow)
    if regio:
        query = query.where(CaseRow.id.in_(case_ids_in(session, regio)))
    if (thema := _resolve("thema", thema)):
        query = query.where(CaseRow.thema == thema)
    if (schaal := _resolve("schaal", schaal)):
        query = query.where(CaseRow.schaal == schaal)
    if (doelgroep := _resolve("doelgroep", doelgroep)):
        query = query.where(CaseRow.id.in_(select(CaseGroup.case_id).where(CaseGroup.doelgroep == doelgroep)))
    if (methode := _resolve("methode", methode)):
        query = query.where(CaseRow.id.in_(select(CaseMethod.case_id).where(CaseMethod.methode_id == methode)))
    if (tool := _resolve("tool", tool)):
        query = query.where(CaseRow.id.in_(select(CaseTool.case_id).where(CaseTool.tool_id == tool)))
    if gemeente:
        query = query.where(func.lower(CaseRow.gemeente) == " ".join(gemeente.split()).lower())
    if tekst:
        for word in tekst.lower().split():
            pattern = f"%{word}%"
            query = query.where(or_(*(func.lower(col).like(pattern) for col in (
                CaseRow.titel, CaseRow.gemeente, CaseRow.doel, CaseRow.wat_gebeurde, CaseRow.resultaat,
                CaseRow.lessen))))
    query = query.order_by(CaseRow.voorbeeld, CaseRow.totaal.desc().nullslast(), CaseRow.id)
    if limit:
        query = query.limit(limit)
    return [case_dict(row) for row in session.execute(query).scalars()]


def case_ids_in(session, place) -> list:
    """Ids of the cases whose place lies in a province, region or municipality (name or regio.Place)."""
    from .regio import load_regions

    regions = load_regions()
    if isinstance(place, str):
        found = regions.place(place)
        if found is None:
            raise UnknownIdError("provincie of regio", place, message=f"De regio '{place}' ken ik niet.")
        place = found
    rows = session.execute(select(CaseRow.id, CaseRow.gemeente)).all()
    return [case_id for case_id, gemeente in rows if regions.contains(place, gemeente)]


def similar_cases(session, profile, limit=3) -> list:
    """Cases most like the profile, each with "gelijkenis" (0-1)."""
    ranked = rank_similar(session, profile)[:limit]
    if not ranked:
        return []
    rows = {r.id: r for r in session.execute(
        select(CaseRow).where(CaseRow.id.in_([c.id for c in ranked]))).scalars()}
    return [dict(case_dict(rows[c.id]), gelijkenis=c.similarity) for c in ranked]


def get_case(session, case_id) -> dict:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise UnknownIdError("casus", case_id)
    return case_dict(row)


def all_records(session) -> list:
    return [row_to_record(r) for r in session.execute(select(CaseRow).order_by(CaseRow.id)).scalars()]


def import_text(session, text, fmt="yaml") -> int:
    """All or nothing: validate every record first; on any error nothing is written."""
    records, errors = parse_cases(text, fmt)
    if errors:
        raise CaseImportError(errors)
    return upsert_records(session, records)


def import_cases(session, path) -> int:
    path = Path(path)
    fmt = "csv" if path.suffix.lower() == ".csv" else "yaml"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BesliswijzerError(f"Het bestand '{path}' bestaat niet.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BesliswijzerError(f"Het bestand '{path}' kan ik niet lezen ({exc.__class__.__name__}). "
                                "Sla het op als UTF-8-tekst.") from None
    return import_text(session, text, fmt)


def export_cases(session, fmt="yaml") -> str:
    if fmt not in ("yaml", "csv"):
        raise BesliswijzerError(f"Onbekend formaat '{fmt}'. Kies yaml of csv.")
    records = all_records(session)
    return dump_csv(records) if fmt == "csv" else dump_yaml(records)
