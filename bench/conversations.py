"""Scripted Dutch conversations for the benchmarks and the turn profile (bench/)."""

# Fills every slot over several turns and ends with the advice.
ADVICE = [
    "Wij willen ouderen in de wijk laten meedenken over de herinrichting van het plein. Hoe pak ik dat aan?",
    "weet ik niet",
    "ongeveer 15.000 euro",
    "een maand of drie",
    "ja",
]

# Side questions: cases, an explanation, what the bot can do.
SIDE_QUESTIONS = [
    "hallo",
    "wat kun je?",
    "welke voorbeelden zijn er over mobiliteit?",
    "wat is een burgerberaad?",
    "dank je wel",
]
