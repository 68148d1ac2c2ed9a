"""Fixtures for the web app's test-client tests."""
import socket

import pytest

from tests.support.rasa_double import RasaDouble
from web import create_app


@pytest.fixture
def rasa():
    with RasaDouble() as double:
        yield double


@pytest.fixture
def closed_port_url():
    """A URL on which nothing listens: the connection is really refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def make_app(rasa, tmp_path):
    def factory(**overrides):
        config = {"TESTING": True, "RASA_URL": rasa.url, "SECRET_KEY": "test-secret",
                  "RATE_LIMIT": "1000 per minute", "RATE_LIMIT_ADRES": "1000 per minute",
                  "RASA_TIMEOUT": 5, "AANGEBODEN_DB": str(tmp_path / "aangeboden.sqlite")}
        config.update(overrides)
        return create_app(config)
    return factory


@pytest.fixture
def app(make_app):
    return make_app()


class Browserish:
    """A test client used as the contract's client: load / first, echo the csrf cookie."""

    def __init__(self, app):
        self.client = app.test_client()
        self.home = self.client.get("/")
        assert self.home.status_code == 200

    @property
    def token(self) -> str:
        return self.client.get_cookie("csrf_token").value

    def chat(self, message, **kwargs):
        headers = {"X-CSRF-Token": self.token, **kwargs.pop("headers", {})}
        if "data" not in kwargs and "json" not in kwargs:
            kwargs["json"] = {"message": message}
        return self.client.post("/api/chat", headers=headers, **kwargs)


@pytest.fixture
def user(app):
    return Browserish(app)


@pytest.fixture
def make_user():
    return Browserish
