#!/usr/bin/env python3
"""Generate data/nlu/generated/catalogus.yml from the catalogue data files.

The catalogue (besliswijzer.reference.catalogue.Catalogue, built from besliswijzer/data/*.yml) is the single
source of names and synonyms of methods, tools and vocabulary terms. This script reads it through the
Catalogue, not through its own lists, and turns it into Rasa NLU training data:

- ``synonym:`` entries so the EntitySynonymMapper maps what a user typed ("senioren",
  "wereldcafé") to the canonical id ("ouderen", "world_cafe");
- ``lookup:`` tables per entity, used as features by the RegexFeaturizer, so a method added to
  the catalogue is recognised after retraining without new annotated examples;
- ``regex:`` patterns for the free-text entities ``bedrag`` (money) and ``duur`` (duration).

Municipality names come from besliswijzer/data/gemeenten.txt.

Output is sorted and stable: running the script twice gives the same bytes, so the generated
file can be committed and a diff shows exactly what changed in the catalogue.

Usage:  python -m scripts.generate_nlu [--check]
  --check  exit 1 (and write nothing) when the committed file is out of date.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterable


from besliswijzer.reference.places import GEMEENTEN_FILE, municipality_spellings
from besliswijzer.text.fold import strip_accents

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "besliswijzer" / "data"
AMBIGUOUS_FILE = ROOT / "data" / "nlu" / "bronnen" / "dubbelzinnig.txt"
OUTPUT_FILE = ROOT / "data" / "nlu" / "generated" / "catalogus.yml"

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


def catalogue_names(data_dir: Path = DATA_DIR) -> dict[str, dict[str, list[str]]]:
    """entity -> canonical id -> names (id, naam or label, synonyms), read through the Catalogue.

    The catalogue checks the data files (a broken file stops the script with the catalogue's own
    Dutch message) and is the one place that knows which words belong to which id."""
    from besliswijzer.reference.catalogue import VOCAB_ENTITIES, build_catalogue

    catalogue = build_catalogue(data_dir)
    return {entity: {ident: [ident, *words] for ident, words in catalogue.terms(entity).items()}
            for entity in (*VOCAB_ENTITIES, "methode", "tool")}


def gemeente_names(path: Path = GEMEENTEN_FILE) -> dict[str, list[str]]:
    """official name -> spellings, read as the chat reads them (besliswijzer.reference.places)."""
    return municipality_spellings(path)


def known_ambiguous(path: Path | None = None) -> set[str]:
    """Words known to mean two things (data/nlu/bronnen/dubbelzinnig.txt): they get no synonym,
    as any ambiguous word, but no warning either, so that a new ambiguity stands out."""
    path = path or AMBIGUOUS_FILE
    if not path.exists():
        return set()
    return {line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#")[0].strip()}


def build(data_dir: Path = DATA_DIR, gemeenten_file: Path = GEMEENTEN_FILE,
          ambiguous_file: Path = AMBIGUOUS_FILE) -> tuple[str, list[str]]:
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
    known = known_ambiguous(ambiguous_file)
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
        "# besliswijzer/data/gemeenten.txt. Do not edit: change the catalogue and re-run the script.",
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
            print(f"{args.output} is niet actueel: draai python -m scripts.generate_nlu", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # Always write (same bytes when nothing changed), so make sees a fresh timestamp.
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
