"""Held-out conversations through the real web app, Rasa server (trained model) and action server,
written as professionals talk: side questions in the form, answers given out of turn, "weet ik
niet", moments and vague amounts, remarks that must not change the profile, corrections, a plan
request after the advice, "waarom?", and cases picked and asked about by place or title.

Each test is one conversation; each asserts what the user must see (the same question again, the
fact said back, the profile unchanged) and, where it matters, what must not happen (a restart, a
changed group)."""
import datetime

import pytest

from besliswijzer.advice.preconditions import weeks_until
from scripts.stack import ChatClient
from tests.support.chat import answer_until, customs, last_question, texts

pytestmark = pytest.mark.live

BUDGET_Q = "Hoeveel geld"
TIME_Q = "Hoeveel tijd"
AREA_Q = "Over welk gebied"
THEME_Q = "Over welk onderwerp"
GROUP_Q = "Voor wie is het traject"







@pytest.fixture
def chat(live_stack):
    return ChatClient(live_stack.web_url)


def test_a_side_question_while_asked_for_the_budget_comes_back_to_the_budget(chat):
    reply = chat.send("ik zoek advies voor jongeren in de wijk over sport, we zitten in de beleidsvorming")
    reply = answer_until(chat, reply, BUDGET_Q)
    reply = chat.send("wat is een burgerberaad eigenlijk?")
    assert "loting" in texts(reply) or customs(reply, "uitleg"), texts(reply)
    assert BUDGET_Q in last_question(reply), texts(reply)
    reply = chat.send("5000 euro")
    assert BUDGET_Q not in last_question(reply)


def test_a_deadline_told_out_of_turn_is_kept_said_back_and_not_asked_again(chat):
    reply = chat.send("we willen ouderen betrekken bij de herinrichting van het plein")
    assert AREA_Q in last_question(reply) or THEME_Q in last_question(reply), texts(reply)
    reply = chat.send("de raad beslist over drie weken")
    assert "3 weken" in texts(reply), texts(reply)
    reply = answer_until(chat, reply, "Klopt dit?", {AREA_Q: "de wijk", BUDGET_Q: "geen budget"})
    assert "3 weken" in texts(reply)
    assert TIME_Q not in texts(reply)


def test_een_paar_duizend_euro_is_an_estimate_of_about_two_thousand(chat):
    reply = chat.send("advies voor bewoners van de buurt over verkeer")
    reply = chat.send("het budget is een paar duizend euro")
    assert "ongeveer € 2.000" in texts(reply), texts(reply)
    assert "€ 1.000" not in texts(reply)
    reply = answer_until(chat, reply, "Klopt dit?", {TIME_Q: "drie maanden"})
    assert "ongeveer € 2.000" in texts(reply)


def test_weet_ik_niet_politely_skips_the_area_and_the_theme(chat):
    reply = chat.send("ik wil advies over participatie voor ondernemers")
    assert AREA_Q in last_question(reply), texts(reply)
    reply = chat.send("weet ik niet")
    assert "Geen probleem" in texts(reply) and "herkende ik niet" not in texts(reply), texts(reply)
    assert THEME_Q in last_question(reply)
    reply = chat.send("weet ik eigenlijk niet")
    assert "Geen probleem" in texts(reply) and "herkende ik niet" not in texts(reply), texts(reply)
    assert THEME_Q not in last_question(reply)


@pytest.mark.parametrize("moment, month, years_later", [("tot de zomer", 7, 0), ("eind volgend jaar", 13, 1)])
def test_a_moment_is_read_as_the_time_until_the_decision(chat, moment, month, years_later):
    reply = chat.send("advies voor inwoners van de hele gemeente over klimaatadaptatie, budget 20000 euro")
    reply = answer_until(chat, reply, TIME_Q)
    reply = chat.send(moment)
    weeks = weeks_until(month, datetime.date.today(), years_later)
    reply = answer_until(chat, reply, "Klopt dit?")
    assert f"{weeks} weken" in texts(reply), (weeks, texts(reply))


def test_a_remark_about_young_people_does_not_replace_the_target_group(chat):
    reply = chat.send("we willen ouders en laaggeletterden bereiken in de wijk")
    reply = answer_until(chat, reply, BUDGET_Q)
    reply = chat.send("waarom niet gewoon alles online? jongeren zitten toch allemaal op hun telefoon")
    assert "aangepast" not in texts(reply), texts(reply)
    reply = chat.send("werkt zoiets ook in kleine dorpen trouwens?")
    assert "aangepast" not in texts(reply) and "Genoteerd" not in texts(reply), texts(reply)
    reply = answer_until(chat, reply, "Klopt dit?", {BUDGET_Q: "geen budget", TIME_Q: "twee maanden"})
    summary = texts(reply).lower()
    assert "ouders" in summary and "laaggeletterden" in summary and "jongeren" not in summary, summary
    assert "ouderen" not in summary


def test_hof_van_twente_omgevingsplan_and_ouders_are_kept_as_said(chat):
    reply = chat.send("ik werk bij de gemeente Hof van Twente, we maken een omgevingsplan en willen ouders bereiken")
    said = texts(reply)
    assert "ouders" in said and "ouderen" not in said, said
    assert "ruimtelijke ordening" in said, said
    assert "Hof," not in said and not said.rstrip().endswith("Hof"), said


def test_a_correction_mid_form_is_said_back(chat):
    reply = chat.send("advies voor jongeren in de buurt over veiligheid")
    reply = chat.send("nee, het gaat om de hele gemeente")
    assert "aangepast" in texts(reply) and "hele gemeente" in texts(reply), texts(reply)


def test_a_plan_request_after_the_advice_offers_the_plan_and_keeps_the_profile(chat):
    reply = chat.send("advies voor ouderen in de wijk over de openbare ruimte, we willen ze laten meedenken, "
                      "budget 10000 euro en 8 weken")
    reply = answer_until(chat, reply, "Klopt dit?")
    advice = customs(chat.send("ja"), "advies")
    assert advice
    reply = chat.send("kan ik dit advies ergens als plan uitprinten of downloaden? ik moet het aan mijn "
                      "wethouder laten zien")
    said = texts(reply)
    assert "nieuwe vraag" not in said.lower() and "opnieuw" not in said.lower(), said
    assert "participatieplan" in said and "printen" in said, said
    again = customs(reply, "advies")
    assert again and again[0]["profiel"] == advice[0]["profiel"]


def test_waarom_after_the_advice_names_the_cases_behind_it(chat):
    reply = chat.send("advies voor jongeren in de wijk over sport, ze mogen meedenken, budget 5000 euro, 10 weken")
    reply = answer_until(chat, reply, "Klopt dit?")
    advice = customs(chat.send("ja"), "advies")[0]
    reply = chat.send("waarom?")
    cases = [c["titel"] for c in advice.get("casussen") or []]
    if cases:
        assert any(title in texts(reply) for title in cases), texts(reply)
    else:
        assert "Waarom ik" in texts(reply)


def test_ja_after_the_offer_to_help_starts_the_form(chat):
    reply = chat.send("waarom?")
    assert "Zal ik u helpen" in texts(reply), texts(reply)
    reply = chat.send("ja")
    assert GROUP_Q in texts(reply), texts(reply)


def test_twente_cases_then_one_picked_by_its_place_and_asked_about(chat):
    reply = chat.send("heb je voorbeelden van participatie uit Twente?")
    cases = customs(reply, "casussen")
    assert cases and cases[0]["casussen"], texts(reply)
    shown = cases[0]["casussen"]
    first = shown[0]
    place = first["gemeente"].split("(")[0].strip()
    reply = chat.send(f"welke bronnen had die uit {place}?")
    said = texts(reply)
    assert first["titel"] in said, said
    others = [c["titel"] for c in shown if c["gemeente"].split("(")[0].strip() != place]
    assert not any(title in said for title in others), said
    reply = chat.send("hoe lang duurde dat")
    assert first["titel"] in texts(reply) and ("duurde" in texts(reply) or "hoe lang" in texts(reply)), texts(reply)
