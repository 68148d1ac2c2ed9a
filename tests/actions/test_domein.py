"""The domain and the action server agree: every custom action named in bot/ exists, and back."""
from rasa_sdk.executor import ActionExecutor

from tests.support import contract

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


# The type each slot of the contract has in the domain, as the contract's profile holds it:
# a list of ids, one id or name (text), or a number (float).
CONTRACT_SLOT_TYPES = {"doelgroep": "list", "methode": "list", "tool": "list",
                       "schaal": "text", "thema": "text", "beleidsfase": "text", "niveau": "text",
                       "gemeente": "text", "budget_euro": "float", "doorlooptijd_weken": "float"}


def test_every_slot_of_the_contract_exists_with_the_right_type(domain):
    assert set(CONTRACT_SLOT_TYPES) == set(contract.SLOTS)     # a new slot in the contract needs its type here
    types = {name: domain["slots"].get(name, {}).get("type") for name in contract.SLOTS}
    assert types == CONTRACT_SLOT_TYPES


def test_every_entity_of_the_contract_fills_the_slot_of_its_name(domain):
    for entity in contract.ENTITIES:
        assert entity in domain["entities"], entity
        fillers = [m.get("entity") for m in domain["slots"][entity]["mappings"] if m["type"] == "from_entity"]
        assert entity in fillers, entity


def test_every_intent_of_the_contract_is_in_the_domain(domain):
    names = {i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]}
    assert set(contract.INTENTS) - names == set()
