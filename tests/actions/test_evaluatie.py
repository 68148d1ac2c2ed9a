"""The assessment: start, topic, scores by button and in words, outcome, consent and saving."""
from besliswijzer.cases.assessment import load_questions

from actions.evaluatie import (ActionAskEvaluatieScore, ActionAskEvaluatieThema, ActionEvaluatieOpslaan,
                               ActionEvaluatieResultaat, ActionEvaluatieStart, ValidateEvaluatieForm)

from tests.support.actions import all_text, make_tracker, run_action, slot_events

QUESTIONS = load_questions()


def all_answers(score=4):
    return {q.id: score for q in QUESTIONS}


def test_start_clears_an_earlier_assessment_and_introduces_the_questions(domain):
    tracker = make_tracker(text="ik wil ons traject evalueren", intent="traject_evalueren",
                           slots={"evaluatie_antwoorden": all_answers(), "evaluatie_score": 4.0})
    messages, events = run_action(ActionEvaluatieStart(), tracker, domain)
    slots = slot_events(events)
    assert slots["evaluatie_antwoorden"] == {} and slots["evaluatie_score"] is None
    assert f"{len(QUESTIONS)} korte vragen" in messages[0]["text"]


def test_a_question_that_asks_for_the_evaluation_gets_its_answer_before_the_first_question(domain):
    """"Hoe evalueer ik een participatietraject?" asks for the evaluation and how it is done: the sourced
    answer first, then the introduction; a plain request gets no answer it did not ask for."""
    tracker = make_tracker(text="Hoe evalueer ik een participatietraject?", intent="traject_evalueren")
    messages, _ = run_action(ActionEvaluatieStart(), tracker, domain)
    assert messages[0]["custom"]["type"] == "kennis" and messages[0]["custom"]["bronnen"]
    assert not messages[0].get("buttons")      # the form asks next; no buttons that lead away
    assert f"{len(QUESTIONS)} korte vragen" in messages[-1]["text"]
    messages, _ = run_action(ActionEvaluatieStart(), make_tracker(text="evalueer ons traject", intent="traject_evalueren"),
                             domain)
    assert len(messages) == 1 and not messages[0].get("custom")


def test_topic_from_free_text(domain):
    tracker = make_tracker(text="het ging over de herinrichting van het park", intent="situatie_geven",
                           slots={"requested_slot": "thema"})
    _, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    assert slot_events(events)["thema"] == "openbare_ruimte"
    assert slot_events(events)["requested_slot"] == "evaluatie_score"


def test_topic_not_understood_is_asked_again_with_buttons(domain):
    tracker = make_tracker(text="tja", intent="situatie_geven", slots={"requested_slot": "thema"})
    _, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    assert slot_events(events)["pogingen"] == {"slot": "thema", "aantal": 1}
    retry = make_tracker(text="tja", slots={"requested_slot": "thema", "pogingen": {"slot": "thema", "aantal": 1}})
    messages, _ = run_action(ActionAskEvaluatieThema(), retry, domain)
    assert "herkende ik niet" in messages[0]["text"] and len(messages[0]["buttons"]) >= 10


def test_first_question_has_score_buttons(domain):
    tracker = make_tracker(slots={"evaluatie_antwoorden": {}, "requested_slot": "evaluatie_score"})
    messages, _ = run_action(ActionAskEvaluatieScore(), tracker, domain)
    question = messages[-1]
    assert question["text"].startswith(f"Vraag 1 van {len(QUESTIONS)}")
    assert QUESTIONS[0].text in question["text"]
    assert [b["payload"] for b in question["buttons"][:5]] == ["1", "2", "3", "4", "5"]


def test_answer_in_words_is_stored_and_the_next_question_follows(domain):
    tracker = make_tracker(text="redelijk", intent="score_geven",
                           slots={"evaluatie_antwoorden": {}, "requested_slot": "evaluatie_score"})
    _, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["evaluatie_antwoorden"] == {QUESTIONS[0].id: 3}
    assert slots["evaluatie_score"] is None and slots["requested_slot"] == "evaluatie_score"


def test_button_payload_digit_counts(domain):
    tracker = make_tracker(text="5", intent="score_geven",
                           slots={"evaluatie_antwoorden": {QUESTIONS[0].id: 3}, "requested_slot": "evaluatie_score"})
    _, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    assert slot_events(events)["evaluatie_antwoorden"][QUESTIONS[1].id] == 5


def test_bad_answer_counts_and_is_explained_after_two(domain):
    tracker = make_tracker(text="een 8", intent="score_geven",
                           slots={"evaluatie_antwoorden": {}, "requested_slot": "evaluatie_score",
                                  "pogingen": {"slot": "evaluatie_score", "aantal": 1}})
    _, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    pogingen = slot_events(events)["pogingen"]
    assert pogingen == {"slot": "evaluatie_score", "aantal": 2}
    ask = make_tracker(slots={"evaluatie_antwoorden": {}, "requested_slot": "evaluatie_score", "pogingen": pogingen})
    messages, _ = run_action(ActionAskEvaluatieScore(), ask, domain)
    assert "Deze vraag gaat over" in messages[0]["text"]
    assert messages[-1]["buttons"][-1]["payload"] == "/overslaan"


def test_skipped_question_is_left_out(domain):
    tracker = make_tracker(text="weet ik niet", intent="weet_niet",
                           slots={"evaluatie_antwoorden": {}, "requested_slot": "evaluatie_score"})
    _, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    assert slot_events(events)["evaluatie_antwoorden"] == {QUESTIONS[0].id: None}


def test_side_question_during_assessment_pauses_it(domain):
    tracker = make_tracker(text="wat bedoel je met terugkoppeling?", intent="uitleg_vragen",
                           slots={"evaluatie_antwoorden": {}, "requested_slot": "evaluatie_score"})
    messages, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    # No slot set (naming the open question again does not count): Rasa rejects the form.
    assert set(slot_events(events)) <= {"requested_slot"} and messages == []


def test_last_answer_completes_the_form(domain):
    answers = all_answers()
    del answers[QUESTIONS[-1].id]
    tracker = make_tracker(text="heel goed", intent="score_geven",
                           slots={"evaluatie_antwoorden": answers, "requested_slot": "evaluatie_score"})
    _, events = run_action(ValidateEvaluatieForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["requested_slot"] is None
    assert slots["evaluatie_score"] > 4


def test_outcome_payload_and_consent_question(domain):
    answers = {q.id: (2 if i % 2 else 5) for i, q in enumerate(QUESTIONS)}
    tracker = make_tracker(slots={"evaluatie_antwoorden": answers})
    messages, events = run_action(ActionEvaluatieResultaat(), tracker, domain)
    payload = messages[0]["custom"]
    assert payload["type"] == "evaluatie" and payload["casus_id"] is None
    assert set(payload["scores"]) == {"effect", "meerwaarde", "houding", "competenties"}
    assert "van de 5" in messages[0]["text"]
    inclusion = payload["inclusie"]
    assert inclusion["score"] is not None
    assert f"inclusie): {inclusion['score']:.1f}".replace(".", ",") in messages[0]["text"]
    for point in inclusion["wat_goed_ging"] + inclusion["wat_beter_kan"]:
        assert point.rstrip(".") in messages[0]["text"]
    assert "Mag ik dit opslaan" in messages[1]["text"]
    assert [b["payload"] for b in messages[1]["buttons"]] == ["/bevestigen", "/ontkennen"]
    assert slot_events(events)["evaluatie_resultaat"] == payload


def test_outcome_without_inclusion_answers_says_so(domain):
    inclusion = {q.id for q in QUESTIONS if q.inclusion}
    answers = {q.id: 4 for q in QUESTIONS if q.id not in inclusion}
    messages, _ = run_action(ActionEvaluatieResultaat(), make_tracker(slots={"evaluatie_antwoorden": answers}), domain)
    assert messages[0]["custom"]["inclusie"]["score"] is None
    assert "geen antwoord" in messages[0]["text"] and "inclusie" in messages[0]["text"]


def test_too_few_answers_gives_the_core_message(domain):
    tracker = make_tracker(slots={"evaluatie_antwoorden": {QUESTIONS[0].id: 4}})
    messages, events = run_action(ActionEvaluatieResultaat(), tracker, domain)
    assert slot_events(events)["evaluatie_resultaat"] is None
    assert "te weinig antwoorden" in all_text(messages)


def test_saving_with_consent_stores_a_case(domain, db_url):
    from besliswijzer.cases.store import get_case
    from besliswijzer.storage.db import session_scope

    answers = all_answers(4)
    result = run_action(ActionEvaluatieResultaat(), make_tracker(slots={"evaluatie_antwoorden": answers}),
                        domain)[0][0]["custom"]
    tracker = make_tracker(text="ja hoor", intent="bevestigen",
                           slots={"evaluatie_antwoorden": answers, "evaluatie_resultaat": result,
                                  "thema": "wonen", "gemeente": "Enschede", "doelgroep": ["ouderen"]})
    messages, events = run_action(ActionEvaluatieOpslaan(), tracker, domain)
    payload = messages[0]["custom"]
    assert payload["type"] == "evaluatie" and payload["casus_id"]
    assert payload["casus_id"] in messages[0]["text"]
    with session_scope(db_url) as session:
        case = get_case(session, payload["casus_id"])
    assert case["thema"] == "wonen" and case["gemeente"] == "Enschede" and case["voorbeeld"] is False
    assert case["doelgroepen"] == ["ouderen"]


def test_saving_when_the_database_is_down_says_so(domain, broken_database):
    answers = all_answers(3)
    result = run_action(ActionEvaluatieResultaat(), make_tracker(slots={"evaluatie_antwoorden": answers}),
                        domain)[0][0]["custom"]
    tracker = make_tracker(text="ja", intent="bevestigen",
                           slots={"evaluatie_antwoorden": answers, "evaluatie_resultaat": result, "thema": "wonen"})
    messages, events = run_action(ActionEvaluatieOpslaan(), tracker, domain)
    assert events == []
    assert "niet bereiken" in messages[0]["text"]
