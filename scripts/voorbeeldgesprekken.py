#!/usr/bin/env python3
"""Play example conversations against the real besliswijzer and write them to docs/voorbeeldgesprekken.md.

Starts the action server, Rasa server (newest model in models/) and web app with a fresh case
database, talks to the web app's chat API exactly like the widget does, and writes readable
Dutch transcripts. A user turn is either typed text or a click on a button of the bot's last
message (by its title), so the transcripts show what a professional really sees.

Usage:  python -m scripts.voorbeeldgesprekken [--uit docs/voorbeeldgesprekken.md]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import List, Union

from scripts.stack import ChatClient, Stack

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Knop:
    """A click on the button with this title in the bot's last message."""
    titel: str


Stap = Union[str, Knop]


@dataclass
class Gesprek:
    titel: str
    inleiding: str
    stappen: List[Stap]


def _answers() -> List[Stap]:
    """One answer per question of the assessment frame, by button and in words, as people do."""
    from besliswijzer.cases.assessment import load_questions

    said = [Knop("4 - goed"), "redelijk", "heel goed", "3", "slecht eigenlijk", Knop("4 - goed"), "matig",
            "2", "goed", "redelijk", Knop("5 - heel goed"), "4", "prima", "3", "goed", "niet slecht"]
    return [said[i % len(said)] for i in range(len(load_questions()))]


ANTWOORDEN = _answers()

GESPREKKEN = [
    Gesprek(
        "Advies voor ouderen in een wijk",
        "Een beleidsmedewerker wil ouderen laten meedenken over de herinrichting van een plein.",
        [
            "Goedemorgen!",
            "Wij willen ouderen in de wijk laten meedenken over de herinrichting van het plein. Hoe pak ik dat aan?",
            Knop("Weet ik niet"),
            "ongeveer 15.000 euro",
            "een maand of drie",
            Knop("Ja, klopt"),
            "Waarom raad je dat aan?",
            "En waarom niet gewoon alles online?",
            "Zijn er voorbeelden uit andere gemeenten?",
            "Dank je wel, hier kan ik mee verder!",
        ],
    ),
    Gesprek(
        "Een traject evalueren en opslaan",
        "Een projectleider kijkt terug op een traject over een nieuw speelveld en laat het opslaan als casus.",
        [
            "Ik wil ons participatietraject evalueren",
            "Het ging over sport, een nieuw speelveld",
            *ANTWOORDEN,
            Knop("Ja, opslaan"),
            "Een burgerpanel en een buurtwandeling, en we gebruikten de buurtapp",
            "Er kwamen veertig buurtbewoners; de raad nam het ontwerp over",
            "Bedankt!",
        ],
    ),
    Gesprek(
        "Voorbeelden uit de regio, en doorvragen",
        "Een beleidsmedewerker uit Hengelo zoekt burgerberaden in Twente en vraagt door naar uitkomst, "
        "aanpak en bronnen.",
        [
            "Welke voorbeelden zijn er van een burgerberaad in Twente?",
            "En wat kwam daaruit?",
            "Hoe hebben ze jongeren bereikt?",
            "Welke bron?",
            "Heb je er een uit Overijssel?",
            "Meer zoals de tweede",
        ],
    ),
    Gesprek(
        "Voorbeelden zoeken, met een zijvraag",
        "Een adviseur zoekt ervaringen van andere gemeenten en vraagt tussendoor wat een methode is.",
        [
            "Heb je voorbeelden van participatie over mobiliteit?",
            "En met ouders?",
            "Wat is een burgerberaad eigenlijk?",
            "Zijn er ook voorbeelden met een burgerberaad?",
            "Top, dank je",
        ],
    ),
]


GESPREKKEN += [
    Gesprek(
        "Het besluit is al genomen",
        "Een omgevingsmanager hoort dat de raad al over een windpark heeft besloten, en vraagt wat er nog "
        "te doen is met de omwonenden.",
        [
            "De gemeenteraad heeft al besloten dat er een windpark komt. Moeten we de omwonenden nog betrekken?",
            "het dorp",
            Knop("Weet ik niet"),
            "ongeveer 8.000 euro",
            "zo'n drie maanden",
            Knop("Ja, klopt"),
        ],
    ),
    Gesprek(
        "Te weinig tijd",
        "Een beleidsmedewerker wil inwoners laten meebeslissen, maar de raad besluit al snel.",
        [
            "We willen dat inwoners van de wijk meebeslissen over het nieuwe park, maar de raad besluit "
            "volgende maand",
            Knop("Weet ik niet"),
            Knop("Presterend: de gemeente wil snel resultaat"),
            "10.000 euro",
            Knop("Ja, klopt"),
        ],
    ),
    Gesprek(
        "Een open vraag, daarna een advies",
        "Een projectleider vraagt hoe ze deelnemers laat weten wat er met hun inbreng gebeurt, en vraagt "
        "daarna om advies.",
        [
            "Hoe koppel ik terug aan de deelnemers?",
            "Is de overheid verplicht participatie te organiseren voor de Omgevingswet?",
            Knop("Advies voor mijn traject"),
            "jongeren",
            "de hele gemeente",
            "sport",
            Knop("Weet ik niet"),
            Knop("Ja, er is nog iets te kiezen"),
            Knop("Weet ik niet"),
            Knop("Draagvlak"),
            "geen budget",
            "voor de zomer",
            Knop("Ja, klopt"),
        ],
    ),
    Gesprek(
        "Een nieuwe vraag halverwege, een correctie en een getypt commando",
        "Na een advies stelt een adviseur een nieuwe vraag; daarna verbetert ze zichzelf, en typt ze '/restart'.",
        [
            "Advies voor ouderen in de wijk over de openbare ruimte, ze mogen meedenken, budget 10.000 euro en 8 weken",
            Knop("Weet ik niet"),
            Knop("Ja, klopt"),
            "Hoe krijg ik jongeren mee in de omgevingsvisie zonder dat het weer de usual suspects zijn?",
            "nee, niet jongeren maar ouderen",
            "/restart",
        ],
    ),
]


def find_button(messages: list, title: str) -> dict:
    for message in reversed(messages):
        for button in message.get("buttons") or []:
            if button.get("title") == title:
                return button
    offered = [b.get("title") for m in messages for b in (m.get("buttons") or [])]
    raise LookupError(f"De knop '{title}' staat niet in het laatste antwoord (wel: {offered}).")


def describe_custom(custom: dict) -> str:
    """One line about the structured part, as the widget shows it as a card."""
    kind = custom.get("type")
    if kind == "advies":
        return f"kaart: advies met {len(custom.get('combinaties', []))} combinaties van werkvorm en tool"
    if kind == "casussen":
        n = len(custom.get("casussen", []))
        return f"kaart: {n} {'voorbeeld' if n == 1 else 'voorbeelden'}"
    if kind == "evaluatie":
        saved = f", opgeslagen als casus {custom['casus_id']}" if custom.get("casus_id") else ""
        return f"kaart: evaluatie, gemiddeld {custom.get('totaal')} van de 5{saved}"
    if kind == "uitleg":
        return f"kaart: uitleg over {custom.get('titel', custom.get('onderwerp'))}"
    if kind == "kennis":
        return f"kaart: {custom.get('titel')}, met {len(custom.get('bronnen', []))} bronnen"
    if kind == "vergelijking":
        return f"kaart: vergelijking van {len(custom.get('items', []))} methodes"
    return f"kaart: {kind}"


def advice_card(custom: dict) -> List[str]:
    """What the advice card shows, so the transcript reads like the chat a user sees."""
    lines = []
    for i, combo in enumerate(custom.get("combinaties", []), 1):
        name = combo.get("methode_naam") or combo["methode"]
        if combo.get("tool"):
            name += f" + {combo.get('tool_naam') or combo['tool']}"
        lines.append(f"{i}. **{name}** ({combo['kanaal']}, kosten {combo['kosten']}, "
                     f"ongeveer {combo['duur_weken']} weken). {combo['waarom']}")
    for warning in custom.get("waarschuwingen", []):
        lines.append(f"Let op: {warning}")
    cases = [f"{c['titel']}, {c['gemeente']}" + (" (voorbeeld)" if c.get("voorbeeld") else "")
             for c in custom.get("casussen", [])]
    if cases:
        lines.append("Vergelijkbare casussen: " + "; ".join(cases))
    return quote("\n\n".join(lines)) + [""] if lines else []


def quote(text: str) -> List[str]:
    return [f"> {line}" if line.strip() else ">" for line in text.strip().splitlines()]


def play(client: ChatClient, gesprek: Gesprek) -> List[str]:
    lines = [f"## {gesprek.titel}", "", f"*{gesprek.inleiding}*", ""]
    last: list = []
    for stap in gesprek.stappen:
        if isinstance(stap, Knop):
            try:
                button = find_button(last, stap.titel)
            except LookupError as error:  # the conversation went another way: show how
                raise SystemExit("\n".join(lines + [str(error)])) from None
            lines += [f"**Gebruiker** klikt op de knop *{stap.titel}*", ""]
            last = client.send(button["payload"])
        else:
            lines += [f"**Gebruiker:** {stap}", ""]
            last = client.send(stap)
        for message in last:
            if message.get("text"):
                lines += ["**Besliswijzer:**", ""] + quote(message["text"]) + [""]
            if message.get("custom"):
                lines += [f"*({describe_custom(message['custom'])})*", ""]
                if message["custom"].get("type") == "advies":
                    lines += advice_card(message["custom"])
            if message.get("buttons"):
                titles = " · ".join(f"[{b['title']}]" for b in message["buttons"])
                lines += [f"Knoppen: {titles}", ""]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uit", default=str(ROOT / "docs" / "voorbeeldgesprekken.md"),
                        help="waar de gesprekken komen (Markdown)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="voorbeeldgesprekken-"))
    url = f"sqlite:///{workdir / 'besliswijzer.db'}"
    env = dict(os.environ, DATABASE_URL=url, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "besliswijzer", "db", "init"], cwd=ROOT, env=env, check=True)
    out = ["# Voorbeeldgesprekken", "",
           "Echte gesprekken met de besliswijzer, afgespeeld met `python -m scripts.voorbeeldgesprekken` "
           "tegen de draaiende servers (Rasa, acties en de webapp). Knoppen die de gebruiker aanklikt staan "
           "erbij; de kaarten (advies, voorbeelden, evaluatie) toont de chat als blok onder de tekst.", ""]
    with Stack(url, log_dir=workdir / "logs", extra_env={"RATE_LIMIT": "1000 per minute"}) as stack:
        for gesprek in GESPREKKEN:
            client = ChatClient(stack.web_url)  # a fresh session: a new conversation
            out += play(client, gesprek)
    Path(args.uit).write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
    print(f"{len(GESPREKKEN)} gesprekken geschreven naar {args.uit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
