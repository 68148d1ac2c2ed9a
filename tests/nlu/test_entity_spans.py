"""Tidying entity spans: small words off the edges, parts of one known term joined."""
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.entity_spans import EntitySpanCleaner, trim


def entity(text, words, kind):
    start = text.index(words)
    return {"entity": kind, "start": start, "end": start + len(words), "value": words, "extractor": "DIETClassifier"}


@pytest.mark.parametrize("text, span, expected", [
    ("jongeren en nieuwkomers", "jongeren en", "jongeren"),
    ("voor de wijk", "de wijk", "wijk"),
    ("budget: 15k, ", "15k, ", "15k"),
    ("een half jaar", "een half jaar", "een half jaar"),
    ("budget 20.000 euro", "budget 20.000 euro", "20.000 euro"),
    ("er is geen budget", "geen budget", "geen budget"),
    ("mensen met een beperking", "mensen met een beperking", "mensen met een beperking"),
])
def test_trim_takes_small_words_and_punctuation_off_the_edges(text, span, expected):
    start = text.index(span)
    bounds = trim(text, start, start + len(span))
    assert text[bounds[0]:bounds[1]] == expected


def test_a_lone_small_word_is_no_entity():
    assert trim("oldambt en zon", 8, 10) is None


def test_the_name_of_a_question_is_no_value():
    assert trim("budget 20.000 euro", 0, 6) is None


@pytest.fixture
def cleaner(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("entity_span_cleaner")
    context = ExecutionContext(GraphSchema({}), "test")
    component = EntitySpanCleaner.create({}, storage, resource, context)
    example = Message.build(text="iets met cultuur en sport", intent="situatie_geven",
                            entities=[{"entity": "thema", "start": 9, "end": 25, "value": "cultuur_sport"}])
    component.train(TrainingData([example], lookup_tables=[{"name": "doelgroep",
                                                             "elements": ["mensen met een beperking"]}]))
    return EntitySpanCleaner.load({}, storage, resource, context)


def test_trained_terms_survive_loading(cleaner):
    assert "cultuur en sport" in cleaner.terms["thema"]
    assert "mensen met een beperking" in cleaner.terms["doelgroep"]


def test_two_parts_of_one_known_term_become_one_entity(cleaner):
    text = "het gaat over cultuur en sport"
    found = cleaner.clean(text, [entity(text, "cultuur en", "thema"), entity(text, "sport", "thema")])
    assert [(e["value"], e["start"], e["end"]) for e in found] == [("cultuur en sport", 14, 30)]
    assert found[0]["extractor"] == "DIETClassifier"


def test_two_groups_stay_two_entities(cleaner):
    text = "advies voor jongeren en nieuwkomers"
    found = cleaner.clean(text, [entity(text, "jongeren en", "doelgroep"), entity(text, "nieuwkomers", "doelgroep")])
    assert [e["value"] for e in found] == ["jongeren", "nieuwkomers"]


def test_process_sets_the_cleaned_entities_on_the_message(cleaner):
    message = Message.build(text="jongeren en ouderen")
    message.set("entities", [entity("jongeren en ouderen", "jongeren en", "doelgroep")])
    [message] = cleaner.process([message])
    assert [e["value"] for e in message.get("entities")] == ["jongeren"]
