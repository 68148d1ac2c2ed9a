"""The inbox core: scrubbing, grouping, retention, labelling into valid Rasa training data."""
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from besliswijzer.maintainers import inbox
from besliswijzer.errors import BesliswijzerError
from besliswijzer.maintainers.scrub import scrub

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("typed, kept", [
    ("mail me op jan.jansen@hengelo.nl graag", "mail me op [e-mail] graag"),
    ("bel 06-12345678 of +31 6 1234 5678", "bel [telefoon] of [telefoon]"),
    ("bel 053 123 45 67", "bel [telefoon]"),
    ("ik woon op 7511 AB 12", "ik woon op [adres]"),
    ("postcode 7511ab, 12a", "postcode [adres]"),
    ("Kerkstraat 12 in Hengelo", "[adres] in Hengelo"),
    ("IBAN NL91 ABNA 0417 1643 00 klopt", "IBAN [iban] klopt"),
    ("mijn bsn is 123456782", "mijn bsn is [nummer]"),
    ("Ik ben Anna de Vries, wijkregisseur", "Ik ben [naam], wijkregisseur"),
    ("mijn naam is piet en ik werk", "mijn naam is [naam] en ik werk"),
])
def test_scrub_replaces_personal_data(typed, kept):
    assert scrub(typed) == kept


@pytest.mark.parametrize("typed", ["ik ben wijkregisseur", "in 2026 en 12 wijken",
                                   "budget 15000 euro voor 300 mensen", "advies voor ouderen in de wijk"])
def test_scrub_leaves_ordinary_questions_alone(typed):
    assert scrub(typed) == typed


def test_items_are_scrubbed_grouped_and_ordered_by_frequency(session):
    inbox.add_item(session, "wat kost een burgerberaad", "onzeker", "uitleg_vragen", 0.55, "Een burgerberaad is ...")
    for address in ("a@b.nl", "c@d.nl", "e@f.nl"):
        inbox.add_item(session, f"asdf qwerty mail {address}", "fallback", "advies_vragen", 0.4,
                       f"Bedoelt u advies? ({address})")
    groups = inbox.grouped(session)
    assert [len(g.items) for g in groups] == [3, 1]
    assert groups[0].items[0]["tekst"] == "asdf qwerty mail [e-mail]"
    assert "@" not in str([g.as_json() for g in groups])          # the reply is scrubbed as well
    assert set(groups[0].items[0]) == {"id", "tekst", "reden", "intentie", "zekerheid", "antwoord", "datum"}


def test_retention_removes_only_old_items(session, monkeypatch):
    today = date(2026, 12, 3)
    inbox.add_item(session, "oud bericht", "fallback", None, None, None, day=today - timedelta(days=91))
    inbox.add_item(session, "nieuw bericht", "fallback", None, None, None, day=today - timedelta(days=89))
    monkeypatch.delenv("INBOX_BEWAARTERMIJN_DAGEN", raising=False)
    assert inbox.purge(session, today=today) == 1
    assert [i["tekst"] for g in inbox.grouped(session) for i in g.items] == ["nieuw bericht"]
    monkeypatch.setenv("INBOX_BEWAARTERMIJN_DAGEN", "10")
    assert inbox.purge(session, today=today) == 1


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
    written = inbox.label(session, row.id, "uitleg_vragen", [("methode", "burgerberaad"), ("doelgroep", "senioren")],
                         root=repo_copy)
    assert written == repo_copy / "data" / "nlu" / "uitleg.yml"
    assert "- wat kost een [burgerberaad](methode) voor [senioren](doelgroep) ongeveer\n" in _examples(written, "uitleg_vragen")
    heldout = inbox.label(session, other.id, "advies_vragen", [("doelgroep", "laaggeletterden")], heldout=True,
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
        inbox.label(session, row.id, "geen_intentie", root=repo_copy)
    with pytest.raises(BesliswijzerError, match="entiteit 'kleur'"):
        inbox.label(session, row.id, "begroeten", [("kleur", "hallo")], root=repo_copy)
    with pytest.raises(BesliswijzerError, match="staat al in tests/nlu/heldout.yml"):
        inbox.label(session, row.id, "begroeten", root=repo_copy)
    fresh = inbox.add_item(session, "goeiendag besliswijzer van mij", "onzeker", "begroeten", 0.5, None)
    with pytest.raises(BesliswijzerError, match="staat niet in het bericht"):
        inbox.label(session, fresh.id, "begroeten", [("doelgroep", "ouderen")], heldout=True, root=repo_copy)
    assert len(inbox.grouped(session)) == 2                   # a refused label keeps the message
