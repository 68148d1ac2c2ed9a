"""A message of only situation facts and filler words is situatie_geven; everything else is DIET's."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.situation_answer import SituationAnswer


def entity(text, word, kind):
    start = text.index(word)
    return {"entity": kind, "start": start, "end": start + len(word), "value": word}


def parsed(text, entities, intent="nlu_fallback", confidence=0.55):
    ranking = [{"name": intent, "confidence": confidence}, {"name": "situatie_geven", "confidence": 0.4},
               {"name": "uitleg_vragen", "confidence": 0.05}]
    return Message(data={"text": text, "entities": entities, "intent": dict(ranking[0]), "intent_ranking": ranking})


@pytest.mark.parametrize("text,words", [
    ("het dorp", [("dorp", "schaal")]),
    ("beleidsvorming", [("beleidsvorming", "beleidsfase")]),
    ("doe dan maar coproduceren", [("coproduceren", "niveau")]),
    ("ongeveer € 8.000,-", [("8.000,-", "bedrag")]),
    ("vooral jongeren en ouderen in de wijk", [("jongeren", "doelgroep"), ("ouderen", "doelgroep"), ("wijk", "schaal")]),
    ("zo’n drie maanden", [("drie maanden", "duur")]),
])
def test_only_facts_and_filler_is_a_situation_answer(text, words):
    message = parsed(text, [entity(text, w, k) for w, k in words])
    SituationAnswer({}).process([message])
    assert message.get("intent") == {"name": "situatie_geven", "confidence": 1.0}
    ranking = message.get("intent_ranking")
    assert ranking[0]["name"] == "situatie_geven" and [r["name"] for r in ranking].count("situatie_geven") == 1
    # The other readings stay, at half their confidence: no near tie for the fallback.
    assert {r["name"]: r["confidence"] for r in ranking[1:]} == {"nlu_fallback": 0.275, "uitleg_vragen": 0.025}


@pytest.mark.parametrize("text,words", [
    ("beleidsvorming?", [("beleidsvorming", "beleidsfase")]),                   # a question about it
    ("wat is beleidsvorming", [("beleidsvorming", "beleidsfase")]),
    ("nee, niet de wijk", [("wijk", "schaal")]),                                 # a correction: DIET's call
    ("een burgerpanel in de wijk", [("burgerpanel", "methode"), ("wijk", "schaal")]),  # a method named
    ("het is lastig", []),                                                       # no facts at all
    ("we willen jongeren betrekken", [("jongeren", "doelgroep")]),
])
def test_anything_else_is_left_to_diet(text, words):
    message = parsed(text, [entity(text, w, k) for w, k in words], intent="advies_vragen", confidence=0.7)
    SituationAnswer({}).process([message])
    assert message.get("intent") == {"name": "advies_vragen", "confidence": 0.7}
