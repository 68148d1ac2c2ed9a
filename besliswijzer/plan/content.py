"""What the participation plan says: a typed plan built from a profile and its advice.

The one owner of the plan's content. The HTML page (web/), the Word file (docx.py) and the
LibreOffice file (odt.py) render the same `Plan`; none of them adds words of its own. The texts
come from data/plan.yml, the legal and background paragraphs from the knowledge base
(data/kennis.yml) with their sources. Places only the professional can fill in read
"[in te vullen door u: ...]" (see FILL_IN).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from besliswijzer.cases.licence import licence_of, non_commercial
from besliswijzer.cases.texts import licence_line, origin_note, outcome_note, sources
from besliswijzer.errors import DataFileError
from besliswijzer.reference.datafiles import read_yaml
from besliswijzer.text.dutch import euro, lijst, weken

__all__ = ["Bullets", "Facts", "FILL_IN", "Heading", "Link", "Links", "Paragraph", "Plan", "Section", "Table",
           "build_plan", "plan_texts", "split_fill_ins"]

FILE = "plan.yml"
# A place the professional fills in; renderers mark it (highlight, character style "Invullen").
FILL_IN = re.compile(r"\[in te vullen door u: [^\]]*\]")


@dataclass(frozen=True)
class Link:
    titel: str
    url: str


@dataclass(frozen=True)
class Paragraph:
    tekst: str
    soort: str = field(default="alinea", init=False)


@dataclass(frozen=True)
class Heading:
    """A heading inside a section: niveau 2 (under the section's own heading) or 3."""
    tekst: str
    niveau: int = 2
    soort: str = field(default="kop", init=False)


@dataclass(frozen=True)
class Bullets:
    punten: tuple
    soort: str = field(default="punten", init=False)


@dataclass(frozen=True)
class Facts:
    """Name-value rows, such as the profile."""
    rijen: tuple            # ((naam, waarde), ...)
    soort: str = field(default="feiten", init=False)


@dataclass(frozen=True)
class Table:
    kolommen: tuple
    rijen: tuple            # tuples of cells, as many as kolommen
    soort: str = field(default="tabel", init=False)


@dataclass(frozen=True)
class Links:
    """Sources: each a title with its address."""
    titel: str
    links: tuple            # (Link, ...)
    soort: str = field(default="bronnen", init=False)


@dataclass(frozen=True)
class Section:
    id: str
    kop: str
    blokken: tuple


@dataclass(frozen=True)
class Plan:
    titel: str
    ondertitel: str         # the municipality, when the profile names one
    intro: str
    secties: tuple
    profiel: dict           # the profile as understood (contract keys)
    advies: dict            # the advice payload the plan was made from

    def section(self, ident: str) -> Section:
        return next(s for s in self.secties if s.id == ident)

    def as_dict(self) -> dict:
        """Plain data (for templates): every block as a dict with its `soort`."""
        def block(b):
            data = {"soort": b.soort, **{k: getattr(b, k) for k in b.__dataclass_fields__ if k != "soort"}}
            if isinstance(b, Links):
                data["links"] = [{"titel": link.titel, "url": link.url} for link in b.links]
            return data
        return {"titel": self.titel, "ondertitel": self.ondertitel, "intro": self.intro,
                "secties": [{"id": s.id, "kop": s.kop, "blokken": [block(b) for b in s.blokken]}
                            for s in self.secties]}


def split_fill_ins(text: str) -> list:
    """[(piece, is_fill_in), ...] in order; renderers style the fill-in pieces."""
    pieces, at = [], 0
    for match in FILL_IN.finditer(text):
        if match.start() > at:
            pieces.append((text[at:match.start()], False))
        pieces.append((match.group(0), True))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


@lru_cache(maxsize=1)
def plan_texts() -> dict:
    doc = read_yaml(FILE)
    if not isinstance(doc, dict) or not isinstance(doc.get("secties"), dict):
        raise DataFileError(f"{FILE}: verwacht 'secties' met de teksten per sectie.")
    for ident, section in doc["secties"].items():
        if not isinstance(section, dict) or not isinstance(section.get("kop"), str):
            raise DataFileError(f"{FILE}, sectie '{ident}': verwacht een 'kop'.")
    return doc


class _Builder:
    """Builds the sections of one plan; each method returns one Section."""

    def __init__(self, profile: dict, advice: dict, cat):
        self.p, self.a, self.cat = profile, advice, cat
        self.t = plan_texts()
        self.combos = list(advice.get("combinaties") or [])
        self.best = self.combos[0] if self.combos else None

    # --- helpers ---------------------------------------------------------------------------

    def fill(self, what: str) -> str:
        return self.t["invullen"].format(wat=what)

    def s(self, section: str) -> dict:
        return self.t["secties"][section]

    def label(self, entity, ident) -> str:
        return self.cat.label(entity, ident)

    def rung(self):
        ident = self.a.get("niveau") or self.p.get("niveau")
        return self.cat.vocabulary["niveau"].get(ident) if ident else None

    def combo_name(self, combo) -> str:
        texts = self.s("werkvormen")
        method = combo.get("methode_naam") or self.label("methode", combo.get("methode"))
        if not combo.get("tool"):
            return texts["zonder_tool"].format(methode=method)
        return texts["met_tool"].format(methode=method,
                                        tool=combo.get("tool_naam") or self.label("tool", combo["tool"]))

    def knowledge(self, section: str) -> list:
        """The knowledge topic named in plan.yml for this section: its answer and its sources."""
        from besliswijzer.reference.knowledge import topic

        ident = self.s(section).get("kennis")
        if not ident:
            return []
        found = topic(ident)
        return [Paragraph(found.antwoord),
                Links(self.t["meer_lezen"], tuple(Link(s["titel"], s["url"]) for s in found.bronnen))]

    def groups(self) -> str:
        return lijst(self.label("doelgroep", g).lower() for g in self.p.get("doelgroep") or [])

    # --- sections --------------------------------------------------------------------------

    def aanleiding(self):
        t = self.s("aanleiding")
        blocks = [Paragraph(self.fill(t["aanleiding"])), Heading(t["situatie"]), Facts(tuple(self.profile_rows()))]
        doel = self.p.get("doel")
        if doel:
            blocks.append(Paragraph(t["doel"].format(doel=self.label_precondition("doel", doel).lower(),
                                                     uitleg=t["doelen"][doel])))
        else:
            blocks.append(Paragraph(self.fill(t["doel_open"])))
        return blocks

    def trede(self):
        t, term = self.s("trede"), self.rung()
        if term is None:
            return [Paragraph(self.fill(t["open"]))]
        blocks = [Paragraph(t["trede"].format(niveau=term.label, stap=term.rung))]
        if self.a.get("niveau_toelichting"):
            blocks.append(Paragraph(self.a["niveau_toelichting"]))
        if term.promise and term.promise not in (self.a.get("niveau_toelichting") or ""):
            blocks.append(Paragraph(t["belofte"].format(belofte=term.promise)))
        return blocks

    def ruimte(self):
        t = self.s("ruimte")
        blocks = []
        room = self.p.get("ruimte_voor_invloed")
        if room is False:
            blocks.append(Paragraph(t["geen_ruimte"]))
        elif room is True:
            blocks.append(Paragraph(t["wel_ruimte"]))
        choices = self.a.get("resterende_keuzes") or []
        if choices:
            blocks += [Heading(t["keuzes"]), Bullets(tuple(choices))]
        blocks += [Paragraph(self.fill(t["vast"])), Paragraph(self.fill(t["open"]))]
        return blocks + self.knowledge("ruimte")

    def rollen(self):
        t = self.s("rollen")
        blocks = [Paragraph(f"{t['besluit_kop']} {self.fill(t['besluit'])}"),
                  Paragraph(f"{t['raad_kop']} {self.fill(t['raad'])}"),
                  Paragraph(f"{t['college_kop']} {self.fill(t['college'])}")]
        rol = self.p.get("rol")
        if rol:
            blocks.append(Paragraph(t["rol"].format(rol=self.label_precondition("rol", rol).lower(),
                                                    uitleg=t["rollen"][rol])))
        return blocks

    def wettelijk(self):
        t = self.s("wettelijk")
        theme = self.p.get("thema")
        if theme:
            key = "fysiek" if theme in t["fysieke_leefomgeving"] else "niet_fysiek"
            intro = t[key].format(thema=self.label("thema", theme).lower())
        else:
            intro = t["geen_thema"]
        blocks = [Heading(t["verplicht_kop"]), Paragraph(intro), Paragraph(self.fill(t["verplicht"]))]
        blocks += self.knowledge("wettelijk")
        blocks += [Heading(t["verordening_kop"]), Paragraph(" ".join(t["verordening"].split())),
                   Links(self.t["meer_lezen"], tuple(Link(s["titel"], s["url"]) for s in t["verordening_bronnen"])),
                   Paragraph(self.fill(t["verordening_open"])),
                   Heading(t["inspraak_kop"]), Paragraph(self.fill(t["inspraak"])),
                   Heading(t["motivering_kop"]), Paragraph(" ".join(t["motivering_intro"].split())),
                   Paragraph(self.motivation())]
        return blocks

    def motivation(self) -> str:
        """The draft participation paragraph for the decision (the Omgevingswet's motiveringsplicht)."""
        t = self.s("wettelijk")
        approach = self.combo_name(self.best).lower() if self.best else self.fill("welke werkvormen")
        groups = self.groups() or self.fill("wie")
        term = self.rung()
        if term is not None:
            promise = term.promise or ""
            text = t["motivering"].format(doelgroepen=groups, niveau=term.label.lower(),
                                          belofte_kort=f"\u201c{promise}\u201d" if promise else "", aanpak=approach)
        else:
            text = t["motivering_geen_niveau"].format(doelgroepen=groups, aanpak=approach)
        parts = [" ".join(text.split())]
        doel = self.p.get("doel")
        if doel:
            parts.append(t["motivering_doel"].format(doel=self.label_precondition("doel", doel).lower(),
                                                     uitleg=self.s("aanleiding")["doelen"][doel]))
        parts += [self.fill(q) for q in t["motivering_open"]]
        return " ".join(parts)

    def belanghebbenden(self):
        t = self.s("belanghebbenden")
        rows = []
        for ident in self.p.get("doelgroep") or []:
            term = self.cat.vocabulary["doelgroep"].get(ident)
            notes = [t["moeilijk"]] if term and term.hard_to_reach else []
            notes += [t["digitaal"]] if term and term.digital_vulnerable else []
            rows.append(self.label("doelgroep", ident) + (f" ({', '.join(notes)})" if notes else ""))
        blocks = [Heading(t["doelgroepen"]), Bullets(tuple(rows))]
        inclusion = self.a.get("inclusie") or {}
        if inclusion.get("maatregelen"):
            blocks += [Heading(t["inclusie"])]
            if inclusion.get("toelichting"):
                blocks.append(Paragraph(inclusion["toelichting"]))
            blocks.append(Bullets(tuple(inclusion["maatregelen"])))
        blocks += [Paragraph(self.fill(t["anderen"])), Paragraph(self.fill(t["bereiken"]))]
        return blocks + self.knowledge("belanghebbenden")

    def werkvormen(self):
        t = self.s("werkvormen")
        blocks = []
        for i, combo in enumerate(self.combos):
            name = self.combo_name(combo)
            blocks.append(Heading(t["eerste" if i == 0 else "alternatief"].format(naam=name)))
            origin = combo.get("herkomst_tekst") or {}
            facts = [(t["kanaal"], combo.get("kanaal") or ""),
                     (t["kosten"], self.with_origin(combo.get("kosten") or "", origin.get("kosten")))]
            if combo.get("duur_weken") is not None:
                facts.append((t["duur"], self.with_origin(combo.get("duur_tekst") or weken(combo["duur_weken"]),
                                                          origin.get("duur_weken"))))
            blocks.append(Facts(tuple(facts)))
            if combo.get("waarom"):
                blocks.append(Paragraph(t["waarom"].format(waarom=combo["waarom"])))
            if combo.get("vaardigheden"):
                blocks += [Heading(t["vaardigheden"], 3), Bullets(tuple(combo["vaardigheden"]))]
            if combo.get("valkuilen"):
                blocks += [Heading(t["valkuilen"], 3), Bullets(tuple(combo["valkuilen"]))]
            links = tuple(Link(s["titel"], s["url"]) for s in sources(combo))
            if links:
                blocks.append(Links(self.t["meer_lezen"], links))
            if i == 0:
                blocks.append(Paragraph(self.fill(t["keuze"])))
        if any(c.get("herkomst_tekst") for c in self.combos):
            blocks.append(Paragraph(" ".join(t["herkomst_uitleg"].split())))
        if self.a.get("waarschuwingen"):
            blocks += [Heading(t["let_op"]), Bullets(tuple(self.a["waarschuwingen"]))]
        return blocks

    def with_origin(self, value, origin) -> str:
        """"laag (schatting)", "26 weken (uit 5 casussen)": a figure with where it comes from."""
        return self.s("werkvormen")["met_herkomst"].format(waarde=value, herkomst=origin) if value and origin else value

    def communicatie(self):
        t = self.s("communicatie")
        blocks = [Bullets(tuple(t["momenten"]))]
        channels = []
        if self.best:
            for key, name_key in (("methode", "methode_naam"), ("tool", "tool_naam")):
                if self.best.get(key):
                    channels.append(self.best.get(name_key) or self.label(key, self.best[key]))
        if channels:
            blocks.append(Paragraph(t["kanalen"].format(kanalen=lijst(channels))))
        if (self.a.get("inclusie") or {}).get("groepen"):
            blocks.append(Paragraph(t["zonder_internet"]))
        blocks += [Paragraph(self.fill(t["open_kanalen"])), Paragraph(self.fill(t["open_contact"]))]
        return blocks + self.knowledge("communicatie")

    def planning(self):
        t = self.s("planning")
        phases = t["fasen"]
        duration = (self.best or {}).get("duur_weken")
        available = self.p.get("doorlooptijd_weken")
        weeks = {}
        if available:
            for phase in phases:
                if "aandeel" in phase:
                    weeks[phase["id"]] = max(1, math.floor(available * phase["aandeel"]))
            weeks["uitvoeren"] = max(1, available - sum(weeks.values()))
            intro = t["met_tijd"].format(weken=weken(available), duur=weken(duration) if duration else "?")
        else:
            weeks = {phase["id"]: phase["standaard"] for phase in phases if "standaard" in phase}
            weeks["uitvoeren"] = duration or 4
            intro = t["zonder_tijd"].format(duur=weken(weeks["uitvoeren"]))
        approach = self.combo_name(self.best) if self.best else self.fill("de werkvorm")
        rows, start = [], 1
        for phase in phases:
            n = weeks[phase["id"]]
            span = t["week"].format(van=start) if n == 1 else t["weken"].format(van=start, tot=start + n - 1)
            rows.append((phase["naam"], span, phase["wat"].format(aanpak=approach)))
            start += n
        blocks = [Paragraph(intro), Table(tuple(t["kolommen"]), tuple(rows))]
        if available and duration and duration > weeks["uitvoeren"]:
            blocks.append(Paragraph(t["te_kort"].format(duur=weken(duration), ruimte=weken(weeks["uitvoeren"]))))
        blocks.append(Paragraph(self.fill(t["open"])))
        return blocks

    def weging(self):
        t = self.s("weging")
        blocks = []
        term = self.rung()
        if term is not None and term.description:
            blocks.append(Paragraph(t["trede"].format(niveau=term.label.lower(), uitleg=term.description)))
        blocks += [Bullets(tuple(t["punten"])), Paragraph(self.fill(t["open"]))]
        return blocks + self.knowledge("weging")

    def tijd_budget(self):
        t = self.s("tijd_budget")
        available, budget = self.p.get("doorlooptijd_weken"), self.p.get("budget_euro")
        rows = [(t["tijd"], weken(available) if available else self.fill(t["tijd_open"])),
                (t["budget"], euro(budget) if budget is not None else self.fill(t["budget_open"]))]
        if self.best and self.best.get("kosten"):
            rows.append((t["kosten"], t["kosten_tekst"].format(kosten=self.best["kosten"])))
        return [Facts(tuple(rows)), Paragraph(self.fill(t["begroting"]))]

    def terugkoppeling(self):
        t = self.s("terugkoppeling")
        return self.knowledge("terugkoppeling") + [Paragraph(self.fill(t["open"]))]

    def evaluatie(self):
        t = self.s("evaluatie")
        return [Paragraph(" ".join(t["tekst"].split())), Paragraph(self.fill(t["open"]))]

    def voorbeelden(self):
        t = self.s("voorbeelden")
        cases = self.a.get("casussen") or []
        if not cases:
            return [Paragraph(t["geen"])]
        blocks = []
        for case in cases:
            where = f" ({case['gemeente']})" if case.get("gemeente") else ""
            blocks.append(Heading(f"{case.get('titel', '')}{where}"))
            notes = []
            if case.get("voorbeeld") is not False:
                notes.append(t["voorbeeld"])
            elif outcome_note(case):
                notes.append(outcome_note(case)[0].upper() + outcome_note(case)[1:] + ".")
            if origin_note(case):
                notes.append(origin_note(case))
            if licence_line(case):
                notes.append(licence_line(case))
            if notes:
                blocks.append(Paragraph(" ".join(notes)))
            links = tuple(Link(s["titel"], s["url"]) for s in sources(case))
            if links:
                blocks.append(Links(t["bronnen"], links))
        if any(c.get("voorbeeld") is not False for c in cases):
            blocks.append(Paragraph(" ".join(t["noot"].split())))
        if any(non_commercial(c.get("licentie") or licence_of(c)) for c in cases):
            blocks.append(Paragraph(" ".join(t["niet_commercieel"].split())))
        return blocks

    def checklist(self):
        return [Bullets(tuple(self.s("checklist")["punten"]))]

    # --- the profile -----------------------------------------------------------------------

    def label_precondition(self, key, ident) -> str:
        return (self.cat.preconditions.get(key) or {}).get(ident) or ident

    def profile_rows(self) -> list:
        names = self.t["profiel"]
        rows = []
        for key, title in names.items():
            value = self.p.get(key)
            if value is None or value == []:
                continue
            if key == "doelgroep":
                shown = lijst(self.label("doelgroep", v) for v in value)
            elif key == "budget_euro":
                shown = euro(value)
            elif key == "doorlooptijd_weken":
                shown = weken(value)
            elif key == "ruimte_voor_invloed":
                shown = self.t["ruimte_ja"] if value else self.t["ruimte_nee"]
            elif key == "gemeente":
                shown = str(value)
            elif key in ("doel", "rol", "onderwerp"):
                shown = self.label_precondition(key, value)
            else:
                shown = self.label(key, value)
            rows.append((title, shown))
        return rows


def build_plan(profile, advice: dict | None = None, *, session=None, cat=None) -> Plan:
    """The plan for a profile (dict or Profile). Without `advice`, the advice is computed (deterministic,
    so the plan shows the same advice as the card it came from). Raises BesliswijzerError on a bad profile."""
    from besliswijzer.advice.engine import advise
    from besliswijzer.advice.profile import Profile
    from besliswijzer.reference.catalogue import load_catalogue

    cat = cat or load_catalogue()
    checked = Profile.from_dict(profile, cat)
    if advice is None:
        advice = advise(checked, session=session, cat=cat)
    understood = dict(advice.get("profiel") or checked.as_dict())
    for key, value in checked.as_dict().items():      # preconditions the payload may leave out
        understood.setdefault(key, value)
    builder = _Builder(understood, advice, cat)
    texts = plan_texts()
    sections = []
    for ident, section in texts["secties"].items():
        build = getattr(builder, ident, None)
        if build is None:
            raise DataFileError(f"{FILE}: de sectie '{ident}' kent het plan niet.")
        sections.append(Section(ident, section["kop"], tuple(build())))
    return Plan(texts["titel"], understood.get("gemeente") or "", " ".join(texts["intro"].split()),
                tuple(sections), understood, advice)
