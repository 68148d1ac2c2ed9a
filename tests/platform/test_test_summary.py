"""The closing table of `make test` shows each held-out set with the pipeline's final entity report."""
import json
from pathlib import Path

from scripts import test_summary


def report(path: Path, f1: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"weighted avg": {"f1-score": f1}}))


def test_every_held_out_set_gets_a_row_with_its_final_entity_figure(tmp_path):
    nlu = tmp_path / "nlu-resultaten"
    report(nlu / "heldout" / "intent_report.json", 0.98)
    report(nlu / "heldout" / "CatalogueEntities_report.json", 0.984)
    report(nlu / "heldout" / "DIETClassifier_report.json", 0.5)        # not the pipeline's answer
    report(nlu / "heldout_extern" / "intent_report.json", 0.963)
    report(nlu / "heldout_extern" / "DIETClassifier_report.json", 0.94)  # a model without the step
    assert test_summary.nlu_rows(nlu) == [
        ("taalbegrip, heldout", "intent-F1 0.980, entiteit-F1 0.984"),
        ("taalbegrip, heldout_extern", "intent-F1 0.963, entiteit-F1 0.940"),
    ]


def test_no_results_say_so(tmp_path):
    assert test_summary.nlu_rows(tmp_path / "nlu-resultaten") == [("taalbegrip, achtergehouden sets", "niet gedraaid")]
