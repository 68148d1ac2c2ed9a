"""Session-wide fixtures: the real services, started once for all tests that need them."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.stack import ROOT, Stack
from tests.support import need


def init_database(url: str) -> None:
    env = dict(os.environ, DATABASE_URL=url, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "besliswijzer", "db", "init"], cwd=ROOT, env=env,
                   check=True, capture_output=True)


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory):
    """The action server, Rasa server (newest trained model) and web app on free ports.

    Uses its own case database, so tests never touch the data of `make run`.
    """
    need(any((ROOT / "models").glob("*.tar.gz")), "no trained model in models/ (make train)")
    workdir = tmp_path_factory.mktemp("stack")
    url = f"sqlite:///{workdir / 'besliswijzer.db'}"
    init_database(url)
    # The limit is for people; a test conversation sends faster than anyone types.
    limits = {"RATE_LIMIT": "1000 per minute", "RATE_LIMIT_ADRES": "5000 per minute"}
    with Stack(url, log_dir=workdir / "logs", extra_env=limits) as stack:
        yield stack
