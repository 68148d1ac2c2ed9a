"""The chat API: POST /api/chat (contract), plus the widget's helpers."""
from __future__ import annotations

import logging
import time
import unicodedata

from flask import Blueprint, current_app, jsonify, request

from . import aangeboden, feedback, rasa, security, texts

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


def offered_store() -> aangeboden.OfferedPayloads:
    return current_app.extensions["besliswijzer_aangeboden"]


def last_exchange() -> feedback.LastExchange:
    return current_app.extensions["besliswijzer_laatste"]


def feedback_reply(session_id: str | None) -> list[dict]:
    """'Dit beantwoordt mijn vraag niet': the last exchange goes to the inbox, the user is thanked
    and offered a way on (say it differently, or the main menu)."""
    exchange = last_exchange().take(session_id)
    if exchange is None:
        key = "feedback_zonder_antwoord"
    else:
        key = "feedback_dank" if feedback.record(exchange) else "feedback_niet_bewaard"
    buttons = texts.buttons("feedback_knoppen")
    offered_store().remember(session_id, [b["payload"] for b in buttons])
    return [{"text": texts.reply(key), "buttons": buttons, "custom": None}]


def as_sent(message: str, session_id: str | None) -> str:
    """A payload the bot offered in this conversation goes to Rasa as it is; anything else a
    person typed is text, whatever it starts with ("/restart" becomes "restart"). Rasa would
    otherwise run it as a command, or fail to parse it and write it to its log in full."""
    if message.startswith("/") and offered_store().was_offered(session_id, message):
        return message
    return aangeboden.as_text(message)


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
        session_id = security.current_session_id()
        message = as_sent(clean_message(data["message"]), session_id)
        if not message:
            raise ApiError(400, "leeg")
        if len(message) > MAX_MESSAGE_CHARS:
            raise ApiError(400, "te_lang")
        if feedback.is_feedback(message):
            log.info("chat answered: feedback on the last answer")
            return jsonify(messages=feedback_reply(session_id))
        config = current_app.config
        started = time.monotonic()
        try:
            messages = rasa.send(config["RASA_URL"], session_id, message,
                                 connect_timeout=config["RASA_CONNECT_TIMEOUT"],
                                 read_timeout=config["RASA_TIMEOUT"])
        except rasa.RasaUnavailable as exc:
            # Log the reason, never the message text or who sent it.
            log.error("rasa unavailable: %s", exc.reason)
            response = jsonify(error=texts.error(exc.kind))
            response.status_code = 503
            response.headers["Retry-After"] = "30"
            return response
        if not messages:
            # Rasa ran the message and said nothing (an action without words, or one that failed):
            # the bot is there, so this is no "unavailable".
            log.warning("rasa gave an empty answer")
            messages = [{"text": texts.reply("geen_antwoord"), "buttons": [], "custom": None}]
        offered_store().remember(session_id, aangeboden.button_payloads(messages))
        last_exchange().remember(session_id, message, messages)
        log.info("chat answered: %d messages in %.2fs", len(messages), time.monotonic() - started)
        return jsonify(messages=messages)

    @bp.get("/info")
    def info():
        """Starts a session (cookies) and tells the widget its settings. Display names come with
        each payload (the catalogue's labels), so the widget keeps no table of its own."""
        security.ensure_session()
        return jsonify(
            titel=current_app.config["WIDGET_TITLE"],
            bewaartermijn_dagen=current_app.config["BEWAARTERMIJN_DAGEN"],
        )

    @bp.post("/opnieuw")
    @rate_limited
    def restart():
        """Start over: a fresh session id means a fresh conversation in Rasa."""
        check_request_origin()
        security.start_new_session()
        return jsonify(ok=True)

    return bp
