"""The knowledge base: every topic is sourced, and its own questions reach it by its keywords."""
import pytest

from besliswijzer.reference import knowledge as kennis
from besliswijzer.errors import DataFileError

TOPICS = kennis.load_topics()


@pytest.mark.parametrize("ident", list(TOPICS))
def test_every_topic_has_sources_questions_and_a_follow_up(ident):
    topic = TOPICS[ident]
    assert topic.bronnen and all(s["url"].startswith("http") and s["titel"] for s in topic.bronnen)
    assert len(topic.vragen) >= 2 and topic.vervolg
    assert len(topic.antwoord.split()) <= 90, "keep answers short (B1, a chat message)"


@pytest.mark.parametrize("ident, question", [(t.id, q) for t in TOPICS.values() for q in t.vragen])
def test_each_question_reaches_its_topic(ident, question):
    assert kennis.find_topic(question) == ident


def test_issue_topics_are_all_there():
    for ident in ("usual_suspects", "terugkoppeling", "omgevingswet", "zinloos", "online_offline", "werven",
                  "verwachtingen", "participatieplan", "voldoende", "hardste_schreeuwers"):
        assert ident in TOPICS


def test_a_question_about_something_else_has_no_topic():
    assert kennis.find_topic("welke werkvorm past bij ouderen in de wijk") is None


def test_the_payload_carries_text_sources_and_follow_up():
    payload = kennis.answer("omgevingswet")
    assert payload["type"] == "kennis" and "motiveringsplicht" in payload["tekst"]
    assert payload["bronnen"][0]["url"].startswith("https://")


def test_a_topic_without_source_is_refused(tmp_path):
    (tmp_path / "kennis.yml").write_text(
        "onderwerpen:\n  x:\n    titel: X\n    trefwoorden: [x]\n    antwoord: Y\n    bronnen: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bron"):
        kennis.build_topics(str(tmp_path))
