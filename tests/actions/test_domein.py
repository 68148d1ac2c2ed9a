"""The domain and the action server agree: every custom action named in bot/ exists, and back."""
from rasa_sdk.executor import ActionExecutor

RASA_OWN = {"action_listen", "action_restart", "action_session_start", "action_default_fallback",
            "action_deactivate_loop", "action_revert_fallback_events", "action_default_ask_affirmation",
            "action_default_ask_rephrase", "action_two_stage_fallback", "action_unlikely_intent",
            "action_back", "action_extract_slots", "action_send_text"}


def registered_actions():
    executor = ActionExecutor()
    executor.register_package("actions")
    return set(executor.actions)


def test_every_custom_action_in_the_domain_is_served_and_every_served_action_is_in_the_domain(domain):
    in_domain = {a for a in domain["actions"] if a.startswith(("action_", "validate_"))}
    served = registered_actions()
    overridden_defaults = {"action_default_fallback", "action_default_ask_affirmation", "action_default_ask_rephrase"}
    assert in_domain - RASA_OWN - served == set()
    assert served - in_domain == set()
    assert overridden_defaults <= served


def test_every_form_question_has_an_ask_action(domain):
    served = registered_actions()
    for form, spec in domain["forms"].items():
        for slot in spec["required_slots"]:
            assert {f"action_ask_{form}_{slot}", f"action_ask_{slot}"} & served, (form, slot)


def test_slots_of_the_contract_exist_with_the_right_types(domain):
    slots = domain["slots"]
    assert slots["doelgroep"]["type"] == "list"
    assert slots["budget_euro"]["type"] == "float" and slots["doorlooptijd_weken"]["type"] == "float"
    for name in ("schaal", "thema", "beleidsfase", "niveau", "methode", "tool", "gemeente"):
        assert name in slots
