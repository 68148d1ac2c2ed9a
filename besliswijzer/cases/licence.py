"""Which licence a case's facts are under (data/licenties.yml), and what that licence is called.

A case's own `licentie` (a URL) wins; a case whose sources' type, or one of whose sources, names
Participedia is CC BY-NC-SA 3.0; every other case carries this installation's licence for its own cases
(CASUS_LICENTIE, else the file's `standaard`). The feed publishes this URL per case; the texts name it,
with whom to credit (`naamsvermelding`) and what the licence asks of reuse (`voorwaarden`).
"""
from __future__ import annotations

import os
from functools import lru_cache

from besliswijzer.errors import DataFileError
from besliswijzer.reference.datafiles import read_yaml

__all__ = ["ENV_LICENCE", "attribution", "default_licence", "licence_name", "licence_of", "non_commercial", "terms"]

FILE = "licenties.yml"
ENV_LICENCE = "CASUS_LICENTIE"


@lru_cache(maxsize=1)
def _rules() -> dict:
    doc = read_yaml(FILE)
    if not isinstance(doc, dict) or not str(doc.get("standaard", "")).startswith("https://"):
        raise DataFileError(f"{FILE}: verwacht 'standaard' met het webadres van een licentie.")
    return {"standaard": doc["standaard"], "bron_type": dict(doc.get("bron_type") or {}),
            "namen": dict(doc.get("namen") or {}), "naamsvermelding": dict(doc.get("naamsvermelding") or {}),
            "voorwaarden": dict(doc.get("voorwaarden") or {})}


def default_licence() -> str:
    """The licence of this installation's own cases."""
    return os.environ.get(ENV_LICENCE, "").strip() or _rules()["standaard"]


def _getter(case):
    return case.get if isinstance(case, dict) else (lambda key: getattr(case, key, None))


def _mentions(case, word: str) -> bool:
    """Whether a case's kind of source (bron_type), its `bron` or one of its sources names `word`."""
    get = _getter(case)
    texts = [get("bron_type"), get("bron")]
    for source in get("bronnen") or ():
        pick = source.get if isinstance(source, dict) else (lambda key, s=source: getattr(s, key, None))
        texts += [pick(key) for key in ("url", "titel", "repository", "pad")]
    return word in " ".join(str(t) for t in texts if t).lower()


def licence_of(case) -> str:
    """The licence URL of a case (a dict with licentie, bron_type and bronnen, or a CaseRow)."""
    get = _getter(case)
    if get("licentie"):
        return get("licentie")
    for word, url in _rules()["bron_type"].items():
        if _mentions(case, word):
            return url
    return default_licence()


def attribution(case) -> str | None:
    """Whom a case's facts must credit ("Participedia (participedia.net)"), or None."""
    for word, name in _rules()["naamsvermelding"].items():
        if _mentions(case, word):
            return name
    return None


def non_commercial(url) -> bool:
    """Whether a Creative Commons licence allows non-commercial reuse only (BY-NC, BY-NC-SA, BY-NC-ND)."""
    return "/by-nc" in str(url or "")


def terms(url: str) -> str | None:
    """What a licence asks of whoever reuses the facts, in plain Dutch, or None when not recorded."""
    return _rules()["voorwaarden"].get(url) or _rules()["voorwaarden"].get(str(url).rstrip("/") + "/")


def licence_name(url: str) -> str:
    """'CC BY-NC-SA 3.0' for a known licence, else the address itself."""
    return _rules()["namen"].get(url) or _rules()["namen"].get(url.rstrip("/") + "/") or url
