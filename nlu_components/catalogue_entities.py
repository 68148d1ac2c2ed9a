"""The last entity step: catalogue names found whole, every value a catalogue id, junk dropped.

DIET tags entities word by word from what it learned. That works for names it saw in examples, but
a method added to the catalogue later, or a multi-word name, comes out in pieces: "open space"
became tool "open" plus method "space". And a value DIET found may name nothing in the catalogue
("methode: aan", "schaal: stadhuis").

This component runs after the EntitySynonymMapper and asks the catalogue's matcher (the `Terms` that
`Catalogue.matcher` is, rebuilt from the names stored in the model, so it matches as the actions do):

- names of catalogue terms in the text, longest first, strict (exact, plural, diminutive, lemma);
  such a name replaces the DIET entities it overlaps when it is longer and they are of its own
  type (or it names a method or tool, which DIET splits into wrong types), and names of the entities
  in `add` (methods and tools) are added even where DIET found nothing, so a new catalogue entry is
  recognised after `make train` without hand-written examples;
- every other entity of a catalogue type gets the id its value names (typo-tolerant, as in the
  chat), or is dropped when it names nothing; an amount or duration the actions cannot read
  ("duur: eens" in "leg het eens uit") is dropped too.

The names are read from the catalogue when the model is trained and stored in the model: the
model answers with the catalogue it was trained with. What this component outputs is the
pipeline's answer, so its entities carry its name as extractor; `rasa test nlu` then measures the
whole pipeline under that name (scripts/nlu_rapport.py reads that report).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (ENTITIES, ENTITY_ATTRIBUTE_END, ENTITY_ATTRIBUTE_START,
                                       ENTITY_ATTRIBUTE_TYPE, ENTITY_ATTRIBUTE_VALUE, EXTRACTOR, INTENT,
                                       INTENT_NAME_KEY, TEXT)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from besliswijzer.reference.catalogue import build_catalogue, load_catalogue
from besliswijzer.text.numbers import parse_amount_euro, parse_duration_weeks
from besliswijzer.reference.matching import Mention, Terms

TERMS_FILE = "catalogus_termen.json"
NAME = "CatalogueEntities"
PROCESSORS = "processors"
# Free-text entities the actions read with these parsers: a value they cannot read ("duur: eens")
# names nothing and is dropped, as a catalogue value that names nothing is.
PARSERS = {"bedrag": parse_amount_euro, "duur": parse_duration_weeks}
# "de buurt" names the scale buurt, but the thing named is "buurt": spans start after an article.
ARTICLES = ("de ", "het ", "een ", "'t ")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class CatalogueEntities(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Catalogue entities whose values become ids (others, such as gemeente, pass through).
            "entities": ["doelgroep", "schaal", "thema", "beleidsfase", "niveau", "methode", "tool"],
            # Entities whose names count even where DIET found nothing.
            "add": ["methode", "tool"],
            # ...but not in messages about something else: "wat kan deze chatbot" names no tool.
            "no_add_intents": ["begroeten", "afscheid", "bedanken", "bot_vraag", "wat_kun_je", "buiten_bereik"],
            # ...and in these no entity at all: "super bedankt voor het meedenken" gives no rung, "een klacht
            # over mijn buren" no target group. The bot answers them without reading the situation.
            "no_entity_intents": ["begroeten", "afscheid", "bedanken", "buiten_bereik"],
            # Another catalogue directory (tests); None is the project's own.
            "catalogue_dir": None,
        }

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 terms: Optional[Terms] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.entities = list(self._config["entities"])
        self.add = set(self._config["add"])
        self.no_add_intents = set(self._config["no_add_intents"])
        self.no_entity_intents = set(self._config["no_entity_intents"])
        self.terms = terms

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CatalogueEntities":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "CatalogueEntities":
        with model_storage.read_from(resource) as directory:
            names = json.loads((directory / TERMS_FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, Terms.build(names))

    def train(self, training_data: TrainingData) -> Resource:
        directory = self._config["catalogue_dir"]
        catalogue = build_catalogue(Path(directory)) if directory else load_catalogue()
        names = {entity: catalogue.terms(entity) for entity in self.entities}
        self.terms = Terms.build(names)
        with self._model_storage.write_to(self._resource) as out:
            (out / TERMS_FILE).write_text(json.dumps(names, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent in self.no_entity_intents:
                message.set(ENTITIES, [], add_to_output=True)
                continue
            found = self.reconcile(text, message.get(ENTITIES) or [], add=intent not in self.no_add_intents)
            message.set(ENTITIES, found, add_to_output=True)
        return messages

    def reconcile(self, text: str, entities: List[Dict[str, Any]], add: bool = True) -> List[Dict[str, Any]]:
        """DIET's entities of one message reconciled with the catalogue names in its text: the entities
        after this step, in order of where they stand. Unlike Catalogue.mentions this works on the names
        frozen into the model at training time, and it weighs DIET's own findings."""
        mentions = [_without_article(text, m) for m in self.terms.mention_spans(self.entities, text, strict=True)] \
            if text else []
        adding = self.add if add else set()
        winners = [m for m in mentions if self._wins(m, entities)]
        kept: List[Dict[str, Any]] = []
        used: set = set()
        for entity in entities:
            rival = next((m for m in winners if _overlap(m, entity)), None)
            if rival is not None:
                used.add(rival)
                continue
            value = self._canonical(entity)
            if value is None:
                # names nothing of its type ("methode: aan"); a catalogue name on the same words may
                used.update(m for m in mentions if (m.start, m.end) == _span(entity))
                continue
            kept.append(_mark({**entity, ENTITY_ATTRIBUTE_VALUE: value}))
        for mention in mentions:
            if (mention in used or mention.entity in adding) and not _overlaps_any(mention, kept):
                kept.append(_mark({ENTITY_ATTRIBUTE_TYPE: mention.entity, ENTITY_ATTRIBUTE_START: mention.start,
                                   ENTITY_ATTRIBUTE_END: mention.end, ENTITY_ATTRIBUTE_VALUE: mention.id,
                                   "confidence_entity": 1.0}))
        return sorted(kept, key=lambda e: (e.get(ENTITY_ATTRIBUTE_START, -1), e.get(ENTITY_ATTRIBUTE_TYPE, "")))

    def _wins(self, mention: Mention, entities: List[Dict[str, Any]]) -> bool:
        """A catalogue name replaces the DIET entities it overlaps when it is longer than each, each is
        of its own type or it names a method or tool, and it says something else than they do: "open
        space" replaces tool "open" + method "space", "mensen met een beperking" replaces "mensen";
        but the group name "ouderen in de wijk" does not swallow the scale "wijk", and "hele gemeente"
        leaves DIET's "gemeente" as it is (same id, the span people mark)."""
        overlapped = [e for e in entities if _overlap(mention, e)]
        if not overlapped:
            return False
        size = mention.end - mention.start
        if not all(size > _span(e)[1] - _span(e)[0] and
                   (e.get(ENTITY_ATTRIBUTE_TYPE) == mention.entity or mention.entity in self.add)
                   for e in overlapped):
            return False
        return any(e.get(ENTITY_ATTRIBUTE_TYPE) != mention.entity or self._canonical(e) != mention.id
                   for e in overlapped)

    def _canonical(self, entity: Dict[str, Any]) -> Optional[str]:
        kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
        value = entity.get(ENTITY_ATTRIBUTE_VALUE)
        if kind in PARSERS:
            return value if value is not None and PARSERS[kind](str(value)) is not None else None
        if kind not in self.entities:
            return value
        return self.terms.match(kind, str(value)) if value is not None else None


def _without_article(text: str, mention: Mention) -> Mention:
    words = text[mention.start:mention.end]
    for article in ARTICLES:
        if words.lower().startswith(article) and len(words) > len(article):
            start = mention.start + len(article)
            while start < mention.end and text[start].isspace():
                start += 1
            return mention._replace(start=start)
    return mention


def _span(entity: Dict[str, Any]):
    start, end = entity.get(ENTITY_ATTRIBUTE_START), entity.get(ENTITY_ATTRIBUTE_END)
    return (start, end) if start is not None and end is not None else None


def _overlap(mention: Mention, entity: Dict[str, Any]) -> bool:
    span = _span(entity)   # None: set by a button or pattern, not found in the text
    return span is not None and mention.start < span[1] and span[0] < mention.end


def _overlaps_any(mention: Mention, entities: List[Dict[str, Any]]) -> bool:
    return any(_overlap(mention, entity) for entity in entities)


def _mark(entity: Dict[str, Any]) -> Dict[str, Any]:
    processors = [p for p in entity.get(PROCESSORS, []) if p != NAME]
    if entity.get(EXTRACTOR) and entity[EXTRACTOR] != NAME:
        processors.insert(0, entity[EXTRACTOR])
    return {**entity, EXTRACTOR: NAME, PROCESSORS: [*processors, NAME]}
