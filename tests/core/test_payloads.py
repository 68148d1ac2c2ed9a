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


def test_payloads_carry_the_names_and_notes_the_cards_show(session):
    """The widget shows names and outcome notes from the payload, never from a table of its own."""
    from besliswijzer.cases.store import search_cases
    from besliswijzer.cases.texts import outcome_label
    from besliswijzer.reference.catalogue import load_catalogue

    cat = load_catalogue()
    advice = advise({"doelgroep": ["ouderen"], "thema": "openbare_ruimte"}, session=session)
    assert advice["niveau_naam"] == cat.label("niveau", advice["niveau"]) != advice["niveau"]
    assert all(c["methode_naam"] and c["duur_tekst"] for c in advice["combinaties"])
    assert advice["casussen"] and all(c["uitkomst_tekst"] == outcome_label(c) for c in advice["casussen"])

    found = search_cases(session, limit=0)
    payload = cases_payload(found)
    assert payload["casussen"] is not found and "thema_naam" not in found[0]   # the cases are not changed
    assert payloads.problems(payload) == []
    for case, item in zip(found, payload["casussen"]):
        assert item["methode_namen"] == [cat.label("methode", m) for m in case["methodes"]]
        assert item["tool_namen"] == [cat.label("tool", t) for t in case["tools"]]
        assert item["doelgroep_namen"] == [cat.label("doelgroep", g) for g in case["doelgroepen"]]
        assert item["thema_naam"] == (cat.label("thema", case["thema"]) if case["thema"] else None)
        assert item["uitkomst_tekst"] == outcome_label(case)
    unknown = [item for item in payload["casussen"] if item["uitkomst_bekend"] == "nee"]
    assert unknown and {item["uitkomst_tekst"] for item in unknown} == {"Uitkomst niet bekend"}

    evaluation = evaluate({q.id: 3 for q in load_questions()})
    assert evaluation["pijler_namen"] == {"effect": "Effect", "meerwaarde": "Meerwaarde", "houding": "Houding",
                                          "competenties": "Competenties"}
    comparison = compare(["enquete", "burgerpanel"])
    assert [i["naam"] for i in comparison["items"]] == [cat.label("methode", "enquete"),
                                                        cat.label("methode", "burgerpanel")]
    assert payloads.problems(evaluation) == [] and payloads.problems(comparison) == []
