"""Talk to Rasa's REST channel and turn its answer into the contract's messages."""
from __future__ import annotations

import requests


class RasaUnavailable(Exception):
    """Rasa could not be reached or gave no usable answer. ``reason`` is for logs only."""

    def __init__(self, reason: str, kind: str = "onbereikbaar"):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind  # "onbereikbaar", "traag" or "fout": picks the Dutch message


# One pooled HTTP session per process; trust_env=False so a proxy setting in the
# environment never sends the conversation off the machine.
_http = requests.Session()
_http.trust_env = False


def send(rasa_url: str, sender: str, message: str, *, connect_timeout: float,
         read_timeout: float) -> list[dict]:
    """POST the message to Rasa and return the merged contract messages."""
    url = f"{rasa_url}/webhooks/rest/webhook"
    try:
        response = _http.post(url, json={"sender": sender, "message": message},
                              timeout=(connect_timeout, read_timeout))
    except requests.Timeout as exc:
        raise RasaUnavailable(f"timeout: {type(exc).__name__}", "traag") from exc
    except requests.RequestException as exc:
        raise RasaUnavailable(f"connection: {type(exc).__name__}") from exc
    if response.status_code != 200:
        raise RasaUnavailable(f"status {response.status_code}", "fout")
    try:
        items = response.json()
    except ValueError as exc:
        raise RasaUnavailable("answer is not JSON", "fout") from exc
    if not isinstance(items, list):
        raise RasaUnavailable("answer is not a list", "fout")
    # [] is possible: an action that says nothing, or one that failed (Rasa's REST channel logs
    # the exception and returns what it collected). The caller decides what to tell the user.
    return merge(items)


def _clean_buttons(buttons) -> list[dict]:
    clean = []
    if not isinstance(buttons, list):
        return clean
    for button in buttons:
        if not isinstance(button, dict):
            continue
        title = button.get("title")
        payload = button.get("payload", title)
        if isinstance(title, str) and title and isinstance(payload, str) and payload:
            clean.append({"title": title, "payload": payload})
    return clean


def merge(items: list) -> list[dict]:
    """Rasa's items -> contract messages {"text", "buttons", "custom"}.

    An action that sends text and a json_message in one utter_message arrives as two
    items, text first, then custom only; the custom-only item joins the message
    before it (when that one has no custom yet). Items with nothing we can show
    (images, attachments) are dropped.
    """
    messages: list[dict] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        buttons = _clean_buttons(item.get("buttons"))
        custom = item.get("custom") if isinstance(item.get("custom"), dict) else None
        if not text and not buttons:
            if custom is None:
                continue
            if messages and messages[-1]["custom"] is None:
                messages[-1]["custom"] = custom
                continue
        messages.append({"text": text, "buttons": buttons, "custom": custom})
    return messages
