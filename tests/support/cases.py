"""Case data shared by the core tests: the invented example cases and a small case file to import."""
from pathlib import Path

from besliswijzer.cases.assessment import load_questions

__all__ = ["EXAMPLES", "GOOD", "answers"]

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
