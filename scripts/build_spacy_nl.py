#!/usr/bin/env python3
"""Build the Dutch spaCy pipeline the besliswijzer uses, offline, into var/spacy-nl.

No Dutch spaCy model can be downloaded on the machines this runs on. What spaCy itself ships is
enough for what the project needs: Dutch tokenisation rules (spacy.blank("nl")) and lookup
lemmas from the pinned spacy-lookups-data package (bewoners -> bewoner, buurthuizen ->
buurthuis). This script puts the two together and saves the result, so Rasa's SpacyNLP and the
catalogue's term matching load it by path and nothing is fetched at run time.

Usage:  python -m scripts.build_spacy_nl [OUTPUT_DIR]     (default var/spacy-nl)
"""
from __future__ import annotations

import sys
from pathlib import Path

from besliswijzer.text.lemmas import build_pipeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "var" / "spacy-nl"
# Words whose lemma must come out right, or the pipeline is not the one we think we built.
CHECKS = {"bewoners": "bewoner", "buurthuizen": "buurthuis"}


def build(output: Path) -> None:
    nlp = build_pipeline()  # the lemma_lookup table comes from spacy-lookups-data, on disk
    nlp.meta.update({"name": "besliswijzer_nl", "version": "1.0.0",
                     "description": "spacy.blank('nl') with lookup lemmas from spacy-lookups-data"})
    wrong = {w: nlp(w)[0].lemma_ for w in CHECKS if nlp(w)[0].lemma_ != CHECKS[w]}
    if wrong:
        raise SystemExit(f"build_spacy_nl: unexpected lemmas {wrong}; is spacy-lookups-data installed?")
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    build(target)
    print(f"Nederlandse spaCy-pijplijn klaar: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
