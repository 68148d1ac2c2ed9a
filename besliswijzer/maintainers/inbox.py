"""The maintainers' inbox: messages the bot misunderstood, scrubbed, to label or drop.

Kept apart from the conversations, with its own retention (INBOX_BEWAARTERMIJN_DAGEN). This module
keeps, lists, groups and takes out messages; labelling one as Rasa training data is done on the
side that owns Rasa's files (scripts/nlu_data.py, `python -m scripts.nlu label`), which then takes
the message out here.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher

from sqlalchemy import delete, select

from besliswijzer.errors import BesliswijzerError
from besliswijzer.storage.models import InboxRow
from besliswijzer.maintainers.scrub import scrub

__all__ = ["REASONS", "Group", "add_item", "get_item", "grouped", "item_json", "purge", "retention_days",
           "take_out"]

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


def take_out(session, item_id: int) -> None:
    """Remove one message once a maintainer dealt with it: ignored, or labelled as an example."""
    session.delete(get_item(session, item_id))
