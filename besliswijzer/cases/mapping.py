"""Free text of a documented case onto vocabulary and catalogue ids, with a warning for what does not map.

The shared format of living-lab findings (`../shared/data/echte-casussen.yml`) describes themes, groups,
methods and tools in the words of the sources ("inwoners via loting (afspiegeling)"). Where the text
clearly names a catalogue id (the catalogue's own term matching, plus the words of case reports in
data/koppeling.yml), the id is taken; several are allowed. The title and description say what the
trajectory was, so the methods and tools they name are linked too, and a theme when the theme text names
none. Where a text names nothing but may mean an id (a name glued to other words, a small slip), the
import proposes it ("bedoelde u ...?") instead of dropping it; the maintainer confirms proposals
(`casus import --voorstel`). The text itself is always kept, so nothing is lost.
"""
import datetime as dt
import re
from functools import lru_cache

from besliswijzer.reference.datafiles import read_yaml
from besliswijzer.reference.places import gemeente_status
from besliswijzer.text.fold import normalise

# Keys only the free-text (shared) format uses; a record with any of them is read as free text.
FREE_TEXT_KEYS = ("methoden", "digitale_tools", "participatieniveau", "beleidsfase")
# free-text key -> (entity, key of the mapped ids in the record, several allowed)
MAPPED = {"thema": ("thema", "themas", True), "schaal": ("schaal", "schaal", False),
          "doelgroepen": ("doelgroep", "doelgroepen", True), "participatieniveau": ("niveau", "niveau", False),
          "beleidsfase": ("beleidsfase", "beleidsfasen", True), "methoden": ("methode", "methodes", True),
          "digitale_tools": ("tool", "tools", True)}
# "het thema", "het niveau": Dutch adjectives take no -e after "geen" with het-words.
HET_WORDS = {"thema", "niveau"}
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# "2019-2023 (...)", "sinds 2012", "2019-heden": the period the text starts with
LEADING_PERIOD = re.compile(r"^(?:sinds\s+|vanaf\s+)?(19\d\d|20\d\d)(?!\d)(?:\s*[-–]\s*(19\d\d|20\d\d)(?!\d))?")


# Besides the free-text fields: fields that describe the whole trajectory, read for methods and tools.
DESCRIBING = ("titel", "doel", "wat_gebeurde")


@lru_cache(maxsize=1)
def _koppeling() -> dict:
    return read_yaml("koppeling.yml") or {}


def _not_enough() -> dict:
    """{id: normalised words} that on their own do not name that id in a case text (data/koppeling.yml)."""
    return {ident: {normalise(w) for w in words} for ident, words in (_koppeling().get("niet_genoeg") or {}).items()}


def _case_words(cat) -> dict:
    """{entity: {id: [words]}}: the words of case reports that name an id (koppeling.yml, ook_genoeg)."""
    out = {}
    for ident, words in (_koppeling().get("ook_genoeg") or {}).items():
        entity = next((e for e in ("methode", "tool", "thema", "doelgroep") if ident in cat.ids(e)), None)
        if entity:
            out.setdefault(entity, {})[ident] = list(words)
    return out


# A name glued to a place in a project name: "G1000Enschede", "G1000Steenwijkerland".
GLUED = re.compile(r"(?<=\d)(?=[A-Z][a-z])")


def mentions(entities, text, cat) -> list:
    """(entity, id) a written case text clearly names: names, synonyms and case words, plural endings."""
    return cat.with_names(_case_words(cat)).mentions(tuple(entities), GLUED.sub(" ", text), strict=True,
                                                     ignore=_not_enough())


def find_ids(entity, text, cat) -> list:
    """Ids of `entity` that a written text clearly names (exact names and synonyms, plural endings)."""
    return [i for e, i in mentions((entity,), text, cat) if e == entity]


def proposal_text(proposed, cat) -> str:
    """"; bedoelde u 'burgerbegroting' (Burgerbegroting)?" for the warning, or ""."""
    if not proposed:
        return ""
    names = " of ".join(f"'{i}' ({cat.label(e, i)})" for e, i in proposed)
    return f"; bedoelde u {names}?"


def unknown(entity) -> str:
    """'geen bekend thema' / 'geen bekende methode'."""
    return f"geen bekend{'' if entity in HET_WORDS else 'e'} {entity}"


def is_free_text(raw) -> bool:
    return isinstance(raw, dict) and any(k in raw for k in FREE_TEXT_KEYS)


def _texts(value) -> list:
    if value in (None, ""):
        return []
    items = value if isinstance(value, list) else [value]
    return [" ".join(str(v).split()) for v in items if v not in (None, "")]


def map_free_text(raw, cat, warn, proposals=None) -> dict:
    """Mapped ids per record key, plus `origineel` (the free text as given). `warn(field, text)` reports;
    `proposals` (a list) receives {veld, tekst, entiteit, id} for what a text may mean but does not name."""
    out = {"origineel": {}}
    for key, (entity, target, several) in MAPPED.items():
        texts = _texts(raw.get(key))
        if raw.get(key) not in (None, ""):
            out["origineel"][key] = raw[key] if isinstance(raw[key], list) else texts[0]
        ids = []
        for text in texts:
            if key == "methoden":         # a method's text may name a tool too ("online stemmen op plannen")
                found_all = mentions(("methode", "tool"), text, cat)
                found = [i for e, i in found_all if e == "methode"]
                out.setdefault("extra_tools", []).extend(i for e, i in found_all if e == "tool")
                named = bool(found_all)
            else:
                found = find_ids(entity, text, cat)
                named = bool(found)
            if not named:
                kinds = ("methode", "tool") if key == "methoden" else (entity,)
                proposed = cat.propose(kinds, text, ignore=_not_enough())
                for e, i in proposed:
                    if proposals is not None:
                        proposals.append({"veld": key, "tekst": text, "entiteit": e, "id": i})
                warn(key, f"'{text}' is {unknown(entity)}{proposal_text(proposed, cat)}; de tekst is bewaard")
            for ident in found if several else found[:1]:
                if ident not in ids:
                    ids.append(ident)
        if key == "thema":
            if not ids:                    # the title may say what it was about ("... energieneutraal?")
                ids = find_ids("thema", " ".join(_texts(raw.get("titel"))), cat)
            if not ids and not texts:
                warn(key, f"{unknown(entity)}")
            out["thema"], out["themas"] = (ids[0] if ids else None), ids
        else:
            out[target] = ids if several else (ids[0] if ids else None)
    for tool in out.pop("extra_tools", []):
        if tool not in out["tools"]:
            out["tools"].append(tool)
    described = " . ".join(t for k in DESCRIBING for t in _texts(raw.get(k)))
    for entity, ident in mentions(("methode", "tool"), described, cat):
        target = out["methodes"] if entity == "methode" else out["tools"]
        if ident not in target:
            target.append(ident)
    return out


def read_period(value):
    """(first year, last year, the period text) from "2023-2024 (drie edities)", 2019 or None."""
    if value in (None, ""):
        return None, None, None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None, None
    text = " ".join(str(value).split())
    if text.isdigit():
        return int(text), None, None
    lead = LEADING_PERIOD.match(text.lower())
    if lead:
        first, last = int(lead.group(1)), int(lead.group(2)) if lead.group(2) else None
        return first, (last if last != first else None), text
    years = [int(y) for y in YEAR.findall(text)]
    if not years:
        return None, None, text
    first, last = min(years), max(years)
    return first, (last if last != first else None), text


def check_year(first, last, warn):
    this_year = dt.date.today().year
    for year in (first, last):
        if year is not None and year > this_year:
            warn("jaar", f"{year} ligt in de toekomst")
            return


def check_gemeente(text, land, warn):
    """Report a municipality that is not on the list of Dutch municipalities (with a close match if any)."""
    if land not in (None, "", "NL"):
        return
    name = re.split(r"\s*[(,]|\s+en\s+", str(text))[0].strip()
    if not name or name.lower().startswith(("provincie", "meerdere", "landelijk")):
        return
    known, hint = gemeente_status(name)
    if known:
        return
    if hint:
        warn("gemeente", f"'{name}' staat niet in de lijst van gemeenten; bedoelt u {hint}?")
    else:
        warn("gemeente", f"'{name}' staat niet in de lijst van gemeenten; controleer de spelling")
