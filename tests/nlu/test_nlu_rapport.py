"""scripts/nlu_rapport.py on result files as `rasa test nlu` writes them (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts import nlu_basislijn, nlu_rapport

ROOT = Path(__file__).resolve().parents[2]


def write_results(out: Path, intent_f1: float, entity_f1: float, advies_f1: float = 0.9) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "intent_report.json").write_text(json.dumps({
        "advies_vragen": {"precision": 1, "recall": 1, "f1-score": advies_f1, "support": 10},
        "begroeten": {"precision": 1, "recall": 1, "f1-score": 1.0, "support": 10},
        "accuracy": intent_f1,
        "macro avg": {"precision": 1, "recall": 1, "f1-score": intent_f1, "support": 20},
        "weighted avg": {"precision": 1, "recall": 1, "f1-score": intent_f1, "support": 20},
    }))
    (out / "DIETClassifier_report.json").write_text(json.dumps({
        "doelgroep": {"precision": 1, "recall": 1, "f1-score": entity_f1, "support": 5},
        "weighted avg": {"precision": 1, "recall": 1, "f1-score": entity_f1, "support": 5},
    }))
    (out / "intent_errors.json").write_text(json.dumps([{
        "text": "advies graag voor de wijk", "intent": "advies_vragen",
        "intent_prediction": {"name": "situatie_geven", "confidence": 0.61}}]))
    (out / "DIETClassifier_errors.json").write_text(json.dumps([{
        "text": "hoe bereik ik senioren",
        "entities": [{"start": 14, "end": 22, "value": "senioren", "entity": "doelgroep"}],
        "predicted_entities": []}]))


HELDOUT = """version: "3.1"
nlu:
- intent: advies_vragen
  examples: |
    - advies graag voor de wijk
    - hoe bereik ik [senioren](doelgroep)
- intent: begroeten
  examples: |
    - goeiemorgen allemaal
"""


def run(tmp_path: Path, drempels: dict, *args: str, heldout: str = HELDOUT) -> int:
    (tmp_path / "drempels.json").write_text(json.dumps(drempels))
    (tmp_path / "heldout.yml").write_text(heldout)
    return nlu_rapport.main(["--alleen-lezen", "--out", str(tmp_path / "res"),
                             "--nlu", str(tmp_path / "heldout.yml"),
                             "--drempels", str(tmp_path / "drempels.json"),
                             "--basislijn", str(tmp_path / "basislijn.json"),
                             "--vorige", str(tmp_path / "vorige.json"), *args])


def test_passes_and_explains_errors_in_dutch(tmp_path, capsys):
    write_results(tmp_path / "res", 0.95, 0.90)
    assert run(tmp_path, {"intent_f1": 0.90, "entity_f1": 0.85}) == 0
    out = capsys.readouterr().out
    assert "Dit begreep de bot verkeerd:" in out
    assert "\"advies graag voor de wijk\"" in out and "begrepen als: situatie_geven" in out
    assert "doelgroep 'senioren'" in out
    assert "Verhoog 'intent_f1'" in out  # 0.95 is more than the margin above 0.90


def test_fails_below_a_threshold(tmp_path, capsys):
    write_results(tmp_path / "res", 0.88, 0.90)
    assert run(tmp_path, {"intent_f1": 0.90, "entity_f1": 0.85}) == 1
    assert "ONVOLDOENDE" in capsys.readouterr().out


def test_refuses_a_threshold_below_the_floor(tmp_path, capsys):
    write_results(tmp_path / "res", 0.99, 0.99)
    assert run(tmp_path, {"intent_f1": 0.80, "entity_f1": 0.85}) == 1
    assert "Drempels mogen alleen omhoog" in capsys.readouterr().out


def test_refuses_a_threshold_lowered_since_the_previous_run(tmp_path, capsys):
    write_results(tmp_path / "res", 0.97, 0.95)
    assert run(tmp_path, {"intent_f1": 0.95, "entity_f1": 0.90}) == 0
    capsys.readouterr()
    assert run(tmp_path, {"intent_f1": 0.92, "entity_f1": 0.90}) == 1
    assert "is verlaagd" in capsys.readouterr().out


DREMPELS = {"intent_f1": 0.90, "entity_f1": 0.85, "tolerantie": 0.02}


def test_without_a_baseline_the_report_says_how_to_make_one(tmp_path, capsys):
    write_results(tmp_path / "res", 0.95, 0.90)
    assert run(tmp_path, DREMPELS) == 0
    assert "nog geen basislijn" in capsys.readouterr().out


def test_a_difference_within_the_noise_is_no_clear_difference(tmp_path, capsys):
    write_results(tmp_path / "res", 0.983, 0.90)
    run(tmp_path, DREMPELS, "--basislijn-bijwerken")
    stored = json.loads((tmp_path / "basislijn.json").read_text())
    stored["sets"]["eigen"]["ruis"] = {"intent_f1": 0.012, "entity_f1": 0.01, "per_intent": {}}
    (tmp_path / "basislijn.json").write_text(json.dumps(stored))
    capsys.readouterr()
    write_results(tmp_path / "res", 0.973, 0.90)
    assert run(tmp_path, DREMPELS) == 0
    out = capsys.readouterr().out
    assert "Intentherkenning (F1): 0.983 -> 0.973  geen duidelijk verschil (ruis ±0.012)" in out
    assert "slechter" not in out


def test_a_drop_beyond_the_tolerance_fails(tmp_path, capsys):
    write_results(tmp_path / "res", 0.99, 0.95)
    run(tmp_path, DREMPELS, "--basislijn-bijwerken")
    capsys.readouterr()
    write_results(tmp_path / "res", 0.95, 0.95)          # still above the threshold of 0.90
    assert run(tmp_path, DREMPELS) == 1
    out = capsys.readouterr().out
    assert "0.990 -> 0.950  slechter" in out and "onder de basislijn" in out


def test_per_sentence_new_and_fixed_misreads_and_a_changed_set(tmp_path, capsys):
    write_results(tmp_path / "res", 0.95, 0.90)
    run(tmp_path, DREMPELS, "--basislijn-bijwerken")
    capsys.readouterr()
    # now the intent error is fixed, 'goeiemorgen allemaal' is misread, and a sentence was added
    res = tmp_path / "res"
    (res / "intent_errors.json").write_text(json.dumps([{
        "text": "goeiemorgen allemaal", "intent": "begroeten",
        "intent_prediction": {"name": "afscheid", "confidence": 0.7}}]))
    run(tmp_path, DREMPELS, heldout=HELDOUT + "    - hallo daar\n")
    out = capsys.readouterr().out
    assert "de testset is veranderd (3 -> 4 zinnen)" in out and '+ "hallo daar"' in out
    new = out.split("Nieuw verkeerd begrepen")[1].split("Nu goed begrepen")[0]
    assert '"goeiemorgen allemaal" (begrepen als afscheid)' in new
    assert '"advies graag voor de wijk"' in out.split("Nu goed begrepen")[1]


def test_committed_baseline_covers_every_heldout_set():
    baseline = json.loads((ROOT / "tests" / "nlu" / "basislijn.json").read_text())
    for name, path in nlu_basislijn.heldout_sets().items():
        entry = baseline["sets"].get(name)
        assert entry, f"no baseline for {path.name}: run make basislijn"
        assert entry["intent_f1"] > 0 and entry["per_intent"]
        assert set(entry["zinnen"]) == set(nlu_basislijn.sentences(path)), \
            f"{path.name} changed since the baseline: run make basislijn and commit it"
    noise = baseline["sets"]["eigen"]["ruis"]      # measured once: python -m scripts.nlu_basislijn ruis
    assert len(noise["seeds"]) >= 3 and len(noise["metingen"]["intent_f1"]) == len(noise["seeds"])
    assert 0 <= noise["intent_f1"] < 0.1 and 0 <= noise["entity_f1"] < 0.1


def test_missing_results_give_a_clear_message(tmp_path):
    (tmp_path / "drempels.json").write_text(json.dumps({"intent_f1": 0.9, "entity_f1": 0.85}))
    with pytest.raises(SystemExit, match="Geen resultaten"):
        run(tmp_path, {"intent_f1": 0.90, "entity_f1": 0.85})


def test_committed_thresholds_respect_the_floor():
    drempels = json.loads((ROOT / "tests" / "nlu" / "drempels.json").read_text())
    assert drempels["intent_f1"] >= 0.90 and drempels["entity_f1"] >= 0.85


def test_the_outside_held_out_set_is_gated_too():
    drempels = json.loads((ROOT / "tests" / "nlu" / "drempels.json").read_text())
    # Issue 21 asks 0.95 and 0.92 of sentences written by others; a gate below that would hide a regression.
    assert drempels["extern"]["intent_f1"] >= 0.95 and drempels["extern"]["entity_f1"] >= 0.92
    assert (ROOT / "tests" / "nlu" / "heldout_extern.yml").exists()
