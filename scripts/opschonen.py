"""Privacy clean-up (AVG): removes conversations and inbox messages older than their retention period.

Rasa keeps every conversation event in its tracker store. The besliswijzer only needs a
conversation while it is going on, so events older than BEWAARTERMIJN_DAGEN days (default 7)
are deleted. The maintainers' inbox of misunderstood messages (scrubbed, not linked to a
conversation) keeps its items INBOX_BEWAARTERMIJN_DAGEN days (default 90). `make run` runs
this once at start and then every hour (--herhaal).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

ROOT = Path(__file__).resolve().parent.parent


# Rasa's own SQL store, and the one several Rasa servers share (make run-cluster).
SQL_STORES = {"sql", "rasa_plugins.tracker_store.clustersqltrackerstore"}


def retention_days() -> float:
    return float(os.environ.get("BEWAARTERMIJN_DAGEN", "7"))


def tracker_store_url(endpoints_file: Path) -> URL | None:
    """The SQL tracker store of an endpoints file, or None when it keeps nothing on disk."""
    config = yaml.safe_load(os.path.expandvars(endpoints_file.read_text())) or {}
    store = config.get("tracker_store") or {}
    if str(store.get("type", "")).lower() not in SQL_STORES:
        return None
    dialect = store.get("dialect", "sqlite")
    if dialect == "sqlite":
        return URL.create("sqlite", database=str(ROOT / store.get("db", "rasa.db")))
    return URL.create(dialect, username=store.get("username"), password=store.get("password"),
                      host=store.get("url"), port=store.get("port"), database=store.get("db"))


def purge(url: URL, days: float, now: float | None = None) -> int:
    """Delete tracker events older than `days`; returns how many were removed."""
    cutoff = (now or time.time()) - days * 86400
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            if not engine.dialect.has_table(conn, "events"):
                return 0
            return conn.execute(text("DELETE FROM events WHERE timestamp < :cutoff"),
                                {"cutoff": cutoff}).rowcount
    finally:
        engine.dispose()


def purge_inbox() -> None:
    """The maintainers' inbox has its own retention (INBOX_BEWAARTERMIJN_DAGEN, default 90)."""
    from besliswijzer.maintainers import inbox
    from besliswijzer.storage.db import session_scope
    from besliswijzer.errors import DatabaseUnavailableError
    try:
        with session_scope() as session:
            removed = inbox.purge(session)
    except DatabaseUnavailableError:
        print("Inbox: de database is er (nog) niet; niets op te schonen.", flush=True)
        return
    print(f"Privacy: {removed} inboxberichten ouder dan {inbox.retention_days():g} dagen verwijderd.", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Verwijdert gesprekken die ouder zijn dan de bewaartermijn.")
    parser.add_argument("--endpoints", default=os.environ.get("RASA_ENDPOINTS", "bot/endpoints.yml"))
    parser.add_argument("--herhaal", action="store_true", help="elk uur opnieuw, tot het proces stopt")
    args = parser.parse_args(argv)
    url = tracker_store_url(ROOT / args.endpoints)
    if url is None:
        print("Gesprekken worden niet op schijf bewaard; er zijn geen gesprekken op te schonen.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        if url is not None:
            removed = purge(url, retention_days())
            print(f"Privacy: {removed} gespreksregels ouder dan {retention_days():g} dagen verwijderd.", flush=True)
        purge_inbox()
        if not args.herhaal:
            return 0
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
