"""The command line. The main paths run as a real subprocess (`python -m besliswijzer ...`); the many error
variants call the same entry point in-process, which keeps the suite fast."""
import json
import subprocess
import sys

import pytest

from besliswijzer.cli import main
from tests.support.cli import run, run_inline


def assert_dutch_error(result, *words):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    for word in words:
        assert word in result.stderr


def test_help_is_dutch():
    result = run("--help")
    assert result.returncode == 0 and "Gebruik:" in result.stdout and "opdrachten" in result.stdout
    assert "casussen inlezen" in run_inline_help("casus")


def run_inline_help(*args):
    import contextlib
    import io
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), pytest.raises(SystemExit):
        main([*args, "--help"])
    return buffer.getvalue()


def test_advies_prints_the_payload(db_url, tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"doelgroep": ["ouderen"], "schaal": "wijk", "budget_euro": 15000}))
    result = run("advies", "--profiel", str(profile), url=db_url)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["type"] == "advies" and 3 <= len(payload["combinaties"]) <= 5
    text = run("advies", "--profiel", "-", "--tekst", url=db_url, stdin=profile.read_text())
    assert text.returncode == 0 and text.stdout.startswith("Advies voor: ouderen.")


@pytest.mark.parametrize("content, words", [
    ('{"doelgroep": ["ouwe mensjes"]}', ["ouwe mensjes", "doelgroep"]),
    ('{"doelgroep": ["ouderen"], "thema": "verkeerr"}', ["verkeerr", "mobiliteit"]),
    ('{"doelgroep": ', ["geen geldige JSON"]),
    ('{"schaal": "wijk"}', ["doelgroep"]),
])
def test_advies_errors(db_url, tmp_path, capsys, monkeypatch, content, words):
    profile = tmp_path / "p.json"
    profile.write_text(content)
    assert_dutch_error(run_inline(capsys, monkeypatch, "advies", "--profiel", str(profile)), "Fout:", *words)


def test_missing_profile_file(capsys, monkeypatch):
    assert_dutch_error(run_inline(capsys, monkeypatch, "advies", "--profiel", "bestaat-niet.json"), "bestaat niet")


def test_catalogus_json():
    result = run("catalogus", "--json")
    data = json.loads(result.stdout)
    assert {"methodes", "tools", "begrippen"} <= set(data)
    assert all("id" in item for key in ("methodes", "tools", "begrippen") for item in data[key])
    assert "enquete" in {m["id"] for m in data["methodes"]} and "polis" in {t["id"] for t in data["tools"]}



def test_vergelijk_and_unknown_id(capsys, monkeypatch):
    result = run_inline(capsys, monkeypatch, "vergelijk", "enquete", "straatgesprek")
    assert result.returncode == 0 and json.loads(result.stdout)["type"] == "vergelijking"
    assert_dutch_error(run("vergelijk", "enquete", "burgerberad"), "burgerberad", "burgerberaad")


def test_casus_import_export_lijst_zoek(db_url, tmp_path, capsys, monkeypatch):
    path = tmp_path / "nieuw.yml"
    path.write_text("casussen:\n  - {id: cli-1, titel: Klimaattafel, gemeente: Borne, thema: klimaat, "
                    "bronnen: [{url: 'https://example.org/klimaattafel', titel: Verslag}]}\n")
    result = run("casus", "import", str(path), url=db_url)
    assert result.returncode == 0 and "1 casus ingelezen: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd." in result.stdout
    assert "Nieuw: cli-1" in result.stdout
    exported = run("casus", "export", url=db_url)
    assert exported.returncode == 0 and exported.stdout.startswith("# Casussen") and "cli-1" in exported.stdout
    found = run_inline(capsys, monkeypatch, "casus", "zoek", "--thema", "klimaatadaptatie", "--gemeente", "Borne",
                       "--json", url=db_url)
    assert [c["id"] for c in json.loads(found.stdout)["casussen"]] == ["cli-1"]
    assert "cli-1" in run_inline(capsys, monkeypatch, "casus", "lijst").stdout
    csv_out = run_inline(capsys, monkeypatch, "casus", "export", "--formaat", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("id,titel,gemeente")


def test_casus_import_error_lists_every_problem(db_url, tmp_path, capsys, monkeypatch):
    path = tmp_path / "fout.yml"
    path.write_text("casussen:\n  - {titel: A, gemeente: B, thema: geen}\n  - {titel: C, thema: wonen}\n")
    result = run_inline(capsys, monkeypatch, "casus", "import", str(path), url=db_url)
    assert_dutch_error(result, "Casus 1 ('A'), veld 'thema'", "Casus 2 ('C'), veld 'gemeente'", "niets opgeslagen")
    assert " A - B" not in run_inline(capsys, monkeypatch, "casus", "lijst").stdout


def test_db_init_and_missing_database(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'var' / 'b.db'}"
    assert_dutch_error(run_inline(capsys, monkeypatch, "casus", "lijst", url=url), "db init")
    first = run("db", "init", url=url)
    assert first.returncode == 0 and "Database klaar" in first.stdout
    assert run_inline(capsys, monkeypatch, "db", "init").returncode == 0
    listed = run_inline(capsys, monkeypatch, "casus", "lijst").stdout
    assert "zwolle-burgerberaad-klimaat-2023" in listed and "vb-" not in listed    # real cases only


def test_usage_errors_are_dutch(capsys, monkeypatch):
    result = run("bestaatniet")
    assert result.returncode == 2 and "onbekende keuze" in result.stderr and "Traceback" not in result.stderr
    assert "dit ontbreekt nog: --profiel" in run_inline(capsys, monkeypatch, "advies").stderr


@pytest.mark.parametrize("content, expected", [
    ("", "is leeg"),
    ('{"doelgroep": ["ouderen"], "doorlooptijd_weken": 0}', "De doorlooptijd moet minstens"),
    ('{"doelgroep": ["ouderen"], "budget_euro": "veel"}', "Het budget moet een heel getal zijn"),
])
def test_profile_errors_read_as_proper_dutch(tmp_path, content, expected):
    profile = tmp_path / "profiel.json"
    profile.write_text(content)
    result = subprocess.run([sys.executable, "-m", "besliswijzer", "advies", "--profiel", str(profile)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and expected in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("word", ["wereld-café", "Wereld Café", "world_cafe", "wereldcafe"])
def test_cli_and_chat_accept_the_same_spellings(capsys, monkeypatch, word):
    """One matcher: what the chat understands, the command line accepts too."""
    from besliswijzer.reference.catalogue import load_catalogue
    assert load_catalogue().match("methode", word) == "world_cafe"
    result = run_inline(capsys, monkeypatch, "uitleg", word)
    assert result.returncode == 0 and "World café" in result.stdout


def test_cli_still_refuses_a_word_it_does_not_know(capsys, monkeypatch):
    result = run_inline(capsys, monkeypatch, "uitleg", "wereldkaffee-avond")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_nlu_inbox_label_names_the_command_that_moved():
    """Labelling writes Rasa's training data, which the core does not touch; the old command says where it went."""
    result = run("nlu", "inbox", "label", "12", "advies_vragen", "--entiteit", "doelgroep=oudere mensen", "--toets")
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert "python -m scripts.nlu label 12 advies_vragen --entiteit 'doelgroep=oudere mensen' --toets" in result.stderr
