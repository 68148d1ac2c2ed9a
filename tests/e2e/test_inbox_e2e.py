"""Through the real stack: misunderstood messages end up in the maintainers' inbox, scrubbed."""
import json
import os
import subprocess
import sys
import time

import pytest

from scripts.stack import ROOT, ChatClient

pytestmark = pytest.mark.live


def inbox_json(database_url):
    result = subprocess.run([sys.executable, "-m", "besliswijzer", "nlu", "inbox", "--json"], cwd=ROOT,
                            env=dict(os.environ, DATABASE_URL=database_url, PYTHONPATH=str(ROOT)),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_bad_questions_appear_in_the_inbox_scrubbed(live_stack):
    chat = ChatClient(live_stack.web_url)
    bad = ["asdf qwerty blub mail mij op jan.jansen@gemeente-hengelo.nl",
           "asdf qwerty blub mail mij op piet@voorbeeld.nl",
           "flurp zonk gribbel"]
    for text in bad:
        assert chat.send(text), "the bot did not answer"
    deadline = time.monotonic() + 10
    while True:
        texts = [item["tekst"] for group in inbox_json(live_stack.database_url) for item in group["berichten"]]
        if len([t for t in texts if "qwerty" in t or "flurp" in t]) >= 3 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert "asdf qwerty blub mail mij op [e-mail]" in texts, texts
    assert any("flurp zonk gribbel" in t for t in texts), texts
    assert not any("@" in t for t in texts), texts
    groups = inbox_json(live_stack.database_url)
    top = groups[0]
    assert top["voorbeeld"] == "asdf qwerty blub mail mij op [e-mail]" and top["aantal"] >= 2  # most frequent first
    item = top["berichten"][0]
    assert item["reden"] == "fallback" and item["antwoord"], item
    listing = subprocess.run([sys.executable, "-m", "besliswijzer", "nlu", "inbox"], cwd=ROOT,
                             env=dict(os.environ, DATABASE_URL=live_stack.database_url, PYTHONPATH=str(ROOT)),
                             capture_output=True, text=True, check=True).stdout
    assert "asdf qwerty blub mail mij op [e-mail]" in listing and "jan.jansen" not in listing
