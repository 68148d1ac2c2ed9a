"""The widget against the real services (web app, Rasa server, action server).

Only the advice form is relied on: intent advies_vragen, the form's questions (each with
buttons for the known answers), the summary "Klopt dit?" and the advice card.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.support.widget_driver import SCREENSHOTS
from tests.support.widget_driver import (BOT, LOG, USER, bot_count, focused_is_input, open_widget,
                                         run_axe, send_by_keyboard, show_top_of, tab_to_button, tab_to_input,
                                         wait_for_answer)

pytestmark = [pytest.mark.browser, pytest.mark.live]

# Answers for the advice form: a button title to press when the bot offers it,
# otherwise text to type when the question matches.
PREFERRED_BUTTONS = ["Ja, klopt", "Ouderen", "Wijk", "Openbare ruimte", "Beleidsvorming", "Ja, er is nog iets te kiezen",
                     "Adviseren"]
TYPED_ANSWERS = [
    (r"geld|budget|euro", "15000 euro"),
    (r"tijd|weken|maanden|doorloop", "12 weken"),
    (r"voor wie|doelgroep", "ouderen"),
    (r"gebied|wijk|buurt", "de wijk"),
    (r"onderwerp|thema", "openbare ruimte"),
    (r"fase", "beleidsvorming"),
    (r"invloed|ladder|trede", "adviseren"),
    (r"klopt", "ja"),
]
MAX_TURNS = 14
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def current_buttons(page):
    return [t.strip() for t in page.locator(".besliswijzer__knoppen button").all_inner_texts()]


def last_bot_text(page):
    return page.locator(BOT).last.inner_text().lower()


def answer_one_question(page, log):
    """Press a preferred button with the keyboard, or type an answer; record what was done."""
    buttons = current_buttons(page)
    for title in PREFERRED_BUTTONS:
        if title in buttons:
            before = bot_count(page)
            tab_to_button(page, title)
            page.keyboard.press("Enter")
            wait_for_answer(page, before)
            assert focused_is_input(page), "focus returns to the text box after a bot button"
            log.append(("knop", title))
            return
    question = last_bot_text(page)
    for pattern, text in TYPED_ANSWERS:
        if re.search(pattern, question):
            if not focused_is_input(page):
                tab_to_input(page)
            send_by_keyboard(page, text)
            log.append(("typ", text))
            return
    raise AssertionError(f"unexpected question from the bot: {question!r}; buttons {buttons}")


def converse_to_advice(page, web_url):
    """Keyboard only: the start button 'Advies vragen', then answer until the advice card."""
    open_widget(page, web_url)
    tab_to_button(page, "Advies vragen")
    before = bot_count(page)
    page.keyboard.press("Enter")
    wait_for_answer(page, before)
    steps = []
    for _ in range(MAX_TURNS):
        if page.locator(".besliswijzer__kaart--advies").count():
            return steps
        answer_one_question(page, steps)
    raise AssertionError(f"no advice card after {MAX_TURNS} turns: {steps}")


@pytest.fixture
def web_url(live_stack):
    return live_stack.web_url


def test_a_whole_conversation_to_an_advice_card_by_keyboard(make_page, web_url):
    page = make_page(width=1280, height=900)
    steps = converse_to_advice(page, web_url)
    assert ("knop", "Ja, klopt") in steps or ("typ", "ja") in steps, steps
    assert any(kind == "typ" for kind, _ in steps), "the conversation typed at least one answer"
    card = page.locator(".besliswijzer__kaart--advies")
    expect(card).to_have_count(1)
    combos = card.locator(".besliswijzer__combinatie")
    assert 3 <= combos.count() <= 5
    expect(combos.first.locator("dt").first).to_have_text("Kanaal")
    expect(combos.first).to_contain_text("Kosten")
    expect(combos.first.locator(".besliswijzer__waarom")).not_to_be_empty()
    href = card.locator("a.besliswijzer__planlink").get_attribute("href")
    assert "doelgroep=ouderen" in href
    assert page.errors == []

    # The plan page of this advice.
    plan = make_page()
    plan.goto(href)
    expect(plan.locator("h1")).to_have_text("Participatieplan")
    # one list of facts (channel, cost, duration) per combination in the plan's methods section
    expect(plan.locator(".plan__sectie--werkvormen .plan__feiten")).to_have_count(combos.count())

    # Screenshots for the README, then the accessibility check on the real conversation.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    show_top_of(page, ".besliswijzer__kaart--advies")
    page.screenshot(path=str(SCREENSHOTS / "besliswijzer-1280.png"))
    page.set_viewport_size({"width": 375, "height": 812})
    show_top_of(page, ".besliswijzer__kaart--advies")
    page.screenshot(path=str(SCREENSHOTS / "besliswijzer-375.png"))


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_axe_on_the_real_conversation(make_page, web_url, axe_source, width, height):
    page = make_page(width=width, height=height, bypass_csp=True)  # axe is injected by the test
    converse_to_advice(page, web_url)
    violations = run_axe(page, axe_source)
    assert violations == [], violations


def test_the_real_conversation_survives_a_reload(make_page, web_url):
    page = make_page()
    open_widget(page, web_url)
    tab_to_input(page)
    send_by_keyboard(page, "hallo")
    send_by_keyboard(page, "wat kun je allemaal?")
    messages = page.locator(f"{LOG} > .besliswijzer__bericht")
    texts = messages.evaluate_all("els => els.map(e => e.textContent)")
    assert len(texts) >= 5  # welcome, and two turns of user and bot
    page.reload()
    expect(messages).to_have_count(len(texts))
    assert messages.evaluate_all("els => els.map(e => e.textContent)") == texts
    # And the server side still knows the conversation: the session cookie survived too.
    tab_to_input(page)
    send_by_keyboard(page, "bedankt")
    expect(page.locator(USER)).to_have_count(3)


def test_html_typed_to_the_real_bot_never_runs(make_page, web_url):
    page = make_page(bypass_csp=True)  # the widget itself must be safe, not only the CSP
    open_widget(page, web_url)
    tab_to_input(page)
    send_by_keyboard(page, XSS)
    send_by_keyboard(page, f"ik werk bij gemeente {XSS}")
    expect(page.locator(USER).first).to_have_text("U: " + XSS)
    page.reload()
    expect(page.locator(USER).first).to_have_text("U: " + XSS)
    assert page.evaluate("window.__xss") is None
    assert page.locator(f"{LOG} img, {LOG} script").count() == 0
    assert page.errors == []


def test_real_cases_in_twente_show_their_sources_as_links_and_answer_follow_ups(make_page, web_url, axe_source):
    page = make_page(width=1280, height=900, bypass_csp=True)   # axe is injected at the end
    open_widget(page, web_url)
    tab_to_input(page)
    send_by_keyboard(page, "welke voorbeelden zijn er van een burgerberaad in Twente?")
    card = page.locator(".besliswijzer__kaart--casussen").last
    expect(card.locator(".besliswijzer__casus").first).to_be_visible()
    links = card.locator(".besliswijzer__bronnen a")
    assert links.count() >= card.locator(".besliswijzer__casus").count()   # every real case has a source
    for i in range(links.count()):
        assert links.nth(i).get_attribute("href").startswith(("https://", "http://"))
        assert links.nth(i).get_attribute("target") == "_blank"
    expect(card.locator(".besliswijzer__label-voorbeeld")).to_have_count(0)   # only documented cases
    send_by_keyboard(page, "welke bron?")
    expect(page.locator(BOT).last).to_contain_text("Bronnen van")
    send_by_keyboard(page, "heb je er een uit Overijssel?")
    expect(page.locator(BOT).last).to_contain_text("Overijssel")
    violations = run_axe(page, axe_source)
    assert violations == [], violations
    assert page.errors == []
