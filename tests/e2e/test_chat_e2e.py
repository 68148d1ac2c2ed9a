"""End to end: the real web app, Rasa server (trained model) and action server.

Every test talks through POST /api/chat, as the widget and outside clients do.
"""
import re

import pytest

from scripts.stack import ChatClient
from tests.support.chat import customs, texts

pytestmark = pytest.mark.live

DUTCH_WORDS = {"je", "jij", "u", "ik", "de", "het", "een", "en", "van", "wat", "kan", "welkom",
               "hallo", "goedemorgen", "hoi", "met", "voor", "over", "bij"}




def looks_dutch(text):
    words = set(re.findall(r"[a-zà-ÿ]+", text.lower()))
    return len(words & DUTCH_WORDS) >= 2


@pytest.fixture
def chat(live_stack):
    return ChatClient(live_stack.web_url)


def test_greeting_is_answered_in_dutch(chat):
    reply = chat.send("hallo")
    assert reply, "the bot did not answer a greeting"
    assert looks_dutch(texts(reply)), texts(reply)


def test_what_can_you_do_mentions_advice(chat):
    reply = chat.send("wat kun je allemaal?")
    assert "advies" in texts(reply).lower(), texts(reply)


def test_case_search_reads_the_case_database(chat, live_stack):
    reply = chat.send("laat eens voorbeelden zien van participatie bij de energietransitie")
    payloads = customs(reply, "casussen")
    assert payloads, f"no casussen payload in {reply}"
    cases = payloads[0]["casussen"]
    assert cases, "the seeded database has cases, yet none came back"
    for case in cases:
        assert {"id", "titel", "gemeente", "voorbeeld"} <= set(case)


def test_a_short_follow_up_narrows_the_case_search(chat):
    first = customs(chat.send("heb je voorbeelden over veiligheid?"), "casussen")
    assert first and all(c["thema"] == "veiligheid" for c in first[0]["casussen"])
    reply = chat.send("en met jongeren?")
    narrowed = customs(reply, "casussen")
    assert narrowed, f"expected a narrowed search, got: {texts(reply)}"
    assert "jongeren" in texts(reply)
    # either cases on both filters, or the bot says which filter it had to drop
    assert all(c["thema"] == "veiligheid" for c in narrowed[0]["casussen"]) or "zonder" in texts(reply).lower()


def test_gibberish_gets_the_question_what_was_meant(chat):
    reply = chat.send("asdf qwerty dinges blub")
    assert reply and any(m.get("buttons") for m in reply), f"expected choices, got: {reply}"
    assert not texts(reply).lower().startswith("sorry")


def test_advice_skips_what_was_already_said(chat):
    """All facts in one message: the bot sums them up instead of asking again, then advises."""
    reply = chat.send("ik zoek advies voor een traject met ouderen in de wijk over de openbare ruimte, "
                      "we zitten in de beleidsvorming, niveau adviseren, budget 15000 euro en 12 weken")
    summary = texts(reply).lower()
    assert "klopt" in summary, f"expected a summary ending in 'Klopt dit?', got: {summary}"
    assert "ouderen" in summary and "wijk" in summary
    reply = chat.send("ja")
    advice = customs(reply, "advies")
    assert advice, f"no advies payload in {reply}"
    payload = advice[0]
    assert 3 <= len(payload["combinaties"]) <= 5
    assert payload["profiel"]["doelgroep"] == ["ouderen"]
    assert payload["profiel"]["schaal"] == "wijk"
    assert payload["profiel"]["budget_euro"] == 15000
    assert any(c["kanaal"] != "online" for c in payload["combinaties"]), \
        "older residents must get at least one offline or hybrid method"
    assert looks_dutch(texts(reply))


def test_a_crashed_action_server_gives_a_dutch_message_and_the_conversation_goes_on(chat, live_stack):
    assert chat.send("hallo")
    live_stack.stop_action_server()
    try:
        response = chat.post("welke voorbeelden zijn er over veiligheid?")
        if response.status_code >= 500:
            assert looks_dutch(response.json()["error"]), response.text
        else:
            assert looks_dutch(texts(response.json()["messages"])), response.text
    finally:
        live_stack.start_action_server()
    reply = chat.send("welke voorbeelden zijn er over veiligheid?")
    assert customs(reply, "casussen"), f"the conversation did not recover: {reply}"


def test_cases_by_region_and_follow_up_questions(chat):
    """'burgerberaad in Twente', then what came of it, how, which source, one from Overijssel, more like it."""
    from besliswijzer.reference.places import load_regions

    regions = load_regions()
    reply = chat.send("welke voorbeelden zijn er van een burgerberaad in Twente?")
    first = customs(reply, "casussen")
    assert first, f"no cases: {texts(reply)}"
    shown = first[0]["casussen"]
    twente = regions.place("twente")
    # either every case lies in Twente, or the bot says which filter it had to drop
    assert all(regions.contains(twente, c["gemeente"]) for c in shown) or "vond ik niets" in texts(reply)
    assert "Bron" in texts(reply)

    reply = chat.send("en wat kwam daaruit?")
    answer = texts(reply)
    assert shown[0]["titel"] in answer, answer
    assert not customs(reply, "casussen")

    reply = chat.send("hoe hebben ze jongeren bereikt?")
    assert "Zo pakten ze het aan" in texts(reply), texts(reply)

    reply = chat.send("welke bron?")
    cards = customs(reply, "casussen")
    assert cards and [c["id"] for c in cards[0]["casussen"]] == [c["id"] for c in shown], texts(reply)
    assert "Bron" in texts(reply) or "verzonnen voorbeeld" in texts(reply)

    reply = chat.send("heb je er een uit Overijssel?")
    moved = customs(reply, "casussen")
    assert moved, texts(reply)
    overijssel = regions.place("overijssel")
    assert all(regions.contains(overijssel, c["gemeente"]) for c in moved[0]["casussen"]) \
        or "vond ik niets" in texts(reply), texts(reply)
    assert "Overijssel" in texts(reply)

    reply = chat.send("meer zoals de tweede")
    answer = texts(reply)
    assert answer.startswith(("Trajecten die lijken op", "Ik vond geen andere", "Ik liet er maar")), answer


def test_cases_near_the_users_own_municipality(chat):
    reply = chat.send("heb je voorbeelden bij ons in de buurt?")
    assert "In welke gemeente werkt u?" in texts(reply), texts(reply)


def test_an_assessment_saved_with_its_methods_becomes_an_own_evaluation_case(chat, live_stack):
    """After 'ja', the bot asks which methods and tools were used and what happened, then saves a case
    marked as own evaluation, with the methods as catalogue ids and the text as told."""
    from besliswijzer.cases.store import case_facts
    from besliswijzer.storage.db import session_scope

    reply = chat.send("ik wil ons participatietraject evalueren")
    reply = chat.send("het ging over wonen")
    for _ in range(30):
        if "Mag ik dit opslaan" in texts(reply):
            break
        reply = chat.send("4")
    else:
        raise AssertionError(f"no consent question: {texts(reply)}")
    reply = chat.send("ja")
    assert "Welke werkvormen en digitale hulpmiddelen" in texts(reply), texts(reply)
    reply = chat.send("een burgerpanel en een buurtwandeling, met de buurtapp")
    assert "Genoteerd" in texts(reply) and "Wat gebeurde er" in texts(reply), texts(reply)
    reply = chat.send("Er kwamen veertig buurtbewoners; de raad nam het ontwerp over")
    saved = customs(reply, "evaluatie")
    assert saved and saved[0]["casus_id"], texts(reply)
    with session_scope(live_stack.database_url) as session:
        case = case_facts(session, saved[0]["casus_id"])
    assert case["eigen_evaluatie"] is True and case["thema"] == "wonen"
    assert {"burgerpanel", "buurtwandeling"} <= set(case["methodes"]) and "buurtapp" in case["tools"]
    assert case["wat_gebeurde"] == "Er kwamen veertig buurtbewoners; de raad nam het ontwerp over"
