#!/usr/bin/env python3
"""Quality gate for the language understanding (NLU): how well does the bot understand Dutch?

Runs `rasa test nlu` on the held-out test set (tests/nlu/heldout.yml, never used for training),
or reads the results of an earlier run, and prints in plain Dutch:

- intent F1 (weighted) and entity F1 (weighted, the pipeline's final entities), against the thresholds in
  tests/nlu/drempels.json;
- the worst-recognised intents and every misunderstood example;
- per intent and entity whether it got better or worse than the committed baseline
  (tests/nlu/basislijn.json, see scripts/nlu_basislijn.py), with the noise of retraining taken
  into account, and per sentence which misreads are new and which are fixed;
- advice to raise a threshold when the result is well above it. Thresholds only go up.

Exit code 1 when a result is below its threshold, when a threshold was lowered, or when a figure
dropped below the baseline by more than the tolerance ("tolerantie" in drempels.json).

Usage:
  python -m scripts.nlu_rapport                  # test the newest model in models/
  python -m scripts.nlu_rapport --alleen-lezen   # only read var/nlu-resultaten (no rasa run)
  python -m scripts.nlu_rapport --basislijn-bijwerken   # store this run as the baseline (make basislijn)
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

from scripts import nlu_basislijn
from scripts.nlu_results import read_json, summarise

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = {
    "model": ROOT / "models",
    "nlu": ROOT / "tests" / "nlu" / "heldout.yml",
    "out": ROOT / "var" / "nlu-resultaten",
    "drempels": ROOT / "tests" / "nlu" / "drempels.json",
    "vorige": ROOT / "var" / "nlu-vorige-run.json",
}
# The quality bar of the project: a threshold file may never go below these.
FLOORS = {"intent_f1": 0.90, "entity_f1": 0.85}
LABELS = {"intent_f1": "Intentherkenning (F1, gewogen)", "entity_f1": "Entiteiten (F1, gewogen)"}


def run_rasa_test(model: Path, nlu: Path, out: Path) -> None:
    rasa = Path(sys.executable).with_name("rasa")
    command = [str(rasa) if rasa.exists() else "rasa", "test", "nlu", "--nlu", str(nlu),
               "--model", str(model), "--out", str(out)]
    out.mkdir(parents=True, exist_ok=True)
    print("Bezig: " + " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"rasa test nlu is mislukt (code {result.returncode}). Is er een model in {model}?")


def describe_entities(entities: list[dict], text: str) -> str:
    """Entities as the user typed them; the value after synonym mapping follows when it differs."""
    if not entities:
        return "niets"
    parts = []
    for e in entities:
        typed = text[e["start"]:e["end"]] if "start" in e and "end" in e else e.get("value")
        value = e.get("value")
        parts.append(f"{e.get('entity')} '{typed}'" + (f" (= {value})" if value and value != typed else ""))
    return ", ".join(parts)


def suggested_threshold(result: float, margin: float) -> float:
    """A raised threshold that still leaves half the margin as room for noise."""
    return math.floor((result - margin / 2) * 100) / 100


def report(summary: dict, drempels: dict, previous: dict | None) -> int:
    failures = 0
    margin = float(drempels.get("marge", 0.03))
    print()
    print("=== Taalbegrip van de besliswijzer (held-out testset) ===")
    print(f"Aantal testzinnen: {sum(v['aantal'] for v in summary['per_intent'].values())}")

    for key in ("intent_f1", "entity_f1"):
        threshold = float(drempels[key])
        result = summary[key]
        if threshold < FLOORS[key]:
            print(f"FOUT: de drempel {key} = {threshold} ligt onder het minimum {FLOORS[key]}. "
                  "Drempels mogen alleen omhoog.")
            failures += 1
        if previous and float(previous.get("drempels", {}).get(key, 0)) > threshold:
            print(f"FOUT: de drempel {key} is verlaagd ({previous['drempels'][key]} -> {threshold}). "
                  "Drempels mogen alleen omhoog; zet hem terug en verbeter de trainingsdata.")
            failures += 1
        if result is None:
            print(f"{LABELS[key]}: geen resultaat (geen entiteitenrapport)  ONVOLDOENDE")
            failures += 1
            continue
        status = "OK" if result >= threshold else "ONVOLDOENDE"
        print(f"{LABELS[key]}: {result:.3f}  (drempel {threshold:.2f})  {status}")
        if result < threshold:
            failures += 1
        elif result - threshold > margin:
            print(f"  Tip: dit ligt ruim boven de drempel. Verhoog '{key}' in tests/nlu/drempels.json "
                  f"naar {suggested_threshold(result, margin):.2f}, zodat de kwaliteit niet ongemerkt terugloopt.")

    ranked = sorted(summary["per_intent"].items(), key=lambda kv: (kv[1]["f1"], kv[0]))
    print()
    print("Slechtst herkende intenties:")
    for name, values in ranked[:5]:
        print(f"  {name:<22} F1 {values['f1']:.3f}  ({values['aantal']} testzinnen)")

    if summary["per_entiteit"]:
        print()
        print("Entiteiten (F1): " + ", ".join(
            f"{name} {f1:.2f}" for name, f1 in sorted(summary["per_entiteit"].items())))

    print()
    if summary["intent_fouten"]:
        print("Dit begreep de bot verkeerd:")
        for error in sorted(summary["intent_fouten"], key=lambda e: (e["intent"], e["text"])):
            predicted = error.get("intent_prediction", {})
            print(f"  \"{error['text']}\"\n    bedoeld: {error['intent']}, begrepen als: "
                  f"{predicted.get('name')} (zekerheid {predicted.get('confidence') or 0:.2f})")
    else:
        print("Alle testzinnen kregen de goede intentie.")
    if summary["entiteit_fouten"]:
        print()
        print("Hier pakte de bot de onderdelen (entiteiten) verkeerd op:")
        for error in summary["entiteit_fouten"]:
            text = error.get("text", "")
            print(f"  \"{text}\"\n    verwacht: {describe_entities(error.get('entities', []), text)}"
                  f"\n    gevonden: {describe_entities(error.get('predicted_entities', []), text)}")
    return 1 if failures else 0


def conclusion(failed: bool) -> None:
    print()
    if failed:
        print("Resultaat: ONVOLDOENDE. Voeg gevarieerde voorbeeldzinnen toe in data/nlu/ (zie "
              "docs/onderhoud-nlu.md), train opnieuw en draai dit rapport nog eens.")
    else:
        print("Resultaat: voldoende.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Kwaliteitsrapport van het taalbegrip (NLU).")
    parser.add_argument("--model", type=Path, default=DEFAULTS["model"], help="model of map met modellen")
    parser.add_argument("--nlu", type=Path, default=DEFAULTS["nlu"], help="held-out testset")
    parser.add_argument("--out", type=Path, default=DEFAULTS["out"], help="map voor de resultaten van rasa")
    parser.add_argument("--drempels", type=Path, default=DEFAULTS["drempels"])
    parser.add_argument("--vorige", type=Path, default=DEFAULTS["vorige"],
                        help="bestand met de samenvatting van de vorige run")
    parser.add_argument("--basislijn", type=Path, default=nlu_basislijn.BASELINE,
                        help="de vastgelegde basislijn (standaard tests/nlu/basislijn.json)")
    parser.add_argument("--basislijn-bijwerken", action="store_true",
                        help="deze run vastleggen als nieuwe basislijn (bewust; daarna committen)")
    parser.add_argument("--alleen-lezen", action="store_true",
                        help="rasa niet draaien, alleen de resultaten in --out lezen")
    args = parser.parse_args(argv)

    if not args.alleen_lezen:
        run_rasa_test(args.model, args.nlu, args.out)
    summary = summarise(args.out)
    drempels = read_json(args.drempels)
    if drempels is None:
        raise SystemExit(f"Drempelbestand {args.drempels} ontbreekt.")
    # Per set: "extern" in drempels.json holds the thresholds of tests/nlu/heldout_extern.yml.
    per_set = drempels.get(nlu_basislijn.set_name(args.nlu))
    if isinstance(per_set, dict):
        drempels = {**drempels, **per_set}
    previous = read_json(args.vorige)
    code = report(summary, drempels, previous)
    if args.basislijn_bijwerken:
        nlu_basislijn.update(summary, args.nlu, args.basislijn)
    else:
        lines, dropped = nlu_basislijn.compare(summary, args.nlu, float(drempels.get("tolerantie", 0.02)),
                                               args.basislijn)
        print("\n".join(lines))
        code = 1 if dropped else code
    conclusion(code != 0)

    stored = {k: v for k, v in summary.items() if k not in ("intent_fouten", "entiteit_fouten")}
    stored["drempels"] = {k: drempels[k] for k in FLOORS}
    args.vorige.parent.mkdir(parents=True, exist_ok=True)
    args.vorige.write_text(json.dumps(stored, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
