"""Typed definitions of the contract's payloads (the `custom` part of a bot message).

The same shapes twice: as TypedDicts for readers of the code, and as JSON Schema in
besliswijzer/data/payloads.schema.json for the actions, the web tests and the widget tests, which
validate every payload they send or render with `problems()` / `check()`. The contract may gain
fields, never lose or rename them; so extra keys are allowed.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Dict, List, Literal, Optional, TypedDict

from besliswijzer.reference.datafiles import DATA_DIR
from besliswijzer.errors import BesliswijzerError

SCHEMA_FILE = DATA_DIR / "payloads.schema.json"


class Bron(TypedDict):
    url: str
    titel: str


class _HerkomstVerplicht(TypedDict):
    soort: Literal["bron", "casussen", "schatting"]


class HerkomstWaarde(_HerkomstVerplicht, total=False):
    """Where one figure comes from (reference/provenance.py)."""
    url: str
    titel: str
    citaat: str
    casussen: List[str]


class _ProfielVerplicht(TypedDict):
    doelgroep: List[str]


class Profiel(_ProfielVerplicht, total=False):
    schaal: str
    thema: str
    beleidsfase: str
    niveau: str
    budget_euro: int
    doorlooptijd_weken: int
    gemeente: str


class _CombinatieVerplicht(TypedDict):
    methode: str
    tool: Optional[str]
    kanaal: Literal["fysiek", "online", "hybride"]
    score: float
    waarom: str
    kosten: Literal["laag", "midden", "hoog"]
    duur_weken: int


class Combinatie(_CombinatieVerplicht, total=False):
    tool_kanaal: Optional[str]
    duur_tekst: str              # "1 week", "6 weken" (text.dutch.weken)
    methode_naam: str
    tool_naam: Optional[str]
    vaardigheden: List[str]      # what the team needs (the method's skills)
    valkuilen: List[str]         # the method's pitfalls
    bronnen: List[Bron]          # pages that describe the method
    herkomst: Dict[str, HerkomstWaarde]   # kosten, duur_weken, bereik, geschikt_voor of the method
    herkomst_tekst: Dict[str, str]        # the same in plain Dutch: "schatting", "uit 4 casussen", "bron: ..."


class _CasusKortVerplicht(TypedDict):
    id: str
    titel: str
    gemeente: str


class CasusKort(_CasusKortVerplicht, total=False):
    gelijkenis: float
    voorbeeld: bool
    bronnen: List[Bron]
    uitkomst_bekend: Literal["ja", "deels", "nee"]
    uitkomst_tekst: str          # "Uitkomst niet bekend" / "Uitkomst deels bekend" / "" (cases.texts.outcome_label)
    licentie: Optional[str]      # URL of the licence of the case's facts (cases.licence)
    herkomst: Optional[str]      # the feed a followed case came from; None: this installation's own
    herkomst_tekst: str          # "Uit de casusbasis van HOST." or "" (cases.texts.origin_note)
    licentie_naam: str           # "CC BY-NC-SA 3.0" (cases.licence.licence_name)
    licentie_tekst: str          # "gegevens van Participedia (...); alleen niet-commercieel ..." or "" (texts.licence_note)


class _AdviesVerplicht(TypedDict):
    type: Literal["advies"]
    profiel: Profiel
    niveau: str
    niveau_toelichting: str
    combinaties: List[Combinatie]
    waarschuwingen: List[str]
    casussen: List[CasusKort]


class Advies(_AdviesVerplicht, total=False):
    niveau_naam: str             # the rung's display name ("Adviseren")


class Scores(TypedDict):
    effect: float
    meerwaarde: float
    houding: float
    competenties: float


class _EvaluatieVerplicht(TypedDict):
    type: Literal["evaluatie"]
    scores: Scores
    totaal: float
    sterk: List[str]
    verbeterpunten: List[str]
    casus_id: Optional[str]


class Evaluatie(_EvaluatieVerplicht, total=False):
    pijler_namen: Dict[str, str]  # pillar id -> display name ("Effect"), from data/evaluatie.yml
    totaal_tekst: str             # the total as the chat words it ("3,3"), so card and chat agree
    scores_tekst: Dict[str, str]  # pillar id -> its score as the chat words it
    inclusie: Dict[str, object]   # score (and score_tekst), wat_goed_ging, wat_beter_kan


class _CasusVerplicht(TypedDict):
    id: str
    titel: str
    gemeente: str
    methodes: List[str]
    tools: List[str]
    thema: Optional[str]
    doelgroepen: List[str]
    resultaat: str
    voorbeeld: bool


class Casus(_CasusVerplicht, total=False):
    bronnen: List[Bron]
    uitkomst_bekend: Optional[Literal["ja", "deels", "nee"]]
    uitkomst_tekst: str          # as in CasusKort
    licentie: Optional[str]      # as in CasusKort
    herkomst: Optional[str]
    herkomst_tekst: str
    licentie_naam: str
    licentie_tekst: str
    thema_naam: Optional[str]    # display names of the ids, in the same order
    methode_namen: List[str]
    tool_namen: List[str]
    doelgroep_namen: List[str]


class Casussen(TypedDict):
    type: Literal["casussen"]
    casussen: List[Casus]


class _UitlegVerplicht(TypedDict):
    type: Literal["uitleg"]
    onderwerp: str


class Uitleg(_UitlegVerplicht, total=False):
    soort: str
    titel: str
    tekst: str
    bronnen: List[Bron]


class VergelijkingItem(TypedDict, total=False):
    id: str
    naam: str                    # display name of the method or tool
    score: float
    voordelen: List[str]
    nadelen: List[str]


class Vergelijking(TypedDict):
    type: Literal["vergelijking"]
    items: List[VergelijkingItem]


class Citaat(TypedDict):
    url: str
    tekst: str


class _KennisVerplicht(TypedDict):
    """A sourced answer to an open question (besliswijzer/reference/knowledge.py)."""
    type: Literal["kennis"]
    onderwerp: str
    titel: str
    tekst: str
    bronnen: List[Bron]
    vervolg: List[str]


class KennisOptie(TypedDict):
    """One option of a comparing topic ("Online", "Op locatie"), side by side with the others."""
    naam: str
    wanneer: str                 # when this option fits
    voordelen: List[str]
    nadelen: List[str]


class Kennis(_KennisVerplicht, total=False):
    citaat: Citaat
    opties: List[KennisOptie]


TYPES = {"advies": Advies, "evaluatie": Evaluatie, "casussen": Casussen, "uitleg": Uitleg,
         "vergelijking": Vergelijking, "kennis": Kennis}


class PayloadError(BesliswijzerError):
    """A payload that does not follow the contract (a bug in the code that built it)."""


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _validator(kind: str):
    from jsonschema import Draft202012Validator

    full = schema()
    if kind == "*":
        return Draft202012Validator(full)
    return Draft202012Validator({"$defs": full["$defs"], "$ref": f"#/$defs/{kind}"})


def problems(payload) -> list:
    """Readable problems with a payload ([] when it follows the contract), checked against its own type."""
    if not isinstance(payload, dict) or payload.get("type") not in TYPES:
        return [f"onbekend payloadtype: {payload.get('type') if isinstance(payload, dict) else payload!r}"]
    errors = sorted(_validator(payload["type"]).iter_errors(payload), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(payload)'}: {e.message}" for e in errors]


def check(payload):
    """The payload itself when it follows the contract; else PayloadError naming every problem."""
    found = problems(payload)
    if found:
        raise PayloadError(f"Payload '{payload.get('type') if isinstance(payload, dict) else '?'}' "
                           "volgt het contract niet: " + "; ".join(found))
    return payload
