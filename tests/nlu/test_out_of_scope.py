"""A question about a municipal service that is not participation is buiten_bereik (OutOfScopeWords)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.out_of_scope import OutOfScopeWords


def parsed(text, intent="uitleg_vragen", confidence=0.7):
    ranking = [{"name": intent, "confidence": confidence}, {"name": "buiten_bereik", "confidence": 0.2}]
    return Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})


@pytest.mark.parametrize("text", ["Welke uitkeringen vallen onder de Participatiewet?",
                                  "hoe werkt de bijstand eigenlijk", "wanneer komt de container", "Wat kost een paspoort?"])
def test_a_service_question_becomes_out_of_scope(text):
    message = parsed(text)
    OutOfScopeWords({}).process([message])
    assert message.get("intent") == {"name": "buiten_bereik", "confidence": 1.0}
    assert message.get("intent_ranking")[1] == {"name": "uitleg_vragen", "confidence": 0.35}


@pytest.mark.parametrize("text,intent", [
    ("hoe betrek ik inwoners bij het nieuwe armoedebeleid", "uitleg_vragen"),      # no service word
    ("we willen mensen in de bijstand laten meepraten over armoede", "advies_vragen"),   # advice stays advice
    ("lage inkomens in de bijstand", "situatie_geven"),                           # an answer in the form
    ("/uitleg_vragen", "uitleg_vragen"),
])
def test_everything_else_stays_as_diet_said(text, intent):
    message = parsed(text, intent)
    OutOfScopeWords({}).process([message])
    assert message.get("intent")["name"] == intent


@pytest.mark.parametrize("text", ["Mag ik meepraten over het afval in onze wijk?",
                                  "Moet ik participatie doen voor mijn kapvergunning?",
                                  "hoe betrekken we mensen in de bijstand bij het armoedebeleid"])
def test_a_question_about_taking_part_is_no_service_question(text):
    """A service word does not make a question about participation out of scope, whichever way DIET read it."""
    for intent in ("uitleg_vragen", "buiten_bereik"):
        message = parsed(text, intent)
        OutOfScopeWords({}).process([message])
        assert message.get("intent")["name"] == "uitleg_vragen"


def test_participatiewet_is_not_a_participation_word():
    message = parsed("Wat regelt de Participatiewet voor mensen in de bijstand?", "buiten_bereik", 0.9)
    OutOfScopeWords({}).process([message])
    assert message.get("intent")["name"] == "buiten_bereik"


def test_a_service_question_read_as_a_situation_is_out_of_scope():
    """"Wanneer gaan de stembureaus open bij de verkiezingen?" is no answer in the form but a question about
    another service."""
    message = parsed("Wanneer gaan de stembureaus open bij de verkiezingen?", "situatie_geven", 0.98)
    OutOfScopeWords({}).process([message])
    assert message.get("intent")["name"] == "buiten_bereik"
