"""The assessment frame: scores per pillar, strengths and improvement points, saving as a case."""
import json
import re

import pytest
from sqlalchemy import select

from besliswijzer.cases.assessment import evaluate, load_questions, save_assessment
from besliswijzer.cases.store import get_case, search_cases
from besliswijzer.errors import AssessmentError
from besliswijzer.storage.models import AssessmentRow
from tests.support.cases import answers

QUESTIONS = load_questions()


def test_scores_per_pillar_and_total():
    result = evaluate(answers(4, invloed=2, terugkoppeling=1, verandering=3))
    assert result["type"] == "evaluatie" and result["casus_id"] is None
    assert result["scores"]["effect"] == 2.0
    assert result["scores"]["meerwaarde"] == 4.0
    assert result["totaal"] == round((2.0 + 4.0 + 4.0 + 4.0) / 4, 2)


def test_improvement_points_follow_the_weakest_answers():
    by_id = {q.id: q for q in QUESTIONS}
    result = evaluate(answers(5, bereik=1, kaders=2, reflectie=3, begeleiding=3))
    assert result["verbeterpunten"] == [by_id["bereik"].improvement, by_id["kaders"].improvement,
                                        by_id["begeleiding"].improvement]
    assert len(result["sterk"]) == 3 and by_id["invloed"].strength in result["sterk"]


def test_all_strong_means_no_improvement_points():
    result = evaluate(answers(5))
    assert result["verbeterpunten"] == [] and result["totaal"] == 5.0


def test_partial_answers_need_every_pillar():
    partial = {"invloed": 3, "bereik": 4, "kaders": 2, "reflectie": 5}
    assert evaluate(partial)["scores"] == {"effect": 3.0, "meerwaarde": 4.0, "houding": 2.0, "competenties": 5.0}
    with pytest.raises(AssessmentError) as err:
        evaluate({"invloed": 3})
    assert "meerwaarde" in err.value.message


@pytest.mark.parametrize("bad", [{}, {"invloed": 6}, {"invloed": 0}, {"onbekend": 3}, {"invloed": "vier"}])
def test_bad_answers_are_refused(bad):
    with pytest.raises(AssessmentError):
        evaluate(bad)


def test_save_assessment_stores_a_case_and_a_row(session):
    meta = {"titel": "Wijkgesprekken Noord", "gemeente": "Enschede", "thema": "zorg welzijn",
            "methodes": ["keukentafelgesprek"], "doelgroepen": ["ouderen"]}
    case_id = save_assessment(session, answers(4, bereik=2), meta)
    case = get_case(session, case_id)
    assert case["titel"] == "Wijkgesprekken Noord" and case["voorbeeld"] is False
    assert case["thema"] == "zorg_welzijn" and case["methodes"] == ["keukentafelgesprek"]
    row = session.execute(select(AssessmentRow).where(AssessmentRow.case_id == case_id)).scalar_one()
    assert json.loads(row.antwoorden)["bereik"] == 2
    assert row.totaal == evaluate(answers(4, bereik=2))["totaal"]
    assert case_id in [c["id"] for c in search_cases(session, tekst="Wijkgesprekken", limit=0)]
    second = save_assessment(session, answers(3), meta)
    assert second != case_id
    assert re.fullmatch(r"evaluatie-\d{8}-\d{6}-zorg-welzijn(-\d+)?", case_id), case_id


def test_save_assessment_needs_a_theme(session):
    with pytest.raises(AssessmentError) as err:
        save_assessment(session, answers(4), {"titel": "X"})
    assert "thema" in err.value.message


def test_the_assessment_says_what_was_done_for_inclusion():
    from besliswijzer.cases.assessment import evaluate, load_questions

    answers = {q.id: 4 for q in load_questions()}
    answers["inclusie_vaardigheden"] = 2
    inclusion = evaluate(answers)["inclusie"]
    assert inclusion["score"] == 3.0
    assert any("vaste gezichten" in t for t in inclusion["wat_goed_ging"])
    assert any("B1" in t for t in inclusion["wat_beter_kan"])


def test_the_payload_carries_the_figures_as_the_chat_words_them():
    from besliswijzer import payloads
    from besliswijzer.text.dutch import getal

    # effect 1.67, the rest 3 and 4: a total with more decimals than the chat says
    result = evaluate(answers(4, invloed=1, terugkoppeling=2, verandering=2, kaders=3, bereik=3))
    assert result["totaal_tekst"] == getal(result["totaal"]) and "," in result["totaal_tekst"]
    assert result["scores_tekst"] == {p: getal(s) for p, s in result["scores"].items()}
    assert result["inclusie"]["score_tekst"] == getal(result["inclusie"]["score"])
    assert payloads.problems(result) == []


def test_a_saved_evaluation_reads_as_a_case(session):
    """Outcome (the team's own judgement), what went well and what can be better, and its own source."""
    import datetime as dt

    from besliswijzer.cases.store import case_facts
    from besliswijzer.cases.texts import case_detail, outcome_text, source_line
    from besliswijzer.text.dutch import datum

    meta = {"titel": "Wijkavond en online peiling", "gemeente": "Deventer", "thema": "openbare_ruimte",
            "methodes": ["informatiebijeenkomst"], "tools": ["online_enquete"],
            "aanpak": "een wijkavond in het buurthuis en een online peiling via de website",
            "wat_gebeurde": "Veel buurtbewoners kwamen, jongeren deden nauwelijks mee.",
            "opmerkingen": ["Terugkoppeling: we hadden geen ervaring met online peilingen"]}
    result = evaluate(answers(4, bereik=2, invloed=3))
    case = case_facts(session, save_assessment(session, answers(4, bereik=2, invloed=3), meta))
    assert case["uitkomst_bekend"] == "ja"
    assert case["uitkomst"][0].startswith("Eigen oordeel van het team: gemiddeld "
                                          + result["totaal_tekst"] + " van de 5")
    assert "effect " + result["scores_tekst"]["effect"] in case["uitkomst"][0]
    assert case["resultaat"] and case["wat_werkte"] == result["sterk"] and case["wat_niet"] == result["verbeterpunten"]
    today = datum(dt.datetime.now(dt.timezone.utc).date())
    assert source_line(case) == f"Bron: eigen evaluatie, Deventer, {today}."
    assert "Uitkomst niet bekend" not in outcome_text(case) and "Eigen oordeel van het team" in outcome_text(case)
    detail = case_detail(case)
    for text in ("Methodes: informatiebijeenkomst", "Tools: online_enquete", "Uitkomst (bekend):",
                 "Eigen oordeel van het team", "Aanpak in eigen woorden: een wijkavond in het buurthuis",
                 "jongeren deden nauwelijks mee", "Wat beter kan (volgens het team):",
                 f"eigen evaluatie, Deventer, {today}", "geen ervaring met online peilingen"):
        assert text in detail, (text, detail)


def test_an_own_evaluation_saved_before_its_outcome_was_written_still_reads_as_one(session):
    """Older own evaluations have scores but no outcome lines: the list shows the scores, not ': .'."""
    from besliswijzer.cases.store import case_facts
    from besliswijzer.cases.texts import outcome_text, source_line
    from besliswijzer.storage.models import CaseRow

    case_id = save_assessment(session, answers(4), {"gemeente": "Deventer", "thema": "wonen",
                                                    "bron": "Zelfevaluatie met het beoordelingskader"})
    row = session.get(CaseRow, case_id)
    row.resultaat, row.uitkomst = None, []
    session.flush()
    case = case_facts(session, case_id)
    assert case["resultaat"] == "Eigen oordeel van het team: gemiddeld 4,0 van de 5"
    assert outcome_text(case).startswith("Eigen oordeel van het team")
    assert source_line(case) == "Bron: Zelfevaluatie met het beoordelingskader."
