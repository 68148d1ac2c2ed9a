"""scripts/train_model.py: no training (and no new model) when nothing changed; models/ keeps the newest 3."""
import os
import subprocess

import pytest

from scripts import train_model


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "bot").mkdir()
    (tmp_path / "data" / "nlu" / "bronnen").mkdir(parents=True)
    (tmp_path / "nlu_components").mkdir()
    (tmp_path / "config.yml").write_text("language: nl\n")
    (tmp_path / "bot" / "basis.yml").write_text("intents: [begroeten]\n")
    (tmp_path / "data" / "nlu" / "basis.yml").write_text("nlu: []\n")
    models = tmp_path / "models"
    models.mkdir()
    monkeypatch.setattr(train_model, "ROOT", tmp_path)
    monkeypatch.setattr(train_model, "MODELS", models)
    monkeypatch.setattr(train_model, "HASH_FILE", models / ".invoer-hash")
    return tmp_path


def test_the_hash_follows_what_rasa_reads(project):
    first = train_model.input_hash()
    (project / "data" / "nlu" / "bronnen" / "notities.txt").write_text("not read by Rasa")
    assert train_model.input_hash() == first
    (project / "data" / "nlu" / "basis.yml").write_text("nlu: [x]\n")
    assert train_model.input_hash() != first


def test_nothing_changed_means_no_training_and_no_new_model(project, monkeypatch, capsys):
    (project / "models" / "20261203-100000-oud.tar.gz").write_bytes(b"model")
    (project / "models" / ".invoer-hash").write_text(train_model.input_hash() + "\n")

    def no_training(*args, **kwargs):
        raise AssertionError("rasa train was started although nothing changed")

    monkeypatch.setattr(subprocess, "run", no_training)
    assert train_model.main([]) == 0
    assert "Niets veranderd" in capsys.readouterr().out
    assert len(train_model.models()) == 1


def test_a_change_trains_and_keeps_only_the_newest_three(project, monkeypatch):
    for n in range(4):
        path = project / "models" / f"2026120{n}-oud.tar.gz"
        path.write_bytes(b"model")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    calls = []

    def fake_rasa(command, cwd):
        calls.append(command)
        new = project / "models" / "20261209-nieuw.tar.gz"
        new.write_bytes(b"model")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", fake_rasa)
    assert train_model.main([]) == 0
    assert calls and calls[0][1:3] == ["-m", "rasa_plugins.train"]     # `rasa train`, gates wired
    assert [p.name for p in train_model.models()] == ["20261202-oud.tar.gz", "20261203-oud.tar.gz",
                                                     "20261209-nieuw.tar.gz"]
    assert (project / "models" / ".invoer-hash").read_text().strip() == train_model.input_hash()
