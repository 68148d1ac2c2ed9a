"""Case search: filters from the message, loosening when nothing is found, database down."""
from actions.casussen import ActionCasussenZoeken

from tests.support.actions import all_text, make_tracker, run_action, slot_events


def search(domain, **kwargs):
    return run_action(ActionCasussenZoeken(), make_tracker(intent="casus_zoeken", **kwargs), domain)


def test_filter_from_entity_gives_matching_cases(domain, db_url):
    messages, _ = search(domain, text="heb je voorbeelden over veiligheid?", entities=[("thema", "veiligheid")])
    assert len(messages) == 1
    payload = messages[0]["custom"]
    assert payload["type"] == "casussen"
    assert payload["casussen"] and all(c["thema"] == "veiligheid" for c in payload["casussen"])
    assert "veiligheid" in messages[0]["text"]
    for case in payload["casussen"]:
        assert case["titel"] in messages[0]["text"]


def test_filter_from_plain_words_when_nlu_found_no_entity(domain, db_url):
    messages, _ = search(domain, text="voorbeelden met een burgerberaad")
    payload = messages[0]["custom"]
    assert payload["casussen"] and all("burgerberaad" in c["methodes"] for c in payload["casussen"])


def test_nothing_found_loosens_a_filter_and_says_which(domain, db_url):
    # The case base has cases about veiligheid, but none in Hoorn.
    messages, _ = search(domain, text="voorbeelden over veiligheid in Hoorn",
                         entities=[("thema", "veiligheid"), ("gemeente", "Hoorn")])
    text = messages[0]["text"]
    assert "Met de voorwaarde 'in Hoorn' vond ik niets" in text
    assert messages[0]["custom"]["casussen"]
    assert all(c["thema"] == "veiligheid" for c in messages[0]["custom"]["casussen"])


def test_nothing_at_all_says_so_without_payload(domain, db_url):
    messages, _ = search(domain, text="voorbeelden over armoede met een hackathon",
                         entities=[("thema", "armoede"), ("methode", "hackathon")])
    text = all_text(messages)
    if messages[0]["custom"]:
        # loosening found cases: it must say what it left out
        assert "vond ik niets" in text
    else:
        assert "geen voorbeelden" in text


def test_without_filters_uses_the_profile(domain, db_url):
    messages, _ = search(domain, text="laat eens voorbeelden zien",
                         slots={"doelgroep": ["ouderen"], "schaal": "wijk", "thema": "openbare_ruimte"})
    payload = messages[0]["custom"]
    assert payload["type"] == "casussen"
    assert all("gelijkenis" in c for c in payload["casussen"])
    assert "lijken op uw situatie" in messages[0]["text"]


def test_without_filters_or_profile_shows_some_cases(domain, db_url):
    messages, _ = search(domain, text="voorbeelden graag")
    assert messages[0]["custom"]["casussen"]
    assert "Noem gerust" in messages[0]["text"]


def test_database_down_gives_a_clear_message_and_no_crash(domain, broken_database):
    messages, events = search(domain, text="voorbeelden over wonen", entities=[("thema", "wonen")])
    assert set(slot_events(events)) == {"casus_filters"}  # "en in Enschede?" can retry the search
    assert "niet bereiken" in messages[0]["text"]
    assert not messages[0]["custom"]


def test_other_municipalities_is_no_scale_filter(domain, db_url):
    messages, _ = search(domain, text="zijn er voorbeelden uit andere gemeenten?", entities=[("schaal", "gemeente")],
                         slots={"doelgroep": ["ouderen"], "schaal": "wijk"})
    assert "lijken op uw situatie" in messages[0]["text"]


def test_one_case_is_counted_in_the_singular(domain, db_url):
    messages, _ = search(domain, text="voorbeelden met een burgerberaad", entities=[("methode", "burgerberaad")])
    cases = messages[0]["custom"]["casussen"]
    assert messages[0]["text"].startswith("Ik vond 1 voorbeeld " if len(cases) == 1 else f"Ik vond {len(cases)} voorbeelden")


def test_search_remembers_its_filters(domain, db_url):
    _, events = search(domain, text="casussen over veiligheid met jongeren",
                       entities=[("thema", "veiligheid"), ("doelgroep", "jongeren")])
    assert slot_events(events)["casus_filters"] == {"thema": "veiligheid", "doelgroep": "jongeren"}


def test_follow_up_narrows_the_last_search_and_keeps_the_profile(domain, db_url):
    # "en met ouderen?" right after a search on wonen: the slot mapping has already put
    # ouderen in the profile; the search uses it as a filter and puts the profile back.
    history = [{"event": "slot", "name": "doelgroep", "value": ["inwoners"]}]
    tracker = make_tracker(text="en met ouderen?", intent="situatie_geven", entities=[("doelgroep", "ouderen")],
                           slots={"casus_filters": {"thema": "wonen"}, "doelgroep": ["ouderen"]},
                           history=history)
    messages, events = run_action(ActionCasussenZoeken(), tracker, domain)
    slots = slot_events(events)
    assert slots["casus_filters"] == {"thema": "wonen", "doelgroep": "ouderen"}
    assert slots["doelgroep"] == ["inwoners"]
    payload = messages[0]["custom"]
    assert payload["type"] == "casussen" and payload["casussen"]
    assert "ouderen" in messages[0]["text"]


def test_follow_up_with_a_place_keeps_the_other_filters(domain, db_url):
    tracker = make_tracker(text="en in Enschede?", intent="situatie_geven", entities=[("gemeente", "Enschede")],
                           slots={"casus_filters": {"thema": "mobiliteit"}, "gemeente": "Enschede"})
    _, events = run_action(ActionCasussenZoeken(), tracker, domain)
    slots = slot_events(events)
    assert slots["casus_filters"] == {"thema": "mobiliteit", "gemeente": "Enschede"}
    assert slots["gemeente"] is None


def test_a_case_on_participedia_data_names_its_licence_in_the_chat_and_the_card(domain, db_url):
    messages, _ = search(domain, text="voorbeelden van een g1000 in Amersfoort", entities=[("methode", "g1000")])
    payload = messages[0]["custom"]
    amersfoort = next(c for c in payload["casussen"] if c["id"] == "amersfoort-g1000-2014")
    assert amersfoort["licentie"] == "https://creativecommons.org/licenses/by-nc-sa/3.0/"
    assert amersfoort["licentie_naam"] == "CC BY-NC-SA 3.0" and amersfoort["licentie_tekst"]
    line = next(line for line in messages[0]["text"].splitlines() if amersfoort["titel"] in line)
    assert "Licentie: CC BY-NC-SA 3.0 (https://creativecommons.org/licenses/by-nc-sa/3.0/)" in line
    assert "gegevens van Participedia (participedia.net)" in line
