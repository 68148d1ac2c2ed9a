"""The open case feed: this installation's shared cases as paged JSON-LD, for other installations to follow.

One page: {"@context": ..., "casussen": [...], "links": {"next": URL or null}}. A record holds the fields
of the export format (fileformat.FIELDS), its `licentie` (a URL) and `gewijzigd` (ISO 8601, UTC); a
deleted or withdrawn case is a tombstone {"id", "verwijderd": true, "gewijzigd"}. Records come oldest
change first, ordered by (gewijzigd, id), so a follower that keeps the newest `gewijzigd` it read can
ask for what changed since (`gewijzigd_sinds`). Only shared cases of this installation itself are
published: never a followed case, never a conversation, never an assessment's answers.
No framework here: web/feed.py serves it, docs/casusfeed.md defines every field.
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from sqlalchemy import and_, func, or_, select, true

from besliswijzer.cases.fileformat import ID_PATTERN
from besliswijzer.cases.licence import default_licence, licence_of
from besliswijzer.cases.store import row_to_record
from besliswijzer.errors import BesliswijzerError
from besliswijzer.storage.models import CaseRow, CaseTombstone

__all__ = ["CONTEXT", "DEFAULT_PAGE", "MAX_PAGE", "FeedQueryError", "dataset", "feed_page", "iso", "one_record",
           "parse_cursor", "parse_time"]

DEFAULT_PAGE, MAX_PAGE = 100, 500
SCHEMA = "https://schema.org/"
# JSON-LD: the Dutch keys mapped onto schema.org terms where one fits; other keys stay plain JSON.
CONTEXT = {
    "schema": SCHEMA,
    "casussen": "@graph",
    "id": "schema:identifier",
    "titel": "schema:name",
    "gemeente": "schema:spatialCoverage",
    "land": "schema:countryOfOrigin",
    "doel": "schema:description",
    "thema": "schema:about",
    "jaar": "schema:temporalCoverage",
    "bronnen": "schema:citation",
    "url": {"@id": "schema:url", "@type": "@id"},
    "licentie": {"@id": "schema:license", "@type": "@id"},
    "gewijzigd": {"@id": "schema:dateModified", "@type": "schema:DateTime"},
}


class FeedQueryError(BesliswijzerError):
    """A query parameter of the feed that cannot be read; the message is Dutch."""


def iso(moment: dt.datetime) -> str:
    """A stored (naive UTC) time as ISO 8601 with 'Z', to the microsecond."""
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_time(text: str, name: str = "gewijzigd_sinds") -> dt.datetime:
    """ISO 8601 (with Z, an offset, or none: then UTC) -> naive UTC. Raises FeedQueryError."""
    value = (text or "").strip()
    try:
        moment = dt.datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value)
    except ValueError:
        raise FeedQueryError(f"'{value[:40]}' bij {name} is geen tijd in ISO 8601, "
                             "zoals 2026-12-01T09:30:00Z.") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment


def parse_cursor(text: str):
    """`na` = "<gewijzigd>,<id>" (what links.next carries) -> (datetime, id)."""
    moment, sep, ident = (text or "").partition(",")
    if not sep or not ID_PATTERN.match(ident):
        raise FeedQueryError("De link naar de volgende pagina klopt niet. Begin opnieuw bij de eerste pagina.")
    return parse_time(moment, "na"), ident


def _record(row, base: str) -> dict:
    rec = row_to_record(row)
    return {"@id": f"{base}/{row.id}", **rec, "licentie": licence_of(row), "gewijzigd": iso(row.gewijzigd)}


def _tombstone(stone) -> dict:
    return {"id": stone.id, "verwijderd": True, "gewijzigd": iso(stone.gewijzigd)}


def _after(model, since, cursor):
    if cursor is not None:
        moment, ident = cursor
        return or_(model.gewijzigd > moment, and_(model.gewijzigd == moment, model.id > ident))
    if since is not None:
        return model.gewijzigd >= since
    return true()


def _published():
    return and_(CaseRow.gedeeld.is_(True), CaseRow.herkomst.is_(None))


def feed_page(session, base: str, since: dt.datetime = None, cursor=None, limit: int = DEFAULT_PAGE) -> dict:
    """One page of the feed. `base` is the feed's own URL (without query); `since` keeps what changed at or
    after that time; `cursor` (from links.next) continues after the last record of the previous page."""
    limit = max(1, min(int(limit), MAX_PAGE))
    cases = session.execute(select(CaseRow).where(_published(), _after(CaseRow, since, cursor))
                            .order_by(CaseRow.gewijzigd, CaseRow.id).limit(limit + 1)).scalars().all()
    stones = session.execute(select(CaseTombstone).where(_after(CaseTombstone, since, cursor))
                             .order_by(CaseTombstone.gewijzigd, CaseTombstone.id).limit(limit + 1)).scalars().all()
    merged = sorted([(c.gewijzigd, c.id, c) for c in cases] + [(s.gewijzigd, s.id, s) for s in stones],
                    key=lambda item: (item[0], item[1]))
    page, more = merged[:limit], len(merged) > limit
    items = [_record(obj, base) if isinstance(obj, CaseRow) else _tombstone(obj) for _, _, obj in page]
    following = None
    if more:
        last_moment, last_id, _ = page[-1]
        query = {"na": f"{iso(last_moment)},{last_id}"}
        if limit != DEFAULT_PAGE:
            query["aantal"] = str(limit)
        following = f"{base}?{urlencode(query)}"
    return {"@context": CONTEXT, "casussen": items, "links": {"next": following}}


def one_record(session, base: str, case_id: str):
    """One published case (or its tombstone) at its stable address; None when there is no such case."""
    row = session.get(CaseRow, case_id)
    if row is not None and row.gedeeld and row.herkomst is None:
        return {"@context": CONTEXT, **_record(row, base)}
    stone = session.get(CaseTombstone, case_id)
    return {"@context": CONTEXT, **_tombstone(stone)} if stone is not None else None


def dataset(session, base: str, publisher: str = "", card_url: str = "") -> dict:
    """A DCAT description of the feed as a dataset (JSON-LD)."""
    newest = [session.execute(select(func.max(model.gewijzigd)).where(where)).scalar()
              for model, where in ((CaseRow, _published()), (CaseTombstone, true()))]
    newest = max((n for n in newest if n is not None), default=None)
    count = session.execute(select(func.count()).select_from(CaseRow).where(_published())).scalar_one()
    described = {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/", "schema": SCHEMA},
        "@id": f"{base}/dataset",
        "@type": "dcat:Dataset",
        "dct:title": {"@value": "Casussen van participatietrajecten (besliswijzer)", "@language": "nl"},
        "dct:description": {"@value": (
            "Gedocumenteerde en geëvalueerde participatietrajecten van gemeenten: wat er gebeurde, met welke "
            "werkvormen en tools, wat eruit kwam, met bronnen. Per casus staat de licentie; casussen uit "
            "Participedia vallen onder CC BY-NC-SA 3.0. Geen persoonsgegevens, geen gesprekken."), "@language": "nl"},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
        "dct:license": {"@id": default_licence()},
        "dcat:keyword": ["participatie", "burgerparticipatie", "living lab", "gemeente", "casussen"],
        "schema:numberOfItems": count,
        "dcat:distribution": {
            "@type": "dcat:Distribution",
            "dcat:accessURL": {"@id": base},
            "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/application/ld+json"},
            "dct:format": "JSON-LD",
            "dct:description": {"@value": ("Gepagineerd (links.next), te filteren met ?gewijzigd_sinds=ISO8601; "
                                           "verwijderde casussen blijven als {id, verwijderd, gewijzigd}."),
                                "@language": "nl"},
        },
    }
    if newest is not None:
        described["dct:modified"] = {"@value": iso(newest), "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}
    if publisher:
        described["dct:publisher"] = {"@type": "foaf:Agent", "foaf:name": publisher}
    if card_url:
        described["dct:conformsTo"] = {"@id": card_url}
    return described
