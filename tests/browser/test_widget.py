"""The widget in a real browser, in front of the Rasa double: rendering, focus, safety, storage.

The double lets these tests send payloads the real bot never would (XSS attempts, every
payload type at once). The conversation with the real bot is in test_conversation.py.
"""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from besliswijzer.cases.assessment import pillar_names
from besliswijzer.cases.store import cases_payload
from besliswijzer.reference.catalogue import load_catalogue
from tests.support.widget_driver import SCREENSHOTS
from tests.support.widget_driver import (BOT, INPUT, LOG, USER, bot_count, focused_is_input, open_widget,
                                         run_axe, send_by_keyboard, show_top_of, tab_to_button, tab_to_input,
                                         wait_for_answer)
from tests.support.rasa_double import advice_payload

pytestmark = pytest.mark.browser

XSS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=1</script>",
    '"><svg onload="window.__xss=1">',
    "javascript:window.__xss=1",
    "<a href=\"javascript:window.__xss=1\">klik</a>",
]

EVALUATION = {"type": "evaluatie",
              "scores": {"effect": 3.5, "meerwaarde": 4.0, "houding": 2.5, "competenties": 3.0},
              "totaal": 3.25, "totaal_tekst": "3,3", "sterk": ["Je gaf deelnemers terugkoppeling."],
              "verbeterpunten": ["Betrek inwoners eerder."], "casus_id": None,
              "inclusie": {"score": 2.5, "wat_goed_ging": [],
                           "wat_beter_kan": ["Bied altijd een manier zonder internet."]},
              "pijler_namen": pillar_names()}


# Built by the core, as the actions send it: with the names of its ids and its outcome note in words.
CASES = cases_payload([

    {"id": "c1", "titel": "Energie in de kern", "gemeente": "Dinkelland", "methodes": ["burgerberaad"],
     "tools": ["e_participatieplatform"], "thema": "energietransitie", "doelgroepen": ["inwoners"],
     "resultaat": "Veel mensen dachten mee.", "voorbeeld": True},
    {"id": "c2", "titel": "Echt traject", "gemeente": "Enschede", "methodes": ["enquete"], "tools": [],
     "thema": "mobiliteit", "doelgroepen": ["jongeren"], "resultaat": "Gemeten resultaat.",
     "voorbeeld": False, "uitkomst_bekend": "deels",
     "bronnen": [{"url": "https://www.enschede.nl/verkeer", "titel": "Verkeersonderzoek (gemeente Enschede)"},
                 {"url": "https://www.tubantia.nl/enschede/verkeer", "titel": "Tubantia over het onderzoek"}]}])
COMPARISON = {"type": "vergelijking", "items": [
    {"id": "enquete", "naam": load_catalogue().label("methode", "enquete"), "score": 0.7,
     "voordelen": ["Snel veel mensen"], "nadelen": ["Weinig diepgang"]},
    {"id": "burgerberaad", "naam": load_catalogue().label("methode", "burgerberaad"), "score": 0.6,
     "voordelen": ["Diep gesprek"], "nadelen": ["Duur"]}]}
EXPLANATION = {"type": "uitleg", "onderwerp": "burgerberaad", "titel": "Burgerberaad",
               "tekst": "Een groep inwoners, gekozen door loting, praat samen over een vraag."}


def test_the_widget_fixtures_follow_the_contract():
    """The well-formed payloads the widget renders here are checked against the contract's schema."""
    from besliswijzer.payloads import problems
    for payload in (advice_payload(), EVALUATION, CASES, COMPARISON, EXPLANATION):
        assert problems(payload) == [], payload["type"]


def reply_with(items):
    """A double reply that answers every message with these Rasa items."""
    def reply(sender, message):
        return 200, [dict(item, recipient_id=sender) for item in items]
    return reply


def all_payloads(sender, message):
    items = [{"text": "Dit is mijn advies."}, {"custom": advice_payload()},
             {"text": "Zo scoort je traject."}, {"custom": EVALUATION},
             {"text": "Ik vond twee trajecten."}, {"custom": CASES},
             {"text": "Zo verhouden ze zich."}, {"custom": COMPARISON},
             {"text": "Uitleg:"}, {"custom": EXPLANATION},
             {"text": "Wil je nog iets weten?", "buttons": [{"title": "Ja", "payload": "/bevestigen"},
                                                             {"title": "Nee", "payload": "/ontkennen"}]}]
    return 200, [dict(item, recipient_id=sender) for item in items]


def assert_no_overflow(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def test_an_explanation_already_in_the_text_is_not_repeated_in_its_card(make_page, double_stack, double):
    double.reply = reply_with([{"text": "Burgerberaad: " + EXPLANATION["tekst"], "custom": EXPLANATION}])
    page = make_page()
    open_widget(page, double_stack.web_url)
    page.locator(INPUT).focus()
    send_by_keyboard(page, "wat is een burgerberaad")
    card = page.locator(".besliswijzer__kaart--uitleg")
    expect(card).to_contain_text("Burgerberaad")
    expect(card.locator(".besliswijzer__tekst")).to_have_count(0)
    expect(page.locator(".besliswijzer__bericht--bot").last).to_contain_text("gekozen door loting")


def test_every_payload_type_is_rendered_as_a_card(make_page, double_stack, double):
    double.reply = all_payloads
    page = make_page()
    open_widget(page, double_stack.web_url)
    page.locator(INPUT).focus()
    send_by_keyboard(page, "laat alles zien")

    advice = page.locator(".besliswijzer__kaart--advies")
    expect(advice).to_contain_text("Straatgesprek + Buurtapp")
    expect(advice).to_contain_text("hybride")
    expect(advice).to_contain_text("laag")
    expect(advice).to_contain_text("4 weken")
    expect(advice).to_contain_text("Je spreekt ouderen op straat aan")
    first = advice.locator(".besliswijzer__combinatie").first
    expect(first.locator(".besliswijzer__vaardigheden li")).to_have_count(2)
    expect(first).to_contain_text("Wat uw team nodig heeft")
    expect(first.locator(".besliswijzer__valkuilen")).to_contain_text("vaste gezichten")
    expect(advice.locator(".besliswijzer__combinatie").nth(2)).to_contain_text("1 week")
    expect(advice).not_to_contain_text("1 weken")
    expect(advice).to_contain_text("Alleen online werkt niet voor veel ouderen")
    expect(advice).to_contain_text("Adviseren")
    expect(advice.locator(".besliswijzer__casuslijst .besliswijzer__label-voorbeeld")).to_have_count(1)
    href = advice.locator("a.besliswijzer__planlink").get_attribute("href")
    assert href.startswith(double_stack.web_url + "/plan?doelgroep=ouderen&doelgroep=nieuwkomers&schaal=wijk")
    assert "budget_euro=15000" in href and "gemeente=Hengelo" in href

    evaluation = page.locator(".besliswijzer__kaart--evaluatie")
    for text in ("Effect", "3,5 van 5", "Meerwaarde", "4 van 5", "Houding", "2,5 van 5", "Totaal: 3,3 van 5",
                 "Je gaf deelnemers terugkoppeling.", "Betrek inwoners eerder.",
                 "Meedoen van iedereen: 2,5 van 5", "Bied altijd een manier zonder internet."):
        expect(evaluation).to_contain_text(text)
    bars = evaluation.locator(".besliswijzer__balk")
    expect(bars).to_have_count(4)
    assert all(b.get_attribute("aria-hidden") == "true" for b in bars.all())
    width = evaluation.locator(".besliswijzer__balk-vulling").first.evaluate("el => el.style.width")
    assert width == "70%"

    cases = page.locator(".besliswijzer__kaart--casussen .besliswijzer__casus")
    expect(cases).to_have_count(2)
    expect(cases.nth(0).locator(".besliswijzer__label-voorbeeld")).to_have_text("voorbeeld")
    expect(cases.nth(1).locator(".besliswijzer__label-voorbeeld")).to_have_count(0)
    expect(page.locator(".besliswijzer__kaart--casussen")).to_contain_text("geen echt resultaat")
    # names come from the payload (the catalogue's labels), not from the ids
    expect(cases.nth(0)).to_contain_text("E-participatieplatform")
    expect(cases.nth(1)).to_contain_text("Mobiliteit en verkeer")

    comparison = page.locator(".besliswijzer__kaart--vergelijking")
    expect(comparison).to_contain_text("Snel veel mensen")
    expect(comparison).to_contain_text("Duur")
    expect(comparison).to_contain_text("70%")
    expect(comparison.locator(".besliswijzer__combinatie-kop")).to_have_text(["Enquête", "Burgerberaad"])
    expect(page.locator(".besliswijzer__kaart--uitleg")).to_contain_text("gekozen door loting")

    buttons = page.locator(".besliswijzer__knoppen button")
    expect(buttons).to_have_text(["Ja", "Nee"])
    assert page.errors == []


def test_a_case_card_links_its_sources_and_says_when_the_outcome_is_unknown(make_page, double_stack, double):
    evil = "javascript:window.__xss=1"
    unknown = {"id": "c3", "titel": "Wijkbudget", "gemeente": "Hoorn", "voorbeeld": False, "uitkomst_bekend": "nee",
               "uitkomst_tekst": "Uitkomst niet bekend",
               "bronnen": [{"url": evil, "titel": "kwaad"}, {"url": "https://www.hoorn.nl/wijkbudget",
                                                               "titel": "Wijkbudget Hoorn"}]}
    advice = advice_payload()
    advice["casussen"] = [dict(unknown, gelijkenis=0.6)]
    double.reply = reply_with([{"text": "Ik vond drie trajecten.",
                                "custom": dict(CASES, casussen=[*CASES["casussen"], unknown])},
                               {"custom": advice}])
    page = make_page()
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "voorbeelden")
    cases = page.locator(".besliswijzer__kaart--casussen .besliswijzer__casus")
    expect(cases).to_have_count(3)
    expect(cases.nth(0).locator(".besliswijzer__bronnen a")).to_have_count(0)   # an invented example
    links = cases.nth(1).locator(".besliswijzer__bronnen a")
    expect(links).to_have_text(["Verkeersonderzoek (gemeente Enschede)", "Tubantia over het onderzoek"])
    assert links.nth(0).get_attribute("href") == "https://www.enschede.nl/verkeer"
    assert links.nth(0).get_attribute("target") == "_blank"
    assert "noopener" in links.nth(0).get_attribute("rel")
    expect(cases.nth(1).locator(".besliswijzer__uitkomst-onbekend")).to_have_text("Uitkomst deels bekend")
    expect(cases.nth(2).locator(".besliswijzer__uitkomst-onbekend")).to_have_text("Uitkomst niet bekend")
    expect(cases.nth(2).locator(".besliswijzer__bronnen a")).to_have_text(["Wijkbudget Hoorn"])  # no javascript:
    advice_case = page.locator(".besliswijzer__kaart--advies .besliswijzer__casuslijst li")
    expect(advice_case.locator(".besliswijzer__bronnen a")).to_have_text(["Wijkbudget Hoorn"])
    expect(advice_case).to_contain_text("Uitkomst niet bekend")
    assert page.locator(f"{LOG} a[href^='javascript']").count() == 0
    assert page.evaluate("window.__xss") is None
    assert page.errors == []


def test_cards_name_the_licence_of_a_case_and_where_the_figures_come_from(make_page, double_stack, double):
    """A case on Participedia's data names CC BY-NC-SA 3.0 with a link (the core words the rest, as in the
    chat text); a combination says whether its cost and duration are an estimate, from cases or a source."""
    licence = "https://creativecommons.org/licenses/by-nc-sa/3.0/"
    licensed = cases_payload([{"id": "c4", "titel": "G1000 Amersfoort", "gemeente": "Amersfoort",
                               "methodes": ["g1000"], "tools": [], "thema": None, "doelgroepen": ["inwoners"],
                               "resultaat": "819 deelnemers.", "voorbeeld": False, "uitkomst_bekend": "ja",
                               "bronnen": [{"url": "https://g1000.nu/amersfoort", "titel": "G1000 Amersfoort"}],
                               "bron_type": "Participedia (dataset)", "licentie": licence}])
    advice = advice_payload()
    advice["casussen"] = [dict(licensed["casussen"][0], gelijkenis=0.7)]
    advice["combinaties"][0]["herkomst_tekst"] = {"kosten": "schatting", "duur_weken": "uit 5 casussen"}
    double.reply = reply_with([{"text": "Ik vond één traject.", "custom": licensed}, {"custom": advice}])
    page = make_page()
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "voorbeelden")
    for card in (".besliswijzer__kaart--casussen", ".besliswijzer__kaart--advies"):
        note = page.locator(f"{card} .besliswijzer__licentie")
        expect(note).to_contain_text("Licentie: CC BY-NC-SA 3.0, gegevens van Participedia (participedia.net)")
        expect(note).to_contain_text("alleen niet-commercieel hergebruik")
        assert note.locator("a").get_attribute("href") == licence
    first = page.locator(".besliswijzer__kaart--advies .besliswijzer__combinatie").first
    expect(first).to_contain_text("laag (schatting)")
    expect(first).to_contain_text("4 weken (uit 5 casussen)")
    assert page.errors == []


def test_an_unknown_outcome_reads_the_same_in_card_and_chat_text(make_page, double_stack, double):
    """The action's own text and payload (actions/casussen.py), drawn by the widget: the card shows the
    note the core worded, so it says what the chat text says. The second case has no uitkomst_bekend
    and no result, which the core counts as 'nee' (the rule the widget once had a copy of, without it)."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.casussen import send_cases

    base = {"gemeente": "Hoorn", "methodes": ["burgerberaad"], "tools": [], "thema": None, "doelgroepen": [],
            "voorbeeld": False, "bronnen": [{"url": "https://www.hoorn.nl/wijkbudget", "titel": "Wijkbudget"}]}
    cases = [dict(base, id="c-nee", titel="Wijkbudget", resultaat="Er kwam een wijkbudget.", uitkomst_bekend="nee"),
             dict(base, id="c-oud", titel="Buurtgesprek", resultaat="", uitkomst_bekend=None)]
    dispatcher = CollectingDispatcher()
    send_cases(dispatcher, "Ik vond twee voorbeelden:", cases)
    [message] = dispatcher.messages
    double.reply = reply_with([{"text": message["text"], "custom": message["custom"]}])
    page = make_page()
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "voorbeelden")

    shown_text = page.locator(BOT).last.locator(".besliswijzer__tekst").first.text_content()
    assert shown_text == message["text"]
    cards = page.locator(".besliswijzer__kaart--casussen .besliswijzer__casus")
    expect(cards).to_have_count(2)
    for i, case in enumerate(cases):
        note = cards.nth(i).locator(".besliswijzer__uitkomst-onbekend")
        expect(note).to_have_text("Uitkomst niet bekend")
        [line] = [line for line in message["text"].splitlines() if line.startswith(f"- {case['titel']} (")]
        assert note.text_content().lower() in line.lower(), line
    assert page.errors == []


def test_advice_card_links_to_a_printable_plan_page(make_page, double_stack, double):
    double.reply = all_payloads
    page = make_page()
    open_widget(page, double_stack.web_url)
    page.locator(INPUT).focus()
    send_by_keyboard(page, "advies graag")
    link = page.locator("a.besliswijzer__planlink")
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as popup:
        link.click()
    plan = popup.value
    plan.wait_for_load_state()
    expect(plan.locator("h1")).to_have_text("Participatieplan")
    expect(plan.locator("body")).to_contain_text("Motiveringsplicht")


def test_bot_buttons_are_real_buttons_that_send_their_payload(make_page, double_stack, double):
    double.reply = reply_with([{"text": "Klopt dit?", "buttons": [
        {"title": "Ja, klopt", "payload": "/bevestigen"}, {"title": "Nee", "payload": "/ontkennen"}]}])
    page = make_page()
    open_widget(page, double_stack.web_url)
    page.locator(INPUT).focus()
    send_by_keyboard(page, "hallo")
    assert focused_is_input(page)
    tab_to_button(page, "Ja, klopt")
    before = bot_count(page)
    received = len(double.received)
    page.keyboard.press("Enter")
    wait_for_answer(page, before)
    assert double.received[received]["message"] == "/bevestigen"
    expect(page.locator(USER).last).to_contain_text("Ja, klopt")  # the title, not the payload
    assert focused_is_input(page), "after a bot button, focus goes back to the text box"


def test_the_feedback_button_puts_the_exchange_into_the_inbox(make_page, double_stack, double):
    from besliswijzer.maintainers import inbox
    from besliswijzer.storage.db import session_scope

    page = make_page()
    open_widget(page, double_stack.web_url)
    page.locator(INPUT).focus()
    question = "wat is inspraak eigenlijk? mail mij op els@voorbeeld.nl"
    send_by_keyboard(page, question)
    feedback = page.locator(".besliswijzer__feedback")
    expect(feedback).to_have_count(1)                      # under the latest answer only
    expect(feedback).to_have_text("Dit beantwoordt mijn vraag niet")
    before, received = bot_count(page), len(double.received)
    tab_to_button(page, "Dit beantwoordt mijn vraag niet")  # reachable by keyboard
    page.keyboard.press("Enter")
    wait_for_answer(page, before)
    expect(page.locator(USER).last).to_have_text("U: Dit beantwoordt mijn vraag niet")
    expect(page.locator(BOT).last).to_contain_text("Dank u wel.")
    expect(page.locator(".besliswijzer__knoppen button")).to_have_text(
        ["Wat kun je allemaal?", "Advies voor een participatietraject", "Voorbeelden uit andere gemeenten"])
    expect(feedback).to_have_count(0)                      # no verdict on the thank-you
    assert len(double.received) == received                # the verdict stays with the web app
    assert focused_is_input(page)
    with session_scope(double_stack.database_url) as session:
        kept = [item for group in inbox.grouped(session) for item in group.items if "inspraak" in item["tekst"]]
    assert [(i["tekst"], i["antwoord"], i["reden"]) for i in kept] == [
        ("wat is inspraak eigenlijk? mail mij op [e-mail]", "Je zei: wat is inspraak eigenlijk? mail mij op [e-mail]",
         "feedback")]
    send_by_keyboard(page, "nog een vraag")
    expect(feedback).to_have_count(1)                      # the next answer has its own button again


def test_focus_stays_in_the_text_box_after_sending(make_page, double_stack):
    page = make_page()
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "met enter")
    assert focused_is_input(page)
    page.keyboard.type("met de knop")
    before = bot_count(page)
    page.locator(".besliswijzer__verstuur").click()
    wait_for_answer(page, before)
    assert focused_is_input(page)
    expect(page.locator(BOT).last).to_have_text("Besliswijzer: Je zei: met de knop")


def test_an_empty_message_gets_a_hint_not_a_request(make_page, double_stack, double):
    page = make_page()
    open_widget(page, double_stack.web_url)
    received = len(double.received)
    tab_to_input(page)
    page.keyboard.type("   ")
    page.keyboard.press("Enter")
    expect(page.locator(".besliswijzer__probleem")).to_have_text("Typ eerst een vraag of antwoord.")
    expect(page.locator(INPUT)).to_have_attribute("aria-invalid", "true")
    assert len(double.received) == received


@pytest.mark.parametrize("payload", XSS)
def test_user_text_with_html_is_shown_as_text_and_never_runs(make_page, double_stack, payload):
    page = make_page(bypass_csp=True)  # the renderer itself must be safe, not only the CSP
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, payload)
    expect(page.locator(USER).last).to_have_text("U: " + payload)
    expect(page.locator(BOT).last).to_have_text("Besliswijzer: Je zei: " + payload)  # echoed by the bot
    page.reload()
    expect(page.locator(USER).last).to_have_text("U: " + payload)
    assert page.evaluate("window.__xss") is None
    assert page.locator(f"{LOG} img, {LOG} script, {LOG} svg, {LOG} a[href^='javascript']").count() == 0
    assert page.errors == []


def test_bot_text_and_payloads_with_html_never_run(make_page, double_stack, double):
    evil = XSS[0]
    advice = advice_payload()
    advice["combinaties"][0].update(methode=evil, tool=evil, waarom=evil, kanaal=evil, kosten=evil)
    advice["waarschuwingen"] = [evil]
    advice["niveau_toelichting"] = evil
    advice["casussen"][0].update(titel=evil, gemeente=evil)
    advice["profiel"]["gemeente"] = '"><img src=x onerror="window.__xss=1">'
    cases = {"type": "casussen", "casussen": [dict(CASES["casussen"][0], titel=evil, resultaat=evil,
                                                     methodes=[evil], thema=evil)]}
    items = [{"text": "Hallo " + evil, "buttons": [{"title": evil, "payload": "/bevestigen"}]},
             {"custom": advice}, {"text": XSS[1]}, {"custom": cases},
             {"text": XSS[2]}, {"custom": dict(EVALUATION, sterk=[evil], scores={evil: 3})},
             {"text": "v"}, {"custom": {"type": "vergelijking", "items": [{"id": evil, "voordelen": [evil]}]}},
             {"text": "u"}, {"custom": {"type": "uitleg", "onderwerp": evil, "titel": evil, "tekst": evil}}]
    double.reply = reply_with(items)
    page = make_page(bypass_csp=True)
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "toon alles")
    expect(page.locator(".besliswijzer__kaart--advies")).to_contain_text(evil)
    expect(page.locator(".besliswijzer__knoppen button")).to_have_text([evil])
    href = page.locator("a.besliswijzer__planlink").get_attribute("href")
    assert href.startswith(double_stack.web_url + "/plan?")  # a URL we built, attribute-encoded
    page.reload()
    expect(page.locator(".besliswijzer__kaart--advies")).to_contain_text(evil)
    assert page.evaluate("window.__xss") is None
    assert page.locator(f"{LOG} img, {LOG} script, {LOG} svg").count() == 0
    assert page.errors == []


def test_the_conversation_survives_a_reload(make_page, double_stack, double):
    double.reply = all_payloads
    page = make_page()
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "eerste vraag")
    count = page.locator(f"{LOG} > *").count()
    page.reload()
    expect(page.locator(f"{LOG} > *")).to_have_count(count)
    expect(page.locator(USER)).to_have_text(["U: eerste vraag"])
    expect(page.locator(".besliswijzer__kaart--advies")).to_have_count(1)
    expect(page.locator(".besliswijzer__knoppen button")).to_have_text(["Ja", "Nee"])


def test_start_over_clears_the_conversation_and_the_session(make_page, double_stack, double):
    page = make_page()
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "iets")
    first_sender = double.received[-1]["sender"]
    tab_to_button(page, "Opnieuw beginnen")
    page.keyboard.press("Enter")
    expect(page.locator(USER)).to_have_count(0)
    expect(page.locator(".besliswijzer__knoppen button")).to_have_count(4)  # the start buttons again
    page.wait_for_function("() => document.activeElement.classList.contains('besliswijzer__invoer')")
    send_by_keyboard(page, "nieuw")
    assert double.received[-1]["sender"] != first_sender
    page.reload()
    expect(page.locator(USER)).to_have_text(["U: nieuw"])


def test_when_rasa_fails_the_widget_offers_to_try_again(make_page, double_stack, double):
    calls = []

    def flaky(sender, message):
        calls.append(message)
        if len(calls) == 1:
            return 500, {"error": "internal"}  # Rasa itself failed this once
        return 200, [{"recipient_id": sender, "text": "Nu wel."}]

    double.reply = flaky
    page = make_page()
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    page.keyboard.type("hallo")
    page.keyboard.press("Enter")
    error = page.locator(".besliswijzer__bericht--fout")
    expect(error).to_contain_text("Probeer het")
    tab_to_button(page, "Opnieuw proberen")
    page.keyboard.press("Enter")
    expect(page.locator(BOT).last).to_contain_text("Nu wel.")
    expect(error).to_have_count(0)
    assert calls == ["hallo", "hallo"]
    assert focused_is_input(page)
    expect(page.locator(USER)).to_have_count(1)  # the retry does not repeat the user's message


def test_the_typing_indicator_is_announced_once_and_hidden_from_the_log(make_page, double_stack, double):
    double.delay_s = 1.0
    try:
        page = make_page()
        open_widget(page, double_stack.web_url)
        status = page.locator(".besliswijzer__status")
        expect(status).to_have_attribute("role", "status")
        tab_to_input(page)
        page.keyboard.type("even wachten")
        page.keyboard.press("Enter")
        expect(status).to_have_text("De besliswijzer typt…")
        expect(page.locator(".besliswijzer__typt")).to_be_visible()
        expect(page.locator(".besliswijzer__typt")).to_have_attribute("aria-hidden", "true")
        expect(page.locator(LOG)).to_have_attribute("aria-busy", "true")
        page.keyboard.type("te vroeg")  # a second message while waiting is kept, not lost
        page.keyboard.press("Enter")
        expect(page.locator(".besliswijzer__probleem")).to_contain_text("Wacht even")
        expect(page.locator(INPUT)).to_have_value("te vroeg")
        expect(page.locator(BOT).last).to_contain_text("Je zei: even wachten")
        expect(status).to_have_text("")
        expect(page.locator(".besliswijzer__typt")).to_be_hidden()
    finally:
        double.delay_s = 0


def test_the_widget_is_labelled_for_screen_readers(make_page, double_stack):
    page = make_page()
    open_widget(page, double_stack.web_url)
    log = page.locator(LOG)
    expect(log).to_have_attribute("role", "log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_label("Uw bericht")).to_have_count(1)
    expect(page.get_by_role("button", name="Verstuur")).to_have_count(1)
    expect(page.get_by_role("region", name=page.locator(".besliswijzer__titel").inner_text())).to_have_count(1)


def test_the_privacy_notice_shows_the_retention_period(make_page, double_stack):
    page = make_page()
    open_widget(page, double_stack.web_url)
    tab_to(page, "el => el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    notice = page.locator(".besliswijzer__privacy p")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("7 dagen")
    expect(notice).to_contain_text("geen IP-adres")


def tab_to(page, predicate):
    from tests.support.widget_driver import tab_to as _tab_to
    _tab_to(page, predicate)


def test_script_tag_data_attributes_set_title_and_colours(make_page, double_stack):
    page = make_page()
    open_widget(page, double_stack.web_url)
    root = page.locator(".besliswijzer")
    assert root.evaluate("el => el.style.getPropertyValue('--besliswijzer-color-primary')") == "#154273"
    header_bg = page.locator(".besliswijzer__kop").evaluate("el => getComputedStyle(el).backgroundColor")
    assert header_bg == "rgb(21, 66, 115)"
    expect(page.locator(".besliswijzer__titel")).to_have_text("Besliswijzer participatie")
    # The widget page takes the same settings from its query (for iframes).
    page.goto(double_stack.web_url + "/widget?titel=Participatiehulp&kleur-primair=%23ffb612")
    expect(page.locator(".besliswijzer__titel")).to_have_text("Participatiehulp")
    text = page.locator(".besliswijzer__kop").evaluate("el => getComputedStyle(el).color")
    assert text == "rgb(26, 26, 26)", "dark text on a light primary colour, for contrast"


def test_on_a_page_of_another_origin_the_widget_becomes_an_iframe(make_page, double_stack):
    html = (f'<!doctype html><html lang="nl"><title>Intranet</title><h1>Intranet</h1>'
            f'<script src="{double_stack.web_url}/static/widget.js" data-titel="Hulp"'
            f' data-kleur-primair="#c00"></script>').encode()

    class Intranet(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Intranet)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        page = make_page()
        # "localhost" is another origin than the app's "127.0.0.1".
        page.goto(f"http://localhost:{server.server_port}/")
        frame = page.locator("iframe.besliswijzer-frame")
        expect(frame).to_have_count(1)
        src = frame.get_attribute("src")
        assert src.startswith(double_stack.web_url + "/widget?")
        assert "titel=Hulp" in src and "kleur-primair=%23c00" in src
        assert frame.get_attribute("title") == "Hulp"
        assert page.locator(".besliswijzer__log").count() == 0  # no chat on the foreign page itself
    finally:
        server.shutdown()
        server.server_close()


def test_reduced_motion_stops_the_typing_animation(make_page, double_stack):
    page = make_page(reduced_motion="reduce")
    open_widget(page, double_stack.web_url)
    name = page.locator(".besliswijzer__stip").first.evaluate("el => getComputedStyle(el).animationName")
    assert name == "none"


@pytest.mark.parametrize("width", [320, 640])
def test_usable_at_320_px_and_at_200_percent_zoom(make_page, double_stack, double, width):
    """640 CSS px is a 1280 px screen at 200% zoom."""
    double.reply = all_payloads
    page = make_page(width=width, height=800)
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "alles")
    assert_no_overflow(page)
    box = page.locator(".besliswijzer").bounding_box()
    assert box["width"] <= width
    send_box = page.locator(".besliswijzer__verstuur").bounding_box()
    assert send_box["x"] + send_box["width"] <= width


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_axe_finds_no_serious_violations_with_every_card(make_page, double_stack, double, axe_source,
                                                        width, height):
    double.reply = all_payloads
    page = make_page(width=width, height=height, bypass_csp=True)  # axe is injected by the test
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "alles")
    page.locator(".besliswijzer__privacy summary").click()
    violations = run_axe(page, axe_source)
    assert violations == [], violations
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".besliswijzer__privacy summary").click()  # closed again for the picture
    show_top_of(page, ".besliswijzer__kaart--advies")
    page.screenshot(path=str(SCREENSHOTS / f"kaarten-{width}.png"), full_page=False)


PLAN = ("/plan?doelgroep=ouderen&doelgroep=nieuwkomers&schaal=wijk&thema=openbare_ruimte"
        "&beleidsfase=beleidsvorming&niveau=adviseren&budget_euro=15000&doorlooptijd_weken=12&gemeente=Hengelo")


@pytest.mark.parametrize("path", ["/", "/widget", "/plan?doelgroep=bestaat_niet", PLAN])
def test_axe_on_the_pages(make_page, double_stack, axe_source, path):
    page = make_page(bypass_csp=True)
    page.goto(double_stack.web_url + path)
    violations = run_axe(page, axe_source)
    assert violations == [], violations
    if path == PLAN:
        page.screenshot(path=str(SCREENSHOTS / "plan-1280.png"), full_page=True)
        page.emulate_media(media="print")
        expect(page.locator("#plan-print")).to_be_hidden()  # the print stylesheet hides the button


def test_pages_run_without_csp_violations(make_page, double_stack, double):
    """With the real CSP on: nothing the widget does is blocked (no inline styles, no eval)."""
    double.reply = all_payloads
    page = make_page()
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    open_widget(page, double_stack.web_url)
    tab_to_input(page)
    send_by_keyboard(page, "alles")
    expect(page.locator(".besliswijzer__kaart--evaluatie")).to_be_visible()
    assert not [m for m in messages if "Content Security Policy" in m or "TrustedHTML" in m], messages
    assert page.errors == []
