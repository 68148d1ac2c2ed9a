"""The besliswijzer web app: chat API, widget, demo page and printable plan.

gunicorn runs ``web:create_app()``.
"""
from __future__ import annotations

import logging
import traceback

from flask import Flask, jsonify, render_template, request
from flask_limiter import Limiter
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from . import aangeboden, beheer, beheer_auth, chat, feed, feedback, pages, security, texts
from .config import load_config

log = logging.getLogger(__name__)

_API_ERRORS = {400: "ongeldig", 403: "andere_site", 404: "niet_gevonden", 405: "methode",
               413: "te_groot", 429: "te_veel", 500: "intern"}


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(load_config(config))
    beheer_auth.prepare(app.config)          # the maintainers' password is kept only as a hash
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    if app.config["TRUSTED_PROXIES"]:
        # Only behind a known number of proxies: otherwise X-Forwarded-For is forgeable
        # and would defeat the per-address rate limit.
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    limiter = Limiter(
        app=app,
        key_func=security.client_key_address,
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        headers_enabled=True,
        strategy="fixed-window",
        # The counters live in Redis on a cluster. Redis unreachable must not make every chat
        # message a 500: each worker then counts in its own memory (with a warning in the log)
        # and goes back to Redis once it answers again; any other storage error lets the
        # message through rather than failing it.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )
    app.extensions["besliswijzer_limiter"] = limiter
    # Flask-Limiter gives its logger a NullHandler, which keeps its warnings ("falling back to
    # in-memory storage") out of the log where the app's own warnings go (stderr, gunicorn's log).
    for handler in list(limiter.logger.handlers):
        if isinstance(handler, logging.NullHandler):
            limiter.logger.removeHandler(handler)

    app.extensions["besliswijzer_aangeboden"] = aangeboden.OfferedPayloads(
        app.config["AANGEBODEN_DB"], app.config["BEWAARTERMIJN_DAGEN"])
    # The last exchange of each conversation, for "Dit beantwoordt mijn vraag niet" (web/feedback.py).
    app.extensions["besliswijzer_laatste"] = feedback.LastExchange(app.config["LAATSTE_DB"])
    app.register_blueprint(chat.make_blueprint(limiter))
    app.register_blueprint(pages.bp)
    app.register_blueprint(beheer.make_blueprint(limiter))
    app.register_blueprint(feed.make_blueprint(limiter))

    app.before_request(security.new_nonce)
    app.after_request(security.write_cookies)
    app.after_request(security.security_headers)
    app.context_processor(lambda: {"csp_nonce": security.csp_nonce})

    _register_error_handlers(app)
    return app


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        if _wants_json():
            key = _API_ERRORS.get(status, "ongeldig" if status < 500 else "intern")
            response = jsonify(error=texts.error(key))
            response.status_code = status
            if status == 429 and exc.get_response().headers.get("Retry-After"):
                response.headers["Retry-After"] = exc.get_response().headers["Retry-After"]
            if status == 413:
                # The unread body is still on the connection; ending it keeps the client's next
                # request clean (gunicorn.conf.py does the same for gunicorn).
                response.headers["Connection"] = "close"
            if status == 405 and getattr(exc, "valid_methods", None):
                response.headers["Allow"] = ", ".join(exc.valid_methods)
            return response
        key = _API_ERRORS.get(status, "intern")
        return render_template("fout.html", titel=texts.error(key), uitleg="",
                               status=status), status

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # Type and stack only: the exception's message could contain user text.
        log.error("unexpected error: %s\n%s", type(exc).__name__,
                  "".join(traceback.format_tb(exc.__traceback__)))
        if _wants_json():
            return jsonify(error=texts.error("intern")), 500
        return render_template("fout.html", titel=texts.error("intern"), uitleg="",
                               status=500), 500
