"""Prints one table with the counts of every test stage of `make test`.

Reads what the stages left in the results folder: pytest's JUnit XML, Rasa's story report
and the NLU reports. A stage that left nothing is shown as "niet gedraaid".
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from scripts.nlu_results import entity_extractor


def pytest_line(path: Path) -> str:
    if not path.exists():
        return "niet gedraaid"
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return f"{total - failed - skipped} passed, {failed} failed, {skipped} skipped"


def stories_line(path: Path) -> str:
    if not path.exists():
        return "niet gedraaid"
    conv = json.loads(path.read_text()).get("conversation_accuracy", {})
    correct, total = conv.get("correct", 0), conv.get("total", 0)
    return f"{correct} passed, {total - correct} failed (testverhalen)"


def f1(path: Path) -> str:
    if not path.exists():
        return "?"
    return f"{json.loads(path.read_text())['weighted avg']['f1-score']:.3f}"


def nlu_rows(nlu: Path) -> list:
    """One row per held-out set that `make test` measured (a subfolder of nlu-resultaten)."""
    sets = sorted(p for p in nlu.iterdir() if p.is_dir()) if nlu.is_dir() else []
    if not sets:
        return [("taalbegrip, achtergehouden sets", "niet gedraaid")]
    rows = []
    for folder in sets:
        # the pipeline's final entities, under the name the NLU report reads them by
        entity = folder / f"{entity_extractor(folder)}_report.json"
        rows.append((f"taalbegrip, {folder.name}",
                     f"intent-F1 {f1(folder / 'intent_report.json')}, entiteit-F1 {f1(entity)}"))
    return rows


def main(results: Path) -> None:
    rows = [
        ("pytest (kern, acties, web, e2e, browser)", pytest_line(results / "pytest.xml")),
        ("testverhalen (rasa test core)", stories_line(results / "core" / "story_report.json")),
        *nlu_rows(results.parent / "nlu-resultaten"),
    ]
    width = max(len(name) for name, _ in rows)
    print("\nSamenvatting van make test")
    for name, line in rows:
        print(f"  {name:<{width}}  {line}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "var/testresultaten"))
