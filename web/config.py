"""Configuration of the web app, read from the environment with working defaults.

Every setting can also be passed to ``create_app(config)``; that dict wins over the
environment (tests use it).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent



def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "ja", "on"}


def _optional_int(value):
    if value in (None, ""):
        return None
    return int(value)


# name -> (default, parser). Parsers turn the environment's strings into values.
SETTINGS = {
    "RASA_URL": ("http://127.0.0.1:5005", str),
    "RASA_TIMEOUT": (30.0, float),            # seconds to wait for Rasa's answer
    "RASA_CONNECT_TIMEOUT": (3.0, float),     # seconds to open the connection
    "SECRET_KEY": (None, str),                 # None: read or create var/secret_key
    "SECRET_KEY_FILE": (str(REPO_ROOT / "var" / "secret_key"), str),
    "FRAME_ANCESTORS": ("'self'", str),        # CSP frame-ancestors, e.g. "'self' https://intranet.gemeente.nl"
    "ALLOWED_ORIGINS": ("", str),              # extra origins allowed to POST (space separated)
    "RATE_LIMIT": ("20 per minute", str),      # per session (browser)
    "RATE_LIMIT_ADRES": ("120 per minute", str),  # per client address (many users may share a proxy)
    "RATELIMIT_STORAGE_URI": ("memory://", str),
    "TRUSTED_PROXIES": (0, int),              # number of reverse proxies in front (X-Forwarded-*)
    "COOKIE_SECURE": (False, _bool),           # set true when served over https
    "WIDGET_TITLE": ("Besliswijzer participatie", str),
    "BEWAARTERMIJN_DAGEN": (7, _optional_int),  # same default as scripts/opschonen.py
    "MAX_CONTENT_LENGTH": (16 * 1024, int),   # bytes of a request body
    # /beheer (web/beheer_auth.py): the password is hashed at start-up, only the hash is kept
    "BEHEER_WACHTWOORD": (None, str),
    "BEHEER_WACHTWOORD_HASH": (None, str),
    "BEHEER_SESSIE_MINUTEN": (30, int),
    "BEHEER_LOGIN_LIMIET": ("5 per minute", str),  # login attempts per client address
    "BEHEER_SSO_HEADER": ("", str),            # e.g. X-Remote-User, only behind a proxy that sets it
    # Templates of the downloadable plan (docs/plan.md); empty: the core's setting or the shipped one
    "PLAN_DOCX_SJABLOON": (None, str),
    "PLAN_ODT_SJABLOON": (None, str),
    # The open case feed (docs/casusfeed.md)
    "FEED_UITGEVER": ("", str),               # who publishes the cases, e.g. "Gemeente Enschede"
    "FEED_DATAKAART": ("", str),              # URL of the published data card, if any
    "FEED_LIMIET": ("120 per minute", str),   # feed requests per client address
    "AANGEBODEN_DB": (str(REPO_ROOT / "var" / "aangeboden.sqlite"), str),  # payloads the bot offered
    # the last exchange per conversation, for "Dit beantwoordt mijn vraag niet" (web/feedback.py);
    # None: laatste_uitwisseling.sqlite beside AANGEBODEN_DB
    "LAATSTE_DB": (None, str),
}


def load_body_limit() -> int:
    """The largest request body in bytes (MAX_CONTENT_LENGTH), without building the whole config."""
    default, parse = SETTINGS["MAX_CONTENT_LENGTH"]
    return parse(os.environ.get("MAX_CONTENT_LENGTH") or default)


def load_config(overrides: dict | None = None) -> dict:
    """Defaults, overridden by the environment, overridden by ``overrides``."""
    overrides = dict(overrides or {})
    config = {}
    for name, (default, parse) in SETTINGS.items():
        if name in overrides:
            value = overrides.pop(name)
        elif os.environ.get(name) not in (None, ""):
            value = os.environ[name]
        else:
            value = default
        config[name] = parse(value) if value is not None else None
    config.update(overrides)  # anything else (TESTING, ...) passes through untouched
    config["RASA_URL"] = config["RASA_URL"].rstrip("/")
    if not config.get("LAATSTE_DB"):
        config["LAATSTE_DB"] = str(Path(config["AANGEBODEN_DB"]).with_name("laatste_uitwisseling.sqlite"))
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _persistent_secret(Path(config["SECRET_KEY_FILE"]))
    return config


def _persistent_secret(path: Path) -> str:
    """Read the secret from ``path``, creating it once (0600) when missing.

    A file keeps session cookies valid across restarts and shared between gunicorn
    workers. When the file cannot be written, fall back to a random key for this
    process only (sessions then end at a restart).
    """
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    except OSError:
        return secrets.token_hex(32)
    key = secrets.token_hex(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write a private temp file, then link it into place: atomic, and it fails
        # when another worker was first, so every worker ends up with one key.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            key = path.read_text(encoding="utf-8").strip()
        finally:
            os.unlink(tmp)
    except OSError:
        pass
    return key
