"""Locust users for `make bench` (bench/bench_chat.py): each user is one chat session that
plays the scripted Dutch conversations of bench/conversations.py through the web app's API,
as the widget does, and starts over after each conversation.

BENCH_THINK_S sets the pause between two messages of one user (0: as fast as possible).
"""
import os

from locust import HttpUser, constant, task

from bench.conversations import ADVICE, SIDE_QUESTIONS

CONVERSATIONS = [ADVICE, SIDE_QUESTIONS]


class ChatSession(HttpUser):
    wait_time = constant(float(os.environ.get("BENCH_THINK_S", "0")))

    def on_start(self) -> None:
        self.client.get("/", name="pagina")
        self.script = iter(())
        self.played = 0

    def _headers(self) -> dict:
        return {"X-CSRF-Token": self.client.cookies.get("csrf_token", "")}

    @task
    def say_next(self) -> None:
        message = next(self.script, None)
        if message is None:
            if self.played:
                self.client.post("/api/opnieuw", headers=self._headers(), name="opnieuw")
            self.script = iter(CONVERSATIONS[self.played % len(CONVERSATIONS)])
            self.played += 1
            message = next(self.script)
        with self.client.post("/api/chat", json={"message": message}, headers=self._headers(),
                              name="beurt", catch_response=True) as response:
            if response.status_code != 200 or not response.json().get("messages"):
                response.failure(f"status {response.status_code}")
