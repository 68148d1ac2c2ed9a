"""The advice rules from data/regels.yml: checked once at load time, then read by the engine."""
from besliswijzer.errors import DataFileError
from besliswijzer.text.dutch import getal

COSTS = ("laag", "midden", "hoog")
CONSTRAINTS = ("groepsgrootte", "doorlooptijd", "budget", "niveau")
WEIGHTS = ("bereik", "doelgroep", "fase", "schaal", "kosten", "tijd", "casussen", "tool")
SIMILARITY = ("thema", "doelgroep", "schaal", "niveau", "gemeente")
EVIDENCE = ("gewicht_eigen_evaluatie", "gewicht_gedocumenteerd", "gewicht_voorbeeldcasus", "halfwaardetijd_jaren",
            "gewicht_jaar_onbekend", "demping", "waarde_gedocumenteerd_positief", "waarde_gedocumenteerd_gemengd",
            "werkte_goed_vanaf", "werkte_slecht_tot")


def _fail(problem):
    raise DataFileError(f"regels.yml: {problem}")


def _check_weights(section, names, rules):
    weights = rules.get(section)
    if not isinstance(weights, dict) or set(weights) != set(names):
        _fail(f"'{section}' moet precies deze gewichten hebben: {', '.join(names)}")
    if any(not isinstance(w, (int, float)) or w < 0 for w in weights.values()):
        _fail(f"'{section}': elk gewicht moet een getal van 0 of meer zijn")
    if abs(sum(weights.values()) - 1.0) > 1e-6:
        _fail(f"'{section}': de gewichten moeten samen 1,0 zijn (nu {getal(sum(weights.values()), 2)})")


def check_rules(rules, vocab):
    if not isinstance(rules, dict):
        _fail("verwacht een lijst van onderdelen")
    budget = rules.get("budget")
    if not isinstance(budget, list) or not budget:
        _fail("'budget' moet een lijst van drempels zijn")
    previous = -1
    for step in budget:
        if not isinstance(step, dict) or step.get("kosten") not in COSTS:
            _fail("elke budgetdrempel heeft 'kosten' laag, midden of hoog")
        limit = step.get("tot")
        if limit is not None and (not isinstance(limit, int) or limit <= previous):
            _fail("budgetdrempels 'tot' moeten oplopende hele getallen zijn")
        previous = limit if limit is not None else previous
    if budget[-1].get("tot") is not None:
        _fail("de laatste budgetdrempel moet 'tot: null' hebben (geen bovengrens)")
    levels, phases = vocab["niveau"], vocab["beleidsfase"]
    per_phase = rules.get("niveau_per_fase") or {}
    if set(per_phase) != set(phases):
        _fail("'niveau_per_fase' moet elke beleidsfase noemen")
    for phase, entry in list(per_phase.items()) + [("niveau_standaard", rules.get("niveau_standaard"))]:
        if not isinstance(entry, dict) or entry.get("niveau") not in levels or not entry.get("reden"):
            _fail(f"'{phase}' heeft een bekend 'niveau' en een 'reden' nodig")
    for section in ("niveau_per_doel", "max_niveau_per_rol"):
        mapping = rules.get(section)
        if not isinstance(mapping, dict) or any(v not in levels for v in mapping.values()):
            _fail(f"'{section}' moet naar bekende niveaus wijzen")
    also = rules.get("inclusie_ook_voor", [])
    if not isinstance(also, list) or any(g not in vocab["doelgroep"] for g in also):
        _fail("'inclusie_ook_voor' moet een lijst van bekende doelgroepen zijn")
    order = rules.get("versoepel_volgorde")
    if not isinstance(order, list) or sorted(order) != sorted(CONSTRAINTS):
        _fail(f"'versoepel_volgorde' moet precies {', '.join(CONSTRAINTS)} bevatten")
    _check_weights("gewichten", WEIGHTS, rules)
    _check_weights("gelijkenis", SIMILARITY, rules)
    count = rules.get("aantal_combinaties") or {}
    if not (isinstance(count.get("min"), int) and isinstance(count.get("max"), int)
            and 1 <= count["min"] <= count["max"]):
        _fail("'aantal_combinaties' heeft een 'min' en 'max' nodig (min <= max)")
    if not isinstance(rules.get("gelijkenis_drempel"), (int, float)) or not 0 <= rules["gelijkenis_drempel"] <= 1:
        _fail("'gelijkenis_drempel' moet een getal tussen 0 en 1 zijn")
    _check_evidence(rules.get("bewijs"))


def _check_evidence(section):
    if not isinstance(section, dict) or set(section) != set(EVIDENCE):
        _fail(f"'bewijs' moet precies deze waarden hebben: {', '.join(EVIDENCE)}")
    for key, value in section.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            _fail(f"'bewijs.{key}' moet een getal van 0 of meer zijn")
        if key not in ("halfwaardetijd_jaren", "demping") and value > 1:
            _fail(f"'bewijs.{key}' moet een getal tussen 0 en 1 zijn")
    if section["halfwaardetijd_jaren"] <= 0:
        _fail("'bewijs.halfwaardetijd_jaren' moet groter dan 0 zijn")


def max_cost(rules, budget_euro):
    """Highest cost class a budget allows (None when no budget is given)."""
    if budget_euro is None:
        return None
    for step in rules["budget"]:
        if step["tot"] is None or budget_euro <= step["tot"]:
            return step["kosten"]
    return "hoog"


def cost_rank(cost):
    return COSTS.index(cost)
