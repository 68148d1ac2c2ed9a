"""POST /api/chat: round trip, input checks, Rasa failures, JSON errors."""
import logging

import pytest

from tests.support.rasa_double import advice_payload


def test_a_message_goes_to_rasa_under_the_session_id_and_comes_back(user, rasa):
    response = user.chat("hallo")
    assert response.status_code == 200
    assert response.get_json() == {"messages": [{"text": "Je zei: hallo", "buttons": [], "custom": None}]}
    assert len(rasa.received) == 1
    sender = rasa.received[0]["sender"]
    assert len(sender) == 32 and sender not in user.token  # the session id, not the csrf token
    user.chat("nog iets")
    assert rasa.received[1]["sender"] == sender  # one conversation per session


def test_two_browsers_are_two_conversations(app, make_user, rasa):
    make_user(app).chat("a")
    make_user(app).chat("b")
    assert rasa.received[0]["sender"] != rasa.received[1]["sender"]


def test_the_doubles_advice_payload_follows_the_contract():
    """The web tests' stand-in payload is checked against the same schema the actions use."""
    from besliswijzer.payloads import problems
    assert problems(advice_payload()) == []


def test_text_and_custom_items_merge_into_one_message(user):
    messages = user.chat("advies").get_json()["messages"]
    assert messages == [{"text": "Dit is mijn advies.", "buttons": [], "custom": advice_payload()}]


def test_buttons_pass_through(user):
    [message] = user.chat("knoppen").get_json()["messages"]
    assert message["buttons"] == [{"title": "Ja", "payload": "/bevestigen"},
                                  {"title": "Nee", "payload": "/ontkennen"}]


@pytest.mark.parametrize("message", ["", "   ", "\x00\x07\x1b", "\n\t\r"])
def test_an_empty_message_is_refused_in_dutch(user, rasa, message):
    response = user.chat(message)
    assert response.status_code == 400
    assert "leeg" in response.get_json()["error"]
    assert rasa.received == []


def test_1000_characters_pass_and_1001_do_not(user, rasa):
    assert user.chat("a" * 1000).status_code == 200
    response = user.chat("a" * 1001)
    assert response.status_code == 400
    assert "1.000 tekens" in response.get_json()["error"]
    assert len(rasa.received) == 1


def test_control_characters_are_removed_before_counting_and_sending(user, rasa):
    # 1000 letters plus control characters: fine once they are gone.
    assert user.chat("a" * 500 + "\x00\x01\x7f\u202e" + "a" * 500).status_code == 200
    assert rasa.received[-1]["message"] == "a" * 1000
    assert user.chat("twee\nregels\tmet\x00tab").status_code == 200
    assert rasa.received[-1]["message"] == "twee regels mettab"


def test_control_characters_exact_result(user, rasa):
    user.chat("  twee\nregels\x00!  ")
    assert rasa.received[-1]["message"] == "twee regels!"


def test_a_body_that_is_not_json_gets_a_dutch_json_error(user, rasa):
    response = user.chat(None, data="message=hallo", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.is_json and "JSON" in response.get_json()["error"]
    response = user.chat(None, data="{kapot", content_type="application/json")
    assert response.status_code == 400 and response.is_json
    assert rasa.received == []


@pytest.mark.parametrize("body", [["hallo"], {"bericht": "hallo"}, {"message": 42}, {"message": None}])
def test_json_without_a_message_string_is_refused(user, body):
    response = user.chat(None, json=body)
    assert response.status_code == 400
    assert "message" in response.get_json()["error"]


def test_a_huge_body_gets_413_json(user):
    response = user.chat(None, data='{"message": "' + "a" * 20000 + '"}', content_type="application/json")
    assert response.status_code == 413
    assert response.is_json and response.get_json()["error"]


def test_rasa_not_running_gives_503_in_dutch(make_app, make_user, closed_port_url):
    user = make_user(make_app(RASA_URL=closed_port_url))
    response = user.chat("hallo")
    assert response.status_code == 503
    assert response.is_json
    assert "niet bereikbaar" in response.get_json()["error"]


@pytest.mark.parametrize("message", ["kapot", "geen json"])
def test_rasa_failing_to_answer_gives_503(user, message):
    response = user.chat(message)
    assert response.status_code == 503
    assert "Probeer het" in response.get_json()["error"]


def test_an_empty_answer_from_rasa_is_a_dutch_reply_not_unavailable(user, caplog):
    """Rasa answers [] after a built-in command or an action that says nothing: it is there."""
    with caplog.at_level(logging.INFO):
        response = user.chat("leeg")
    assert response.status_code == 200
    [message] = response.get_json()["messages"]
    assert "geen antwoord" in message["text"] and "wat kun je" in message["text"]
    assert "empty answer" in caplog.text
    assert all("leeg" not in record.getMessage() for record in caplog.records)


def test_a_slow_rasa_times_out_with_503(make_app, make_user, rasa):
    rasa.delay_s = 2
    user = make_user(make_app(RASA_TIMEOUT=0.3))
    response = user.chat("hallo")
    assert response.status_code == 503
    assert "traag" in response.get_json()["error"]


@pytest.mark.parametrize("method, path, status", [
    ("get", "/api/chat", 405), ("put", "/api/chat", 405), ("get", "/api/bestaat-niet", 404),
    ("post", "/api/bestaat-niet", 404),
])
def test_api_errors_are_json_never_html(user, method, path, status):
    response = getattr(user.client, method)(path)
    assert response.status_code == status
    assert response.is_json, response.data[:200]
    assert response.get_json()["error"]
    assert b"<html" not in response.data.lower()


def test_an_unexpected_error_is_a_json_500_without_traceback(make_app, make_user, caplog):
    app = make_app()

    secret = "".join(["geheime ", "gebruikers", "tekst"])  # not literally in the traceback's source

    def broken():
        raise RuntimeError(secret)

    app.add_url_rule("/api/stuk", view_func=broken)
    client = app.test_client()
    with caplog.at_level(logging.INFO):
        response = client.get("/api/stuk")
    assert response.status_code == 500
    assert response.get_json() == {"error": "Er ging bij ons iets mis. Probeer het over een paar minuten opnieuw."}
    assert b"Traceback" not in response.data
    assert "unexpected error: RuntimeError" in caplog.text
    assert secret not in caplog.text  # the exception's message may hold user text


def test_pages_outside_the_api_get_a_dutch_html_404(app):
    response = app.test_client().get("/bestaat-niet")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "bestaat niet" in response.get_data(as_text=True)


def test_logs_hold_neither_message_text_nor_ip_addresses(make_app, make_user, closed_port_url, caplog):
    secret = "mijn buurman Jan de Vries"
    with caplog.at_level(logging.DEBUG):
        user = make_user(make_app(RATE_LIMIT="2 per minute"))
        for _ in range(3):
            user.client.post("/api/chat", json={"message": secret},
                             headers={"X-CSRF-Token": user.token},
                             environ_base={"REMOTE_ADDR": "10.11.12.13"})
        down = make_user(make_app(RASA_URL=closed_port_url))
        down.client.post("/api/chat", json={"message": secret}, headers={"X-CSRF-Token": down.token},
                         environ_base={"REMOTE_ADDR": "10.11.12.13"})
    assert caplog.records, "expected some log lines to check"
    assert "Jan de Vries" not in caplog.text
    assert "10.11.12.13" not in caplog.text


def test_start_over_gives_a_new_conversation(user, rasa):
    user.chat("een")
    response = user.client.post("/api/opnieuw", headers={"X-CSRF-Token": user.token})
    assert response.status_code == 200
    user.chat("twee")  # with the new csrf cookie
    assert rasa.received[0]["sender"] != rasa.received[1]["sender"]


def test_start_over_needs_the_csrf_token(user):
    assert user.client.post("/api/opnieuw").status_code == 403


def test_info_tells_the_widget_its_settings(make_app):
    client = make_app(BEWAARTERMIJN_DAGEN="14", WIDGET_TITLE="Participatiehulp").test_client()
    info = client.get("/api/info").get_json()
    assert info["bewaartermijn_dagen"] == 14
    assert info["titel"] == "Participatiehulp"
    assert "labels" not in info    # names come with the payloads, not as a table for the widget
    assert client.get_cookie("csrf_token") is not None


@pytest.mark.parametrize("typed, sent", [
    ("/advies_vragen", "/advies_vragen"),          # a start button of the widget itself
    ('/situatie_geven{"schaal": "wijk"}', 'situatie_geven{"schaal": "wijk"}'),
    ("/restart", "restart"),
    ("/session_start", "session_start"),
    ("/ /bevestigen", "bevestigen"),
    ("/Jan de Vries, Kerkstraat 5, wil meedoen", "Jan de Vries, Kerkstraat 5, wil meedoen"),
    ('/situatie_geven{"naam": Jan}', 'situatie_geven{"naam": Jan}'),
    ("//", None),
])
def test_typed_text_is_text_whatever_it_starts_with(user, rasa, typed, sent):
    """Only payloads the bot offered are payloads; Rasa logs an unparsable '/...' message in full."""
    response = user.chat(typed)
    if sent is None:
        assert response.status_code == 400 and rasa.received == []
    else:
        assert response.status_code == 200
        assert rasa.received[-1]["message"] == sent


def test_a_payload_counts_once_the_bot_offered_it_in_this_conversation(user, make_user, app, rasa):
    user.chat("/bevestigen")
    assert rasa.received[-1]["message"] == "bevestigen"       # not offered yet: text
    user.chat("knoppen")                                       # the bot offers /bevestigen and /ontkennen
    user.chat("/bevestigen")
    assert rasa.received[-1]["message"] == "/bevestigen"
    user.chat("/ontkennen")
    assert rasa.received[-1]["message"] == "/ontkennen"
    other = make_user(app)                                     # another conversation was offered nothing
    other.chat("/bevestigen")
    assert rasa.received[-1]["message"] == "bevestigen"


def test_offered_payloads_are_shared_by_workers_and_stored_as_hashes(make_app, make_user, rasa, tmp_path):
    store = tmp_path / "gedeeld.sqlite"
    first, second = make_app(AANGEBODEN_DB=str(store)), make_app(AANGEBODEN_DB=str(store))
    user = make_user(first)
    user.chat("knoppen")
    user.client.application = second                          # the next request lands on another worker
    user.chat("/bevestigen")
    assert rasa.received[-1]["message"] == "/bevestigen"
    assert b"bevestigen" not in store.read_bytes()


def test_the_widget_start_buttons_are_accepted_as_payloads():
    from pathlib import Path
    import re

    from web.aangeboden import WIDGET_START_PAYLOADS

    widget = (Path(__file__).resolve().parents[2] / "web" / "static" / "widget" / "chat.js").read_text(encoding="utf-8")
    block = widget[widget.index("START_BUTTONS"):widget.index("];", widget.index("START_BUTTONS"))]
    assert set(re.findall(r'payload: "([^"]+)"', block)) == set(WIDGET_START_PAYLOADS)
