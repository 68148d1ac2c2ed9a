"""Answers to "waarom niet ...?" after an advice: why not online only, why not this method."""
from besliswijzer.advice.engine import CONSTRAINTS
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.errors import UnknownIdError
from besliswijzer.advice.profile import Profile
from besliswijzer.advice.rung import choose_rung
from besliswijzer.advice.scoring import _labels as _joined_labels
from besliswijzer.text.dutch import weken
from besliswijzer.advice.scoring import context_for, fits, score


def _context(profile, cat):
    p = Profile.from_dict(profile or {"doelgroep": ["inwoners"]}, cat)
    return context_for(p, cat, choose_rung(p, cat).niveau)


def _labels(cat, ids):
    return _joined_labels(cat, "doelgroep", ids)


def why_not_online(profile, cat=None) -> str:
    """Why the advice always holds a way to take part without internet, with the facts for these groups."""
    cat = cat or load_catalogue()
    ctx = _context(profile, cat)
    say, facts = cat.texts["waarom_niet"], cat.texts["inclusie_feiten"]
    if ctx.vulnerable:
        lines = [say["online_kwetsbaar"].format(groepen=_labels(cat, ctx.vulnerable))]
        keys = [*ctx.vulnerable, "algemeen"]
    else:
        lines = [say["online_algemeen"].format(groepen=_labels(cat, ctx.profile.doelgroep))]
        keys = ["algemeen"]
    seen = []
    for key in keys:
        fact = " ".join(facts.get(key, "").split())
        if fact and fact not in seen:
            seen.append(fact)
    lines += seen[:2]
    lines.append(say["online_mix"])
    return " ".join(lines)


def why_not_method(ident, profile, best=None, cat=None) -> str:
    """Why a method is not (higher) in the advice: the hard filters it fails, else its lower score."""
    cat = cat or load_catalogue()
    resolved = cat.resolve("methode", str(ident))
    if resolved is None:
        raise UnknownIdError("methode", ident, cat.suggest("methode", str(ident)))
    method, ctx = cat.methods[resolved], _context(profile, cat)
    say, p = cat.texts["waarom_niet"], ctx.profile
    reasons = []
    for constraint in CONSTRAINTS:
        if fits(method, constraint, ctx):
            continue
        if constraint == "niveau":
            reasons.append(say["niveau"].format(niveau=cat.label("niveau", ctx.niveau).lower(),
                                                niveaus=", ".join(cat.label("niveau", r).lower() for r in method.rungs)))
        elif constraint == "groepsgrootte":
            reasons.append(say["groepsgrootte"].format(schaal=cat.label("schaal", p.schaal).lower()))
        elif constraint == "doorlooptijd":
            reasons.append(say["doorlooptijd"].format(duur=weken(method.duration_weeks),
                                                      weken=weken(p.doorlooptijd_weken)))
        else:
            reasons.append(say["budget"].format(kosten=method.cost))
    if ctx.vulnerable and method.channel == "online":
        reasons.append(say["alleen_online"].format(groepen=_labels(cat, ctx.vulnerable)))
    name = method.name
    if reasons:
        return say["kop"].format(methode=name) + " " + " ".join(reasons)
    own = score(method, ctx).score
    if best and best != resolved and best in cat.methods:
        other, best_name = score(cat.methods[best], ctx).score, cat.methods[best].name
        if round(100 * own) >= round(100 * other) - 2:
            return say["bijna_gelijk"].format(methode=name, score=round(100 * own), beste=best_name)
        return say["lager"].format(methode=name, score=round(100 * own), beste=best_name,
                                   beste_score=round(100 * other), methode_klein=name.lower(),
                                   beste_klein=best_name.lower())
    return say["past_wel"].format(methode=name, score=round(100 * own))
