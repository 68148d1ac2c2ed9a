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
from besliswijzer.maintainers.junk import is_junk, junk_key
from besliswijzer.maintainers.scrub import scrub
from besliswijzer.text.fold import fold

__all__ = ["JUNK", "KINDS", "REASONS", "Group", "add_item", "get_item", "group_ids", "grouped", "item_json",
           "junk_ids", "kind_counts", "kind_of", "purge", "retention_days", "take_out", "take_out_many"]

REASONS = ("fallback", "onzeker", "buiten_bereik", "correctie", "herformulering", "feedback", "onbeantwoord")
DEFAULT_RETENTION_DAYS = 90
SIMILAR = 0.9            # two messages this alike letter by letter (0..1) go in one group


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


# reason -> kind: what the bot did not understand, and what a person told it was wrong.
KINDS = {"fallback": "niet_begrepen", "onzeker": "niet_begrepen", "buiten_bereik": "niet_begrepen",
         "onbeantwoord": "niet_begrepen",
         "correctie": "feedback", "herformulering": "feedback", "feedback": "feedback"}
JUNK = "rommel"
HALF_LIFE_DAYS = 14      # a message this old weighs half as much as one of today in the ranking
_STOPWORDS = frozenset("de het een en of in op aan van voor met is zijn ik je u we wat hoe wie er dat die "
                       "dit te om als bij naar".split())


def kind_of(reason: str | None, text: str) -> str:
    """niet_begrepen, feedback or rommel (junk, whatever its reason)."""
    if is_junk(text):
        return JUNK
    return KINDS.get(reason or "", "niet_begrepen")


def _key(text: str) -> str:
    """The words that make two messages the same message: folded, punctuation gone."""
    return " ".join(re.findall(r"[\w\[\]-]+", fold(text)))


def _alike(a: str, b: str, words_a: set, words_b: set) -> bool:
    """Near-same: almost the same words, or the same sentence with a typo or two."""
    union = words_a | words_b
    if union and len(words_a & words_b) / len(union) >= 0.75:
        return True
    if not (0.8 <= len(a) / max(len(b), 1) <= 1.25):
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


@dataclass
class Group:
    items: list = field(default_factory=list)
    soort: str = "niet_begrepen"
    weight: float = 0.0

    @property
    def latest(self) -> str:
        return max(item["datum"] for item in self.items)

    def as_json(self) -> dict:
        return {"voorbeeld": self.items[0]["tekst"], "aantal": len(self.items), "soort": self.soort,
                "laatst": self.latest, "berichten": self.items}


def item_json(row: InboxRow) -> dict:
    return {"id": row.id, "tekst": row.tekst, "reden": row.reden, "intentie": row.intentie,
            "zekerheid": row.zekerheid, "antwoord": row.antwoord, "datum": row.datum.isoformat()}


def _weight(day: date, today: date) -> float:
    return 0.5 ** (max((today - day).days, 0) / HALF_LIFE_DAYS)


def grouped(session, today: date | None = None) -> list[Group]:
    """All items in groups of the same or near-same message, real messages first, then junk; within
    each, ranked by how often and how recently they came in (a message counts less as it ages)."""
    today = today or date.today()
    rows = session.execute(select(InboxRow).order_by(InboxRow.datum.desc(), InboxRow.id.desc())).scalars()
    # First the same message (same words once folded): one dictionary pass.
    exact: dict[tuple, Group] = {}
    for row in rows:
        junk = is_junk(row.tekst)
        key = (True, junk_key(row.tekst)) if junk else (False, _key(row.tekst))
        group = exact.setdefault(key, Group(soort=JUNK if junk else "niet_begrepen"))
        group.items.append(item_json(row))
        group.weight += _weight(row.datum, today)
    # Then near-same real messages join the biggest group they resemble. Only groups sharing a
    # word are compared, so thousands of different messages stay quick.
    merged: list[tuple[str, set, Group]] = []
    by_word: dict[str, list[int]] = {}
    for (junk, key), group in sorted(exact.items(), key=lambda kv: -len(kv[1].items)):
        if junk:
            merged.append((key, set(), group))
            continue
        words = set(key.split())
        rare = {w for w in words if w not in _STOPWORDS} or words
        candidates = sorted({i for w in rare for i in by_word.get(w, ())})
        home = next((merged[i][2] for i in candidates if _alike(merged[i][0], key, merged[i][1], words)), None)
        if home is not None:
            home.items.extend(group.items)
            home.weight += group.weight
            continue
        merged.append((key, words, group))
        for w in rare:
            by_word.setdefault(w, []).append(len(merged) - 1)
    groups = [group for _, _, group in merged]
    for group in groups:
        group.items.sort(key=lambda item: (item["datum"], item["id"]), reverse=True)
        if group.soort != JUNK:
            kinds = {KINDS.get(item["reden"], "niet_begrepen") for item in group.items}
            group.soort = "feedback" if "feedback" in kinds else "niet_begrepen"
        for item in group.items:
            item["soort"] = group.soort if group.soort == JUNK else KINDS.get(item["reden"], "niet_begrepen")
    return sorted(groups, key=lambda g: (g.soort == JUNK, -round(g.weight, 6), -len(g.items)))


def get_item(session, item_id: int) -> InboxRow:
    row = session.get(InboxRow, item_id)
    if row is None:
        raise BesliswijzerError(f"Er is geen bericht {item_id} in de inbox.")
    return row


def take_out(session, item_id: int) -> None:
    """Remove one message once a maintainer dealt with it: ignored, or labelled as an example."""
    session.delete(get_item(session, item_id))


def kind_counts(session) -> dict[str, int]:
    """How many messages of each kind the inbox holds now: niet_begrepen, feedback, rommel."""
    counts = {"niet_begrepen": 0, "feedback": 0, JUNK: 0}
    for text, reason in session.execute(select(InboxRow.tekst, InboxRow.reden)):
        counts[kind_of(reason, text)] += 1
    return counts


def take_out_many(session, item_ids) -> int:
    """Remove several messages at once; when one id is not in the inbox, nothing is removed."""
    ids = sorted(set(int(i) for i in item_ids))
    found = set(session.execute(select(InboxRow.id).where(InboxRow.id.in_(ids))).scalars()) if ids else set()
    missing = [i for i in ids if i not in found]
    if missing:
        raise BesliswijzerError(f"Er is geen bericht {missing[0]} in de inbox; er is niets verwijderd.")
    return session.execute(delete(InboxRow).where(InboxRow.id.in_(ids))).rowcount if ids else 0


def group_ids(session, item_id: int) -> list[int]:
    """The ids of every message in the group that holds message `item_id`."""
    get_item(session, item_id)
    for group in grouped(session):
        ids = [item["id"] for item in group.items]
        if item_id in ids:
            return ids
    return [item_id]


def junk_ids(session) -> list[int]:
    """The ids of every message marked as junk."""
    return [item["id"] for group in grouped(session) if group.soort == JUNK for item in group.items]
