"""Weighted similarity between a profile and the cases (weights in data/regels.yml).

The cases are read once into an in-memory index and reused until the revision token in the database
changes (every write through this package changes it). An advice then costs one tiny query.
"""
import heapq
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select, update

from .catalogue import load_catalogue
from .models import CaseGroup, CaseMethod, CaseRow, RevisionRow

SCALE_ORDER = {"straat": 0, "buurt": 1, "wijk": 2, "kern": 2, "gemeente": 3, "regio": 4}
REVISION_KEY = "casussen"
_indexes = {}             # database url -> CaseIndex (only the newest token is kept)


@dataclass(frozen=True)
class ScoredCase:
    id: str
    titel: str
    gemeente: str
    voorbeeld: bool
    totaal: float
    similarity: float
    methodes: tuple = ()


@dataclass
class CaseIndex:
    token: str
    cases: list = field(default_factory=list)                        # tuples, see _load_index
    postings: dict = field(default_factory=lambda: defaultdict(list))  # (field, value) -> case positions


def touch(session):
    """Mark the cases as changed (call after every write to cases)."""
    session.execute(update(RevisionRow).where(RevisionRow.naam == REVISION_KEY)
                    .values(token=uuid.uuid4().hex))


def _load_index(session, token) -> CaseIndex:
    index = CaseIndex(token)
    position = {}
    groups, methods = defaultdict(list), defaultdict(list)
    for case_id, group in session.execute(select(CaseGroup.case_id, CaseGroup.doelgroep)):
        groups[case_id].append(group)
    for case_id, method in session.execute(
            select(CaseMethod.case_id, CaseMethod.methode_id).order_by(CaseMethod.case_id, CaseMethod.positie)):
        methods[case_id].append(method)
    rows = session.execute(select(CaseRow.id, CaseRow.titel, CaseRow.gemeente, CaseRow.thema, CaseRow.themas,
                                  CaseRow.schaal, CaseRow.niveau, CaseRow.totaal, CaseRow.voorbeeld)
                           .order_by(CaseRow.id))
    for r in rows:
        position[r.id] = len(index.cases)
        index.cases.append((r.id, r.titel, r.gemeente, bool(r.voorbeeld), r.totaal, tuple(methods[r.id])))
        themes = list(dict.fromkeys([t for t in [r.thema, *(r.themas or [])] if t]))   # a case may have several
        for key in (*(("thema", t) for t in themes), ("schaal", r.schaal), ("niveau", r.niveau),
                    ("gemeente", (r.gemeente or "").lower()), *(("doelgroep", g) for g in groups[r.id])):
            index.postings[key].append(position[r.id])
    return index


def case_index(session) -> CaseIndex:
    token = session.execute(select(RevisionRow.token).where(RevisionRow.naam == REVISION_KEY)).scalar()
    url = str(session.get_bind().url)
    index = _indexes.get(url)
    if index is None or index.token != token or token is None:
        index = _indexes[url] = _load_index(session, token)
    return index


def _neighbours(value, order):
    """Values next to `value` on an ordered scale (they count for half)."""
    return [v for v in order if v != value and abs(order[v] - order[value]) <= 1]


def rank_similar(session, profile, limit=40) -> list:
    """The `limit` cases most like the profile, most similar first (ties: recorded before example, id).

    Similarity = weighted share of matching fields, normalised over the fields the profile knows.
    """
    cat = load_catalogue()
    weights = cat.rules["gelijkenis"]
    steps = {k: t.step for k, t in cat.vocabulary["niveau"].items()}
    index = case_index(session)
    score = defaultdict(float)

    def add(key, weight):
        for pos in index.postings.get(key, ()):
            score[pos] += weight

    total = weights["doelgroep"]
    for group in profile.doelgroep:
        add(("doelgroep", group), weights["doelgroep"] / len(profile.doelgroep))
    for name, order in (("schaal", SCALE_ORDER), ("niveau", steps)):
        value = getattr(profile, name)
        if value:
            total += weights[name]
            add((name, value), weights[name])
            for near in _neighbours(value, order):
                add((name, near), weights[name] / 2)
    if profile.thema:
        total += weights["thema"]
        add(("thema", profile.thema), weights["thema"])
    if profile.gemeente:
        total += weights["gemeente"]
        add(("gemeente", profile.gemeente.lower()), weights["gemeente"])
    cases = index.cases
    best = heapq.nsmallest(limit, score.items(),
                           key=lambda kv: (-round(kv[1] / total, 3), cases[kv[0]][3], cases[kv[0]][0]))
    return [ScoredCase(*cases[pos][:5], similarity=round(value / total, 3), methodes=cases[pos][5])
            for pos, value in best]


def method_evidence(ranked, threshold, example_weight) -> dict:
    """How well each method worked in the similar cases: method -> (value 0-1, best case)."""
    sums = {}
    for case in ranked:
        if case.similarity < threshold or case.totaal is None:
            continue
        weight = case.similarity * (example_weight if case.voorbeeld else 1.0)
        for method in case.methodes:
            total, weights, best = sums.get(method, (0.0, 0.0, None))
            if best is None or (case.similarity, case.totaal) > (best.similarity, best.totaal):
                best = case
            sums[method] = (total + weight * (case.totaal - 1) / 4, weights + weight, best)
    return {m: (round(t / w, 3), best) for m, (t, w, best) in sums.items() if w > 0}
