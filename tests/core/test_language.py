"""Dutch free-text parsing: amounts, durations, scores, catalogue terms and municipalities."""
import pytest
from hypothesis import given, strategies as st

from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.reference.places import normalise_gemeente
from besliswijzer.text.numbers import parse_amount_euro, parse_duration_weeks, parse_score


@pytest.mark.parametrize("text, euros", [
    ("15k", 15000), ("15 k", 15000), ("€ 15.000,-", 15000), ("€15000", 15000), ("15.000 euro", 15000),
    ("vijftienduizend euro", 15000), ("anderhalve ton", 150000), ("een ton", 100000), ("1,5 ton", 150000),
    ("geen budget", 0), ("er is geen geld", 0), ("nul euro", 0), ("0", 0), ("ongeveer 5000", 5000),
    ("2 miljoen", 2_000_000), ("tweehonderdvijftigduizend euro", 250000), ("drieduizend vijfhonderd euro", 3500),
    ("vijfentwintigduizend", 25000), ("15 duizend", 15000), ("een half miljoen", 500000),
    ("twee en een halve ton", 250000), ("10.000", 10000), ("€ 2.500,50", 2501), (12000, 12000), (12000.0, 12000),
    # a vague number is an honest estimate, not the smallest reading ("een paar duizend" is not 1.000)
    ("een paar duizend euro", 2000), ("het budget is een paar duizend euro", 2000), ("paar honderd euro", 200),
    ("enkele duizenden euro", 3000),
])
def test_amounts(text, euros):
    assert parse_amount_euro(text) == euros


@pytest.mark.parametrize("text", ["geen idee", "weet ik niet", "", None, "veel", "een budget", -5])
def test_no_amount(text):
    assert parse_amount_euro(text) is None


@pytest.mark.parametrize("text, weeks", [
    ("3 maanden", 13), ("drie maanden", 13), ("een half jaar", 26), ("half jaar", 26), ("zes weken", 6),
    ("anderhalve maand", 7), ("1 jaar", 52), ("twee jaar", 104), ("anderhalf jaar", 78), ("12 weken", 12),
    ("12 wk", 12), ("6 mnd", 26), ("een maand", 4), ("een kwartaal", 13), ("10 dagen", 1),
    ("een week of zes", 6), ("twee en een half jaar", 130), ("ongeveer 8 weken", 8), (12.0, 12),
])
def test_durations(text, weeks):
    assert parse_duration_weeks(text) == weeks


@pytest.mark.parametrize("text", ["voor de zomer", "zo snel mogelijk", "na de verkiezingen", "", None, "maand", 0])
def test_vague_time_is_not_a_duration(text):
    assert parse_duration_weeks(text) is None


@pytest.mark.parametrize("text, score", [
    ("4", 4), ("1", 1), ("5", 5), ("4/5", 4), ("3 van 5", 3), ("een vier", 4), ("vijf", 5), ("twee", 2),
    ("redelijk", 3), ("slecht", 2), ("heel goed", 5), ("heel slecht", 1), ("goed", 4), ("prima", 4),
    ("matig", 2), ("niet goed", 2), ("niet slecht", 3), ("uitstekend", 5), ("gaat wel", 3),
    ("Zeer Goed!", 5), ("helemaal niet", 1), (3, 3), ("ruim voldoende", 4), ("redelijk goed", 4),
    ("ja", 4), ("nee", 2), ("nee, niet echt", 2), ("ja, heel goed", 5),
])
def test_scores(text, score):
    assert parse_score(text) == score


@pytest.mark.parametrize("text", ["7", "0", "een 8", "geen idee", "", None, "banaan", 6])
def test_no_score(text):
    assert parse_score(text) is None


@given(st.integers(min_value=1, max_value=5))
def test_every_digit_on_the_scale_is_its_own_score(n):
    assert parse_score(str(n)) == n


@given(st.integers(min_value=0, max_value=10_000_000))
def test_plain_and_dotted_amounts_agree(n):
    dotted = f"{n:,}".replace(",", ".")
    assert parse_amount_euro(f"{n} euro") == n
    assert parse_amount_euro(f"€ {dotted},-") == n


@pytest.mark.parametrize("entity, text, ident", [
    ("doelgroep", "oudren", "ouderen"), ("doelgroep", "Senioren", "ouderen"), ("doelgroep", "ondernemrs", "ondernemers"),
    ("doelgroep", "mensen met een beperking", "mensen_met_beperking"), ("schaal", "hele gemeente", "gemeente"),
    ("schaal", "de wijk", "wijk"), ("schaal", "dorp", "kern"), ("thema", "verkeer", "mobiliteit"),
    ("niveau", "meebeslisen", "meebeslissen"), ("beleidsfase", "uitvoering", "uitvoering"),
    ("methode", "wereldcafe", "world_cafe"), ("methode", "burgerberaad", "burgerberaad"), ("tool", "pol.is", "polis"),
    ("begrip", "participatieladder", "participatieladder"),
])
def test_match_term_maps_words_and_typos_to_canonical_ids(entity, text, ident):
    assert load_catalogue().match(entity, text) == ident


@pytest.mark.parametrize("entity, text", [("doelgroep", "banaan"), ("schaal", "xyz"), ("thema", ""),
                                          ("niveau", "misschien"), ("doelgroep", None)])
def test_match_term_gives_none_when_unclear(entity, text):
    assert load_catalogue().match(entity, text) is None


def test_several_groups_in_one_sentence_are_all_found_in_order():
    assert load_catalogue().find("doelgroep", "vooral senioren, nieuwkomers en laaggeletterden") == \
        ["ouderen", "nieuwkomers", "laaggeletterden"]


def test_similar_group_names_are_not_confused():
    # "jongeren in de wijk" must not be read as the synonym "ouderen in de wijk"
    assert load_catalogue().find("doelgroep", "ouderen en jongeren in de wijk") == ["ouderen", "jongeren"]


def test_longer_name_wins_across_entities():
    assert load_catalogue().mentions(("methode", "tool"), "een online enquete of een burgerpanel") == \
        [("tool", "online_enquete"), ("methode", "burgerpanel")]


def test_unknown_entity_is_a_programming_error():
    with pytest.raises(ValueError):
        load_catalogue().match("kleur", "rood")


@pytest.mark.parametrize("text, name", [
    ("Enschede", "Enschede"), ("enschede", "Enschede"), ("gemeente Hengelo", "Hengelo"), ("Enschde", "Enschede"),
    ("den haag", "'s-Gravenhage"), ("hof van twente", "Hof van Twente"), ("de gemeente dinkelland", "Dinkelland"),
])
def test_municipalities_get_their_official_name(text, name):
    assert normalise_gemeente(text) == name


def test_unknown_place_name_is_kept_in_title_case_and_sentences_are_refused():
    assert normalise_gemeente("ootmarsum") == "Ootmarsum"
    assert normalise_gemeente("wat is een burgerberaad?") is None
    assert normalise_gemeente("") is None and normalise_gemeente(None) is None
