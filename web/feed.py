"""The open case feed over HTTP: GET /api/casussen (paged JSON-LD), one case at its stable address, and a
DCAT description of the dataset. No login and no session cookie: it is open data (docs/casusfeed.md).
The core (besliswijzer.cases.feed) decides what is published."""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify, request, url_for

from besliswijzer.cases import feed
from besliswijzer.errors import DatabaseUnavailableError
from besliswijzer.storage.db import session_scope

from . import security, texts

log = logging.getLogger(__name__)


def _json(data, status=200, media_type="application/json"):
    response = jsonify(data)
    response.status_code = status
    response.mimetype = media_type
    # Open data: any site may read it (no cookies are involved).
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def make_blueprint(limiter) -> Blueprint:
    bp = Blueprint("feed", __name__, url_prefix="/api/casussen")
    limited = limiter.limit(lambda: current_app.config["FEED_LIMIET"], key_func=security.client_key_address,
                            error_message=texts.error("te_veel"))

    def base() -> str:
        return url_for("feed.casussen", _external=True)

    @bp.errorhandler(feed.FeedQueryError)
    def bad_query(exc):
        return _json({"error": exc.message}, 400)

    @bp.errorhandler(DatabaseUnavailableError)
    def no_database(exc):
        log.error("case feed: database unavailable")
        return _json({"error": texts.error("feed_database")}, 503)

    @bp.get("")
    @limited
    def casussen():
        args = request.args
        since = feed.parse_time(args["gewijzigd_sinds"]) if args.get("gewijzigd_sinds") else None
        cursor = feed.parse_cursor(args["na"]) if args.get("na") else None
        size = args.get("aantal", str(feed.DEFAULT_PAGE))
        if not size.isdigit() or not 1 <= int(size) <= feed.MAX_PAGE:
            raise feed.FeedQueryError(f"'aantal' moet een heel getal van 1 tot en met {feed.MAX_PAGE} zijn.")
        with session_scope() as session:
            return _json(feed.feed_page(session, base(), since=since, cursor=cursor, limit=int(size)))

    @bp.get("/dataset")
    @limited
    def dataset():
        config = current_app.config
        with session_scope() as session:
            return _json(feed.dataset(session, base(), config["FEED_UITGEVER"], config["FEED_DATAKAART"]),
                         media_type="application/ld+json")

    @bp.get("/<case_id>")
    @limited
    def one(case_id):
        with session_scope() as session:
            found = feed.one_record(session, base(), case_id)
        if found is None:
            return _json({"error": texts.error("niet_gevonden")}, 404)
        return _json(found)

    return bp
