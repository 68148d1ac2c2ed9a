"""Every data file loads, ids are unique, references are valid and the contract's ids are present."""
import re

import pytest
import yaml

from besliswijzer.cases.assessment import load_questions
from besliswijzer.cases.fileformat import parse_cases
from besliswijzer.reference.catalogue import build_catalogue, load_catalogue
from besliswijzer.text.fold import normalise
from besliswijzer.reference.datafiles import DATA_DIR
from besliswijzer.errors import DataFileError
from tests.support import contract
from tests.support.cases import EXAMPLES
from tests.support.data import broken_copy

CONCEPTS = ["participatieladder", "iap2", "usual_suspects", "terugkoppeling", "motiveringsplicht",
            "digitale_inclusie", "b1_taalniveau", "omgevingswet"]
VULNERABLE = {"ouderen", "laaggeletterden", "digitaal_minder_vaardigen", "nieuwkomers", "lage_inkomens"}


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def test_catalogue_sizes_and_contract_ids(cat):
    assert len(cat.methods) >= 60 and len(cat.tools) >= 30
    assert set(contract.ids("methode")) <= set(cat.methods)
    assert set(contract.ids("tool")) <= set(cat.tools)
    assert set(CONCEPTS) <= set(cat.concepts)
    for entity in ("doelgroep", "schaal", "thema", "beleidsfase", "niveau"):
        assert set(contract.ids(entity)) <= set(cat.vocabulary[entity]), entity


def test_ids_are_snake_case_and_unique_across_files(cat):
    ids = list(cat.methods) + list(cat.tools) + list(cat.concepts)
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


def test_items_are_complete(cat):
    for item in list(cat.methods.values()) + list(cat.tools.values()):
        assert 3 <= len(item.synonyms) <= 8, item.id
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", item.explanation) if s]
        assert 2 <= len(sentences) <= 5, (item.id, len(sentences))
        assert item.pros and item.cons and item.pitfalls and item.skills, item.id


def test_every_item_has_its_own_sources(cat):
    """Each method and tool names at least one web page (url + titel); no page is reused for many items."""
    owners = {}
    for item in [*cat.methods.values(), *cat.tools.values()]:
        assert item.sources, item.id
        for source in item.sources:
            assert re.fullmatch(r"https?://\S+", source["url"]) and source["titel"].strip(), item.id
            owners.setdefault(source["url"], set()).add(item.id)
    shared = {url: ids for url, ids in owners.items() if len(ids) > 3}
    assert not shared, shared
    assert len(owners) >= 100          # many different pages, not one general page


def test_methods_of_the_real_cases_exist(cat):
    """Methods and tools the documented cases name are in the catalogue (see shared/data)."""
    for word, ident in [("G1000", "g1000"), ("burgertop", "g1000"), ("gelote burgerpanels", "geloot_panel"),
                        ("buurtbudget", "wijkbudget"), ("motiemarkt", "motiemarkt"),
                        ("right to challenge", "uitdaagrecht"), ("initiatievenmarkt", "initiatievenmarkt"),
                        ("panel", "burgerpanel"), ("burgerberaad", "burgerberaad"),
                        ("participatieve waarde evaluatie", "participatieve_waarde_evaluatie")]:
        assert cat.resolve("methode", word) == ident, word
    for word, ident in [("online stemmen", "online_stemmen"), ("swipe-peiling", "swipe_peiling"),
                        ("woordwolk", "live_peiling"), ("pwe-omgeving", "keuzesimulatie")]:
        assert cat.resolve("tool", word) == ident, word


def test_every_rung_has_enough_methods(cat):
    for rung in contract.ids("niveau"):
        assert sum(rung in m.rungs for m in cat.methods.values()) >= 3, rung


def test_synonyms_map_to_one_id_per_entity(cat):
    for entity, items in cat._entity_items().items():
        owner = {}
        for item in items:
            for word in [item.id, *item.synonyms]:
                assert owner.setdefault(normalise(word), item.id) == item.id, (entity, word)


def test_vocabulary_flags_and_rungs(cat):
    groups = cat.vocabulary["doelgroep"]
    assert {g for g, t in groups.items() if t.digital_vulnerable} == VULNERABLE
    assert all(t.group_sizes for t in cat.vocabulary["schaal"].values())
    rungs = sorted(t.rung for t in cat.vocabulary["niveau"].values())
    assert rungs == [1, 2, 3, 4, 5, 6]
    assert all(t.promise and t.iap2 for t in cat.vocabulary["niveau"].values())
    assert {"senioren", "65-plussers", "bejaarden"} <= set(groups["ouderen"].synonyms)
    assert cat.resolve("schaal", "hele stad") == "gemeente" and cat.resolve("schaal", "kerkdorp") == "kern"


def test_strengthening_pairs_are_valid(cat):
    assert cat.strengthening
    for method, tools in cat.strengthening.items():
        assert method in cat.methods
        for tool, reason in tools.items():
            assert tool in cat.tools and reason.endswith(".")
    used = {t for tools in cat.strengthening.values() for t in tools}
    assert used == set(cat.tools), "every tool strengthens at least one method"


def test_case_base_is_real_with_sources():
    """The shipped case base: the 49 documented cases, none invented, each with a source."""
    records, errors, _warnings = parse_cases((DATA_DIR / "casussen.yml").read_text(encoding="utf-8"), "yaml")
    assert errors == []
    assert len(records) == 49
    assert not any(r["voorbeeld"] for r in records)
    assert all(r["bronnen"] and all(b.get("url", "").startswith("http") for b in r["bronnen"]) for r in records)
    assert all(r["uitkomst_bekend"] in ("ja", "deels", "nee") for r in records)
    assert len({r["thema"] for r in records if r["thema"]}) >= 6
    assert len({r["schaal"] for r in records if r["schaal"]}) >= 5


def test_example_cases_are_marked_and_spread():
    """The invented cases live in the tests only, and say so."""
    records, errors, _warnings = parse_cases(EXAMPLES.read_text(encoding="utf-8"), "yaml")
    assert errors == []
    assert len(records) >= 12
    assert all(r["voorbeeld"] is True for r in records)
    assert len({r["thema"] for r in records}) >= 10
    assert len({r["schaal"] for r in records}) == 6
    assert len({r["niveau"] for r in records}) == 6
    assert len({g for r in records for g in r["doelgroepen"]}) >= 10
    assert all("illustratief" in r["bron"].lower() for r in records)


def test_assessment_questions_trace_to_criteria():
    questions = load_questions()
    assert 8 <= len(questions) <= 16
    assert {q.pillar for q in questions} == {"effect", "meerwaarde", "houding", "competenties"}
    assert all(q.criterion and q.source and q.strength and q.improvement for q in questions)
    assert len({q.id for q in questions}) == len(questions)


def test_catalogue_json_has_ids(cat):
    data = cat.as_json()
    assert set(data) == {"methodes", "tools", "begrippen"}
    assert all("id" in item for items in data.values() for item in items)


def _without_sources(text, ident):
    """The file with the sources of one entry replaced by an empty list."""
    start = text.index(f"  - id: {ident}\n")
    begin = text.index("    bronnen:", start)
    end = text.index("\n    ", begin + 1)
    while text[end + 1:end + 9] == "      - ":
        end = text.index("\n", end + 1)
    return text[:begin] + "    bronnen: []" + text[end:]


@pytest.mark.parametrize("fname, edit, expected", [
    ("methodes.yml", lambda t: t.replace("    kanaal: fysiek", "    kanaal: telepathie", 1),
     ["methodes.yml", "informatiebijeenkomst", "kanaal", "telepathie"]),
    ("methodes.yml", lambda t: t.replace("  - id: inloopbijeenkomst", "  - id: informatiebijeenkomst"),
     ["methodes.yml", "twee keer"]),
    ("tools.yml", lambda t: t.replace("niveaus: [informeren, raadplegen]", "niveaus: [informeren, roepen]", 1),
     ["tools.yml", "social_media", "niveaus", "roepen"]),
    ("versterkt.yml", lambda t: t.replace("tool: uitlegvideo", "tool: toverstaf", 1),
     ["versterkt.yml", "item 1", "tool", "toverstaf"]),
    ("vocabulaire.yml", lambda t: t + "\n  kapot: [\n", ["vocabulaire.yml", "regel"]),
    ("regels.yml", lambda t: t.replace("bereik: 0.22", "bereik: 0.5"), ["regels.yml", "gewichten"]),
    ("methodes.yml", lambda t: _without_sources(t, "informatiebijeenkomst"),
     ["methodes.yml", "informatiebijeenkomst", "bronnen", "niet leeg"]),
    ("tools.yml", lambda t: t.replace("url: \"https://", "url: \"ftp://", 1),
     ["tools.yml", "social_media", "bronnen", "http"]),
])
def test_broken_data_file_names_file_and_field(tmp_path, fname, edit, expected):
    with pytest.raises(DataFileError) as err:
        build_catalogue(broken_copy(tmp_path, fname, edit))
    for word in expected:
        assert word in err.value.message


def test_data_files_are_plain_yaml():
    for path in DATA_DIR.glob("*.yml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8")), path.name
