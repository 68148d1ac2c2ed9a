"""Dutch stop words ("de", "hoe", "je", "wat"): spaCy's list, read without importing spaCy.

spaCy's Dutch stop word list lives in spacy/lang/nl/stop_words.py. Importing that module imports
spaCy and, through thinc, TensorFlow: far too heavy for the action server. So the file is found
with importlib (which imports nothing) and its one string literal is read with `ast`.
"""
from __future__ import annotations

import ast
import importlib.util
from functools import lru_cache
from pathlib import Path

from besliswijzer.text.fold import fold

__all__ = ["is_stop_word", "stop_words"]

# Question words carry meaning for a question ("wie", "wanneer", "waarom" ask different things),
# and spaCy counts a few content words as stop words; these stay in.
# Filler words people add to a question ("wat is dat eigenlijk?") that say nothing about its subject.
FILLERS = frozenset({"eigenlijk", "precies", "nou", "gewoon", "even", "graag", "toch", "misschien", "eens", "ergens",
                     "iets", "ding", "dingen", "zo'n", "zoiets", "trouwens", "hoor", "alsjeblieft", "aub", "vraag",
                     "vraagje", "weten", "vertellen", "uitleggen", "uitleg", "bedoel", "bedoelt", "bedoeld",
                     # verbs that only carry the question ("hoe ga je om met", "kun je", "hoe kom je erachter")
                     "ga", "gaat", "gaan", "kun", "kunt", "kan", "kunnen", "doe", "doet", "doen", "houdt", "n",
                     "ervoor", "erachter", "eruit", "erbij", "erin"})
KEPT = frozenset({"waarom", "wanneer", "wie", "welke", "hoeveel", "verschil", "zonder", "niet", "geen",
                  "online", "nieuw", "nieuwe", "jong", "oud", "samen", "moeten", "mogen"})


@lru_cache(maxsize=1)
def stop_words() -> frozenset:
    """spaCy's Dutch stop words, folded (no accents), minus the few in KEPT, plus FILLERS."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "lang" / "nl" / "stop_words.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    words = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words.update(fold(w) for w in node.value.split())
    return frozenset((words - KEPT) | FILLERS)


def is_stop_word(word: str) -> bool:
    return word in stop_words()
