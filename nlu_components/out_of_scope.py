"""A question about a municipal service that is not participation is out of scope.

"Welke uitkering valt onder de Participatiewet?", "wanneer wordt het grofvuil opgehaald?": DIET sees
participation words in the first and reads an open question. This step reads the words of
besliswijzer/data/buiten_bereik.yml (uitkering, bijstand, afval, paspoort, verkiezingen, ...) and, when
the message names one and DIET chose an intent that would explain something (`overrule`), makes the
intent buiten_bereik with confidence 1.0; the others stay in the ranking at half their confidence.
An advice request or a situation answer that names such a word ("lage inkomens in de bijstand")
stays what DIET said; a question DIET read as a situation ("Wanneer gaan de stembureaus open?",
`overrule_questions`) does not. The other way round, a question DIET read as out of scope that names taking part
itself ("Mag ik meepraten over het afval in onze wijk?") becomes an open question. The words are read when the server starts, so a maintainer adds one without
retraining.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY,
                                       TEXT)
from rasa.shared.nlu.training_data.message import Message

from besliswijzer.reference.retrieval import about_participation, out_of_scope
from besliswijzer.text.sentences import is_question


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OutOfScopeWords(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"intent": "buiten_bereik", "question": "uitleg_vragen",
                "overrule": ["uitleg_vragen", "wat_kun_je", "casus_zoeken", "casus_doorvragen", "waarom_vragen",
                             "methodes_vergelijken", "bot_vraag", "meer_opties"],
                "overrule_questions": ["situatie_geven"]}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = {**self.get_default_config(), **config}
        self.intent = self._config["intent"]
        self.question = self._config["question"]     # what an out-of-scope guess about taking part becomes
        self.overrule = set(self._config["overrule"])
        self.overrule_questions = set(self._config["overrule_questions"])

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "OutOfScopeWords":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            text = message.get(TEXT) or ""
            if intent == self.intent and not text.startswith("/") and about_participation(text):
                self._make(message, self.question)       # "Mag ik meepraten over het afval in onze wijk?"
                continue
            overruled = intent in self.overrule or (intent in self.overrule_questions and is_question(text))
            if not overruled or text.startswith("/") or not out_of_scope(text):
                continue
            self._make(message, self.intent)
        return messages

    @staticmethod
    def _make(message: Message, intent: Text) -> None:
        """`intent` on top with confidence 1.0; the others stay in the ranking at half their confidence."""
        ranking = [dict(item) for item in message.get(INTENT_RANKING_KEY) or []
                   if item.get(INTENT_NAME_KEY) != intent]
        for item in ranking:
            item[PREDICTED_CONFIDENCE_KEY] = item.get(PREDICTED_CONFIDENCE_KEY, 0.0) / 2
        top = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [dict(top)] + ranking, add_to_output=True)
