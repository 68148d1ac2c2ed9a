"""Running the command line (`python -m besliswijzer ...`) from a test, as a subprocess or in-process."""
import os
import subprocess
import sys
from pathlib import Path

from besliswijzer.cli import main

__all__ = ["run", "run_inline"]

ROOT = Path(__file__).resolve().parents[2]


def run(*args, url=None, stdin=None):
    """A real subprocess."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if url:
        env["DATABASE_URL"] = url
    return subprocess.run([sys.executable, "-m", "besliswijzer", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


def run_inline(capsys, monkeypatch, *args, url=None):
    """The same entry point in-process (faster); returns an object like subprocess.run's result."""
    if url:
        monkeypatch.setenv("DATABASE_URL", url)
    try:
        code = main(list(args))
    except SystemExit as exc:          # argparse usage errors
        code = exc.code
    out = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out.out, out.err)
