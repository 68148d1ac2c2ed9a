"""Rasa's REST items -> the contract's messages."""
from web.chat import clean_message
from web.rasa import merge


def test_custom_only_item_joins_the_text_before_it():
    items = [{"recipient_id": "x", "text": "Advies:"}, {"recipient_id": "x", "custom": {"type": "advies"}}]
    assert merge(items) == [{"text": "Advies:", "buttons": [], "custom": {"type": "advies"}}]


def test_custom_without_text_before_it_stands_alone():
    assert merge([{"custom": {"type": "uitleg"}}]) == [{"text": "", "buttons": [], "custom": {"type": "uitleg"}}]


def test_a_second_custom_does_not_overwrite_the_first():
    items = [{"text": "a"}, {"custom": {"type": "advies"}}, {"custom": {"type": "casussen"}}]
    assert merge(items) == [{"text": "a", "buttons": [], "custom": {"type": "advies"}},
                            {"text": "", "buttons": [], "custom": {"type": "casussen"}}]


def test_text_items_stay_separate_and_in_order():
    items = [{"text": "een"}, {"text": "twee", "buttons": [{"title": "Ja", "payload": "/bevestigen"}]},
             {"custom": {"type": "uitleg"}}, {"text": "drie"}]
    assert merge(items) == [
        {"text": "een", "buttons": [], "custom": None},
        {"text": "twee", "buttons": [{"title": "Ja", "payload": "/bevestigen"}], "custom": {"type": "uitleg"}},
        {"text": "drie", "buttons": [], "custom": None},
    ]


def test_buttons_without_text_keep_their_own_message():
    assert merge([{"buttons": [{"title": "Ja", "payload": "/bevestigen"}]}]) == [
        {"text": "", "buttons": [{"title": "Ja", "payload": "/bevestigen"}], "custom": None}]


def test_unusable_parts_are_dropped():
    items = ["tekst", None, {"image": "http://x/y.png"}, {"text": 5, "custom": "geen object"},
             {"text": "ok", "buttons": [{"title": "zonder payload"}, {"payload": "/x"}, "knop", {"title": ""}]}]
    assert merge(items) == [{"text": "ok", "buttons": [{"title": "zonder payload", "payload": "zonder payload"}],
                             "custom": None}]


def test_clean_message():
    assert clean_message("  hallo\n\twereld\x00\x1b\u202e ") == "hallo  wereld"
    assert clean_message("café 👍🏽 € 15.000") == "café 👍🏽 € 15.000"
    assert clean_message("\x00\x01") == ""
