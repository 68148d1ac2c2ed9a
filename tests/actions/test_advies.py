"""Summary, advice and the follow-ups waarom / meer opties."""
from actions.advies import (ActionBevestigProfiel, ActionGeefAdvies, ActionMeerOpties, ActionProfielAanpassen,
                            ActionWaarom)
from actions.teksten import tekst
from tests.support.actions import all_text, make_tracker, run_action, slot_events

PROFILE = {"doelgroep": ["ouderen"], "schaal": "wijk", "thema": "openbare_ruimte", "beleidsfase": "beleidsvorming",
           "niveau": "adviseren", "budget_euro": 15000.0, "doorlooptijd_weken": 12.0}


def test_summary_names_every_answer_in_dutch_and_asks_to_confirm(domain):
    tracker = make_tracker(text="", intent="situatie_geven", slots=PROFILE)
    messages, _ = run_action(ActionBevestigProfiel(), tracker, domain)
    assert len(messages) == 1
    text = messages[0]["text"]
    for words in ("ouderen", "wijk", "openbare ruimte", "beleidsvorming", "adviseren", "€ 15.000", "12 weken",
                  "Klopt dit?"):
        assert words in text
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/bevestigen", "/ontkennen"]


def test_the_summary_follows_the_order_of_the_questions(domain):
    from actions.teksten import tekst

    profile = {**PROFILE, "ruimte_voor_invloed": True, "gemeente": "Almelo"}
    messages, _ = run_action(ActionBevestigProfiel(), make_tracker(slots=profile), domain)
    named = [line[2:].split(":")[0] for line in messages[0]["text"].splitlines() if line.startswith("- ")]
    order = [*domain["forms"]["advies_form"]["required_slots"], "gemeente"]
    assert named == [tekst(f"profiel.{slot}").split(":")[0] for slot in order if profile.get(slot) is not None]


def test_no_budget_reads_as_words(domain):
    tracker = make_tracker(slots={**PROFILE, "budget_euro": 0.0})
    messages, _ = run_action(ActionBevestigProfiel(), tracker, domain)
    assert "geen budget" in messages[0]["text"]


def test_advice_sends_text_and_payload_in_one_message(domain, db_url):
    tracker = make_tracker(text="ja", intent="bevestigen", slots=PROFILE)
    messages, events = run_action(ActionGeefAdvies(), tracker, domain)
    assert len(messages) == 1
    payload = messages[0]["custom"]
    assert payload["type"] == "advies"
    assert payload["profiel"]["doelgroep"] == ["ouderen"]
    assert payload["profiel"]["budget_euro"] == 15000
    assert 3 <= len(payload["combinaties"]) <= 5
    assert messages[0]["text"]
    slots = slot_events(events)
    assert slots["getoonde_methodes"] == [c["methode"] for c in payload["combinaties"]]
    assert slots["laatste_advies"]["combinaties"][0]["methode"] == payload["combinaties"][0]["methode"]
    assert "/waarom_vragen" in [b["payload"] for b in messages[0]["buttons"]]


def test_advice_without_target_group_asks_for_it(domain, db_url):
    tracker = make_tracker(text="ja", intent="bevestigen", slots={"schaal": "wijk"})
    messages, events = run_action(ActionGeefAdvies(), tracker, domain)
    assert events == []
    assert "voor wie" in messages[0]["text"]
    assert not messages[0]["custom"]


def test_advice_still_works_when_the_case_database_is_down(domain, broken_database):
    tracker = make_tracker(text="ja", intent="bevestigen", slots=PROFILE)
    messages, _ = run_action(ActionGeefAdvies(), tracker, domain)
    assert messages, "the user always gets an answer"
    text = all_text(messages)
    assert "Traceback" not in text
    assert any(m.get("custom", {}).get("type") == "advies" for m in messages) or "niet bereiken" in text


def test_more_options_leave_out_what_was_shown(domain, db_url):
    first_messages, first_events = run_action(ActionGeefAdvies(), make_tracker(slots=PROFILE), domain)
    shown = slot_events(first_events)["getoonde_methodes"]
    tracker = make_tracker(text="heb je nog andere opties?", intent="meer_opties",
                           slots={**PROFILE, "getoonde_methodes": shown})
    messages, events = run_action(ActionMeerOpties(), tracker, domain)
    custom = messages[0].get("custom")
    if custom:  # a new advice: none of the earlier methods again
        assert not set(c["methode"] for c in custom["combinaties"]) & set(shown)
        assert slot_events(events)["getoonde_methodes"][:len(shown)] == shown
        assert messages[0]["text"].startswith("Hier zijn andere opties")
        assert "Dit is mijn advies" not in messages[0]["text"]
    else:  # the catalogue has nothing more that fits
        assert "Meer passende opties heb ik niet" in messages[0]["text"]


def test_waarom_explains_the_top_combination(domain, db_url):
    _, events = run_action(ActionGeefAdvies(), make_tracker(slots=PROFILE), domain)
    advice = slot_events(events)["laatste_advies"]
    tracker = make_tracker(text="waarom raad je dat aan?", intent="waarom_vragen",
                           slots={**PROFILE, "laatste_advies": advice})
    messages, _ = run_action(ActionWaarom(), tracker, domain)
    assert messages[0]["text"].startswith("Waarom ik ")
    top = advice["combinaties"][0]
    from besliswijzer.reference.catalogue import load_catalogue
    assert load_catalogue().label("methode", top["methode"]) in messages[0]["text"]


def test_waarom_inside_the_form_explains_the_open_question(domain):
    """Every question of the form has a reason of its own: "waarom?" gives the open question's, not the question."""
    reasons = {}
    for slot in domain["forms"]["advies_form"]["required_slots"]:
        tracker = make_tracker(text="waarom wil je dat weten?", intent="waarom_vragen", active_loop="advies_form",
                               slots={"requested_slot": slot})
        messages, events = run_action(ActionWaarom(), tracker, domain)
        assert [m["text"] for m in messages] == [tekst(f"vragen.{slot}.uitleg")], slot
        assert messages[0]["text"] != tekst(f"vragen.{slot}.vraag") and events == [], slot
        reasons[slot] = messages[0]["text"]
    assert len(set(reasons.values())) == len(reasons)          # no two questions share a reason


def test_waarom_without_advice_offers_to_start(domain):
    messages, _ = run_action(ActionWaarom(), make_tracker(text="waarom?", intent="waarom_vragen"), domain)
    assert "nog geen advies" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"] == "/advies_vragen"


def test_no_without_correction_asks_what_to_change(domain):
    tracker = make_tracker(text="nee", intent="ontkennen", slots=PROFILE)
    messages, _ = run_action(ActionProfielAanpassen(), tracker, domain)
    assert "Wat moet er anders?" in messages[0]["text"]


def test_no_with_correction_shows_the_new_summary(domain):
    tracker = make_tracker(text="nee, het gaat om jongeren", intent="ontkennen", entities=[("doelgroep", "jongeren")],
                           slots={**PROFILE, "doelgroep": ["jongeren"]})
    messages, _ = run_action(ActionProfielAanpassen(), tracker, domain)
    assert "jongeren" in messages[0]["text"] and "Klopt dit?" in messages[0]["text"]


def advice_for(domain, profile):
    _, events = run_action(ActionGeefAdvies(), make_tracker(slots=profile), domain)
    return slot_events(events)["laatste_advies"]


def test_why_not_online_only_gives_the_facts_for_the_group(domain, db_url):
    tracker = make_tracker(text="waarom niet alleen online?", intent="waarom_vragen",
                           slots={**PROFILE, "laatste_advies": advice_for(domain, PROFILE)})
    messages, _ = run_action(ActionWaarom(), tracker, domain)
    text = messages[0]["text"]
    assert "sluit mensen uit" in text and "ouderen" in text
    assert "75-plussers" in text  # the fact about older people, with its source
    assert "zonder internet" in text


def test_why_not_online_also_works_before_any_advice(domain):
    tracker = make_tracker(text="kan het niet gewoon allemaal online", intent="waarom_vragen")
    messages, _ = run_action(ActionWaarom(), tracker, domain)
    assert "zonder internet" in messages[0]["text"]


def test_why_not_a_method_names_the_filters_it_fails(domain, db_url):
    profile = {**PROFILE, "budget_euro": 2000.0, "doorlooptijd_weken": 6.0}
    tracker = make_tracker(text="waarom geen burgerberaad?", intent="waarom_vragen",
                           entities=[("methode", "burgerberaad")],
                           slots={**profile, "laatste_advies": advice_for(domain, profile)})
    messages, _ = run_action(ActionWaarom(), tracker, domain)
    text = messages[0]["text"]
    assert text.startswith("Burgerberaad staat niet bovenaan")
    assert "langer dan de 6 weken" in text and "budget" in text


def test_why_a_method_lower_in_the_advice_explains_that_one(domain, db_url):
    advice = advice_for(domain, PROFILE)
    second = advice["combinaties"][1]["methode"]
    from besliswijzer.reference.catalogue import load_catalogue
    name = load_catalogue().label("methode", second)
    tracker = make_tracker(text=f"waarom een {name.lower()}?", intent="waarom_vragen",
                           entities=[("methode", second)], slots={**PROFILE, "laatste_advies": advice})
    messages, _ = run_action(ActionWaarom(), tracker, domain)
    assert messages[0]["text"].startswith(f"{name} staat op plek 2")


def test_budget_correction_after_the_summary_is_applied_and_said(domain):
    tracker = make_tracker(text="o wacht, het budget is eigenlijk 5000", intent="situatie_geven", slots=PROFILE)
    messages, events = run_action(ActionBevestigProfiel(), tracker, domain)
    assert slot_events(events)["budget_euro"] == 5000
    assert "aangepast" in messages[0]["text"] and "5.000" in messages[0]["text"]
    assert "5.000" in messages[1]["text"] and "15.000" not in messages[1]["text"]
    assert messages[1]["buttons"]


def test_summary_without_a_correction_changes_nothing(domain):
    tracker = make_tracker(text="", intent="situatie_geven", slots=PROFILE)
    messages, events = run_action(ActionBevestigProfiel(), tracker, domain)
    assert events == [] and len(messages) == 1
