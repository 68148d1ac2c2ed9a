"""The assessment in the team's own words: methods read from free text and from what was said before,
a suggestion for unknown words, every question explained on request, a score with a remark."""
from besliswijzer.cases.assessment import load_questions

from actions.evaluatie import (ActionAskEvaluatieAanpak, ActionEvaluatieOpslaan, ActionEvaluatieResultaat,
                               ValidateEvaluatieCasusForm, ValidateEvaluatieForm)
from actions.evaluatie_woorden import hard_to_reach_groups, score_and_remark

from tests.support.actions import make_tracker, run_action, slot_events, user_event

QUESTIONS = load_questions()
ANSWERS = {q.id: 4 for q in QUESTIONS}
START = [{"event": "action", "name": "action_evaluatie_start"}]


def approach(domain, text, intent="situatie_geven", slots=None, history=None, entities=()):
    tracker = make_tracker(text=text, intent=intent, entities=list(entities), history=history or START,
                           slots={"requested_slot": "evaluatie_aanpak", **(slots or {})})
    return run_action(ValidateEvaluatieCasusForm(), tracker, domain)


def test_methods_in_the_teams_own_words_are_read_whatever_the_nlu_made_of_them(domain):
    for text, intent in (("wijkavond en online peiling", "uitleg_vragen"),
                         ("zoals gezegd: een wijkavond in het buurthuis en een online peiling via de website",
                          "kennis_vragen"),
                         ("bewonersavond en online enquête", "situatie_geven")):
        messages, events = approach(domain, text, intent)
        value = slot_events(events)["evaluatie_aanpak"]
        assert value["methodes"] == ["informatiebijeenkomst"] and "online_enquete" in value["tools"], text
        assert value["tekst"] == text
        assert "Informatiebijeenkomst" in messages[0]["text"] and "Online enquête" in messages[0]["text"]


def test_what_the_first_message_named_is_offered_and_taken_with_a_yes(domain):
    first = [user_event("we hielden in Deventer een wijkavond en een online peiling, dat wil ik evalueren",
                        "traject_evalueren", []), *START]
    tracker = make_tracker(history=first, slots={"requested_slot": "evaluatie_aanpak"})
    tracker.events.pop()   # no new user message yet: the form asks
    messages, _ = run_action(ActionAskEvaluatieAanpak(), tracker, domain)
    assert "U noemde eerder" in messages[0]["text"] and "Informatiebijeenkomst" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"] == "/bevestigen"
    _, events = approach(domain, "/bevestigen", "bevestigen", history=first)
    value = slot_events(events)["evaluatie_aanpak"]
    assert value["methodes"] == ["informatiebijeenkomst"] and value["tools"] == ["online_enquete"]


def test_unknown_words_get_a_suggestion_not_the_same_question(domain):
    _, events = approach(domain, "een soepmiddag in de kerk")
    slots = slot_events(events)
    assert slots["evaluatie_aanpak"] is None and slots["pogingen"] == {"slot": "evaluatie_aanpak", "aantal": 1}
    ask = make_tracker(text="een soepmiddag in de kerk", slots={"pogingen": slots["pogingen"]})
    messages, _ = run_action(ActionAskEvaluatieAanpak(), ask, domain)
    assert "Bedoelt u" in messages[0]["text"] and "*" in messages[0]["text"]
    assert "Noem de werkvormen" not in messages[0]["text"]
    assert messages[0]["buttons"][1]["payload"] == "/ontkennen"
    # "nee": the words are kept as the team said them
    history = [*START, user_event("een soepmiddag in de kerk", "situatie_geven", [])]
    _, events = approach(domain, "/ontkennen", "ontkennen", slots={"pogingen": slots["pogingen"]}, history=history)
    assert slot_events(events)["evaluatie_aanpak"]["tekst"] == "een soepmiddag in de kerk"


def test_a_real_question_about_a_method_is_still_a_side_question(domain):
    _, events = approach(domain, "wat is een burgerpanel?", "uitleg_vragen", entities=[("methode", "burgerpanel")])
    assert "evaluatie_aanpak" not in slot_events(events)


def test_every_question_is_explained_on_request_and_comes_back(domain):
    for text in ("wat bedoel je?", "wat bedoel je precies met deze vraag?"):
        for intent in ("uitleg_vragen", "weet_niet", "score_geven"):
            tracker = make_tracker(text=text, intent=intent, slots={"evaluatie_antwoorden": {},
                                                                   "requested_slot": "evaluatie_score"})
            messages, events = run_action(ValidateEvaluatieForm(), tracker, domain)
            slots = slot_events(events)
            assert "Deze vraag gaat over" in messages[0]["text"], (text, intent)
            assert "evaluatie_antwoorden" not in slots and slots["requested_slot"] == "evaluatie_score"
            assert "pogingen" in slots     # a slot is set, so Rasa keeps the form and asks the question again
    messages, events = approach(domain, "wat bedoel je?", "uitleg_vragen")
    assert "werkvormen" in messages[0]["text"] and "evaluatie_aanpak" not in slot_events(events)
    assert slot_events(events)["requested_slot"] == "evaluatie_aanpak"


def test_a_score_with_a_remark_keeps_both(domain):
    assert score_and_remark("2, we hadden geen ervaring met online peilingen") == \
        (2, "we hadden geen ervaring met online peilingen")
    assert score_and_remark("redelijk") == (3, None) and score_and_remark("een 8") == (None, None)
    tracker = make_tracker(text="2, we hadden geen ervaring met online peilingen", intent="casus_zoeken",
                           entities=[("methode", "enquete")],
                           slots={"evaluatie_antwoorden": {}, "requested_slot": "evaluatie_score"})
    messages, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["evaluatie_antwoorden"] == {QUESTIONS[0].id: 2}
    assert slots["evaluatie_opmerkingen"] == {QUESTIONS[0].id: "we hadden geen ervaring met online peilingen"}
    assert "Genoteerd: 2, met uw toelichting" in messages[0]["text"]


def test_groups_named_as_hard_to_reach_are_not_the_target_group(domain, db_url):
    from besliswijzer.cases.store import case_facts
    from besliswijzer.storage.db import session_scope

    assert hard_to_reach_groups(["er kwamen veel ouderen, maar jongeren deden nauwelijks mee"]) == ["jongeren"]
    assert hard_to_reach_groups(["we wilden vooral jongeren bereiken"]) == []
    result = run_action(ActionEvaluatieResultaat(), make_tracker(slots={"evaluatie_antwoorden": ANSWERS}),
                        domain)[0][0]["custom"]
    history = [*START, user_event("jongeren deden nauwelijks mee", "situatie_geven", [])]
    tracker = make_tracker(text="/overslaan", intent="overslaan", history=history, slots={
        "evaluatie_antwoorden": ANSWERS, "evaluatie_resultaat": result, "thema": "openbare_ruimte",
        "gemeente": "Deventer", "doelgroep": ["ouderen", "jongeren"],
        "evaluatie_opmerkingen": {QUESTIONS[0].id: "we hadden geen ervaring met online peilingen"},
        "evaluatie_aanpak": {"methodes": ["informatiebijeenkomst"], "tools": ["online_enquete"],
                             "tekst": "wijkavond en online peiling"},
        "evaluatie_verloop": {"tekst": "jongeren deden nauwelijks mee"}})
    messages, _ = run_action(ActionEvaluatieOpslaan(), tracker, domain)
    with session_scope(db_url) as session:
        case = case_facts(session, messages[0]["custom"]["casus_id"])
    assert case["doelgroepen"] == ["ouderen"]
    assert case["titel"].startswith("Informatiebijeenkomst en online enquête over openbare ruimte")
    assert case["origineel"]["aanpak"] == "wijkavond en online peiling"
    assert "geen ervaring met online peilingen" in case["opmerking"]
    assert case["bron"].startswith("eigen evaluatie, Deventer, ")
