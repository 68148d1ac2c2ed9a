"""Which licence a case's facts are under (data/licenties.yml), and what that licence is called.

A case's own `licentie` (a URL) wins; a case whose sources' type names Participedia is CC BY-NC-SA
3.0; every other case carries this installation's licence for its own cases (CASUS_LICENTIE, else
the file's `standaard`). The feed publishes this URL per case; the texts name it.
"""
from __future__ import annotations

import os
from functools import lru_cache

from besliswijzer.errors import DataFileError
from besliswijzer.reference.datafiles import read_yaml

__all__ = ["ENV_LICENCE", "default_licence", "licence_name", "licence_of"]

FILE = "licenties.yml"
ENV_LICENCE = "CASUS_LICENTIE"


@lru_cache(maxsize=1)
def _rules() -> dict:
    doc = read_yaml(FILE)
    if not isinstance(doc, dict) or not str(doc.get("standaard", "")).startswith("https://"):
        raise DataFileError(f"{FILE}: verwacht 'standaard' met het webadres van een licentie.")
    return {"standaard": doc["standaard"], "bron_type": dict(doc.get("bron_type") or {}),
            "namen": dict(doc.get("namen") or {})}


def default_licence() -> str:
    """The licence of this installation's own cases."""
    return os.environ.get(ENV_LICENCE, "").strip() or _rules()["standaard"]


def licence_of(case) -> str:
    """The licence URL of a case (a dict with licentie and bron_type, or a CaseRow)."""
    get = case.get if isinstance(case, dict) else (lambda key: getattr(case, key, None))
    if get("licentie"):
        return get("licentie")
    kind = (get("bron_type") or "").lower()
    for word, url in _rules()["bron_type"].items():
        if word in kind:
            return url
    return default_licence()


def licence_name(url: str) -> str:
    """'CC BY-NC-SA 3.0' for a known licence, else the address itself."""
    return _rules()["namen"].get(url) or _rules()["namen"].get(url.rstrip("/") + "/") or url
