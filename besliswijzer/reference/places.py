"""Places: municipalities by their official name, and provinces and regions above them (Twente, Achterhoek ...).

Read from data/regio.yml (municipality -> province, region -> municipalities, with its sources).
Case search uses it to answer "voorbeelden uit Twente" and "bij ons in de buurt".
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from besliswijzer.reference.datafiles import DATA_DIR, Record, read_yaml
from besliswijzer.errors import DataFileError
from besliswijzer.reference.matching import closest
from besliswijzer.text.fold import normalise

FNAME = "regio.yml"
GEMEENTEN_FILE = DATA_DIR / "gemeenten.txt"     # official name | other spellings, one a line


@dataclass(frozen=True)
class Place:
    kind: str                  # "gemeente", "provincie" or "regio"
    id: str
    name: str
    municipalities: frozenset  # official names of the municipalities in it


@dataclass(frozen=True)
class Regions:
    provinces: dict            # id -> Place
    regions: dict              # id -> Place
    province_of: dict          # municipality -> province id
    region_of: dict            # municipality -> region id (the first region that lists it)
    old_names: dict            # old or informal name -> municipality
    names: dict                # normalised spelling -> Place (provinces and regions)
    sources: tuple             # ({"titel", "url"}, ...)
    spellings: dict            # normalised municipality name (also old names) -> official name

    def municipality(self, text):
        """The official name of a municipality named in text ('den haag' -> "'s-Gravenhage"), or None."""
        return self.spellings.get(_norm(text))

    def place(self, text):
        """A province or region by (a synonym of) its name, else a municipality; None if unknown."""
        key = _norm(text)
        municipality = self.municipality(text)
        if municipality and not key.startswith("provincie "):
            return Place("gemeente", municipality, municipality, frozenset([municipality]))
        return self.names.get(key)

    def find(self, text) -> list:
        """Provinces and regions named in free text, in order of appearance ("uit Overijssel?" -> [Overijssel]).
        A name that is also a municipality (Utrecht, Groningen) counts only after "provincie"."""
        norm = f" {_norm(text)} "
        found = []
        for spelling in sorted(self.names, key=len, reverse=True):
            for match in re.finditer(rf" {re.escape(spelling)} ", norm):
                place = self.names[spelling]
                if self.municipality(spelling) and not spelling.startswith("provincie "):
                    continue
                if all(place != p for _, p in found) and not any(a <= match.start() < b for (a, b), _ in found):
                    found.append(((match.start(), match.end()), place))
        return [p for _, p in sorted(found, key=lambda item: item[0])]

    def locate(self, gemeente_text):
        """Municipalities and province of a case's free-text place: "Amsterdam (stadsdeel West)" ->
        ({"Amsterdam"}, "noord_holland"); "Provincie Gelderland" -> (set(), "gelderland"). Only the part
        before a bracket counts, so "Bronckhorst (dorp Hengelo)" is Bronckhorst, not Hengelo."""
        head = str(gemeente_text or "").split("(")[0]
        found = set()
        for part in re.split(r",|;| en | & ", head):
            name = self.municipality(part)
            if name:
                found.add(name)
        if found:
            provinces = {self.province_of[m] for m in found}
            return frozenset(found), (provinces.pop() if len(provinces) == 1 else None)
        place = self.names.get(_norm(head))
        if place and place.kind == "provincie":
            return frozenset(), place.id
        return frozenset(), None

    def contains(self, place: Place, gemeente_text) -> bool:
        """Does the case's place lie in `place`? A province-wide case counts for that province only."""
        municipalities, province = self.locate(gemeente_text)
        if municipalities:
            return bool(municipalities & place.municipalities)
        return place.kind == "provincie" and province == place.id

    def nearby(self, municipality):
        """"Bij ons in de buurt": the region of a municipality, else its province; None if unknown."""
        name = self.municipality(municipality) or municipality
        if name in self.region_of:
            return self.regions[self.region_of[name]]
        if name in self.province_of:
            return self.provinces[self.province_of[name]]
        return None


def _norm(text) -> str:
    return normalise(str(text or "").replace("'", "")).replace(".", "").strip()


def build_regions(data_dir=None) -> Regions:
    """Read and check regio.yml; DataFileError names the file, entry and field."""
    doc = read_yaml(FNAME, data_dir)
    if not isinstance(doc, dict):
        raise DataFileError(f"{FNAME}: verwacht de onderdelen bronnen, provincies, regios en gemeenten.")
    for key in ("bronnen", "provincies", "regios", "gemeenten"):
        if not doc.get(key):
            raise DataFileError(f"{FNAME}: onderdeel '{key}' ontbreekt of is leeg.")
    sources = []
    for i, raw in enumerate(doc["bronnen"], 1):
        rec = Record(FNAME, f"bron {i}", raw)
        url = rec.str("url")
        if not url.startswith(("https://", "http://")):
            rec.fail("url", "moet beginnen met https://")
        sources.append({"titel": rec.str("titel"), "url": url})
    titles = {s["titel"] for s in sources}

    province_names = {}
    for pid, raw in doc["provincies"].items():
        rec = Record(FNAME, f"provincie '{pid}'", raw)
        province_names[pid] = (rec.str("naam"), rec.list("synoniemen", required=False))
    province_of = {}
    for name, pid in doc["gemeenten"].items():
        if pid not in province_names:
            raise DataFileError(f"{FNAME}, gemeente '{name}': onbekende provincie '{pid}'; "
                                f"kies uit {', '.join(sorted(province_names))}")
        province_of[str(name)] = pid
    provinces = {pid: Place("provincie", pid, naam,
                            frozenset(m for m, p in province_of.items() if p == pid))
                 for pid, (naam, _) in province_names.items()}

    regions, region_of, synonyms = {}, {}, {pid: syn for pid, (_, syn) in province_names.items()}
    for rid, raw in doc["regios"].items():
        rec = Record(FNAME, f"regio '{rid}'", raw)
        members = rec.list("gemeenten", nonempty=True)
        unknown = [m for m in members if m not in province_of]
        if unknown:
            rec.fail("gemeenten", f"onbekende gemeente(n) {', '.join(unknown)}; zet ze eerst onder 'gemeenten'")
        province = rec.choice("provincie", province_names)
        outside = [m for m in members if province_of[m] != province]
        if outside:
            rec.fail("gemeenten", f"{', '.join(outside)} ligt niet in provincie {province}")
        if rec.str("bron") not in titles:
            rec.fail("bron", f"noem een titel uit 'bronnen': {', '.join(sorted(titles))}")
        regions[rid] = Place("regio", rid, rec.str("naam"), frozenset(members))
        synonyms[rid] = rec.list("synoniemen", required=False)
        for m in members:
            region_of.setdefault(m, rid)

    old_names = {}
    for old, name in (doc.get("oude_namen") or {}).items():
        if name not in province_of:
            raise DataFileError(f"{FNAME}, oude naam '{old}': '{name}' staat niet onder 'gemeenten'.")
        old_names[str(old)] = name

    names = {}
    for places in (provinces, regions):
        for pid, place in places.items():
            for spelling in (place.name, *synonyms[pid]):
                key = _norm(spelling)
                if key in names and names[key] != place:
                    raise DataFileError(f"{FNAME}: de naam '{spelling}' hoort bij {names[key].name} en "
                                        f"bij {place.name}; een naam mag maar bij één gebied horen.")
                names[key] = place
    spellings = {_norm(name): name for name in province_of}
    spellings.update({_norm(old): name for old, name in old_names.items()})
    return Regions(provinces=provinces, regions=regions, province_of=province_of, region_of=region_of,
                   old_names=old_names, names=names, sources=tuple(sources), spellings=spellings)


@lru_cache(maxsize=4)
def _cached(data_dir: str) -> Regions:
    return build_regions(Path(data_dir))


def load_regions(data_dir=None) -> Regions:
    return _cached(str(Path(data_dir or DATA_DIR).resolve()))


# --- municipalities ------------------------------------------------------------------------------

def municipality_spellings(path: Path = GEMEENTEN_FILE) -> dict[str, list[str]]:
    """Official name -> its spellings (the official one first), from data/gemeenten.txt: the one reader of
    that file, for the chat and for the NLU data generated from it (scripts/generate_nlu.py)."""
    out: dict[str, list[str]] = {}
    if not Path(path).exists():
        return out
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        official, *others = [part.strip() for part in line.split("|")]
        out.setdefault(official, []).extend([official, *others])
    return out


@lru_cache(maxsize=1)
def _gemeenten() -> dict[str, str]:
    """Normalised spelling -> official name."""
    names: dict[str, str] = {}
    for official, spellings in municipality_spellings().items():
        for spelling in spellings:
            names.setdefault(normalise(spelling).replace("'", ""), official)
    return names


_GEMEENTE_PREFIX = re.compile(r"^(?:(?:de|in|bij|voor)\s+)*(?:de\s+)?gemeente\s+")


def normalise_gemeente(text) -> Optional[str]:
    """A municipality's official name: "enschede" -> "Enschede", "den haag" -> "'s-Gravenhage".

    Unknown names that look like a place name come back in title case; anything else is None.
    """
    norm = normalise(text).replace("'", "")
    norm = _GEMEENTE_PREFIX.sub("", norm).strip()
    if not norm:
        return None
    names = _gemeenten()
    if norm in names:
        return names[norm]
    best = closest(norm, names.items())
    if best:
        return best
    words = str(text).strip().split()
    if 1 <= len(words) <= 4 and all(re.fullmatch(r"[\w'\-]+", w) for w in words) \
            and not any(ch.isdigit() for ch in str(text)):
        cleaned = _GEMEENTE_PREFIX.sub("", " ".join(words).lower())
        return " ".join(w if w in ("van", "aan", "den", "de", "op") else w.capitalize()
                        for w in cleaned.split()) or None
    return None


def municipalities_in(text) -> list[str]:
    """Official names of the municipalities spelled out in free text, in order of appearance; the
    longest name wins, so "in Hof van Twente" is Hof van Twente and not a place called Hof."""
    norm = f" {normalise(str(text or '')).replace(chr(39), '')} "
    found: list[tuple[int, int, str]] = []
    for spelling, official in sorted(_gemeenten().items(), key=lambda item: len(item[0]), reverse=True):
        start = norm.find(f" {spelling} ")
        if start >= 0 and not any(a <= start < b or start <= a < start + len(spelling) + 1 for a, b, _ in found):
            found.append((start, start + len(spelling) + 1, official))
    return list(dict.fromkeys(name for _, _, name in sorted(found)))


def widen_gemeente(value, text) -> Optional[str]:
    """The municipality an entity names, widened to the whole name in the text: the NLU may tag only
    "Hof" of "Hof van Twente" or "Sint" of "Sint-Michielsgestel"."""
    part = normalise(str(value or "")).replace("'", "")
    for name in municipalities_in(text):
        if part and part in normalise(name).replace("'", ""):
            return name
    return normalise_gemeente(value)


def gemeente_status(text) -> tuple[bool, Optional[str]]:
    """(True, None) for a name on the municipality list; else (False, closest official name or None)."""
    norm = _GEMEENTE_PREFIX.sub("", normalise(text).replace("'", "")).strip()
    names = _gemeenten()
    if norm in names:
        return True, None
    return False, closest(norm, names.items())
