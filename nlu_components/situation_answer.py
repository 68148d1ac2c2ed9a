"""A message that only names facts of the situation is an answer about the situation.

In the advice form people answer with a word or two: "het dorp", "beleidsvorming", "doe dan maar
coproduceren", "ongeveer 8.000 euro". The entity steps before this one read such answers reliably
(the catalogue names them), but DIET's intent for so short a message moves with every retraining:
the same "het dorp" was situatie_geven at 0.99 in one model and fell below the fallback threshold
in the next, and the form then asked "Bedoelt u ...?" instead of going on.

This step decides those messages itself: when every word is part of a situation entity
(`entities`) or a filler word (`filler_words`: articles, "ongeveer", "doe dan maar", ...), there
is at least one such entity and no question mark, the intent is situatie_geven with confidence
1.0. The other intents stay in the ranking at half their confidence, so the fallback after it
does not see a near tie. Anything else ("wat is beleidsvorming?", "nee, niet de wijk", a method
name, a sentence with more words) is left to DIET.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (ENTITIES, ENTITY_ATTRIBUTE_END, ENTITY_ATTRIBUTE_START,
                                       ENTITY_ATTRIBUTE_TYPE, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY,
                                       PREDICTED_CONFIDENCE_KEY, TEXT)
from rasa.shared.nlu.training_data.message import Message

from besliswijzer.text.fold import tokenise


def is_situation_answer(text: str, entities: List[Dict[str, Any]], situation: set, filler: set) -> bool:
    """True when the text is only situation entities and filler words, with at least one entity."""
    if "?" in text:
        return False
    spans = []
    for entity in entities:
        if entity.get(ENTITY_ATTRIBUTE_TYPE) not in situation:
            return False                      # a method or tool: what is asked is DIET's call
        spans.append((entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END]))
    if not spans:
        return False
    # The catalogue's own words (lowercase, no accents); "zo’n" typed with a curly quote is "zo'n".
    for token in tokenise(text.replace("’", "'")):
        if any(start <= token.start and token.end <= end for start, end in spans):
            continue
        if not any(ch.isalnum() for ch in token.word):
            continue                          # "€" and other signs
        if token.word not in filler:
            return False
    return True


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SituationAnswer(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent": "situatie_geven",
            "entities": ["doelgroep", "schaal", "thema", "beleidsfase", "niveau", "bedrag", "duur", "gemeente"],
            "filler_words": [
                "de", "het", "een", "'t", "ons", "onze", "mijn", "die", "dat", "ene",
                "in", "op", "bij", "van", "voor", "om", "over", "en", "met", "rond", "tot",
                "dan", "maar", "gewoon", "eigenlijk", "vooral", "alleen", "toch", "wel", "nog", "zelf",
                "ongeveer", "zo'n", "zon", "circa", "ca", "iets", "ruim", "pakweg", "max", "maximaal",
                "hele", "heel", "echt", "denk", "ik", "we", "wij", "zitten", "zit", "is", "gaat", "doe",
                "graag", "name", "thema", "fase", "budget", "looptijd", "doelgroep", "schaal", "niveau",
            ],
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = {**self.get_default_config(), **config}
        self.intent = self._config["intent"]
        self.situation = set(self._config["entities"])
        self.filler = {word.lower() for word in self._config["filler_words"]}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SituationAnswer":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not message.get(INTENT) or not is_situation_answer(text, message.get(ENTITIES) or [],
                                                                  self.situation, self.filler):
                continue
            ranking = [dict(item) for item in message.get(INTENT_RANKING_KEY) or []
                       if item.get(INTENT_NAME_KEY) != self.intent]
            for item in ranking:
                item[PREDICTED_CONFIDENCE_KEY] = item.get(PREDICTED_CONFIDENCE_KEY, 0.0) / 2
            top = {INTENT_NAME_KEY: self.intent, PREDICTED_CONFIDENCE_KEY: 1.0}
            message.set(INTENT, top, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [dict(top)] + ranking, add_to_output=True)
        return messages
