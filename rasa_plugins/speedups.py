"""Small speed-ups of Rasa 3.6 internals, each measured with bench/profile_turn.py.

1. Rasa 3.6 validates every action server answer with `jsonschema.validate`, which first checks
the schema itself against the JSON Schema meta-schema: about 0.1 s of CPU per custom action on
two cores, more than the rest of a turn together (measured with bench/profile_turn.py). The
schema never changes, so it is checked once here and the answer is validated exactly as
before, with the same error when it is invalid.

2. Every event read from the action server or the tracker store finds its class by walking all
subclasses of Event (some 35 classes, recursively, with `inspect.isabstract` on each): about
2 ms per turn. Classes do not change once loaded, so the name-to-class answer is remembered;
a name not seen before still takes Rasa's own path, so a class defined later is found too.
"""
from __future__ import annotations

from typing import Any, Dict, Text

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.constants import DOCS_BASE_URL

_validators: Dict[int, Any] = {}


def _validator(schema: Dict[Text, Any]):
    key = id(RemoteAction.action_response_format_spec)
    if key not in _validators:
        cls = validator_for(schema)
        cls.check_schema(schema)
        _validators[key] = cls(schema)
    return _validators[key]


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    error = best_match(_validator(self.action_response_format_spec()).iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (". Failed to validate Action server response from API, make sure your "
                      "response from the Action endpoint is valid. For more information about "
                      f"the format visit {DOCS_BASE_URL}/custom-actions")
    raise error


_event_classes: Dict[Text, Any] = {}
_resolve_by_type = Event.resolve_by_type


def _cached_resolve_by_type(type_name: Text, default: Any = None) -> Any:
    cls = _event_classes.get(type_name)
    if cls is None:
        cls = _resolve_by_type(type_name, default)
        if cls is not None and cls is not default:
            _event_classes[type_name] = cls
    return cls


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_cached_resolve_by_type)
