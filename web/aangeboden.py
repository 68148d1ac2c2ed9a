"""Which button payloads the bot offered in a conversation.

A message that starts with "/" reaches Rasa as a payload (intent and entities, no NLU). Only
payloads the bot itself offered in this conversation, or the widget's own start buttons, count
as payloads; anything else a person types is text. The store keeps a hash of session id and
payload, never the payload itself, in a small SQLite file that all gunicorn workers share.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import time
from pathlib import Path

# The buttons the widget shows before the bot has said anything (START_BUTTONS in static/widget/chat.js).
WIDGET_START_PAYLOADS = frozenset({"/advies_vragen", "/casus_zoeken", "/traject_evalueren", "/wat_kun_je"})

_PURGE_EVERY_S = 3600
_LEADING_SLASHES = re.compile(r"^[\s/]+")


def _key(session_id: str, payload: str) -> str:
    return hashlib.sha256(f"{session_id}\0{payload}".encode("utf-8")).hexdigest()[:40]


class OfferedPayloads:
    """Remembers offered payloads per session for `keep_days` days (None: until purged by hand)."""

    def __init__(self, path: Path, keep_days: int | None = 7):
        self.path = Path(path)
        self.keep_s = None if keep_days is None else keep_days * 86400
        self._lock = threading.Lock()
        self._last_purge = 0.0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS aangeboden (sleutel TEXT PRIMARY KEY, tijd REAL NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS aangeboden_tijd ON aangeboden (tijd)")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def remember(self, session_id: str | None, payloads) -> None:
        rows = [(_key(session_id, p), time.time()) for p in set(payloads) if session_id and p.startswith("/")]
        if not rows:
            return
        with self._lock, self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO aangeboden (sleutel, tijd) VALUES (?, ?)", rows)
            if self.keep_s is not None and time.time() - self._last_purge > _PURGE_EVERY_S:
                db.execute("DELETE FROM aangeboden WHERE tijd < ?", (time.time() - self.keep_s,))
                self._last_purge = time.time()

    def was_offered(self, session_id: str | None, payload: str) -> bool:
        if payload in WIDGET_START_PAYLOADS:
            return True
        if not session_id:
            return False
        with self._connect() as db:
            row = db.execute("SELECT 1 FROM aangeboden WHERE sleutel = ?", (_key(session_id, payload),)).fetchone()
        return row is not None


def as_text(message: str) -> str:
    """Typed text that starts with "/" goes to Rasa as words: "/restart" becomes "restart"."""
    return _LEADING_SLASHES.sub("", message)


def button_payloads(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or [] if isinstance(b.get("payload"), str)]
