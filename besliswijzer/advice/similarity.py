"""Weighted similarity between a profile and the cases (weights in data/regels.yml).

The cases are read once into an in-memory index and reused until the revision token in the database
changes (every write through this package changes it). An advice then costs one tiny query.
"""
import heapq
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select, update

from besliswijzer.advice.evidence import judged_methods
from besliswijzer.cases.licence import attribution, licence_of
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.storage.models import CaseGroup, CaseMethod, CaseRow, CaseSource, RevisionRow

SCALE_ORDER = {"straat": 0, "buurt": 1, "wijk": 2, "kern": 2, "gemeente": 3, "regio": 4}
REVISION_KEY = "casussen"
_indexes = {}             # database url -> CaseIndex (only the newest token is kept)


@dataclass(frozen=True)
class CaseFacts:
    """What the ranking and the evidence need of a case, kept in memory."""
    id: str
    titel: str
    gemeente: str
    voorbeeld: bool
    totaal: float                   # mean of the assessment pillars (1-5), None when not assessed
    methodes: tuple = ()
    jaar: int = None                # the last known year of the period
    uitkomst_bekend: str = None     # ja / deels / nee
    werkte: tuple = ()              # what the source itself says worked
    werkte_niet: tuple = ()
    uitkomst: tuple = ()            # concrete results
    eigen_evaluatie: bool = False
    herkomst: str = None            # the feed a followed case came from; None: this installation's own
    licentie: str = None            # URL of the licence of its facts (cases/licence.py)
    naamsvermelding: str = None     # whom its facts credit (cases/licence.attribution)
    credited: tuple = ()            # ((method, sentence, mixed), ...): methods the source's judgement names


@dataclass(frozen=True)
class ScoredCase(CaseFacts):
    similarity: float = 0.0


@dataclass
class CaseIndex:
    token: str
    cases: list = field(default_factory=list)                        # CaseFacts, see _load_index
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
    sources = defaultdict(list)         # what a licence's attribution is recognised by (cases/licence.py)
    for case_id, url, title, repo, path in session.execute(
            select(CaseSource.case_id, CaseSource.url, CaseSource.titel, CaseSource.repository, CaseSource.pad)):
        sources[case_id].append({"url": url, "titel": title, "repository": repo, "pad": path})
    rows = session.execute(select(CaseRow.id, CaseRow.titel, CaseRow.gemeente, CaseRow.thema, CaseRow.themas,
                                  CaseRow.schaal, CaseRow.niveau, CaseRow.totaal, CaseRow.voorbeeld, CaseRow.jaar,
                                  CaseRow.jaar_tot, CaseRow.uitkomst_bekend, CaseRow.wat_werkte, CaseRow.wat_niet,
                                  CaseRow.uitkomst, CaseRow.eigen_evaluatie, CaseRow.herkomst, CaseRow.licentie,
                                  CaseRow.bron_type)
                           .order_by(CaseRow.id))
    cat = load_catalogue()
    for r in rows:
        position[r.id] = len(index.cases)
        credited = ()
        if r.totaal is None and r.wat_werkte and not r.voorbeeld:     # read once per revision, not per advice
            credited = judged_methods(methods[r.id], r.wat_werkte, r.wat_niet, cat)
        view = {"licentie": r.licentie, "bron_type": r.bron_type, "bronnen": sources[r.id]}
        index.cases.append(CaseFacts(
            r.id, r.titel, r.gemeente, bool(r.voorbeeld), r.totaal, tuple(methods[r.id]), r.jaar_tot or r.jaar,
            r.uitkomst_bekend, tuple(r.wat_werkte or ()), tuple(r.wat_niet or ()), tuple(r.uitkomst or ()),
            bool(r.eigen_evaluatie), r.herkomst, licence_of(view), attribution(view), credited))
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


def rank_similar(session, profile, limit=40, cat=None) -> list:
    """The `limit` cases most like the profile, most similar first (ties: recorded before example, id).

    Similarity = weighted share of matching fields, normalised over the fields the profile knows.
    """
    cat = cat or load_catalogue()
    weights = cat.rules["gelijkenis"]
    rungs_at = {k: t.rung for k, t in cat.vocabulary["niveau"].items()}
    index = case_index(session)
    score = defaultdict(float)

    def add(key, weight):
        for pos in index.postings.get(key, ()):
            score[pos] += weight

    total = weights["doelgroep"]
    for group in profile.doelgroep:
        add(("doelgroep", group), weights["doelgroep"] / len(profile.doelgroep))
    for name, order in (("schaal", SCALE_ORDER), ("niveau", rungs_at)):
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
                           key=lambda kv: (-round(kv[1] / total, 3), cases[kv[0]].voorbeeld, cases[kv[0]].id))
    return [ScoredCase(**vars(cases[pos]), similarity=round(value / total, 3)) for pos, value in best]


def case_sources(session, ids) -> dict:
    """case id -> its sources (url, titel; repository and pad for a file in a repository), in order."""
    out = {i: [] for i in ids}
    if ids:
        rows = session.execute(select(CaseSource).where(CaseSource.case_id.in_(ids))
                               .order_by(CaseSource.case_id, CaseSource.positie)).scalars()
        for row in rows:
            out[row.case_id].append({k: getattr(row, k) for k in ("url", "titel", "repository", "pad")
                                     if getattr(row, k) is not None})
    return out
