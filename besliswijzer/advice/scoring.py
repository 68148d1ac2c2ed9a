"""Scoring one method for a profile: hard-filter checks, the transparent score, tool choice, and 'waarom'.

Score = sum over factors of weight x value (weights in data/regels.yml, values 0-1). 'waarom' is built
only from the factors that actually added to the score, plus a 'Let op' for each relaxed constraint.
"""
from dataclasses import dataclass, field

from besliswijzer.advice.evidence import evidence_reason
from besliswijzer.text.dutch import lijst, weken
from besliswijzer.reference.rules import cost_rank, max_cost

REACH = {"laag": 0.0, "midden": 0.5, "hoog": 1.0}
CHEAP = {"laag": 1.0, "midden": 0.6, "hoog": 0.2}
NO_TOOL = 0.3                 # value of the tool factor when no strengthening tool fits
OFF_RUNG_PENALTY = 0.85       # multiplier when the rung constraint had to be relaxed


@dataclass
class Context:
    profile: object
    cat: object
    niveau: str
    vulnerable: list               # doelgroep ids with low digital skills
    hard_to_reach: list = field(default_factory=list)   # doelgroep ids that do not come by themselves
    max_cost: str = None           # from the budget; None = no budget given
    evidence: dict = field(default_factory=dict)    # method id -> evidence.Evidence
    relaxed: set = field(default_factory=set)       # constraints no longer applied as hard filters


@dataclass
class Combination:
    method: object
    tool: object
    score: float
    channel: str
    cost: str
    waarom: str


def fits(method, constraint, ctx) -> bool:
    """Whether a method passes one hard filter (True when the profile does not set that constraint)."""
    p = ctx.profile
    if constraint == "niveau":
        return ctx.niveau in method.rungs
    if constraint == "groepsgrootte":
        return not p.schaal or method.sample or bool(set(method.group_sizes) & set(p.expected_sizes))
    if constraint == "doorlooptijd":
        return p.doorlooptijd_weken is None or method.duration_weeks <= p.doorlooptijd_weken
    if constraint == "budget":
        return ctx.max_cost is None or cost_rank(method.cost) <= cost_rank(ctx.max_cost)
    raise ValueError(constraint)


def choose_tool(method, ctx):
    """The strengthening tool that fits best, or None. A tool never takes the advice over the budget."""
    best, best_key = None, None
    for index, tool_id in enumerate(ctx.cat.strengthening_tools(method.id)):
        tool = ctx.cat.tools[tool_id]
        if ctx.max_cost and cost_rank(tool.cost) > max(cost_rank(ctx.max_cost), cost_rank(method.cost)):
            continue
        phase_ok = not ctx.profile.beleidsfase or ctx.profile.beleidsfase in tool.phases
        value = (REACH[tool.reach] * (2 if ctx.vulnerable else 1) + CHEAP[tool.cost] + phase_ok
                 + (1 if ctx.vulnerable and tool.channel != "online" else 0))
        key = (value, -index)
        if best_key is None or key > best_key:
            best, best_key = tool, key
    return best


def channel_of(method, tool):
    channels = {method.channel} | ({tool.channel} if tool else set())
    return channels.pop() if len(channels) == 1 else "hybride"


def context_for(p, cat, niveau):
    """The scoring context for a profile on a chosen rung (one place for advise, compare and why-not)."""
    return Context(profile=p, cat=cat, niveau=niveau, vulnerable=cat.digital_vulnerable(p.doelgroep),
                   hard_to_reach=cat.hard_to_reach(p.doelgroep), max_cost=max_cost(cat.rules, p.budget_euro))


def _labels(cat, entity, ids):
    names = [cat.label(entity, i).lower() if entity == "doelgroep" else cat.label(entity, i) for i in ids]
    return lijst(names)


def _group_reasons(cat, say, offline_for, suited) -> list:
    """One sentence per group, so "ouderen" is not named twice (offline and suited)."""
    both = [g for g in suited if g in offline_for]
    only_offline = [g for g in offline_for if g not in both]
    only_suited = [g for g in suited if g not in both]
    reasons = []
    if both:
        groepen = _labels(cat, "doelgroep", both)
        reasons.append(say["offline_doelgroep_ook"].format(groepen=groepen, ook=_labels(cat, "doelgroep", only_offline))
                       if only_offline else say["offline_doelgroep"].format(groepen=groepen))
    elif only_offline:
        reasons.append(say["offline"].format(groepen=_labels(cat, "doelgroep", only_offline)))
    if only_suited:
        reasons.append(say["doelgroep_ook" if both else "doelgroep"].format(
            groepen=_labels(cat, "doelgroep", only_suited)))
    return reasons


def score(method, ctx) -> Combination:
    """Score a method with its best tool. A profile field that is not known counts as a neutral 0.5."""
    cat, p, weights, say = ctx.cat, ctx.profile, ctx.cat.rules["gewichten"], ctx.cat.texts["waarom"]
    tool = choose_tool(method, ctx)
    reasons, warnings, total = [], [], 0.0

    def add(factor, value, text=None):
        nonlocal total
        total += weights[factor] * value
        if text and value > 0:
            reasons.append(text)

    on_rung = ctx.niveau in method.rungs
    if on_rung:
        reasons.append(say["niveau"].format(niveau=cat.label("niveau", ctx.niveau).lower()))
    else:
        warnings.append(say["niveau_anders"].format(niveau=cat.label("niveau", ctx.niveau).lower(),
                                                    niveaus=_labels(cat, "niveau", method.rungs).lower()))
    if ctx.hard_to_reach:
        reach = 0.0 if (ctx.vulnerable and method.channel == "online") else REACH[method.reach]
        add("bereik", reach, say["bereik_hoog"] if reach == 1.0 else say["bereik_midden"] if reach else None)
    else:                                    # groups that come by themselves: reach does not decide
        add("bereik", 0.5)
    suited = [g for g in p.doelgroep if g in method.suits]
    add("doelgroep", len(suited) / len(p.doelgroep), None)
    reasons.extend(_group_reasons(cat, say, ctx.vulnerable if method.channel == "fysiek" else [], suited))
    if p.beleidsfase:
        add("fase", 1.0 if p.beleidsfase in method.phases else 0.0,
            say["fase"].format(fase=cat.label("beleidsfase", p.beleidsfase).lower()))
    else:
        add("fase", 0.5)
    if p.schaal:
        schaal = cat.label("schaal", p.schaal).lower()
        if set(method.group_sizes) & set(p.expected_sizes):
            add("schaal", 1.0, say["schaal"].format(schaal=schaal))
        elif method.sample:
            add("schaal", 0.7, say["schaal_steekproef"].format(schaal=schaal))
        else:
            add("schaal", 0.0)
            warnings.append(say["schaal_anders"].format(schaal=schaal))
    else:
        add("schaal", 0.5)
    cost = max((method.cost, tool.cost) if tool else (method.cost,), key=cost_rank)
    if ctx.max_cost is not None:
        within = cost_rank(cost) <= cost_rank(ctx.max_cost)
        add("kosten", CHEAP[cost] if within else 0.0, within and say["budget"].format(kosten=cost))
        if not within:
            warnings.append(say["budget_anders"].format(kosten=cost))
    else:
        add("kosten", CHEAP[cost], say["goedkoop"] if cost == "laag" else None)
    if p.doorlooptijd_weken is not None:
        within = method.duration_weeks <= p.doorlooptijd_weken
        limit, duur = weken(p.doorlooptijd_weken), weken(method.duration_weeks)
        add("tijd", 1.0 if within else 0.0, say["tijd"].format(weken=limit, duur=duur))
        if not within:
            warnings.append(say["tijd_anders"].format(weken=limit, duur=duur))
    else:
        add("tijd", 0.5)
    evidence = ctx.evidence.get(method.id)
    if evidence:
        text = evidence_reason(evidence, say)
        add("casussen", evidence.value)
        if text:
            (warnings if evidence.value < 0.5 and evidence.poor is not None else reasons).append(text)
    else:
        add("casussen", 0.5)
    if tool:
        add("tool", 1.0, say["tool"].format(tool=tool.name, reden=cat.strengthening_reason(method.id, tool.id)))
    else:
        add("tool", NO_TOOL)
    if not on_rung:
        total *= OFF_RUNG_PENALTY
    return Combination(method, tool, total, channel_of(method, tool), cost, " ".join(reasons + warnings))
