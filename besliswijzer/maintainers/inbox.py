"""The maintainers' inbox: messages the bot misunderstood, scrubbed, to label or drop.

Kept apart from the conversations, with its own retention (INBOX_BEWAARTERMIJN_DAGEN).
Labelling adds the message as an example to the right file in data/nlu/ (or to a held-out
set) as valid Rasa training data, then removes it from the inbox.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from pathlib import Path

import yaml
from sqlalchemy import delete, select

from besliswijzer.errors import BesliswijzerError
from besliswijzer.storage.models import InboxRow
from besliswijzer.maintainers.scrub import scrub

REPO = Path(__file__).resolve().parents[2]
REASONS = ("fallback", "onzeker", "buiten_bereik", "correctie")
DEFAULT_RETENTION_DAYS = 90
SIMILAR = 0.6            # two messages this alike (0..1) go in one group


def retention_days() -> float:
    return float(os.environ.get("INBOX_BEWAARTERMIJN_DAGEN", DEFAULT_RETENTION_DAYS))


def add_item(session, text: str, reason: str, intent: str | None, confidence: float | None,
             reply: str | None, day: date | None = None) -> InboxRow:
    """Keep one message; text and reply are scrubbed here, whoever calls."""
    row = InboxRow(tekst=scrub(text)[:1000], reden=reason, intentie=intent,
                   zekerheid=None if confidence is None else round(float(confidence), 3),
                   antwoord=scrub(reply or "")[:1000] or None, datum=day or date.today())
    session.add(row)
    session.flush()
    return row


def purge(session, days: float | None = None, today: date | None = None) -> int:
    """Remove items older than the retention period; returns how many."""
    cutoff = (today or date.today()) - timedelta(days=retention_days() if days is None else days)
    return session.execute(delete(InboxRow).where(InboxRow.datum < cutoff)).rowcount


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w\[\]-]+", text.lower()))


@dataclass
class Group:
    items: list = field(default_factory=list)

    def as_json(self) -> dict:
        return {"aantal": len(self.items), "voorbeeld": self.items[0]["tekst"], "berichten": self.items}


def item_json(row: InboxRow) -> dict:
    return {"id": row.id, "tekst": row.tekst, "reden": row.reden, "intentie": row.intentie,
            "zekerheid": row.zekerheid, "antwoord": row.antwoord, "datum": row.datum.isoformat()}


def grouped(session) -> list[Group]:
    """All items, alike messages together, the biggest group first."""
    groups: list[tuple[str, Group]] = []
    for row in session.execute(select(InboxRow).order_by(InboxRow.datum.desc(), InboxRow.id.desc())).scalars():
        words = _words(row.tekst)
        for key, group in groups:
            if SequenceMatcher(None, key, words).ratio() >= SIMILAR:
                group.items.append(item_json(row))
                break
        else:
            groups.append((words, Group([item_json(row)])))
    return sorted((g for _, g in groups), key=lambda g: -len(g.items))


def get_item(session, item_id: int) -> InboxRow:
    row = session.get(InboxRow, item_id)
    if row is None:
        raise BesliswijzerError(f"Er is geen bericht {item_id} in de inbox.")
    return row


def ignore(session, item_id: int) -> None:
    session.delete(get_item(session, item_id))


# --- labelling -------------------------------------------------------------------

def _domain_intents(root: Path) -> set[str]:
    names = set()
    for path in sorted((root / "bot" / "domain").glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("intents", []):
            names.add(next(iter(item)) if isinstance(item, dict) else item)
    return names


def _domain_entities(root: Path) -> set[str]:
    names = set()
    for path in sorted((root / "bot" / "domain").glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entities", []):
            names.add(next(iter(item)) if isinstance(item, dict) else item)
    return names


def _examples(path: Path) -> dict[str, list[str]]:
    """intent -> plain example texts (annotations removed) of one NLU file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = {}
    for block in data.get("nlu") or []:
        if "intent" in block:
            found.setdefault(block["intent"], []).extend(
                re.sub(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2),
                       line.strip()[2:]).strip().lower() for line in str(block.get("examples", "")).splitlines()
                if line.strip().startswith("- "))
    return found


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


def target_file(root: Path, intent: str, heldout: bool) -> Path:
    """The NLU file that holds most examples of the intent; for --toets the held-out set."""
    if heldout:
        return root / "tests" / "nlu" / "heldout.yml"
    # Several files may hold examples of one intent: the one with the most is its home.
    counts = {path: len(_examples(path).get(intent, [])) for path in sorted((root / "data" / "nlu").glob("*.yml"))}
    best = max(counts, key=lambda p: counts[p], default=None)
    if best is not None and counts[best]:
        return best
    raise BesliswijzerError(f"Er is nog geen bestand in data/nlu met voorbeelden voor '{intent}'. "
                            "Voeg de intentie eerst toe (zie docs/onderhoud-nlu.md).")


def _insert_example(path: Path, intent: str, line: str) -> None:
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


def label(session, item_id: int, intent: str, entities: list[tuple[str, str]] = (), heldout: bool = False,
          root: Path = REPO) -> Path:
    """Write the item as a training (or held-out) example of `intent`; returns the file written."""
    row = get_item(session, item_id)
    if intent not in _domain_intents(root):
        raise BesliswijzerError(f"De intentie '{intent}' bestaat niet in het domein (bot/domain).")
    unknown = [name for name, _ in entities if name not in _domain_entities(root)]
    if unknown:
        raise BesliswijzerError(f"De entiteit '{unknown[0]}' bestaat niet in het domein (bot/domain).")
    text = " ".join(row.tekst.split())
    if re.search(r"\[(e-mail|telefoon|adres|iban|nummer|naam)\]", text):
        # Rasa would read "[naam]" as the start of an annotation; the placeholder becomes a plain word.
        text = re.sub(r"\[(e-mail|telefoon|adres|iban|nummer|naam)\]", r"\1", text)
    if not text or text.startswith("/"):
        raise BesliswijzerError("Dit bericht is geen zin om van te leren.")
    plain = text.lower()
    for path in [*sorted((root / "data" / "nlu").rglob("*.yml")), *sorted((root / "tests" / "nlu").glob("heldout*.yml"))]:
        if any(plain in examples for examples in _examples(path).values()):
            raise BesliswijzerError(f"Deze zin staat al in {path.relative_to(root)}; hij is niet opnieuw "
                                    "toegevoegd. Negeer het bericht of kies een andere zin.")
    path = target_file(root, intent, heldout)
    _insert_example(path, intent, annotate(text, list(entities)))
    session.delete(row)
    return path
