"""A failing action answers in Dutch with no events, and neither the error text nor the request
reaches the log or the answer to Rasa (actions/guard.py)."""
import asyncio
import logging

from rasa_sdk.executor import ActionExecutor

import actions  # noqa: F401 - importing the package installs the guard, as the action server does
from actions.guard import guarded_run
from actions.teksten import tekst

SECRET = "Geheimstraat 12 in Oldenzaal"


def _exploding(dispatcher, tracker, domain):
    # a function, not an Action subclass: rasa_sdk would serve every subclass it can see
    dispatcher.utter_message(text="half af")
    raise ValueError(f"invalid literal: {tracker.latest_message.get('text')}")


def _call(text):
    return {"next_action": "action_ontploft", "sender_id": "x", "domain": {},
            "tracker": {"sender_id": "x", "slots": {"straat": text}, "latest_message": {"text": text},
                        "events": [{"event": "user", "text": text}], "paused": False,
                        "followup_action": None, "active_loop": {}, "latest_action_name": None}}


def test_the_action_server_runs_every_action_through_the_guard():
    assert ActionExecutor.run is guarded_run


def test_a_failing_action_answers_in_dutch_and_logs_no_typed_text(caplog):
    executor = ActionExecutor()
    executor.register_function("action_ontploft", _exploding)
    with caplog.at_level(logging.DEBUG):
        result = asyncio.run(executor.run(_call(SECRET)))
    assert result["events"] == []
    assert [r.get("text") for r in result["responses"]] == [tekst("algemeen.fout")]
    assert "ValueError" in caplog.text and "action_ontploft" in caplog.text
    assert SECRET not in caplog.text and SECRET not in str(result)

