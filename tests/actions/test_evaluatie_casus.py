"""After consent to save: which methods and tools were used and what happened (skippable), then the saved case."""
from besliswijzer.cases.assessment import load_questions

from actions.evaluatie import (ActionAskEvaluatieAanpak, ActionAskEvaluatieVerloop, ActionEvaluatieOpslaan,
                               ActionEvaluatieResultaat, ValidateEvaluatieCasusForm)

from tests.support.actions import make_tracker, run_action, slot_events

ANSWERS = {q.id: 5 for q in load_questions()}


def validate(domain, text, intent, requested, entities=(), slots=None):
    tracker = make_tracker(text=text, intent=intent, entities=list(entities),
                           slots={"requested_slot": requested, **(slots or {})})
    return run_action(ValidateEvaluatieCasusForm(), tracker, domain)


def test_the_questions_offer_a_skip_button(domain):
    for action, words in ((ActionAskEvaluatieAanpak(), "Welke werkvormen en digitale hulpmiddelen"),
                          (ActionAskEvaluatieVerloop(), "Wat gebeurde er")):
        messages, _ = run_action(action, make_tracker(), domain)
        assert words in messages[0]["text"] and "overslaan" in messages[0]["text"]
        assert [b["payload"] for b in messages[0]["buttons"]] == ["/overslaan"]


def test_methods_and_tools_from_the_entities_and_the_words(domain):
    messages, events = validate(domain, "we deden een burgerpanel en een wijkwandeling, met de buurtapp",
                                "situatie_geven", "evaluatie_aanpak", [("methode", "burgerpanel")])
    value = slot_events(events)["evaluatie_aanpak"]
    # the catalogue reads the words (a wijkwandeling is a buurtwandeling), beside what the NLU tagged
    assert value["methodes"] == ["burgerpanel", "buurtwandeling"] and value["tools"] == ["buurtapp"]
    assert value["tekst"].startswith("we deden een burgerpanel")
    assert "Burgerpanel" in messages[0]["text"]
    _, events = validate(domain, "een burgerpanel en een online enquete via de buurtapp", "nlu_fallback",
                         "evaluatie_aanpak")
    value = slot_events(events)["evaluatie_aanpak"]
    assert "burgerpanel" in value["methodes"] and {"online_enquete", "buurtapp"} <= set(value["tools"])


def test_any_intent_is_an_answer_but_a_question_about_a_method_is_a_side_question(domain):
    _, events = validate(domain, "een burgerpanel en een enquête", "methodes_vergelijken", "evaluatie_aanpak",
                         [("methode", "burgerpanel"), ("methode", "enquete")])
    assert slot_events(events)["evaluatie_aanpak"]["methodes"] == ["burgerpanel", "enquete"]
    _, events = validate(domain, "wat is een burgerpanel?", "uitleg_vragen", "evaluatie_aanpak",
                         [("methode", "burgerpanel")])
    assert "evaluatie_aanpak" not in slot_events(events)


def test_skipping_both_questions(domain):
    _, events = validate(domain, "/overslaan", "overslaan", "evaluatie_aanpak")
    assert slot_events(events)["evaluatie_aanpak"] == {"methodes": [], "tools": [], "tekst": None,
                                                       "overgeslagen": True}
    _, events = validate(domain, "weet ik niet", "weet_niet", "evaluatie_verloop")
    assert slot_events(events)["evaluatie_verloop"]["tekst"] is None


def test_what_happened_is_short_free_text(domain):
    long_text = "Er kwamen veertig buurtbewoners en de raad nam het ontwerp over. " * 20
    _, events = validate(domain, long_text, "advies_vragen", "evaluatie_verloop")
    text = slot_events(events)["evaluatie_verloop"]["tekst"]
    assert text.startswith("Er kwamen veertig buurtbewoners") and len(text) <= 505
    # a message for the other question is not taken for this one
    _, events = validate(domain, "Er kwamen veertig", "advies_vragen", "evaluatie_aanpak")
    assert "evaluatie_verloop" not in slot_events(events)


def test_an_empty_answer_is_asked_again(domain):
    _, events = validate(domain, "   ", "situatie_geven", "evaluatie_aanpak")
    slots = slot_events(events)
    assert slots["evaluatie_aanpak"] is None and slots["requested_slot"] == "evaluatie_aanpak"
    assert slots["pogingen"] == {"slot": "evaluatie_aanpak", "aantal": 1}
    messages, _ = run_action(ActionAskEvaluatieAanpak(), make_tracker(slots={"pogingen": slots["pogingen"]}),
                             domain)
    assert "kon ik niet lezen" in messages[0]["text"]


def test_the_saved_case_holds_the_methods_tools_and_what_happened(domain, db_url):
    from besliswijzer.cases.store import case_facts
    from besliswijzer.storage.db import session_scope

    result = run_action(ActionEvaluatieResultaat(), make_tracker(slots={"evaluatie_antwoorden": ANSWERS}),
                        domain)[0][0]["custom"]
    tracker = make_tracker(text="/overslaan", intent="overslaan", slots={
        "evaluatie_antwoorden": ANSWERS, "evaluatie_resultaat": result, "thema": "openbare_ruimte",
        "gemeente": "Borne", "doelgroep": ["jongeren"],
        "evaluatie_aanpak": {"methodes": ["burgerpanel"], "tools": ["buurtapp"],
                             "tekst": "een burgerpanel met de buurtapp"},
        "evaluatie_verloop": {"tekst": "Veertig jongeren deden mee; het skatepark komt er."}})
    messages, _ = run_action(ActionEvaluatieOpslaan(), tracker, domain)
    case_id = messages[0]["custom"]["casus_id"]
    with session_scope(db_url) as session:
        case = case_facts(session, case_id)
    assert case["methodes"] == ["burgerpanel"] and case["tools"] == ["buurtapp"]
    assert case["wat_gebeurde"] == "Veertig jongeren deden mee; het skatepark komt er."
    assert case["voorbeeld"] is False and case["eigen_evaluatie"] is True
    assert case["gemeente"] == "Borne" and case["doelgroepen"] == ["jongeren"]


def test_methods_the_catalogue_does_not_know_are_kept_as_the_users_words(domain, db_url):
    from besliswijzer.cases.store import case_facts
    from besliswijzer.storage.db import session_scope

    result = run_action(ActionEvaluatieResultaat(), make_tracker(slots={"evaluatie_antwoorden": ANSWERS}),
                        domain)[0][0]["custom"]
    tracker = make_tracker(text="/overslaan", intent="overslaan", slots={
        "evaluatie_antwoorden": ANSWERS, "evaluatie_resultaat": result, "thema": "wonen",
        "evaluatie_aanpak": {"methodes": [], "tools": [], "tekst": "een soepmiddag in de kerk"},
        "evaluatie_verloop": {"tekst": None, "overgeslagen": True}})
    messages, _ = run_action(ActionEvaluatieOpslaan(), tracker, domain)
    with session_scope(db_url) as session:
        case = case_facts(session, messages[0]["custom"]["casus_id"])
    assert case["methodes"] == [] and case["eigen_evaluatie"] is True
    assert case["origineel"].get("methoden") == ["een soepmiddag in de kerk"]
    assert not case.get("wat_gebeurde")
