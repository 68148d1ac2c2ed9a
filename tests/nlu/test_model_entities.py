"""The trained model in models/ (what `make run` serves) hands the actions catalogue ids.

Sentences from the issue that were misread before: catalogue names in pieces, themes and phases
people name in their own words, and junk values.
"""
import asyncio
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(coroutine):
    """Await in a thread of its own: other tests in the same run may leave an event loop running here."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def agent():
    from rasa.core.agent import Agent
    from rasa.model import get_latest_model

    model = get_latest_model(str(ROOT / "models"))
    if model is None:
        pytest.fail("Geen getraind model in models/: draai eerst make train")
    return Agent.load(model)


def entities(agent, text):
    parsed = _run(agent.parse_message(text))
    return {(e["entity"], e["value"]) for e in parsed["entities"]}


@pytest.mark.parametrize("text,expected", [
    ("we willen een open space organiseren met de buurt", {("methode", "open_space")}),
    ("hoe pakken we de warmtetransitie aan met bewoners", {("thema", "energietransitie")}),
    ("we zitten in de planvorming", {("beleidsfase", "beleidsvorming")}),
    ("het gaat om het mobiliteitsplan", {("thema", "mobiliteit")}),
])
def test_values_are_catalogue_ids(agent, text, expected):
    assert expected <= entities(agent, text)


def test_open_space_is_one_method_not_a_tool_and_a_method(agent):
    assert {e for e in entities(agent, "we willen een open space organiseren") if e[0] in ("methode", "tool")} == \
        {("methode", "open_space")}


def test_every_catalogue_value_is_an_id(agent):
    from besliswijzer.reference.catalogue import load_catalogue

    catalogue = load_catalogue()
    for text in ("kun je me aan een methode helpen voor het stadhuis",
                 "welke aanpak voor jonge gezinnen en senioren in de wijk",
                 "we willen met bewoners samen ontwerpen aan het park"):
        for entity, value in entities(agent, text):
            if entity in ("doelgroep", "schaal", "thema", "beleidsfase", "niveau", "methode", "tool"):
                assert value in catalogue.ids(entity), (text, entity, value)


@pytest.mark.parametrize("text", ["ons dorp", "planvorming", "rond de 12k denk ik", "doe dan toch maar raadplegen",
                                  "vooral de ondernemers", "zo'n tien weken"])
def test_short_answers_about_the_situation_never_fall_back(agent, text):
    """Answers in the advice form: only facts and filler words, read as situatie_geven with
    certainty (nlu_components/situation_answer.py), whatever DIET guessed this training."""
    parsed = _run(agent.parse_message(text))
    assert parsed["entities"], f"geen feit gevonden in {text!r}"
    assert (parsed["intent"]["name"], parsed["intent"]["confidence"]) == ("situatie_geven", 1.0)
