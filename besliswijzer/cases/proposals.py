"""Proposals of a case import: what free text may mean but does not clearly name, for the maintainer to confirm.

`casus import BESTAND --voorstel` writes them to a review file (YAML, Dutch) without importing anything;
the maintainer sets `akkoord: ja` on each proposal that is right, and `casus import BESTAND --akkoord
REVIEWBESTAND` imports the file with the confirmed ids added. Nothing is linked on a guess.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from besliswijzer.errors import BesliswijzerError
from besliswijzer.reference.datafiles import SafeDumper, load_yaml_text

__all__ = ["review_text", "review_path", "read_accepted", "apply_accepted"]

TARGETS = {"methode": "methodes", "tool": "tools", "thema": "themas", "doelgroep": "doelgroepen"}
YES = {"ja", "true", "yes", "1", "akkoord"}


def review_path(case_file) -> Path:
    """bevindingen.yml -> bevindingen.voorstel.yml, beside the case file."""
    path = Path(case_file)
    return path.with_name(f"{path.stem}.voorstel.yml")


def review_text(proposals, case_file, cat) -> str:
    """The review file: one entry per proposal, each with akkoord: nee until the maintainer says ja."""
    header = (f"# Voorstellen bij het inlezen van {Path(case_file).name}: tekst die geen id noemt, maar er wel een\n"
              "# kan bedoelen. Zet 'akkoord: ja' bij elk voorstel dat klopt (de rest blijft alleen tekst) en lees\n"
              f"# dan in met: python -m besliswijzer casus import {Path(case_file).name} --akkoord DIT_BESTAND\n")
    entries = [{"casus": p["casus"], "titel": p["titel"], "veld": p["veld"], "tekst": p["tekst"],
                "voorstel": p["id"], "naam": cat.label(p["entiteit"], p["id"]), "soort": p["entiteit"],
                "akkoord": "nee"} for p in proposals]
    body = yaml.dump({"voorstellen": entries}, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def read_accepted(path, cat) -> list:
    """The confirmed proposals of a review file: [{casus, soort, voorstel}]; a bad file raises in Dutch."""
    path = Path(path)
    try:
        doc = load_yaml_text(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BesliswijzerError(f"Het voorstelbestand '{path}' bestaat niet.") from None
    except yaml.YAMLError:
        raise BesliswijzerError(f"Het voorstelbestand '{path}' is geen geldige YAML.") from None
    entries = doc.get("voorstellen") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise BesliswijzerError(f"Het voorstelbestand '{path}' heeft geen lijst 'voorstellen'.")
    accepted = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise BesliswijzerError(f"Voorstel {i} in '{path.name}' heeft geen velden.")
        if str(entry.get("akkoord", "")).strip().lower() not in YES and entry.get("akkoord") is not True:
            continue
        kind, ident = entry.get("soort"), entry.get("voorstel")
        if kind not in TARGETS or ident not in cat.ids(kind):
            raise BesliswijzerError(f"Voorstel {i} in '{path.name}': '{ident}' is geen bekende {kind or 'id'}.")
        accepted.append({"casus": str(entry.get("casus")), "soort": kind, "voorstel": ident})
    return accepted


def apply_accepted(records, accepted) -> list:
    """Add each confirmed id to its case; returns the case ids of confirmations that match no case."""
    by_id = {r["id"]: r for r in records}
    missing = []
    for item in accepted:
        rec = by_id.get(item["casus"])
        if rec is None:
            missing.append(item["casus"])
            continue
        target = TARGETS[item["soort"]]
        if item["voorstel"] not in rec[target]:
            rec[target] = [*rec[target], item["voorstel"]]
        if target == "themas" and not rec.get("thema"):
            rec["thema"] = item["voorstel"]
    return missing
