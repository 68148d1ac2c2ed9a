"""TED that does not predict when its prediction cannot win.

Rasa runs every policy for every prediction and only then lets the ensemble pick one. The
ensemble picks the highest confidence and, on a tie, the higher priority; TED has the lowest
priority of this project's policies (rules 6, memoization 3, TED 1). So when the rule or
memoization policy is fully sure (confidence 1.0), TED's answer is thrown away, and in this
bot, where rules and forms carry the dialogue, that is most predictions. TED's neural network
costs about 8 ms per prediction, two or three per turn (bench/profile_turn.py).

`GatedTEDPolicy` is TEDPolicy, trained the same way. At prediction it is given the other
policies' predictions (the training script adds those inputs to the prediction graph, see
`rasa_plugins.train`) and skips its network when one of them is already certain. Without
those inputs (a model trained with plain `rasa train`) it is exactly TEDPolicy.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.featurizers.precomputation import MessageContainerForCoreFeaturization
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

# The name prefix of the extra graph inputs that carry another policy's prediction.
GATE_PREFIX = "gate_"


def certain_elsewhere(predictions: Dict[Text, Any], own_priority: int) -> bool:
    """True when another policy's prediction beats anything TED could predict.

    TED's best is confidence 1.0 at its own priority; a prediction of 1.0 from a policy of
    higher priority wins the tie, and a "no user" prediction (a rule that applies without
    user input) overrules every other kind.
    """
    for prediction in predictions.values():
        if not isinstance(prediction, PolicyPrediction):
            continue
        if prediction.is_no_user_prediction:
            return True
        if prediction.max_confidence >= 1.0 and prediction.policy_priority > own_priority:
            return True
    return False


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITH_END_TO_END_SUPPORT, is_trainable=True
)
class GatedTEDPolicy(TEDPolicy):
    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        precomputations: Optional[MessageContainerForCoreFeaturization] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        others = {k: v for k, v in kwargs.items() if k.startswith(GATE_PREFIX)}
        # End-to-end TED (text in the stories) can overrule higher priorities: never skip it.
        if others and not self._uses_text_features() and certain_elsewhere(others, self.priority):
            return self._prediction(self._default_predictions(domain))
        return super().predict_action_probabilities(
            tracker, domain, rule_only_data=rule_only_data, precomputations=precomputations
        )

    def _uses_text_features(self) -> bool:
        # Trained on user text (end-to-end stories), TED may make an end-to-end prediction,
        # which overrules the others whatever their confidence.
        from rasa.shared.nlu.constants import TEXT
        return TEXT in self.fake_features
