"""Case search by place and follow-up questions about the cases just shown, against a real database."""
import pytest

from actions.casus_vervolg import ActionCasusDoorvragen, aspect_of, picked_positions
from actions.casussen import ActionCasussenZoeken
from besliswijzer.storage.db import session_scope
from besliswijzer.storage.models import CaseRow
from besliswijzer.reference.places import load_regions

from tests.support.actions import all_text, make_tracker, run_action, slot_events


@pytest.fixture
def cases(db_url):
    """Three recorded cases with known places, added to the seeded database."""
    with session_scope(db_url) as s:
        for case_id, place, result in (("t-borne", "Borne", "Twaalf adviezen, tien overgenomen."),
                                       ("t-ommen", "Ommen", None),
                                       ("t-hoorn", "Hoorn", "Een nieuw speelveld.")):
            s.add(CaseRow(id=case_id, titel=f"Burgerberaad {place}", gemeente=place, thema="wonen",
                          voorbeeld=False, resultaat=result, werving="Brieven aan 2.000 inwoners, gekozen door loting.",
                          bron="Verslag van de gemeente", totaal=5.0))
    return db_url


def search(domain, text, entities=(), slots=None):
    return run_action(ActionCasussenZoeken(), make_tracker(text=text, intent="casus_zoeken",
                                                           entities=list(entities), slots=slots), domain)


def follow_up(domain, text, shown, entities=()):
    return run_action(ActionCasusDoorvragen(), make_tracker(text=text, intent="casus_doorvragen",
                                                            entities=list(entities),
                                                            slots={"casus_lijst": shown}), domain)


def test_search_in_a_region_shows_only_cases_there_and_remembers_them(domain, cases):
    messages, events = search(domain, "voorbeelden uit Twente", [("regio", "Twente")])
    found = messages[0]["custom"]["casussen"]
    twente = load_regions().place("twente")
    assert found and all(load_regions().contains(twente, c["gemeente"]) for c in found)
    assert "t-borne" in [c["id"] for c in found] and "t-ommen" not in [c["id"] for c in found]
    assert "in Twente" in messages[0]["text"]
    slots = slot_events(events)
    assert slots["casus_lijst"] == [c["id"] for c in found]
    assert slots["casus_filters"] == {"regio": "twente"}


def test_region_from_the_words_when_the_nlu_found_none(domain, cases):
    messages, events = search(domain, "heb je iets uit de Achterhoek of zo?")
    assert slot_events(events)["casus_filters"] == {"regio": "achterhoek"}
    achterhoek = load_regions().place("achterhoek")
    found = (messages[0]["custom"] or {}).get("casussen") or []
    # only cases there; or, when there are none, say so rather than show a list from elsewhere
    assert all(load_regions().contains(achterhoek, c["gemeente"]) for c in found)
    assert found or "geen voorbeelden" in messages[0]["text"]


def test_province_named_as_gemeente_entity_is_a_region(domain, cases):
    messages, events = search(domain, "casussen uit Overijssel", [("gemeente", "Overijssel")])
    ids = [c["id"] for c in messages[0]["custom"]["casussen"]]
    assert {"t-borne", "t-ommen"} <= set(ids) and "t-hoorn" not in ids
    assert "in Overijssel" in messages[0]["text"]


def test_one_from_overijssel_moves_the_last_search(domain, cases):
    tracker = make_tracker(text="heb je er een uit Overijssel?", intent="casus_zoeken",
                           entities=[("regio", "Overijssel")],
                           slots={"casus_filters": {"thema": "wonen", "gemeente": "Hoorn"}})
    messages, events = run_action(ActionCasussenZoeken(), tracker, domain)
    assert slot_events(events)["casus_filters"] == {"thema": "wonen", "regio": "overijssel"}
    assert all(c["thema"] == "wonen" for c in messages[0]["custom"]["casussen"])
    assert "t-hoorn" not in [c["id"] for c in messages[0]["custom"]["casussen"]]


def test_a_new_question_is_not_merged_with_the_last_search(domain, cases):
    tracker = make_tracker(text="voorbeelden uit Overijssel", intent="casus_zoeken",
                           entities=[("regio", "Overijssel")], slots={"casus_filters": {"thema": "mobiliteit"}})
    _, events = run_action(ActionCasussenZoeken(), tracker, domain)
    assert slot_events(events)["casus_filters"] == {"regio": "overijssel"}


def test_nearby_uses_the_region_of_the_profile_municipality(domain, cases):
    messages, events = search(domain, "heb je voorbeelden bij ons in de buurt?", slots={"gemeente": "Hengelo"})
    assert slot_events(events)["casus_filters"]["regio"] == "twente"
    assert "bij u in de buurt (Twente)" in messages[0]["text"]
    assert "t-borne" in [c["id"] for c in messages[0]["custom"]["casussen"]]


def test_nearby_without_a_municipality_asks_for_one(domain, cases):
    messages, events = search(domain, "iets bij ons in de buurt?")
    assert "In welke gemeente werkt u?" in messages[0]["text"]
    assert "casus_lijst" not in slot_events(events)


def test_a_village_is_the_scale_kern(domain, cases):
    _, events = search(domain, "voorbeelden in een dorp", [("schaal", "dorp")])
    assert slot_events(events)["casus_filters"] == {"schaal": "kern"}


def test_list_lines_name_the_source_and_an_unknown_outcome(domain, cases):
    messages, _ = search(domain, "voorbeelden uit Overijssel", [("regio", "Overijssel")])
    text = messages[0]["text"]
    ommen = next(line for line in text.splitlines() if "Ommen" in line)
    assert "Uitkomst niet bekend" in ommen and "Bron:" in ommen
    borne = next(line for line in text.splitlines() if "Borne" in line)
    assert "Twaalf adviezen" in borne and "niet bekend" not in borne


@pytest.mark.parametrize("text, aspect", [
    ("wat kwam daaruit?", "uitkomst"), ("en de uitkomst?", "uitkomst"),
    ("hoe hebben ze jongeren bereikt?", "aanpak"), ("welke bron?", "bron"), ("waar staat dat?", "bron"),
    ("meer zoals de tweede", "meer"), ("iets vergelijkbaars als de laatste", "meer"),
])
def test_aspect_of_a_follow_up(text, aspect):
    assert aspect_of(text) == aspect


def test_picked_positions():
    shown = [{"gemeente": "Borne"}, {"gemeente": "Amsterdam (stadsdeel West)"}, {"gemeente": "Hoorn"}]
    assert picked_positions("meer zoals de tweede", shown) == [1]
    assert picked_positions("wat kwam uit de laatste", shown) == [2]
    assert picked_positions("de bron van nummer 3", shown) == [2]
    assert picked_positions("en die in Amsterdam?", shown) == [1]
    assert picked_positions("wat kwam daaruit?", shown) is None


def test_what_came_of_it_answers_per_case_and_says_when_unknown(domain, cases):
    messages, _ = follow_up(domain, "wat kwam daaruit?", ["t-borne", "t-ommen"])
    text = all_text(messages)
    assert "Burgerberaad Borne (Borne): Twaalf adviezen, tien overgenomen." in text
    assert "Burgerberaad Ommen (Ommen): Uitkomst niet bekend." in text


def test_what_came_of_the_second(domain, cases):
    messages, _ = follow_up(domain, "wat kwam er uit de tweede?", ["t-borne", "t-hoorn"])
    text = all_text(messages)
    assert "Hoorn" in text and "Borne" not in text


def test_how_they_reached_a_group_says_what_the_sources_do_not_say(domain, cases):
    messages, _ = follow_up(domain, "hoe hebben ze jongeren bereikt?", ["t-borne"], [("doelgroep", "jongeren")])
    text = all_text(messages)
    assert "Werving: Brieven aan 2.000 inwoners" in text
    assert "Over het bereiken van jongeren zeggen de bronnen van deze casus niets." in text


def test_which_source_lists_links_on_a_card(domain, cases):
    with session_scope(cases) as s:
        row = s.get(CaseRow, "t-borne")
        recorded = hasattr(row, "bronnen")
    messages, _ = follow_up(domain, "welke bron?", ["t-borne"])
    text = all_text(messages)
    assert "Borne" in text
    if recorded:   # the data layer with case sources (url + titel) is in place
        assert "Voor Burgerberaad Borne (Borne) is geen bron vastgelegd." in text
    assert messages[0]["custom"]["type"] == "casussen"
    assert [c["id"] for c in messages[0]["custom"]["casussen"]] == ["t-borne"]


def test_example_case_has_no_source(domain, db_url):
    with session_scope(db_url) as s:
        s.add(CaseRow(id="t-verzonnen", titel="Verzonnen plein", gemeente="Hengelo", thema="wonen", voorbeeld=True))
    messages, _ = follow_up(domain, "welke bron?", ["t-verzonnen"])
    assert "verzonnen voorbeeld" in all_text(messages)


def test_more_like_the_second_shows_other_cases_and_remembers_them(domain, cases):
    messages, events = follow_up(domain, "meer zoals de tweede", ["t-borne", "t-ommen"])
    assert messages[0]["text"].startswith("Trajecten die lijken op Burgerberaad Ommen (Ommen):")
    found = [c["id"] for c in messages[0]["custom"]["casussen"]]
    assert found and not {"t-borne", "t-ommen"} & set(found)
    assert slot_events(events)["casus_lijst"] == found


def test_follow_up_without_a_list_asks_which_case(domain, cases):
    messages, _ = follow_up(domain, "wat kwam daaruit?", None)
    assert "Vraag eerst om voorbeelden" in all_text(messages)


def test_follow_up_beyond_the_list(domain, cases):
    messages, _ = follow_up(domain, "wat kwam uit de vijfde?", ["t-borne", "t-ommen"])
    assert "Ik liet er maar 2 zien" in all_text(messages)


def test_real_cases_list_their_sources_with_addresses(domain, db_url):
    from besliswijzer.cases.store import search_cases

    with session_scope(db_url) as s:
        real = [c for c in search_cases(s, limit=0) if c.get("bronnen") and not c["voorbeeld"]][:2]
    assert real, "the default data holds documented cases with sources"
    messages, _ = follow_up(domain, "welke bronnen heb je?", [c["id"] for c in real])
    text = all_text(messages)
    for case in real:
        for source in case["bronnen"]:
            if source.get("url", "").startswith("http"):
                assert source["url"] in text
    messages, _ = follow_up(domain, "wat kwam daaruit?", [real[0]["id"]])
    known = real[0].get("uitkomst_bekend")
    assert ("Uitkomst niet bekend" in all_text(messages)) == (known == "nee" or not real[0].get("uitkomst"))


def test_burgerberaad_in_twente_with_the_real_cases(domain, db_url):
    messages, events = search(domain, "welke voorbeelden zijn er van een burgerberaad in Twente?",
                              [("methode", "burgerberaad"), ("regio", "Twente")])
    text = messages[0]["text"]
    found = messages[0]["custom"]["casussen"]
    twente = load_regions().place("twente")
    assert all(load_regions().contains(twente, c["gemeente"]) for c in found) or "vond ik niets" in text
    assert "voorbeeld ter illustratie" not in text      # only documented cases by default
    assert text.count("Bron") >= len(found)


def test_after_advice_a_follow_up_is_about_the_cases_it_cites(domain, db_url):
    from actions.advies import send_advice
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"doelgroep": ["ouderen"], "schaal": "wijk", "thema": "openbare_ruimte"})
    events = send_advice(dispatcher, tracker)
    cited = [c["id"] for c in dispatcher.messages[0]["custom"]["casussen"]]
    assert cited and slot_events(events)["casus_lijst"] == cited
    messages, _ = follow_up(domain, "welke bron?", cited)
    assert [c["id"] for c in messages[0]["custom"]["casussen"]] == cited


def test_duration_and_cost_come_from_the_case_itself_with_its_source():
    from actions.casus_vervolg import aspect_of, fact_answer

    case = {"titel": "Burgerberaad klimaat", "gemeente": "Deventer", "duur": "vier zaterdagen in 2023",
            "kosten": None, "bronnen": [{"titel": "Verslag", "url": "https://example.org/verslag"}]}
    assert aspect_of("hoe lang duurde dat") == "duur" and aspect_of("wat kostte dat") == "kosten"
    said = fact_answer("duur", case)
    assert "vier zaterdagen in 2023" in said and "https://example.org/verslag" in said
    assert "staat niet in de bronnen" in fact_answer("kosten", case)


def test_a_case_is_picked_by_a_word_of_its_title():
    from actions.casus_vervolg import picked_positions

    shown = [{"titel": "Mijn Dinkelland 2030! in Lattrop-Breklenkamp", "gemeente": "Dinkelland"},
             {"titel": "Participatie voor MijnOmgevingsvisie Dinkelland", "gemeente": "Dinkelland"},
             {"titel": "G1000 Borne burgertop", "gemeente": "Borne"}]
    assert picked_positions("wat kwam er uit die van Lattrop-Breklenkamp, welke bronnen?", shown) == [0]
    assert picked_positions("welke bronnen?", shown) is None


def test_a_province_or_region_picks_the_shown_cases_there():
    shown = [{"gemeente": "Borne"}, {"gemeente": "Hoorn"}, {"gemeente": "Ommen"}]
    assert picked_positions("die uit Overijssel?", shown) == [0, 2]
    assert picked_positions("en die in Noord-Holland?", shown) == [1]
    assert picked_positions("die uit Twente?", shown) == [0]
    assert picked_positions("die uit Limburg?", shown) == []        # named, none of them lies there


def test_none_of_the_shown_cases_in_the_province_says_so_and_offers_a_search(domain, cases):
    messages, _ = follow_up(domain, "en die uit Limburg?", ["t-borne", "t-hoorn"])
    assert "Geen van deze voorbeelden komt uit Limburg" in messages[0]["text"]
    assert "casus_zoeken" in messages[0]["buttons"][0]["payload"] and "Limburg" in messages[0]["buttons"][0]["payload"]


def test_in_a_small_municipality_goes_by_the_scale_the_sources_give(domain, cases):
    assert aspect_of("en in een kleine gemeente?") == "klein"
    assert aspect_of("werkt dat ook in een dorp?") == "klein"
    with session_scope(cases) as s:
        s.get(CaseRow, "t-ommen").schaal = "kern"
    messages, _ = follow_up(domain, "en in een kleine gemeente?", ["t-borne", "t-ommen"])
    text = all_text(messages)
    assert "dorp, kern of buurt" in text and "Ommen" in text and "Borne" not in text


def test_a_method_named_twice_in_a_case_is_listed_once():
    from actions.casus_vervolg import approach_answer

    case = {"titel": "Burgerberaad", "gemeente": "Borne", "methodes": ["burgerberaad"],
            "origineel": {"methoden": ["Burgerberaad", "burgerberaad ", "Enquête"]}}
    said = approach_answer(case, [])
    assert said.lower().count("burgerberaad") == 2           # the title once, the method once
    assert "Enquête" in said
