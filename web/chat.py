"""The chat API: POST /api/chat (contract), plus the widget's helpers."""
from __future__ import annotations

import json
import logging
import re
import time
import unicodedata

from flask import Blueprint, current_app, jsonify, request

from . import labels, rasa, security, texts

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000  # contract: 1 to 1,000 characters

# Bidirectional overrides and isolates can disguise text; they are format
# characters (Cf) we drop along with control characters (Cc).
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_message(text: str) -> str:
    """Tabs and line breaks become spaces; other control characters disappear."""
    out = []
    for char in text:
        if char in "\t\n\r\v\f\x85\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(char) == "Cc" or char in _BIDI:
            continue
        else:
            out.append(char)
    return "".join(out).strip()


_PAYLOAD = re.compile(r"/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?", re.DOTALL)


def defuse_command(text: str) -> str:
    """Keep button payloads ("/intent" or "/intent{json}") and make any other text that starts
    with "/" plain text. Rasa would treat it as a payload and, failing to parse it, write the
    whole message to its log, which must never hold what people type."""
    if not text.startswith("/"):
        return text
    match = _PAYLOAD.fullmatch(text)
    if match:
        try:
            if match["entities"] is None or isinstance(json.loads(match["entities"]), dict):
                return text
        except ValueError:
            pass
    return text.lstrip("/").strip()


class ApiError(Exception):
    def __init__(self, status: int, key: str):
        super().__init__(key)
        self.status = status
        self.key = key


def make_blueprint(limiter) -> Blueprint:
    bp = Blueprint("api", __name__, url_prefix="/api")

    def per_session():
        return current_app.config["RATE_LIMIT"]

    def per_address():
        return current_app.config["RATE_LIMIT_ADRES"]

    limited = [
        limiter.limit(per_session, key_func=security.client_key_session,
                      error_message=texts.error("te_veel")),
        limiter.limit(per_address, key_func=security.client_key_address,
                      error_message=texts.error("te_veel")),
    ]

    def rate_limited(view):
        for decorator in limited:
            view = decorator(view)
        return view

    def check_request_origin():
        reason = security.cross_origin_reason()
        if reason:
            log.warning("refused cross-origin request (%s)", reason)
            raise ApiError(403, "andere_site")
        if not security.csrf_ok():
            log.info("refused request without valid csrf token")
            raise ApiError(403, "csrf")

    @bp.errorhandler(ApiError)
    def api_error(exc: ApiError):
        return jsonify(error=texts.error(exc.key)), exc.status

    @bp.post("/chat")
    @rate_limited
    def chat():
        check_request_origin()
        data = request.get_json(silent=True)
        if data is None:
            raise ApiError(400, "geen_json")
        if not isinstance(data, dict) or not isinstance(data.get("message"), str):
            raise ApiError(400, "geen_bericht")
        message = defuse_command(clean_message(data["message"]))
        if not message:
            raise ApiError(400, "leeg")
        if len(message) > MAX_MESSAGE_CHARS:
            raise ApiError(400, "te_lang")
        config = current_app.config
        started = time.monotonic()
        try:
            messages = rasa.send(config["RASA_URL"], security.current_session_id(), message,
                                 connect_timeout=config["RASA_CONNECT_TIMEOUT"],
                                 read_timeout=config["RASA_TIMEOUT"])
        except rasa.RasaUnavailable as exc:
            # Log the reason, never the message text or who sent it.
            log.error("rasa unavailable: %s", exc.reason)
            response = jsonify(error=texts.error(exc.kind))
            response.status_code = 503
            response.headers["Retry-After"] = "30"
            return response
        log.info("chat answered: %d messages in %.2fs", len(messages), time.monotonic() - started)
        return jsonify(messages=messages)

    @bp.get("/info")
    def info():
        """Starts a session (cookies) and tells the widget its settings and display names."""
        security.ensure_session()
        return jsonify(
            titel=current_app.config["WIDGET_TITLE"],
            bewaartermijn_dagen=current_app.config["BEWAARTERMIJN_DAGEN"],
            labels=labels.all_labels(),
        )

    @bp.post("/opnieuw")
    @rate_limited
    def restart():
        """Start over: a fresh session id means a fresh conversation in Rasa."""
        check_request_origin()
        security.start_new_session()
        return jsonify(ok=True)

    return bp
