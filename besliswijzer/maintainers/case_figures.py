"""Figures of the catalogue that the shipped real cases give: how long a trajectory with a method took, and
who took part.

A case counts for a method when
- its title names that method and no other (the title says what the trajectory was: "Burgerberaad
  Klimaat Zwolle"), and the case is linked to it; a method that was only one step of a larger
  trajectory is not named in the title, and a title naming several methods ("hackathon, PWE en
  burgerforum") does not say which one took how long;
Its `duur_weken` comes from the cases whose `duur` gives a lead time in weeks, months or years ("ca. 6
maanden, 5 bijeenkomsten" is 26 weeks): the median, at most 52 weeks (the catalogue's value for standing
forms). Days and evenings are meeting time, not lead time ("1 dag", "5 zaterdagen"), and "doorlopend" is
no length: those cases do not count for the duration.
Its `geschikt_voor` comes from the groups that took part (the cases' linked `doelgroepen`): every group
named in at least half of those cases, most frequent first.

Where methodes.yml says `herkomst: duur_weken` or `geschikt_voor: {soort: casussen, casussen: [...]}`, the
ids and the value must be what these functions find (tests/core/test_provenance.py, `kennis controleer`).
The data prefer the cases for the duration and a source for the groups (a source says for whom a method
works especially well; the cases only show who took part).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from besliswijzer.cases.fileformat import parse_cases
from besliswijzer.cases.mapping import find_ids
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.reference.datafiles import DATA_DIR
from besliswijzer.text.fold import normalise

__all__ = ["Derived", "derive_durations", "derive_groups", "lead_time_weeks", "shipped_cases", "check_derived"]

MAX_WEEKS = 52
_UNIT = {"week": 1, "weken": 1, "maand": 52 / 12, "maanden": 52 / 12, "jaar": 52, "jaren": 52}
_NUMBER_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                 "negen": 9, "tien": 10, "twaalf": 12, "anderhalf": 1.5, "anderhalve": 1.5, "half": 0.5}
_LEAD_TIME = re.compile(r"(?<![\w,])(\d+(?:,\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s+(" + "|".join(_UNIT) + r")\b")


@dataclass(frozen=True)
class Derived:
    value: object       # weeks (duur_weken) or a tuple of doelgroep ids (geschikt_voor)
    cases: tuple        # case ids, sorted


def lead_time_weeks(text):
    """Weeks in the first lead time a case's `duur` gives ("ca. 5 maanden" -> 22); None for days or none."""
    if not text:
        return None
    match = _LEAD_TIME.search(normalise(str(text)))
    if not match:
        return None
    number, unit = match.groups()
    value = _NUMBER_WORDS.get(number) or float(number.replace(",", "."))
    return min(MAX_WEEKS, max(1, round(value * _UNIT[unit])))


def shipped_cases(cat=None) -> list:
    """The shipped real cases (data/casussen.yml) as checked records, mapped as `db init` maps them."""
    records, errors, _ = parse_cases((DATA_DIR / "casussen.yml").read_text(encoding="utf-8"), "yaml",
                                     cat or load_catalogue())
    if errors:
        raise ValueError("casussen.yml: " + "; ".join(errors))
    return records


def _by_title(records, cat) -> dict:
    """method id -> the real cases whose title names that method and no other (and that link to it)."""
    found = {}
    for rec in records:
        if rec.get("voorbeeld"):
            continue
        named = find_ids("methode", rec["titel"], cat)
        if len(named) == 1 and named[0] in (rec.get("methodes") or []):
            found.setdefault(named[0], []).append(rec)
    return found


def derive_durations(records=None, cat=None) -> dict:
    """method id -> Derived(median weeks, case ids) from the cases whose title names the method."""
    cat = cat or load_catalogue()
    records = shipped_cases(cat) if records is None else records
    out = {}
    for method, cases in _by_title(records, cat).items():
        pairs = [(r["id"], lead_time_weeks(r.get("duur"))) for r in cases]
        pairs = [(i, w) for i, w in pairs if w is not None]
        if pairs:
            out[method] = Derived(round(statistics.median(w for _, w in pairs)), tuple(sorted(i for i, _ in pairs)))
    return out


def derive_groups(records=None, cat=None) -> dict:
    """method id -> Derived(groups in at least half of its cases, case ids) from the cases whose title names it."""
    cat = cat or load_catalogue()
    records = shipped_cases(cat) if records is None else records
    out = {}
    for method, cases in _by_title(records, cat).items():
        cases = [r for r in cases if r.get("doelgroepen")]
        counts = Counter(g for r in cases for g in dict.fromkeys(r["doelgroepen"]))
        order = list(cat.ids("doelgroep"))
        groups = sorted((g for g, n in counts.items() if 2 * n >= len(cases)), key=lambda g: (-counts[g], order.index(g)))
        if groups:
            out[method] = Derived(tuple(groups), tuple(sorted(r["id"] for r in cases)))
    return out


def check_derived(cat=None, records=None) -> list:
    """Dutch findings where a `soort: casussen` herkomst does not match what the cases give."""
    cat = cat or load_catalogue()
    records = shipped_cases(cat) if records is None else records
    derived = {"duur_weken": derive_durations(records, cat), "geschikt_voor": derive_groups(records, cat)}
    findings = []
    for item in [*cat.methods.values(), *cat.tools.values()]:
        for field, origin in item.provenance:
            if origin.kind != "casussen":
                continue
            if field not in derived:
                findings.append(f"{item.id}: herkomst van '{field}' uit casussen kan de besliswijzer niet "
                                "nagaan; alleen de duur en de doelgroepen worden uit casussen afgeleid")
                continue
            got = derived[field].get(item.id)
            value = item.duration_weeks if field == "duur_weken" else tuple(item.suits)
            if got is None:
                findings.append(f"{item.id}: geen enkele casus geeft '{field}', maar de herkomst noemt casussen")
            elif tuple(sorted(origin.cases)) != got.cases or value != got.value:
                findings.append(f"{item.id}: {field} {value} uit {', '.join(origin.cases)}; "
                                f"de casussen geven {got.value} uit {', '.join(got.cases)}")
    return findings
