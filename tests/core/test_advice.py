"""The advice engine's rules, one test (or more) per rule."""
import re

import pytest

from besliswijzer.advice.engine import advise
from besliswijzer.advice.explain import compare, explain
from besliswijzer.advice.summary import advice_lead, advice_text
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.errors import BesliswijzerError, UnknownIdError
from besliswijzer.reference.rules import cost_rank, max_cost

CAT = load_catalogue()
EXAMPLE = {"doelgroep": ["ouderen", "nieuwkomers"], "schaal": "wijk", "thema": "openbare_ruimte",
           "beleidsfase": "beleidsvorming", "niveau": "adviseren", "budget_euro": 15000,
           "doorlooptijd_weken": 12, "gemeente": "Hengelo"}


def methods_of(payload):
    return [CAT.methods[c["methode"]] for c in payload["combinaties"]]


def test_payload_follows_the_contract(db_url):
    payload = advise(EXAMPLE)
    assert payload["type"] == "advies" and payload["profiel"] == EXAMPLE
    assert payload["niveau"] == "adviseren" and payload["niveau_toelichting"]
    assert 3 <= len(payload["combinaties"]) <= 5
    for combo in payload["combinaties"]:
        assert {"methode", "tool", "kanaal", "score", "waarom", "kosten", "duur_weken"} <= set(combo)
        assert combo["kanaal"] in ("fysiek", "online", "hybride") and combo["kosten"] in ("laag", "midden", "hoog")
        assert 0 <= combo["score"] <= 1 and combo["waarom"]
    scores = [c["score"] for c in payload["combinaties"]]
    assert scores == sorted(scores, reverse=True)
    assert all({"id", "titel", "gemeente", "gelijkenis"} <= set(c) for c in payload["casussen"])


def test_no_room_for_influence_means_only_informing(db_url):
    payload = advise({"doelgroep": ["inwoners"], "niveau": "meebeslissen", "ruimte_voor_invloed": False})
    assert payload["niveau"] == "informeren"
    assert all("informeren" in m.rungs for m in methods_of(payload))
    assert "informeren eerlijk" in payload["waarschuwingen"][0]
    assert any("meebeslissen" in w for w in payload["waarschuwingen"])


@pytest.mark.parametrize("profile, rung, phrase", [
    ({"beleidsfase": "uitvoering"}, "coproduceren", "uitvoering"),
    ({"beleidsfase": "agendavorming"}, "raadplegen", "begin"),
    ({"doel": "eigenaarschap", "beleidsfase": "agendavorming"}, "coproduceren", "eigenaarschap"),
    ({}, "raadplegen", "veilige start"),
    ({"niveau": "zelfbeheer"}, "zelfbeheer", "U koos zelf"),
])
def test_rung_is_taken_or_proposed_with_a_reason(db_url, profile, rung, phrase):
    payload = advise({"doelgroep": ["inwoners"], **profile})
    assert payload["niveau"] == rung
    assert phrase in payload["niveau_toelichting"]
    assert CAT.vocabulary["niveau"][rung].promise in payload["niveau_toelichting"]


def test_role_caps_the_rung(db_url):
    payload = advise({"doelgroep": ["inwoners"], "niveau": "meebeslissen", "rol": "presterend"})
    assert payload["niveau"] == "adviseren"
    assert any("presterend" in w for w in payload["waarschuwingen"])


def test_budget_thresholds_come_from_data():
    assert [max_cost(CAT.rules, b) for b in (0, 5000, 5001, 25000, 25001, None)] == \
        ["laag", "laag", "midden", "midden", "hoog", None]


def test_hard_filters_on_budget_time_and_group_size(db_url):
    payload = advise({"doelgroep": ["inwoners"], "schaal": "gemeente", "niveau": "raadplegen",
                      "budget_euro": 4000, "doorlooptijd_weken": 6})
    assert not any("versoepel" in w or "te weinig" in w for w in payload["waarschuwingen"])
    for combo, method in zip(payload["combinaties"], methods_of(payload)):
        assert cost_rank(combo["kosten"]) <= cost_rank("laag")
        assert method.duration_weeks <= 6
        assert method.sample or set(method.group_sizes) & {"groot", "massa"}
        assert "raadplegen" in method.rungs


@pytest.mark.parametrize("profile, named", [
    ({"niveau": "meebeslissen", "budget_euro": 2000}, "budget"),
    ({"niveau": "raadplegen", "doorlooptijd_weken": 1}, "1 week"),
    ({"niveau": "zelfbeheer", "schaal": "gemeente"}, "schaal hele gemeente"),
])
def test_relaxation_is_named_and_violations_flagged(db_url, profile, named):
    payload = advise({"doelgroep": ["inwoners"], **profile})
    assert 3 <= len(payload["combinaties"])
    relaxed = [w for w in payload["waarschuwingen"] if "te weinig" in w]
    assert relaxed and any(named in w for w in relaxed)
    flagged = [c for c in payload["combinaties"] if "Let op:" in c["waarom"]]
    assert flagged, "the combinations outside the constraint say so"


def test_least_important_constraint_is_relaxed_first(db_url):
    # Zelfbeheer at city scale within 2.000 euro: group size goes first, the budget only if still needed.
    payload = advise({"doelgroep": ["inwoners"], "niveau": "zelfbeheer", "schaal": "gemeente",
                      "budget_euro": 2000})
    relaxed = [w for w in payload["waarschuwingen"] if "te weinig" in w]
    assert "groepsgrootte" in relaxed[0]


@pytest.mark.parametrize("group", ["ouderen", "laaggeletterden", "digitaal_minder_vaardigen", "nieuwkomers",
                                   "lage_inkomens"])
def test_inclusion_adds_high_reach_offline_method(db_url, group):
    payload = advise({"doelgroep": [group], "schaal": "gemeente", "niveau": "meebeslissen",
                      "budget_euro": 100000})
    offline = [m for m in methods_of(payload) if m.channel == "fysiek" and m.reach == "hoog"]
    assert offline
    assert not all(c["kanaal"] == "online" for c in payload["combinaties"])
    text = " ".join(payload["waarschuwingen"])
    assert "zonder internet" in text and offline[0].name in text
    assert CAT.vocabulary["doelgroep"][group].label.lower() in text


def test_inclusion_cites_the_facts(db_url):
    text = " ".join(advise({"doelgroep": ["ouderen", "laaggeletterden"]})["waarschuwingen"])
    assert "75-plussers" in text and "2,5 miljoen" in text


def test_online_methods_score_low_for_digitally_vulnerable_groups(db_url):
    vulnerable = advise({"doelgroep": ["ouderen"], "niveau": "raadplegen", "schaal": "gemeente"})
    assert "internetconsultatie" not in [c["methode"] for c in vulnerable["combinaties"]]


def test_no_inclusion_warning_for_digitally_strong_groups(db_url):
    payload = advise({"doelgroep": ["studenten"]})
    assert not any("zonder internet" in w for w in payload["waarschuwingen"])


def test_tools_strengthen_their_method(db_url):
    payload = advise(EXAMPLE)
    for combo in payload["combinaties"]:
        if combo["tool"]:
            assert combo["tool"] in CAT.strengthening_tools(combo["methode"])
            assert CAT.strengthening_reason(combo["methode"], combo["tool"]) in combo["waarom"]


def test_method_without_strengthening_tool_gets_null(db_url):
    payload = compare(["interview", "enquete"])
    assert payload["items"][0]["id"] == "interview"
    advice = advise({"doelgroep": ["ouderen"], "niveau": "raadplegen", "schaal": "kern"})
    interview = [c for c in advice["combinaties"] if c["methode"] == "interview"]
    assert all(c["tool"] is None and c["kanaal"] == "fysiek" for c in interview)


def test_waarom_only_names_factors_that_scored(db_url):
    without = advise({"doelgroep": ["inwoners"], "niveau": "adviseren"})
    assert not any("budget" in c["waarom"] or "weken (duurt" in c["waarom"] for c in without["combinaties"])
    with_limits = advise({"doelgroep": ["inwoners"], "niveau": "adviseren", "budget_euro": 30000,
                          "doorlooptijd_weken": 30, "beleidsfase": "beleidsvorming"})
    for combo, method in zip(with_limits["combinaties"], methods_of(with_limits)):
        assert "Past binnen uw budget" in combo["waarom"]
        assert ("Past bij de fase beleidsvorming" in combo["waarom"]) == ("beleidsvorming" in method.phases)


def test_similar_cases_in_advice(example_url):
    payload = advise({"doelgroep": ["ouderen"], "thema": "energietransitie", "schaal": "kern"})
    assert payload["casussen"][0]["id"] == "vb-warmte-dorp"
    assert payload["casussen"][0]["voorbeeld"] is True


def test_deterministic(db_url):
    assert advise(EXAMPLE) == advise(dict(reversed(list(EXAMPLE.items()))))


def test_exclude_methods(db_url):
    first = advise(EXAMPLE)["combinaties"][0]["methode"]
    again = advise(EXAMPLE, exclude_methods=[first])
    assert first not in [c["methode"] for c in again["combinaties"]]
    assert len(again["combinaties"]) >= 3


def test_database_down_still_gives_advice(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing.db'}")
    payload = advise(EXAMPLE)
    assert len(payload["combinaties"]) >= 3 and payload["casussen"] == []
    assert any("casussen kon ik nu niet ophalen" in w for w in payload["waarschuwingen"])


def test_explicit_session_is_used(session, tmp_path, monkeypatch):
    """The cases come from the session given, not from DATABASE_URL (which here cannot be opened)."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}")        # a directory: SQLite cannot open it
    payload = advise(EXAMPLE, session=session)
    assert payload["casussen"] and not any("casussen kon ik nu niet ophalen" in w for w in payload["waarschuwingen"])
    assert advise(EXAMPLE)["casussen"] == []                            # without it: DATABASE_URL, i.e. no cases


def test_compare_payload(db_url):
    payload = compare(["enquete", "straatgesprekken", "polis", "internetconsultatie"], {"doelgroep": ["ouderen"]})
    assert payload["type"] == "vergelijking"
    assert [i["id"] for i in payload["items"]] == ["enquete", "straatgesprek", "polis", "internetconsultatie"]
    for item in payload["items"]:
        assert 0 <= item["score"] <= 1 and item["voordelen"] and item["nadelen"]
    by_id = {i["id"]: i["score"] for i in payload["items"]}
    # offline, high reach beats online for ouderen (methods against methods: a tool is scored on its own scale)
    assert by_id["straatgesprek"] > by_id["internetconsultatie"]


def test_compare_errors():
    with pytest.raises(UnknownIdError) as err:
        compare(["enquete", "enqete2"])
    assert err.value.value == "enqete2" and "enquete" in err.value.message
    with pytest.raises(BesliswijzerError):
        compare(["enquete", "enquête"])


@pytest.mark.parametrize("ident, soort, word", [
    ("burgerberaad", "methode", "loting"), ("polis", "tool", "stellingen"), ("iap2", "begrip", "inform"),
    ("meebeslissen", "niveau", "We voeren uit wat u besluit"), ("world cafe", "methode", "tafels"),
])
def test_explain(ident, soort, word):
    payload = explain(ident)
    assert payload["type"] == "uitleg" and payload["soort"] == soort and word in payload["tekst"]
    assert payload["titel"]


def test_explain_unknown_suggests():
    with pytest.raises(UnknownIdError) as err:
        explain("burgerbraad")
    assert "burgerberaad" in err.value.message


def test_advice_text_is_readable(db_url):
    text = advice_text(advise(EXAMPLE))
    assert text.startswith("Advies voor: ouderen en nieuwkomers.") or text.startswith("Advies voor: ouderen, nieuwkomers.")
    assert "1. " in text and "Let op:" in text and "Trede: Adviseren." in text
    assert "Vergelijkbare casussen:" in text and "  Bron" in text and "(https://" in text      # with sources


def test_reach_only_counts_for_groups_that_are_hard_to_reach(db_url):
    reach = (CAT.texts["waarom"]["bereik_hoog"], CAT.texts["waarom"]["bereik_midden"])
    business = advise({"doelgroep": ["ondernemers"], "thema": "economie", "schaal": "gemeente"})
    assert not any(r in c["waarom"] for c in business["combinaties"] for r in reach)
    assert "ondernemers" in CAT.methods[business["combinaties"][0]["methode"]].suits
    public = advise({"doelgroep": ["inwoners"], "thema": "economie", "schaal": "gemeente"})
    assert all(any(r in c["waarom"] for r in reach) for c in public["combinaties"])


def test_advice_lead_names_every_combination_briefly(db_url):
    payload = advise(EXAMPLE)
    lead = advice_lead(payload).splitlines()
    assert lead[0].startswith("Dit is mijn advies voor ouderen en nieuwkomers")
    numbered = [line for line in lead if line[:2].rstrip(".").isdigit()]
    assert len(numbered) == len(payload["combinaties"])
    assert all("waarom" not in line.lower() for line in numbered), "reasons belong on the card"
    assert ("waarschuwing" in advice_lead(payload)) == bool(payload["waarschuwingen"])


def test_kanaal_is_the_methods_own_channel(db_url):
    """The contract: kanaal is the method's channel, whatever tool strengthens it."""
    from besliswijzer.reference.catalogue import load_catalogue

    methods = load_catalogue().methods
    for combo in advise(EXAMPLE)["combinaties"]:
        assert combo["kanaal"] == methods[combo["methode"]].channel


@pytest.mark.parametrize("groups", [["ouderen"], ["ouderen", "nieuwkomers"], ["ouderen", "jongeren"]])
def test_reasons_name_each_group_once(db_url, groups):
    payload = advise({**EXAMPLE, "doelgroep": groups})
    for combo in payload["combinaties"]:
        # the tool's reason may name groups again; the method's own reasons may not
        method_part = combo["waarom"].split(CAT.label("tool", combo["tool"]) + ":")[0] if combo["tool"] else combo["waarom"]
        method_part = re.sub(r"'[^']*'", "", method_part)  # case titles are quoted and may name groups
        for group in groups:
            label = CAT.label("doelgroep", group).lower()
            assert method_part.lower().count(label) <= 1, combo["waarom"]
    offline = [c for c in payload["combinaties"] if CAT.methods[c["methode"]].channel == "fysiek"]
    assert offline and all("zonder internet" in c["waarom"] for c in offline)


def test_each_combination_carries_skills_pitfalls_and_sources(db_url):
    cat = load_catalogue()
    result = advise({"doelgroep": ["ouderen"], "schaal": "wijk", "thema": "openbare_ruimte"})
    for combo in result["combinaties"]:
        method = cat.methods[combo["methode"]]
        assert combo["vaardigheden"] == list(method.skills) and combo["vaardigheden"]
        assert combo["valkuilen"] == list(method.pitfalls) and combo["valkuilen"]
        assert combo["bronnen"] and all(b["url"].startswith("http") for b in combo["bronnen"])
        assert combo["duur_tekst"] in (f"{combo['duur_weken']} weken", "1 week")
