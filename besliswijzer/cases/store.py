"""The case database: store, search, import and export living-lab cases."""
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, or_, select

from besliswijzer.cases.fileformat import FIELDS, SOURCE_KEYS, dump_csv, dump_yaml, parse_cases
from besliswijzer.cases.texts import licence_fields, origin_note, outcome_label
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.errors import BesliswijzerError, CaseImportError, UnknownIdError
from besliswijzer.cases.licence import default_licence, licence_of
from besliswijzer.storage.models import (PILLARS, CaseGroup, CaseMethod, CaseRow, CaseSource, CaseTombstone, CaseTool,
                                         utcnow)
from besliswijzer.advice.similarity import rank_similar, touch
from besliswijzer.text.dutch import getal

RELATIONS = ("doelgroepen", "methodes", "tools", "bronnen", "scores")


def _mean(values):
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 2) if values else None


def record_to_row(rec, row=None) -> CaseRow:
    """Fill a CaseRow from a checked record (the case file format, cases/fileformat.py; a missing field counts as empty)."""
    row = row or CaseRow(id=rec["id"])
    for name in FIELDS:
        if name not in ("id", *RELATIONS):
            setattr(row, name, rec.get(name))
    if rec.get("themas") is None:
        row.themas = [rec["thema"]] if rec.get("thema") else []
    row.beleidsfasen = list(rec.get("beleidsfasen") or [])
    row.voorbeeld, row.eigen_evaluatie = bool(rec.get("voorbeeld")), bool(rec.get("eigen_evaluatie"))
    scores = rec.get("scores") or {}
    for pillar in PILLARS:
        setattr(row, f"score_{pillar}", scores.get(pillar))
    row.totaal = _mean(scores.values())
    row.doelgroepen = [CaseGroup(doelgroep=g, positie=i) for i, g in enumerate(rec.get("doelgroepen") or [])]
    row.methodes = [CaseMethod(methode_id=m, positie=i) for i, m in enumerate(rec.get("methodes") or [])]
    row.tools = [CaseTool(tool_id=t, positie=i) for i, t in enumerate(rec.get("tools") or [])]
    row.bronnen = [CaseSource(positie=i, **{k: b.get(k) for k in SOURCE_KEYS})
                   for i, b in enumerate(rec.get("bronnen") or [])]
    return row


def row_to_record(row) -> dict:
    rec = {f: getattr(row, f, None) for f in FIELDS}
    rec["doelgroepen"] = [g.doelgroep for g in row.doelgroepen]
    rec["methodes"] = [m.methode_id for m in row.methodes]
    rec["tools"] = [t.tool_id for t in row.tools]
    rec["bronnen"] = [source_dict(b) for b in row.bronnen]
    rec["scores"] = {p: getattr(row, f"score_{p}") for p in PILLARS}
    rec["themas"] = list(row.themas or [])
    rec["beleidsfasen"] = list(row.beleidsfasen or [])
    for name in ("voorbeeld", "eigen_evaluatie"):
        rec[name] = bool(getattr(row, name))
    return rec


def source_dict(source) -> dict:
    """url and titel, plus repository and pad for a file in a public repository."""
    return {k: getattr(source, k) for k in SOURCE_KEYS if getattr(source, k) is not None}


def _summary(row) -> str:
    """One short line of what came out of it: the case's own summary, else its first concrete results."""
    if row.resultaat:
        return row.resultaat
    if not row.uitkomst and row.eigen_evaluatie and row.totaal is not None:
        # an own evaluation saved before its outcome was written out: its scores are its outcome
        return f"Eigen oordeel van het team: gemiddeld {getal(row.totaal)} van de 5"
    return "; ".join((row.uitkomst or [])[:2])


def case_dict(row) -> dict:
    """A case as in the contract's "casussen" payload (plus the facts a follow-up question may need)."""
    return {"id": row.id, "titel": row.titel, "gemeente": row.gemeente,
            "methodes": [m.methode_id for m in row.methodes], "tools": [t.tool_id for t in row.tools],
            "thema": row.thema, "doelgroepen": [g.doelgroep for g in row.doelgroepen],
            "resultaat": _summary(row), "voorbeeld": bool(row.voorbeeld),
            "eigen_evaluatie": bool(row.eigen_evaluatie), "bron": row.bron,
            "jaar": row.jaar, "jaar_tot": row.jaar_tot, "periode": row.periode, "land": row.land,
            "schaal": row.schaal, "niveau": row.niveau, "totaal": row.totaal,
            "bronnen": [source_dict(b) for b in row.bronnen],
            "uitkomst_bekend": row.uitkomst_bekend, "uitkomst": list(row.uitkomst or []),
            "wat_werkte": list(row.wat_werkte or []), "wat_niet": list(row.wat_niet or []),
            "aantal_deelnemers": row.aantal_deelnemers, "duur": row.duur, "kosten": row.kosten,
            "budget_te_verdelen": row.budget_te_verdelen, "opmerking": row.opmerking,
            "origineel": dict(row.origineel or {}),
            "licentie": licence_of(row), "herkomst": row.herkomst, "gedeeld": bool(row.gedeeld)}


def cases_payload(cases) -> dict:
    """The contract's casussen payload: each case with the display names of its ids and its outcome note
    in words, so a card says what the chat text says without rules of its own."""
    return {"type": "casussen", "casussen": [dict(case, **case_names(case)) for case in cases]}


def case_names(case, cat=None) -> dict:
    """The payload's additions to a case: the catalogue's names of its ids, the outcome note and, for a case
    followed from another installation, where it comes from."""
    cat = cat or load_catalogue()
    thema = case.get("thema")
    return {"thema_naam": cat.label("thema", thema) if thema else None,
            "methode_namen": [cat.label("methode", m) for m in case.get("methodes") or []],
            "tool_namen": [cat.label("tool", t) for t in case.get("tools") or []],
            "doelgroep_namen": [cat.label("doelgroep", g) for g in case.get("doelgroepen") or []],
            "uitkomst_tekst": outcome_label(case), "herkomst_tekst": origin_note(case), **licence_fields(case)}


@dataclass
class ImportReport:
    """What an import did, per case id. `overgeslagen`: existing ids left alone (no --bijwerken)."""
    nieuw: list = field(default_factory=list)
    bijgewerkt: list = field(default_factory=list)
    ongewijzigd: list = field(default_factory=list)
    overgeslagen: list = field(default_factory=list)
    waarschuwingen: list = field(default_factory=list)
    koppelingen: list = field(default_factory=list)     # per case: (id, methods, tools, themes) linked

    @property
    def total(self) -> int:
        return len(self.nieuw) + len(self.bijgewerkt) + len(self.ongewijzigd) + len(self.overgeslagen)

    def lines(self) -> list:
        """The report in Dutch, for the command line."""
        count = self.total
        out = [f"{count} casus{'sen' if count != 1 else ''} ingelezen: {len(self.nieuw)} nieuw, "
               f"{len(self.bijgewerkt)} bijgewerkt, {len(self.ongewijzigd)} ongewijzigd"
               + (f", {len(self.overgeslagen)} niet bijgewerkt" if self.overgeslagen else "") + "."]
        for title, ids in (("Nieuw", self.nieuw), ("Bijgewerkt", self.bijgewerkt), ("Ongewijzigd", self.ongewijzigd),
                           ("Niet bijgewerkt, want het id bestaat al met andere gegevens "
                            "(gebruik --bijwerken om te vervangen)", self.overgeslagen)):
            if ids:
                out.append(f"{title}: {', '.join(ids)}")
        if self.koppelingen:
            out.append("Gekoppeld aan de catalogus, per casus:")
            for ident, methods, tools, themes in self.koppelingen:
                counts = (_count(methods, "methode", "methodes"), _count(tools, "tool", "tools"),
                          _count(themes, "thema", "thema's"))
                out.append(f"- {ident}: {', '.join(counts)}")
        if self.waarschuwingen:
            out.append(f"Waarschuwingen ({len(self.waarschuwingen)}):")
            out.extend(f"- {w}" for w in self.waarschuwingen)
        return out


def _count(n, one, many) -> str:
    return f"{n} {one if n == 1 else many}"


def linked_counts(records) -> list:
    """(id, number of methods, tools, themes) each case is linked to: what an import reports per case."""
    return [(r["id"], len(r.get("methodes") or []), len(r.get("tools") or []),
             len(r.get("themas") or ([r["thema"]] if r.get("thema") else []))) for r in records]


def upsert_records(session, records, bijwerken=True, report=None, gedeeld=True, herkomst=None) -> ImportReport:
    """Add new cases; an existing id is replaced only with bijwerken=True. Identical cases stay untouched.

    gedeeld: whether new and replaced cases appear in the open feed; herkomst: the feed they were followed from
    (None: this installation's own)."""
    report = report or ImportReport()
    for rec in records:
        row = session.get(CaseRow, rec["id"])
        if row is None:
            row = record_to_row(rec)
            session.add(row)
            report.nieuw.append(rec["id"])
        elif row_to_record(row) == rec:
            report.ongewijzigd.append(rec["id"])
            continue
        elif bijwerken:
            record_to_row(rec, row)
            report.bijgewerkt.append(rec["id"])
        else:
            report.overgeslagen.append(rec["id"])
            continue
        row.gedeeld, row.herkomst, row.gewijzigd = bool(gedeeld) and herkomst is None, herkomst, utcnow()
        if herkomst is None:
            # A case that is back (or shared again) is no longer deleted for the followers.
            session.execute(delete(CaseTombstone).where(CaseTombstone.id == rec["id"]))
    if report.nieuw or report.bijgewerkt:
        touch(session)
    session.flush()
    return report


def _tombstone(session, case_id) -> None:
    """Tell followers that this shared case is gone (deleted or no longer shared)."""
    stone = session.get(CaseTombstone, case_id) or CaseTombstone(id=case_id)
    stone.gewijzigd = utcnow()
    session.add(stone)


def delete_case(session, case_id) -> None:
    """Remove a case with its groups, methods, tools, sources and assessments; a shared own case leaves a
    tombstone in the feed."""
    row = session.get(CaseRow, case_id)
    if row is None:
        raise UnknownIdError("casus", case_id, _close_ids(session, case_id))
    from besliswijzer.storage.models import AssessmentRow
    if row.gedeeld and row.herkomst is None:
        _tombstone(session, case_id)
    session.execute(delete(AssessmentRow).where(AssessmentRow.case_id == case_id))
    session.delete(row)
    touch(session)
    session.flush()


def share_case(session, case_id, gedeeld=True) -> bool:
    """Publish an own case in the open feed (or withdraw it); returns False when nothing changed."""
    row = session.get(CaseRow, case_id)
    if row is None:
        raise UnknownIdError("casus", case_id, _close_ids(session, case_id))
    if row.herkomst is not None:
        raise BesliswijzerError(f"Casus {case_id} komt uit de casusbasis van {row.herkomst}. "
                                "Die deelt u niet opnieuw; wie hem wil, volgt die bron zelf.")
    if bool(row.gedeeld) == bool(gedeeld):
        return False
    row.gedeeld, row.gewijzigd = bool(gedeeld), utcnow()
    if gedeeld:
        session.execute(delete(CaseTombstone).where(CaseTombstone.id == case_id))
    else:
        _tombstone(session, case_id)
    session.flush()
    return True


def _close_ids(session, case_id):
    import difflib
    ids = list(session.execute(select(CaseRow.id)).scalars())
    return difflib.get_close_matches(case_id, ids, n=3, cutoff=0.5)


def _resolve(entity, value):
    if value in (None, ""):
        return None
    return load_catalogue().require(entity, value)


def search_cases(session, *, thema=None, schaal=None, doelgroep=None, methode=None, tool=None,
                 gemeente=None, regio=None, tekst=None, limit=5) -> list:
    """Cases matching every given filter; recorded cases before examples, best scored first.
    `regio` is a province or region ("Twente", "Overijssel"); see reference/places.py."""
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
    from besliswijzer.reference.places import load_regions

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
        raise UnknownIdError("casus", case_id, _close_ids(session, case_id))
    return case_dict(row)


def all_records(session) -> list:
    return [row_to_record(r) for r in session.execute(select(CaseRow).order_by(CaseRow.id)).scalars()]


def import_text(session, text, fmt="yaml", bijwerken=False, gedeeld=True, accepted=()) -> ImportReport:
    """All or nothing: check every record first; on any error nothing is written.

    gedeeld: whether the cases appear in the open feed; `accepted`: proposals the maintainer confirmed
    (cases/proposals.py), added before anything is written."""
    records, errors, warnings = parse_cases(text, fmt)
    if accepted:
        from besliswijzer.cases.proposals import apply_accepted
        missing = apply_accepted(records, accepted)
        errors += [f"Het voorstelbestand noemt casus '{c}', maar die staat niet in dit bestand" for c in missing]
    if errors:
        raise CaseImportError(errors)
    report = ImportReport(waarschuwingen=warnings, koppelingen=linked_counts(records))
    return upsert_records(session, records, bijwerken, report, gedeeld=gedeeld)


def read_case_file(path):
    """(text, format) of a case file, with a Dutch error when it cannot be read."""
    path = Path(path)
    fmt = "csv" if path.suffix.lower() == ".csv" else "yaml"
    try:
        return path.read_text(encoding="utf-8-sig"), fmt
    except FileNotFoundError:
        raise BesliswijzerError(f"Het bestand '{path}' bestaat niet.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BesliswijzerError(f"Het bestand '{path}' kan ik niet lezen ({exc.__class__.__name__}). "
                                "Sla het op als UTF-8-tekst.") from None


def import_cases(session, path, bijwerken=False, gedeeld=True, accepted=()) -> ImportReport:
    text, fmt = read_case_file(path)
    return import_text(session, text, fmt, bijwerken, gedeeld, accepted)


def propose_for(path, out=None, cat=None) -> tuple:
    """Write the review file of what a case file's free text may mean (nothing is imported).
    Returns (path written, number of proposals, the file's warnings)."""
    from besliswijzer.cases.proposals import review_path, review_text
    cat = cat or load_catalogue()
    text, fmt = read_case_file(path)
    proposals = []
    _, errors, warnings = parse_cases(text, fmt, cat, proposals)
    if errors:
        raise CaseImportError(errors)
    target = Path(out) if out else review_path(path)
    target.write_text(review_text(proposals, path, cat), encoding="utf-8")
    return target, len(proposals), warnings


def export_cases(session, fmt="yaml") -> str:
    if fmt not in ("yaml", "csv"):
        raise BesliswijzerError(f"Onbekend formaat '{fmt}'. Kies yaml of csv.")
    records = all_records(session)
    for rec in records:         # a licence that is not this installation's own travels on the case itself
        if not rec.get("licentie") and licence_of(rec) != default_licence():
            rec["licentie"] = licence_of(rec)
    return dump_csv(records) if fmt == "csv" else dump_yaml(records)


def case_facts(session, case_id) -> dict:
    """A case as in the payload plus how it was done (werving, wat er gebeurde, lessen): for follow-up questions."""
    row = session.get(CaseRow, case_id)
    if row is None:
        raise UnknownIdError("casus", case_id)
    return {**case_dict(row), **{k: getattr(row, k) for k in ("doel", "werving", "wat_gebeurde", "lessen")}}
