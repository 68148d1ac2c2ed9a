"""The knowledge base: every topic is sourced and quoted, and questions find their topic by its words."""
import pytest

from besliswijzer import payloads
from besliswijzer.errors import DataFileError
from besliswijzer.reference import knowledge as kennis
from besliswijzer.reference import retrieval

TOPICS = kennis.load_topics()


@pytest.mark.parametrize("ident", list(TOPICS))
def test_every_topic_has_sources_a_quote_questions_and_a_follow_up(ident):
    topic = TOPICS[ident]
    assert topic.bronnen and all(s["url"].startswith("http") and s["titel"] for s in topic.bronnen)
    assert topic.citaat["url"] in {s["url"] for s in topic.bronnen} and len(topic.citaat["tekst"]) > 30
    assert len(topic.vragen) >= 2 and topic.vervolg
    assert len(topic.antwoord.split()) <= 120, "keep answers short (B1, a chat message)"


def test_the_knowledge_base_covers_what_professionals_ask():
    assert len(TOPICS) >= 60
    for ident in ("usual_suspects", "terugkoppeling", "omgevingswet", "zinloos", "online_offline", "werven",
                  "verwachtingen", "participatieplan", "voldoende", "hardste_schreeuwers", "representativiteit",
                  "bindende_uitkomst", "rol_gemeenteraad", "inspraak_participatie_zienswijze", "kosten_participatie",
                  "succescriteria", "laaggeletterdheid", "omgevingswet_plichten", "wet_versterking_participatie",
                  "participatieverordening"):
        assert ident in TOPICS


def test_one_title_per_source_address():
    titles = {}
    for topic in TOPICS.values():
        for source in topic.bronnen:
            titles.setdefault(source["url"], set()).add(source["titel"])
    assert {url: t for url, t in titles.items() if len(t) > 1} == {}


def test_the_example_questions_find_their_own_topic():
    """Topics overlap (sleutelpersonen are in 'werven' and 'maatschappelijke_organisaties'), so not every
    example question gets a sure answer with its own topic, but nearly all do."""
    pairs = [(t.id, q) for t in TOPICS.values() for q in t.vragen]
    found = sum((retrieval.best(q, kinds=("kennis",)).answer or retrieval.Hit("", "", 0)).ident == ident
                for ident, q in pairs)
    assert found / len(pairs) >= 0.85


def test_a_question_about_something_else_gets_no_sure_answer():
    assert retrieval.best("wat is de hoofdstad van frankrijk", kinds=("kennis",)).answer is None
    assert retrieval.best("", kinds=("kennis",)) == retrieval.Decision(None, ())


def test_the_payload_carries_text_sources_quote_and_follow_up():
    payload = kennis.answer("omgevingswet")
    assert payload["type"] == "kennis" and "motiveringsplicht" in payload["tekst"]
    assert payload["bronnen"][0]["url"].startswith("https://")
    assert payload["citaat"]["url"] in {s["url"] for s in payload["bronnen"]}


def _write(tmp_path, body):
    (tmp_path / "kennis.yml").write_text("onderwerpen:\n  x:\n    titel: X\n    antwoord: Y\n" + body, encoding="utf-8")


SOURCE = "    bronnen: [{url: 'https://a.nl', titel: A}]\n"
QUESTIONS = "    vragen: [een, twee]\n"


def test_a_topic_without_source_is_refused(tmp_path):
    _write(tmp_path, "    bronnen: []\n" + QUESTIONS)
    with pytest.raises(DataFileError, match="bron"):
        kennis.build_topics(str(tmp_path))


def test_a_quote_must_come_from_one_of_the_sources(tmp_path):
    _write(tmp_path, SOURCE + QUESTIONS + "    citaat: {url: 'https://b.nl', tekst: 'iets'}\n")
    with pytest.raises(DataFileError, match="citaat"):
        kennis.build_topics(str(tmp_path))
    _write(tmp_path, SOURCE + QUESTIONS)
    with pytest.raises(DataFileError, match="citaat"):
        kennis.build_topics(str(tmp_path))


def test_keywords_are_plain_words_not_patterns(tmp_path):
    _write(tmp_path, SOURCE + QUESTIONS + "    citaat: {url: 'https://a.nl', tekst: 'iets'}\n"
           "    trefwoorden: ['koppel * terug']\n")
    with pytest.raises(DataFileError, match="trefwoorden"):
        kennis.build_topics(str(tmp_path))


def test_the_options_of_a_topic_each_say_when_they_fit_and_a_plus_or_minus_point(tmp_path):
    base = SOURCE + QUESTIONS + "    citaat: {url: 'https://a.nl', tekst: 'iets'}\n"
    good = ("    opties:\n      - {naam: Online, wanneer: past als, voordelen: [snel]}\n"
            "      - {naam: Fysiek, wanneer: past als, nadelen: [op een vaste plek]}\n")
    _write(tmp_path, base + good)
    options = kennis.build_topics(str(tmp_path))["x"].opties
    assert options[1] == {"naam": "Fysiek", "wanneer": "past als", "voordelen": (), "nadelen": ("op een vaste plek",)}
    for bad in ("    opties:\n      - {naam: Online, wanneer: past als, voordelen: [snel]}\n",      # one option
                good.replace(", nadelen: [op een vaste plek]", ""),                             # no point
                good.replace("wanneer: past als, voordelen", "voordelen"),                      # no 'wanneer'
                good.replace("nadelen: [op een vaste plek]", "nadeel: [op een vaste plek]"),    # misspelt key
                good.replace("voordelen: [snel]", "voordelen: snel"),                           # not a list
                good.replace("voordelen: [snel]", "voordelen: ''"),
                "    opties: online of fysiek\n"):
        _write(tmp_path, base + bad)
        with pytest.raises(DataFileError, match="opties"):
            kennis.build_topics(str(tmp_path))


def test_only_topics_with_options_carry_them_and_a_changed_payload_leaves_the_topic_alone():
    payload = kennis.answer("onderzoek_vormen")
    assert payload["opties"][0]["naam"] == "Enquête (kwantitatief)"
    assert payloads.problems(payload) == []
    payload["opties"][0]["voordelen"].append("iets anders")
    assert "iets anders" not in kennis.answer("onderzoek_vormen")["opties"][0]["voordelen"]
    assert "opties" not in kennis.answer("omgevingswet")


def test_a_maintainer_adds_a_topic_with_text_sources_and_questions_only(tmp_path):
    _write(tmp_path, SOURCE + "    vragen: [hoe organiseer ik een buurtbarbecue voor inspraak, "
           "wat kost een buurtbarbecue]\n    citaat: {url: 'https://a.nl', tekst: 'iets'}\n    vervolg: [advies]\n")
    topics = kennis.build_topics(str(tmp_path))
    index = retrieval.Index([("kennis", t.id, retrieval._document(t.titel, t.antwoord, *t.vragen))
                             for t in topics.values()])
    assert index.rank("mag een buurtbarbecue ook als inspraakavond?")[0].ident == "x"
