"""The one way text is made comparable: accents folded, case folded, punctuation to spaces.

Every part of the besliswijzer that compares what people type with names (catalogue terms,
knowledge topics, municipalities, numbers, lemmas, the generated NLU data) folds text here, so
"Wereld-café!", "wereld cafe" and "WERELD CAFÉ" are the same words everywhere.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["Token", "fold", "normalise", "strip_accents", "tokenise"]


def strip_accents(text: str) -> str:
    """The text without accents, case kept: "Vóór" -> "Voor"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text) -> str:
    """Lower case without accents: "Vóór de zomer" -> "voor de zomer"."""
    return strip_accents(str(text or "")).lower()


def normalise(text) -> str:
    """The one term normalisation: folded, '_-/' and punctuation to spaces, single spaces.

    "Wereld-café!" -> "wereld cafe"; "world_cafe" -> "world cafe". Numbers keep their dots and commas
    (15.000, 1,5) so the same function serves the amount and duration parsers (text/numbers.py).
    """
    text = fold(text)
    text = re.sub(r"[_\-/]", " ", text)
    text = re.sub(r"[^\w€\s.,']", " ", text)
    text = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", " ", text)  # keep 15.000 and 1,5; drop sentence dots
    return " ".join(text.split())


class Token(NamedTuple):
    word: str      # normalised, as normalise() would give it
    start: int     # character offsets in the original text
    end: int


_PIECE = re.compile(r"[^\s_\-/]+")
_WORD_CHAR = re.compile(r"[\w€]")


def tokenise(text) -> list:
    """The words of normalise(text), each with where it stands in the original text."""
    text = str(text or "")
    tokens = []
    for piece in _PIECE.finditer(text):
        words = normalise(piece.group()).split()
        chars = [m.start() for m in _WORD_CHAR.finditer(piece.group())]
        # A piece can normalise to words without holding a word character of its own (a
        # compatibility character that decomposes into letters): it then spans the whole piece.
        if not words:
            continue
        start = piece.start() + (chars[0] if chars else 0)
        end = piece.start() + (chars[-1] + 1 if chars else len(piece.group()))
        tokens.extend(Token(word, start, end) for word in words)
    return tokens
