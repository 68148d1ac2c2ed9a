"""The inbox core: scrubbing, grouping, retention, taking a message out (labelling: test_nlu_label.py)."""
from datetime import date, timedelta

import pytest

from besliswijzer.errors import BesliswijzerError
from besliswijzer.maintainers import inbox
from besliswijzer.maintainers.scrub import scrub


@pytest.mark.parametrize("typed, kept", [
    ("mail me op jan.jansen@hengelo.nl graag", "mail me op [e-mail] graag"),
    ("bel 06-12345678 of +31 6 1234 5678", "bel [telefoon] of [telefoon]"),
    ("bel 053 123 45 67", "bel [telefoon]"),
    ("ik woon op 7511 AB 12", "ik woon op [adres]"),
    ("postcode 7511ab, 12a", "postcode [adres]"),
    ("Kerkstraat 12 in Hengelo", "[adres] in Hengelo"),
    ("IBAN NL91 ABNA 0417 1643 00 klopt", "IBAN [iban] klopt"),
    ("mijn bsn is 123456782", "mijn bsn is [nummer]"),
    ("Ik ben Anna de Vries, wijkregisseur", "Ik ben [naam], wijkregisseur"),
    ("mijn naam is piet en ik werk", "mijn naam is [naam] en ik werk"),
])
def test_scrub_replaces_personal_data(typed, kept):
    assert scrub(typed) == kept


@pytest.mark.parametrize("typed", ["ik ben wijkregisseur", "in 2026 en 12 wijken",
                                   "budget 15000 euro voor 300 mensen", "advies voor ouderen in de wijk"])
def test_scrub_leaves_ordinary_questions_alone(typed):
    assert scrub(typed) == typed


def test_items_are_scrubbed_grouped_and_ordered_by_frequency(session):
    inbox.add_item(session, "wat kost een burgerberaad", "onzeker", "uitleg_vragen", 0.55, "Een burgerberaad is ...")
    for address in ("a@b.nl", "c@d.nl", "e@f.nl"):
        inbox.add_item(session, f"stuur de folder naar {address}", "fallback", "advies_vragen", 0.4,
                       f"Bedoelt u advies? ({address})")
    groups = inbox.grouped(session)
    assert [len(g.items) for g in groups] == [3, 1]
    assert groups[0].items[0]["tekst"] == "stuur de folder naar [e-mail]"
    assert "@" not in str([g.as_json() for g in groups])          # the reply is scrubbed as well
    assert set(groups[0].items[0]) == {"id", "tekst", "reden", "intentie", "zekerheid", "antwoord", "datum",
                                       "soort"}


def test_retention_removes_only_old_items(session, monkeypatch):
    today = date(2026, 12, 3)
    inbox.add_item(session, "oud bericht", "fallback", None, None, None, day=today - timedelta(days=91))
    inbox.add_item(session, "nieuw bericht", "fallback", None, None, None, day=today - timedelta(days=89))
    monkeypatch.delenv("INBOX_BEWAARTERMIJN_DAGEN", raising=False)
    assert inbox.purge(session, today=today) == 1
    assert [i["tekst"] for g in inbox.grouped(session) for i in g.items] == ["nieuw bericht"]
    monkeypatch.setenv("INBOX_BEWAARTERMIJN_DAGEN", "10")
    assert inbox.purge(session, today=today) == 1


def test_take_out_removes_one_message_and_names_a_missing_one(session):
    kept = inbox.add_item(session, "wat is een burgerberaad", "onzeker", "uitleg_vragen", 0.5, None)
    gone = inbox.add_item(session, "asdf qwerty", "fallback", None, None, None)
    inbox.take_out(session, gone.id)
    assert [i["id"] for g in inbox.grouped(session) for i in g.items] == [kept.id]
    with pytest.raises(BesliswijzerError, match=f"geen bericht {gone.id} in de inbox"):
        inbox.take_out(session, gone.id)


def test_scrub_keeps_a_message_on_one_line():
    """An answer with options side by side has single line breaks; the inbox shows one row per message."""
    assert scrub("Naast elkaar:\n• Online: past als\n  Pluspunten: snel") == "Naast elkaar: • Online: past als Pluspunten: snel"
