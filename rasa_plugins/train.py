"""`rasa train`, with the prediction graph wired for GatedTEDPolicy (rasa_plugins.gated_ted).

Rasa's default recipe gives each policy only the tracker and the domain. Here the prediction
node of every GatedTEDPolicy also gets the other policies' predictions as inputs, so it runs
after them and can skip its network when one of them is already certain. The change lives in
the trained model's graph; loading and serving the model need nothing of this module.

    python -m rasa_plugins.train --domain bot --data data --config config.yml --out models
"""
from __future__ import annotations

import dataclasses
import sys
from typing import Any, Dict

from rasa.engine.graph import GraphModelConfiguration, GraphSchema, SchemaNode
from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from rasa_plugins.gated_ted import GATE_PREFIX, GatedTEDPolicy

ENSEMBLE_NODE = "select_prediction"


def wire_gates(schema: GraphSchema) -> GraphSchema:
    """The predict schema with each GatedTEDPolicy node needing the other policies' nodes."""
    nodes: Dict[str, SchemaNode] = dict(schema.nodes)
    ensemble = nodes.get(ENSEMBLE_NODE)
    if ensemble is None:
        return schema
    policy_nodes = [name for key, name in ensemble.needs.items() if key.startswith("policy")]
    for name in policy_nodes:
        node = nodes[name]
        if not issubclass(node.uses, GatedTEDPolicy):
            continue
        gates = {f"{GATE_PREFIX}{other}": other for other in policy_nodes
                 if other != name and not issubclass(nodes[other].uses, GatedTEDPolicy)}
        nodes[name] = dataclasses.replace(node, needs={**node.needs, **gates})
    return GraphSchema(nodes)


def install() -> None:
    original = DefaultV1Recipe.graph_config_for_recipe

    def graph_config_for_recipe(self, *args: Any, **kwargs: Any) -> GraphModelConfiguration:
        config = original(self, *args, **kwargs)
        return dataclasses.replace(config, predict_schema=wire_gates(config.predict_schema))

    DefaultV1Recipe.graph_config_for_recipe = graph_config_for_recipe


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main
    sys.argv = ["rasa", "train", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
