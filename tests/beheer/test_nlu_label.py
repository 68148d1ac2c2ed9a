"""Labelling an inbox message into valid Rasa training data (scripts/nlu.py, scripts/nlu_data.py)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from besliswijzer.errors import BesliswijzerError
from besliswijzer.maintainers import inbox
from besliswijzer.storage import db
from scripts import nlu

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def repo_copy(tmp_path):
    """The training data, domain and held-out set in a scratch folder, so labelling touches no real file."""
    for name in ("bot", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "tests" / "nlu").mkdir(parents=True)
    for path in (ROOT / "tests" / "nlu").glob("heldout*.yml"):
        shutil.copy(path, tmp_path / "tests" / "nlu" / path.name)
    shutil.copy(ROOT / "config.yml", tmp_path / "config.yml")
    return tmp_path


def _examples(path, intent):
    for block in yaml.safe_load(path.read_text())["nlu"]:
        if block.get("intent") == intent:
            return block["examples"]
    return ""


def test_label_writes_valid_training_data(session, repo_copy):
    row = inbox.add_item(session, "wat kost een burgerberaad voor senioren ongeveer", "onzeker",
                         "advies_vragen", 0.52, "...")
    other = inbox.add_item(session, "hoe bereik ik laaggeletterden in de wijk zeg maar", "fallback", None, None, None)
    written = nlu.label(session, row.id, "uitleg_vragen", [("methode", "burgerberaad"), ("doelgroep", "senioren")],
                        root=repo_copy)
    assert written == repo_copy / "data" / "nlu" / "kennisvragen.yml"     # the file with most uitleg_vragen examples
    assert "- wat kost een [burgerberaad](methode) voor [senioren](doelgroep) ongeveer\n" in _examples(written, "uitleg_vragen")
    heldout = nlu.label(session, other.id, "advies_vragen", [("doelgroep", "laaggeletterden")], heldout=True,
                        root=repo_copy)
    assert heldout == repo_copy / "tests" / "nlu" / "heldout.yml"
    assert "[laaggeletterden](doelgroep)" in _examples(heldout, "advies_vragen")
    assert inbox.grouped(session) == []                       # both left the inbox
    result = subprocess.run([str(Path(sys.executable).with_name("rasa")), "data", "validate", "--domain", "bot",
                             "--data", "data", "--config", "config.yml", "--fail-on-warnings"],
                            cwd=repo_copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_label_refuses_unknown_intent_entity_and_duplicates(session, repo_copy):
    row = inbox.add_item(session, "hallo hallo", "onzeker", "begroeten", 0.5, None)
    with pytest.raises(BesliswijzerError, match="bestaat niet in het domein"):
        nlu.label(session, row.id, "geen_intentie", root=repo_copy)
    with pytest.raises(BesliswijzerError, match="entiteit 'kleur'"):
        nlu.label(session, row.id, "begroeten", [("kleur", "hallo")], root=repo_copy)
    with pytest.raises(BesliswijzerError, match="staat al in tests/nlu/heldout.yml"):
        nlu.label(session, row.id, "begroeten", root=repo_copy)
    fresh = inbox.add_item(session, "goeiendag besliswijzer van mij", "onzeker", "begroeten", 0.5, None)
    with pytest.raises(BesliswijzerError, match="staat niet in het bericht"):
        nlu.label(session, fresh.id, "begroeten", [("doelgroep", "ouderen")], heldout=True, root=repo_copy)
    assert len(inbox.grouped(session)) == 2                   # a refused label keeps the message


def test_the_label_command_writes_the_example_and_says_where(db_url, repo_copy, capsys):
    with db.session_scope(db_url) as session:
        item = inbox.add_item(session, "welke aanpak past bij jongeren in de wijk eigenlijk", "onzeker",
                              "advies_vragen", 0.5, None).id
    code = nlu.main(["label", str(item), "advies_vragen", "--entiteit", "doelgroep=jongeren"], root=repo_copy)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.startswith("Toegevoegd aan data/nlu/advies.yml als voorbeeld van 'advies_vragen'.")
    assert "[jongeren](doelgroep)" in _examples(repo_copy / "data" / "nlu" / "advies.yml", "advies_vragen")
    with db.session_scope(db_url) as session:
        assert inbox.grouped(session) == []


def test_the_label_command_gives_dutch_errors_and_keeps_the_message(db_url, repo_copy, capsys):
    with db.session_scope(db_url) as session:
        item = inbox.add_item(session, "iets over ouderen", "onzeker", None, None, None).id
    before = (repo_copy / "data" / "nlu" / "advies.yml").read_text()
    assert nlu.main(["label", str(item), "advies_vragen", "--entiteit", "doelgroep"], root=repo_copy) == 2
    assert "Schrijf een entiteit als NAAM=WOORDEN" in capsys.readouterr().err
    assert (repo_copy / "data" / "nlu" / "advies.yml").read_text() == before
    # A real process, as a maintainer runs it: no such message.
    result = subprocess.run([sys.executable, "-m", "scripts.nlu", "label", str(item + 1), "advies_vragen"],
                            cwd=ROOT, env={**os.environ, "DATABASE_URL": db_url}, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"Fout: Er is geen bericht {item + 1} in de inbox." in result.stderr
    with db.session_scope(db_url) as session:
        assert [i["id"] for g in inbox.grouped(session) for i in g.items] == [item]
