"""The plan's downloads in a real browser: from the widget's advice card to the plan page to a Word and an
OpenDocument file, through the app's strict CSP and with the conversation's cookies."""
import io

import docx
import pytest
from odfdo import Document
from playwright.sync_api import expect

from tests.support.widget_driver import INPUT, open_widget, send_by_keyboard
from tests.support.rasa_double import advice_payload

pytestmark = pytest.mark.browser


def advice_reply(sender, message):
    return 200, [{"recipient_id": sender, "text": "Dit is mijn advies."},
                 {"recipient_id": sender, "custom": advice_payload()}]


def test_the_plan_page_downloads_the_plan_as_word_and_as_opendocument(make_page, double_stack, double):
    double.reply = advice_reply
    page = make_page(accept_downloads=True)
    open_widget(page, double_stack.web_url)
    page.locator(INPUT).focus()
    send_by_keyboard(page, "advies graag")
    with page.context.expect_page() as popup:
        page.locator("a.besliswijzer__planlink").click()
    plan = popup.value
    errors = []
    plan.on("pageerror", lambda exc: errors.append(str(exc)))
    plan.wait_for_load_state()
    expect(plan.locator("h1")).to_have_text("Participatieplan")
    csp = []
    plan.on("console", lambda message: csp.append(message.text) if "Content Security Policy" in message.text else None)

    with plan.expect_download() as word:
        plan.get_by_role("link", name="Download voor Word (.docx)").click()
    assert word.value.suggested_filename == "participatieplan-hengelo.docx"
    document = docx.Document(io.BytesIO(open(word.value.path(), "rb").read()))
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert sections[:3] == ["Aanleiding en doel", "Trede op de participatieladder", "Wat ligt vast en wat is open"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Gemeente: Hengelo" in text and "[in te vullen door u: " in text

    with plan.expect_download() as odt:
        plan.get_by_role("link", name="Download voor LibreOffice (.odt)").click()
    assert odt.value.suggested_filename == "participatieplan-hengelo.odt"
    opened = Document(io.BytesIO(open(odt.value.path(), "rb").read()))
    assert [h.text for h in opened.body.get_headers(outline_level=1)][-2:] == ["Voorbeelden", "Checklist"]
    assert csp == [] and errors == [] and page.errors == []


def test_a_followed_case_says_where_it_comes_from_on_its_card(make_page, double_stack, double):
    case = {"id": "wijktafel", "titel": "Wijktafel Testdorp", "gemeente": "Enschede", "methodes": [], "tools": [],
            "thema": None, "doelgroepen": [], "resultaat": "", "voorbeeld": False, "uitkomst_bekend": "ja",
            "herkomst": "https://besliswijzer.enschede.nl/api/casussen",
            "herkomst_tekst": "Uit de casusbasis van besliswijzer.enschede.nl.",
            "bronnen": [{"url": "https://www.voorbeeld.nl/wijktafel", "titel": "Wijktafel"}]}

    def reply(sender, message):
        return 200, [{"recipient_id": sender, "text": "Eén traject."},
                     {"recipient_id": sender, "custom": {"type": "casussen", "casussen": [case]}}]

    double.reply = reply
    page = make_page()
    open_widget(page, double_stack.web_url)
    page.locator(INPUT).focus()
    send_by_keyboard(page, "voorbeelden")
    expect(page.locator(".besliswijzer__kaart--casussen .besliswijzer__herkomst")).to_have_text(
        "Uit de casusbasis van besliswijzer.enschede.nl.")
    assert page.errors == []
