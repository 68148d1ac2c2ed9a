#!/usr/bin/env python3
"""`make train`: train the Rasa model only when its input changed, and keep models/ small.

The input is hashed (config.yml, bot/, data/, nlu_components/, rasa_plugins/ and the Rasa version). When the
hash equals the one stored with the newest model, nothing is trained and no model is added.
After a training only the newest KEEP models stay in models/ (each is about 38 MB).
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
HASH_FILE = MODELS / ".invoer-hash"
KEEP = 3
INPUTS = ("config.yml", "bot", "data", "nlu_components", "rasa_plugins")
SUFFIXES = {".yml", ".yaml", ".json", ".md", ".py"}   # what Rasa reads (data/nlu/bronnen/*.txt it does not)


def input_hash(root: Path | None = None) -> str:
    root = root or ROOT
    digest = hashlib.sha256()
    try:
        from importlib.metadata import version
        digest.update(f"rasa {version('rasa')}\n".encode())
    except Exception:                       # no rasa installed: the files alone
        pass
    for name in INPUTS:
        base = root / name
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.suffix in SUFFIXES
                                                     and p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def models(model_dir: Path | None = None) -> list[Path]:
    """Trained models, oldest first."""
    return sorted((model_dir or MODELS).glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)


def prune(model_dir: Path | None = None, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` models; returns what was removed."""
    old = models(model_dir)[:-keep] if keep > 0 else models(model_dir)
    for path in old:
        path.unlink()
    return old


def main(argv=None) -> int:
    current = input_hash()
    if models() and HASH_FILE.exists() and HASH_FILE.read_text().strip() == current:
        print("Niets veranderd sinds het laatste model: er wordt niet getraind.")
        return 0
    # rasa_plugins.train is `rasa train` with the prediction graph wired for GatedTEDPolicy.
    command = [sys.executable, "-m", "rasa_plugins.train", "--domain", "bot", "--data", "data", "--config", "config.yml", "--out", str(MODELS)]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        return result.returncode
    HASH_FILE.write_text(current + "\n")
    removed = prune()
    if removed:
        print(f"Oude modellen verwijderd: {len(removed)} (de nieuwste {KEEP} blijven).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
