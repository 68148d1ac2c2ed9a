"""Evidence from cases: honest wording, and the learning loop (a saved assessment moves the ranking)."""
import re

from sqlalchemy import select

from besliswijzer.storage import db
from besliswijzer.advice.engine import advise
from besliswijzer.cases.assessment import load_questions, save_evaluation
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.cases.store import get_case
from besliswijzer.advice.evidence import case_weight, evidence_reason, method_evidence
from besliswijzer.storage.models import CaseRow
from besliswijzer.advice.similarity import ScoredCase
from tests.support.advice import YOUTH, ranking

RULES = load_catalogue().rules["bewijs"]
SAY = load_catalogue().texts["waarom"]
GOOD_CLAIM = re.compile(r"Werkte goed in een vergelijkbare casus: '([^']+)'")


def evaluate_in(url, score, method, title):
    """Save an assessment (every answer `score`) of `method`, for the profile YOUTH, as the chat would."""
    with db.session_scope(url) as session:
        return save_evaluation(session, {q.id: score for q in load_questions()},
                               {"titel": title, "gemeente": "Almelo", "thema": "veiligheid", "schaal": "wijk",
                                "niveau": "adviseren", "doelgroepen": ["jongeren"], "methodes": method,
                                "wat_gebeurde": "Drie avonden in het buurthuis."})


def case(**facts):
    base = dict(id="c", titel="Casus", gemeente="Borne", voorbeeld=False, totaal=None, methodes=("enquete",),
                jaar=2024, similarity=1.0)
    return ScoredCase(**{**base, **facts})


def is_own_evaluation(url, case_id):
    with db.session_scope(url) as session:
        case = get_case(session, case_id)
    return case["eigen_evaluatie"] and case["origineel"] == {} and case["uitkomst_bekend"] == "ja"


def test_a_strongly_positive_assessment_moves_the_method_up_with_a_reason_naming_the_case(db_url):
    before = ranking(advise(YOUTH))
    method = before[-1]                                   # the last one shown
    case_id = evaluate_in(db_url, 5, method, "Jongeren over veiligheid in Kerkwijk")
    assert is_own_evaluation(db_url, case_id)
    after = advise(YOUTH)
    assert ranking(after).index(method) < before.index(method)
    why = next(c["waarom"] for c in after["combinaties"] if c["methode"] == method)
    assert "Werkte goed in een vergelijkbare casus: 'Jongeren over veiligheid in Kerkwijk' (Almelo)" in why


def test_a_strongly_negative_assessment_moves_the_method_down(db_url):
    before = advise(YOUTH)
    method = ranking(before)[0]
    evaluate_in(db_url, 1, "we werkten met " + load_catalogue().label("methode", method).lower(), "Mislukte avonden")
    after = advise(YOUTH)
    assert ranking(after).index(method) > 0
    score = {c["methode"]: c["score"] for c in after["combinaties"]}
    assert score[method] < before["combinaties"][0]["score"]
    why = next(c["waarom"] for c in after["combinaties"] if c["methode"] == method)
    assert "Let op: werkte minder goed in 'Mislukte avonden' (Almelo)" in why


def test_free_text_methods_of_an_assessment_map_and_are_kept(db_url):
    case_id = evaluate_in(db_url, 4, "een wijkwandeling en een enquête via de app", "Wandelen in Kerkwijk")
    with db.session_scope(db_url) as session:
        saved = get_case(session, case_id)
    assert saved["methodes"] == ["buurtwandeling", "enquete"]
    assert saved["origineel"]["methoden"] == ["een wijkwandeling en een enquête via de app"]


def test_invented_examples_are_never_evidence(example_url):
    payload = advise({"doelgroep": ["ouderen"], "thema": "zorg_welzijn", "schaal": "wijk", "niveau": "raadplegen"})
    for combo in payload["combinaties"]:
        assert "Werkte goed" not in combo["waarom"] and "minder goed" not in combo["waarom"]
    examples = [c for c in payload["casussen"] if c["voorbeeld"]]
    assert examples                                        # shown as similar, marked as examples, never as proof


def test_advice_for_older_people_cites_only_real_cases_with_sources(db_url):
    payload = advise({"doelgroep": ["ouderen"], "schaal": "wijk", "thema": "openbare_ruimte"})
    assert payload["casussen"]
    for shown in payload["casussen"]:
        assert shown["voorbeeld"] is False
        assert shown["bronnen"] and all(b["url"].startswith("https://") for b in shown["bronnen"])
        assert shown["uitkomst_bekend"] in ("ja", "deels", "nee")


def test_a_good_claim_names_only_a_case_that_shows_it(db_url):
    """Every 'werkte goed' names a case with that method whose outcome is known and judged positive."""
    # the issue's own example profile (ouderen, wijk, openbare ruimte): its advice makes 'werkte goed' claims
    profile = {"doelgroep": ["ouderen"], "schaal": "wijk", "thema": "openbare_ruimte", "gemeente": "Amsterdam"}
    payload = advise(profile)
    claims = [(c["methode"], m) for c in payload["combinaties"] for m in GOOD_CLAIM.findall(c["waarom"])]
    assert claims, [c["waarom"] for c in payload["combinaties"]]
    with db.session_scope(db_url) as session:
        for method, title in claims:
            row = session.execute(select(CaseRow).where(CaseRow.titel == title)).scalar_one()
            assert method in [m.methode_id for m in row.methodes]
            assert (row.uitkomst_bekend == "ja" and row.wat_werkte) or (row.totaal or 0) >= 3.8


def test_wording_follows_what_the_case_shows():
    judged = case(titel="Buurtbudget", uitkomst_bekend="ja", werkte=("veel stemmers",), uitkomst=("80 plannen",))
    unknown = case(titel="Klimaatpanel", uitkomst_bekend="nee")
    results_only = case(titel="Burgertop", uitkomst_bekend="ja", uitkomst=("32 adviezen aangenomen",))
    invented = case(titel="Verzonnen", voorbeeld=True, totaal=5.0)

    def reason(*cases):
        return evidence_reason(method_evidence(cases, 0.35, RULES, this_year=2024)["enquete"], SAY)

    assert reason(judged) == "Werkte goed in een vergelijkbare casus: 'Buurtbudget' (Borne). Volgens de bron: veel stemmers."
    assert reason(unknown) == "In Borne gebruikt bij 'Klimaatpanel'; uitkomst niet bekend."
    assert reason(results_only) == "In Borne gebruikt bij 'Burgertop'; bekend is: 32 adviezen aangenomen."
    assert reason(invented) is None
    assert method_evidence([invented], 0.35, RULES)["enquete"].value == 0.5


def test_a_case_weighs_by_similarity_recency_and_kind():
    recent, old = case(jaar=2024), case(jaar=2008)
    assert case_weight(old, RULES, 2024) == case_weight(recent, RULES, 2024) / 4       # 16 years: two half-lives
    own = case(eigen_evaluatie=True, totaal=4.0)
    assert case_weight(own, RULES, 2024) > case_weight(recent, RULES, 2024)
    assert case_weight(case(similarity=0.5), RULES, 2024) == case_weight(recent, RULES, 2024) / 2
    one, two = (method_evidence([own] * n, 0.35, RULES, 2024)["enquete"].value for n in (1, 2))
    assert 0.5 < one < two < 0.75                           # more cases: closer to what they show (0.75)
