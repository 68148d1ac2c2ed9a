"""How typed text is compared with the catalogue's names (besliswijzer.reference.matching)."""
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.text.lemmas import lemma
from besliswijzer.reference.matching import Mention, same_word
from besliswijzer.text.fold import tokenise


def test_lemmas_come_from_spacys_dutch_lookup_table():
    assert (lemma("bewoners"), lemma("buurthuizen"), lemma("bijeenkomsten")) == ("bewoner", "buurthuis", "bijeenkomst")
    assert lemma("qwerty") == "qwerty"


def test_plural_and_diminutive_endings_count_but_not_any_longer_word():
    assert same_word("enquetes", "enquete") and same_word("straatje", "straat")
    assert same_word("burgerberaden", "burgerberaad") and same_word("buurthuizen", "buurthuis")
    assert not same_word("buurtapp", "buurt")
    assert not same_word("wijken", "wijk")           # short names only match exactly


def test_tokens_know_where_they_stand_in_the_original_text():
    text = "Een wereld-café (online)!"
    assert [(t.word, text[t.start:t.end]) for t in tokenise(text)] == \
        [("een", "Een"), ("wereld", "wereld"), ("cafe", "café"), ("online", "online")]


def test_mentions_carry_character_offsets_and_the_longest_name_wins():
    text = "Een online enquête en een open space"
    found = load_catalogue().matcher.mention_spans(["methode", "tool"], text, strict=True)
    assert found == [Mention("tool", "online_enquete", 4, 18), Mention("methode", "open_space", 26, 36)]


def test_match_uses_lemmas_for_forms_the_names_do_not_list():
    catalogue = load_catalogue()
    assert catalogue.match("doelgroep", "bewoner") == "inwoners"
    assert catalogue.find("methode", "we hielden twee burgerberaden") == ["burgerberaad"]


def test_policy_compounds_name_their_subject():
    catalogue = load_catalogue()
    assert [catalogue.match("thema", w) for w in ("mobiliteitsplan", "energievisie", "klimaatstrategie", "zorgvisie")] == \
        ["mobiliteit", "energietransitie", "klimaatadaptatie", "zorg_welzijn"]
    assert catalogue.match("thema", "plan") is None


def test_what_professionals_call_their_theme_or_phase_is_known():
    catalogue = load_catalogue()
    assert catalogue.match("thema", "warmtetransitie") == "energietransitie"
    assert catalogue.match("thema", "wijkvernieuwing") == "wonen"
    assert catalogue.match("thema", "armoedeaanpak") == "armoede"
    assert catalogue.match("beleidsfase", "planvorming") == "beleidsvorming"
