"""Lower the intent confidence of messages made up mostly of words the bot never saw.

DIET is sure of itself even on gibberish: "asdf qwerty participatie dinges" was read as a
request with 0.8 confidence, because the one known word decided everything. This component
remembers every word of the training data (examples, lookup tables, synonyms). When at least
`max_unknown_share` of a message's words are unknown, even allowing for typos, and that is at
least `min_unknown_words` words (or the whole message), it scales the intent confidences by the
share of known words, so the FallbackClassifier after it asks the user what they meant instead
of guessing. One odd word in a short message ("hartstikke bedankt") is left alone.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterable, List, Optional, Set, Text, Tuple

from rapidfuzz import fuzz, process
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
VOCABULARY_FILE = "vocabulary.json"


TAG = re.compile(r"<[^<>]{0,100}>")


def words(text: str) -> List[str]:
    """Lower-cased words of two letters or more; numbers, punctuation and HTML-like tags
    ("<b>hoi</b>") are never unknown, so they do not count."""
    return [w for w in WORD.findall(TAG.sub(" ", text.lower())) if len(w) > 1]


def unknown_words(text: str, vocabulary: Set[str], typo_score: float,
                  choices: Optional[List[str]] = None) -> Tuple[int, int]:
    """(unknown, total) words of a text."""
    found = words(text)
    choices = choices if choices is not None else sorted(vocabulary)
    unknown = 0
    for word in found:
        if word in vocabulary:
            continue
        if len(word) >= 4 and process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=typo_score):
            continue  # a typo of a known word
        unknown += 1
    return unknown, len(found)


def unknown_share(text: str, vocabulary: Set[str], typo_score: float, choices: Optional[List[str]] = None) -> float:
    unknown, total = unknown_words(text, vocabulary, typo_score, choices)
    return unknown / total if total else 0.0


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_unknown_share": 0.3, "min_unknown_words": 2, "typo_score": 80}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Iterable[str]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary: Set[str] = set(vocabulary or ())
        self._choices = sorted(self.vocabulary)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UnknownWordsGuard":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "UnknownWordsGuard":
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (ValueError, OSError):
            vocabulary = []  # no vocabulary stored: the guard lets everything through
        return cls(config, model_storage, resource, vocabulary)

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary: Set[str] = set()
        for example in training_data.training_examples:
            vocabulary.update(words(example.get(TEXT) or ""))
        for table in training_data.lookup_tables:
            for element in table.get("elements", []):
                vocabulary.update(words(str(element)))
        for synonym, value in training_data.entity_synonyms.items():
            vocabulary.update(words(synonym) + words(str(value)))
        self.vocabulary, self._choices = vocabulary, sorted(vocabulary)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(vocabulary), ensure_ascii=False),
                                                     encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if not self.vocabulary:
            return messages
        for message in messages:
            intent = message.get(INTENT)
            if not intent or not message.get(TEXT):
                continue
            unknown, total = unknown_words(message.get(TEXT), self.vocabulary, self._config["typo_score"],
                                           self._choices)
            if not total or unknown / total < self._config["max_unknown_share"]:
                continue
            if unknown < min(self._config["min_unknown_words"], total):
                continue
            factor = 1.0 - unknown / total
            intent[PREDICTED_CONFIDENCE_KEY] = intent.get(PREDICTED_CONFIDENCE_KEY, 0.0) * factor
            for ranked in message.get(INTENT_RANKING_KEY) or []:
                ranked[PREDICTED_CONFIDENCE_KEY] = ranked.get(PREDICTED_CONFIDENCE_KEY, 0.0) * factor
            message.set(INTENT, intent, add_to_output=True)
        return messages
