"""Fallback (likeliest intents as Dutch buttons), starting over, loose answers."""
from actions.basis import ActionLosAntwoord, ActionOpnieuwBeginnen
from actions.fallback import ActionDefaultAskAffirmation, ActionDefaultAskRephrase, ActionDefaultFallback

from tests.support.actions import make_tracker, run_action

RANKING = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "casus_zoeken", "confidence": 0.3},
           {"name": "uitleg_vragen", "confidence": 0.2}, {"name": "bevestigen", "confidence": 0.05},
           {"name": "advies_vragen", "confidence": 0.04}, {"name": "bedanken", "confidence": 0.01}]


def test_affirmation_offers_the_likeliest_intents_in_plain_dutch(domain):
    tracker = make_tracker(text="iets met de buurt en zo", intent="nlu_fallback", intent_ranking=RANKING,
                           entities=[("schaal", "buurt")])
    messages, _ = run_action(ActionDefaultAskAffirmation(), tracker, domain)
    buttons = messages[0]["buttons"]
    assert [b["title"] for b in buttons] == ["Voorbeelden uit andere gemeenten", "Uitleg over een methode of begrip",
                                             "Advies voor een participatietraject", "Iets anders"]
    assert buttons[0]["payload"] == '/casus_zoeken{"schaal": "buurt"}'
    assert buttons[-1]["payload"] == "/out_of_scope"
    assert "sorry" not in messages[0]["text"].lower()


def test_affirmation_always_offers_a_choice(domain):
    tracker = make_tracker(text="???", intent="nlu_fallback",
                           intent_ranking=[{"name": "nlu_fallback", "confidence": 0.9}])
    messages, _ = run_action(ActionDefaultAskAffirmation(), tracker, domain)
    assert len(messages[0]["buttons"]) >= 3


def test_rephrase_gives_an_example(domain):
    messages, _ = run_action(ActionDefaultAskRephrase(), make_tracker(text="x"), domain)
    assert "Bijvoorbeeld" in messages[0]["text"]


def test_final_fallback_reverts_the_message_and_offers_the_main_choices(domain):
    messages, events = run_action(ActionDefaultFallback(), make_tracker(text="x"), domain)
    assert events == [{"event": "rewind", "timestamp": None}] or events[0]["event"] == "rewind"
    assert len(messages[0]["buttons"]) == 4


def test_start_over_resets_every_slot(domain):
    tracker = make_tracker(text="opnieuw", intent="opnieuw_beginnen", slots={"doelgroep": ["ouderen"]})
    messages, events = run_action(ActionOpnieuwBeginnen(), tracker, domain)
    assert events[0]["event"] == "reset_slots"
    assert "opnieuw" in messages[0]["text"]


def test_loose_answer_offers_the_main_choices(domain):
    messages, _ = run_action(ActionLosAntwoord(), make_tracker(text="ja", intent="bevestigen"), domain)
    assert messages[0]["buttons"][0]["payload"] == "/advies_vragen"


def test_advice_follow_ups_are_only_offered_once_there_is_an_advice(domain):
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "meer_opties", "confidence": 0.3},
               {"name": "waarom_vragen", "confidence": 0.1}, {"name": "casus_zoeken", "confidence": 0.1}]
    before = make_tracker(text="asdkjh qwe", intent="nlu_fallback", intent_ranking=ranking)
    messages, _ = run_action(ActionDefaultAskAffirmation(), before, domain)
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert not any(p.startswith(("/meer_opties", "/waarom_vragen")) for p in payloads)
    after = make_tracker(text="asdkjh qwe", intent="nlu_fallback", intent_ranking=ranking,
                         slots={"laatste_advies": {"profiel": {"doelgroep": ["ouderen"]}}})
    messages, _ = run_action(ActionDefaultAskAffirmation(), after, domain)
    assert messages[0]["buttons"][0]["payload"] == "/meer_opties"


def test_ja_after_the_offer_to_help_starts_the_advice_form(domain):
    from actions.basis import ActionLosAntwoord
    from actions.teksten import tekst
    from tests.support.actions import make_tracker, run_action

    history = [{"event": "bot", "text": tekst("advies.waarom_geen_advies")}]
    tracker = make_tracker(text="ja", intent="bevestigen", history=history)
    messages, events = run_action(ActionLosAntwoord(), tracker, domain)
    assert events == [{"event": "followup", "name": "advies_form", "timestamp": None}] and messages == []
    tracker = make_tracker(text="ja", intent="bevestigen")
    messages, events = run_action(ActionLosAntwoord(), tracker, domain)
    assert events == [] and messages
