#!/usr/bin/env python3
"""Generate data/nlu/generated/catalogus.yml from the catalogue data files.

The catalogue (besliswijzer/data/*.yml) is the single source of names and synonyms of methods,
tools and vocabulary terms. This script turns it into Rasa NLU training data:

- ``synonym:`` entries so the EntitySynonymMapper maps what a user typed ("senioren",
  "wereldcafé") to the canonical id ("ouderen", "world_cafe");
- ``lookup:`` tables per entity, used as features by the RegexFeaturizer, so a method added to
  the catalogue is recognised after retraining without new annotated examples;
- ``regex:`` patterns for the free-text entities ``bedrag`` (money) and ``duur`` (duration).

Municipality names come from data/nlu/bronnen/gemeenten.txt.

Output is sorted and stable: running the script twice gives the same bytes, so the generated
file can be committed and a diff shows exactly what changed in the catalogue.

Usage:  python scripts/generate_nlu.py [--check]
  --check  exit 1 (and write nothing) when the committed file is out of date.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Iterable

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "besliswijzer" / "data"
GEMEENTEN_FILE = ROOT / "data" / "nlu" / "bronnen" / "gemeenten.txt"
OUTPUT_FILE = ROOT / "data" / "nlu" / "generated" / "catalogus.yml"

# Canonical ids fixed by the project's contract. They are always recognised, also before (or
# while) the catalogue files describe them; the catalogue adds names, synonyms and new ids.
CONTRACT_IDS: dict[str, list[str]] = {
    "doelgroep": [
        "inwoners", "omwonenden", "jongeren", "kinderen", "ouderen", "ondernemers",
        "laaggeletterden", "digitaal_minder_vaardigen", "nieuwkomers", "mensen_met_beperking",
        "ouders", "studenten", "lage_inkomens", "maatschappelijke_organisaties",
    ],
    "schaal": ["straat", "buurt", "wijk", "kern", "gemeente", "regio"],
    "thema": [
        "openbare_ruimte", "mobiliteit", "energietransitie", "klimaatadaptatie", "wonen",
        "zorg_welzijn", "veiligheid", "economie", "onderwijs_jeugd", "cultuur_sport", "armoede",
        "digitalisering",
    ],
    "beleidsfase": ["agendavorming", "beleidsvorming", "besluitvorming", "uitvoering", "evaluatie"],
    "niveau": ["informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen", "zelfbeheer"],
    "methode": [
        "informatiebijeenkomst", "enquete", "burgerpanel", "focusgroep", "keukentafelgesprek",
        "straatgesprek", "buurtwandeling", "klankbordgroep", "ontwerpatelier", "world_cafe",
        "burgerberaad", "burgerbegroting", "living_lab", "hackathon", "samen_meten",
        "participatieve_waarde_evaluatie", "uitdaagrecht", "referendum", "huis_aan_huisbrief",
    ],
    "tool": [
        "social_media", "buurtapp", "e_participatieplatform", "polis", "online_enquete",
        "online_bijeenkomst", "open_data_dashboard", "sensoren", "kaartplatform", "visualisatie_3d",
        "website_nieuwsbrief",
    ],
}
VOCABULARY_ENTITIES = ("doelgroep", "schaal", "thema", "beleidsfase", "niveau")

# Money and duration as people type them. Regex features only help the DIETClassifier find the
# span; the validation actions parse the text into euros and weeks.
_NUMBER_WORDS = (
    "een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig|dertig|"
    "veertig|vijftig|zestig|honderd|anderhalve|anderhalf|half|halve|paar|enkele|ruim|krap"
)
REGEXES: dict[str, list[str]] = {
    "bedrag": [
        r"€\s?\d[\d.]*(?:,\d+)?(?:,-)?(?:\s?(?:k|K|duizend|mille|miljoen))?",
        r"\b\d[\d.,]*\s?(?:k|K|euro|eur|EUR|duizend|mille|ton|miljoen)\b",
        r"\b\d[\d.]*,-",
        r"\b[a-z]*(?:duizend|honderd|miljoen)\s?euro\b",
        r"\b(?:geen|nul)\s(?:budget|geld|euro)\b",
    ],
    "duur": [
        r"\b\d+(?:[.,]\d+)?\s?(?:dagen|dag|weken|week|wk|maanden|maand|mnd|jaar|jaren|kwartaal|kwartalen)\b",
        rf"\b(?:{_NUMBER_WORDS})\s(?:dagen|dag|weken|week|maanden|maand|jaar|jaren|kwartaal|kwartalen)\b",
        rf"\b(?:{_NUMBER_WORDS})\s(?:half|halve)\s(?:jaar|maand)\b",
        r"\b(?:anderhalf|half)\s?jaar\b",
    ],
}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def variants(text: str) -> set[str]:
    """Lowercased spellings of one name: with and without accents, hyphens and underscores."""
    base = " ".join(str(text).strip().lower().split())
    if not base:
        return set()
    out = {base, strip_accents(base)}
    for v in list(out):
        out.add(v.replace("_", " "))
        out.add(v.replace("-", " "))
        out.add(v.replace("-", ""))
    return {" ".join(v.split()) for v in out if v.strip()}


def _items(raw, key_hint: str) -> list[dict]:
    """Accept a list of items, {key_hint: [...]}, or {id: {...}}; return dicts with an id."""
    if raw is None:
        return []
    if isinstance(raw, dict) and key_hint in raw:
        raw = raw[key_hint]
    if isinstance(raw, dict):
        items = []
        for item_id, value in raw.items():
            if isinstance(value, dict):
                items.append({"id": item_id, **value})
            elif isinstance(value, list):  # id: [synonyms]
                items.append({"id": item_id, "synoniemen": value})
            else:
                items.append({"id": item_id, "naam": value})
        return items
    if isinstance(raw, list):
        return [i for i in raw if isinstance(i, dict) and i.get("id")]
    return []


def _names(item: dict) -> list[str]:
    names = [item["id"]]
    for key in ("naam", "label", "name", "titel"):
        if item.get(key):
            names.append(str(item[key]))
    for key in ("synoniemen", "synonyms"):
        value = item.get(key) or []
        if isinstance(value, str):
            value = [value]
        names.extend(str(v) for v in value)
    return names


def _load_yaml(path: Path):
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def catalogue_names(data_dir: Path = DATA_DIR) -> dict[str, dict[str, list[str]]]:
    """entity -> canonical id -> names (id, naam, synonyms) as written in the data files."""
    names: dict[str, dict[str, list[str]]] = {
        entity: {i: [i] for i in ids} for entity, ids in CONTRACT_IDS.items()
    }
    for entity, filename, key in (("methode", "methodes.yml", "methodes"), ("tool", "tools.yml", "tools")):
        for item in _items(_load_yaml(data_dir / filename), key):
            names[entity].setdefault(str(item["id"]), []).extend(_names(item))
    vocabulary = _load_yaml(data_dir / "vocabulaire.yml") or {}
    if isinstance(vocabulary, dict) and "vocabulaire" in vocabulary:
        vocabulary = vocabulary["vocabulaire"]
    for entity in VOCABULARY_ENTITIES:
        if isinstance(vocabulary, dict):
            for item in _items(vocabulary.get(entity), entity):
                names[entity].setdefault(str(item["id"]), []).extend(_names(item))
    return names


def gemeente_names(path: Path = GEMEENTEN_FILE) -> dict[str, list[str]]:
    """official name -> spellings, from the municipalities file."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        official, *others = [part.strip() for part in line.split("|")]
        out.setdefault(official, []).extend([official, *others])
    return out


def known_ambiguous(path: Path | None = None) -> set[str]:
    """Words known to mean two things (data/nlu/bronnen/dubbelzinnig.txt): they get no synonym,
    as any ambiguous word, but no warning either, so that a new ambiguity stands out."""
    path = path or GEMEENTEN_FILE.with_name("dubbelzinnig.txt")
    if not path.exists():
        return set()
    return {line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#")[0].strip()}


def build(data_dir: Path = DATA_DIR, gemeenten_file: Path = GEMEENTEN_FILE) -> tuple[str, list[str]]:
    """Return (yaml text, warnings)."""
    warnings: list[str] = []
    per_entity = catalogue_names(data_dir)
    per_entity["gemeente"] = gemeente_names(gemeenten_file)

    # synonym text -> set of canonical values. Rasa's synonyms ignore the entity type, so one
    # text that means two ids (in one entity or across entities) is dropped, with a warning.
    targets: dict[str, set[str]] = {}
    lookups: dict[str, set[str]] = {}
    for entity, ids in per_entity.items():
        table = lookups.setdefault(entity, set())
        for canonical, names in ids.items():
            for name in names:
                forms = variants(name)
                table.update(forms)
                if entity == "gemeente":
                    # The RegexFeaturizer is case-sensitive by default: keep the written form too.
                    table.add(" ".join(str(name).split()))
                for form in forms:
                    targets.setdefault(form, set()).add(canonical)

    synonyms: dict[str, set[str]] = {}
    known = known_ambiguous(gemeenten_file.with_name("dubbelzinnig.txt"))
    for form, values in sorted(targets.items()):
        if len(values) > 1:
            if form in known:         # reviewed: no synonym on purpose, no warning
                continue
            warnings.append(f"'{form}' kan meerdere dingen betekenen ({', '.join(sorted(values))}); "
                            f"geen synoniem gemaakt")
            continue
        (value,) = values
        if form != value:
            synonyms.setdefault(value, set()).add(form)

    lines = [
        "# GENERATED by scripts/generate_nlu.py from besliswijzer/data/*.yml and",
        "# data/nlu/bronnen/gemeenten.txt. Do not edit: change the catalogue and re-run the script.",
        'version: "3.1"',
        "nlu:",
    ]
    for value in sorted(synonyms):
        lines.append(f"- synonym: {json.dumps(value, ensure_ascii=False)}")
        lines.append("  examples: |")
        lines.extend(f"    - {form}" for form in sorted(synonyms[value]))
    for entity in sorted(lookups):
        lines.append(f"- lookup: {entity}")
        lines.append("  examples: |")
        lines.extend(f"    - {form}" for form in sorted(lookups[entity]))
    for entity in sorted(REGEXES):
        lines.append(f"- regex: {entity}")
        lines.append("  examples: |")
        lines.extend(f"    - {pattern}" for pattern in REGEXES[entity])
    return "\n".join(lines) + "\n", warnings


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the output is up to date")
    parser.add_argument("--output", type=Path, default=OUTPUT_FILE)
    args = parser.parse_args(list(argv) if argv is not None else None)

    text, warnings = build()
    for warning in warnings:
        print(f"let op: {warning}", file=sys.stderr)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is niet actueel: draai scripts/generate_nlu.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # Always write (same bytes when nothing changed), so make sees a fresh timestamp.
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
