"""Weighted similarity between a profile and the cases in the database (weights in data/regels.yml)."""
from dataclasses import dataclass

from sqlalchemy import or_, select

from .catalogue import load_catalogue
from .models import CaseGroup, CaseMethod, CaseRow

SCALE_ORDER = {"straat": 0, "buurt": 1, "wijk": 2, "kern": 2, "gemeente": 3, "regio": 4}


@dataclass(frozen=True)
class ScoredCase:
    id: str
    titel: str
    gemeente: str
    voorbeeld: bool
    totaal: float
    similarity: float
    methodes: tuple = ()


def _near(a, b, order):
    """1 for equal, 0.5 for neighbours on an ordered scale, else 0."""
    if a == b:
        return 1.0
    if a in order and b in order and abs(order[a] - order[b]) == 1:
        return 0.5
    return 0.0


def similarity(profile, case, weights, steps) -> float:
    """Weighted similarity, normalised over the profile fields that are known."""
    parts = {"doelgroep": len(set(profile.doelgroep) & set(case["doelgroepen"])) / len(profile.doelgroep)}
    if profile.thema:
        parts["thema"] = 1.0 if profile.thema == case["thema"] else 0.0
    if profile.schaal:
        parts["schaal"] = _near(profile.schaal, case["schaal"], SCALE_ORDER)
    if profile.niveau:
        parts["niveau"] = _near(profile.niveau, case["niveau"], steps)
    if profile.gemeente:
        parts["gemeente"] = 1.0 if profile.gemeente.lower() == (case["gemeente"] or "").lower() else 0.0
    total = sum(weights[k] for k in parts)
    return round(sum(weights[k] * v for k, v in parts.items()) / total, 3) if total else 0.0


def rank_similar(session, profile, with_methods=False) -> list:
    """Cases sharing at least one profile field, most similar first (ties: recorded before example, id)."""
    cat = load_catalogue()
    weights = cat.rules["gelijkenis"]
    steps = {k: t.step for k, t in cat.vocabulary["niveau"].items()}
    conditions = [CaseRow.id.in_(select(CaseGroup.case_id).where(CaseGroup.doelgroep.in_(profile.doelgroep)))]
    if profile.thema:
        conditions.append(CaseRow.thema == profile.thema)
    if profile.schaal:
        conditions.append(CaseRow.schaal == profile.schaal)
    if profile.gemeente:
        conditions.append(CaseRow.gemeente == profile.gemeente)
    match = or_(*conditions)
    rows = session.execute(select(CaseRow.id, CaseRow.titel, CaseRow.gemeente, CaseRow.thema, CaseRow.schaal,
                                  CaseRow.niveau, CaseRow.totaal, CaseRow.voorbeeld).where(match)).all()
    groups = {}
    for case_id, group in session.execute(select(CaseGroup.case_id, CaseGroup.doelgroep).where(
            CaseGroup.case_id.in_(select(CaseRow.id).where(match)))):
        groups.setdefault(case_id, []).append(group)
    scored = []
    for r in rows:
        case = {"doelgroepen": groups.get(r.id, []), "thema": r.thema, "schaal": r.schaal,
                "niveau": r.niveau, "gemeente": r.gemeente}
        scored.append(ScoredCase(r.id, r.titel, r.gemeente, bool(r.voorbeeld), r.totaal,
                                 similarity(profile, case, weights, steps)))
    scored.sort(key=lambda c: (-c.similarity, c.voorbeeld, c.id))
    return scored


def method_evidence(session, ranked, threshold, example_weight, limit=40) -> dict:
    """How well each method worked in the similar cases: method -> (value 0-1, best case)."""
    evidence_cases = [c for c in ranked[:limit] if c.similarity >= threshold and c.totaal is not None]
    if not evidence_cases:
        return {}
    by_id = {c.id: c for c in evidence_cases}
    sums = {}
    for case_id, method in session.execute(select(CaseMethod.case_id, CaseMethod.methode_id).where(
            CaseMethod.case_id.in_(list(by_id)))):
        case = by_id[case_id]
        weight = case.similarity * (example_weight if case.voorbeeld else 1.0)
        total, weights, best = sums.get(method, (0.0, 0.0, None))
        if best is None or (case.similarity, case.totaal) > (best.similarity, best.totaal):
            best = case
        sums[method] = (total + weight * (case.totaal - 1) / 4, weights + weight, best)
    return {m: (round(t / w, 3), best) for m, (t, w, best) in sums.items() if w > 0}
