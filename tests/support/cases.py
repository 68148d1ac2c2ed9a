"""Case data shared by the core tests: the invented example cases and a small case file to import."""
from pathlib import Path

import yaml

from besliswijzer.cases.assessment import load_questions

__all__ = ["EXAMPLES", "GOOD", "FINDING", "answers", "dump", "finding"]

# The invented example cases (never real ones), imported on top of the seeded database.
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "data" / "voorbeeldcasussen.yml"

# A case file that imports without errors: one recorded case with scores and a source, one in free text.
GOOD = """
casussen:
  - id: echt-lab-1
    titel: Living lab slimme lantaarnpalen
    gemeente: Enschede
    jaar: 2019
    thema: veiligheid
    schaal: wijk
    doelgroepen: [inwoners, jongeren]
    niveau: coproduceren
    methodes: [living_lab, straatgesprekken]
    tools: [sensoren]
    scores: {effect: 3, meerwaarde: 4, houding: 4, competenties: "3,5"}
    resultaat: Minder onveilige plekken.
    bronnen:
      - {url: "https://example.org/lantaarnpalen", titel: Verslag van het living lab}
  - titel: Panel over afval
    gemeente: Hoorn
    jaar: 2024
    thema: openbare ruimte
    methodes: [burgerpanel]
    bron: Verslag van de gemeente Hoorn
"""


def answers(default=4, **overrides):
    """Answers to every question of the assessment: `default`, except the ones named (id=score)."""
    return {q.id: overrides.get(q.id, default) for q in load_questions()}


# One finding in the free-text format of living-lab findings (the shared case file's format).
FINDING = """
- titel: Burgerberaad over de wijkvernieuwing
  gemeente: {gemeente}
  land: NL
  jaar: {jaar}
  thema: wonen / leefbaarheid
  schaal: wijk
  doelgroepen: [ouderen in de wijk, bewoners via loting]
  beleidsfase: [beleidsvorming]
  participatieniveau: adviseren (raad beslist)
  methoden: [burgerberaad, wandelende gesprekken met een kunstenaar]
  digitale_tools: [WhatsApp]
  aantal_deelnemers: ca. 40 gelote inwoners
  duur: drie maanden, 5 avonden
  kosten: null
  budget_te_verdelen: null
  uitkomst: [12 adviezen aangeboden aan de raad]
  uitkomst_bekend: deels
  wat_werkte: null
  wat_niet: null
  bron_type: gemeente
  bronnen:
  - url: https://example.org/burgerberaad-wijk
    titel: Verslag burgerberaad wijkvernieuwing
  opmerking: null
"""


def finding(gemeente="Enschede", jaar=2024, **changes):
    """FINDING as a record, with fields changed or added."""
    record = yaml.safe_load(FINDING.format(gemeente=gemeente, jaar=jaar))[0]
    record.update(changes)
    return record


def dump(*records):
    """Records as the text of a case file (YAML)."""
    return yaml.safe_dump(list(records), allow_unicode=True, sort_keys=False)
