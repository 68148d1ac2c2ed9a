"""Explaining one catalogue item, and comparing methods or tools side by side."""
from besliswijzer.reference.catalogue import VOCAB_ENTITIES, Tool, load_catalogue
from besliswijzer.errors import BesliswijzerError, UnknownIdError
from besliswijzer.advice.profile import Profile
from besliswijzer.advice.rung import choose_rung
from besliswijzer.text.dutch import lijst, weken
from besliswijzer.advice.scoring import CHEAP, REACH, context_for, score

ITEM_KINDS = ("methode", "tool", "begrip")


def _find(cat, text, kinds):
    for kind in kinds:
        ident = cat.resolve(kind, text)
        if ident is not None:
            return kind, ident
    return None, None


def _suggest(cat, text, kinds):
    found = []
    for kind in kinds:
        found += [s for s in cat.suggest(kind, text) if s not in found]
    return found[:3]


def explain(id, cat=None) -> dict:
    """{"type": "uitleg", "onderwerp", "titel", "tekst"} for a method, tool, concept or vocabulary term."""
    cat = cat or load_catalogue()
    kinds = (*ITEM_KINDS, *VOCAB_ENTITIES)
    kind, ident = _find(cat, str(id), kinds)
    if ident is None:
        raise UnknownIdError("onderwerp", id, _suggest(cat, str(id), kinds))
    sources = []
    if kind in ITEM_KINDS:
        item = cat.get(ident)
        title, text = item.name, item.explanation
        sources = item.web_sources if kind == "begrip" else item.sources
        if kind != "begrip":
            rungs = ", ".join(cat.label("niveau", r).lower() for r in item.rungs)
            text += (f" Past bij: {rungs}. Kanaal: {item.channel}. Kosten: {item.cost}. "
                     f"Duur: ongeveer {weken(item.duration_weeks)}.")
            if item.pitfalls:
                text += f" Valkuil: {item.pitfalls[0].rstrip('.').lower()}."
            if isinstance(item, Tool) and item.examples:
                text += f" Voorbeelden: {', '.join(item.examples)}."
    else:
        term = cat.vocabulary[kind][ident]
        title, text = term.label, term.description or f"{term.label} ({kind})."
        if kind == "niveau":
            # a rung is explained from the ladder, so the ladder's pages are its sources
            sources = cat.concepts["participatieladder"].web_sources if "participatieladder" in cat.concepts else ()
            text += f" De belofte aan inwoners: \"{term.promise}\" In het IAP2 Spectrum heet dit '{term.iap2}'."
        elif term.synonyms:
            text += f" Ook wel: {', '.join(term.synonyms[:4])}."
    return {"type": "uitleg", "onderwerp": ident, "soort": kind, "titel": title, "tekst": " ".join(text.split()),
            "bronnen": [dict(s) for s in sources]}


def compare_rungs(ids, cat=None) -> dict:
    """An uitleg payload that sets two or more rungs of the ladder side by side, lowest first."""
    cat = cat or load_catalogue()
    rungs = []
    for raw in ids:
        ident = cat.resolve("niveau", str(raw))
        if ident is None:
            raise UnknownIdError("niveau", raw, cat.suggest("niveau", str(raw)))
        if ident not in rungs:
            rungs.append(ident)
    say = cat.texts["treden"]
    if len(rungs) < 2:
        raise BesliswijzerError(say["zelfde"])
    terms = sorted((cat.vocabulary["niveau"][r] for r in rungs), key=lambda t: t.rung)
    lines = [say["regel"].format(label=t.label, trede=t.rung, uitleg=t.description, belofte=t.promise)
             for t in terms]
    lines.append(say["verschil"].format(hoog=terms[-1].label.lower(), laag=terms[0].label.lower()))
    names = [terms[0].label] + [t.label.lower() for t in terms[1:]]
    return {"type": "uitleg", "onderwerp": "participatieladder", "soort": "niveau",
            "titel": lijst(names),
            "tekst": "\n".join(" ".join(line.split()) for line in lines),
            "treden": [{"id": t.id, "titel": t.label, "trede": t.rung, "belofte": t.promise} for t in terms],
            "bronnen": [dict(s) for s in (cat.concepts["participatieladder"].web_sources
                                          if "participatieladder" in cat.concepts else ())]}


def _tool_score(tool, ctx):
    """Plain average of reach, cheapness, rung fit and phase fit (tools are not filtered like methods)."""
    phase = 1.0 if not ctx.profile.beleidsfase or ctx.profile.beleidsfase in tool.phases else 0.0
    reach = 0.0 if ctx.vulnerable and tool.channel == "online" else REACH[tool.reach]
    return (reach + CHEAP[tool.cost] + (ctx.niveau in tool.rungs) + phase) / 4


def compare(ids, profile=None, session=None, cat=None) -> dict:
    """The contract's vergelijking payload for two or more methods or tools, in the order given."""
    cat = cat or load_catalogue()
    resolved = []
    for raw in ids:
        kind, ident = _find(cat, str(raw), ("methode", "tool"))
        if ident is None:
            raise UnknownIdError("methode of tool", raw, _suggest(cat, str(raw), ("methode", "tool")))
        if ident not in resolved:
            resolved.append(ident)
    if len(resolved) < 2:
        raise BesliswijzerError("Noem minstens twee verschillende methodes of tools om te vergelijken.")
    p = Profile.from_dict(profile or {"doelgroep": ["inwoners"]}, cat)
    rung = choose_rung(p, cat)
    ctx = context_for(p, cat, rung.niveau)
    if session is not None:
        from besliswijzer.advice.evidence import method_evidence
        from besliswijzer.advice.similarity import rank_similar
        ctx.evidence = method_evidence(rank_similar(session, p), cat.rules["gelijkenis_drempel"], cat.rules["bewijs"])
    items = []
    for ident in resolved:
        item = cat.get(ident)
        if isinstance(item, Tool):
            value, why = _tool_score(item, ctx), item.explanation
        else:
            combo = score(item, ctx)
            value, why = combo.score, combo.waarom
        items.append({"id": ident, "naam": item.name, "soort": item.kind, "score": round(value, 2),
                      "voordelen": list(item.pros), "nadelen": list(item.cons), "kanaal": item.channel,
                      "kosten": item.cost, "duur_weken": item.duration_weeks, "bereik": item.reach,
                      "niveaus": list(item.rungs), "waarom": why})
    best = max(items, key=lambda i: (i["score"], -resolved.index(i["id"])))
    return {"type": "vergelijking", "items": items, "beste": best["id"], "niveau": rung.niveau}
