"""The held-out NLU test set must stay out of the training data, or its F1 means nothing.

Examples are compared after normalising: entity annotations removed, lowercased, accents and
punctuation dropped, whitespace collapsed. So "Wat is een [Burgerberaad](methode)?" in the
test set and "wat is een burgerberaad" in training count as the same example.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TRAINING_DIR = ROOT / "data" / "nlu"
HELDOUT_FILE = ROOT / "tests" / "nlu" / "heldout.yml"
# Every held-out set: the project's own (heldout.yml) and the one written from outside sources.
HELDOUT_FILES = sorted((ROOT / "tests" / "nlu").glob("heldout*.yml"))
heldout_sets = pytest.mark.parametrize("heldout", HELDOUT_FILES, ids=lambda p: p.stem)
MIN_PER_INTENT = 8

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def normalise(example: str) -> str:
    text = _ANNOTATION.sub(r"\1", example)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def intent_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, example) pairs of one Rasa YAML NLU file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for item in data.get("nlu", []):
        if "intent" not in item:
            continue
        for line in str(item.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((item["intent"], line[2:].strip()))
    return pairs


def training_examples() -> list[tuple[str, str]]:
    pairs = []
    for path in sorted(TRAINING_DIR.rglob("*.yml")):
        pairs.extend(intent_examples(path))
    return pairs


def test_normalise_ignores_case_accents_punctuation_and_annotations():
    assert normalise("Wat is een [Enquête](methode)?") == normalise("wat is een enquete")
    assert normalise("budget [€ 15.000](bedrag)") == normalise("budget 15 000")
    assert normalise("waarom?") != normalise("hoezo?")


def test_there_are_two_heldout_sets():
    assert [p.name for p in HELDOUT_FILES] == ["heldout.yml", "heldout_extern.yml"]


@heldout_sets
def test_heldout_examples_do_not_occur_in_training(heldout):
    training = {normalise(text) for _, text in training_examples()}
    leaked = [text for _, text in intent_examples(heldout) if normalise(text) in training]
    assert not leaked, f"held-out voorbeelden die ook in data/nlu staan: {leaked}"


@heldout_sets
def test_heldout_has_no_duplicates(heldout):
    counts = Counter(normalise(text) for _, text in intent_examples(heldout))
    assert [text for text, n in counts.items() if n > 1] == []


def test_heldout_sets_do_not_share_examples():
    own = {normalise(text) for _, text in intent_examples(HELDOUT_FILES[0])}
    assert [text for _, text in intent_examples(HELDOUT_FILES[1]) if normalise(text) in own] == []


@heldout_sets
def test_heldout_covers_every_training_intent(heldout):
    trained = {intent for intent, _ in training_examples()}
    per_intent = Counter(intent for intent, _ in intent_examples(heldout))
    too_few = {intent: per_intent.get(intent, 0) for intent in trained if per_intent.get(intent, 0) < MIN_PER_INTENT}
    assert not too_few, f"te weinig held-out voorbeelden (minimaal {MIN_PER_INTENT}): {too_few}"


@pytest.mark.parametrize("minimum,intents", [
    (40, ["advies_vragen", "situatie_geven", "casus_zoeken", "uitleg_vragen",
          "methodes_vergelijken", "traject_evalueren"]),
    (20, ["begroeten", "afscheid", "bedanken", "bevestigen", "ontkennen", "weet_niet",
          "wat_kun_je", "opnieuw_beginnen", "bot_vraag", "buiten_bereik",
          "waarom_vragen", "meer_opties", "overslaan", "score_geven"]),
])
def test_training_data_has_enough_examples(minimum, intents):
    counts = Counter(intent for intent, _ in training_examples())
    assert {i: counts[i] for i in intents if counts[i] < minimum} == {}


def test_training_examples_are_not_repeated():
    counts = Counter(text.strip().lower() for _, text in training_examples())
    assert [text for text, n in counts.items() if n > 1] == []


# --- the verbatim questions (tests/nlu/echte_vragen.yml): measured end to end, never trained on ---

REAL_QUESTIONS_FILE = ROOT / "tests" / "nlu" / "echte_vragen.yml"


def real_questions() -> list[dict]:
    return yaml.safe_load(REAL_QUESTIONS_FILE.read_text(encoding="utf-8"))["vragen"]


def knowledge_questions() -> list[str]:
    from besliswijzer.reference import knowledge

    return [q for topic in knowledge.load_topics().values() for q in topic.vragen]


def test_real_questions_are_many_and_each_has_its_address_and_kind():
    questions = real_questions()
    assert len(questions) >= 150
    kinds = {"uitleg", "advies", "casussen", "vergelijking", "evaluatie", "buiten_bereik"}
    for item in questions:
        assert item["vraag"].strip() and item["url"].startswith(("http://", "https://")) and item["bron"]
        assert item["soort"] in kinds, item
    counts = Counter(normalise(item["vraag"]) for item in questions)
    assert [text for text, n in counts.items() if n > 1] == []


def test_real_questions_are_not_in_the_training_data():
    real = {normalise(item["vraag"]) for item in real_questions()}
    leaked = [text for _, text in training_examples() if normalise(text) in real]
    assert not leaked, f"echte vragen die in data/nlu staan: {leaked}"


def test_real_questions_are_not_example_questions_of_the_knowledge_base():
    real = {normalise(item["vraag"]) for item in real_questions()}
    leaked = [text for text in knowledge_questions() if normalise(text) in real]
    assert not leaked, f"echte vragen die in besliswijzer/data/kennis.yml staan: {leaked}"


def test_the_leak_check_would_see_a_copied_question():
    """The check normalises like the others: a copy with other case and punctuation is caught."""
    copied = real_questions()[0]["vraag"].upper().rstrip("?") + " !"
    assert normalise(copied) in {normalise(item["vraag"]) for item in real_questions()}
