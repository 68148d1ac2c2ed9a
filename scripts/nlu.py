"""The maintainers' command for Rasa's training data: label a message from the inbox.

The message comes from the core's inbox (besliswijzer.maintainers.inbox) and goes into Rasa's
files through scripts/nlu_data.py; this module joins the two.

    python -m scripts.nlu label ID INTENTIE [--entiteit NAAM=WOORDEN ...] [--toets]

Adds inbox message ID as an example of INTENTIE to the file in data/nlu/ that holds that intent
(with --toets: to the held-out set tests/nlu/heldout.yml) and takes it out of the inbox. The inbox
itself is shown and emptied with `python -m besliswijzer nlu inbox` (docs/onderhoud-nlu.md).
Dutch help and errors, exit code 2 on an error, as the core's command line.
"""
from __future__ import annotations

import sys
from pathlib import Path

from besliswijzer.cli import EXIT_USAGE, Parser
from besliswijzer.errors import BesliswijzerError
from besliswijzer.maintainers import inbox
from besliswijzer.storage.db import session_scope
from scripts import nlu_data

__all__ = ["build_parser", "label", "main", "parse_entities"]

PROG = "python -m scripts.nlu"


def parse_entities(specs: list[str]) -> list[tuple[str, str]]:
    """NAAM=WOORDEN options as (entity, words) pairs."""
    entities = []
    for spec in specs:
        name, sep, words = spec.partition("=")
        if not sep or not name.strip() or not words.strip():
            raise BesliswijzerError(f"Schrijf een entiteit als NAAM=WOORDEN, bijvoorbeeld "
                                    f"doelgroep=ouderen (niet '{spec}').")
        entities.append((name.strip(), words.strip()))
    return entities


def label(session, item_id: int, intent: str, entities: list[tuple[str, str]] = (), heldout: bool = False,
          root: Path = nlu_data.ROOT) -> Path:
    """Write the inbox item as a training (or held-out) example of `intent` and take it out of the
    inbox; returns the file written. Nothing is written or taken out when a check fails."""
    row = inbox.get_item(session, item_id)
    if intent not in nlu_data.domain_names("intents", root):
        raise BesliswijzerError(f"De intentie '{intent}' bestaat niet in het domein (bot/domain).")
    unknown = [name for name, _ in entities if name not in nlu_data.domain_names("entities", root)]
    if unknown:
        raise BesliswijzerError(f"De entiteit '{unknown[0]}' bestaat niet in het domein (bot/domain).")
    text = nlu_data.PLACEHOLDER.sub(r"\1", " ".join(row.tekst.split()))   # "[naam]" becomes the plain word
    if not text or text.startswith("/"):
        raise BesliswijzerError("Dit bericht is geen zin om van te leren.")
    said = text.lower()
    for path in nlu_data.training_files(root):
        if any(said in (t.lower() for t in texts) for texts in nlu_data.examples(path).values()):
            raise BesliswijzerError(f"Deze zin staat al in {path.relative_to(root)}; hij is niet opnieuw "
                                    "toegevoegd. Negeer het bericht of kies een andere zin.")
    path = nlu_data.target_file(root, intent, heldout)
    nlu_data.insert_example(path, intent, nlu_data.annotate(text, list(entities)))
    inbox.take_out(session, item_id)
    return path


def build_parser() -> Parser:
    parser = Parser(prog=PROG, description="De trainingsdata van het taalbegrip onderhouden "
                                           "(zie docs/onderhoud-nlu.md).")
    sub = parser.add_subparsers(dest="cmd", metavar="OPDRACHT", parser_class=Parser, title="opdrachten",
                                prog=PROG)
    sub.required = True
    p = sub.add_parser("label", help="een bericht uit de inbox als voorbeeldzin toevoegen aan data/nlu",
                       description="Voegt het bericht toe als voorbeeld van INTENTIE en haalt het uit de inbox.")
    p.add_argument("id", type=int, metavar="ID", help="het nummer uit de inbox (python -m besliswijzer nlu inbox)")
    p.add_argument("intentie", metavar="INTENTIE", help="bijvoorbeeld advies_vragen")
    p.add_argument("--entiteit", action="append", metavar="NAAM=WOORDEN",
                   help="een entiteit in het bericht, bijvoorbeeld doelgroep=ouderen (mag vaker)")
    p.add_argument("--toets", action="store_true",
                   help="naar de achtergehouden testset (tests/nlu/heldout.yml) in plaats van de trainingsdata")
    return parser


def main(argv=None, root: Path = nlu_data.ROOT) -> int:
    args = build_parser().parse_args(argv)
    try:
        entities = parse_entities(args.entiteit or [])
        with session_scope() as session:
            path = label(session, args.id, args.intentie, entities, heldout=args.toets, root=root)
    except BesliswijzerError as exc:
        print(f"Fout: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Toegevoegd aan {path.relative_to(root)} als voorbeeld van '{args.intentie}'. "
          "Train opnieuw (make train) en lees het rapport (python -m scripts.nlu_rapport).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
