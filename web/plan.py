"""The participation plan in the web app: the profile from the link, the plan from the core.

besliswijzer.plan builds the plan (advise() is deterministic, so the plan shows the same advice as
the card it came from); this module only reads the link and names the downloads.
"""
from __future__ import annotations

from urllib.parse import urlencode

from . import texts

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


def build_plan(args):
    """The core's plan (besliswijzer.plan) for the profile in the link; raises PlanInputError for a bad link."""
    from besliswijzer.errors import BesliswijzerError
    from besliswijzer.plan.content import build_plan as core_plan

    raw = profile_from_query(args)
    if not raw.get("doelgroep"):
        raise PlanInputError("In de link staat geen doelgroep. " + texts.plan("ongeldig_uitleg"))
    try:
        # advise() opens the case database itself; when that is down it still advises
        # and says so in its warnings.
        return core_plan(raw)
    except BesliswijzerError as exc:
        raise PlanInputError(exc.message) from exc


def file_name(plan, suffix: str) -> str:
    """participatieplan-hengelo.docx: ASCII only, so every browser keeps it."""
    from besliswijzer.cases.fileformat import slug

    place = slug(plan.ondertitel, 40) if plan.ondertitel else ""
    return f"participatieplan{'-' + place if place and place != 'casus' else ''}.{suffix}"
