"""scripts/generate_nlu.py: catalogue names become synonyms, lookup tables and patterns."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from besliswijzer.reference.datafiles import DATA_DIR
from scripts import generate_nlu

ROOT = Path(__file__).resolve().parents[2]


def parse(text: str) -> tuple[dict, dict, dict]:
    """(synonym text -> value, lookup name -> entries, regex name -> patterns)."""
    synonyms, lookups, regexes = {}, {}, {}
    for item in yaml.safe_load(text)["nlu"]:
        entries = [line.strip()[2:] for line in item["examples"].splitlines() if line.strip()]
        if "synonym" in item:
            synonyms.update({entry: item["synonym"] for entry in entries})
        elif "lookup" in item:
            lookups[item["lookup"]] = entries
        elif "regex" in item:
            regexes[item["regex"]] = entries
    return synonyms, lookups, regexes


NEW_METHOD = """
  - id: nieuwe_methode
    naam: Buurtpicknick
    synoniemen: [picknick in de buurt, buurtpicknicks, picknick]
    uitleg: >-
      Bewoners eten samen in het park. Zo praat u ontspannen over de buurt.
    niveaus: [raadplegen]
    groepsgrootte: [klein, middel]
    kanaal: fysiek
    kosten: laag
    duur_weken: 2
    bereik: hoog
    beleidsfasen: [agendavorming]
    vaardigheden: [gastheer zijn]
    valkuilen: [Alleen de buren die elkaar al kennen komen]
    voordelen: [Ontspannen]
    nadelen: [Weinig diepgang]
    bronnen:
      - {url: "https://voorbeeld.nl/buurtpicknick", titel: "Buurtpicknick"}
    herkomst:
      kosten: {soort: schatting}
      duur_weken: {soort: schatting}
      bereik: {soort: schatting}
      geschikt_voor: {soort: schatting}
"""


@pytest.fixture
def tiny_catalogue(tmp_path: Path) -> Path:
    """The real catalogue, read through the Catalogue, plus one new method and one ambiguous word."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    methods = data / "methodes.yml"
    methods.write_text(methods.read_text(encoding="utf-8").rstrip("\n") + "\n" + NEW_METHOD, encoding="utf-8")
    vocabulary = data / "vocabulaire.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(
        "synoniemen: [oudere, senioren,", "synoniemen: [oudere, jeugd, senioren,", 1), encoding="utf-8")
    (tmp_path / "gemeenten.txt").write_text("# comment\nHof van Twente\n's-Gravenhage | den haag\n",
                                            encoding="utf-8")
    return tmp_path


def test_catalogue_names_become_lowercase_synonyms_with_accent_free_variants(tiny_catalogue):
    text, _ = generate_nlu.build(tiny_catalogue / "data", tiny_catalogue / "gemeenten.txt")
    synonyms, _, _ = parse(text)
    assert synonyms["wereldcafé"] == "world_cafe"
    assert synonyms["wereldcafe"] == "world_cafe"
    assert synonyms["world cafe"] == "world_cafe"
    assert synonyms["tafelrondes"] == "world_cafe"
    assert synonyms["senioren"] == "ouderen"
    assert synonyms["den haag"] == "'s-Gravenhage"
    assert synonyms["hof van twente"] == "Hof van Twente"
    assert "world_cafe" not in synonyms  # an id never maps to itself


def test_a_method_added_to_the_catalogue_is_in_the_lookup_table(tiny_catalogue):
    text, _ = generate_nlu.build(tiny_catalogue / "data", tiny_catalogue / "gemeenten.txt")
    synonyms, lookups, _ = parse(text)
    assert "buurtpicknick" in lookups["methode"]
    assert synonyms["picknick in de buurt"] == "nieuwe_methode"
    assert "burgerberaad" in lookups["methode"] and "g1000" in lookups["methode"]
    assert "Hof van Twente" in lookups["gemeente"] and "hof van twente" in lookups["gemeente"]


def test_a_word_with_two_meanings_is_no_synonym_and_is_reported(tiny_catalogue):
    text, warnings = generate_nlu.build(tiny_catalogue / "data", tiny_catalogue / "gemeenten.txt")
    synonyms, _, _ = parse(text)
    assert "jeugd" not in synonyms
    assert any("'jeugd'" in w for w in warnings)


def test_a_reviewed_ambiguity_is_silent_and_a_new_one_still_warns(tiny_catalogue):
    reviewed = generate_nlu.AMBIGUOUS_FILE.read_text(encoding="utf-8")
    (tiny_catalogue / "dubbelzinnig.txt").write_text(reviewed + "jeugd   # reviewed\n")
    text, warnings = generate_nlu.build(tiny_catalogue / "data", tiny_catalogue / "gemeenten.txt",
                                        tiny_catalogue / "dubbelzinnig.txt")
    assert "jeugd" not in parse(text)[0] and warnings == []
    _, repo_warnings = generate_nlu.build()
    assert repo_warnings == [], "a new ambiguous word: add it to data/nlu/bronnen/dubbelzinnig.txt with a reason"


def test_a_broken_catalogue_stops_the_script_with_the_catalogues_message(tiny_catalogue):
    methods = tiny_catalogue / "data" / "methodes.yml"
    methods.write_text(methods.read_text(encoding="utf-8").replace("    kanaal: fysiek", "    kanaal: telepathie", 1),
                       encoding="utf-8")
    from besliswijzer.errors import DataFileError
    with pytest.raises(DataFileError, match="telepathie"):
        generate_nlu.build(tiny_catalogue / "data", tiny_catalogue / "gemeenten.txt")


def test_output_is_deterministic_and_committed_file_is_current():
    first, _ = generate_nlu.build()
    second, _ = generate_nlu.build()
    assert first == second
    assert generate_nlu.OUTPUT_FILE.read_text(encoding="utf-8") == first, \
        "data/nlu/generated/catalogus.yml is niet actueel: draai python -m scripts.generate_nlu"


@pytest.mark.parametrize("entity,text,expected", [
    ("bedrag", "budget 15k", "15k"),
    ("bedrag", "we hebben 15.000 euro", "15.000 euro"),
    ("bedrag", "€15.000,-", "€15.000,-"),
    ("bedrag", "vijftienduizend euro", "vijftienduizend euro"),
    ("bedrag", "er is geen budget", "geen budget"),
    ("duur", "we hebben 3 maanden", "3 maanden"),
    ("duur", "een half jaar", "een half jaar"),
    ("duur", "anderhalve maand", "anderhalve maand"),
    ("duur", "zes weken", "zes weken"),
])
def test_patterns_find_money_and_durations(entity, text, expected):
    patterns = generate_nlu.REGEXES[entity]
    found = [m.group(0) for p in patterns for m in re.finditer(p, text)]
    assert expected in found


@pytest.mark.parametrize("entity,text", [
    ("bedrag", "we willen met 12 mensen praten"),
    ("duur", "voor de zomer klaar"),
])
def test_patterns_ignore_numbers_that_are_no_money_or_duration(entity, text):
    assert not any(re.search(p, text) for p in generate_nlu.REGEXES[entity])
