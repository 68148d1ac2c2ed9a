"""Dutch texts of the actions, from teksten.yml beside this file."""
from pathlib import Path

from besliswijzer.reference.datafiles import TextFile

TEKSTEN_FILE = Path(__file__).with_name("teksten.yml")
_TEXTS = TextFile(TEKSTEN_FILE)


def tekst(key: str, **values) -> str:
    """The text at a dotted key ("vragen.schaal.vraag"), with {names} filled in."""
    return _TEXTS.text(key, **values)


def teksten(key: str) -> dict:
    """A whole section, e.g. the button labels or the intent labels of the fallback."""
    return dict(_TEXTS.section(key))
