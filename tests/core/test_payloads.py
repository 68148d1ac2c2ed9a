"""The contract's payloads have typed definitions (JSON Schema + TypedDicts) that the core's output follows."""
import json

import pytest

from besliswijzer import payloads
from besliswijzer.advice.engine import advise
from besliswijzer.advice.explain import compare, compare_rungs, explain
from besliswijzer.cases.assessment import evaluate, load_questions
from besliswijzer.cases.store import cases_payload


def test_schema_is_valid_json_schema_and_names_every_type():
    from jsonschema import Draft202012Validator
    Draft202012Validator.check_schema(payloads.schema())
    assert set(payloads.schema()["$defs"]) >= set(payloads.TYPES)
    # the TypedDicts and the schema name the same required keys
    for kind, typed in payloads.TYPES.items():
        required = set(payloads.schema()["$defs"][kind]["required"])
        assert required == set(typed.__required_keys__), kind


def test_core_payloads_follow_the_contract(db_url):
    advice = advise({"doelgroep": ["ouderen", "nieuwkomers"], "schaal": "wijk", "thema": "openbare_ruimte",
                     "budget_euro": 15000, "doorlooptijd_weken": 12, "gemeente": "Hengelo"})
    assert payloads.problems(advice) == []
    assert payloads.problems(compare(["enquete", "burgerpanel", "polis"])) == []
    assert payloads.problems(explain("wereld-café")) == []
    assert payloads.problems(compare_rungs(["informeren", "meebeslissen"])) == []
    answers = {q.id: 4 for q in load_questions()}
    assert payloads.problems(evaluate(answers)) == []
    assert payloads.problems(cases_payload([])) == []
    from besliswijzer.reference import knowledge as kennis
    topics = list(kennis.load_topics())
    assert topics and all(payloads.problems(kennis.answer(t)) == [] for t in topics)
    json.dumps(advice)      # plain JSON, as the contract says


@pytest.mark.parametrize("broken, word", [
    ({"type": "advies"}, "profiel"),
    ({"type": "evaluatie", "scores": {"effect": 9, "meerwaarde": 4, "houding": 3, "competenties": 3},
      "totaal": 3, "sterk": [], "verbeterpunten": [], "casus_id": None}, "scores/effect"),
    ({"type": "casussen", "casussen": [{"id": "x"}]}, "casussen/0"),
    ({"type": "onbekend"}, "onbekend payloadtype"),
])
def test_a_broken_payload_is_named(broken, word):
    found = payloads.problems(broken)
    assert found and any(word in f for f in found), found
    with pytest.raises(payloads.PayloadError):
        payloads.check(broken)


def test_a_combination_with_a_wrong_channel_is_refused(db_url):
    advice = advise({"doelgroep": ["jongeren"]})
    advice["combinaties"][0]["kanaal"] = "telepathie"
    assert any("combinaties/0/kanaal" in p for p in payloads.problems(advice))
