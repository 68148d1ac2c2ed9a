"""Choosing the rung of the participatieladder: preconditions first, then profile, goal or phase."""
from dataclasses import dataclass, field


@dataclass
class RungChoice:
    niveau: str
    toelichting: str
    warnings: list = field(default_factory=list)
    fixed: bool = False          # True: the rung may not be relaxed (no room for influence)


def choose_rung(profile, cat) -> RungChoice:
    rules, texts, terms = cat.rules, cat.texts, cat.vocabulary["niveau"]
    warnings = []
    if profile.ruimte_voor_invloed is False:
        # OECD precondition: without room for influence only informing is honest.
        if profile.niveau and profile.niveau != "informeren":
            warnings.append(texts["geen_invloed_niveau"].format(gekozen=_name(terms, profile.niveau)))
        warnings.insert(0, texts["geen_invloed"])
        return RungChoice("informeren", _with_promise(texts["geen_invloed_kort"], "informeren", cat), warnings, True)
    if profile.niveau:
        niveau, reason = profile.niveau, texts["niveau_uit_profiel"].format(label=_name(terms, profile.niveau))
        reason += " " + terms[niveau].description
    elif profile.doel:
        niveau = rules["niveau_per_doel"][profile.doel]
        reason = texts["niveau_uit_doel"].format(doel=profile.doel, label=_name(terms, niveau))
    elif profile.beleidsfase:
        entry = rules["niveau_per_fase"][profile.beleidsfase]
        niveau, reason = entry["niveau"], entry["reden"]
    else:
        niveau, reason = rules["niveau_standaard"]["niveau"], rules["niveau_standaard"]["reden"]
    if profile.rol:
        cap = rules["max_niveau_per_rol"][profile.rol]
        if terms[niveau].step > terms[cap].step:
            text = texts["rol_begrenst"].format(rol=profile.rol, max=_name(terms, cap), gekozen=_name(terms, niveau))
            warnings.append(text)
            niveau, reason = cap, text
    return RungChoice(niveau, _with_promise(reason, niveau, cat), warnings)


def _name(terms, niveau):
    """A rung's name inside a sentence: lower case."""
    return terms[niveau].label.lower()


def _with_promise(reason, niveau, cat):
    term = cat.vocabulary["niveau"][niveau]
    return f"{reason.strip()} {cat.texts['belofte'].format(belofte=term.promise)}"
