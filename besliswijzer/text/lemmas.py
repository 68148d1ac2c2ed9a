"""Dutch lemmas (bewoners -> bewoner, buurthuizen -> buurthuis) from spaCy's lookup table.

spaCy ships Dutch tokenisation rules and, in the pinned spacy-lookups-data package, a lemma
lookup table; no model is downloaded. `make` saves spacy.blank("nl") with that lemmatizer to
var/spacy-nl (scripts/build_spacy_nl.py) and Rasa's SpacyNLP loads it from there.

The catalogue's term matching needs the same table, but not spaCy itself: importing spaCy
imports TensorFlow (through thinc), half a gigabyte the action server has no use for. So
`lemma` reads the table straight from spacy-lookups-data, the very file spaCy's lemmatizer
reads, and spaCy is imported only by build_pipeline.
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

from besliswijzer.text.fold import strip_accents

TABLE = "nl_lemma_lookup.json.gz"


def build_pipeline():
    """spacy.blank("nl") with the lemmatizer in lookup mode; everything comes from installed packages."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def _table() -> dict:
    import spacy_lookups_data  # data only: no spaCy, no TensorFlow

    path = Path(spacy_lookups_data.__file__).parent / "data" / TABLE
    table = json.loads(gzip.decompress(path.read_bytes()))
    # The catalogue compares text without accents ("enquetes"): give those spellings a lemma too.
    for word, base in list(table.items()):
        plain = strip_accents(word)
        if plain != word:
            table.setdefault(plain, strip_accents(base))
    return table


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of one lowercase word; the word itself when the table does not know it."""
    found = _table().get(word)
    return found if isinstance(found, str) and found else word
