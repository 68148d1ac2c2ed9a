"""Display names for catalogue and vocabulary ids, from the core's catalogue."""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def humanise(ident: str) -> str:
    """Fallback name for an id the catalogue does not know: 'world_cafe' -> 'World cafe'."""
    text = str(ident).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


_cache: dict[str, str] | None = None


def all_labels() -> dict[str, str]:
    """id -> Dutch name for every method, tool, concept and vocabulary term."""
    global _cache
    if _cache is not None:
        return _cache
    try:
        from besliswijzer.catalogue import load_catalogue
        catalogue = load_catalogue()
    except Exception as exc:  # the chat works without names; the widget falls back to ids
        log.warning("catalogue unavailable for labels: %s", type(exc).__name__)
        return {}
    names: dict[str, str] = {}
    for terms in catalogue.vocabulary.values():
        for ident, term in terms.items():
            names[ident] = term.label
    for group in (catalogue.concepts, catalogue.tools, catalogue.methods):
        for ident, item in group.items():
            names[ident] = item.name
    _cache = names  # only a successful read is cached
    return names


def label(ident) -> str:
    if ident is None:
        return ""
    return all_labels().get(ident) or humanise(ident)
