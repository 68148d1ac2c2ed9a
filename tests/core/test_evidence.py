"""Evidence from cases: honest wording, and the learning loop (a saved assessment moves the ranking)."""
import re

import pytest
from sqlalchemy import select

from besliswijzer.cases.mapping import mentions
from besliswijzer.storage import db
from besliswijzer.advice.engine import advise
from besliswijzer.cases.assessment import load_questions, save_evaluation
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.cases.store import get_case
from besliswijzer.advice.evidence import case_weight, evidence_reason, judged_methods, method_evidence
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
    """A similar case; what its source's judgement credits is worked out as the case index does."""
    base = dict(id="c", titel="Casus", gemeente="Borne", voorbeeld=False, totaal=None, methodes=("enquete",),
                jaar=2024, similarity=1.0)
    facts = {**base, **facts}
    facts["credited"] = judged_methods(facts["methodes"], facts.get("werkte"), facts.get("werkte_niet"),
                                       load_catalogue())
    return ScoredCase(**facts)


def is_own_evaluation(url, case_id):
    with db.session_scope(url) as session:
        case = get_case(session, case_id)
    return case["eigen_evaluatie"] and case["origineel"] == {} and case["uitkomst_bekend"] == "ja"


def test_a_strongly_positive_assessment_moves_the_method_up_with_a_reason_naming_the_case(db_url):
    shown = advise(YOUTH)["combinaties"]
    before = [c["methode"] for c in shown]
    # the lowest-ranked method close enough to the one above it for one assessment to pass it
    method = next(shown[i]["methode"] for i in range(len(shown) - 1, 0, -1)
                  if shown[i - 1]["score"] - shown[i]["score"] <= 0.02)
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


@pytest.mark.parametrize("profile", [
    # the issue's own example profile (ouderen, wijk, openbare ruimte) and one with a documented success
    {"doelgroep": ["ouderen"], "schaal": "wijk", "thema": "openbare_ruimte", "gemeente": "Amsterdam"},
    {"doelgroep": ["inwoners"], "schaal": "gemeente", "thema": "klimaatadaptatie", "gemeente": "Amsterdam",
     "niveau": "adviseren"},
])
def test_a_good_claim_names_only_a_case_whose_own_judgement_names_the_method(db_url, profile):
    """Every 'werkte goed' names a case with that method whose outcome is known and whose source's own
    sentence about what worked names that method; the sentence quoted is that one."""
    cat = load_catalogue()
    payload = advise(profile)
    claims = [(c["methode"], m, c["waarom"]) for c in payload["combinaties"] for m in GOOD_CLAIM.findall(c["waarom"])]
    with db.session_scope(db_url) as session:
        for method, title, why in claims:
            row = session.execute(select(CaseRow).where(CaseRow.titel == title)).scalar_one()
            assert method in [m.methode_id for m in row.methodes]
            if row.totaal is None:
                assert row.uitkomst_bekend == "ja"
                quoted = why.split("Volgens de bron: ", 1)[1]
                sentence = next(s for s in row.wat_werkte if quoted.startswith(s.rstrip(".")))
                assert method in [i for _, i in mentions(("methode",), sentence, cat)]
            else:
                assert row.totaal >= 3.8
    if profile["thema"] == "klimaatadaptatie":
        assert ("burgerberaad", "Mini-burgerberaad Klimaat Amsterdam") in [(m, t) for m, t, _ in claims]


def test_what_worked_is_credited_to_no_method_its_text_does_not_name(db_url):
    """Zwolle's Buurt-voor-Buurt survey: 'tweejaarlijkse herhaling' worked, which names no method, so the
    excursion (bustoer) gets no credit; Slotermeer: WhatsApp and languages worked, not the bus or the
    consultation hours. Both cases stay examples of those methods."""
    cat = load_catalogue()
    with db.session_scope(db_url) as session:
        for case_id, methods in (("zwolle-buurt-voor-buurt-onderzoek", ("excursie", "enquete")),
                                 ("amsterdam-buurtbudget-slotermeer-noordoost-2019", ("participatiebus", "spreekuur"))):
            row = session.get(CaseRow, case_id)
            case_methods = [m.methode_id for m in row.methodes]
            assert set(methods) <= set(case_methods) and row.uitkomst_bekend == "ja" and row.wat_werkte
            assert judged_methods(case_methods, row.wat_werkte, row.wat_niet, cat) == ()
            facts = case(titel=row.titel, gemeente=row.gemeente, methodes=tuple(case_methods), jaar=row.jaar,
                         uitkomst_bekend="ja", werkte=tuple(row.wat_werkte), uitkomst=tuple(row.uitkomst or ()))
            for method in methods:
                evidence = method_evidence([facts], 0.35, RULES, this_year=2024)[method]
                assert evidence.value == 0.5 and evidence.good is None and evidence.used is facts
                assert evidence_reason(evidence, SAY).startswith(f"In {row.gemeente} gebruikt bij '{row.titel}'")
    for profile in ({"doelgroep": ["inwoners"], "schaal": "gemeente", "thema": "veiligheid", "gemeente": "Zwolle"},
                    {"doelgroep": ["ouderen", "nieuwkomers"], "schaal": "buurt", "thema": "openbare_ruimte",
                     "gemeente": "Amsterdam"}):
        for combo in advise(profile)["combinaties"]:
            assert "tweejaarlijkse herhaling" not in combo["waarom"] and "meertalige" not in combo["waarom"]


def test_wording_follows_what_the_case_shows():
    judged = case(titel="Buurtbudget", uitkomst_bekend="ja", werkte=("de enquête bracht veel stemmers",),
                  uitkomst=("80 plannen",))
    unnamed = case(titel="Buurtfeest", uitkomst_bekend="ja", werkte=("veel stemmers",), uitkomst=("80 plannen",))
    unknown = case(titel="Klimaatpanel", uitkomst_bekend="nee")
    results_only = case(titel="Burgertop", uitkomst_bekend="ja", uitkomst=("32 adviezen aangenomen",))
    invented = case(titel="Verzonnen", voorbeeld=True, totaal=5.0)

    def reason(*cases):
        return evidence_reason(method_evidence(cases, 0.35, RULES, this_year=2024)["enquete"], SAY)

    assert reason(judged) == ("Werkte goed in een vergelijkbare casus: 'Buurtbudget' (Borne). "
                              "Volgens de bron: de enquête bracht veel stemmers.")
    assert reason(unnamed) == "In Borne gebruikt bij 'Buurtfeest'; bekend is: 80 plannen."   # an example, no proof
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
