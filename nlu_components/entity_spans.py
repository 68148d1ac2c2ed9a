"""Tidy the spans of entities the NLU found, before synonyms are mapped.

Around "en" the entity tagger wavers: "jongeren en nieuwkomers" came out as "jongeren en" plus
"nieuwkomers", and "cultuur en sport" (one theme) as "cultuur en" plus "sport". This component
trims small words from the edges of a span, and joins two spans of the same entity when the
words together are a known term of that entity (from the synonyms and lookup tables), so each
thing the user named is one entity with a clean value.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (ENTITIES, ENTITY_ATTRIBUTE_END, ENTITY_ATTRIBUTE_START,
                                       ENTITY_ATTRIBUTE_TYPE, ENTITY_ATTRIBUTE_VALUE, TEXT)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

TERMS_FILE = "terms.json"
# Words that never start or end a named thing in this domain.
EDGE_WORDS = {"en", "of", "de", "het", "met", "voor", "in", "van", "ook", "plus"}  # not "een": "een half jaar"
# The names of the questions: "budget 20.000 euro", "thema wonen". Never a value on their own,
# and not at the start of one; at the end they may be ("geen budget" means 0 euro).
LABEL_WORDS = {"budget", "thema", "fase", "schaal", "doelgroep", "doelgroepen", "niveau", "doorlooptijd"}
JOINERS = {"en", "of", "&", "/", "-", ","}


def trim(text: str, start: int, end: int) -> Optional[tuple]:
    """(start, end) without small words or punctuation at the edges; None when nothing is left."""
    while start < end:
        span = text[start:end]
        stripped = span.strip(" ,.;:!?'\"()")
        if stripped != span:
            start += len(span) - len(span.lstrip(" ,.;:!?'\"()"))
            end = start + len(stripped)
            continue
        words = span.split()
        if len(words) > 1 and words[-1].lower() in EDGE_WORDS:
            end = start + span.rfind(words[-1])
            end = start + len(text[start:end].rstrip())
        elif len(words) > 1 and words[0].lower() in EDGE_WORDS | LABEL_WORDS:
            start += len(words[0])
            start += len(text[start:end]) - len(text[start:end].lstrip())
        elif len(words) == 1 and words[0].lower() in EDGE_WORDS | LABEL_WORDS:
            return None  # "en" or "budget" on its own names nothing
        else:
            return start, end
    return None


def _known(terms: Dict[str, Set[str]], entity: str, text: str) -> bool:
    return " ".join(text.lower().split()) in terms.get(entity, set())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class EntitySpanCleaner(GraphComponent):
    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 terms: Optional[Dict[str, List[str]]] = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.terms: Dict[str, Set[str]] = {k: set(v) for k, v in (terms or {}).items()}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EntitySpanCleaner":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "EntitySpanCleaner":
        try:
            with model_storage.read_from(resource) as directory:
                terms = json.loads((directory / TERMS_FILE).read_text(encoding="utf-8"))
        except (ValueError, OSError):
            terms = {}  # nothing stored: only trimming, no joining
        return cls(config, model_storage, resource, terms)

    def train(self, training_data: TrainingData) -> Resource:
        """Multi-word terms per entity: lookup tables, and annotated examples with a synonym."""
        terms: Dict[str, Set[str]] = {}
        for table in training_data.lookup_tables:
            terms.setdefault(table["name"], set()).update(
                " ".join(str(e).lower().split()) for e in table.get("elements", []))
        for example in training_data.entity_examples:
            for entity in example.get(ENTITIES, []):
                words = example.get(TEXT)[entity[ENTITY_ATTRIBUTE_START]:entity[ENTITY_ATTRIBUTE_END]]
                terms.setdefault(entity[ENTITY_ATTRIBUTE_TYPE], set()).add(" ".join(words.lower().split()))
        self.terms = {k: {t for t in v if " " in t} for k, v in terms.items()}
        with self._model_storage.write_to(self._resource) as directory:
            (directory / TERMS_FILE).write_text(
                json.dumps({k: sorted(v) for k, v in self.terms.items()}, ensure_ascii=False), encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            if entities:
                message.set(ENTITIES, self.clean(message.get(TEXT) or "", entities), add_to_output=True)
        return messages

    def clean(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        spans = []
        for entity in entities:
            if ENTITY_ATTRIBUTE_START not in entity or entity.get(ENTITY_ATTRIBUTE_VALUE) != \
                    text[entity[ENTITY_ATTRIBUTE_START]:entity[ENTITY_ATTRIBUTE_END]]:
                spans.append(entity)  # a value set by a pattern or button: not a span to tidy
                continue
            bounds = trim(text, entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END])
            if bounds is None:
                continue
            start, end = bounds
            spans.append({**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_END: end,
                          ENTITY_ATTRIBUTE_VALUE: text[start:end]})
        joined: List[Dict[str, Any]] = []
        for entity in spans:
            previous = joined[-1] if joined else None
            if previous is not None and self._joinable(text, previous, entity):
                end = entity[ENTITY_ATTRIBUTE_END]
                joined[-1] = {**previous, ENTITY_ATTRIBUTE_END: end,
                              ENTITY_ATTRIBUTE_VALUE: text[previous[ENTITY_ATTRIBUTE_START]:end]}
            else:
                joined.append(entity)
        return joined

    def _joinable(self, text: str, first: Dict[str, Any], second: Dict[str, Any]) -> bool:
        if first.get(ENTITY_ATTRIBUTE_TYPE) != second.get(ENTITY_ATTRIBUTE_TYPE):
            return False
        if ENTITY_ATTRIBUTE_END not in first or ENTITY_ATTRIBUTE_START not in second:
            return False
        gap = text[first[ENTITY_ATTRIBUTE_END]:second[ENTITY_ATTRIBUTE_START]].split()
        if len(gap) > 1 or (gap and gap[0].lower() not in JOINERS):
            return False
        return _known(self.terms, first[ENTITY_ATTRIBUTE_TYPE],
                      text[first[ENTITY_ATTRIBUTE_START]:second[ENTITY_ATTRIBUTE_END]])
