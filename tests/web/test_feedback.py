"""'Dit beantwoordt mijn vraag niet' through the web app: the last exchange, scrubbed, into the inbox."""
import logging

import pytest

from besliswijzer.maintainers import inbox
from besliswijzer.storage.db import session_scope
from web.feedback import is_feedback


def inbox_items(db_url):
    with session_scope(db_url) as session:
        return [item for group in inbox.grouped(session) for item in group.items]


@pytest.mark.parametrize("typed", ["Dit beantwoordt mijn vraag niet", "dit beantwoord mijn vraag niet!",
                                   "  DIT BEANTWOORDT MIJN VRAAG NIET.  ", "Dat beantwoordt de vraag niet"])
def test_the_sentence_is_recognised_as_typed(typed):
    assert is_feedback(typed)


@pytest.mark.parametrize("typed", ["beantwoordt dit mijn vraag niet?", "dit beantwoordt mijn vraag niet echt goed",
                                   "nee", "Dit beantwoordt mijn vraag"])
def test_other_sentences_are_not_the_feedback_sentence(typed):
    assert not is_feedback(typed)


def test_the_feedback_sentence_puts_the_exchange_in_the_inbox_scrubbed(db_url, user, rasa, caplog):
    user.chat("wat is inspraak eigenlijk? mail mij op jan@hengelo.nl")
    with caplog.at_level(logging.INFO):
        response = user.chat("Dit beantwoordt mijn vraag niet")
    assert response.status_code == 200
    [reply] = response.get_json()["messages"]
    assert reply["text"].startswith("Dank u wel.") and "andere manier" in reply["text"]
    assert {b["payload"] for b in reply["buttons"]} == {"/wat_kun_je", "/advies_vragen", "/casus_zoeken"}
    assert len(rasa.received) == 1                               # the verdict does not go to Rasa
    [item] = inbox_items(db_url)
    assert (item["tekst"], item["reden"], item["soort"]) == (
        "wat is inspraak eigenlijk? mail mij op [e-mail]", "feedback", "feedback")
    assert item["antwoord"] == "Je zei: wat is inspraak eigenlijk? mail mij op [e-mail]"
    assert "inspraak" not in caplog.text and "jan@" not in caplog.text
    # One verdict per answer: pressing again has no exchange left and says so kindly.
    again = user.chat("Dit beantwoordt mijn vraag niet").get_json()["messages"][0]
    assert "Welke vraag bedoelt u?" in again["text"] and len(inbox_items(db_url)) == 1


def test_a_card_is_named_in_the_answer_kept(db_url, user):
    user.chat("advies")
    user.chat("dit beantwoord mijn vraag niet")
    [item] = inbox_items(db_url)
    assert item["tekst"] == "advies" and item["antwoord"] == "Dit is mijn advies. [kaart: advies]"


def test_the_offered_buttons_work_as_payloads_afterwards(db_url, user, rasa):
    user.chat("hallo")
    user.chat("Dit beantwoordt mijn vraag niet")
    user.chat("/casus_zoeken")
    assert rasa.received[-1]["message"] == "/casus_zoeken"


def test_each_conversation_gives_its_own_verdict(db_url, app, make_user):
    first, second = make_user(app), make_user(app)
    first.chat("vraag van de eerste")
    second.chat("vraag van de tweede")
    first.chat("Dit beantwoordt mijn vraag niet")
    assert [i["tekst"] for i in inbox_items(db_url)] == ["vraag van de eerste"]


def test_a_broken_database_still_gets_a_kind_answer(make_app, make_user, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}")         # a directory: cannot be opened
    user = make_user(make_app())
    user.chat("geheime vraag")
    with caplog.at_level(logging.ERROR):
        response = user.chat("Dit beantwoordt mijn vraag niet")
    assert response.status_code == 200 and "lukte nu niet" in response.get_json()["messages"][0]["text"]
    assert "feedback not kept" in caplog.text and "geheime" not in caplog.text
