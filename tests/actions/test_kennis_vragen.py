"""Open questions answered from the knowledge base by its words (actions/kennis.py): several questions
in one message, an honest answer when nothing is sure, the fallback and case follow-ups that turn
out to be open questions, and sources on every explanation."""
from rasa_sdk.executor import CollectingDispatcher

from actions.casus_vervolg import ActionCasusDoorvragen
from actions.fallback import ActionOpenVraag
from actions.kennis import split_questions, sure_topic, tip_for_request
from actions.uitleg import ActionUitleg
from besliswijzer import payloads
from besliswijzer.reference import retrieval
from tests.support.actions import all_text, make_tracker, run_action, slot_events


def kinds(messages):
    return [(m.get("custom") or {}).get("type") for m in messages]


def topics(messages):
    return [(m.get("custom") or {}).get("onderwerp") for m in messages if m.get("custom")]


def test_several_questions_are_each_answered_in_order(domain):
    text = "Wat is een burgerberaad? En hoe bindend is de uitkomst van een burgerpanel?"
    messages, events = run_action(ActionUitleg(), make_tracker(text=text, intent="uitleg_vragen"), domain)
    assert topics(messages) == ["burgerberaad", "bindende_uitkomst"]
    assert kinds(messages) == ["uitleg", "kennis"]
    assert not messages[0]["buttons"] and messages[-1]["buttons"]      # follow-ups once, at the end
    assert events == []


def test_a_statement_before_a_question_is_its_context():
    questions = split_questions("We bouwen een nieuwe wijk. Hoe betrek ik de buurt? En wie betaalt dat?")
    assert [q.own for q in questions] == ["Hoe betrek ik de buurt?", "En wie betaalt dat?"]
    assert questions[0].text == "We bouwen een nieuwe wijk. Hoe betrek ik de buurt?"


def test_a_long_scene_does_not_drown_the_question_it_sets():
    """The question alone names its subject; the scene before it is about something else."""
    text = ("We bouwen tweehonderd nieuwe woningen bij het station en de buurt maakt zich zorgen over verkeer, "
            "geluid en groen. Hoe werkt loting?")
    question = split_questions(text)[0]
    assert retrieval.best(question.text, kinds=("kennis",)).answer.ident == "participatie_woningbouw"
    assert sure_topic(question) == "loting"


def test_a_question_without_a_subject_is_read_with_its_scene():
    question = split_questions("We willen de terugkoppeling aan deelnemers goed regelen. Hoe pakken we dat aan?")[0]
    assert retrieval.best(question.own, kinds=("kennis",)).answer is None
    assert sure_topic(question) == "terugkoppeling"


def test_a_tip_before_the_advice_form_reads_the_question_past_its_scene(domain):
    text = ("We bouwen tweehonderd nieuwe woningen bij het station en de buurt maakt zich zorgen over verkeer, "
            "geluid en groen. Hoe werkt loting?")
    dispatcher = CollectingDispatcher()
    tip_for_request(dispatcher, make_tracker(text=text, intent="advies_vragen"))
    assert topics(dispatcher.messages) == ["loting"]


def test_a_tip_before_the_form_stays_short_without_its_options(domain):
    dispatcher = CollectingDispatcher()
    tip_for_request(dispatcher, make_tracker(text="Online participatie of een avond?", intent="advies_vragen"))
    assert topics(dispatcher.messages) == ["online_offline"]
    assert "opties" not in dispatcher.messages[0]["custom"] and "Naast elkaar" not in dispatcher.messages[0]["text"]


def test_without_a_sure_answer_the_bot_says_so_offers_topics_and_marks_the_inbox(domain):
    tracker = make_tracker(text="hoe zit het met de kosten van de nieuwe dakgoot", intent="uitleg_vragen")
    messages, events = run_action(ActionUitleg(), tracker, domain)
    assert "geen antwoord" in all_text(messages) and "beheerders" in all_text(messages)
    assert not any(m.get("custom") for m in messages)
    assert slot_events(events)["onbeantwoord"] is True


def test_one_of_two_questions_without_answer_is_said_and_marked(domain):
    text = "Hoe bindend is de uitkomst van een burgerpanel? En wat vindt u van de dakgoot?"
    messages, events = run_action(ActionUitleg(), make_tracker(text=text, intent="uitleg_vragen"), domain)
    assert topics(messages) == ["bindende_uitkomst"]
    assert "een van uw vragen" in all_text(messages)
    assert slot_events(events)["onbeantwoord"] is True


def test_the_fallback_answers_an_open_question_it_finds_in_the_knowledge_base(domain):
    tracker = make_tracker(text="wat doe je als de raad het advies van het burgerberaad niet overneemt?",
                           intent="nlu_fallback", intent_ranking=[{"name": "nlu_fallback", "confidence": 0.5}])
    messages, _ = run_action(ActionOpenVraag(), tracker, domain)
    assert topics(messages) == ["bindende_uitkomst"]


def test_the_fallback_without_answer_offers_topics_meanings_and_something_else(domain):
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "casus_zoeken", "confidence": 0.3}]
    tracker = make_tracker(text="iets met de buurt en zo", intent="nlu_fallback", intent_ranking=ranking)
    messages, events = run_action(ActionOpenVraag(), tracker, domain)
    payloads_ = [b["payload"] for b in messages[-1]["buttons"]]
    assert payloads_[-1] == "/wat_kun_je" and any(p.startswith("/casus_zoeken") for p in payloads_)
    assert "sorry" not in all_text(messages).lower()
    assert slot_events(events)["onbeantwoord"] is True


def test_a_difference_question_is_not_a_method_by_a_loose_match(domain):
    tracker = make_tracker(text="wat is het verschil tussen inspraak en participatie?", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert topics(messages) == ["inspraak_participatie_zienswijze"]


def test_a_topic_with_options_puts_them_side_by_side_in_text_and_payload(domain):
    tracker = make_tracker(text="wat is het verschil tussen inspraak en participatie?", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    custom, text = messages[0]["custom"], messages[0]["text"]
    assert [o["naam"] for o in custom["opties"]] == ["Participatie", "Inspraak", "Zienswijze"]
    assert payloads.problems(custom) == []
    # the chat text holds the options in the topic's order, before the sources
    assert text.index("• Participatie:") < text.index("• Inspraak:") < text.index("• Zienswijze:") < text.index("Bronnen:")
    assert "Minpunten: komt pas aan het eind" in text


def test_a_question_weighing_options_reaches_the_topic_with_options_through_the_action(domain):
    """Not an example question: the scores alone tie, the form of the question decides."""
    tracker = make_tracker(text="Online participatie of een avond?", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["custom"]["type"] == "kennis" and messages[0]["custom"]["onderwerp"] == "online_offline"
    assert "• Online:" in messages[0]["text"]


def test_options_come_only_when_the_question_weighs_them_or_the_topic_is_chosen(domain):
    plain = make_tracker(text="wat is inspraak eigenlijk?", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), plain, domain)
    assert messages[0]["custom"]["onderwerp"] == "inspraak_participatie_zienswijze"
    assert "opties" not in messages[0]["custom"] and "Naast elkaar" not in messages[0]["text"]
    button = make_tracker(text='/uitleg_vragen{"kennis_onderwerp": "inspraak_participatie_zienswijze"}',
                          intent="uitleg_vragen",
                          entities=[("kennis_onderwerp", "inspraak_participatie_zienswijze")])
    messages, _ = run_action(ActionUitleg(), button, domain)
    assert len(messages[0]["custom"]["opties"]) == 3 and "Naast elkaar" in messages[0]["text"]


def test_a_title_that_is_a_question_gets_no_extra_full_stop(domain):
    tracker = make_tracker(text="Hoe bindend is de uitkomst van een burgerberaad?", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["text"].startswith("Hoe bindend is de uitkomst van een burgerberaad of burgerpanel? Een")
    assert "?." not in messages[0]["text"]


def test_a_topic_without_options_has_no_side_by_side(domain):
    tracker = make_tracker(text="Hoe bindend is de uitkomst van een burgerberaad?", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    custom = messages[0]["custom"]
    assert custom["type"] == "kennis" and custom["onderwerp"] == "bindende_uitkomst"
    assert "opties" not in custom and "Naast elkaar" not in messages[0]["text"]


def test_a_follow_up_on_cases_never_shown_is_an_open_question(domain):
    tracker = make_tracker(text="Hoe bindend is de uitkomst van een burgerpanel?", intent="casus_doorvragen")
    messages, _ = run_action(ActionCasusDoorvragen(), tracker, domain)
    assert topics(messages) == ["bindende_uitkomst"]


def test_every_explanation_carries_its_sources(domain):
    for text in ("wat is een burgerberaad", "wat is polis", "wat is de participatieladder", "wat is raadplegen"):
        messages, _ = run_action(ActionUitleg(), make_tracker(text=text, intent="uitleg_vragen"), domain)
        custom = messages[0]["custom"]
        assert custom["type"] == "uitleg" and custom["bronnen"], text
        assert payloads.problems(custom) == []
        assert "Bronnen:" in messages[0]["text"]


def test_benefits_and_other_services_are_not_this_bots_subject(domain):
    for text in ("Hoe hoog is de bijstand voor een alleenstaande?", "Wat is de overheid van plan met de uitkeringen?"):
        messages, _ = run_action(ActionUitleg(), make_tracker(text=text, intent="uitleg_vragen"), domain)
        assert [m.get("response") for m in messages] == ["utter_buiten_bereik"], text


def test_why_before_any_advice_is_an_open_question(domain):
    from actions.advies import ActionWaarom

    tracker = make_tracker(text="Waarom een burgerpanel?", intent="waarom_vragen",
                           entities=[("methode", "burgerpanel")])
    messages, _ = run_action(ActionWaarom(), tracker, domain)
    assert messages[0]["custom"]["type"] in ("uitleg", "kennis") and messages[0]["custom"]["bronnen"]


def test_a_comparison_naming_one_known_method_gets_a_sourced_answer(domain):
    from actions.vergelijken import ActionVergelijken

    tracker = make_tracker(text="Burgerpanel of iets anders?", intent="methodes_vergelijken",
                           entities=[("methode", "burgerpanel")])
    messages, _ = run_action(ActionVergelijken(), tracker, domain)
    assert messages[0]["custom"]["type"] in ("uitleg", "kennis") and messages[0]["custom"]["bronnen"]
    tracker = make_tracker(text="vergelijk het burgerpanel", intent="methodes_vergelijken",
                           entities=[("methode", "burgerpanel")])
    messages, _ = run_action(ActionVergelijken(), tracker, domain)
    assert "minstens twee" in messages[0]["text"]


def test_a_case_search_without_any_word_for_examples_can_be_an_open_question(domain):
    from actions.casussen import ActionCasussenZoeken

    tracker = make_tracker(text="Hoe bindend is de uitkomst van een burgerpanel?", intent="casus_zoeken")
    messages, _ = run_action(ActionCasussenZoeken(), tracker, domain)
    assert topics(messages) == ["bindende_uitkomst"]


def test_a_method_or_ervaringsdeskundigen_is_no_request_for_examples(domain):
    """"kiezen tussen projecten" and "ervaringsdeskundigen" ask for no examples; "projecten in Twente" and
    "ervaring met polis" do."""
    from actions.casussen import ActionCasussenZoeken
    from actions.uitleg import ASKS_FOR_CASES

    tracker = make_tracker(text="Gaat een burgerbegroting alleen over het kiezen tussen projecten?", intent="casus_zoeken",
                           entities=[("methode", "burgerbegroting")])
    messages, _ = run_action(ActionCasussenZoeken(), tracker, domain)
    assert topics(messages) == ["burgerbegroting_uitleg"]
    assert not ASKS_FOR_CASES.search("Waar vind ik ervaringsdeskundigen voor ons panel?")
    for text in ("heeft Enschede ervaring met polis", "zijn er projecten in Twente", "welke trajecten zijn er"):
        assert ASKS_FOR_CASES.search(text), text


def test_what_can_you_do_tells_what_the_bot_can_do(domain):
    from actions.basis import ActionWatKunJe

    for text in ("wat kun je allemaal?", "wat kan ik van je verwachten", "hoe werkt deze besliswijzer eigenlijk"):
        messages, _ = run_action(ActionWatKunJe(), make_tracker(text=text, intent="wat_kun_je"), domain)
        assert [m.get("response") for m in messages] == ["utter_wat_kun_je"], text


def test_a_question_that_only_sounds_like_what_can_you_do_gets_its_sourced_answer(domain):
    from actions.basis import ActionWatKunJe

    tracker = make_tracker(text="Wat houdt Right to Challenge in?", intent="wat_kun_je")
    messages, _ = run_action(ActionWatKunJe(), tracker, domain)
    assert topics(messages) == ["uitdaagrecht"] and messages[0]["custom"]["bronnen"]   # the catalogue's method
    tracker = make_tracker(text="Hoe kom je aan een wijkbudget in Rotterdam?", intent="wat_kun_je")
    messages, _ = run_action(ActionWatKunJe(), tracker, domain)
    assert [m.get("response") for m in messages] == ["utter_wat_kun_je"]   # "je": spoken to the bot


def test_why_before_any_advice_about_a_subject_without_sure_answer_says_so_honestly(domain):
    """"Waarom ...?" about a subject, with no advice given yet and no sure answer: the honest 'not sure'
    with the closest topics (and the inbox), not the offer to make an advice; a bare "waarom?" keeps it."""
    from actions.advies import ActionWaarom

    tracker = make_tracker(text="Waarom kiest de gemeente voor gesprekken met de buurt over het nieuwe plein?",
                           intent="waarom_vragen")
    messages, events = run_action(ActionWaarom(), tracker, domain)
    assert messages[0]["buttons"] and slot_events(events).get("onbeantwoord") is True
    messages, _ = run_action(ActionWaarom(), make_tracker(text="waarom?", intent="waarom_vragen"), domain)
    assert "nog geen advies" in messages[0]["text"]
