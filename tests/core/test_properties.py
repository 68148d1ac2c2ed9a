"""Property tests: whatever valid profile comes in, the advice keeps its promises."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from besliswijzer.storage import db
from besliswijzer.advice.engine import advise
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.reference.rules import cost_rank, max_cost

CAT = load_catalogue()


def optional(strategy):
    return st.one_of(st.none(), strategy)


def ids(entity):
    return st.sampled_from(sorted(CAT.vocabulary[entity]))


profiles = st.fixed_dictionaries({
    "doelgroep": st.lists(ids("doelgroep"), min_size=1, max_size=3, unique=True),
}, optional={
    "schaal": ids("schaal"), "thema": ids("thema"), "beleidsfase": ids("beleidsfase"), "niveau": ids("niveau"),
    "budget_euro": st.integers(0, 250_000), "doorlooptijd_weken": st.integers(1, 60),
    "gemeente": st.sampled_from(["Hengelo", "Enschede", "Hoorn", "Ergens"]),
    "ruimte_voor_invloed": st.booleans(), "doel": st.sampled_from(sorted(load_catalogue().preconditions["doel"])),
    "rol": st.sampled_from(sorted(load_catalogue().preconditions["rol"])),
})


@pytest.fixture(scope="module")
def shared_session(seeded_db_file):
    with db.session_scope(f"sqlite:///{seeded_db_file}") as s:
        yield s


def _relaxed(payload, word):
    return any("te weinig" in w and word in w for w in payload["waarschuwingen"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=profiles)
def test_advice_properties(shared_session, profile):
    payload = advise(profile, session=shared_session)
    combos = payload["combinaties"]

    # 3 to 5 combinations, ranked best first, known ids only.
    assert 3 <= len(combos) <= 5
    assert [c["score"] for c in combos] == sorted((c["score"] for c in combos), reverse=True)
    assert len({c["methode"] for c in combos}) == len(combos)
    for c in combos:
        assert c["methode"] in CAT.methods
        assert c["tool"] is None or c["tool"] in CAT.strengthening_tools(c["methode"])

    # Never online-only advice for a group with low or mixed digital skills.
    if CAT.digital_vulnerable(payload["profiel"]["doelgroep"]):
        methods = [CAT.methods[c["methode"]] for c in combos]
        assert any(m.channel == "fysiek" and m.reach == "hoog" for m in methods)
        assert any(c["kanaal"] != "online" for c in combos)

    # Every constraint is respected, or its relaxation is named and the combination says "Let op".
    limit = max_cost(CAT.rules, payload["profiel"].get("budget_euro"))
    weeks = payload["profiel"].get("doorlooptijd_weken")
    for c in combos:
        method = CAT.methods[c["methode"]]
        broken = []
        if limit and cost_rank(c["kosten"]) > cost_rank(limit):
            broken.append("budget")
        if weeks and method.duration_weeks > weeks:
            broken.append("Binnen")
        if payload["niveau"] not in method.rungs:
            broken.append("trede")
        for word in broken:
            assert "Let op:" in c["waarom"]
            assert _relaxed(payload, word) or "toegevoegd" in c["waarom"], (word, c)

    # No room for influence: informing only.
    if profile.get("ruimte_voor_invloed") is False:
        assert payload["niveau"] == "informeren"
        assert all("informeren" in CAT.methods[c["methode"]].rungs for c in combos)

    # Deterministic.
    assert advise(profile, session=shared_session) == payload
