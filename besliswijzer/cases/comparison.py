"""A fair comparison of a team's own evaluation with similar trajectories elsewhere.

"Did it work better elsewhere?" is answered with cases like the team's (theme, scale, rung and the
groups asked about), never the team's own case or other own evaluations of the same municipality.
Per case: how its outcome is known (an assessment with the same frame, an outcome in its sources,
or not known) and what its sources say about the asked aspect ("hoe kregen ze jongeren erbij?").
Ranking ("welke werkte het best?") weighs what is known, with the reasons in words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from besliswijzer.advice.profile import Profile
from besliswijzer.advice.similarity import rank_similar
from besliswijzer.cases.store import case_facts
from besliswijzer.cases.texts import outcome_known
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.text.fold import normalise

__all__ = ["Compared", "aspect_lines", "compare_elsewhere", "rank_best"]

# Where a case's sources say how it was done and what came of it, in the order they are quoted.
ASPECT_FIELDS = (("werving", "werving"), ("wat_werkte", "wat werkte"), ("uitkomst", "uitkomst"),
                 ("wat_gebeurde", "wat er gebeurde"), ("wat_niet", "wat niet werkte"),
                 ("doelgroepen", "doelgroepen volgens de bron"), ("methoden", "aanpak volgens de bron"))
MAX_LINES = 3


@dataclass
class Compared:
    """One case next to the team's: its facts, how its outcome is known and what it says about the aspect."""
    case: dict
    similarity: float = 0.0
    lines: List[tuple] = field(default_factory=list)    # (field label, text) about the asked aspect

    @property
    def assessed(self) -> Optional[float]:
        return self.case.get("totaal")

    @property
    def known(self) -> str:
        return outcome_known(self.case)


ORIGINAL_ONLY = ("doelgroepen", "methoden")     # the case's own words, not its catalogue ids


def _texts(case: dict, key: str) -> List[str]:
    value = (case.get("origineel") or {}).get(key) if key in ORIGINAL_ONLY else case.get(key)
    if isinstance(value, str):
        value = [value]
    return [" ".join(str(v).split()) for v in value or [] if v]


def aspect_lines(case: dict, groups: Sequence[str], cat=None) -> List[tuple]:
    """(field label, line) from the case's own texts that name one of the groups: what the sources say
    about reaching them. Nothing is made up: an empty list means the sources do not say."""
    cat = cat or load_catalogue()
    words = {normalise(cat.label("doelgroep", g)) for g in groups}
    found = []
    for key, name in ASPECT_FIELDS:
        for line in _texts(case, key):
            named = {ident for _, ident in cat.mentions(("doelgroep",), line, strict=True)} & set(groups) or \
                any(f" {w} " in f" {normalise(line)} " for w in words)
            if named and (name, line) not in found:
                found.append((name, line))
    return found[:MAX_LINES]


def compare_elsewhere(session, own_id: str, groups: Sequence[str] = (), limit: int = 3,
                      leave_out_gemeente: Optional[str] = None) -> tuple:
    """(the team's case, [Compared]): the cases most like the team's, its own case and the own
    evaluations of its municipality left out; cases whose sources say something about the asked
    groups and whose outcome is known come first."""
    cat = load_catalogue()
    own = case_facts(session, own_id)
    home = {normalise(g) for g in (own.get("gemeente"), leave_out_gemeente) if g}
    wanted = list(dict.fromkeys([*groups, *(own.get("doelgroepen") or [])])) or ["inwoners"]
    profile = Profile.from_dict({"doelgroep": wanted, **{k: own[k] for k in ("thema", "schaal", "niveau")
                                                          if own.get(k)}})
    found = []
    for scored in rank_similar(session, profile, limit=40, cat=cat):
        if scored.id == own_id or scored.voorbeeld:
            continue
        if scored.eigen_evaluatie and normalise(scored.gemeente) in home:
            continue       # the team's own municipality is not "elsewhere"
        case = case_facts(session, scored.id)
        found.append(Compared(case, scored.similarity, aspect_lines(case, groups, cat) if groups else []))
    known_rank = {"ja": 0, "deels": 1, "nee": 2}
    found.sort(key=lambda c: (not c.lines, known_rank.get(c.known, 2), -c.similarity, c.case["id"]))
    return own, found[:limit]


def rank_best(cases: Sequence[dict], groups: Sequence[str] = ()) -> List[tuple]:
    """[(case, [reasons])] best first. What counts, in this order: an assessment with the frame (its
    total), a known outcome (its concrete results), what the sources say worked, and what they say
    about the asked groups. Cases whose outcome is not known come last, saying so."""
    cat = load_catalogue()

    def weight(case):
        known = outcome_known(case)
        total = case.get("totaal")
        results = len(_texts(case, "uitkomst")) + (1 if case.get("resultaat") else 0)
        worked = len(_texts(case, "wat_werkte"))
        about = len(aspect_lines(case, groups, cat)) if groups else 0
        return ({"ja": 2, "deels": 1}.get(known, 0), total or 0, worked + about, results)

    ranked = sorted(cases, key=lambda c: weight(c), reverse=True)
    out = []
    for case in ranked:
        reasons = []
        if case.get("totaal") is not None:
            judge = "eigen oordeel van het team" if case.get("eigen_evaluatie") else "beoordeeld met het kader"
            reasons.append(("totaal", case["totaal"], judge))
        known = outcome_known(case)
        reasons.append(("bekend", known, None))
        worked = _texts(case, "wat_werkte")
        if worked:
            reasons.append(("werkte", worked[0], None))
        if groups:
            lines = aspect_lines(case, groups, cat)
            if lines:
                reasons.append(("groep", lines[0][1], lines[0][0]))
        out.append((case, reasons))
    return out

