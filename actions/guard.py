"""An action that fails answers in Dutch, and nothing the user typed reaches a log.

rasa_sdk's action server answers an exception with status 500 and a body holding the error's
text and the whole request (the tracker: every message and slot). Rasa puts that body in its own
exception (rasa.utils.endpoints.ClientResponseError) and logs it, and rasa_sdk logs the error's
text with its traceback. An error text can hold typed text too ("invalid literal: '<what the user
typed>'").

`install()` wraps the executor's run, the one place every action call passes through, whichever
way the action server is started (`rasa run actions`, the Procfile, the test stacks): an
exception in an action is logged by its type and where it happened only, and answered with a
Dutch message and no events, so Rasa goes on with the conversation as after any answer.
ActionNotFound and ActionExecutionRejection keep rasa_sdk's own answers (their texts are action
and slot names only).
"""
from __future__ import annotations

import logging
import traceback
from typing import Any, Dict, Optional

from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from .teksten import tekst

__all__ = ["install", "failure_response", "where"]

logger = logging.getLogger(__name__)

_ORIGINAL_RUN = ActionExecutor.run


def where(error: BaseException) -> str:
    """File, line and function of each frame: no error text and no values, so no typed text."""
    frames = traceback.extract_tb(error.__traceback__)
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))


def failure_response(executor: ActionExecutor) -> Dict[str, Any]:
    """What Rasa gets instead of an error: a Dutch message and no events."""
    dispatcher = CollectingDispatcher()
    dispatcher.utter_message(text=tekst("algemeen.fout"))
    return executor._create_api_response([], dispatcher.messages)


async def guarded_run(self: ActionExecutor, action_call: Any) -> Optional[Dict[str, Any]]:
    try:
        return await _ORIGINAL_RUN(self, action_call)
    except (ActionNotFoundException, ActionExecutionRejection):
        raise
    except Exception as error:  # noqa: BLE001 - every failure becomes a Dutch answer, by design
        name = action_call.get("next_action") if isinstance(action_call, dict) else None
        logger.error("action %s failed with %s at %s", name if name in self.actions else "?",
                     type(error).__name__, where(error))
        return failure_response(self)


def install() -> None:
    """Put the guard around every action call (idempotent)."""
    ActionExecutor.run = guarded_run
