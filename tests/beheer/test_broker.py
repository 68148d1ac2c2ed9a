"""BeheerBroker on the event dicts Rasa 3.6 publishes, writing into a real database."""
import logging
import time
from datetime import date

import pytest
from sqlalchemy import select

from besliswijzer.maintainers import inbox
from besliswijzer.maintainers import insight as inzicht
from besliswijzer.storage.models import CountRow
from broker.beheer import BeheerBroker

NOW = time.time()


def user(sender, text, intent, confidence, ranking=()):
    return {"sender_id": sender, "event": "user", "timestamp": NOW, "text": text,
            "parse_data": {"intent": {"name": intent, "confidence": confidence}, "entities": [],
                           "intent_ranking": [{"name": intent, "confidence": confidence}, *ranking]}}


def bot(sender, text):
    return {"sender_id": sender, "event": "bot", "timestamp": NOW, "text": text}


def listen(sender):
    return {"sender_id": sender, "event": "action", "timestamp": NOW, "name": "action_listen"}


def slot(sender, name, value):
    return {"sender_id": sender, "event": "slot", "timestamp": NOW, "name": name, "value": value}


def turn(broker, *events):
    for event in events:
        broker.publish(event)


def test_misunderstood_messages_reach_the_inbox_scrubbed(db_url, session):
    broker = BeheerBroker(threshold=0.7, database_url=db_url)
    turn(broker, user("s1", "hallo", "begroeten", 0.99), bot("s1", "Hallo!"), listen("s1"))
    turn(broker, user("s1", "qwerty zxcv mail me op jan@hengelo.nl", "nlu_fallback", 0.6,
                      [{"name": "advies_vragen", "confidence": 0.31}]),
         bot("s1", "Bedoelt u: advies?"), listen("s1"))
    turn(broker, user("s1", "welke werkvorm voor de wijk", "advies_vragen", 0.55), bot("s1", "Voor wie?"),
         listen("s1"))
    turn(broker, user("s1", "hoe laat is het", "buiten_bereik", 0.95), bot("s1", "Daar help ik niet mee."),
         listen("s1"))
    turn(broker, user("s1", "wat is een enquete", "uitleg_vragen", 0.97), bot("s1", "Een enquete is ..."),
         listen("s1"))
    turn(broker, user("s1", "nee, dat bedoel ik niet", "ontkennen", 0.9), bot("s1", "Wat bedoelt u?"),
         listen("s1"))
    items = {i["tekst"]: i for g in inbox.grouped(session) for i in g.items}
    assert set(items) == {"qwerty zxcv mail me op [e-mail]", "welke werkvorm voor de wijk", "hoe laat is het",
                          "wat is een enquete"}
    fell_back = items["qwerty zxcv mail me op [e-mail]"]
    assert (fell_back["reden"], fell_back["intentie"], fell_back["zekerheid"]) == ("fallback", "advies_vragen", 0.31)
    assert fell_back["antwoord"] == "Bedoelt u: advies?" and fell_back["datum"] == date.today().isoformat()
    assert items["welke werkvorm voor de wijk"]["reden"] == "onzeker"
    assert items["hoe laat is het"]["reden"] == "buiten_bereik"
    assert items["wat is een enquete"]["reden"] == "correctie"
    assert "s1" not in str(items)                                   # nothing links an item to its session


def test_counts_conversations_once_and_never_typed_text(db_url, session):
    broker = BeheerBroker(database_url=db_url)
    for n in range(6):
        sender = f"gesprek-{n}"
        turn(broker, user(sender, "advies graag", "advies_vragen", 0.99), listen(sender))
        turn(broker, user(sender, "voor ouderen", "situatie_geven", 0.99), slot(sender, "doelgroep", ["ouderen"]),
             slot(sender, "thema", "openbare_ruimte"), slot(sender, "thema", "mijn eigen woorden"), listen(sender))
        turn(broker, slot(sender, "laatste_advies", {"niveau": "adviseren", "combinaties": [
            {"methode": "straatgesprek", "tool": "buurtapp"}, {"methode": "geen_bestaande_methode"}]}))
    session.expire_all()
    rows = {(r.soort, r.waarde): (r.gesprekken, r.berichten) for r in session.execute(select(CountRow)).scalars()}
    assert rows[("gesprek", inzicht.ALL)] == (6, 12)
    assert rows[("intentie", "advies_vragen")] == (6, 6)
    assert rows[("thema", "openbare_ruimte")][0] == 6
    assert rows[("doelgroep", "ouderen")][0] == 6 and rows[("niveau", "adviseren")][0] == 6
    assert rows[("methode", "straatgesprek")][0] == 6
    assert ("thema", "mijn eigen woorden") not in rows and ("methode", "geen_bestaande_methode") not in rows


@pytest.mark.parametrize("background", [False, True])
def test_a_broken_database_does_not_break_the_conversation(tmp_path, db_url, session, caplog, background):
    """Rasa's turn goes on, the log names the error type only, and the broker works again once the database does."""
    broker = BeheerBroker(database_url=f"sqlite:///{tmp_path / 'zonder-tabellen.db'}", background=background)
    with caplog.at_level(logging.ERROR, logger="broker.beheer"):
        turn(broker, user("s", "qwerty geheim", "nlu_fallback", 0.6), bot("s", "Bedoelt u ...?"), listen("s"))
        assert broker.flush()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and all("event not processed" in e for e in errors)
    assert not any("qwerty" in e or "geheim" in e for e in errors)       # never the typed text
    broker.database_url = db_url                                          # the database is back
    turn(broker, user("s", "asdf ghjk", "nlu_fallback", 0.6), bot("s", "Bedoelt u ...?"), listen("s"))
    assert broker.flush()                   # in the background: the writer thread survived the errors
    session.expire_all()
    assert [i["tekst"] for g in inbox.grouped(session) for i in g.items] == ["asdf ghjk"]


def test_in_the_background_publish_does_not_wait_for_the_database(db_url, session):
    """As Rasa runs it (achtergrond: true): the turn goes on while the writer thread works."""
    import threading

    broker = BeheerBroker(database_url=db_url, background=True)
    release = threading.Event()
    handle = broker.handle
    broker.handle = lambda event: (release.wait(10), handle(event))
    turn(broker, user("s", "qwerty zxcv", "nlu_fallback", 0.6), bot("s", "Bedoelt u ...?"), listen("s"))
    assert not broker.flush(timeout=0.05)                   # all three still wait on the writer ...
    assert inbox.grouped(session) == []                     # ... and nothing is written yet
    release.set()
    assert broker.flush()
    session.expire_all()
    assert [i["tekst"] for g in inbox.grouped(session) for i in g.items] == ["qwerty zxcv"]
    assert [i["antwoord"] for g in inbox.grouped(session) for i in g.items] == ["Bedoelt u ...?"]
