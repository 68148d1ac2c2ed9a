"""Sources and outcome of a case in plain text (chat, command line, plan)."""
from besliswijzer.cases.texts import is_link, outcome_label, outcome_note, outcome_text, source_line, sources

REAL = {"titel": "Burgerberaad", "voorbeeld": False, "uitkomst_bekend": "ja", "uitkomst": ["32 van 38 adviezen aangenomen"],
        "bronnen": [{"url": "https://www.zwolle.nl/a", "titel": "Terugblik dag 1"},
                    {"url": "https://www.zwolle.nl/b", "titel": "Terugblik dag 2"},
                    {"url": "javascript:alert(1)", "titel": "kwaad"}, {"url": "https://x.nl/c", "titel": ""}]}


def test_only_web_addresses_are_sources():
    assert is_link("https://www.zwolle.nl/a") and is_link("http://a.nl")
    assert not is_link("javascript:alert(1)") and not is_link("/etc/passwd") and not is_link("www.a.nl")
    assert [s["titel"] for s in sources(REAL)] == ["Terugblik dag 1", "Terugblik dag 2", "https://x.nl/c"]


def test_source_line():
    assert source_line(REAL) == "Bron: Terugblik dag 1 (https://www.zwolle.nl/a) en nog 2 andere bronnen."
    assert source_line(REAL, limit=0).startswith("Bronnen: Terugblik dag 1 (https://www.zwolle.nl/a); Terugblik dag 2")
    assert source_line({"bronnen": []}) == "Bron: geen bron vermeld."
    assert source_line({"voorbeeld": True}) == "Bron: verzonnen voorbeeld, geen echte bron."


def test_outcome_says_when_it_is_unknown():
    assert outcome_text(REAL) == "32 van 38 adviezen aangenomen."
    assert outcome_note(REAL) == ""
    unknown = dict(REAL, uitkomst_bekend="nee")
    assert outcome_text(unknown) == "Uitkomst niet bekend." and outcome_note(unknown) == "uitkomst niet bekend"
    partly = dict(REAL, uitkomst_bekend="deels")
    assert outcome_text(partly) == "32 van 38 adviezen aangenomen. (uitkomst deels bekend)"
    # cases from before uitkomst_bekend existed: a stated result counts as known
    assert outcome_note({"resultaat": "Een nieuw plein."}) == ""
    assert outcome_note({"resultaat": ""}) == "uitkomst niet bekend"


def test_the_outcome_label_is_the_note_standing_on_its_own():
    assert outcome_label(dict(REAL, uitkomst_bekend="nee")) == "Uitkomst niet bekend"
    assert outcome_label(dict(REAL, uitkomst_bekend="deels")) == "Uitkomst deels bekend"
    assert outcome_label(REAL) == ""
    # the rule the widget once left out: no field and no result is an unknown outcome
    assert outcome_label({"resultaat": ""}) == "Uitkomst niet bekend"
