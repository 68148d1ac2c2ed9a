"""A tiny real HTTP server that speaks Rasa's REST webhook format.

A test double of Rasa for the web app's unit and renderer tests only; the real Rasa
server is used by the end-to-end and full-conversation browser tests.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["RasaDouble", "advice_payload"]


def _advice_payload() -> dict:
    return {
        "type": "advies",
        "profiel": {"doelgroep": ["ouderen", "nieuwkomers"], "schaal": "wijk",
                    "thema": "openbare_ruimte", "niveau": "adviseren",
                    "budget_euro": 15000, "doorlooptijd_weken": 12, "gemeente": "Hengelo"},
        "niveau": "adviseren", "niveau_naam": "Adviseren",
        "niveau_toelichting": "Je wilt dat inwoners echt meedenken, maar de raad beslist.",
        "combinaties": [
            {"methode": "straatgesprek", "tool": "buurtapp", "kanaal": "hybride", "score": 0.82,
             "waarom": "Je spreekt ouderen op straat aan en volgt het op in de buurtapp.",
             "kosten": "laag", "duur_weken": 4, "duur_tekst": "4 weken",
             "methode_naam": "Straatgesprek", "tool_naam": "Buurtapp",
             "vaardigheden": ["Open vragen stellen", "Reacties vastleggen"],
             "valkuilen": ["Alleen op plekken waar de vaste gezichten komen"],
             "bronnen": [{"url": "https://voorbeeld.nl/straatgesprek", "titel": "Straatgesprek"}]},
            {"methode": "keukentafelgesprek", "tool": None, "kanaal": "fysiek", "score": 0.74,
             "waarom": "Kleine gesprekken thuis werken goed voor wie niet online is.",
             "kosten": "laag", "duur_weken": 6, "duur_tekst": "6 weken",
             "methode_naam": "Keukentafelgesprek", "tool_naam": None},
            {"methode": "ontwerpatelier", "tool": "kaartplatform", "kanaal": "hybride", "score": 0.66,
             "waarom": "Samen tekenen aan de wijk, ook op een online kaart.",
             "kosten": "midden", "duur_weken": 1, "duur_tekst": "1 week",
             "methode_naam": "Ontwerpatelier", "tool_naam": "Kaartplatform"},
        ],
        "waarschuwingen": ["Alleen online werkt niet voor veel ouderen. Zorg voor een fysieke ingang."],
        "casussen": [{"id": "voorbeeld-1", "titel": "Pleinen in de wijk", "gemeente": "Hengelo",
                      "gelijkenis": 0.7, "voorbeeld": True, "uitkomst_tekst": ""}],
    }


def _default_reply(sender: str, message: str):
    """(status, body) for a message; a few magic words trigger the cases tests need."""
    if message == "leeg":
        return 200, []
    if message == "kapot":
        return 500, {"error": "boom"}
    if message == "geen json":
        return 200, "<html>nope</html>"
    if message == "advies":
        return 200, [{"recipient_id": sender, "text": "Dit is mijn advies."},
                     {"recipient_id": sender, "custom": _advice_payload()}]
    if message == "knoppen":
        return 200, [{"recipient_id": sender, "text": "Klopt dit?",
                      "buttons": [{"title": "Ja", "payload": "/bevestigen"},
                                  {"title": "Nee", "payload": "/ontkennen"}]}]
    return 200, [{"recipient_id": sender, "text": f"Je zei: {message}"}]


class RasaDouble:
    """Start with ``with RasaDouble() as rasa:``; ``rasa.url`` goes into RASA_URL.

    ``reply`` may be replaced by a function (sender, message) -> (status, body);
    ``received`` records every request body; ``delay_s`` slows every answer.
    """

    def __init__(self, reply=_default_reply, delay_s: float = 0.0):
        self.reply = reply
        self.delay_s = delay_s
        self.received: list[dict] = []
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                double.received.append(body)
                if self.path != "/webhooks/rest/webhook":
                    self._send(404, {"error": "not found"})
                    return
                if double.delay_s:
                    time.sleep(double.delay_s)
                status, answer = double.reply(body.get("sender"), body.get("message"))
                self._send(status, answer)

            def _send(self, status, answer):
                data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the web app gave up waiting (time-out tests)

            def log_message(self, *args):  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "RasaDouble":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def advice_payload() -> dict:
    return _advice_payload()
