"""After an own evaluation: a fair comparison with elsewhere, and which of the shown cases worked best."""
from besliswijzer.cases.assessment import load_questions

from actions.casus_vervolg import ActionCasusDoorvragen
from actions.casussen import ActionCasussenZoeken
from actions.evaluatie import ActionEvaluatieOpslaan, ActionEvaluatieResultaat

from tests.support.actions import make_tracker, run_action, slot_events

ANSWERS = {q.id: (2 if q.pillar == "meerwaarde" else 4) for q in load_questions()}
QUESTION = "zijn er vergelijkbare trajecten elders die beter werkten, vooral hoe ze jongeren erbij kregen?"


def saved_evaluation(domain, gemeente="Deventer"):
    result = run_action(ActionEvaluatieResultaat(), make_tracker(slots={"evaluatie_antwoorden": ANSWERS}),
                        domain)[0][0]["custom"]
    tracker = make_tracker(text="/overslaan", intent="overslaan", slots={
        "evaluatie_antwoorden": ANSWERS, "evaluatie_resultaat": result, "thema": "openbare_ruimte",
        "gemeente": gemeente,
        "evaluatie_aanpak": {"methodes": ["informatiebijeenkomst"], "tools": ["online_enquete"],
                             "tekst": "wijkavond en online peiling"},
        "evaluatie_verloop": {"tekst": "Veel buurtbewoners kwamen, jongeren deden nauwelijks mee."}})
    messages, events = run_action(ActionEvaluatieOpslaan(), tracker, domain)
    return slot_events(events)["evaluatie_resultaat"]


def test_better_elsewhere_compares_without_the_teams_own_case(domain, db_url):
    own = saved_evaluation(domain)
    # another own evaluation of the same municipality is not "elsewhere" either
    saved_evaluation(domain)
    tracker = make_tracker(text=QUESTION, intent="casus_zoeken", entities=[("doelgroep", "jongeren")],
                           slots={"evaluatie_resultaat": own, "gemeente": "Deventer"})
    messages, events = run_action(ActionCasussenZoeken(), tracker, domain)
    text = messages[0]["text"]
    shown = slot_events(events)["casus_lijst"]
    assert shown and own["casus_id"] not in shown
    assert all(not c.startswith("evaluatie-") for c in shown)
    assert "Uw eigen evaluatie" in text and "eigen oordeel" in text and "Het zwakst was meerwaarde" in text
    assert text.count("Uitkomst volgens de bronnen:") == len(shown)
    assert "Over jongeren zeggen de bronnen" in text
    # what a source says about young people is quoted from the case itself
    assert "antwerpen-burgerbegroting" in shown
    assert "mensen in armoede, jongeren, NT2-leerders (gerichte werving)" in text
    assert messages[0]["custom"]["type"] == "casussen"


def test_which_worked_best_ranks_with_reasons(domain, db_url):
    own = saved_evaluation(domain)
    tracker = make_tracker(text=QUESTION, intent="casus_zoeken", entities=[("doelgroep", "jongeren")],
                           slots={"evaluatie_resultaat": own, "gemeente": "Deventer"})
    _, events = run_action(ActionCasussenZoeken(), tracker, domain)
    shown = slot_events(events)["casus_lijst"]
    history = [{"event": "user", "text": QUESTION, "parse_data": {"intent": {"name": "casus_zoeken"}}}]
    messages, _ = run_action(ActionCasusDoorvragen(), make_tracker(
        text="welke van deze werkte het best?", intent="casus_doorvragen", history=history,
        slots={"casus_lijst": shown, "evaluatie_resultaat": own}), domain)
    text = messages[0]["text"]
    assert text.startswith("Zo zou ik ze rangschikken")
    assert all(f"{n}. " in text for n in range(1, len(shown) + 1))
    assert "uitkomst bekend uit de bronnen" in text and "Uitkomst niet bekend" not in text


def test_an_own_case_with_scores_is_never_outcome_not_known(domain, db_url):
    from besliswijzer.cases.comparison import rank_best
    from besliswijzer.cases.store import case_facts
    from besliswijzer.storage.db import session_scope

    own = saved_evaluation(domain)
    with session_scope(db_url) as session:
        case = case_facts(session, own["casus_id"])
    (ranked, reasons), = rank_best([case])
    assert ("bekend", "ja", None) in reasons
    assert any(kind == "totaal" and extra == "eigen oordeel van het team" for kind, _, extra in reasons)
