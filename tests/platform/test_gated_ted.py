"""GatedTEDPolicy (rasa_plugins/gated_ted.py): TED skips its network only when it cannot win."""
from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.rule_policy import RulePolicy

from rasa_plugins.gated_ted import GatedTEDPolicy, certain_elsewhere
from rasa_plugins.train import wire_gates

TED_PRIORITY = 1


def prediction(confidence, priority, no_user=False):
    return PolicyPrediction([confidence, 0.0], "x", policy_priority=priority, is_no_user_prediction=no_user)


def test_certain_rules_or_memoization_make_ted_pointless():
    assert certain_elsewhere({"gate_rules": prediction(1.0, 6)}, TED_PRIORITY)
    assert certain_elsewhere({"gate_memo": prediction(1.0, 3)}, TED_PRIORITY)
    assert certain_elsewhere({"gate_rules": prediction(0.4, 6, no_user=True)}, TED_PRIORITY)


def test_ted_still_predicts_when_nobody_else_is_sure():
    # The rule policy's core fallback (0.3) and an abstaining memoization: TED may win.
    assert not certain_elsewhere({"gate_rules": prediction(0.3, 6), "gate_memo": prediction(0.0, 3)},
                                 TED_PRIORITY)
    # A sure policy of lower priority than TED would lose a tie to TED: no skip.
    assert not certain_elsewhere({"gate_low": prediction(1.0, 0)}, TED_PRIORITY)
    assert not certain_elsewhere({}, TED_PRIORITY)


def node(uses, needs=None):
    return SchemaNode(needs=needs or {}, uses=uses, fn="predict_action_probabilities", constructor_name="load",
                      config={})


def test_the_training_script_feeds_the_other_policies_to_ted():
    schema = GraphSchema({
        "run_MemoizationPolicy0": node(MemoizationPolicy),
        "run_RulePolicy1": node(RulePolicy),
        "run_GatedTEDPolicy2": node(GatedTEDPolicy, {"tracker": "__tracker__"}),
        "select_prediction": node(DefaultPolicyPredictionEnsemble, {
            "policy0": "run_MemoizationPolicy0", "policy1": "run_RulePolicy1", "policy2": "run_GatedTEDPolicy2"}),
    })
    wired = wire_gates(schema).nodes["run_GatedTEDPolicy2"].needs
    assert wired == {"tracker": "__tracker__", "gate_run_MemoizationPolicy0": "run_MemoizationPolicy0",
                     "gate_run_RulePolicy1": "run_RulePolicy1"}
    assert wire_gates(schema).nodes["run_RulePolicy1"].needs == {}
