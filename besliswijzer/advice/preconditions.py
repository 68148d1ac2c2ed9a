"""Preconditions of an advice, read from what people type (data/voorwaarden.yml).

`infer(text)` finds facts the engine can use: is there room for influence, the goal, the
municipality's role, the weeks until the decision and the kind of project. `remaining_choices`
says what people can still have a say in once the main decision is taken, and `feasible_rung`
what rung the time allows (from the catalogue: the shortest method on each rung).
"""
import datetime
import re
from functools import lru_cache

from besliswijzer.reference.datafiles import read_yaml
from besliswijzer.errors import DataFileError
from besliswijzer.text.fold import fold
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.text.numbers import parse_duration_weeks

FILE = "voorwaarden.yml"
# A time rule gives a fixed number of weeks, the weeks until a month, or reads the duration it matched.
_TIME_KINDS = ("weken", "tot_maand", "lees_duur")


def _compile(where, patterns):
    if not isinstance(patterns, list) or not patterns:
        raise DataFileError(f"{FILE}, {where}: verwacht een lijst van patronen")
    try:
        return tuple(re.compile(p) for p in patterns)
    except (re.error, TypeError) as exc:
        raise DataFileError(f"{FILE}, {where}: een patroon klopt niet ({exc})") from None


def _choices(doc, kinds):
    choices = doc.get("resterende_keuzes") or {}
    if "algemeen" not in choices or any(k not in kinds and k != "algemeen" for k in choices):
        raise DataFileError(f"{FILE}, resterende_keuzes: noem 'algemeen' en alleen soorten uit 'onderwerp'")
    return {k: tuple(v) for k, v in choices.items()}


@lru_cache(maxsize=4)
def load_rules(data_dir=None) -> dict:
    doc = read_yaml(FILE, data_dir)
    if not isinstance(doc, dict):
        raise DataFileError(f"{FILE}: verwacht onderdelen met een naam")
    room = doc.get("ruimte_voor_invloed") or {}
    for section, allowed in load_catalogue().preconditions.items():
        unknown = set(doc.get(section) or {}) - set(allowed)
        if unknown:
            raise DataFileError(f"{FILE}, {section}: onbekend: {', '.join(sorted(unknown))}")
    times = []
    for i, entry in enumerate(doc.get("tijd") or []):
        if not isinstance(entry, dict) or sum(key in entry for key in _TIME_KINDS) != 1:
            raise DataFileError(f"{FILE}, tijd, regel {i + 1}: geef 'weken', 'tot_maand' of 'lees_duur'")
        times.append((_compile(f"tijd, regel {i + 1}", [entry.get("patroon")])[0], entry))
    kinds = {k: _compile(f"onderwerp, {k}", v) for k, v in (doc.get("onderwerp") or {}).items()}
    return {
        "nee": _compile("ruimte_voor_invloed, nee", room.get("nee")),
        "ja": _compile("ruimte_voor_invloed, ja", room.get("ja")),
        "doel": {k: _compile(f"doel, {k}", v) for k, v in (doc.get("doel") or {}).items()},
        "rol": {k: _compile(f"rol, {k}", v) for k, v in (doc.get("rol") or {}).items()},
        "tijd": tuple(times),
        "tijd_alleen_bij": _compile("tijd_alleen_bij", [doc.get("tijd_alleen_bij")])[0],
        "onderwerp": kinds,
        "resterende_keuzes": _choices(doc, kinds),
    }


def _first(mapping, text):
    for key, patterns in mapping.items():
        if any(p.search(text) for p in patterns):
            return key
    return None


def weeks_until(month: int, today: datetime.date, years_later: int = 0) -> int:
    """Whole weeks from today until the first day of `month` (13: the end of the year), at least 1;
    `years_later` for "eind volgend jaar"."""
    year = today.year
    target = datetime.date(year + 1, 1, 1) if month == 13 else datetime.date(year, month, 1)
    if target <= today:
        target = datetime.date(year + 1, month, 1) if month != 13 else datetime.date(year + 2, 1, 1)
    target = target.replace(year=target.year + years_later)
    return max(1, (target - today).days // 7)


def _weeks(entry: dict, match, today: datetime.date):
    """The weeks one time rule gives: a fixed number, until a month, or the duration it matched."""
    if "lees_duur" in entry:
        return parse_duration_weeks(match.group(0))
    return entry.get("weken") or weeks_until(entry["tot_maand"], today, entry.get("jaar_later", 0))


def infer(text: str, today: datetime.date = None, data_dir=None, about_decision: bool = False) -> dict:
    """Facts found in the text: ruimte_voor_invloed, doel, rol, doorlooptijd_weken, onderwerp.

    A moment ("voor de zomer") counts as the time until the decision only when the sentence speaks
    of a decision, or when `about_decision` says the question was about it."""
    rules = load_rules(data_dir)
    folded = " ".join(fold(text or "").split())
    facts = {}
    if any(p.search(folded) for p in rules["nee"]):
        facts["ruimte_voor_invloed"] = False   # the main decision is taken, even if details are open
    elif any(p.search(folded) for p in rules["ja"]):
        facts["ruimte_voor_invloed"] = True
    for key in ("doel", "rol", "onderwerp"):
        found = _first(rules[key], folded)
        if found:
            facts[key] = found
    if about_decision or rules["tijd_alleen_bij"].search(folded):
        for pattern, entry in rules["tijd"]:
            match = pattern.search(folded)
            weeks = match and _weeks(entry, match, today or datetime.date.today())
            if weeks:
                facts["doorlooptijd_weken"] = weeks
                break
    return facts


def remaining_choices(onderwerp=None, data_dir=None) -> list:
    """What people can still have a say in when the main decision is taken."""
    choices = load_rules(data_dir)["resterende_keuzes"]
    return list(choices.get(onderwerp) or choices["algemeen"])


def shortest_weeks(cat) -> dict:
    """Rung -> weeks of the shortest method on it (what the least participation on that rung takes)."""
    weeks = {}
    for method in cat.methods.values():
        for rung in method.rungs:
            weeks[rung] = min(weeks.get(rung, method.duration_weeks), method.duration_weeks)
    return weeks


def feasible_rung(niveau: str, weeks_available: int, cat):
    """The highest rung up to `niveau` that fits in the time, or None when even informing does not."""
    needed = shortest_weeks(cat)
    terms = cat.vocabulary["niveau"]
    rungs_at = sorted((t.rung, ident) for ident, t in terms.items() if t.rung <= terms[niveau].rung)
    for _, ident in reversed(rungs_at):
        if needed.get(ident) is not None and needed[ident] <= weeks_available:
            return ident
    return None
