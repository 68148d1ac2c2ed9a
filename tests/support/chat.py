"""Reading the bot's replies and answering its form, as a person in the widget would: shared by the
end-to-end tests that talk to the real stack through `scripts.stack.ChatClient`."""

__all__ = ["texts", "customs", "last_question", "click", "answer_until"]


def texts(messages) -> str:
    """All text of a reply, as one string."""
    return " ".join(m.get("text") or "" for m in messages)


def customs(messages, kind) -> list:
    """The payloads of one type ('advies', 'kennis', ...) in a reply."""
    return [m["custom"] for m in messages if (m.get("custom") or {}).get("type") == kind]


def last_question(messages) -> str:
    """The last text of a reply: where the form asks its question."""
    return next((m.get("text") or "" for m in reversed(messages) if m.get("text")), "")


def click(chat, messages, title_start):
    """Click the first button (from the end) whose title starts with these words, as the widget does."""
    for message in reversed(messages):
        for button in message.get("buttons") or []:
            if button["title"].startswith(title_start):
                return chat.send(button["payload"])
    raise AssertionError(f"no button '{title_start}' in {texts(messages)}")


def answer_until(chat, reply, stop, answers=None, limit=12):
    """Answer the form's questions until the last question holds `stop` (for "Klopt dit?": the summary,
    anywhere in the reply). `answers` maps words of a question to what to type, or "@Title" to click
    that button; any other question gets the button 'Weet ik niet'."""
    answers = answers or {}
    for _ in range(limit):
        if stop in (texts(reply) if stop == "Klopt dit?" else last_question(reply)):
            return reply
        question = last_question(reply)
        for key, answer in answers.items():
            if key in question:
                reply = click(chat, reply, answer[1:]) if answer.startswith("@") else chat.send(answer)
                break
        else:
            reply = click(chat, reply, "Weet ik niet")
    raise AssertionError(f"never reached '{stop}': {texts(reply)}")
