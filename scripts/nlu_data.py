"""Rasa's training data files, read and extended: the domain's intents and entities (bot/domain),
the examples of data/nlu/ and the held-out sets (tests/nlu/heldout*.yml), a new annotated example.

It lives in the scripts package, beside the other tools that work on Rasa's files (generate_nlu,
train_model, nlu_rapport, nlu_basislijn), because the core (besliswijzer/) reads only its own data
files and knows nothing of bot/domain or data/nlu. It knows no database either: labelling an inbox
message (scripts/nlu.py) takes the message from the core's inbox and writes it with this module.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from besliswijzer.errors import BesliswijzerError

__all__ = ["ROOT", "PLACEHOLDER", "annotate", "domain_names", "examples", "insert_example", "plain",
           "target_file", "training_files"]

ROOT = Path(__file__).resolve().parent.parent
# "[senioren](doelgroep)" or "[senioren]{"entity": "doelgroep"}": the words without the annotation.
_ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")
# Placeholders the scrubber leaves (besliswijzer.maintainers.scrub); Rasa would read "[naam]" as the
# start of an annotation.
PLACEHOLDER = re.compile(r"\[(e-mail|telefoon|adres|iban|nummer|naam)\]")


def plain(example: str) -> str:
    """An example line's text with the entity annotations removed."""
    return _ANNOTATION.sub(r"\1", example).strip()


def examples(path: Path) -> dict[str, list[str]]:
    """intent -> plain example texts (annotations removed) of one NLU file, in file order."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    found: dict[str, list[str]] = {}
    for block in data.get("nlu") or []:
        if "intent" in block:
            found.setdefault(block["intent"], []).extend(
                plain(line.strip()[2:]) for line in str(block.get("examples", "")).splitlines()
                if line.strip().startswith("- "))
    return found


def domain_names(kind: str, root: Path = ROOT) -> set[str]:
    """The names of one kind ("intents" or "entities") in the domain files (bot/domain)."""
    names = set()
    for path in sorted((root / "bot" / "domain").glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(kind, []):
            names.add(next(iter(item)) if isinstance(item, dict) else item)
    return names


def annotate(text: str, entities: list[tuple[str, str]]) -> str:
    """Mark each (entity, words) in the text: 'voor [ouderen](doelgroep)'."""
    result = text
    for entity, words in entities:
        match = re.search(rf"(?<![\w\[]){re.escape(words)}(?!\w)", result, re.IGNORECASE)
        if not match:
            raise BesliswijzerError(f"'{words}' staat niet in het bericht; een entiteit moet letterlijk "
                                    "in de tekst staan.")
        result = f"{result[:match.start()]}[{match.group(0)}]({entity}){result[match.end():]}"
    return result


def training_files(root: Path = ROOT) -> list[Path]:
    """Every file a sentence may already be in: the training data and the held-out sets."""
    return [*sorted((root / "data" / "nlu").rglob("*.yml")), *sorted((root / "tests" / "nlu").glob("heldout*.yml"))]


def target_file(root: Path, intent: str, heldout: bool) -> Path:
    """The NLU file that holds most examples of the intent; for --toets the held-out set."""
    if heldout:
        return root / "tests" / "nlu" / "heldout.yml"
    # Several files may hold examples of one intent: the one with the most is its home.
    counts = {path: len(examples(path).get(intent, [])) for path in sorted((root / "data" / "nlu").glob("*.yml"))}
    best = max(counts, key=lambda p: counts[p], default=None)
    if best is not None and counts[best]:
        return best
    raise BesliswijzerError(f"Er is nog geen bestand in data/nlu met voorbeelden voor '{intent}'. "
                            "Voeg de intentie eerst toe (zie docs/onderhoud-nlu.md).")


def insert_example(path: Path, intent: str, line: str) -> None:
    """Add `    - line` at the end of the intent's examples, keeping the rest of the file as it is."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, l in enumerate(lines) if l.strip() in (f"- intent: {intent}",)), None)
    if start is None:                                     # a new block at the end of the file
        tail = "" if not lines or lines[-1].endswith("\n") else "\n"
        path.write_text("".join(lines) + tail + f"- intent: {intent}\n  examples: |\n    - {line}\n",
                        encoding="utf-8")
        return
    last = start
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if stripped.startswith("- ") and lines[i].startswith("    "):
            last = i
        elif stripped and not lines[i].startswith("  "):
            break
    indent = re.match(r"\s*", lines[last]).group(0) if last != start else "    "
    lines.insert(last + 1, f"{indent}- {line}\n")
    path.write_text("".join(lines), encoding="utf-8")
