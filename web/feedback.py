"""'Dit beantwoordt mijn vraag niet': the user's verdict on the last answer, into the maintainers' inbox.

The widget shows a button with this title under the bot's answer; typing the sentence works the
same (contract). The web app answers it itself, without Rasa: Rasa would read the sentence as a
message of its own and could, mid-form, take it as an answer. What the inbox needs is the exchange
the verdict is about, the user's message and the bot's answer, so the web app keeps the last one
per conversation, scrubbed, under a hash of the session id, for a day at most, in a small SQLite
file all gunicorn workers share (LAATSTE_DB, beside the offered payloads of web/aangeboden.py).
"""
from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
import time
from pathlib import Path

from besliswijzer.maintainers import inbox
from besliswijzer.maintainers.scrub import scrub
from besliswijzer.storage.db import session_scope
from besliswijzer.text.fold import fold

__all__ = ["SENTENCE", "LastExchange", "answer_text", "is_feedback", "record"]

log = logging.getLogger(__name__)

SENTENCE = "Dit beantwoordt mijn vraag niet"
KEEP_S = 24 * 3600            # the verdict is about the answer just given; nothing older is needed
_PURGE_EVERY_S = 600
# The sentence as typed: any case, accents, punctuation, "beantwoord" without the t.
_SENTENCE = re.compile(r"^(dit|dat|het|uw antwoord|je antwoord) beantwoordt? (mijn|de) vraag niet$")


def is_feedback(message: str) -> bool:
    return bool(_SENTENCE.match(" ".join(re.sub(r"[^\w\s]", " ", fold(message)).split())))


def answer_text(messages: list[dict]) -> str:
    """What the bot said, as the inbox keeps it: its texts, and the kind of card it showed."""
    parts = []
    for message in messages:
        if message.get("text"):
            parts.append(message["text"])
        kind = (message.get("custom") or {}).get("type")
        if kind:
            parts.append(f"[kaart: {kind}]")
    return " ".join(parts)


def _key(session_id: str) -> str:
    return hashlib.sha256(f"laatste\0{session_id}".encode("utf-8")).hexdigest()[:40]


class LastExchange:
    """The last message and answer of each conversation, scrubbed, for one day."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._last_purge = 0.0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS laatste_uitwisseling (sleutel TEXT PRIMARY KEY, "
                       "vraag TEXT NOT NULL, antwoord TEXT NOT NULL, tijd REAL NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def remember(self, session_id: str | None, question: str, messages: list[dict]) -> None:
        if not session_id:
            return
        row = (_key(session_id), scrub(question)[:1000], scrub(answer_text(messages))[:1000], time.time())
        with self._lock, self._connect() as db:
            db.execute("INSERT OR REPLACE INTO laatste_uitwisseling (sleutel, vraag, antwoord, tijd) "
                       "VALUES (?, ?, ?, ?)", row)
            if time.time() - self._last_purge > _PURGE_EVERY_S:
                db.execute("DELETE FROM laatste_uitwisseling WHERE tijd < ?", (time.time() - KEEP_S,))
                self._last_purge = time.time()

    def take(self, session_id: str | None) -> tuple[str, str] | None:
        """The last exchange of the conversation, removed: one verdict per answer."""
        if not session_id:
            return None
        with self._lock, self._connect() as db:
            found = db.execute("SELECT vraag, antwoord FROM laatste_uitwisseling WHERE sleutel = ? AND tijd >= ?",
                               (_key(session_id), time.time() - KEEP_S)).fetchone()
            db.execute("DELETE FROM laatste_uitwisseling WHERE sleutel = ?", (_key(session_id),))
        return found


def record(exchange: tuple[str, str]) -> bool:
    """Put the exchange in the inbox as feedback; False when the database could not take it."""
    question, answer = exchange
    try:
        with session_scope() as session:
            inbox.add_item(session, question, "feedback", None, None, answer)
    except Exception as exc:          # the user still gets an answer; the log gets no text
        log.error("feedback not kept in the inbox (%s)", type(exc).__name__)
        return False
    return True
