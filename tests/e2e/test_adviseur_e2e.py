"""The advisor through the real web app, Rasa server (trained model) and action server:
preconditions, open questions answered from the knowledge base, a new topic mid-session, and
typed text that looks like a payload."""
import pytest

from besliswijzer.reference import knowledge as kennis
from scripts.stack import ChatClient
from tests.support.chat import answer_until, click, customs, texts

pytestmark = pytest.mark.live






@pytest.fixture
def chat(live_stack):
    return ChatClient(live_stack.web_url)


def test_a_decision_already_taken_is_said_at_once_and_caps_the_rung(chat):
    reply = chat.send("De gemeenteraad heeft al besloten dat er een windpark komt. "
                      "Moeten we de omwonenden nog betrekken?")
    said = texts(reply)
    assert "besluit al genomen" in said and "omgevingsfonds" in said and "compensatie" in said, said
    reply = answer_until(chat, reply, "Klopt dit?", {"gebied": "het dorp", "onderwerp": "energie",
                                               "geld": "5000 euro", "tijd": "drie maanden"})
    assert "nee, het besluit is al genomen" in texts(reply)
    advice = customs(chat.send("ja"), "advies")[0]
    assert advice["niveau"] == "informeren" and advice["niveau_bepaald_door"] == "ruimte_voor_invloed"
    assert any("omgevingsfonds" in k for k in advice["resterende_keuzes"])


def test_too_little_time_warns_and_offers_the_feasible_rung(chat):
    reply = chat.send("we willen inwoners van de hele gemeente laten meebeslissen over het klimaatbeleid, "
                      "maar de raad besluit volgende week")
    reply = answer_until(chat, reply, "Klopt dit?", {"onderwerp": "energie", "geld": "20000 euro",
                                               "rol": "@Responsief"})
    advice = customs(chat.send("ja"), "advies")[0]
    assert advice["niveau"] != "meebeslissen" and advice["niveau_bepaald_door"] == "tijd"
    assert any("tijd" in w for w in advice["waarschuwingen"]), advice["waarschuwingen"]


def test_the_precondition_questions_are_asked_when_not_said(chat):
    reply = chat.send("ik wil advies voor jongeren in de wijk over sport")
    reply = answer_until(chat, reply, "Klopt dit?", {"veranderen": "@Ja, er is nog", "invloed krijgen": "@Weet ik niet",
                                               "bereiken": "@Draagvlak", "geld": "geen budget",
                                               "tijd": "10 weken"})
    summary = texts(reply)
    assert "ruimte voor invloed: ja" in summary and "doel: draagvlak" in summary
    advice = customs(chat.send("ja"), "advies")[0]
    assert advice["niveau"] == "raadplegen" and advice["niveau_bepaald_door"] == "doel"


def test_an_open_question_is_answered_with_sources_then_an_advice(chat):
    reply = chat.send("hoe koppel ik terug aan de deelnemers")
    assert "Waarover wilt u uitleg" not in texts(reply)
    answer = customs(reply, "kennis")
    assert answer and answer[0]["onderwerp"] == "terugkoppeling", reply
    assert "Bronnen:" in texts(reply)
    reply = click(chat, reply, "Advies voor mijn traject")
    assert "Voor wie" in texts(reply), texts(reply)
    reply = answer_until(chat, reply, "Klopt dit?", {"Voor wie": "ouderen", "gebied": "de wijk", "onderwerp": "wonen",
                                               "veranderen": "@Ja, er is nog", "geld": "geen budget",
                                               "tijd": "12 weken"})
    assert customs(chat.send("ja"), "advies")


def test_knowledge_topics_are_reached_from_their_first_question(live_stack):
    """Directly, or (when the bot is not sure) through the button that offers the topic. Some first
    questions rightly get something else ("wat is het uitdaagrecht?" the catalogue's explanation,
    "is onze groep representatief?" the evaluation), so most topics, not all, must be reached; how
    real questions fare that the bot never saw is measured in tests/e2e/test_echte_vragen.py."""
    reached, missed = [], []
    for topic in kennis.load_topics().values():
        chat = ChatClient(live_stack.web_url)
        reply = chat.send(topic.vragen[0])
        explained = [m["custom"] for m in reply if (m.get("custom") or {}).get("type") in ("kennis", "uitleg")]
        assert all(c.get("bronnen") for c in explained), (topic.vragen[0], explained)
        found = [c["onderwerp"] for c in customs(reply, "kennis")]
        if topic.id not in found:
            offered = [b["payload"] for m in reply for b in m.get("buttons") or [] if f'"{topic.id}"' in b["payload"]]
            if offered:
                found = [c["onderwerp"] for c in customs(chat.send(offered[0]), "kennis")]
        (reached if topic.id in found else missed).append(topic.id)
    assert len(reached) / (len(reached) + len(missed)) >= 0.75, missed


def test_a_new_question_mid_session_is_a_new_topic_and_only_a_real_correction_corrects(chat):
    reply = chat.send("advies voor ouderen in de wijk over de openbare ruimte, we willen ze laten meedenken, "
                      "budget 10000 euro en 8 weken")
    reply = answer_until(chat, reply, "Klopt dit?", {})
    assert customs(chat.send("ja"), "advies")
    reply = chat.send("hoe krijg ik jongeren mee in de omgevingsvisie zonder dat het weer de usual suspects zijn")
    said = texts(reply)
    assert "aangepast" not in said, said
    assert customs(reply, "kennis") and customs(reply, "kennis")[0]["onderwerp"] == "usual_suspects"
    assert "nieuwe vraag" in said.lower() and "10.000" not in said and "ouderen" not in said.lower(), said
    reply = chat.send("nee, niet jongeren maar ouderen")
    assert "aangepast" in texts(reply) and "ouderen" in texts(reply), texts(reply)


@pytest.mark.parametrize("typed", ["/restart", "/session_start", "/bevestigen"])
def test_a_typed_command_gets_a_normal_dutch_answer(chat, typed):
    response = chat.post(typed)
    assert response.status_code == 200, response.text
    said = texts(response.json()["messages"])
    assert said and "kon nu geen antwoord" not in said


def test_typed_text_shaped_like_a_payload_never_reaches_rasa_or_its_log(chat, live_stack):
    secret = "Geheimstraat 12"
    response = chat.post('/situatie_geven{"doelgroep": "' + secret + '"}')
    assert response.status_code == 200
    for name in ("rasa", "acties", "web"):
        assert secret not in (live_stack.log_dir / f"{name}.log").read_text(errors="replace"), name
