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


def test_answers_turned_down_reach_the_inbox_as_feedback(db_url, session):
    """Confident misroutes: the same question again in other words, 'dat bedoel ik niet', the feedback sentence."""
    broker = BeheerBroker(threshold=0.7, database_url=db_url)
    turn(broker, user("a", "wat is inspraak eigenlijk?", "uitleg_vragen", 0.95),
         bot("a", "Een serious game is een spel."), listen("a"))
    turn(broker, user("a", "ik bedoel inspraak, wat betekent dat woord?", "uitleg_vragen", 0.93),
         bot("a", "Inspraak is ..."), listen("a"))
    turn(broker, user("b", "de raad neemt het advies van het burgerberaad niet over", "advies_vragen", 0.96),
         bot("b", "Ik stel u een paar vragen. Waar gaat het over?"), listen("b"))
    turn(broker, user("b", "Dit beantwoordt mijn vraag niet", "ontkennen", 0.8), bot("b", "Dank u."), listen("b"))
    turn(broker, user("c", "welke tool voor een peiling", "uitleg_vragen", 0.97), bot("c", "Een peiling is ..."),
         listen("c"))
    turn(broker, user("c", "nee, dat bedoel ik niet", "ontkennen", 0.9), bot("c", "Wat bedoelt u?"), listen("c"))
    items = {i["tekst"]: i for g in inbox.grouped(session) for i in g.items}
    assert {t: (i["reden"], i["soort"]) for t, i in items.items()} == {
        "wat is inspraak eigenlijk?": ("herformulering", "feedback"),
        "de raad neemt het advies van het burgerberaad niet over": ("feedback", "feedback"),
        "welke tool voor een peiling": ("correctie", "feedback")}
    assert items["wat is inspraak eigenlijk?"]["antwoord"] == "Een serious game is een spel."


def test_answering_the_bots_question_or_a_new_question_is_no_rephrasing(db_url, session):
    broker = BeheerBroker(threshold=0.7, database_url=db_url)
    turn(broker, user("d", "advies voor ouderen in het park", "advies_vragen", 0.97),
         bot("d", "Wat wilt u bereiken met ouderen?"), listen("d"))
    turn(broker, user("d", "ouderen laten meedenken over het park", "advies_vragen", 0.9), bot("d", "Goed."),
         listen("d"))                                       # the bot asked: this answers it
    turn(broker, user("e", "wat is een burgerberaad", "uitleg_vragen", 0.97), bot("e", "Een burgerberaad is ..."),
         listen("e"))
    turn(broker, user("e", "en wat kost een enquete", "uitleg_vragen", 0.97), bot("e", "Een enquete kost ..."),
         listen("e"))                                       # another question, not the same one again
    turn(broker, user("f", "wat is een burgerberaad", "uitleg_vragen", 0.97), bot("f", "Een burgerberaad is ..."),
         listen("f"))
    later = user("f", "wat is een burgerberaad precies", "uitleg_vragen", 0.97)
    later["timestamp"] = NOW + 3600                         # an hour later: a new start, no verdict
    turn(broker, later, bot("f", "Een burgerberaad is ..."), listen("f"))
    assert inbox.grouped(session) == []


def test_an_open_question_without_a_sure_answer_reaches_the_inbox(db_url, session):
    """The actions set the slot `onbeantwoord` when the knowledge base had no sure answer."""
    broker = BeheerBroker(threshold=0.7, database_url=db_url)
    turn(broker, user("s3", "hoe zit het met de subsidie voor de dakgoot", "uitleg_vragen", 0.95),
         slot("s3", "onbeantwoord", True), bot("s3", "Op die vraag heb ik geen antwoord waar ik zeker van ben."),
         listen("s3"))
    turn(broker, user("s3", "hoe koppel ik terug", "uitleg_vragen", 0.95), bot("s3", "Terugkoppelen ..."),
         listen("s3"))
    items = {i["tekst"]: i for g in inbox.grouped(session) for i in g.items}
    assert set(items) == {"hoe zit het met de subsidie voor de dakgoot"}
    assert items["hoe zit het met de subsidie voor de dakgoot"]["reden"] == "onbeantwoord"
    assert inbox.kind_of("onbeantwoord", "hoe zit het met de subsidie voor de dakgoot") == "niet_begrepen"
