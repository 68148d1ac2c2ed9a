"""Session cookie, CSRF double submit, origin check, nonces and security headers."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from urllib.parse import urlsplit

from flask import current_app, g, request

SESSION_COOKIE = "besliswijzer_sessie"
CSRF_COOKIE = "csrf_token"   # name fixed by the contract
CSRF_HEADER = "X-CSRF-Token"

_SESSION_RE = re.compile(r"^[0-9a-f]{32}\.[0-9a-f]{32}$")


def _mac(purpose: str, value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, f"{purpose}:{value}".encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def new_session_id() -> str:
    return secrets.token_hex(16)


def session_cookie_value(session_id: str) -> str:
    """The cookie carries the id and a MAC, so a planted cookie is not accepted."""
    return f"{session_id}.{_mac('sessie', session_id)}"


def current_session_id() -> str | None:
    """The valid session id of this request (from the cookie or just created), or None."""
    if "session_id" in g:
        return g.session_id
    raw = request.cookies.get(SESSION_COOKIE, "")
    session_id = None
    if _SESSION_RE.match(raw):
        ident, mac = raw.split(".")
        if hmac.compare_digest(mac, _mac("sessie", ident)):
            session_id = ident
    g.session_id = session_id
    return session_id


def ensure_session() -> str:
    """Return this request's session id, starting a new session when there is none."""
    session_id = current_session_id()
    if session_id is None:
        start_new_session()
        session_id = g.session_id
    else:
        g.set_cookies = True  # refresh the csrf cookie too
    return session_id


def start_new_session() -> str:
    g.session_id = new_session_id()
    g.set_cookies = True
    return g.session_id


def csrf_token_for(session_id: str) -> str:
    """The CSRF token is bound to the session: a cookie planted by a sibling site fails."""
    return _mac("csrf", session_id)


def write_cookies(response):
    """After-request hook: set the session and csrf cookies when a view asked for it."""
    if not g.get("set_cookies") or not g.get("session_id"):
        return response
    secure = bool(current_app.config["COOKIE_SECURE"]) or request.is_secure
    response.set_cookie(SESSION_COOKIE, session_cookie_value(g.session_id),
                        httponly=True, samesite="Lax", secure=secure, path="/")
    # Readable by the widget's JavaScript on purpose: it echoes it in X-CSRF-Token.
    response.set_cookie(CSRF_COOKIE, csrf_token_for(g.session_id),
                        httponly=False, samesite="Strict", secure=secure, path="/")
    return response


def client_key_session() -> str:
    """Rate-limit key per session; hashed so logs never show a usable id."""
    session_id = current_session_id() or "zonder-sessie"
    return "s:" + _mac("limiet", session_id)[:16]


def client_key_address() -> str:
    """Rate-limit key per client address; hashed so no IP address lands in logs or storage."""
    return "a:" + _mac("limiet", request.remote_addr or "onbekend")[:16]


# --- request checks --------------------------------------------------------------

def _allowed_origins() -> set[str]:
    extra = current_app.config.get("ALLOWED_ORIGINS") or ""
    return {o.rstrip("/") for o in extra.split() if o}


def cross_origin_reason() -> str | None:
    """Why this state-changing request comes from another origin, or None if it does not.

    Browsers send Sec-Fetch-Site and Origin on POST; clients without them (curl,
    python requests) are judged by the CSRF token alone.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in {"same-origin", "none"}:
        return f"sec-fetch-site={fetch_site}"
    origin = request.headers.get("Origin")
    if origin:
        if origin == "null":
            return "origin=null"
        if origin.rstrip("/") in _allowed_origins():
            return None
        # Compare host and port; the scheme can differ behind a TLS-terminating proxy.
        if urlsplit(origin).netloc.lower() != request.host.lower():
            return "origin"
    return None


def form_cross_origin_reason() -> str | None:
    """Like cross_origin_reason, for an HTML form posted by a browser.

    Under our Referrer-Policy (no-referrer) a browser sends "Origin: null" with a form post,
    so a browser's form counts when Sec-Fetch-Site says same-origin, and only then.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return None if fetch_site == "same-origin" else f"sec-fetch-site={fetch_site}"
    return cross_origin_reason()


def csrf_ok() -> bool:
    session_id = current_session_id()
    if session_id is None:
        return False
    header = request.headers.get(CSRF_HEADER, "")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    expected = csrf_token_for(session_id)
    return (bool(header) and hmac.compare_digest(header, cookie)
            and hmac.compare_digest(header, expected))


# --- headers ---------------------------------------------------------------------

def new_nonce() -> None:
    """Before-request hook (must return None): a fresh nonce for this response."""
    g.csp_nonce = secrets.token_urlsafe(18)


def csp_nonce() -> str:
    if not g.get("csp_nonce"):
        new_nonce()
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    ancestors = current_app.config["FRAME_ANCESTORS"].strip() or "'none'"
    return "; ".join([
        "default-src 'none'",
        f"script-src 'self' 'nonce-{nonce}'",
        f"style-src 'self' 'nonce-{nonce}'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        f"frame-ancestors {ancestors}",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    ])


def security_headers(response):
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Permissions-Policy"] = ("camera=(), microphone=(), geolocation=(), payment=(), "
                                     "usb=(), interest-cohort=()")
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    ancestors = current_app.config["FRAME_ANCESTORS"].strip()
    if ancestors == "'self'":
        headers["X-Frame-Options"] = "SAMEORIGIN"   # for browsers without frame-ancestors
    elif ancestors in ("'none'", ""):
        headers["X-Frame-Options"] = "DENY"
    if not request.path.startswith("/static/"):
        # Open data (the case feed) says cross-origin itself; everything else stays same-origin.
        headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        headers.setdefault("Cache-Control", "no-store")
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return response
