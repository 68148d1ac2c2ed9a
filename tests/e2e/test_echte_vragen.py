"""Real questions copied verbatim from public pages (tests/nlu/echte_vragen.yml), each the first message
of a fresh conversation through the real stack: the gate of issue 21 on the kind of answer."""
import pytest

from scripts import echte_vragen

pytestmark = pytest.mark.live


def test_real_questions_get_the_kind_of_answer_they_ask_for(live_stack):
    results = echte_vragen.measure(live_stack.web_url, echte_vragen.load_questions())
    summary = echte_vragen.summarise(results)
    report = echte_vragen.write_report(results, summary)
    assert summary["aantal"] >= 150
    assert summary["aandeel_goed"] >= echte_vragen.GOED, f"{summary} (zie {report})"
    assert summary["aandeel_niet_begrepen"] <= echte_vragen.NIET_BEGREPEN, f"{summary} (zie {report})"
    # an explanation counts only with its sources
    assert all(k != "uitleg_zonder_bron" for r in results for k in r["gevonden"] if r["goed"])
