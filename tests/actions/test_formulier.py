"""The advice form: validation (free text, corrections, skips, failures) and its questions."""
import pytest

from actions.formulier import ASK_ACTIONS, ValidateAdviesForm

from tests.support.actions import all_text, make_tracker, run_action, slot_events

FULL = {"doelgroep": ["ouderen"], "schaal": "wijk", "thema": "openbare_ruimte", "beleidsfase": None,
        "ruimte_voor_invloed": True, "niveau": None, "budget_euro": None, "doorlooptijd_weken": None}


def ask(slot):
    return next(cls() for cls in ASK_ACTIONS if cls().name() == f"action_ask_advies_form_{slot}")


def test_prefilled_slots_from_the_first_message_are_normalised_and_not_asked_again(domain):
    tracker = make_tracker(text="advies voor senioren in de wijk, budget 15k", intent="advies_vragen",
                           validate={"doelgroep": ["senioren"], "schaal": "wijk", "budget_euro": "15k"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["doelgroep"] == ["ouderen"]
    assert slots["schaal"] == "wijk"
    assert slots["budget_euro"] == 15000
    assert slots["requested_slot"] == "thema"  # the first question not answered yet


def test_several_target_groups_in_free_text(domain):
    tracker = make_tracker(text="vooral oudren en nieuwkomers", intent="situatie_geven",
                           slots={"requested_slot": "doelgroep"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doelgroep"] == ["ouderen", "nieuwkomers"]
    assert slot_events(events)["requested_slot"] == "schaal"


def test_amount_in_words_is_parsed(domain):
    tracker = make_tracker(text="anderhalve ton denk ik", intent="situatie_geven",
                           slots={**FULL, "beleidsfase": "uitvoering", "niveau": "adviseren",
                                  "requested_slot": "budget_euro"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["budget_euro"] == 150000
    assert slot_events(events)["requested_slot"] == "doorlooptijd_weken"


def test_last_answer_closes_the_form(domain):
    tracker = make_tracker(text="een half jaar", intent="situatie_geven",
                           slots={**FULL, "beleidsfase": "uitvoering", "niveau": "adviseren",
                                  "budget_euro": 5000, "requested_slot": "doorlooptijd_weken"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doorlooptijd_weken"] == 26
    assert slot_events(events)["requested_slot"] is None


def test_weet_niet_skips_a_question_the_engine_can_decide(domain):
    tracker = make_tracker(text="geen idee eigenlijk", intent="weet_niet",
                           slots={**FULL, "beleidsfase": "uitvoering", "requested_slot": "niveau"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["overgeslagen"] == ["niveau"]
    assert slots["requested_slot"] == "doel"   # without a rung, the goal helps choose one
    assert "trede" in all_text(messages)


def test_weet_niet_on_the_target_group_means_all_residents_and_says_so(domain):
    tracker = make_tracker(text="weet ik niet", intent="weet_niet", slots={"requested_slot": "doelgroep"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["doelgroep"] == ["inwoners"] and slots["pogingen"] is None
    assert slots["requested_slot"] == "schaal"
    assert "alle inwoners" in all_text(messages)


@pytest.mark.parametrize("slot, after", [("schaal", "thema"), ("thema", "beleidsfase")])
def test_weet_niet_politely_skips_the_area_and_the_theme(domain, slot, after):
    slots = {"doelgroep": ["ouderen"], "schaal": "wijk", "requested_slot": slot}
    slots.pop(slot) if slot == "schaal" else None
    tracker = make_tracker(text="weet ik niet", intent="weet_niet", slots=slots)
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    found = slot_events(events)
    assert found["overgeslagen"] == [slot] and found["requested_slot"] == after
    assert "Geen probleem" in all_text(messages) and "herkende ik niet" not in all_text(messages)


def test_ouders_stay_ouders_in_the_users_words(domain):
    tracker = make_tracker(text="we willen ouders bereiken", intent="situatie_geven",
                           slots={"requested_slot": "doelgroep"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doelgroep"] == ["ouders"]


@pytest.mark.parametrize("tagged, text, name", [
    ("Hof", "ik werk bij de gemeente Hof van Twente aan het omgevingsplan", "Hof van Twente"),
    ("Sint", "wij zitten in Sint-Michielsgestel", "Sint-Michielsgestel"),
])
def test_a_municipality_of_several_words_stays_whole(domain, tagged, text, name):
    tracker = make_tracker(text=text, intent="situatie_geven", entities=[("gemeente", tagged)],
                           slots={"requested_slot": "doelgroep"}, validate={"gemeente": tagged})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["gemeente"] == name


def test_a_spatial_planning_theme_exists_for_an_omgevingsplan(domain):
    tracker = make_tracker(text="het omgevingsplan", intent="situatie_geven",
                           slots={"doelgroep": ["inwoners"], "schaal": "gemeente", "requested_slot": "thema"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["thema"] == "ruimtelijke_ordening"


def test_a_vague_budget_told_early_is_kept_as_an_estimate(domain):
    tracker = make_tracker(text="het budget is een paar duizend euro", intent="situatie_geven",
                           slots={"doelgroep": ["inwoners"], "requested_slot": "schaal"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["budget_euro"] == 2000
    assert "ongeveer € 2.000" in all_text(messages)


def test_a_deadline_told_early_is_kept_and_said_back(domain):
    tracker = make_tracker(text="de raad beslist over drie weken", intent="situatie_geven",
                           slots={"doelgroep": ["inwoners"], "requested_slot": "schaal"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doorlooptijd_weken"] == 3
    assert "3 weken" in all_text(messages)


def test_a_moment_answers_the_time_until_the_decision(domain):
    import datetime

    from besliswijzer.advice.preconditions import weeks_until
    tracker = make_tracker(text="voor de zomer", intent="situatie_geven",
                           slots={**FULL, "requested_slot": "doorlooptijd_weken"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doorlooptijd_weken"] == weeks_until(7, datetime.date.today())


def test_vague_time_is_not_a_duration_and_counts_as_a_failure(domain):
    tracker = make_tracker(text="ergens volgend jaar misschien", intent="situatie_geven",
                           slots={**FULL, "requested_slot": "doorlooptijd_weken",
                                  "pogingen": {"slot": "doorlooptijd_weken", "aantal": 1}})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["pogingen"] == {"slot": "doorlooptijd_weken", "aantal": 2}
    assert slots.get("doorlooptijd_weken") is None


def test_correction_of_an_earlier_answer_updates_the_slot_and_keeps_the_open_question(domain):
    history = [{"event": "slot", "name": "schaal", "value": "wijk"}]
    tracker = make_tracker(text="nee, het is de hele gemeente", intent="situatie_geven",
                           entities=[("schaal", "gemeente")], history=history,
                           slots={**FULL, "requested_slot": "budget_euro"}, validate={"schaal": "gemeente"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["schaal"] == "gemeente"
    assert slots["requested_slot"] == "beleidsfase"  # first still-open question, asked again
    assert "aangepast" in all_text(messages) and "hele gemeente" in all_text(messages)
    assert "pogingen" not in slots or slots["pogingen"] is None


def test_ook_adds_target_groups_instead_of_replacing_them(domain):
    history = [{"event": "slot", "name": "doelgroep", "value": ["ouderen"]}]
    tracker = make_tracker(text="en ook jongeren", intent="situatie_geven", entities=[("doelgroep", "jongeren")],
                           history=history, slots={**FULL, "requested_slot": "beleidsfase"},
                           validate={"doelgroep": ["jongeren"]})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doelgroep"] == ["ouderen", "jongeren"]


def test_side_question_rejects_the_form_so_the_rule_can_answer(domain):
    tracker = make_tracker(text="wat is een burgerberaad eigenlijk?", intent="uitleg_vragen",
                           entities=[("methode", "burgerberaad")], slots={**FULL, "requested_slot": "niveau"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    # No slot set (naming the open question again does not count): Rasa rejects the form.
    assert set(slot_events(events)) <= {"requested_slot"} and messages == []


def test_first_question_repeats_what_was_understood(domain):
    tracker = make_tracker(text="advies voor ouderen in de wijk", intent="advies_vragen",
                           slots={"doelgroep": ["ouderen"], "schaal": "wijk", "requested_slot": "thema"})
    tracker.events.append({"event": "active_loop", "name": "advies_form"})
    messages, _ = run_action(ask("thema"), tracker, domain)
    assert "ouderen" in messages[0]["text"] and "wijk" in messages[0]["text"]
    question = messages[-1]
    titles = [b["title"] for b in question["buttons"]]
    assert "Openbare ruimte" in titles and "Mobiliteit en verkeer" in titles
    assert question["buttons"][0]["payload"] == '/situatie_geven{"thema": "openbare_ruimte"}'


def test_later_questions_have_no_introduction(domain):
    tracker = make_tracker(text="openbare ruimte", intent="situatie_geven",
                           slots={"doelgroep": ["ouderen"], "thema": "openbare_ruimte", "requested_slot": "beleidsfase"})
    messages, _ = run_action(ask("beleidsfase"), tracker, domain)
    assert len(messages) == 1 and messages[0]["text"].startswith("In welke fase")


def test_question_is_explained_after_two_failures_with_a_way_out(domain):
    tracker = make_tracker(text="blabla", intent="situatie_geven",
                           slots={"requested_slot": "schaal", "pogingen": {"slot": "schaal", "aantal": 2}})
    messages, _ = run_action(ask("schaal"), tracker, domain)
    text = all_text(messages)
    assert "Ik vraag naar het gebied omdat" in text
    assert any(b["payload"] == "/overslaan" for b in messages[-1]["buttons"])


def test_budget_question_offers_no_budget_and_dont_know(domain):
    tracker = make_tracker(text="x", intent="situatie_geven", slots={"requested_slot": "budget_euro"})
    messages, _ = run_action(ask("budget_euro"), tracker, domain)
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert "/weet_niet" in payloads
    assert any("geen budget" in p for p in payloads)


def test_stray_entity_for_another_question_does_not_wipe_or_spoil_an_answer(domain):
    history = [{"event": "slot", "name": "budget_euro", "value": 15000}]
    tracker = make_tracker(text="een maand of drie", intent="situatie_geven", entities=[("bedrag", "drie")],
                           history=history, slots={**FULL, "beleidsfase": "uitvoering", "niveau": "adviseren",
                                                   "requested_slot": "doorlooptijd_weken"},
                           validate={"budget_euro": "drie"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["budget_euro"] == 15000
    assert slots["doorlooptijd_weken"] == 13


def test_information_given_before_it_was_asked_is_acknowledged(domain):
    tracker = make_tracker(text="ongeveer 15.000 euro", intent="situatie_geven", entities=[("bedrag", "15.000 euro")],
                           slots={**FULL, "beleidsfase": "uitvoering", "niveau": "adviseren",
                                  "requested_slot": "doorlooptijd_weken"},
                           validate={"budget_euro": "15.000 euro"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["budget_euro"] == 15000
    assert "Genoteerd: budget: ongeveer € 15.000." in all_text(messages)


def test_statement_read_as_side_question_still_answers_the_open_question(domain):
    tracker = make_tracker(text="doe dan maar coproduceren", intent="uitleg_vragen",
                           slots={**FULL, "beleidsfase": "uitvoering", "requested_slot": "niveau"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["niveau"] == "coproduceren"
    assert slot_events(events)["requested_slot"] == "rol"   # from coproduceren up, the role caps the rung


def test_real_question_about_an_option_is_not_taken_as_the_answer(domain):
    tracker = make_tracker(text="wat houdt coproduceren in", intent="uitleg_vragen",
                           slots={**FULL, "beleidsfase": "uitvoering", "requested_slot": "niveau"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert set(slot_events(events)) <= {"requested_slot"}


@pytest.mark.parametrize("text", ["toon casussen over jongeren en veiligheid",
                                  "laat voorbeelden zien met jongeren",
                                  "vergelijk een straatgesprek met jongeren en een enquete"])
def test_request_for_cases_while_asked_for_the_group_is_not_an_answer(domain, text):
    intent = "methodes_vergelijken" if text.startswith("vergelijk") else "casus_zoeken"
    tracker = make_tracker(text=text, intent=intent, slots={"requested_slot": "doelgroep"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert set(slot_events(events)) <= {"requested_slot"} and messages == []


def test_a_third_miss_after_the_explanation_skips_a_skippable_question(domain):
    """No going round in circles: after the explanation, one more miss moves the form on."""
    tracker = make_tracker(text="de kern van de zaak", intent="situatie_geven",
                           slots={"doelgroep": ["ouderen"], "schaal": "wijk", "requested_slot": "thema",
                                  "pogingen": {"slot": "thema", "aantal": 2}})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["overgeslagen"] == ["thema"]
    assert slots["pogingen"] is None
    assert slots["requested_slot"] == "beleidsfase"
    assert "Geen probleem" in all_text(messages)


def test_the_target_group_is_never_skipped(domain):
    tracker = make_tracker(text="tja", intent="situatie_geven",
                           slots={"requested_slot": "doelgroep", "pogingen": {"slot": "doelgroep", "aantal": 2}})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["requested_slot"] == "doelgroep" and slots["pogingen"] == {"slot": "doelgroep", "aantal": 3}


def test_the_municipality_someone_works_for_is_not_the_scale(domain):
    """"als gemeente Almelo" names the organisation; the wijk said before stays the scale."""
    history = [{"event": "slot", "name": "schaal", "value": "wijk"}]
    tracker = make_tracker(text="We willen als gemeente Almelo met inwoners praten", intent="situatie_geven",
                           entities=[("schaal", "gemeente")], history=history,
                           slots={**FULL, "requested_slot": "beleidsfase"}, validate={"schaal": "gemeente"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["schaal"] == "wijk"
    assert "aangepast" not in all_text(messages)


def test_a_budget_correction_without_euro_or_entity_is_understood(domain):
    history = [{"event": "slot", "name": "budget_euro", "value": 15000}]
    tracker = make_tracker(text="budget is eigenlijk 8000", intent="situatie_geven", history=history,
                           slots={**FULL, "beleidsfase": "uitvoering", "niveau": "adviseren",
                                  "budget_euro": 15000, "requested_slot": "doorlooptijd_weken"})
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["budget_euro"] == 8000
    assert slots["requested_slot"] == "doorlooptijd_weken"
    assert "aangepast" in all_text(messages)


def test_a_group_named_with_niet_is_dropped_from_the_correction(domain):
    text = "oh nee het gaat om ouderen, niet jongeren"
    tracker = make_tracker(text=text, intent="situatie_geven",
                           history=[{"event": "slot", "name": "doelgroep", "value": ["jongeren"]}],
                           slots={"requested_slot": "schaal"}, validate={"doelgroep": ["ouderen", "jongeren"]})
    tracker.latest_message["entities"] = [
        {"entity": "doelgroep", "value": v, "start": text.index(v), "end": text.index(v) + len(v)}
        for v in ("ouderen", "jongeren")]
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doelgroep"] == ["ouderen"]
    assert "ouderen" in all_text(messages) and "jongeren" not in all_text(messages)


def test_after_a_side_question_the_form_asks_the_open_question_again(domain):
    """Back from the rule that answered the side question, the form names the open question (the
    budget), not the first empty slot of the domain (the room for influence a known rung makes moot)."""
    slots = {**FULL, "ruimte_voor_invloed": None, "beleidsfase": "beleidsvorming", "niveau": "adviseren",
             "requested_slot": "budget_euro"}
    tracker = make_tracker(text="wat is een burgerberaad?", intent="uitleg_vragen", slots=slots)
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events) == {"requested_slot": "budget_euro"} and messages == []


def test_the_questions_and_their_order_come_from_the_domain(domain):
    import copy

    shorter = copy.deepcopy(domain)
    shorter["forms"]["advies_form"]["required_slots"] = ["doelgroep", "budget_euro", "schaal"]
    tracker = make_tracker(text="vooral ouderen", intent="situatie_geven", slots={"requested_slot": "doelgroep"})
    _, events = run_action(ValidateAdviesForm(), tracker, shorter)
    assert slot_events(events)["requested_slot"] == "budget_euro"
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["requested_slot"] == "schaal"


@pytest.mark.parametrize("text, entities", [
    ("waarom niet gewoon alles online? jongeren zitten toch allemaal op hun telefoon", [("doelgroep", "jongeren")]),
    ("werkt zoiets ook in kleine dorpen trouwens? bij ons wonen in sommige kernen veel ouderen",
     [("schaal", "kleine dorpen"), ("thema", "wonen"), ("doelgroep", "ouderen")]),
])
def test_a_question_or_a_remark_beside_it_changes_nothing_in_the_profile(domain, text, entities):
    history = [{"event": "slot", "name": "doelgroep", "value": ["ouders", "laaggeletterden"]}]
    slots = {"doelgroep": ["ouders", "laaggeletterden"], "requested_slot": "beleidsfase"}
    validate = {entity: [value] if entity == "doelgroep" else value for entity, value in entities}
    tracker = make_tracker(text=text, intent="uitleg_vragen", entities=entities, history=history, slots=slots,
                           validate=validate)
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    # the slot mappings took the words already; the form puts back what the user said before
    profile = {k: v for k, v in slot_events(events).items() if k in ("doelgroep", "schaal", "thema")}
    assert profile.pop("doelgroep", ["ouders", "laaggeletterden"]) == ["ouders", "laaggeletterden"]
    assert all(value is None for value in profile.values()), profile
    assert "aangepast" not in all_text(messages) and "Genoteerd" not in all_text(messages)


def test_a_theme_the_model_does_not_know_yet_is_read_from_the_first_message(domain):
    tracker = make_tracker(text="we maken een omgevingsplan en willen ouders bereiken", intent="advies_vragen",
                           entities=[("doelgroep", "ouders")], validate={"doelgroep": ["ouders"]})
    tracker.events.insert(1, {"event": "active_loop", "name": "advies_form"})   # activated by this message
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["thema"] == "ruimtelijke_ordening"


def test_a_plan_request_before_the_advice_says_the_plan_follows_it(domain):
    tracker = make_tracker(text="kan ik dit straks als plan downloaden voor de wethouder?", intent="bot_vraag",
                           slots={"doelgroep": ["inwoners"], "requested_slot": "schaal"})
    messages, _ = run_action(ValidateAdviesForm(), tracker, domain)
    assert "zodra het advies er is" in all_text(messages)
