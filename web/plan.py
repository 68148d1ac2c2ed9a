"""The printable participation plan: the advice recomputed from the profile in the link.

advise() is deterministic, so the plan shows the same advice as the card it came from.
"""
from __future__ import annotations

from urllib.parse import urlencode

from besliswijzer.text.dutch import euro, lijst, weken

from . import labels, texts

TEXT_KEYS = ("schaal", "thema", "beleidsfase", "niveau", "gemeente", "doel", "rol", "onderwerp")
INT_KEYS = ("budget_euro", "doorlooptijd_weken")
MAX_VALUE_CHARS = 100


class PlanInputError(Exception):
    """The link's data cannot make a plan; ``message`` is Dutch for the reader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def profile_from_query(args) -> dict:
    """Query parameters (werkzeug MultiDict) -> profile dict with contract keys."""
    profile: dict = {}
    doelgroep = [v.strip() for value in args.getlist("doelgroep") for v in value.split(",")
                 if v.strip()]
    if doelgroep:
        profile["doelgroep"] = doelgroep
    for key in TEXT_KEYS:
        value = (args.get(key) or "").strip()
        if value:
            profile[key] = value
    room = (args.get("ruimte_voor_invloed") or "").strip().lower()
    if room in ("ja", "nee"):
        profile["ruimte_voor_invloed"] = room == "ja"
    elif room:
        raise PlanInputError(texts.plan("ongeldig_uitleg"))
    for key in INT_KEYS:
        value = (args.get(key) or "").strip()
        if value:
            if not value.isdigit():
                name = "het budget" if key == "budget_euro" else "de doorlooptijd"
                raise PlanInputError(f"In de link staat geen geldig getal voor {name}. "
                                     + texts.plan("ongeldig_uitleg"))
            profile[key] = int(value)
    for value in [*profile.get("doelgroep", []), *(profile.get(k) for k in TEXT_KEYS)]:
        if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
            raise PlanInputError(texts.plan("ongeldig_uitleg"))
    return profile


def plan_query(profile: dict) -> str:
    """The query string for a profile (the widget builds the same one)."""
    pairs = [("doelgroep", d) for d in profile.get("doelgroep", [])]
    pairs += [(k, profile[k]) for k in (*TEXT_KEYS, *INT_KEYS) if profile.get(k) is not None]
    if profile.get("ruimte_voor_invloed") is not None:
        pairs.append(("ruimte_voor_invloed", "ja" if profile["ruimte_voor_invloed"] else "nee"))
    return urlencode(pairs)


def build_plan(args) -> dict:
    """Everything the plan template needs; raises PlanInputError for a bad link."""
    from besliswijzer.advice.engine import advise
    from besliswijzer.errors import BesliswijzerError
    from besliswijzer.advice.profile import Profile

    raw = profile_from_query(args)
    if not raw.get("doelgroep"):
        raise PlanInputError("In de link staat geen doelgroep. " + texts.plan("ongeldig_uitleg"))
    try:
        profile = Profile.from_dict(raw)
    except BesliswijzerError as exc:
        raise PlanInputError(exc.message) from exc
    try:
        # advise() opens the case database itself; when that is down it still advises
        # and says so in its warnings.
        advice = advise(profile)
    except BesliswijzerError as exc:
        raise PlanInputError(exc.message) from exc
    from besliswijzer.cases.texts import outcome_note, sources

    return {"advies": advice, "profiel_rijen": profile_rows(advice.get("profiel") or raw),
            "label": labels.label, "weken": weken, "checklist": texts.checklist(),
            "bronnen": sources, "uitkomst_noot": outcome_note}


PROFILE_FIELDS = [
    ("doelgroep", "Doelgroep"), ("schaal", "Schaal"), ("thema", "Thema"),
    ("beleidsfase", "Beleidsfase"), ("niveau", "Niveau van participatie"),
    ("budget_euro", "Budget"), ("doorlooptijd_weken", "Tijd tot het besluit"), ("gemeente", "Gemeente"),
    ("ruimte_voor_invloed", "Ruimte voor invloed"), ("doel", "Doel"), ("rol", "Rol van de gemeente"),
]


def profile_rows(profile: dict) -> list[tuple[str, str]]:
    rows = []
    for key, title in PROFILE_FIELDS:
        value = profile.get(key)
        if value is None or value == []:
            continue
        if key == "doelgroep":
            shown = lijst(labels.label(v) for v in value)
        elif key == "budget_euro":
            shown = euro(value)
        elif key == "doorlooptijd_weken":
            shown = weken(value)
        elif key == "ruimte_voor_invloed":
            shown = "ja, er is nog iets te kiezen" if value else "nee, het besluit is al genomen"
        elif key in ("gemeente", "doel", "rol"):
            shown = str(value)
        else:
            shown = labels.label(value)
        rows.append((title, shown))
    return rows
