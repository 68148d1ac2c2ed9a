"""Display names for the web app's pages: the catalogue's one label lookup, guarded.

The pages work without names: when the catalogue cannot be read, ids are shown as words.
The chat widget needs none of this: its payloads carry their names.
"""
from __future__ import annotations

import logging

from besliswijzer.reference.catalogue import humanise, load_catalogue

from . import texts

__all__ = ["humanise", "intent", "label"]

log = logging.getLogger(__name__)


def label(ident) -> str:
    """The catalogue's name for any id (Catalogue.label); the id as words when the catalogue is unavailable."""
    if ident is None:
        return ""
    try:
        return load_catalogue().label(None, ident)
    except Exception as exc:  # a name is cosmetic; the page still shows the id as words
        log.warning("catalogue unavailable for labels: %s", type(exc).__name__)
        return humanise(ident)


def intent(name) -> str:
    """The Dutch name of an intent the bot recognised (web/teksten.yml, intenties), never a raw id."""
    return texts.intent(name) or humanise(name)
