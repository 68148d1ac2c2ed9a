"""An inbox a maintainer can work through: junk apart, near-same messages once, ranked, bulk negeer."""
import json
import time
from datetime import date, timedelta

import pytest

from besliswijzer.errors import BesliswijzerError
from besliswijzer.maintainers import inbox
from besliswijzer.maintainers.junk import is_junk
from tests.support.cli import run_inline

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize("typed", [
    "{}", "{\"message\": 1}", "/restart", "session_start!!", "javascript:alert(1)", "<script>alert(1)</script>",
    "<b>hoi</b>", "${jndi:ldap://x}", "' or 1=1 --", "%00%0a", "😀😀😀😀😀😀", "🙂 🙂 🙂", "???", "!!!!!!!!",
    "aaaaaaaaaaaa", "asdfghjkl", "qwertyuiopx", "jfkdlsjfkdls", "hahahahahaha", "12345", "https://example.org/x", ""])
def test_junk_is_recognised(typed):
    assert is_junk(typed)


@pytest.mark.parametrize("typed", [
    "wat is inspraak eigenlijk?", "de raad neemt het advies van het burgerberaad niet over", "ja", "nee", "ok",
    "flurp zonk gribbel", "asdf qwerty blub mail mij op [e-mail]", "herfststorm in het park", "html formulier",
    "wmo en ggd", "Wat is een world café?", "ik wil een enquête 😀", "Dit beantwoordt mijn vraag niet"])
def test_real_messages_are_not_junk(typed):
    assert not is_junk(typed)


def add(session, text, reason="fallback", days_ago=0, reply=None):
    return inbox.add_item(session, text, reason, "uitleg_vragen", 0.5, reply, day=TODAY - timedelta(days=days_ago))


def test_near_same_messages_are_one_group_with_a_count(session):
    for text in ("Wat is inspraak eigenlijk?", "wat is inspraak eigenlijk", "wat is inspraak nou eigenlijk",
                 "Wat is inspraak eigenlijk ?!"):
        add(session, text)
    add(session, "wat is een burgerberaad")
    add(session, "wat is een enquete")
    groups = inbox.grouped(session, today=TODAY)
    assert [len(g.items) for g in groups] == [4, 1, 1]
    assert {g.items[0]["tekst"] for g in groups[1:]} == {"wat is een burgerberaad", "wat is een enquete"}


def test_real_messages_come_first_ranked_by_how_often_and_how_recently(session):
    for _ in range(40):
        add(session, "{}")
    add(session, "javascript:alert(1)")
    add(session, "hoe bereik ik jongeren", days_ago=70)
    add(session, "hoe bereik ik jongeren", days_ago=60)       # two, but long ago
    add(session, "wat kost een burgerberaad")                 # one, today
    for days in (1, 2, 3):
        add(session, "de raad neemt het advies niet over", reason="correctie", days_ago=days)
    groups = inbox.grouped(session, today=TODAY)
    assert [(g.items[0]["tekst"], len(g.items), g.soort) for g in groups] == [
        ("de raad neemt het advies niet over", 3, "feedback"),
        ("wat kost een burgerberaad", 1, "niet_begrepen"),
        ("hoe bereik ik jongeren", 2, "niet_begrepen"),
        ("{}", 40, "rommel"),
        ("javascript:alert(1)", 1, "rommel"),
    ]
    assert groups[0].as_json()["laatst"] == (TODAY - timedelta(days=1)).isoformat()


def test_take_out_many_removes_all_or_nothing(session):
    ids = [add(session, f"vraag over thema {n}").id for n in range(3)]
    with pytest.raises(BesliswijzerError, match="niets verwijderd"):
        inbox.take_out_many(session, [ids[0], 999999])
    assert inbox.take_out_many(session, ids[:2]) == 2
    assert [i["id"] for g in inbox.grouped(session) for i in g.items] == [ids[2]]


def test_two_thousand_messages_are_listed_quickly(session):
    for n in range(2000):
        text = ("{}", "javascript:alert(1)", "😀" * (n % 7 + 3), f"vraag {n} over wijk {n * 7919 % 1000} en park",
                "wat is inspraak eigenlijk?")[n % 5]
        add(session, text, days_ago=n % 60)
    session.flush()
    started = time.monotonic()
    groups = inbox.grouped(session, today=TODAY)
    elapsed = time.monotonic() - started
    assert sum(len(g.items) for g in groups) == 2000
    assert groups[0].items[0]["tekst"] == "wat is inspraak eigenlijk?" and len(groups[0].items) == 400
    assert elapsed < 5, f"listing 2,000 messages took {elapsed:.1f} s"


@pytest.fixture
def filled(session, db_url):
    for _ in range(30):
        add(session, "{}", days_ago=0)
    for _ in range(5):
        add(session, "javascript:alert(1)", days_ago=0)
    for text in ("wat is inspraak eigenlijk?", "Wat is inspraak eigenlijk"):
        add(session, text, reply="Een serious game is ...")
    add(session, "de raad neemt het advies van het burgerberaad niet over", reason="feedback",
        reply="Ik stel u een paar vragen.")
    for text in ("hoe bereik ik jongeren", "wat kost een burgerberaad", "welke tool voor een peiling",
                 "mag de raad het advies negeren", "wie betaalt de koffie", "is een enquete genoeg",
                 "kan het ook online", "hoe lang duurt een wijkschouw", "wat doet een procesbegeleider",
                 "moet ik de krant inschakelen", "hoeveel deelnemers zijn nodig", "wanneer begin ik"):
        add(session, text, days_ago=5)
    session.commit()
    return db_url


def test_the_command_shows_real_questions_first_junk_counted_apart(filled, capsys, monkeypatch):
    result = run_inline(capsys, monkeypatch, "nlu", "inbox", "--limit", "10", url=filled)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("  1. 2x") and "wat is inspraak eigenlijk" in lines[0].lower()
    assert "feedback" in result.stdout and "de raad neemt het advies" in result.stdout
    assert "{}" not in result.stdout and "javascript" not in result.stdout
    assert "2 groepen rommel (35 berichten" in result.stdout
    assert sum(1 for line in lines if line[:5].strip().rstrip(".").isdigit()) == 10
    assert "... en nog 4 groepen" in result.stdout


def test_json_gives_groups_with_their_kind_junk_last(filled, capsys, monkeypatch):
    result = run_inline(capsys, monkeypatch, "nlu", "inbox", "--json", url=filled)
    groups = json.loads(result.stdout)
    assert {"voorbeeld", "aantal", "berichten", "soort"} <= set(groups[0])
    assert [g["soort"] for g in groups[-2:]] == ["rommel", "rommel"] and groups[-2]["aantal"] == 30
    assert {g["soort"] for g in groups[:-2]} == {"niet_begrepen", "feedback"}
    feedback = next(g for g in groups if g["soort"] == "feedback")
    assert feedback["berichten"][0]["antwoord"] == "Ik stel u een paar vragen."
    limited = json.loads(run_inline(capsys, monkeypatch, "nlu", "inbox", "--json", "--limit", "3", url=filled).stdout)
    assert [g["voorbeeld"] for g in limited] == [g["voorbeeld"] for g in groups[:3]]
    junk = json.loads(run_inline(capsys, monkeypatch, "nlu", "inbox", "--json", "--soort", "rommel", url=filled).stdout)
    assert [g["aantal"] for g in junk] == [30, 5]


def test_negeer_takes_several_ids_a_group_or_all_junk(filled, capsys, monkeypatch):
    def groups():
        return json.loads(run_inline(capsys, monkeypatch, "nlu", "inbox", "--json", url=filled).stdout)

    before = groups()
    inspraak = next(g for g in before if "inspraak" in g["voorbeeld"])
    result = run_inline(capsys, monkeypatch, "nlu", "inbox", "negeer", "--groep",
                        str(inspraak["berichten"][-1]["id"]), url=filled)
    assert result.returncode == 0 and "2 berichten zijn uit de inbox verwijderd" in result.stdout
    result = run_inline(capsys, monkeypatch, "nlu", "inbox", "negeer", "--rommel", url=filled)
    assert "35 berichten" in result.stdout
    after = groups()
    assert all(g["soort"] != "rommel" for g in after) and not any("inspraak" in g["voorbeeld"] for g in after)
    some = [str(g["berichten"][0]["id"]) for g in after[:3]]
    result = run_inline(capsys, monkeypatch, "nlu", "inbox", "negeer", *some, "999999", url=filled)
    assert result.returncode == 2 and "geen bericht 999999" in result.stderr
    assert len(groups()) == len(after)                                      # nothing removed
    result = run_inline(capsys, monkeypatch, "nlu", "inbox", "negeer", *some, url=filled)
    assert "3 berichten" in result.stdout and len(groups()) == len(after) - 3
