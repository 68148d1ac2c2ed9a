#!/usr/bin/env python3
"""The committed NLU baseline (tests/nlu/basislijn.json): compare a test run with it, and update it.

The baseline travels with the repository, so the NLU report on any clone and in CI compares with
the committed model's figures rather than with whatever ran last on this machine. Per held-out set
(tests/nlu/heldout*.yml) it keeps: the figures (intent and entity F1, per intent, per entity), the
sentences of the set, which of them were misread, and the noise: how far the figures move when the
same data is trained with other random seeds. A difference within the noise is "geen duidelijk
verschil"; a drop of more than the tolerance (or the noise, when that is larger) fails `make test`.

Usage:
  python -m scripts.nlu_basislijn ruis [--seeds 3]   # measure the noise (trains NLU models; minutes)
  make basislijn                                      # update the figures on purpose, then commit them
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from scripts import nlu_data
from scripts.nlu_results import summarise  # the same reading of rasa's result files as the report

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tests" / "nlu" / "basislijn.json"
HELDOUT_DIR = ROOT / "tests" / "nlu"
DEFAULT_TOLERANCE = 0.02        # drempels.json "tolerantie" overrides
DEFAULT_NOISE = 0.01            # until the noise is measured
DEFAULT_INTENT_NOISE = 0.05     # one intent has few sentences: one misread moves its F1 a lot
FIGURES = ("intent_f1", "entity_f1")
LABELS = {"intent_f1": "Intentherkenning (F1)", "entity_f1": "Entiteiten (F1)"}


def heldout_sets() -> dict[str, Path]:
    """Every held-out set: tests/nlu/heldout.yml is "eigen", heldout_<naam>.yml is "<naam>"."""
    return {set_name(path): path for path in sorted(HELDOUT_DIR.glob("heldout*.yml"))}


def set_name(path: Path) -> str:
    stem = Path(path).stem
    return "eigen" if stem == "heldout" else stem.removeprefix("heldout_")


def sentences(path: Path) -> dict[str, str]:
    """text (annotations removed) -> intent, for every example of an NLU file."""
    return {text: intent for intent, texts in nlu_data.examples(path).items() for text in texts}


def misreads(summary: dict) -> dict[str, str]:
    """text -> what went wrong, for every misread sentence of a run."""
    found = {}
    for error in summary.get("entiteit_fouten") or []:
        found[error.get("text", "")] = "entiteiten"
    for error in summary.get("intent_fouten") or []:
        predicted = (error.get("intent_prediction") or {}).get("name")
        found[error.get("text", "")] = f"begrepen als {predicted}"
    return found


def load(path: Path = BASELINE) -> dict:
    if not path.exists():
        return {"sets": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def save(baseline: dict, path: Path = BASELINE) -> None:
    path.write_text(json.dumps(baseline, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def snapshot(summary: dict, nlu_path: Path) -> dict:
    return {
        "bestand": str(Path(nlu_path).resolve().relative_to(ROOT)) if Path(nlu_path).resolve().is_relative_to(ROOT)
        else Path(nlu_path).name,
        "intent_f1": summary["intent_f1"], "entity_f1": summary["entity_f1"],
        "per_intent": {name: v["f1"] for name, v in sorted(summary["per_intent"].items())},
        "per_entiteit": dict(sorted(summary["per_entiteit"].items())),
        "zinnen": dict(sorted(sentences(nlu_path).items())),
        "fouten": dict(sorted(misreads(summary).items())),
    }


def update(summary: dict, nlu_path: Path, path: Path = BASELINE) -> None:
    """Store this run as the baseline of its set; the measured noise stays."""
    baseline = load(path)
    name = set_name(nlu_path)
    noise = (baseline["sets"].get(name) or {}).get("ruis")
    baseline["sets"][name] = snapshot(summary, nlu_path)
    if noise:
        baseline["sets"][name]["ruis"] = noise
    save(baseline, path)
    print(f"Basislijn voor set '{name}' bijgewerkt in {path.name}. Commit dit bestand mee.")


def verdict(delta: float, noise: float) -> str:
    if abs(delta) <= noise:
        return "geen duidelijk verschil"
    return "beter" if delta > 0 else "slechter"


def compare(summary: dict, nlu_path: Path, tolerance: float = DEFAULT_TOLERANCE,
            path: Path = BASELINE) -> tuple[list[str], int]:
    """Report lines comparing a run with the committed baseline, and the number of failures."""
    name = set_name(nlu_path)
    base = load(path)["sets"].get(name)
    lines = ["", f"Vergeleken met de vastgelegde basislijn ({path.name}, set '{name}'):"]
    if not base:
        return lines + ["  Er is nog geen basislijn voor deze set. Maak hem met: make basislijn"], 0
    failures = 0
    noise = base.get("ruis") or {}
    if not noise:
        lines.append(f"  (De ruis is nog niet gemeten; er wordt {DEFAULT_NOISE:.3f} aangenomen. "
                     "Meet hem met: python -m scripts.nlu_basislijn ruis)")
    now_sentences = sentences(nlu_path)
    before, after = set(base.get("zinnen", {})), set(now_sentences)
    if before != after:
        lines.append(f"  Let op: de testset is veranderd ({len(before)} -> {len(after)} zinnen). "
                     "Cijfers zijn daardoor minder goed te vergelijken.")
        for text in sorted(after - before)[:15]:
            lines.append(f"    + \"{text}\"")
        for text in sorted(before - after)[:15]:
            lines.append(f"    - \"{text}\"")
        hidden = len(after - before) + len(before - after) - 30
        if hidden > 0:
            lines.append(f"    ... en nog {hidden} andere")
    for key in FIGURES:
        was, now = base.get(key), summary.get(key)
        if was is None or now is None:
            continue
        spread = float(noise.get(key, DEFAULT_NOISE))
        delta = now - was
        lines.append(f"  {LABELS[key]}: {was:.3f} -> {now:.3f}  {verdict(delta, spread)} "
                     f"(ruis ±{spread:.3f})")
        allowed = max(tolerance, spread)
        if delta < -allowed:
            failures += 1
            lines.append(f"  ONVOLDOENDE: {more_than(allowed)} onder de basislijn. Verbeter de trainingsdata, "
                         "of leg een bewuste verandering vast met: make basislijn")
    intent_noise = noise.get("per_intent") or {}
    for intent, values in sorted(summary["per_intent"].items()):
        was = base.get("per_intent", {}).get(intent)
        spread = float(intent_noise.get(intent, DEFAULT_INTENT_NOISE))
        if was is None:
            lines.append(f"    {intent:<24} nieuw ({values['f1']:.3f})")
        elif abs(values["f1"] - was) > spread:
            lines.append(f"    {intent:<24} {was:.3f} -> {values['f1']:.3f}  {verdict(values['f1'] - was, spread)}")
    now_errors, old_errors = misreads(summary), base.get("fouten", {})
    new = [t for t in sorted(now_errors) if t not in old_errors and t in before]
    fixed = [t for t in sorted(old_errors) if t not in now_errors and t in after]
    if new:
        lines.append("  Nieuw verkeerd begrepen (ging in de basislijn goed):")
        lines += [f"    \"{t}\" ({now_errors[t]})" for t in new]
    if fixed:
        lines.append("  Nu goed begrepen (ging in de basislijn fout):")
        lines += [f"    \"{t}\"" for t in fixed]
    if not new and not fixed:
        lines.append("  Per zin: geen nieuwe fouten en geen opgeloste fouten.")
    return lines, failures


def more_than(allowed: float) -> str:
    return f"meer dan {allowed:.3f}"


# --- measuring the noise ----------------------------------------------------------

def _config_with_seed(seed: int, target: Path) -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config.get("pipeline", []):
        if "random_seed" in component:
            component["random_seed"] = seed
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure_noise(seeds: list[int], path: Path = BASELINE) -> dict:
    """Train the NLU with each seed, test every held-out set, store the spread (max - min)."""
    rasa = Path(sys.executable).with_name("rasa")
    runs: dict[str, list[dict]] = {name: [] for name in heldout_sets()}
    with tempfile.TemporaryDirectory(prefix="nlu-ruis-") as tmp:
        work = Path(tmp)
        for seed in seeds:
            config = work / f"config-{seed}.yml"
            _config_with_seed(seed, config)
            models = work / f"model-{seed}"
            print(f"Trainen met seed {seed} ...", flush=True)
            subprocess.run([str(rasa), "train", "nlu", "--config", str(config), "--nlu", "data",
                            "--domain", "bot", "--out", str(models)], cwd=ROOT, check=True,
                           capture_output=True)
            for name, nlu in heldout_sets().items():
                out = work / f"out-{seed}-{name}"
                subprocess.run([str(rasa), "test", "nlu", "--nlu", str(nlu), "--model", str(models),
                                "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
                runs[name].append(summarise(out))
    baseline = load(path)
    for name, found in runs.items():
        spread = {key: round(max(r[key] or 0 for r in found) - min(r[key] or 0 for r in found), 4)
                  for key in FIGURES}
        intents = {i for r in found for i in r["per_intent"]}
        spread["per_intent"] = {i: round(max(r["per_intent"].get(i, {}).get("f1", 0) for r in found)
                                         - min(r["per_intent"].get(i, {}).get("f1", 0) for r in found), 4)
                                for i in sorted(intents)}
        spread["seeds"] = seeds
        spread["metingen"] = {key: [r[key] for r in found] for key in FIGURES}
        spread["stdev"] = {key: round(statistics.pstdev([r[key] or 0 for r in found]), 4) for key in FIGURES}
        baseline["sets"].setdefault(name, {})["ruis"] = spread
        print(f"Set '{name}': intent-F1 {spread['metingen']['intent_f1']} -> ruis {spread['intent_f1']:.3f}; "
              f"entiteiten-F1 {spread['metingen']['entity_f1']} -> ruis {spread['entity_f1']:.3f}")
    save(baseline, path)
    return baseline


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="De vastgelegde basislijn van het taalbegrip.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    noise = sub.add_parser("ruis", help="de ruis meten: trainen met een paar seeds (duurt minuten)")
    noise.add_argument("--seeds", type=int, default=3, help="hoeveel seeds (standaard 3)")
    args = parser.parse_args(argv)
    if args.cmd == "ruis":
        if shutil.which("rasa") is None and not Path(sys.executable).with_name("rasa").exists():
            raise SystemExit("rasa is niet gevonden; draai dit met .venv/bin/python")
        measure_noise(list(range(1, args.seeds + 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
