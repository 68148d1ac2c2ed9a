"""Preconditions in the advice form, a new topic after an advice, and open questions answered from
the knowledge base (besliswijzer/data/kennis.yml)."""
from actions.formulier import ASK_ACTIONS, ValidateAdviesForm, needed_preconditions
from actions.uitleg import ActionUitleg

from tests.support.actions import all_text, make_tracker, run_action, slot_events

WINDPARK = "De gemeenteraad heeft al besloten dat er een windpark komt. Moeten we de omwonenden nog betrekken?"


def started(tracker):
    """The form was activated by this message: Rasa's tracker has the loop event after the user
    message, and the slot candidates after that."""
    last_user = max(i for i, e in enumerate(tracker.events) if e.get("event") == "user")
    tracker.events.insert(last_user + 1, {"event": "active_loop", "name": "advies_form"})
    return tracker


def ask(slot):
    return next(cls() for cls in ASK_ACTIONS if cls().name() == f"action_ask_advies_form_{slot}")


def test_a_decision_already_taken_is_said_plainly_with_what_is_still_open(domain):
    tracker = started(make_tracker(text=WINDPARK, intent="advies_vragen", validate={"doelgroep": ["omwonenden"]}))
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["ruimte_voor_invloed"] is False and slots["onderwerp"] == "windpark"
    text = all_text(messages)
    assert "besluit al genomen" in text and "informeren" in text
    for word in ("route", "compensatie", "omgevingsfonds", "financiële deelname"):
        assert word in text
    assert slots["requested_slot"] == "schaal"


def test_without_room_the_rung_and_goal_are_not_asked(domain):
    slots = {"doelgroep": ["omwonenden"], "schaal": "kern", "thema": "energietransitie", "beleidsfase": "uitvoering",
             "ruimte_voor_invloed": False, "requested_slot": "beleidsfase"}
    tracker = make_tracker(text="uitvoering", intent="situatie_geven", slots=slots, validate={"beleidsfase": "uitvoering"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["requested_slot"] == "budget_euro"


def test_room_is_asked_when_no_rung_is_known_and_has_buttons(domain):
    assert "ruimte_voor_invloed" in needed_preconditions({"niveau": None}, set())
    assert "ruimte_voor_invloed" not in needed_preconditions({"niveau": "adviseren"}, set())
    messages, _ = run_action(ask("ruimte_voor_invloed"), make_tracker(slots={"requested_slot": "ruimte_voor_invloed"}),
                             {})
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert '/situatie_geven{"ruimte": "nee"}' in payloads and "/weet_niet" in payloads


def test_room_answered_in_words(domain):
    slots = {"doelgroep": ["inwoners"], "schaal": "wijk", "thema": "wonen", "beleidsfase": "uitvoering",
             "requested_slot": "ruimte_voor_invloed"}
    tracker = make_tracker(text="nee, dat ligt al helemaal vast", intent="ontkennen", slots=slots)
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["ruimte_voor_invloed"] is False
    tracker = make_tracker(text="ja hoor", intent="bevestigen", slots=slots)
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["ruimte_voor_invloed"] is True
    assert slot_events(events)["requested_slot"] == "niveau"


def test_goal_from_a_button_and_from_words(domain):
    slots = {"doelgroep": ["inwoners"], "schaal": "wijk", "thema": "wonen", "ruimte_voor_invloed": True,
             "overgeslagen": ["beleidsfase", "niveau"], "requested_slot": "doel"}
    tracker = make_tracker(text='/situatie_geven{"doel": "draagvlak"}', intent="situatie_geven",
                           entities=[("doel", "draagvlak")], slots=slots, validate={"doel": "draagvlak"})
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doel"] == "draagvlak"
    tracker = make_tracker(text="vooral eigenaarschap bij de bewoners", intent="situatie_geven", slots=slots)
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doel"] == "eigenaarschap"
    assert slot_events(events)["requested_slot"] == "rol"   # eigenaarschap means coproduceren: ask the role


def test_a_deadline_in_words_fills_the_time(domain):
    tracker = started(make_tracker(text="we willen bewoners laten meebeslissen maar de raad besluit volgende week",
                                   intent="advies_vragen", validate={"doelgroep": ["inwoners"],
                                                                     "niveau": "meebeslissen"}))
    _, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doorlooptijd_weken"] == 1


def test_a_new_request_after_an_advice_is_a_new_topic_not_a_correction(domain):
    history = [{"event": "slot", "name": "doelgroep", "value": ["ouderen"]},
               {"event": "slot", "name": "schaal", "value": "wijk"}]
    slots = {"doelgroep": ["jongeren"], "schaal": "wijk", "thema": "openbare_ruimte", "budget_euro": 5000,
             "laatste_advies": {"combinaties": [{"methode": "straatgesprek"}]}}
    # On activation Rasa sends every filled slot for validation, not only what this message named.
    tracker = started(make_tracker(text="ik wil ook advies voor jongeren bij de omgevingsvisie", intent="advies_vragen",
                                   entities=[("doelgroep", "jongeren")], history=history, slots=slots,
                                   validate={"doelgroep": ["jongeren"], "schaal": "wijk", "thema": "openbare_ruimte",
                                             "budget_euro": 5000}))
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    slots = slot_events(events)
    assert "aangepast" not in all_text(messages) and "nieuwe vraag" in all_text(messages).lower()
    assert slots["doelgroep"] == ["jongeren"]
    assert slots["schaal"] is None and slots["budget_euro"] is None and slots["laatste_advies"] is None
    assert slots["thema"] == "ruimtelijke_ordening"   # the new request names its own theme
    assert slots["requested_slot"] == "schaal"


def test_a_real_correction_still_corrects(domain):
    history = [{"event": "slot", "name": "doelgroep", "value": ["jongeren"]}]
    tracker = make_tracker(text="nee, niet jongeren maar ouderen", intent="situatie_geven",
                           entities=[("doelgroep", "jongeren"), ("doelgroep", "ouderen")], history=history,
                           slots={"doelgroep": ["jongeren"], "requested_slot": "schaal"},
                           validate={"doelgroep": ["jongeren", "ouderen"]})
    tracker.latest_message["entities"][0]["start"] = tracker.latest_message["text"].index("jongeren")
    messages, events = run_action(ValidateAdviesForm(), tracker, domain)
    assert slot_events(events)["doelgroep"] == ["ouderen"]
    assert "aangepast" in all_text(messages)


def test_an_open_question_gets_a_sourced_answer_not_the_generic_menu(domain):
    tracker = make_tracker(text="hoe koppel ik terug aan de deelnemers", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert "Waarover wilt u uitleg" not in all_text(messages)
    custom = messages[0]["custom"]
    assert custom["type"] == "kennis" and custom["onderwerp"] == "terugkoppeling"
    assert "Bronnen:" in messages[0]["text"] and "https://" in messages[0]["text"]
    assert any(b["payload"] == "/advies_vragen" for b in messages[0]["buttons"])


def test_a_follow_up_button_names_the_topic(domain):
    tracker = make_tracker(text='/uitleg_vragen{"kennis_onderwerp": "verwachtingen"}', intent="uitleg_vragen",
                           entities=[("kennis_onderwerp", "verwachtingen")])
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["custom"]["onderwerp"] == "verwachtingen"


def test_a_definition_still_comes_from_the_catalogue(domain):
    tracker = make_tracker(text="wat bedoel je met terugkoppeling?", intent="uitleg_vragen")
    messages, _ = run_action(ActionUitleg(), tracker, domain)
    assert messages[0]["custom"]["type"] == "uitleg"


def test_a_question_read_as_a_situation_gets_its_sure_answer_before_the_first_question(domain):
    text = "Hoe betrek je jongeren bij participatie in een kleine gemeente, welke aanpak werkt?"
    tracker = started(make_tracker(text=text, intent="situatie_geven", validate={"doelgroep": ["jongeren"]}))
    messages, _ = run_action(ValidateAdviesForm(), tracker, domain)
    assert [(m.get("custom") or {}).get("onderwerp") for m in messages if m.get("custom")] == ["jongeren_betrekken"]


def test_a_situation_told_without_a_question_gets_no_tip(domain):
    for text in ("we willen jongeren betrekken bij participatie in een kleine gemeente",
                 "Gaat om jongeren betrekken bij participatie in een kleine gemeente"):   # starts like a question
        tracker = started(make_tracker(text=text, intent="situatie_geven", validate={"doelgroep": ["jongeren"]}))
        messages, _ = run_action(ValidateAdviesForm(), tracker, domain)
        assert not [m for m in messages if (m.get("custom") or {}).get("type") == "kennis"], text
