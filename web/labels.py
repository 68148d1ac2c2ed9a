"""Display names for the web app's pages: the catalogue's one label lookup, guarded.

The chat works without names: when the catalogue cannot be read, ids are shown as words.
"""
from __future__ import annotations

import logging

from besliswijzer.reference.catalogue import humanise, load_catalogue

__all__ = ["all_labels", "humanise", "label"]

log = logging.getLogger(__name__)


def all_labels() -> dict[str, str]:
    """id -> Dutch name for every method, tool, concept and vocabulary term ({} if unavailable)."""
    try:
        return load_catalogue().labels()
    except Exception as exc:  # the chat works without names; the widget falls back to ids
        log.warning("catalogue unavailable for labels: %s", type(exc).__name__)
        return {}


def label(ident) -> str:
    """The catalogue's name for any id; the id as words when the catalogue is unavailable."""
    if ident is None:
        return ""
    return all_labels().get(ident) or humanise(ident)
