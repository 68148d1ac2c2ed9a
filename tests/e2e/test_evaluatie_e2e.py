"""A team evaluates its trajectory in its own words through the real web app, Rasa server (trained
model) and action server; `casus toon` shows the saved case; better cases elsewhere are compared
without the team's own case."""
import os
import re
import subprocess
import sys

import pytest

from scripts.stack import ROOT, ChatClient
from tests.support.chat import customs, texts

pytestmark = pytest.mark.live

FIRST = ("we hebben in Deventer een wijkavond en een online peiling gedaan over de openbare ruimte, "
         "dat wil ik evalueren")
QUESTION = re.compile(r"Vraag (\d+) van (\d+)")




def open_question(messages):
    found = QUESTION.findall(texts(messages))
    return int(found[-1][0]) if found else None


@pytest.fixture
def chat(live_stack):
    return ChatClient(live_stack.web_url)


def test_a_team_evaluates_in_its_own_words_saves_and_compares_fairly(chat, live_stack):
    reply = chat.send(FIRST)
    if "Waar ging het traject over" in texts(reply):
        reply = chat.send("de openbare ruimte")
    assert open_question(reply) == 1, texts(reply)

    # "wat bedoel je precies met deze vraag?" explains the question and asks it again
    reply = chat.send("wat bedoel je precies met deze vraag?")
    assert "Deze vraag gaat over" in texts(reply) and open_question(reply) == 1, texts(reply)

    answers = {1: "redelijk", 2: "matig", 5: "2, we hadden geen ervaring met online peilingen"}
    for _ in range(20):
        number = open_question(reply)
        if number is None:
            break
        reply = chat.send(answers.get(number, "4"))
        # a score with a remark is an answer, not a case search
        assert not customs(reply, "casussen"), texts(reply)
        if number == 5:
            assert "met uw toelichting" in texts(reply), texts(reply)
    outcome = customs(reply, "evaluatie")
    assert outcome and "Mag ik dit opslaan" in texts(reply), texts(reply)
    assert outcome[0]["totaal_tekst"] in texts(reply)

    # the methods question offers what the first message named; the team answers in its own words
    reply = chat.send("ja")
    assert "U noemde eerder" in texts(reply) and "Informatiebijeenkomst" in texts(reply), texts(reply)
    reply = chat.send("zoals gezegd: een wijkavond in het buurthuis en een online peiling via de website")
    said = texts(reply)
    assert "Genoteerd" in said and "Informatiebijeenkomst" in said and "Online enquête" in said, said
    assert "Wat gebeurde er" in said, said
    reply = chat.send("Er kwamen veel buurtbewoners, maar jongeren deden nauwelijks mee.")
    saved = customs(reply, "evaluatie")
    assert saved and saved[0]["casus_id"], texts(reply)
    case_id = saved[0]["casus_id"]

    # casus toon: its methods, the scores as its outcome, its source; jongeren not as target group
    env = dict(os.environ, DATABASE_URL=live_stack.database_url, PYTHONPATH=str(ROOT))
    shown = subprocess.run([sys.executable, "-m", "besliswijzer", "casus", "toon", case_id], cwd=ROOT, env=env,
                           check=True, capture_output=True, text=True).stdout
    for text in ("Methodes:", "informatiebijeenkomst", "online_enquete", "Uitkomst (bekend):",
                 "Eigen oordeel van het team: gemiddeld", "eigen evaluatie, Deventer",
                 "geen ervaring met online peilingen", "jongeren deden nauwelijks mee"):
        assert text in shown, (text, shown)
    assert "Doelgroepen:" not in shown or "jongeren" not in shown.split("Doelgroepen:")[1].split("\n")[0]

    # better elsewhere: a comparison without the team's own case, what sources say about young people
    reply = chat.send("zijn er vergelijkbare trajecten elders die beter werkten, vooral hoe ze jongeren erbij kregen?")
    said = texts(reply)
    listed = customs(reply, "casussen")
    assert listed, said
    ids = [c["id"] for c in listed[0]["casussen"]]
    assert ids and case_id not in ids and not any(i.startswith("evaluatie-") for i in ids)
    assert "Uw eigen evaluatie" in said and "Over jongeren zeggen de bronnen" in said, said
    assert ": ." not in said and "geen bron vermeld" not in said

    reply = chat.send("welke van deze werkte het best?")
    said = texts(reply)
    assert "Zo zou ik ze rangschikken" in said and "1. " in said and "2. " in said, said
