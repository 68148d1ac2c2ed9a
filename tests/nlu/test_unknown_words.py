"""The guard that sends messages of mostly unknown words to the fallback."""
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.unknown_words import UnknownWordsGuard, unknown_share

VOCABULARY = {"ik", "wil", "advies", "voor", "ouderen", "in", "de", "wijk", "participatie"}


def test_known_words_and_numbers_are_not_unknown():
    assert unknown_share("Ik wil advies voor 40 ouderen in de wijk!", VOCABULARY, 80) == 0.0


def test_typos_of_known_words_count_as_known():
    assert unknown_share("ik wil advise voor oudren", VOCABULARY, 80) == 0.0


def test_gibberish_is_mostly_unknown():
    assert unknown_share("asdf qwerty participatie dinges", VOCABULARY, 80) == 0.75


def test_html_tags_and_single_letters_do_not_count():
    assert unknown_share("<b>advies</b> voor ouderen, z.s.m.", VOCABULARY, 80) == 0.0


def test_empty_text_has_nothing_unknown():
    assert unknown_share("?!", VOCABULARY, 80) == 0.0


@pytest.fixture
def guard(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("unknown_words_guard")
    context = ExecutionContext(GraphSchema({}), "test")
    component = UnknownWordsGuard.create({}, storage, resource, context)
    data = TrainingData([Message.build(text=t, intent="advies_vragen") for t in
                         ("ik wil advies voor ouderen", "participatie in de wijk")],
                        lookup_tables=[{"name": "methode", "elements": ["burgerberaad", "world café"]}])
    component.train(data)
    # what a running bot uses: the component loaded back from the model storage
    return UnknownWordsGuard.load({}, storage, resource, context)


def parsed(text: str, confidence: float = 0.9) -> Message:
    message = Message.build(text=text)
    message.set("intent", {"name": "advies_vragen", "confidence": confidence})
    message.set("intent_ranking", [{"name": "advies_vragen", "confidence": confidence},
                                   {"name": "casus_zoeken", "confidence": 1 - confidence}])
    return message


def test_loaded_guard_knows_the_words_of_examples_and_lookup_tables(guard):
    assert {"ouderen", "participatie", "burgerberaad", "café"} <= guard.vocabulary


def test_gibberish_loses_its_confidence(guard):
    [message] = guard.process([parsed("asdf qwerty participatie dinges")])
    assert message.get("intent")["confidence"] == pytest.approx(0.9 * 0.25)
    assert [r["confidence"] for r in message.get("intent_ranking")] == pytest.approx([0.225, 0.025])


def test_a_normal_message_keeps_its_confidence(guard):
    [message] = guard.process([parsed("ik wil advies voor een burgerberaad in de wijk")])
    assert message.get("intent")["confidence"] == 0.9


def test_one_odd_word_in_a_short_message_is_left_alone(guard):
    [message] = guard.process([parsed("hartstikke participatie")])
    assert message.get("intent")["confidence"] == 0.9


def test_a_single_unknown_word_on_its_own_is_doubted(guard):
    [message] = guard.process([parsed("qwerty")])
    assert message.get("intent")["confidence"] == 0.0


def test_two_unknown_words_in_six_lower_the_confidence_by_a_third(guard):
    [message] = guard.process([parsed("ik wil dinges voor ouderen enzo")])
    assert message.get("intent")["confidence"] == pytest.approx(0.9 * 4 / 6)
