"""The forms follow rasa_sdk's idiom: no run() of their own, one validate_<slot> per question of the
domain's forms, and the advice form's questions listed once (the domain) with their texts."""
import importlib
import inspect
import pkgutil

from rasa_sdk import FormValidationAction

import actions
from actions.formulier import QUESTIONS, SKIP_AFTER_HELP, SKIP_AT_ONCE
from actions.teksten import teksten


def form_validators():
    """Every FormValidationAction subclass defined in the actions package, abstract or not."""
    for info in pkgutil.iter_modules(actions.__path__):
        importlib.import_module(f"actions.{info.name}")
    found, todo = set(), [FormValidationAction]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("actions."):
                found.add(sub)
    return found


def test_no_form_validation_action_overrides_run():
    validators = form_validators()
    assert {cls.__name__ for cls in validators} >= {"ValidateAdviesForm", "ValidateEvaluatieForm",
                                                     "ValidateEvaluatieCasusForm"}
    overriding = sorted(f"{cls.__module__}.{cls.__name__}" for cls in validators if "run" in vars(cls))
    assert overriding == [], f"override rasa_sdk's steps (validate_<slot>, required_slots ...), not run(): {overriding}"


def test_every_question_of_every_form_has_its_validate_method(domain):
    by_name = {cls().name(): cls for cls in form_validators() if not inspect.isabstract(cls)}
    for form, spec in domain["forms"].items():
        validator = by_name[f"validate_{form}"]
        for slot in spec["required_slots"]:
            assert callable(getattr(validator, f"validate_{slot}", None)), (form, slot)


def test_the_advice_forms_questions_are_the_domains_and_each_has_its_texts(domain):
    asked = domain["forms"]["advies_form"]["required_slots"]
    assert set(QUESTIONS) == set(asked)
    for slot in asked:
        assert {"vraag", "opnieuw", "uitleg"} <= set(teksten(f"vragen.{slot}")), slot
        assert slot in teksten("profiel"), slot    # how a correction and the summary name it
    assert set(SKIP_AT_ONCE) | set(SKIP_AFTER_HELP) <= set(teksten("formulier.overgeslagen"))
