"""Rasa's REST channel, but a turn that fails is a failure (HTTP 503), never half an answer.

Rasa 3.6's RestInput catches every error of a turn, logs it together with the user's text,
and answers 200 with whatever messages were collected before the error. When the tracker
could not be saved, the user then sees an answer the conversation does not remember. This
channel answers 503 without messages (the web app shows its Dutch "try again" message) and
logs only the kind of error, never the text. Same URL as the stock channel:
POST /webhooks/rest/webhook with {"sender", "message"}.
"""
from __future__ import annotations

import logging
from typing import Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_plugins.tracker_store import make_errors_visible

logger = logging.getLogger(__name__)


class StrictRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint(f"strict_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, status=400)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is not None:
                make_errors_visible(agent.tracker_store)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name()))
            except Exception as exc:  # noqa: BLE001 - any failure means: no (half) answer
                logger.error("turn failed: %s", type(exc).__name__)
                return response.json({"error": "turn failed"}, status=503)
            return response.json(collector.messages)

        return webhook
