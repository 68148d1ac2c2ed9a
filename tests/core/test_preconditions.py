"""Preconditions read from text, the rung they drive, remaining choices and inclusion in the advice."""
import datetime

import pytest

from besliswijzer.advice import preconditions as voorwaarden
from besliswijzer.advice.engine import advise
from besliswijzer.reference.catalogue import load_catalogue

DEC_3 = datetime.date(2026, 12, 3)


@pytest.mark.parametrize("text, facts", [
    ("De gemeenteraad heeft al besloten dat er een windpark komt. Moeten we de omwonenden nog betrekken?",
     {"ruimte_voor_invloed": False, "onderwerp": "windpark"}),
    ("het besluit is al genomen, we willen uitleggen waarom", {"ruimte_voor_invloed": False, "doel": "begrip"}),
    ("Het plan ligt vast", {"ruimte_voor_invloed": False}),
    ("er is nog niets besloten, alles kan nog", {"ruimte_voor_invloed": True}),
    ("de raad wil vooral draagvlak voor het zonnepark", {"doel": "draagvlak", "onderwerp": "zonnepark"}),
    ("het is een bewonersinitiatief voor een moestuin", {"rol": "responsief"}),
    ("we moeten vóór de zomer besluiten", {"doorlooptijd_weken": 30}),
    ("de raad besluit volgende week", {"doorlooptijd_weken": 1}),
    ("we willen ouderen laten meedenken over het plein", {"onderwerp": "herinrichting"}),
    ("we hebben besloten om jongeren te betrekken", {}),   # deciding to involve people is no decision taken
    ("volgende week ga ik op vakantie", {}),               # a date without a decision is not a deadline
    ("de raad beslist over drie weken", {"doorlooptijd_weken": 3}),
    ("het besluit valt tot de zomer niet", {"doorlooptijd_weken": 30}),
    ("de raad besluit eind volgend jaar", {"doorlooptijd_weken": 56}),
    ("we moeten voor de kerst besluiten", {"doorlooptijd_weken": 4}),
    ("het moet over een maand of twee klaar zijn", {"doorlooptijd_weken": 9}),
])
def test_facts_are_read_from_how_people_say_them(text, facts):
    assert voorwaarden.infer(text, today=DEC_3) == facts


@pytest.mark.parametrize("answer, weeks", [
    ("tot de zomer", 30), ("voor de kerst", 4), ("eind volgend jaar", 56), ("over een maand of twee", 9),
    ("binnen een half jaar", 26),
])
def test_a_moment_answers_the_question_about_the_decision(answer, weeks):
    assert voorwaarden.infer(answer, today=DEC_3, about_decision=True) == {"doorlooptijd_weken": weeks}


def test_weeks_until_a_month_rolls_over_to_next_year():
    assert voorwaarden.weeks_until(7, datetime.date(2026, 8, 1)) == 47
    assert voorwaarden.weeks_until(13, datetime.date(2026, 12, 20)) == 1


def test_no_room_says_so_and_names_what_is_still_open_for_a_windpark(db_url):
    payload = advise({"doelgroep": ["omwonenden"], "ruimte_voor_invloed": False, "onderwerp": "windpark"})
    assert payload["niveau"] == "informeren"
    assert payload["niveau_bepaald_door"] == "ruimte_voor_invloed"
    keuzes = " ".join(payload["resterende_keuzes"])
    for word in ("route", "compensatie", "omgevingsfonds", "financiële deelname"):
        assert word in keuzes
    assert any("omgevingsfonds" in w for w in payload["waarschuwingen"])


def test_room_for_influence_leaves_no_remaining_choices(db_url):
    payload = advise({"doelgroep": ["omwonenden"], "ruimte_voor_invloed": True, "onderwerp": "windpark"})
    assert payload["resterende_keuzes"] == []
    assert payload["niveau_bepaald_door"] == "standaard"


def test_too_little_time_warns_and_takes_the_feasible_rung(db_url):
    cat = load_catalogue()
    needed = voorwaarden.shortest_weeks(cat)
    weeks = needed["meebeslissen"] - 1
    payload = advise({"doelgroep": ["inwoners"], "niveau": "meebeslissen", "doorlooptijd_weken": weeks})
    assert payload["niveau"] == voorwaarden.feasible_rung("meebeslissen", weeks, cat) != "meebeslissen"
    assert payload["niveau_bepaald_door"] == "tijd"
    assert "te weinig tijd voor meebeslissen" in payload["waarschuwingen"][0]


def test_enough_time_keeps_the_chosen_rung(db_url):
    payload = advise({"doelgroep": ["inwoners"], "niveau": "meebeslissen", "doorlooptijd_weken": 52})
    assert (payload["niveau"], payload["niveau_bepaald_door"]) == ("meebeslissen", "niveau")


def test_one_week_is_too_little_even_for_informing(db_url):
    payload = advise({"doelgroep": ["inwoners"], "niveau": "meebeslissen", "doorlooptijd_weken": 1})
    assert "bijna geen tijd" in payload["waarschuwingen"][0]
    assert (payload["niveau"], payload["niveau_bepaald_door"]) == ("informeren", "tijd")


@pytest.mark.parametrize("profile, driver", [
    ({"doelgroep": ["inwoners"], "doel": "draagvlak"}, "doel"),
    ({"doelgroep": ["inwoners"], "beleidsfase": "uitvoering"}, "beleidsfase"),
    ({"doelgroep": ["inwoners"], "niveau": "meebeslissen", "rol": "rechtmatig"}, "rol"),
])
def test_the_payload_says_which_fact_chose_the_rung(db_url, profile, driver):
    assert advise(profile)["niveau_bepaald_door"] == driver


def test_an_unknown_kind_of_project_is_a_clear_error():
    from besliswijzer.errors import UnknownIdError
    with pytest.raises(UnknownIdError, match="windpark"):
        advise({"doelgroep": ["inwoners"], "onderwerp": "kerncentrale"})


def _first_online(group):
    """Ask for 'more options' until a combination is online only, as a user can."""
    shown = []
    for _ in range(8):
        payload = advise({"doelgroep": [group], "niveau": "raadplegen", "schaal": "gemeente"}, exclude_methods=shown)
        if any(c["kanaal"] == "online" and c["tool"] is None or (c["kanaal"] == "online" and c["tool_kanaal"] == "online")
               for c in payload["combinaties"]):
            return payload
        shown += [c["methode"] for c in payload["combinaties"]]
    raise AssertionError(f"no online-only combination for {group}")


def test_online_only_for_people_with_a_disability_warns_with_its_fact(db_url):
    payload = _first_online("mensen_met_beperking")
    warning = [w for w in payload["waarschuwingen"] if "alleen online" in w]
    assert warning and "6%" in warning[0] and "beperking" in warning[0]
    assert "mensen_met_beperking" in payload["inclusie"]["groepen"]
    assert any("toegankelijk" in m for m in payload["inclusie"]["maatregelen"])


def test_every_advice_says_what_it_does_for_inclusion(db_url):
    payload = advise({"doelgroep": ["ouderen"], "schaal": "wijk"})
    inclusion = payload["inclusie"]
    assert inclusion["groepen"] == ["ouderen"]
    assert inclusion["zonder_internet"] and inclusion["maatregelen"]
    assert "ouderen" in inclusion["toelichting"]
