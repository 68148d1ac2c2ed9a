"""Helpers that use the widget the way a person does: keyboard first."""
from pathlib import Path

from playwright.sync_api import expect

__all__ = ["BOT", "INPUT", "LOG", "SCREENSHOTS", "USER", "bot_count", "focused_is_input", "open_widget",
           "run_axe", "send_by_keyboard", "show_top_of", "tab_to", "tab_to_button", "tab_to_input",
           "wait_for_answer"]

# The browser tests keep their screenshots here, for the docs.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LOG = ".besliswijzer__log"
INPUT = ".besliswijzer__invoer"
BOT = ".besliswijzer__bericht--bot"
USER = ".besliswijzer__bericht--gebruiker"


def open_widget(page, url):
    page.goto(url)
    expect(page.locator(INPUT)).to_be_visible()
    # The widget is ready once /api/info answered and set the session cookies.
    page.wait_for_function("() => document.cookie.indexOf('csrf_token=') !== -1")


def tab_to(page, predicate_js, max_tabs=60, shift=False):
    """Press Tab until the focused element satisfies `predicate_js` (a JS function of el)."""
    for _ in range(max_tabs):
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js})(el); }})()"):
            return
        page.keyboard.press("Shift+Tab" if shift else "Tab")
    raise AssertionError(f"could not reach {predicate_js} with the keyboard")


def tab_to_input(page):
    tab_to(page, "el => el.classList.contains('besliswijzer__invoer')")


def tab_to_button(page, title):
    tab_to(page, f"el => el.tagName === 'BUTTON' && el.textContent.trim() === {title!r}")


def bot_count(page):
    return page.locator(BOT).count()


def send_by_keyboard(page, text):
    """Type into the focused text box and press Enter; return when the bot answered."""
    before = bot_count(page)
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_for_answer(page, before)


def wait_for_answer(page, before):
    page.wait_for_function(
        f"() => document.querySelectorAll('{BOT}').length > {before} || "
        "document.querySelector('.besliswijzer__bericht--fout') !== null")
    expect(page.locator(".besliswijzer__typt")).to_be_hidden()
    assert page.locator(".besliswijzer__bericht--fout").count() == 0, \
        page.locator(".besliswijzer__bericht--fout").first.inner_text()


def focused_is_input(page):
    return page.evaluate("document.activeElement && document.activeElement.classList.contains('besliswijzer__invoer')")


def run_axe(page, axe_source):
    """axe-core's WCAG 2.0/2.1 A and AA rules; returns serious and critical violations."""
    page.evaluate(axe_source)  # evaluated by the test only, never served by the app
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def show_top_of(page, selector):
    """Scroll the log (instantly, not smoothly) and the page so `selector` starts at the top."""
    page.locator(selector).first.evaluate("""card => {
        const log = card.closest('.besliswijzer__log');
        log.style.scrollBehavior = 'auto';
        log.scrollTop += card.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
        if (card.getBoundingClientRect().top < 0 || card.getBoundingClientRect().top > innerHeight / 2) {
            window.scrollBy(0, card.getBoundingClientRect().top - 8);
        }
    }""")
