"""Follow-up questions about the cases just shown: what came out of it, how they did it, which
source, and more like one of them ("wat kwam daaruit?", "meer zoals de tweede")."""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from besliswijzer.text.dutch import lijst
from besliswijzer.text.fold import normalise
from besliswijzer.reference.places import load_regions
from besliswijzer.cases.texts import licence_line, outcome_text, sources
from besliswijzer.errors import BesliswijzerError

from .casussen import send_cases
from .common import (button, catalogue, contract_payload, database, intent_payload, label, latest_text, mentioned_ids,
                     tell_error)
from .teksten import tekst
from .vergelijk_elders import asks_best, send_best

# What the user asks about the shown cases; the first aspect whose words occur wins, else "uitkomst".
ASPECTS = (
    ("duur", re.compile(r"\bhoe ?lang\b|\bduurde\b|\bduur\b|\blooptijd\b|\bhoeveel tijd\b", re.I)),
    ("kosten", re.compile(r"\bkost(?:te|ten|en)?\b|\bhoe ?duur\b|\bbudget\b|\bgeld\b|\bprijs\b", re.I)),
    ("bron", re.compile(r"\bbron(?:nen)?\b|\blinks?\b|\bwaar (?:staat|komt|lees|vind|haal)|\bgelezen\b", re.I)),
    ("meer", re.compile(r"\bmeer (?:zoals|als|van|in de stijl)|\bvergelijkbaar|\blijk(?:t|en) op\b|\bsoortgelijk"
                        r"|\bmeer van dat|\bnog meer\b|\bandere zoals\b", re.I)),
    # "en in een kleine gemeente?", "werkt dat ook in een dorp?": the shown cases at the scale of a village
    ("klein", re.compile(r"\bklein(?:e|ere)? (?:gemeente|dorp|kern|plaats)\w*|\bkleinschalig|\bplatteland"
                         r"|\b(?:in|op) (?:een|het|ons) dorp\b|\bdorpen\b|\bkernen\b", re.I)),
    ("aanpak", re.compile(r"\bhoe (?:hebben|hadden|deden|zijn|kregen|pakten|gingen|werden)\b|\baanpak|\baangepakt"
                          r"|\bbereikt|\bgeworven|\bwerving|\bwerkvorm|\bmethode|\bgedaan\b|\bwat werkte\b"
                          r"|\bwat ging (?:er )?(?:goed|mis)", re.I)),
)
SMALL_SCALES = ("straat", "buurt", "kern")   # vocabulaire.yml: a street, a neighbourhood, a village
ORDINALS = {"eerste": 0, "1e": 0, "bovenste": 0, "tweede": 1, "2e": 1, "derde": 2, "3e": 2, "vierde": 3,
            "4e": 3, "vijfde": 4, "5e": 4, "laatste": -1, "onderste": -1}
NUMBERED = re.compile(r"\bnummer (\d)\b|\bnr\.? ?(\d)\b", re.I)


def aspect_of(text: str) -> str:
    for name, pattern in ASPECTS:
        if pattern.search(text or ""):
            return name
    return "uitkomst"


def picked_positions(text: str, shown: List[dict]) -> Optional[List[int]]:
    """Which of the shown cases the user means: "de tweede", "nummer 3", "die in Zwolle". None: all of them."""
    words = normalise(text).split()
    positions = []
    for word in words:
        if word in ORDINALS:
            index = ORDINALS[word]
            positions.append(index if index >= 0 else len(shown) - 1)
    for match in NUMBERED.finditer(text or ""):
        positions.append(int(match.group(1) or match.group(2)) - 1)
    if not positions:
        norm = f" {normalise(text)} "
        for i, case in enumerate(shown):
            place = normalise(str(case.get("gemeente") or "").split("(")[0])
            if place and f" {place} " in norm:
                positions.append(i)
    if not positions:
        # "die uit Overijssel?", "en in Twente?": the shown cases that lie in a province or region named
        regions = load_regions()
        named = regions.find(text)
        for place in named:
            positions += [i for i, case in enumerate(shown)
                          if i not in positions and regions.contains(place, case.get("gemeente"))]
        if named and not positions:
            return []                    # named, but none of the shown cases lies there
    if not positions:
        # "die van Lattrop-Breklenkamp": a word of the title that only some of the shown cases have
        words = {w for w in normalise(text).split() if len(w) >= 5}
        titled = [i for i, case in enumerate(shown) if words & set(normalise(str(case.get("titel") or "")).split())]
        if len(titled) < len(shown):
            positions = titled
    return positions or None


def _sentence(items) -> str:
    if isinstance(items, str):
        items = [items]
    return "; ".join(str(i).strip().rstrip(".") for i in items or [] if i) + "."


def heading(case: dict) -> str:
    return tekst("casus_vervolg.kop", titel=case.get("titel", ""), gemeente=case.get("gemeente", ""))


def outcome_answer(case: dict) -> str:
    return tekst("casus_vervolg.uitkomst", kop=heading(case), uitkomst=outcome_text(case))


def approach_answer(case: dict, groups: List[str]) -> str:
    lines = [heading(case) + ". " + tekst("casus_vervolg.aanpak_kop")]
    methods = [label("methode", m) for m in case.get("methodes") or []]
    original = case.get("origineel") or {}
    # The source's own names beside the catalogue's, each method once ("Burgerberaad" and "burgerberaad")
    seen = {normalise(m) for m in methods}
    for name in original.get("methoden") or []:
        if isinstance(name, str) and normalise(name) not in seen and len(methods) < 6:
            seen.add(normalise(name))
            methods.append(name)
    if methods:
        lines.append(tekst("casus_vervolg.werkvormen", lijst=lijst(methods[:6])))
    tools = [label("tool", t) for t in case.get("tools") or []]
    if tools:
        lines.append(tekst("casus_vervolg.tools", lijst=lijst(tools)))
    if case.get("wat_gebeurde"):
        lines.append(tekst("casus_vervolg.gebeurde", tekst=_sentence(case["wat_gebeurde"])))
    if case.get("werving"):
        lines.append(tekst("casus_vervolg.werving", tekst=_sentence(case["werving"])))
    if case.get("wat_werkte"):
        lines.append(tekst("casus_vervolg.werkte", tekst=_sentence(case["wat_werkte"])))
    if case.get("wat_niet"):
        lines.append(tekst("casus_vervolg.werkte_niet", tekst=_sentence(case["wat_niet"])))
    if len(lines) == 1:
        lines.append(tekst("casus_vervolg.aanpak_onbekend"))
    missing = [g for g in groups if g not in (case.get("doelgroepen") or [])]
    if missing:
        lines.append(tekst("casus_vervolg.doelgroep_niet",
                           doelgroep=lijst([label("doelgroep", g).lower() for g in missing])))
    return "\n".join(lines)


def fact_answer(aspect: str, case: dict) -> str:
    """How long it took or what it cost, as the case's own fields say, with where that is written."""
    if aspect == "duur":
        value = case.get("duur") or case.get("periode")
    else:
        value = case.get("kosten")
        if case.get("budget_te_verdelen"):
            value = "; ".join(v for v in (value, tekst("casus_vervolg.te_verdelen",
                                                          bedrag=case["budget_te_verdelen"])) if v)
    if not value:
        return tekst(f"casus_vervolg.{aspect}_onbekend", kop=heading(case))
    sources = [s for s in case.get("bronnen") or [] if s.get("url")][:1]
    bron = tekst("casus_vervolg.volgens", titel=sources[0]["titel"], url=sources[0]["url"]) if sources else ""
    return tekst(f"casus_vervolg.{aspect}", kop=heading(case), waarde=str(value).strip().rstrip("."), bron=bron)


def source_answer(case: dict) -> str:
    if case.get("voorbeeld"):
        return tekst("casus_vervolg.voorbeeld", kop=heading(case))
    found = sources(case)
    if not found:
        return tekst("casus_vervolg.geen_bron", kop=heading(case))
    licence = licence_line(case)
    return "\n".join([tekst("casus_vervolg.bronnen_kop", kop=heading(case)),
                      *(tekst("casus_vervolg.bron_regel", titel=s["titel"], url=s["url"]) for s in found),
                      *([licence] if licence else [])])


def similar_to(session, case: dict, shown_ids: List[str], limit: int = 3) -> List[dict]:
    """Cases most like this one (its groups, theme, scale, level), without the ones already shown."""
    from besliswijzer.cases.store import similar_cases
    from besliswijzer.advice.profile import Profile

    profile = {"doelgroep": list(case.get("doelgroepen") or []) or ["inwoners"]}
    for key in ("thema", "schaal", "niveau"):
        if case.get(key):
            profile[key] = case[key]
    found = similar_cases(session, Profile.from_dict(profile), limit=limit + len(shown_ids) + 1)
    return [c for c in found if c["id"] != case["id"] and c["id"] not in shown_ids][:limit]


class ActionCasusDoorvragen(Action):
    def name(self) -> Text:
        return "action_casus_doorvragen"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        from besliswijzer.cases.store import case_facts

        ids = list(tracker.get_slot("casus_lijst") or [])
        if not ids:
            # No cases shown yet, so "hoe bindend is de uitkomst van een burgerpanel?" is an open question.
            from .uitleg import answer_open_question, has_open_answer
            if has_open_answer(tracker):
                return answer_open_question(dispatcher, tracker, domain)
            dispatcher.utter_message(text=tekst("casus_vervolg.geen_lijst"))
            return []
        text = latest_text(tracker)
        aspect = aspect_of(text)
        try:
            with database() as session:
                shown = []
                for case_id in ids:
                    try:
                        shown.append(case_facts(session, case_id))
                    except BesliswijzerError:
                        continue  # removed since it was shown
                if not shown:
                    dispatcher.utter_message(text=tekst("casus_vervolg.geen_lijst"))
                    return []
                positions = picked_positions(text, shown)
                if positions == []:          # "die uit Overijssel?" and none of them is
                    return self.none_there(dispatcher, text)
                if positions and any(not 0 <= p < len(shown) for p in positions):
                    dispatcher.utter_message(text=tekst("casus_vervolg.buiten_lijst", aantal=len(shown)))
                    return []
                picked = [shown[p] for p in positions] if positions else shown
                if asks_best(text) and len(picked) > 1:
                    return send_best(dispatcher, tracker, picked)   # "welke van deze werkte het best?"
                if aspect == "meer":
                    return self.more_like(dispatcher, session, picked[0], ids)
                if aspect == "klein":
                    return self.small_places(dispatcher, session, picked, ids)
                return self.answer(dispatcher, tracker, aspect, picked)
        except BesliswijzerError as error:
            tell_error(dispatcher, error)
        return []

    @staticmethod
    def small_places(dispatcher: CollectingDispatcher, session, picked: List[dict], shown_ids: List[str]) -> List[EventType]:
        """The cases at the scale of a village or neighbourhood: among those shown, else like them. How many
        inhabitants a municipality has is not in the cases, so the bot goes by the scale the sources give."""
        small = [case for case in picked if case.get("schaal") in SMALL_SCALES]
        if small:
            dispatcher.utter_message(text="\n\n".join([tekst("casus_vervolg.klein_kop")] +
                                                        [outcome_answer(case) for case in small]))
            return []
        found = []
        for case in picked:
            found += [c for c in similar_to(session, dict(case, schaal="kern"), shown_ids, limit=10)
                      if c.get("schaal") in SMALL_SCALES and c["id"] not in {f["id"] for f in found}]
        if not found:
            dispatcher.utter_message(text=tekst("casus_vervolg.klein_niets"))
            return []
        return send_cases(dispatcher, tekst("casus_vervolg.klein_elders"), found[:3])

    @staticmethod
    def none_there(dispatcher: CollectingDispatcher, text: str) -> List[EventType]:
        place = load_regions().find(text)[0].name
        dispatcher.utter_message(text=tekst("casus_vervolg.niet_daar", plaats=place), buttons=[
            button(tekst("casus_vervolg.voorbeelden_uit", plaats=place), intent_payload("casus_zoeken", {"regio": place}))])
        return []

    @staticmethod
    def answer(dispatcher: CollectingDispatcher, tracker: Tracker, aspect: str, picked: List[dict]) -> List[EventType]:
        from besliswijzer.cases.store import cases_payload

        groups = mentioned_ids(tracker, "doelgroep") or catalogue().find("doelgroep", latest_text(tracker))
        parts: Dict[str, callable] = {"uitkomst": outcome_answer, "bron": source_answer,
                                      "aanpak": lambda case: approach_answer(case, groups),
                                      "duur": lambda case: fact_answer("duur", case),
                                      "kosten": lambda case: fact_answer("kosten", case)}
        text = "\n\n".join(parts[aspect](case) for case in picked)
        # The sources as links on a card: only when asked for them, the list itself already has them.
        payload = contract_payload(cases_payload(picked)) if aspect == "bron" else None
        dispatcher.utter_message(text=text, json_message=payload)
        return []

    @staticmethod
    def more_like(dispatcher: CollectingDispatcher, session, case: dict, shown_ids: List[str]) -> List[EventType]:
        found = similar_to(session, case, shown_ids)
        if not found:
            dispatcher.utter_message(text=tekst("casus_vervolg.meer_niets", titel=case.get("titel", "")))
            return []
        return send_cases(dispatcher, tekst("casus_vervolg.meer_kop", titel=case.get("titel", ""),
                                            gemeente=case.get("gemeente", "")), found)
