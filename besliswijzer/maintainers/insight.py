"""Privacy-safe insight: counts per week, kept in their own table (inzicht_tellingen).

The event broker counts as conversations happen, so the figures outlive the conversations
themselves. A cell holds how many conversations (each counted once) and how many messages;
never any text. Readers get cells below K conversations as None, shown as "< 5".
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from besliswijzer.storage.models import CountRow, InboxRow

K = 5                     # fewer conversations than this in a cell: not shown
HIDDEN = "< 5"

# kind -> Dutch title, in the order /beheer shows them
KINDS = {
    "gesprek": "Gesprekken en berichten per week",
    "fallback": "Niet begrepen berichten per week",
    "intentie": "Waar vragen mensen om (intenties)",
    "thema": "Thema's",
    "doelgroep": "Doelgroepen in een advies",
    "niveau": "Treden van de participatieladder in een advies",
    "methode": "Hoe vaak een werkvorm werd geadviseerd",
    "beoordeling": "Opgeslagen beoordelingen",
    "inbox": "Nieuwe berichten in de inbox",
}
ALL = "alle"              # the value of the per-week totals (gesprek, fallback, beoordeling, inbox)


# Kinds whose values come from the conversation: only catalogue ids are counted, never typed text.
VOCABULARY_KINDS = ("thema", "doelgroep", "niveau")


def _vocabulary() -> dict:
    from besliswijzer.reference.catalogue import load_catalogue
    return load_catalogue().vocabulary


def allowed(kind: str, value: str) -> bool:
    """Whether `value` may be counted under `kind`: a known id, never words a user typed."""
    if kind in VOCABULARY_KINDS:
        return value in (_vocabulary().get(kind) or {})
    if kind == "methode":
        from besliswijzer.reference.catalogue import load_catalogue
        return value in load_catalogue().methods
    if kind == "intentie":
        return bool(re.fullmatch(r"[a-z_]{1,60}", value or ""))
    return value == ALL


def week_of(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def add(session, day: date, kind: str, value: str, new_conversation: bool, messages: int = 1) -> None:
    """Count one event: a message, and the conversation when it is new to this cell."""
    key = {"week": week_of(day), "soort": kind, "waarde": str(value)[:80]}
    row = session.get(CountRow, (key["week"], key["soort"], key["waarde"]))
    if row is None:
        row = CountRow(**key, gesprekken=0, berichten=0)
        session.add(row)
        try:
            session.flush()
        except IntegrityError:            # another server counted the same cell first
            session.rollback()
            row = session.get(CountRow, (key["week"], key["soort"], key["waarde"]))
    row.gesprekken += 1 if new_conversation else 0
    row.berichten += messages


@dataclass
class Cell:
    week: date
    waarde: str
    gesprekken: int
    berichten: int

    @property
    def shown(self) -> bool:
        return self.gesprekken >= K


def cells(session, kind: str, start: date, end: date) -> list[Cell]:
    """The cells of one kind for the weeks from `start` to `end` (inclusive), oldest first."""
    rows = session.execute(
        select(CountRow).where(CountRow.soort == kind, CountRow.week >= week_of(start), CountRow.week <= end)
        .order_by(CountRow.week, CountRow.waarde)).scalars()
    return [Cell(r.week, r.waarde, r.gesprekken, r.berichten) for r in rows]


def totals(session, kind: str, start: date, end: date) -> list[Cell]:
    """Per value over the whole period, most conversations first (weeks summed)."""
    rows = session.execute(
        select(CountRow.waarde, func.sum(CountRow.gesprekken), func.sum(CountRow.berichten))
        .where(CountRow.soort == kind, CountRow.week >= week_of(start), CountRow.week <= end)
        .group_by(CountRow.waarde)).all()
    found = [Cell(week_of(start), value, int(conv or 0), int(msgs or 0)) for value, conv, msgs in rows]
    return sorted(found, key=lambda c: (-c.gesprekken, c.waarde))


def shown_number(value: int, conversations: int) -> str:
    """A figure, or "< 5" when fewer than K conversations stand behind it."""
    return str(value) if conversations >= K else HIDDEN


def inbox_size(session) -> int:
    return session.execute(select(func.count()).select_from(InboxRow)).scalar_one()


def overview(session, start: date, end: date) -> dict:
    """Everything /beheer shows for a period, with the k-rule applied: numbers, or None."""
    weeks = []
    monday = week_of(start)
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    per_week = {c.week: c for c in cells(session, "gesprek", start, end)}
    fallback = {c.week: c for c in cells(session, "fallback", start, end)}
    weekly = []
    for monday in weeks:
        conv = per_week.get(monday)
        n = conv.gesprekken if conv else 0
        fb = fallback.get(monday)
        rate = (fb.berichten / conv.berichten) if (conv and fb and conv.berichten) else 0.0
        weekly.append({"week": monday, "gesprekken": n if n >= K else None,
                       "berichten": conv.berichten if n >= K else None,
                       "fallback_percentage": round(100 * rate, 1) if n >= K else None})
    ranked = {}
    for kind in ("intentie", "thema", "doelgroep", "niveau", "methode"):
        ranked[kind] = [{"waarde": c.waarde, "gesprekken": c.gesprekken if c.shown else None}
                        for c in totals(session, kind, start, end)]
    saved = sum(c.gesprekken for c in totals(session, "beoordeling", start, end))
    new_in_inbox = sum(c.berichten for c in totals(session, "inbox", start, end))
    return {"van": start, "tot": end, "weken": weekly, "ranglijsten": ranked,
            "beoordelingen": saved if saved >= K else None,
            "inbox_nieuw": new_in_inbox, "inbox_nu": inbox_size(session)}


def csv_export(session, start: date, end: date) -> str:
    """All cells of the period as CSV for researchers; cells under K say "< 5"."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["week", "soort", "waarde", "gesprekken", "berichten"])
    for kind in KINDS:
        for c in cells(session, kind, start, end):
            writer.writerow([c.week.isoformat(), kind, c.waarde, shown_number(c.gesprekken, c.gesprekken),
                             shown_number(c.berichten, c.gesprekken)])
    return out.getvalue()
