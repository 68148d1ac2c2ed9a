"""Where the figures of a method or tool come from: a source, the shipped cases, or an editorial estimate.

`kosten`, `duur_weken`, `bereik` and `geschikt_voor` drive the advice, so each says where it comes from
(field `herkomst` in methodes.yml and tools.yml):

    {soort: bron, url: ..., titel: ..., citaat: ...}     a page that says it, with the words that say it
    {soort: casussen, casussen: [id, ...]}                derived from the shipped real cases (see
                                                          besliswijzer/maintainers/case_figures.py)
    {soort: schatting}                                    an editorial estimate

The catalogue loader reads them with `read_provenance`; the card, the plan and `catalogus` say them in
plain Dutch with `describe`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FIELDS", "KINDS", "Provenance", "read_provenance", "describe", "as_json", "share_backed"]

FIELDS = ("kosten", "duur_weken", "bereik", "geschikt_voor")
KINDS = ("bron", "casussen", "schatting")
FIELD_NAMES = {"kosten": "de kosten", "duur_weken": "de duur", "bereik": "het bereik",
               "geschikt_voor": "voor wie het extra goed werkt"}
CASE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
HOW = ("zeg waar de waarde vandaan komt: {soort: bron, url, titel, citaat}, "
       "{soort: casussen, casussen: [ids]} of {soort: schatting}")


@dataclass(frozen=True)
class Provenance:
    kind: str                   # bron | casussen | schatting
    url: str = None
    title: str = None
    quote: str = None
    cases: tuple = ()

    @property
    def backed(self) -> bool:
        """True when a source or real cases carry the value (not an estimate)."""
        return self.kind != "schatting"


def _text(value):
    return " ".join(value.split()) if isinstance(value, str) else None


def _entry(raw, fail, field) -> Provenance:
    where = f"herkomst.{field}"
    if not isinstance(raw, dict):
        fail(where, HOW)
    kind = raw.get("soort")
    if kind not in KINDS:
        fail(where, f"soort '{kind}' is onbekend; kies bron, casussen of schatting")
    allowed = {"bron": {"soort", "url", "titel", "citaat"}, "casussen": {"soort", "casussen"},
               "schatting": {"soort", "toelichting"}}[kind]
    extra = sorted(set(raw) - allowed)
    if extra:
        fail(where, f"onbekend veld {', '.join(extra)} bij soort {kind}")
    if kind == "bron":
        url, title, quote = _text(raw.get("url")), _text(raw.get("titel")), _text(raw.get("citaat"))
        if not url or not re.fullmatch(r"https?://\S+", url):
            fail(where, "een bron heeft een url die met http:// of https:// begint")
        if not title:
            fail(where, "een bron heeft een titel")
        if not quote:
            fail(where, "een bron heeft een citaat: de woorden op de pagina die de waarde dragen")
        return Provenance(kind, url=url, title=title, quote=quote)
    if kind == "casussen":
        ids = raw.get("casussen")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and CASE_ID.match(i) for i in ids):
            fail(where, "noem de ids van de casussen waaruit de waarde komt (een lijst, minstens één)")
        return Provenance(kind, cases=tuple(ids))
    return Provenance(kind)


def read_provenance(raw, fail) -> tuple:
    """The item's `herkomst` as ((field, Provenance), ...) in FIELDS order.

    `fail(field, problem)` raises the loader's DataFileError (it names file, item and field)."""
    if not isinstance(raw, dict):
        fail("herkomst", f"ontbreekt; elke waarde van {', '.join(FIELDS)} heeft een herkomst: {HOW}")
    missing = [f for f in FIELDS if f not in raw]
    if missing:
        fail("herkomst", f"{', '.join(missing)} {'ontbreekt' if len(missing) == 1 else 'ontbreken'}: {HOW}")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        fail("herkomst", f"onbekend veld {', '.join(unknown)}; herkomst gaat over {', '.join(FIELDS)}")
    return tuple((field, _entry(raw[field], fail, field)) for field in FIELDS)


def describe(origin: Provenance) -> str:
    """Plain Dutch for a card, a plan or the command line: 'schatting', 'uit 4 casussen', 'bron: titel'."""
    if origin is None or origin.kind == "schatting":
        return "schatting"
    if origin.kind == "casussen":
        count = len(origin.cases)
        return f"uit {count} casus{'sen' if count != 1 else ''}"
    return f"bron: {origin.title}"


def as_json(origin: Provenance) -> dict:
    """The contract's shape: {soort: bron, url, titel, citaat} | {soort: casussen, casussen} | {soort: schatting}."""
    if origin.kind == "bron":
        return {"soort": "bron", "url": origin.url, "titel": origin.title, "citaat": origin.quote}
    if origin.kind == "casussen":
        return {"soort": "casussen", "casussen": list(origin.cases)}
    return {"soort": "schatting"}


def share_backed(items) -> tuple:
    """(values backed by a source or cases, all values) over the items' herkomst."""
    origins = [origin for item in items for _, origin in item.provenance]
    return sum(1 for o in origins if o.backed), len(origins)
