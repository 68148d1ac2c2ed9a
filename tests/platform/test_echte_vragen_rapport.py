"""How the end-to-end measurement of real questions reads the bot's reply (scripts/echte_vragen.py)."""
from scripts.echte_vragen import kinds_of, passes, summarise


def test_a_sourced_knowledge_answer_is_an_explanation_and_one_without_sources_is_not():
    sourced = {"text": "x", "custom": {"type": "kennis", "bronnen": [{"url": "https://a.nl", "titel": "A"}]}}
    bare = {"text": "x", "custom": {"type": "uitleg", "onderwerp": "burgerberaad"}}
    assert kinds_of([sourced]) == ["uitleg"]
    assert kinds_of([bare]) == ["uitleg_zonder_bron"]


def test_an_explanation_with_options_side_by_side_is_a_comparison_and_with_sources_an_explanation():
    options = [{"naam": "Online", "wanneer": "a", "voordelen": ["b"], "nadelen": []},
               {"naam": "Fysiek", "wanneer": "c", "voordelen": [], "nadelen": ["d"]}]
    sources = [{"url": "https://a.nl", "titel": "A"}]
    topic = {"text": "x", "custom": {"type": "kennis", "bronnen": sources, "opties": options}}
    ladder = {"text": "x", "custom": {"type": "uitleg", "onderwerp": "participatieladder", "bronnen": sources,
                                      "treden": [{"id": "informeren"}, {"id": "raadplegen"}]}}
    bare_ladder = {"text": "x", "custom": {"type": "uitleg", "onderwerp": "participatieladder",
                                           "treden": [{"id": "informeren"}]}}
    assert kinds_of([topic]) == ["vergelijking", "uitleg"]
    assert kinds_of([ladder]) == ["vergelijking", "uitleg"]       # the ladder and a topic are read alike
    assert kinds_of([bare_ladder]) == ["vergelijking", "uitleg_zonder_bron"]


def test_the_form_the_evaluation_and_out_of_scope_are_read_from_the_bots_own_texts():
    assert "advies" in kinds_of([{"text": "Goed, dan stel ik u een paar korte vragen. Daarna krijgt u een advies."}])
    assert "evaluatie" in kinds_of([{"text": "Goed, we kijken samen naar uw traject. Ik stel 12 korte vragen."}])
    assert "buiten_bereik" in kinds_of([{"text": "Dat is niet mijn onderwerp, daar kan ik u helaas niet mee helpen. "
                                                 "Ik weet alleen iets over ..."}])
    assert kinds_of([{"text": "Ik weet niet zeker wat u bedoelt. Bedoelt u een van deze?"}]) == ["niet_begrepen"]
    assert kinds_of([{"text": "iets heel anders"}]) == ["niet_begrepen"]


def test_a_tip_before_the_form_counts_for_both_kinds():
    reply = [{"text": "Tip", "custom": {"type": "kennis", "bronnen": [{"url": "https://a.nl", "titel": "A"}]}},
             {"text": "Goed. Ik heb al genoteerd: jongeren. Nog een paar korte vragen"}]
    assert kinds_of(reply) == ["uitleg", "advies"]


def test_the_summary_and_the_gate():
    results = [{"soort": "uitleg", "gevonden": ["uitleg"], "goed": True}] * 9 + \
              [{"soort": "advies", "gevonden": ["niet_begrepen"], "goed": False}]
    summary = summarise(results)
    assert summary["aandeel_goed"] == 0.9 and summary["aandeel_niet_begrepen"] == 0.1
    assert not passes(summary)
    assert passes(summarise(results[:9]))
