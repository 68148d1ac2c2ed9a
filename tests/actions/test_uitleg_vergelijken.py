"""Explanations of methods, tools and concepts; comparisons of methods and tools."""
from actions.uitleg import ActionUitleg
from actions.vergelijken import ActionVergelijken

from tests.support.actions import make_tracker, run_action


def test_explains_a_method_named_as_entity(domain):
    tracker = make_tracker(text="wat is een burgerberaad?", intent="uitleg_vragen",
                           entities=[("methode", "burgerberaad")])
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["custom"]["type"] == "uitleg"
    assert messages[0]["custom"]["onderwerp"] == "burgerberaad"
    assert messages[0]["text"].startswith("Burgerberaad")


def test_explains_a_concept_found_in_the_words(domain):
    tracker = make_tracker(text="kun je de participatieladder uitleggen", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["custom"]["onderwerp"] == "participatieladder"


def test_explains_a_rung_of_the_ladder(domain):
    tracker = make_tracker(text="wat betekent meebeslissen precies", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["custom"]["onderwerp"] == "meebeslissen"
    assert "We voeren uit wat u besluit" in messages[0]["text"]


def test_two_subjects_offer_the_second_as_button(domain):
    tracker = make_tracker(text="wat zijn pol.is en een burgerpanel", intent="uitleg_vragen",
                           entities=[("methode", "burgerpanel"), ("tool", "polis")])
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["custom"]["onderwerp"] == "burgerpanel"
    assert messages[0]["buttons"][0]["payload"] == '/uitleg_vragen{"tool": "polis"}'


def test_unknown_subject_asks_what_to_explain(domain):
    tracker = make_tracker(text="wat is dat eigenlijk?", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert "Waarover wilt u uitleg?" in messages[0]["text"]
    assert not messages[0]["custom"]
    assert len(messages[0]["buttons"]) == 3


def test_compares_named_methods_for_the_profile(domain):
    tracker = make_tracker(text="vergelijk een enquete met een burgerpanel", intent="methodes_vergelijken",
                           entities=[("methode", "enquete"), ("methode", "burgerpanel")],
                           slots={"doelgroep": ["ouderen"], "schaal": "gemeente"})
    messages, _ = run_action(ActionVergelijken(), tracker, domain)
    payload = messages[0]["custom"]
    assert payload["type"] == "vergelijking"
    assert [i["id"] for i in payload["items"]] == ["enquete", "burgerpanel"] or \
        {i["id"] for i in payload["items"]} == {"enquete", "burgerpanel"}
    text = messages[0]["text"]
    assert "Enquête" in text or "Enquete" in text
    assert "het best" in text


def test_compare_fills_up_from_the_last_advice(domain):
    advice = {"combinaties": [{"methode": "keukentafelgesprek"}, {"methode": "straatgesprek"},
                              {"methode": "enquete"}]}
    tracker = make_tracker(text="vergelijk de eerste twee", intent="methodes_vergelijken",
                           slots={"laatste_advies": advice, "doelgroep": ["ouderen"]})
    messages, _ = run_action(ActionVergelijken(), tracker, domain)
    assert {i["id"] for i in messages[0]["custom"]["items"]} == {"keukentafelgesprek", "straatgesprek"}


def test_compare_with_one_method_asks_for_another(domain):
    tracker = make_tracker(text="vergelijk de enquete", intent="methodes_vergelijken",
                           entities=[("methode", "enquete")])
    messages, _ = run_action(ActionVergelijken(), tracker, domain)
    assert "minstens twee" in messages[0]["text"]
    assert not messages[0]["custom"]


def test_compare_with_an_unknown_id_gives_the_core_message(domain):
    tracker = make_tracker(text="vergelijk enquete met toverstaf", intent="methodes_vergelijken",
                           entities=[("methode", "enquete"), ("methode", "toverstaf_xyz")])
    messages, _ = run_action(ActionVergelijken(), tracker, domain)
    assert "minstens twee" in messages[0]["text"]  # the unknown name is dropped, one is left


def test_what_do_you_mean_inside_the_advice_form_explains_the_open_question(domain):
    tracker = make_tracker(text="wat bedoel je daarmee?", intent="uitleg_vragen", active_loop="advies_form",
                           slots={"requested_slot": "beleidsfase"})
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert "Ik vraag naar de fase" in messages[0]["text"]


def test_what_do_you_mean_inside_the_assessment_explains_the_question(domain):
    from besliswijzer.cases.assessment import load_questions

    first = load_questions()[0]
    tracker = make_tracker(text="wat bedoel je?", intent="uitleg_vragen", active_loop="evaluatie_form",
                           slots={"requested_slot": "evaluatie_score", "evaluatie_antwoorden": {}})
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["text"].startswith("Deze vraag gaat over")
    assert first.criterion.split()[0] in messages[0]["text"]


def test_compares_two_rungs_of_the_ladder(domain):
    tracker = make_tracker(text="wat is het verschil tussen raadplegen en informeren", intent="methodes_vergelijken",
                           entities=[("niveau", "raadplegen"), ("niveau", "informeren")])
    messages, _ = run_action(ActionVergelijken(), tracker, domain)
    payload = messages[0]["custom"]
    assert payload["type"] == "uitleg" and payload["onderwerp"] == "participatieladder"
    assert [t["id"] for t in payload["treden"]] == ["informeren", "raadplegen"]  # lowest rung first
    text = messages[0]["text"]
    assert text.index("Informeren (trede 1)") < text.index("Raadplegen (trede 2)")
    assert "bij raadplegen hebben inwoners meer invloed dan bij informeren" in text


def test_rung_comparison_asked_as_an_explanation(domain):
    tracker = make_tracker(text="leg het verschil uit tussen meebeslissen en coproduceren", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert [t["id"] for t in messages[0]["custom"]["treden"]] == ["coproduceren", "meebeslissen"]
    assert "We voeren uit wat u besluit" in messages[0]["text"]


def test_one_rung_twice_asks_for_two_different_rungs(domain):
    tracker = make_tracker(text="verschil tussen informeren en informatie geven", intent="methodes_vergelijken",
                           entities=[("niveau", "informeren"), ("niveau", "informatie geven")])
    messages, _ = run_action(ActionVergelijken(), tracker, domain)
    assert not messages[0]["custom"]
    assert "Welke methodes of tools" in messages[0]["text"]


def test_a_tie_is_not_called_a_winner():
    from actions.vergelijken import comparison_text
    payload = {"items": [{"id": "ontwerpatelier", "score": 0.72, "voordelen": ["Samen tekenen"], "nadelen": ["Kost tijd"]},
                         {"id": "buurtwandeling", "score": 0.721, "voordelen": ["Ter plekke"], "nadelen": ["Weer"]}]}
    text = comparison_text(payload, with_profile=True)
    assert "even goed" in text and "het best" not in text
    assert "score 72 van 100" in text
