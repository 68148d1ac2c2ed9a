"""After an own evaluation: "werkte het elders beter?" and "welke van deze werkte het best?".

The comparison itself is the core's (cases/comparison.py); this module words it: the team's own
judgement per pillar first, then per case how its outcome is known and what its sources say about
the asked groups. The team's own case is never among "elsewhere".
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from besliswijzer.cases.texts import outcome_text, source_line
from besliswijzer.text.dutch import getal, lijst

from .common import catalogue, contract_payload, label, latest_text, mentioned_ids
from .teksten import tekst, teksten

__all__ = ["asks_best", "asks_elsewhere", "own_case_id", "send_best", "send_comparison"]

# "zijn er vergelijkbare trajecten elders die beter werkten?", "deden andere gemeenten het beter?"
ELSEWHERE = re.compile(r"\belders\b|\bandere gemeenten?\b|\bergens anders\b|\bbeter (?:werkte|werkten|ging|gingen|"
                       r"deden|gedaan)\b|\bhet beter\b|\bvergelijkbare? (?:trajecten|projecten|casussen|cases)\b",
                       re.IGNORECASE)
# "welke van deze werkte het best?", "wat was het meest succesvol?"
BEST = re.compile(r"\b(?:werkte|werkten|ging|liep|deed|scoorde)\w* (?:het )?best\w*\b|\bhet beste\b|\bbeste\b"
                  r"|\bmeest (?:succesvol|geslaagd)|\bwelke (?:is|was) (?:het )?beter\b", re.IGNORECASE)


def own_case_id(tracker: Tracker) -> Optional[str]:
    """The case the team saved in this conversation (the evaluatie payload after saving)."""
    return (tracker.get_slot("evaluatie_resultaat") or {}).get("casus_id")


def asks_elsewhere(tracker: Tracker) -> bool:
    return own_case_id(tracker) is not None and bool(ELSEWHERE.search(latest_text(tracker)))


def asks_best(text: str) -> bool:
    return bool(BEST.search(text or ""))


def asked_groups(tracker: Tracker) -> List[str]:
    return mentioned_ids(tracker, "doelgroep") or catalogue().find("doelgroep", latest_text(tracker))


def own_line(own: Dict[str, Any], payload: Dict[str, Any]) -> str:
    """The team's own judgement, weakest pillar named: what "better" is measured against."""
    scores = payload.get("scores") or {}
    names = teksten("evaluatie.pijlers")
    weakest = min(scores, key=scores.get) if scores else None
    text = tekst("vergelijk_elders.eigen", titel=own.get("titel", ""),
                 totaal=payload.get("totaal_tekst") or getal(payload.get("totaal") or own.get("totaal") or 0))
    if weakest:
        text += " " + tekst("vergelijk_elders.zwakst", pijler=names.get(weakest, weakest), score=getal(scores[weakest]))
    return text


def case_block(number: int, compared, own_total: Optional[float], groups: List[str]) -> str:
    case = compared.case
    lines = [tekst("vergelijk_elders.kop", nummer=number, titel=case.get("titel", ""), gemeente=case.get("gemeente", ""))]
    if compared.assessed is not None:
        verdict = ""
        if own_total is not None:
            verdict = tekst("vergelijk_elders.hoger" if compared.assessed > own_total else "vergelijk_elders.niet_hoger")
        lines.append(tekst("vergelijk_elders.beoordeeld", totaal=getal(compared.assessed), oordeel=verdict).strip())
    lines.append(tekst("vergelijk_elders.uitkomst", uitkomst=outcome_text(case)))
    group_names = lijst([label("doelgroep", g).lower() for g in groups])
    if groups and compared.lines:
        lines.append(tekst("vergelijk_elders.over_groep", groep=group_names))
        lines.extend(f"  - {name}: {text.rstrip('.')}." for name, text in compared.lines)
    elif groups:
        lines.append(tekst("vergelijk_elders.niets_over_groep", groep=group_names))
    lines.append(source_line(case))
    return "\n".join(lines)


def send_comparison(dispatcher: CollectingDispatcher, tracker: Tracker, session) -> List[EventType]:
    """The team's case against similar cases elsewhere; remembers the shown ids for follow-ups."""
    from besliswijzer.cases.comparison import compare_elsewhere
    from besliswijzer.cases.store import cases_payload

    groups = asked_groups(tracker)
    payload = tracker.get_slot("evaluatie_resultaat") or {}
    own, found = compare_elsewhere(session, own_case_id(tracker), groups,
                                   leave_out_gemeente=tracker.get_slot("gemeente"))
    if not found:
        dispatcher.utter_message(text=tekst("vergelijk_elders.niets"))
        return []
    blocks = [own_line(own, payload), tekst("vergelijk_elders.intro", aantal=len(found))]
    blocks += [case_block(i, c, payload.get("totaal"), groups) for i, c in enumerate(found, 1)]
    blocks.append(tekst("vergelijk_elders.eerlijk"))
    cases = [c.case for c in found]
    dispatcher.utter_message(text="\n\n".join(blocks), json_message=contract_payload(cases_payload(cases)))
    return [SlotSet("casus_lijst", [c["id"] for c in cases])]


def send_best(dispatcher: CollectingDispatcher, tracker: Tracker, shown: List[dict]) -> List[EventType]:
    """The shown cases ranked, each with its reasons; says plainly when outcomes are not known."""
    from besliswijzer.cases.comparison import rank_best

    groups = asked_groups(tracker) or _groups_asked_before(tracker)
    ranked = rank_best(shown, groups)
    lines = [tekst("vergelijk_elders.beste_kop")]
    for place, (case, reasons) in enumerate(ranked, 1):
        words = []
        for kind, value, extra in reasons:
            if kind == "totaal":
                words.append(tekst("vergelijk_elders.reden_totaal", totaal=getal(value), wie=extra))
            elif kind == "bekend":
                words.append(teksten("vergelijk_elders.reden_bekend")[value])
            elif kind == "werkte":
                words.append(tekst("vergelijk_elders.reden_werkte", tekst=value.rstrip(".")))
            elif kind == "groep":
                words.append(tekst("vergelijk_elders.reden_groep", tekst=value.rstrip("."), veld=extra))
        lines.append(tekst("vergelijk_elders.beste_regel", plek=place, titel=case.get("titel", ""),
                           gemeente=case.get("gemeente", ""), redenen="; ".join(words)))
    if all(case.get("uitkomst_bekend") == "nee" for case in shown):
        lines.append(tekst("vergelijk_elders.geen_uitkomsten"))
    else:
        lines.append(tekst("vergelijk_elders.beste_noot"))
    dispatcher.utter_message(text="\n".join(lines))
    return []


def _groups_asked_before(tracker: Tracker) -> List[str]:
    """The groups of the question that showed these cases ("... hoe ze jongeren erbij kregen?")."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if not seen_latest:
            seen_latest = True
            continue
        text = event.get("text") or ""
        if ELSEWHERE.search(text):
            return catalogue().find("doelgroep", text)
    return []
