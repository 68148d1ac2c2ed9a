"""2,000 fuzzed chat requests through the real web app, Rasa server and action server: typed
commands, payload-shaped text, markup, odd Unicode, bad JSON and huge messages. None gets a 5xx,
every answer to a message is a normal chat answer, and none of the typed texts reaches any
service's log (each carries a unique marker the logs are searched for).

Bounded in time: the requests go out from a few threads; a new chat session every 40 requests keeps
each under the web app's per-session limit."""
import random
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from scripts.stack import ChatClient

pytestmark = pytest.mark.live

REQUESTS = 2000
THREADS = 6
PER_SESSION = 40
TIME_LIMIT_S = 600


def marker(n: int) -> str:
    return f"Kwispelstraat{n:04d}q"


# Each template puts the marker somewhere a careless handler would echo or log it.
TEXTS = [
    "/restart {m}", "/session_start {m}", "/bevestigen {m}", "/situatie_geven{{\"doelgroep\": \"{m}\"}}",
    "/advies_vragen{{\"bedrag\": \"{m}\", \"duur\": \"\\u0000\"}}", "/casus_zoeken{{\"regio\": [\"{m}\"]}}",
    "{{\"message\": \"{m}\", \"sender\": \"x\"}}", "[{m}](doelgroep) [15k](bedrag)", "{m}{{\"intent\": \"x\"}}",
    "<script>alert('{m}')</script>", "<b>{m}</b><img src=x onerror=alert(1)>", "{m} ' OR 1=1; --",
    "{m} \u200b\u200d\u2060", "{m} \u202eadvies\u202c", "{m} ①②③ ⅷ ²³ ٣", "{m} \u0308\u0301\u0327",
    "{m} 🙂🙃 👩‍👩‍👧", "{m} ___ --- ///", "{m}\n\n\t\r", "  {m}  ", "{m} " + "heel " * 50,
    "advies voor {m} in de wijk, budget 5000 euro", "wat is een burgerberaad? {m}",
    "voorbeelden uit {m}", "weet ik niet {m}", "{m} " + "x" * 3000, "{m} %s %d {{0}} ${{jndi:ldap://x}}",
]
# Bodies that are no valid chat request; the marker must not come back in a log either.
BODIES = [
    '{{"message": "{m}', '{{"message": {m}}}', '["{m}"]', '{{"bericht": "{m}"}}', '{{"message": ["{m}"]}}',
    '{{"message": {{"text": "{m}"}}}}', '{{"message": "{m}", "message": 12}}', '{m}', '\xff\xfe{m}',
]


def one_request(n: int, web_url: str, clients: dict, rng: random.Random):
    key = n // PER_SESSION
    chat = clients.get(key)
    if chat is None:
        chat = clients[key] = ChatClient(web_url)
    m = marker(n)
    kind = rng.random()
    if kind < 0.75:
        response = chat.post(rng.choice(TEXTS).format(m=m))
        return n, response.status_code, response
    if kind < 0.95:
        body = rng.choice(BODIES).format(m=m).encode("utf-8", "surrogateescape")
    else:
        body = ('{"message": "' + m + " " + "a" * 200_000 + '"}').encode()
    token = chat.http.cookies.get("csrf_token")
    response = chat.http.post(f"{web_url}/api/chat", data=body, timeout=60,
                              headers={"Content-Type": "application/json", **({"X-CSRF-Token": token} if token else {})})
    return n, response.status_code, response


def test_two_thousand_fuzzed_requests_get_no_5xx_and_leave_no_typed_text_in_any_log(live_stack):
    names = ("rasa", "acties", "web")
    # only what the services write during this test: other tests may stop the action server on purpose
    offsets = {name: (live_stack.log_dir / f"{name}.log").stat().st_size for name in names}
    rng = random.Random(21)
    seeds = [random.Random(rng.random()) for _ in range(REQUESTS)]
    started = time.monotonic()
    sessions = [dict() for _ in range(THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda n: one_request(n, live_stack.web_url, sessions[n % THREADS], seeds[n]),
                                range(REQUESTS)))
    elapsed = time.monotonic() - started
    statuses = {}
    for _, status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    server_errors = [(n, status, response.text[:200]) for n, status, response in results if status >= 500]
    assert not server_errors, (statuses, server_errors[:5])
    answered = [response for _, status, response in results if status == 200]
    assert len(answered) > REQUESTS // 2, statuses
    for response in answered:
        messages = response.json()["messages"]
        assert messages and all(isinstance(m, dict) for m in messages)
    assert elapsed < TIME_LIMIT_S, elapsed
    for name in names:
        with open(live_stack.log_dir / f"{name}.log", "rb") as log:
            log.seek(offsets[name])
            text = log.read().decode("utf-8", "replace")
        leaked = [marker(n) for n in range(REQUESTS) if marker(n) in text]
        assert not leaked, (name, leaked[:5])
        # the action server never answered Rasa with an error body (rasa_sdk's carries the tracker)
        assert "request_body" not in text and "Failed to execute custom action" not in text, name
