"""The advice engine: profile in, the contract's "advies" payload out. Deterministic, no I/O besides the case query."""
import dataclasses

from besliswijzer.cases.texts import licence_fields, origin_note, outcome_label
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.reference.provenance import as_json as provenance_json, describe
from besliswijzer.storage.db import session_scope
from besliswijzer.errors import DatabaseUnavailableError
from besliswijzer.advice.profile import Profile
from besliswijzer.reference.rules import cost_rank
from besliswijzer.advice.rung import choose_rung
from besliswijzer.advice.evidence import method_evidence
from besliswijzer.text.dutch import euro, lijst, weken
from besliswijzer.advice.scoring import context_for, fits, score
from besliswijzer.advice.similarity import case_sources, rank_similar
from besliswijzer.advice.preconditions import remaining_choices

CONSTRAINTS = ("niveau", "groepsgrootte", "doorlooptijd", "budget")
TAIL_MARGIN = 0.75            # beyond the minimum, keep combinations scoring at least 75% of the best


def _case_context(profile, session, cat):
    """Similar cases for the payload and per-method evidence. A database that is down costs only the cases."""
    def collect(s):
        ranked = rank_similar(s, profile, cat=cat)
        evidence = method_evidence(ranked, cat.rules["gelijkenis_drempel"], cat.rules["bewijs"])
        top = [c for c in ranked[:3] if c.similarity >= cat.rules["gelijkenis_drempel"]]
        sources = case_sources(s, [c.id for c in top])
        shown = [{"id": c.id, "titel": c.titel, "gemeente": c.gemeente, "gelijkenis": c.similarity,
                  "voorbeeld": c.voorbeeld, "eigen_evaluatie": c.eigen_evaluatie,
                  "uitkomst_bekend": c.uitkomst_bekend, "bronnen": sources.get(c.id, []),
                  "licentie": c.licentie, "herkomst": c.herkomst} for c in top]
        for case, facts in zip(shown, top):      # the notes as the summary words them, so card and text agree
            case["uitkomst_tekst"], case["herkomst_tekst"] = outcome_label(case), origin_note(case)
            case.update(licence_fields(case, facts.naamsvermelding))
        return shown, evidence
    try:
        if session is not None:
            return (*collect(session), None)
        with session_scope() as own:
            return (*collect(own), None)
    except DatabaseUnavailableError as exc:
        return [], {}, cat.texts["db_niet_bereikbaar"].format(reden=exc.message)


def _near_rung(method, ctx):
    rungs_at = {k: t.rung for k, t in ctx.cat.vocabulary["niveau"].items()}
    return any(abs(rungs_at[r] - rungs_at[ctx.niveau]) <= 1 for r in method.rungs)


def _passes(method, ctx):
    for constraint in CONSTRAINTS:
        if constraint in ctx.relaxed:
            if constraint == "niveau" and not _near_rung(method, ctx):
                return False
            continue
        if not fits(method, constraint, ctx):
            return False
    return True


def _pool(methods, ctx, fixed_rung, minimum):
    """Methods passing the hard filters; relax the least important constraints, in order, until enough remain."""
    pool = [m for m in methods if _passes(m, ctx)]
    for constraint in ctx.cat.rules["versoepel_volgorde"]:
        if len(pool) >= minimum:
            break
        if constraint == "niveau" and fixed_rung:
            continue
        ctx.relaxed.add(constraint)
        pool = [m for m in methods if _passes(m, ctx)]
    return pool


def _violates(combo, constraint, ctx):
    if constraint == "budget":
        return ctx.max_cost is not None and cost_rank(combo.cost) > cost_rank(ctx.max_cost)
    return not fits(combo.method, constraint, ctx)


def _relaxation_warnings(ctx, combos):
    """Name each relaxed constraint that a chosen combination actually breaks."""
    texts, p, cat = ctx.cat.texts["versoepeld"], ctx.profile, ctx.cat
    values = {"schaal": cat.label("schaal", p.schaal).lower() if p.schaal else "",
              "weken": weken(p.doorlooptijd_weken) if p.doorlooptijd_weken else "",
              "budget": euro(p.budget_euro) if p.budget_euro is not None else "",
              "niveau": cat.label("niveau", ctx.niveau).lower()}
    return [texts[c].format(**values) for c in ctx.cat.rules["versoepel_volgorde"]
            if c in ctx.relaxed and any(_violates(combo, c, ctx) for combo in combos)]


def _include_offline(combos, methods, ctx, maximum):
    """Digitally vulnerable target group: make sure a high-reach offline method is in the advice."""
    def offline(m):
        return m.channel == "fysiek" and m.reach == "hoog"
    present = [c for c in combos if offline(c.method)]
    added = None
    if not present:
        chosen = {c.method.id for c in combos}
        options = [m for m in methods if offline(m) and m.id not in chosen]
        if options:
            # Prefer methods passing the filters, then those on the rung, then the best score.
            ranked = sorted(options, key=lambda m: (not _passes(m, ctx), ctx.niveau not in m.rungs,
                                                    -score(m, ctx).score, m.id))
            added = score(ranked[0], ctx)
            added.waarom += " " + ctx.cat.texts["inclusie_toegevoegd"].format(methode=added.method.name)
            combos = (combos[:maximum - 1] if len(combos) >= maximum else combos) + [added]
            present = [added]
    texts = ctx.cat.texts
    groups = [g for g in ctx.profile.doelgroep if g in ctx.vulnerable]
    labels = ", ".join(ctx.cat.label("doelgroep", g).lower() for g in groups)
    facts = texts["inclusie_feiten"]
    lines = [texts["inclusie"].format(groepen=labels, methode=present[0].method.name if present else "-")]
    if added:
        lines.append(texts["inclusie_toegevoegd"].format(methode=added.method.name))
    seen = set()
    for key in [*groups, "algemeen"]:
        fact = " ".join(facts.get(key, "").split())
        if fact and fact not in seen:
            seen.add(fact)
            lines.append(fact)
    return combos, " ".join(lines[:4])


def _inclusion(combos, ctx, vulnerable_text):
    """What the advice does for inclusion (payload 'inclusie') and the warning for groups in
    inclusie_ook_voor (everyone, people with a disability) when a combination is online only."""
    cat, p = ctx.cat, ctx.profile
    texts = cat.texts
    also = [g for g in p.doelgroep if g in cat.rules.get("inclusie_ook_voor", []) and g not in ctx.vulnerable]
    online = [c.method.name for c in combos if c.channel == "online"]
    offline = [c.method.name for c in combos if c.channel != "online"]
    measures = []
    if offline:
        measures.append(texts["inclusie_maatregelen"]["offline"].format(methode=offline[0]))
    if online:
        measures.append(texts["inclusie_maatregelen"]["hulp"])
    if ctx.vulnerable or also:
        measures.append(texts["inclusie_maatregelen"]["taal"])
    if "mensen_met_beperking" in p.doelgroep:
        measures.append(texts["inclusie_maatregelen"]["toegankelijk"])
    warning = None
    if also and online:
        labels = lijst(cat.label("doelgroep", g).lower() for g in also)
        facts = [" ".join(texts["inclusie_ook_feiten"][g].split()) for g in also if g in texts["inclusie_ook_feiten"]]
        warning = " ".join([texts["inclusie_online"].format(methodes=lijst(online), groepen=labels,
                                                            gaat="gaat" if len(online) == 1 else "gaan"), *facts,
                            texts["inclusie_maatregelen"]["hulp"]])
    payload = {"groepen": [*ctx.vulnerable, *also], "zonder_internet": offline[:1],
               "maatregelen": measures, "toelichting": vulnerable_text or warning}
    return payload, warning


def _provenance(combo) -> dict:
    """Where the card's figures come from: the method's herkomst (contract shape) and, in plain Dutch, the
    herkomst of the cost shown (the tool's when the tool makes it dearer), the duration and the reach."""
    cost_from = combo.tool if combo.tool and cost_rank(combo.tool.cost) > cost_rank(combo.method.cost) else combo.method
    return {"herkomst": {field: provenance_json(origin) for field, origin in combo.method.provenance},
            "herkomst_tekst": {"kosten": describe(cost_from.origin("kosten")),
                               "duur_weken": describe(combo.method.origin("duur_weken")),
                               "bereik": describe(combo.method.origin("bereik"))}}


def advise(profile, session=None, exclude_methods=(), cat=None) -> dict:
    """The contract's advies payload for a profile (dict or Profile). Same profile, same advice."""
    cat = cat or load_catalogue()
    p = Profile.from_dict(profile, cat)
    rung = choose_rung(p, cat)
    ctx = context_for(p, cat, rung.niveau)
    shown_cases, ctx.evidence, db_warning = _case_context(dataclasses.replace(p, niveau=rung.niveau), session, cat)
    excluded = set(exclude_methods or ())
    methods = [m for m in cat.methods.values() if m.id not in excluded]
    if rung.fixed:
        methods = [m for m in methods if rung.niveau in m.rungs]
    limits = cat.rules["aantal_combinaties"]
    pool = _pool(methods, ctx, rung.fixed, limits["min"])
    combos = sorted((score(m, ctx) for m in pool), key=lambda c: (-c.score, c.method.id))
    if len(combos) < limits["min"]:                 # still too few: fill with the best of the rest
        ctx.relaxed.update(CONSTRAINTS if not rung.fixed else CONSTRAINTS[1:])
        rest = sorted((score(m, ctx) for m in methods if m not in pool), key=lambda c: (-c.score, c.method.id))
        combos += rest[:limits["min"] - len(combos)]
    top = combos[0].score if combos else 0
    combos = [c for i, c in enumerate(combos[:limits["max"]]) if i < limits["min"] or c.score >= top * TAIL_MARGIN]
    inclusion_text = None
    if ctx.vulnerable:
        combos, inclusion_text = _include_offline(combos, methods, ctx, limits["max"])
        combos.sort(key=lambda c: (-c.score, c.method.id))
    warnings = rung.warnings + _relaxation_warnings(ctx, combos)
    remaining = remaining_choices(p.onderwerp) if p.ruimte_voor_invloed is False else []
    if remaining:
        warnings.append(cat.texts["resterende_keuzes"].format(keuzes="; ".join(remaining)))
    inclusion, also_warning = _inclusion(combos, ctx, inclusion_text)
    if inclusion_text:
        warnings.append(inclusion_text)
        online = [c.method.name for c in combos if c.channel == "online"]
        if online:
            warnings.append(cat.texts["online_let_op"].format(methodes=lijst(online), werkt="werkt" if len(online) == 1 else "werken"))
    if also_warning:
        warnings.append(also_warning)
    if db_warning:
        warnings.append(db_warning)
    return {"type": "advies", "profiel": p.as_dict(), "niveau": rung.niveau,
            "niveau_naam": cat.label("niveau", rung.niveau),
            "niveau_toelichting": rung.toelichting, "niveau_bepaald_door": rung.bepaald_door,
            "resterende_keuzes": remaining, "inclusie": inclusion,
            # The contract's kanaal is the method's own channel; the tool's channel shows in tool_kanaal.
            "combinaties": [{"methode": c.method.id, "tool": c.tool.id if c.tool else None,
                             "kanaal": c.method.channel, "tool_kanaal": c.tool.channel if c.tool else None,
                             "score": round(c.score, 2), "waarom": c.waarom, "kosten": c.cost,
                             "duur_weken": c.method.duration_weeks, "duur_tekst": weken(c.method.duration_weeks),
                             "methode_naam": c.method.name, "tool_naam": c.tool.name if c.tool else None,
                             "vaardigheden": list(c.method.skills), "valkuilen": list(c.method.pitfalls),
                             "bronnen": list(c.method.sources), **_provenance(c)} for c in combos],
            "waarschuwingen": warnings, "casussen": shown_cases}
