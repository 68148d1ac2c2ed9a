"""Choosing the rung of the participatieladder: preconditions first, then profile, goal or phase."""
from dataclasses import dataclass, field

from besliswijzer.text.dutch import weken


@dataclass
class RungChoice:
    niveau: str
    toelichting: str
    warnings: list = field(default_factory=list)
    fixed: bool = False          # True: the rung may not be relaxed (no room for influence)
    # Which fact chose the rung: ruimte_voor_invloed, niveau, doel, beleidsfase, standaard, rol or tijd.
    bepaald_door: str = "standaard"


def choose_rung(profile, cat) -> RungChoice:
    rules, texts, terms = cat.rules, cat.texts, cat.vocabulary["niveau"]
    warnings = []
    if profile.ruimte_voor_invloed is False:
        # OECD precondition: without room for influence only informing is honest.
        if profile.niveau and profile.niveau != "informeren":
            warnings.append(texts["geen_invloed_niveau"].format(gekozen=_name(terms, profile.niveau)))
        warnings.insert(0, texts["geen_invloed"])
        return RungChoice("informeren", _with_promise(texts["geen_invloed_kort"], "informeren", cat), warnings, True,
                          "ruimte_voor_invloed")
    if profile.niveau:
        niveau, reason = profile.niveau, texts["niveau_uit_profiel"].format(label=_name(terms, profile.niveau))
        reason += " " + terms[niveau].description
        driver = "niveau"
    elif profile.doel:
        niveau = rules["niveau_per_doel"][profile.doel]
        reason = texts["niveau_uit_doel"].format(doel=profile.doel, label=_name(terms, niveau))
        driver = "doel"
    elif profile.beleidsfase:
        entry = rules["niveau_per_fase"][profile.beleidsfase]
        niveau, reason, driver = entry["niveau"], entry["reden"], "beleidsfase"
    else:
        niveau, reason = rules["niveau_standaard"]["niveau"], rules["niveau_standaard"]["reden"]
        driver = "standaard"
    if profile.rol:
        cap = rules["max_niveau_per_rol"][profile.rol]
        if terms[niveau].rung > terms[cap].rung:
            text = texts["rol_begrenst"].format(rol=profile.rol, max=_name(terms, cap), gekozen=_name(terms, niveau))
            warnings.append(text)
            niveau, reason, driver = cap, text, "rol"
    if profile.doorlooptijd_weken is not None:
        niveau, reason, driver = _time_check(profile.doorlooptijd_weken, niveau, reason, driver, warnings, cat)
    return RungChoice(niveau, _with_promise(reason, niveau, cat), warnings, bepaald_door=driver)


def _time_check(weeks_available, niveau, reason, driver, warnings, cat):
    """Too little time for the rung: warn and take the highest rung that fits (the shortest method on it)."""
    from besliswijzer.advice.preconditions import feasible_rung, shortest_weeks

    terms, texts = cat.vocabulary["niveau"], cat.texts
    feasible = feasible_rung(niveau, weeks_available, cat)
    if feasible == niveau:
        return niveau, reason, driver
    if feasible is None:
        # Not even informing fits: informing is still the most that can honestly be done.
        lowest = min(terms, key=lambda ident: terms[ident].rung)
        text = texts["te_weinig_tijd_helemaal"].format(
            weken=weken(weeks_available), nodig=weken(shortest_weeks(cat)[lowest]))
        warnings.append(text)
        return lowest, text, "tijd"
    text = texts["te_weinig_tijd"].format(weken=weken(weeks_available), gekozen=_name(terms, niveau),
                                          nodig=weken(shortest_weeks(cat)[niveau]), haalbaar=_name(terms, feasible))
    warnings.append(text)
    return feasible, text, "tijd"




def _name(terms, niveau):
    """A rung's name inside a sentence: lower case."""
    return terms[niveau].label.lower()


def _with_promise(reason, niveau, cat):
    term = cat.vocabulary["niveau"][niveau]
    return f"{reason.strip()} {cat.texts['belofte'].format(belofte=term.promise)}"
