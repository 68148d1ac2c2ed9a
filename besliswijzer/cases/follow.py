"""Following another installation's case feed: `python -m besliswijzer casus volg URL`.

Two steps, so that a bad feed changes nothing. `fetch` reads every page of what changed since the
last pull (links.next on the same host only, a size limit per page and in all, a time limit) and
checks every record; any problem raises FollowError with a Dutch message before anything is
written. `apply` then writes in the caller's one transaction: new and changed cases of that origin,
tombstones of that origin removed, and the new position in the feed. A case of this installation, or
one followed from elsewhere, is never overwritten. Followed cases keep their origin (`herkomst`) and
licence, count as evidence like any case, and are not published again in this installation's feed.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import delete

from besliswijzer.cases.feed import iso, parse_time
from besliswijzer.cases.licence import licence_of
from besliswijzer.cases.fileformat import FIELDS, ID_PATTERN, LIST_FIELDS, TERM_FIELDS, parse_cases
from besliswijzer.cases.store import row_to_record, upsert_records
from besliswijzer.errors import BesliswijzerError
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.storage.models import AssessmentRow, CaseRow, FollowedFeed, utcnow

__all__ = ["FollowError", "FollowReport", "Limits", "apply", "feed_key", "fetch", "follow"]

# Re-read this much before the newest change already read: a case written in a transaction that
# committed late is not missed, and reading a record twice changes nothing.
OVERLAP = dt.timedelta(minutes=10)
CURSOR_PARAMS = ("gewijzigd_sinds", "na")


class FollowError(BesliswijzerError):
    """The feed cannot be followed now; nothing was changed. The message is Dutch."""


@dataclass(frozen=True)
class Limits:
    page_bytes: int = 5 * 1024 * 1024          # one page of the feed
    total_bytes: int = 50 * 1024 * 1024        # all pages of one pull together
    pages: int = 1000
    timeout_s: float = 30.0


@dataclass
class Pulled:
    """What one pull read, checked: case records (fileformat records, plus licentie), tombstone ids, newest time."""
    records: list = field(default_factory=list)
    tombstones: list = field(default_factory=list)
    newest: dt.datetime = None
    warnings: list = field(default_factory=list)


@dataclass
class FollowReport:
    url: str
    nieuw: list = field(default_factory=list)
    bijgewerkt: list = field(default_factory=list)
    verwijderd: list = field(default_factory=list)
    overgeslagen: list = field(default_factory=list)     # an id that is this installation's own (or another origin's)
    ongewijzigd: int = 0
    waarschuwingen: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.nieuw or self.bijgewerkt or self.verwijderd)

    def lines(self) -> list:
        if not self.changed and not self.overgeslagen:
            out = [f"Gevolgd: {self.url}. Niets nieuws sinds de vorige keer."]
        else:
            out = [f"Gevolgd: {self.url}. {len(self.nieuw)} nieuw, {len(self.bijgewerkt)} bijgewerkt, "
                   f"{len(self.verwijderd)} verwijderd, {self.ongewijzigd} ongewijzigd"
                   + (f", {len(self.overgeslagen)} overgeslagen" if self.overgeslagen else "") + "."]
        for title, ids in (("Nieuw", self.nieuw), ("Bijgewerkt", self.bijgewerkt), ("Verwijderd", self.verwijderd),
                           ("Overgeslagen, want dit id is hier al een eigen casus of komt van een andere bron",
                            self.overgeslagen)):
            if ids:
                shown = ", ".join(ids[:10]) + (f" en nog {len(ids) - 10}" if len(ids) > 10 else "")
                out.append(f"{title}: {shown}")
        if self.waarschuwingen:
            out.append(f"Waarschuwingen ({len(self.waarschuwingen)}):")
            out.extend(f"- {w}" for w in self.waarschuwingen)
        return out


def feed_key(url: str) -> str:
    """The feed's address as its origin is stored: http(s) only, without fragment and paging parameters."""
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FollowError(f"'{text[:80]}' is geen webadres van een casusfeed. Geef het hele adres, zoals "
                          "https://besliswijzer.gemeente.nl/api/casussen")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k not in CURSOR_PARAMS])
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path.rstrip("/") or "/", query, ""))


def _with_since(url: str, since: dt.datetime) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query) + [("gewijzigd_sinds", iso(since))]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _get(url: str, limits: Limits, budget: int) -> bytes:
    """One page, at most min(page_bytes, budget) bytes; FollowError for anything but a readable 200."""
    import requests

    host = urlsplit(url).netloc
    cap = min(limits.page_bytes, budget)
    try:
        with requests.get(url, stream=True, timeout=limits.timeout_s, allow_redirects=False,
                          headers={"Accept": "application/ld+json, application/json"}) as response:
            if response.is_redirect and response.headers.get("Location"):
                raise FollowError(f"De feed op {host} verwijst door naar {response.headers['Location'][:200]}. "
                                  "Volg dat adres. Er is niets veranderd.")
            if response.status_code != 200:
                raise FollowError(f"De feed op {host} antwoordt met status {response.status_code}. "
                                  "Controleer het adres. Er is niets veranderd.")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise _too_large(host, limits)
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body.extend(chunk)
                if len(body) > cap:
                    raise _too_large(host, limits)
            return bytes(body)
    except requests.RequestException as exc:
        raise FollowError(f"De feed op {host} is niet bereikbaar ({exc.__class__.__name__}). "
                          "Probeer het later opnieuw. Er is niets veranderd.") from None


def _too_large(host: str, limits: Limits) -> FollowError:
    return FollowError(f"De feed op {host} is te groot (meer dan {limits.page_bytes // (1024 * 1024)} MB per pagina "
                       f"of {limits.total_bytes // (1024 * 1024)} MB in totaal). Er is niets veranderd.")


def _malformed(host: str, what: str) -> FollowError:
    return FollowError(f"De feed op {host} klopt niet: {what}. Er is niets veranderd.")


def _page(body: bytes, host: str) -> tuple:
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _malformed(host, "het antwoord is geen JSON") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("casussen"), list):
        raise _malformed(host, "er staat geen lijst 'casussen' in")
    links = doc.get("links") or {}
    following = links.get("next") if isinstance(links, dict) else None
    if following is not None and not isinstance(following, str):
        raise _malformed(host, "links.next is geen adres")
    return doc["casussen"], following


def _known_ids_only(raw: dict, cat, warnings: list) -> dict:
    """Vocabulary and catalogue ids this installation does not know are left out, with a warning."""
    clean = dict(raw)
    for name, entity in TERM_FIELDS.items():
        value = clean.get(name)
        if value not in (None, "") and cat.resolve(entity, str(value)) is None:
            warnings.append(f"Casus {raw.get('id')}: {entity} '{value}' ken ik hier niet; weggelaten.")
            clean[name] = None
    for name, entity in LIST_FIELDS.items():
        values = clean.get(name)
        if isinstance(values, list):
            kept = [v for v in values if cat.resolve(entity, str(v)) is not None]
            for value in values:
                if value not in kept:
                    warnings.append(f"Casus {raw.get('id')}: {entity} '{value}' ken ik hier niet; weggelaten.")
            clean[name] = kept
    return clean


def _check(items: list, host: str, pulled: Pulled, cat) -> None:
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise _malformed(host, f"record {i} is geen object")
        ident = item.get("id")
        if not isinstance(ident, str) or not ID_PATTERN.match(ident):
            raise _malformed(host, f"record {i} heeft geen geldig id")
        if not isinstance(item.get("gewijzigd"), str):
            raise _malformed(host, f"casus {ident} heeft geen 'gewijzigd'")
        try:
            moment = parse_time(item["gewijzigd"], "gewijzigd")
        except BesliswijzerError:
            raise _malformed(host, f"casus {ident} heeft geen geldige tijd bij 'gewijzigd'") from None
        pulled.newest = max(moment, pulled.newest) if pulled.newest else moment
        if item.get("verwijderd") is True:
            pulled.tombstones.append((moment, ident))
            continue
        licence = item.get("licentie")
        if not isinstance(licence, str) or not licence.startswith(("http://", "https://")):
            raise _malformed(host, f"casus {ident} heeft geen licentie (een webadres)")
        raw = _known_ids_only({k: item[k] for k in FIELDS if k in item}, cat, pulled.warnings)
        records, errors, _warnings = parse_cases(json.dumps({"casussen": [raw]}, ensure_ascii=False), "yaml", cat)
        if errors:
            raise _malformed(host, "; ".join(errors[:3]))
        pulled.records.append((moment, records[0]))


def fetch(url: str, since: dt.datetime = None, limits: Limits = Limits(), cat=None) -> Pulled:
    """Read and check every page of the feed from `since` on. Writes nothing; raises FollowError."""
    key = feed_key(url)
    parts = urlsplit(key)
    host = parts.netloc
    cat = cat or load_catalogue()
    pulled, budget, seen = Pulled(), limits.total_bytes, set()
    address = _with_since(key, since) if since else key
    for _ in range(limits.pages):
        if address in seen:
            raise _malformed(host, "links.next wijst terug naar een pagina die al gelezen is")
        seen.add(address)
        body = _get(address, limits, budget)
        budget -= len(body)
        items, following = _page(body, host)
        _check(items, host, pulled, cat)
        if not following:
            break
        nxt = urlsplit(following)
        if (nxt.scheme, nxt.netloc.lower()) != (parts.scheme, parts.netloc):
            raise _malformed(host, "links.next wijst naar een andere website")
        address = following
    else:
        raise _malformed(host, f"meer dan {limits.pages} pagina's")
    return pulled


def apply(session, url: str, pulled: Pulled) -> FollowReport:
    """Write what `fetch` read, in the caller's transaction. Never touches a case that is not from this feed."""
    key = feed_key(url)
    report = FollowReport(key, waarschuwingen=list(pulled.warnings))
    # In feed order; the last word about an id wins (a case changed, then deleted, within one pull).
    latest = {}
    for moment, rec in pulled.records:
        latest[rec["id"]] = (moment, rec)
    for moment, ident in pulled.tombstones:
        if ident not in latest or latest[ident][0] <= moment:
            latest[ident] = (moment, None)
    mine = []
    for ident, (_moment, rec) in latest.items():
        row = session.get(CaseRow, ident)
        if row is not None and row.herkomst != key:
            # Never overwrite a case that is not from this feed. The public cases every installation
            # ships arrive here too: the same case, so nothing to report.
            if rec is not None and dict(row_to_record(row), licentie=licence_of(row)) == rec:
                report.ongewijzigd += 1
            elif rec is not None:
                report.overgeslagen.append(ident)
            continue
        if rec is None:
            if row is not None:
                session.execute(delete(AssessmentRow).where(AssessmentRow.case_id == ident))
                session.delete(row)
                report.verwijderd.append(ident)
            continue
        mine.append(rec)
    result = upsert_records(session, mine, bijwerken=True, herkomst=key)
    report.nieuw, report.bijgewerkt = result.nieuw, result.bijgewerkt
    report.ongewijzigd += len(result.ongewijzigd)
    if report.verwijderd:
        from besliswijzer.advice.similarity import touch
        touch(session)
    state = session.get(FollowedFeed, key) or FollowedFeed(url=key)
    if pulled.newest and (state.gewijzigd_tot is None or pulled.newest > state.gewijzigd_tot):
        state.gewijzigd_tot = pulled.newest
    state.laatst_gehaald = utcnow()
    session.add(state)
    session.flush()
    return report


def follow(session, url: str, limits: Limits = Limits()) -> FollowReport:
    """One pull: what changed since the last one (with OVERLAP), checked in full, then written."""
    key = feed_key(url)
    state = session.get(FollowedFeed, key)
    since = state.gewijzigd_tot - OVERLAP if state is not None and state.gewijzigd_tot else None
    pulled = fetch(key, since, limits)
    return apply(session, key, pulled)
