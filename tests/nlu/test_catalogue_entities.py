"""The last entity step: catalogue names found whole, values as catalogue ids, junk dropped.

Unit tests on the component as a running bot loads it, and one real `rasa train nlu` on a copy of
the catalogue with a new method in it: the new name is recognised without a single example.
"""
import asyncio
from pathlib import Path

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from besliswijzer.reference.datafiles import DATA_DIR
from nlu_components.catalogue_entities import CatalogueEntities


def _run(coroutine):
    """Await in a thread of its own: other tests in the same run may leave an event loop running here."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def component(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("catalogue_entities")
    context = ExecutionContext(GraphSchema({}), "test")
    CatalogueEntities.create({}, storage, resource, context).train(TrainingData())
    # what a running bot uses: the component loaded back from the model storage
    return CatalogueEntities.load({}, storage, resource, context)


def diet(text, *found):
    """Entities as DIET hands them on: (entity, words as typed)."""
    out = []
    for entity, words in found:
        start = text.index(words)
        out.append({"entity": entity, "start": start, "end": start + len(words), "value": words,
                    "extractor": "DIETClassifier"})
    return out


def parse(component, text, *found, intent="advies_vragen"):
    message = Message.build(text=text)
    message.set("intent", {"name": intent, "confidence": 0.9})
    message.set("entities", diet(text, *found))
    component.process([message])
    return [(e["entity"], e["value"], text[e["start"]:e["end"]]) for e in message.get("entities")]


def test_a_multi_word_name_beats_the_pieces_diet_made_of_it(component):
    text = "we willen een open space organiseren"
    assert parse(component, text, ("tool", "open"), ("methode", "space")) == \
        [("methode", "open_space", "open space")]


def test_values_become_catalogue_ids(component):
    text = "voor senioren en statushouders in de buurt"
    assert parse(component, text, ("doelgroep", "senioren"), ("doelgroep", "statushouders"), ("schaal", "buurt")) == \
        [("doelgroep", "ouderen", "senioren"), ("doelgroep", "nieuwkomers", "statushouders"), ("schaal", "buurt", "buurt")]


def test_values_that_name_nothing_are_dropped(component):
    text = "kun je me aan een methode helpen voor het stadhuis"
    assert parse(component, text, ("methode", "aan"), ("schaal", "stadhuis")) == []


def test_typos_are_forgiven_in_what_diet_found(component):
    text = "iets voor oudren"
    assert parse(component, text, ("doelgroep", "oudren")) == [("doelgroep", "ouderen", "oudren")]


def test_a_method_named_without_diet_is_added(component):
    text = "hoe organiseer je een burgerberaad"
    assert parse(component, text) == [("methode", "burgerberaad", "burgerberaad")]


def test_inflected_names_are_found_by_plural_and_lemma(component):
    text = "we hielden al twee burgerberaden en wat enquêtes"
    assert [e[1] for e in parse(component, text)] == ["burgerberaad", "enquete"]


def test_the_article_is_not_part_of_the_name(component):
    # the catalogue knows "de buurt" as a name of buurt; the span stays what DIET (and people) mark
    text = "het gaat om de buurt"
    assert parse(component, text, ("schaal", "buurt")) == [("schaal", "buurt", "buurt")]


def test_talk_about_the_bot_itself_names_no_tool(component):
    assert parse(component, "wat kan deze chatbot", intent="wat_kun_je") == []
    assert parse(component, "kan een chatbot helpen bij participatie") == [("tool", "chatbot", "chatbot")]


def test_entities_outside_the_catalogue_pass_unchanged(component):
    text = "in Hengelo met 10k"
    assert parse(component, text, ("gemeente", "Hengelo"), ("bedrag", "10k")) == \
        [("gemeente", "Hengelo", "Hengelo"), ("bedrag", "10k", "10k")]


def test_amounts_and_durations_the_actions_cannot_read_are_dropped(component):
    text = "leg de ladder eens uit, we hebben een maand of twee en tien mille"
    assert parse(component, text, ("duur", "eens"), ("duur", "een maand of twee"), ("bedrag", "tien mille"),
                 ("bedrag", "ladder")) == \
        [("duur", "een maand of twee", "een maand of twee"), ("bedrag", "tien mille", "tien mille")]


def test_the_pipeline_answer_names_its_last_step(component):
    message = Message.build(text="ouderen")
    message.set("entities", diet("ouderen", ("doelgroep", "ouderen")))
    component.process([message])
    (entity,) = message.get("entities")
    assert entity["extractor"] == "CatalogueEntities"
    assert entity["processors"] == ["DIETClassifier", "CatalogueEntities"]


# --- a new catalogue entry, recognised after training without examples ---------------------------

NEW_METHOD = {"id": "stiltewandeling", "naam": "Stille wandeling met de wethouder",
              "synoniemen": ["stiltewandeling", "wandeling in stilte"]}


@pytest.fixture(scope="module")
def catalogue_with_new_method(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("catalogus")
    for path in DATA_DIR.iterdir():
        if path.is_file():
            (copy / path.name).write_bytes(path.read_bytes())
    methods = yaml.safe_load((copy / "methodes.yml").read_text(encoding="utf-8"))
    template = next(m for m in methods["methodes"] if m["id"] == "open_space")
    methods["methodes"].append({**template, **NEW_METHOD})
    (copy / "methodes.yml").write_text(yaml.safe_dump(methods, allow_unicode=True), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory, catalogue_with_new_method) -> str:
    from rasa.model_training import train_nlu

    work = tmp_path_factory.mktemp("training")
    config = {"language": "nl", "recipe": "default.v1", "assistant_id": "test",
              "pipeline": [{"name": "WhitespaceTokenizer"},
                           {"name": "nlu_components.catalogue_entities.CatalogueEntities",
                            "catalogue_dir": str(catalogue_with_new_method)}],
              "policies": []}
    (work / "config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    # No example mentions the new method: only the catalogue knows it.
    nlu = {"version": "3.1", "nlu": [
        {"intent": "advies_vragen", "examples": "- welke methode past hier\n- geef me een advies\n"},
        {"intent": "begroeten", "examples": "- hallo\n- goedemorgen\n"}]}
    (work / "nlu.yml").write_text(yaml.safe_dump(nlu, allow_unicode=True), encoding="utf-8")
    return train_nlu(str(work / "config.yml"), str(work / "nlu.yml"), str(work / "models"))


def test_a_new_method_in_the_catalogue_is_recognised_after_training(trained_model):
    from rasa.core.agent import Agent

    agent = Agent.load(trained_model)
    for text, words in [("we doen een stille wandeling met de wethouder door de wijk", "stille wandeling met de wethouder"),
                        ("zijn stiltewandelingen iets voor ons", "stiltewandelingen")]:
        parsed = _run(agent.parse_message(text))
        assert [(e["entity"], e["value"], text[e["start"]:e["end"]]) for e in parsed["entities"]] == \
            [("methode", "stiltewandeling", words)], text


def test_a_longer_name_does_not_swallow_an_entity_of_another_type(component):
    # "ouderen in de wijk" is a name of the group ouderen; the scale "wijk" in it still counts
    text = "advies voor ouderen in de wijk"
    assert parse(component, text, ("doelgroep", "ouderen"), ("schaal", "wijk")) == \
        [("doelgroep", "ouderen", "ouderen"), ("schaal", "wijk", "wijk")]


def test_a_longer_name_with_the_same_meaning_keeps_the_span_people_mark(component):
    text = "de hele gemeente"
    assert parse(component, text, ("schaal", "gemeente")) == [("schaal", "gemeente", "gemeente")]
    text = "voor mensen met een beperking"
    assert parse(component, text, ("doelgroep", "mensen")) == \
        [("doelgroep", "mensen_met_beperking", "mensen met een beperking")]


@pytest.mark.parametrize("intent,text,found", [
    ("bedanken", "super bedankt voor het meedenken", ("niveau", "meedenken")),
    ("buiten_bereik", "ik wil een klacht indienen over mijn buren", ("doelgroep", "buren")),
])
def test_small_talk_and_other_subjects_carry_no_situation(component, intent, text, found):
    assert parse(component, text, found, intent=intent) == []
    assert parse(component, text, found, intent="advies_vragen")      # the same words in a request do count
