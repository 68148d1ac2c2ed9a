"""Dutch formatting: one module for lists, euros and weeks."""
import pytest

from besliswijzer.text.dutch import euro, lijst, weken


@pytest.mark.parametrize("items, expected", [
    ([], ""), (["a"], "a"), (["a", "b"], "a en b"), (["a", "b", "c"], "a, b en c"),
    (["a", None, "", "c"], "a en c"),
])
def test_lijst(items, expected):
    assert lijst(items) == expected


def test_lijst_with_of():
    assert lijst(["enquête", "panel", "straatgesprek"], "of") == "enquête, panel of straatgesprek"


@pytest.mark.parametrize("amount, expected", [
    (0, "€ 0"), (950, "€ 950"), (15000, "€ 15.000"), (1250000, "€ 1.250.000"), (1250.5, "€ 1.250,50"),
])
def test_euro(amount, expected):
    assert euro(amount) == expected


@pytest.mark.parametrize("n, expected", [(1, "1 week"), (2, "2 weken"), (13, "13 weken"), (1.0, "1 week")])
def test_weken(n, expected):
    assert weken(n) == expected
