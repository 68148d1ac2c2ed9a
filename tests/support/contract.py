"""The outside contract's names, read from vocabulary.yml beside this file.

vocabulary.yml is a verbatim copy of the contract's vocabulary.yml (outside the project); when the
contract gains a name, copy the file again. The project may add names; it may never drop these.
"""
from pathlib import Path
from typing import Dict, List

import yaml

__all__ = ["ENTITIES", "INTENTS", "RASA_OWN_SLOTS", "SLOTS", "VOCABULARY", "ids"]

VOCABULARY = yaml.safe_load((Path(__file__).with_name("vocabulary.yml")).read_text(encoding="utf-8"))
INTENTS: List[str] = list(VOCABULARY["intents"])
# An entity's value is its list of canonical ids, or a sentence for a free-text entity (gemeente).
ENTITIES: Dict[str, object] = dict(VOCABULARY["entities"])
RASA_OWN_SLOTS = {"requested_slot"}           # Rasa declares it, the domain does not
# "Entities double as slots of the same name", plus the slots listed beyond them.
SLOTS: List[str] = list(ENTITIES) + [s for s in VOCABULARY["slots"] if s not in RASA_OWN_SLOTS]


def ids(entity: str) -> List[str]:
    """The canonical ids of an entity; empty for a free-text entity."""
    value = ENTITIES[entity]
    return list(value) if isinstance(value, list) else []
