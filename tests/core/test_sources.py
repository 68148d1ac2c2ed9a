"""The maintainers' source check (`python -m besliswijzer kennis controleer`): the shipped data pass, and
each kind of misleading link is refused with a Dutch finding and a non-zero exit. make test runs it here."""
import pytest

from besliswijzer.maintainers.sources import check_sources
from tests.support.cli import run
from tests.support.data import broken_copy


def test_the_shipped_sources_pass_the_check():
    result = run("kennis", "controleer")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("De bronnen zijn in orde: ")


@pytest.mark.parametrize("fname, edit, words", [
    ("tools.yml", lambda t: t.replace('https://heeze-leende24.nl/nieuws/gemeenteberichten/artikel/77973"',
                                      'https://heeze-leende24.nl/artikel/77973/assets/img/play-button.svg"', 1),
     ["podcast", "play-button.svg", "afbeelding of bestand"]),
    ("methodes.yml", lambda t: t.replace("https://www.tudelft.nl/tbm/pwe", "https://npbo.ngtest.nl/pwe", 1),
     ["participatieve_waarde_evaluatie", "npbo.ngtest.nl", "test- of acceptatieserver"]),
    ("methodes.yml", lambda t: t.replace("https://www.tudelft.nl/tbm/pwe", "https://acc.frankwatching.com/pwe", 1),
     ["acc.frankwatching.com", "test- of acceptatieserver"]),
    ("methodes.yml", lambda t: t.replace('titel: "Participatieve Waarde Evaluatie (TU Delft)"',
                                         'titel: "Mentimeter (Wikipedia)"', 1),
     ["Wikipedia", "niet wikipedia.org"]),
    ("tools.yml", lambda t: t.replace("https://standard.co.uk/news/tech/mentimeter-interactive-meetings-app-a3880166.html",
                                      "https://de.wikiup.org/wiki/Mentimeter", 1),
     ["de.wikiup.org", "kopie"]),
    ("methodes.yml", lambda t: t.replace('titel: "Werkvormen (Energieparticipatie.nl)"',
                                         'titel: "Een andere titel voor dezelfde pagina"', 1),
     ["https://www.energieparticipatie.nl/aan-de-slag/werkvormen", "2 titels", "Kies één titel per adres"]),
    ("regio.yml", lambda t: t.replace("bronnen:\n", "bronnen:\n  - titel: Een bron die niemand noemt\n"
                                                    "    url: https://www.cbs.nl/nl-nl/niets\n", 1),
     ["regio.yml", "Een bron die niemand noemt", "geen regio gebruikt hem"]),
])
def test_each_misleading_link_is_a_dutch_finding(tmp_path, fname, edit, words):
    findings, _, _ = check_sources(broken_copy(tmp_path, fname, edit))
    assert any(all(w in f for w in words) for f in findings), findings


def test_a_finding_fails_the_command(tmp_path):
    data = broken_copy(tmp_path, "methodes.yml", lambda t: t.replace("https://www.tudelft.nl/tbm/pwe",
                                                                    "https://test.tudelft.nl/tbm/pwe", 1))
    result = run("kennis", "controleer", "--gegevens", str(data))
    assert result.returncode == 1
    assert result.stdout.startswith("De controle vond 1 probleem in de bronnen")
    assert "'test.tudelft.nl' is een test- of acceptatieserver" in result.stdout


def test_a_pdf_document_is_a_fine_source(tmp_path):
    data = broken_copy(tmp_path, "methodes.yml",
                       lambda t: t.replace("https://www.tudelft.nl/tbm/pwe", "https://www.tudelft.nl/pwe-handleiding.pdf", 1))
    assert check_sources(data)[0] == []
