"""Dutch texts of the actions, read once from teksten.yml beside this file."""
from functools import lru_cache
from pathlib import Path

import yaml

TEKSTEN_FILE = Path(__file__).with_name("teksten.yml")


@lru_cache(maxsize=1)
def _texts() -> dict:
    return yaml.safe_load(TEKSTEN_FILE.read_text(encoding="utf-8"))


def tekst(key: str, **values) -> str:
    """The text at a dotted key ("vragen.schaal.vraag"), with {names} filled in."""
    node = _texts()
    for part in key.split("."):
        node = node[part]
    return node.format(**values) if values else node


def teksten(key: str) -> dict:
    """A whole section, e.g. the button labels or the intent labels of the fallback."""
    node = _texts()
    for part in key.split("."):
        node = node[part]
    return dict(node)
