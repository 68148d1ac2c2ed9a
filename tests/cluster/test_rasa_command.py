"""The command that starts a Rasa server of the cluster, read by Rasa's own argument parser."""
import pytest
from rasa.__main__ import create_argument_parser

from scripts.cluster.cluster import Cluster, Ports


@pytest.fixture
def models(tmp_path):
    """A model directory with one (empty) model: enough to build the command, nothing is started."""
    path = tmp_path / "models"
    path.mkdir()
    (path / "20261207-000000-test.tar.gz").write_bytes(b"")
    return path


def test_a_token_that_starts_with_a_dash_reaches_rasa_whole(tmp_path, models, monkeypatch):
    """secrets.token_urlsafe may start with "-"; `--auth-token TOKEN` then reads as a missing value and
    `rasa run` stops (seen once in CI). The cluster passes it as --auth-token=TOKEN."""
    cluster = Cluster(Ports.free(1), tmp_path / "cluster", model_dir=models)
    started = {}
    monkeypatch.setattr(cluster, "_take_over", lambda name, args: False)
    monkeypatch.setattr(cluster, "_spawn", lambda name, command: started.update({name: command}))
    monkeypatch.setenv("RASA_API_TOKEN", "-Xq_7-leading-dash")
    cluster.start_rasa(0, wait=False)
    args = create_argument_parser().parse_args(started["rasa0"][1:])
    assert args.auth_token == "-Xq_7-leading-dash" and args.enable_api


def test_a_new_token_never_starts_with_a_dash(tmp_path, models, monkeypatch):
    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    for n in range(20):
        cluster = Cluster(Ports.free(1), tmp_path / f"cluster{n}", model_dir=models)
        token = cluster.api_token
        assert token and not token.startswith("-") and len(token) >= 32
