"""Login for /beheer: a maintainers' password kept only as a hash, a session that expires,
and optionally a trusted single-sign-on header set by a reverse proxy.

Settings (README, "Configuratie"):
- BEHEER_WACHTWOORD_HASH: a werkzeug password hash; or BEHEER_WACHTWOORD: the password itself,
  hashed at start-up (only the hash stays in memory);
- BEHEER_SESSIE_MINUTEN: how long a login lasts (default 30);
- BEHEER_SSO_HEADER: the header a trusted proxy sets to the signed-in user (e.g. X-Remote-User).
  Only set it when such a proxy strips the header from outside requests.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import time

from flask import current_app, request
from werkzeug.security import check_password_hash, generate_password_hash

COOKIE = "besliswijzer_beheer"
COOKIE_PATH = "/beheer"


def prepare(config: dict) -> None:
    """Turn a plain password from the environment into a hash; the plain text is dropped."""
    plain = config.pop("BEHEER_WACHTWOORD", None)
    os.environ.pop("BEHEER_WACHTWOORD", None)     # nor in this process's environment
    if plain and not config.get("BEHEER_WACHTWOORD_HASH"):
        config["BEHEER_WACHTWOORD_HASH"] = generate_password_hash(plain)


def login_possible() -> bool:
    return bool(current_app.config.get("BEHEER_WACHTWOORD_HASH") or current_app.config.get("BEHEER_SSO_HEADER"))


def password_ok(password: str) -> bool:
    stored = current_app.config.get("BEHEER_WACHTWOORD_HASH")
    if not stored or not password:
        return False
    return check_password_hash(stored, password)


def _mac(value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    # The password hash is part of the key: changing the password ends every session.
    key += (current_app.config.get("BEHEER_WACHTWOORD_HASH") or "").encode("utf-8")
    return hmac.new(key, f"beheer:{value}".encode("utf-8"), hashlib.sha256).hexdigest()


def _minutes() -> int:
    value = current_app.config.get("BEHEER_SESSIE_MINUTEN")
    return 30 if value is None else int(value)


def session_cookie(now: float | None = None) -> str:
    expires = int((now or time.time()) + 60 * _minutes())
    return f"{expires}.{_mac(str(expires))}"


def _valid_cookie(raw: str, now: float | None = None) -> bool:
    expires, _, mac = (raw or "").partition(".")
    if not expires.isdigit() or not hmac.compare_digest(mac, _mac(expires)):
        return False
    return int(expires) > (now or time.time())


def sso_user() -> str | None:
    header = current_app.config.get("BEHEER_SSO_HEADER")
    if not header:
        return None
    return (request.headers.get(header) or "").strip() or None


def logged_in() -> bool:
    return bool(sso_user()) or _valid_cookie(request.cookies.get(COOKIE, ""))


def set_session(response) -> None:
    secure = bool(current_app.config["COOKIE_SECURE"]) or request.is_secure
    minutes = _minutes()
    response.set_cookie(COOKIE, session_cookie(), max_age=60 * minutes, httponly=True, samesite="Strict",
                        secure=secure, path=COOKIE_PATH)


def end_session(response) -> None:
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
