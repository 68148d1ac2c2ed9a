"""Profile validation: ids, labels and synonyms are accepted; anything else gets a clear Dutch error."""
import pytest

from besliswijzer.errors import ProfileError, UnknownIdError
from besliswijzer.advice.profile import Profile


def test_contract_example_round_trips():
    data = {"doelgroep": ["ouderen", "nieuwkomers"], "schaal": "wijk", "thema": "openbare_ruimte",
            "beleidsfase": "beleidsvorming", "niveau": "adviseren", "budget_euro": 15000,
            "doorlooptijd_weken": 12, "gemeente": "Hengelo"}
    assert Profile.from_dict(data).as_dict() == data


def test_synonyms_and_labels_become_ids():
    p = Profile.from_dict({"doelgroep": ["Senioren", "65-plussers", "statushouders"], "schaal": "hele stad",
                           "thema": "verkeer", "niveau": "Meebeslissen", "budget_euro": "15.000"})
    assert p.doelgroep == ["ouderen", "nieuwkomers"]        # duplicates removed, order kept
    assert (p.schaal, p.thema, p.niveau, p.budget_euro) == ("gemeente", "mobiliteit", "meebeslissen", 15000)
    assert p.expected_sizes == ("groot", "massa")


def test_single_group_string_is_accepted():
    assert Profile.from_dict({"doelgroep": "jongeren"}).doelgroep == ["jongeren"]


def test_unknown_id_names_kind_value_and_suggestion():
    with pytest.raises(UnknownIdError) as err:
        Profile.from_dict({"doelgroep": ["ouderen"], "thema": "mobilitijt"})
    assert err.value.kind == "thema" and err.value.value == "mobilitijt"
    assert "mobiliteit" in err.value.suggestions and "mobilitijt" in err.value.message


@pytest.mark.parametrize("data, word", [
    ({}, "doelgroep"),
    ({"doelgroep": []}, "doelgroep"),
    ({"doelgroep": ["ouderen"], "budget_euro": -5}, "budget"),
    ({"doelgroep": ["ouderen"], "budget_euro": "veel"}, "budget"),
    ({"doelgroep": ["ouderen"], "doorlooptijd_weken": 0}, "doorlooptijd"),
    ({"doelgroep": ["ouderen"], "budget_euro": True}, "budget"),
    ({"doelgroep": ["ouderen"], "kleur": "blauw"}, "kleur"),
    ({"doelgroep": ["ouderen"], "ruimte_voor_invloed": "nee"}, "ruimte_voor_invloed"),
    ("ouderen", "profiel"),
])
def test_bad_profiles_raise_profile_error(data, word):
    with pytest.raises(ProfileError) as err:
        Profile.from_dict(data)
    assert word in err.value.message


def test_unknown_goal_lists_choices():
    with pytest.raises(UnknownIdError) as err:
        Profile.from_dict({"doelgroep": ["ouderen"], "doel": "plezier"})
    assert "draagvlak" in err.value.message
