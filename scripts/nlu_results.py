"""Reading the result files that `rasa test nlu` writes into one small summary.

The NLU report (nlu_rapport), the noise measurement of the baseline (nlu_basislijn) and the
closing table of `make test` (test_summary) all read the same files in the same way, so the
reading lives here and each of them imports it.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["ENTITY_EXTRACTORS", "entity_extractor", "read_json", "summarise"]

# The last entity step of the pipeline gives its answer (nlu_components/catalogue_entities.py); a
# model without it is measured on DIET's own output.
ENTITY_EXTRACTORS = ("CatalogueEntities", "DIETClassifier")


def read_json(path: Path, default=None):
    if not path.exists():
        return default
    return json.loads(path.read_text(encoding="utf-8"))


def entity_extractor(out: Path) -> str:
    """The name under which the pipeline's final entities were reported in `out`."""
    return next((name for name in ENTITY_EXTRACTORS if (out / f"{name}_report.json").exists()),
                ENTITY_EXTRACTORS[-1])


def summarise(out: Path) -> dict:
    """Read rasa's result files into one small dict."""
    intent_report = read_json(out / "intent_report.json")
    if intent_report is None:
        raise SystemExit(f"Geen resultaten gevonden in {out} (intent_report.json ontbreekt).")
    extractor = entity_extractor(out)
    entity_report = read_json(out / f"{extractor}_report.json", {})
    per_intent = {
        name: {"f1": round(values["f1-score"], 4), "aantal": values["support"]}
        for name, values in intent_report.items()
        if isinstance(values, dict) and "f1-score" in values and not name.endswith(" avg")
    }
    entity_avg = entity_report.get("weighted avg", {})
    return {
        "tijd": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "intent_f1": round(intent_report["weighted avg"]["f1-score"], 4),
        "entity_f1": round(entity_avg.get("f1-score", 0.0), 4) if entity_avg else None,
        "per_intent": per_intent,
        "per_entiteit": {
            name: round(values["f1-score"], 4)
            for name, values in entity_report.items()
            if isinstance(values, dict) and "f1-score" in values and not name.endswith(" avg")
            and name != "no_entity"
        },
        "intent_fouten": read_json(out / "intent_errors.json", []),
        "entiteit_fouten": read_json(out / f"{extractor}_errors.json", []),
    }
