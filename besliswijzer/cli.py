"""Command line: python -m besliswijzer ... (Dutch help; errors in Dutch on stderr with exit code 2)."""
import argparse
import json
import os
import re
import shlex
import sys
from pathlib import Path

from besliswijzer.errors import BesliswijzerError
from besliswijzer.text.dutch import getal

EXIT_USAGE = 2
PROG = "python -m besliswijzer"
# argparse writes its own errors in English; these cover the ones a user meets.
TRANSLATIONS = (
    (r"invalid choice: (.*) \(choose from (.*)\)", r"onbekende keuze \1 (kies uit \2)"),
    (r"the following arguments are required: ", "dit ontbreekt nog: "),
    (r"unrecognized arguments: ", "onbekende argumenten: "),
    (r"expected one argument", "verwacht één waarde"),
    (r"expected at least one argument", "verwacht minstens één waarde"),
    (r"invalid int value: ", "geen heel getal: "),
    (r"one of the arguments (.*) is required", r"geef één van deze opties: \1"),
    (r"not allowed with argument ", "mag niet samen met "),
    (r"^argument ", "bij "),
)


class DutchFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="Gebruik: ")


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", DutchFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="deze hulptekst tonen en stoppen")

    def error(self, message):
        for pattern, dutch in TRANSLATIONS:
            message = re.sub(pattern, dutch, message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Fout in de opdracht: {message}\nMeer hulp: {self.prog} --help\n")


def _print_json(data):
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _read_profile(path):
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BesliswijzerError(f"Het profielbestand '{path}' bestaat niet.") from None
    except (OSError, UnicodeDecodeError):
        raise BesliswijzerError(f"Het profielbestand '{path}' kan ik niet lezen.") from None
    if not text.strip():
        raise BesliswijzerError(f"Het profielbestand '{path}' is leeg.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BesliswijzerError(f"Het profielbestand '{path}' is geen geldige JSON "
                                f"(regel {exc.lineno}, kolom {exc.colno}).") from None


def cmd_advies(args):
    from besliswijzer.advice.engine import advise
    from besliswijzer.advice.summary import advice_text
    from besliswijzer.reference.catalogue import load_catalogue
    cat = load_catalogue()
    payload = advise(_read_profile(args.profiel), cat=cat)
    if args.tekst:
        print(advice_text(payload, cat=cat), end="")
    else:
        _print_json(payload)


def cmd_plan(args):
    from besliswijzer.plan.content import build_plan
    plan = build_plan(_read_profile(args.profiel))
    if args.docx:
        from besliswijzer.plan.docx import docx_bytes
        out, data = args.docx, docx_bytes(plan, args.sjabloon)
    else:
        from besliswijzer.plan.odt import odt_bytes
        out, data = args.odt, odt_bytes(plan, args.sjabloon)
    try:
        Path(out).write_bytes(data)
    except OSError as exc:
        why = ("de map bestaat niet" if isinstance(exc, FileNotFoundError) else
               "geen toegang" if isinstance(exc, PermissionError) else exc.__class__.__name__)
        raise BesliswijzerError(f"Het bestand '{out}' kan ik niet schrijven ({why}).") from None
    print(f"Participatieplan geschreven: {out}")


def _provenance_line(item, cat) -> str:
    """"kosten hoog (bron: ...); duur 26 weken (uit 5 casussen); ..." for one method or tool."""
    from besliswijzer.reference.provenance import describe
    from besliswijzer.text.dutch import lijst, weken
    suits = lijst(cat.label("doelgroep", g).lower() for g in item.suits) or "geen groep genoemd"
    values = {"kosten": f"kosten {item.cost}", "duur_weken": f"duur {weken(item.duration_weeks)}",
              "bereik": f"bereik {item.reach}", "geschikt_voor": f"extra geschikt voor {suits}"}
    return "; ".join(f"{values[field]} ({describe(origin)})" for field, origin in item.provenance)


def cmd_catalogus(args):
    from besliswijzer.reference.catalogue import load_catalogue
    from besliswijzer.reference.provenance import share_backed
    cat = load_catalogue()
    if args.json:
        _print_json(cat.as_json())
        return
    for title, items in (("Methodes", cat.methods), ("Tools", cat.tools), ("Begrippen", cat.concepts)):
        print(f"{title} ({len(items)}):")
        for item in items.values():
            extra = f"  [{item.channel}, kosten {item.cost}, bereik {item.reach}]" if hasattr(item, "channel") else ""
            print(f"  {item.id:32} {item.name}{extra}")
            if hasattr(item, "provenance"):
                print(f"  {'':32} Herkomst: {_provenance_line(item, cat)}")
        print()
    backed, total = share_backed([*cat.methods.values(), *cat.tools.values()])
    print(f"Herkomst: {backed} van de {total} waarden (kosten, duur, bereik, doelgroepen) komen uit een bron "
          f"of uit casussen ({round(100 * backed / total)}%); de andere zijn een schatting.")


def cmd_kennis(args):
    """kennis controleer: every source of catalogue, knowledge and cases; non-zero on a finding."""
    from besliswijzer.maintainers.sources import check_sources
    findings, citations, addresses = check_sources(args.gegevens)
    if findings:
        print(f"De controle vond {len(findings)} {'probleem' if len(findings) == 1 else 'problemen'} "
              f"in de bronnen ({citations} verwijzingen, {addresses} adressen):")
        for finding in findings:
            print(f"- {finding}")
        print("Los ze op in besliswijzer/data (zie docs/kennisbank.md, 'Bronnen controleren').")
        return 1
    print(f"De bronnen zijn in orde: {citations} verwijzingen naar {addresses} adressen gecontroleerd.")
    return 0


def cmd_vergelijk(args):
    from besliswijzer.advice.explain import compare
    profile = _read_profile(args.profiel) if args.profiel else None
    _print_json(compare(args.ids, profile))


def cmd_uitleg(args):
    from besliswijzer.advice.explain import explain
    _print_json(explain(args.id))


def cmd_db_init(args):
    from besliswijzer.storage.db import database_url, init_db
    init_db()
    url = database_url()
    shown = url.split("@")[-1] if "@" in url else url         # never print a password
    print(f"Database klaar: {shown}")


def _propose(args):
    """casus import --voorstel: the review file of what the free text may mean; nothing is imported."""
    from besliswijzer.cases import store as cases
    target, count, warnings = cases.propose_for(args.bestand, None if args.voorstel is True else args.voorstel)
    if count:
        print(f"{count} voorstel{'len' if count != 1 else ''} geschreven naar {target}. Zet 'akkoord: ja' bij elk "
              f"voorstel dat klopt en lees dan in met: {PROG} casus import {args.bestand} --akkoord {target}")
    else:
        print(f"Geen voorstellen: alle tekst is gekoppeld of noemt niets wat op een id lijkt ({target} is leeg).")
    print(f"Er is nog niets ingelezen ({len(warnings)} waarschuwingen; lees in zonder --voorstel om ze te zien).")


def cmd_casus(args):
    from besliswijzer.cases import store as cases
    from besliswijzer.cases.texts import case_detail, outcome_note, source_line
    from besliswijzer.storage.db import session_scope
    if args.casus_cmd == "import" and args.voorstel:
        _propose(args)
        return
    with session_scope() as session:
        if args.casus_cmd == "import":
            accepted = []
            if args.akkoord:
                from besliswijzer.cases.proposals import read_accepted
                from besliswijzer.reference.catalogue import load_catalogue
                accepted = read_accepted(args.akkoord, load_catalogue())
            report = cases.import_cases(session, args.bestand, bijwerken=args.bijwerken, gedeeld=not args.niet_delen,
                                        accepted=accepted)
            print("\n".join(report.lines()))
            if args.niet_delen and (report.nieuw or report.bijgewerkt):
                print("Deze casussen staan niet in de open casusfeed; deel ze later met: casus deel ID")
        elif args.casus_cmd == "volg":
            from besliswijzer.cases.follow import Limits, follow
            limits = Limits(page_bytes=args.max_mb * 1024 * 1024, total_bytes=args.max_mb * 10 * 1024 * 1024)
            print("\n".join(follow(session, args.url, limits).lines()))
        elif args.casus_cmd == "deel":
            changed = cases.share_case(session, args.id, gedeeld=not args.intrekken)
            state = "staat niet meer" if args.intrekken else "staat nu"
            print(f"Casus {args.id} {state} in de open casusfeed." if changed else
                  f"Casus {args.id} {'stond al niet' if args.intrekken else 'stond al'} in de open casusfeed.")
        elif args.casus_cmd == "gevolgd":
            from besliswijzer.cases.feed import iso
            from besliswijzer.storage.models import FollowedFeed
            from sqlalchemy import select
            feeds = session.execute(select(FollowedFeed).order_by(FollowedFeed.url)).scalars().all()
            if not feeds:
                print("U volgt nog geen andere installatie. Begin met: casus volg URL")
            for feed in feeds:
                read = iso(feed.gewijzigd_tot) if feed.gewijzigd_tot else "nog niets"
                print(f"{feed.url}  (laatst gehaald {iso(feed.laatst_gehaald)}, gelezen tot {read})")
        elif args.casus_cmd == "verwijder":
            cases.delete_case(session, args.id)
            print(f"Casus {args.id} is verwijderd.")
        elif args.casus_cmd == "toon":
            case = cases.get_case(session, args.id)
            if args.json:
                _print_json(cases.cases_payload([case]))
            else:
                print(case_detail(cases.case_facts(session, args.id)))   # with what happened, for own evaluations
        elif args.casus_cmd == "export":
            text = cases.export_cases(session, args.formaat)
            if args.uitvoer:
                Path(args.uitvoer).write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
        else:
            found = cases.search_cases(session, thema=getattr(args, "thema", None),
                                       schaal=getattr(args, "schaal", None),
                                       doelgroep=getattr(args, "doelgroep", None),
                                       methode=getattr(args, "methode", None), tool=getattr(args, "tool", None),
                                       gemeente=getattr(args, "gemeente", None), regio=getattr(args, "regio", None),
                                       tekst=getattr(args, "tekst", None),
                                       limit=args.limiet)
            if args.json:
                _print_json(cases.cases_payload(found))
            elif not found:
                print("Geen casussen gevonden.")
            for case in ([] if args.json else found):
                mark = " (voorbeeld)" if case["voorbeeld"] else ""
                note = f" ({outcome_note(case)})" if outcome_note(case) and not case["voorbeeld"] else ""
                print(f"{case['id']:36} {case['titel']} - {case['gemeente']}{mark}{note}")
                print(f"{'':36} {source_line(case, limit=0)}")


def cmd_nlu_inbox(args):
    from besliswijzer.maintainers import inbox
    from besliswijzer.storage.db import session_scope
    action = getattr(args, "inbox_cmd", None)
    if action == "label":
        # Labelling writes Rasa's training data, which the core does not touch: it is a project tool now.
        command = shlex.join(["python", "-m", "scripts.nlu", "label", args.id, args.intentie,
                              *(part for spec in args.entiteit for part in ("--entiteit", spec)),
                              *(["--toets"] if args.toets else [])])
        print(f"Labelen doet u nu vanuit de projectmap met:\n  {command}\n"
              "Zie docs/onderhoud-nlu.md.", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    with session_scope() as session:
        if action == "negeer":
            _ignore(session, args)
            return
        groups = inbox.grouped(session)
    shown = [g for g in groups if g.soort == args.soort] if args.soort else groups
    if args.json:
        _print_json([g.as_json() for g in shown[:args.limit or None]])
        return
    if not args.soort:                              # junk only when asked for
        shown = [g for g in shown if g.soort != inbox.JUNK]
    junk = [g for g in groups if g.soort == inbox.JUNK]
    if not groups:
        print("De inbox is leeg: er zijn geen berichten die de bot niet begreep.")
        return
    total = len(shown)
    shown = shown[:(DEFAULT_INBOX_LIMIT if args.limit is None else args.limit) or None]
    for rank, group in enumerate(shown, 1):
        _print_group(rank, group)
    if total > len(shown):
        print(f"... en nog {total - len(shown)} groepen. Meer zien: --limit {min(total, len(shown) + 20)} "
              "(0 = alles).")
    if junk and not args.soort:
        berichten = sum(len(g.items) for g in junk)
        print(f"Niet getoond: {len(junk)} groepen rommel ({berichten} berichten: opmaak, codes, onzin). "
              f"Bekijken: --soort rommel. Alles weg: {PROG} nlu inbox negeer --rommel")
    elif not shown:
        print("Geen berichten van deze soort.")
    if shown:
        print(f"Labelen: python -m scripts.nlu label ID INTENTIE. Weg ermee: {PROG} nlu inbox negeer ID ... "
              "of --groep ID (zie docs/onderhoud-nlu.md).")


DEFAULT_INBOX_LIMIT = 20
SOORT_NAMES = {"niet_begrepen": "niet begrepen", "feedback": "feedback", "rommel": "rommel"}
REASON_NAMES = {"fallback": "niet begrepen", "onzeker": "twijfel", "buiten_bereik": "buiten het onderwerp",
                "correctie": "'dat bedoel ik niet'", "herformulering": "anders gevraagd",
                "feedback": "knop 'beantwoordt mijn vraag niet'"}


def _short(text, limit=90):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _print_group(rank, group):
    first = group.items[0]
    print(f"{rank:>3}. {len(group.items)}x  {SOORT_NAMES[group.soort]:<13} laatst {group.latest}  "
          f"\"{_short(first['tekst'])}\"")
    reasons = sorted({REASON_NAMES.get(i["reden"], i["reden"]) for i in group.items})
    sure = "" if first["zekerheid"] is None else f" ({getal(first['zekerheid'], 2)})"
    print(f"     waarom: {', '.join(reasons)}; begrepen als: {first['intentie'] or '-'}{sure}")
    if first["antwoord"]:
        print(f"     antwoord van de bot: \"{_short(first['antwoord'], 80)}\"")
    variants = [i["tekst"] for i in group.items if i["tekst"] != first["tekst"]]
    if variants:
        print(f"     ook: \"{_short(variants[0], 70)}\"" + (f" en {len(set(variants)) - 1} andere" if len(set(variants)) > 1 else ""))
    ids = [str(i["id"]) for i in group.items]
    more = f" (en {len(ids) - 8} meer)" if len(ids) > 8 else ""
    print(f"     berichten: {' '.join(ids[:8])}{more}")


def _ignore(session, args):
    from besliswijzer.maintainers import inbox
    ids = list(args.ids)
    if args.groep is not None:
        ids += inbox.group_ids(session, args.groep)
    if args.rommel:
        ids += inbox.junk_ids(session)
    if not ids:
        if args.rommel:
            print("Er is geen rommel in de inbox.")
            return
        raise BesliswijzerError("Noem een of meer berichtnummers, --groep ID of --rommel.")
    removed = inbox.take_out_many(session, ids)
    print(f"Bericht {ids[0]} is uit de inbox verwijderd." if removed == 1
          else f"{removed} berichten zijn uit de inbox verwijderd.")


def _actions(parser, dest: str, prog: str, required: bool = True):
    """The actions under a command ("casus import", "nlu inbox negeer"): one way to make them."""
    actions = parser.add_subparsers(dest=dest, metavar="ACTIE", parser_class=Parser, title="acties", prog=prog)
    actions.required = required
    return actions


def build_parser():
    parser = Parser(prog=PROG,
                    description="Besliswijzer: kies een passende aanpak voor participatie.")
    sub = parser.add_subparsers(dest="cmd", metavar="OPDRACHT", parser_class=Parser, title="opdrachten",
                                prog=PROG)
    sub.required = True

    p = sub.add_parser("advies", help="advies voor een profiel (JSON)", description="Geeft het advies voor een profiel.")
    p.add_argument("--profiel", required=True, metavar="BESTAND",
                   help="JSON-bestand met het profiel, of - voor standaardinvoer")
    p.add_argument("--tekst", action="store_true", help="leesbare tekst in plaats van JSON")
    p.set_defaults(func=cmd_advies)

    p = sub.add_parser("plan", help="het participatieplan voor een profiel als Word- of LibreOffice-bestand",
                       description="Schrijft het participatieplan voor een profiel als bewerkbaar document. "
                                   "Het sjabloon bepaalt de opmaak (zie docs/plan.md).")
    p.add_argument("--profiel", required=True, metavar="BESTAND",
                   help="JSON-bestand met het profiel, of - voor standaardinvoer")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--docx", metavar="UIT", help="schrijf een Word-bestand (.docx)")
    where.add_argument("--odt", metavar="UIT", help="schrijf een LibreOffice-bestand (.odt)")
    p.add_argument("--sjabloon", metavar="BESTAND",
                   help="eigen sjabloon (anders PLAN_DOCX_SJABLOON / PLAN_ODT_SJABLOON, of het meegeleverde)")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("catalogus", help="alle methodes, tools en begrippen", description="Toont de catalogus.")
    p.add_argument("--json", action="store_true", help="als JSON met alle kenmerken")
    p.set_defaults(func=cmd_catalogus)

    p = sub.add_parser("vergelijk", help="methodes of tools vergelijken", description="Vergelijkt methodes of tools.")
    p.add_argument("ids", nargs="+", metavar="ID", help="twee of meer ids, bijvoorbeeld enquete straatgesprek")
    p.add_argument("--profiel", metavar="BESTAND", help="JSON-bestand met een profiel (optioneel)")
    p.set_defaults(func=cmd_vergelijk)

    p = sub.add_parser("uitleg", help="uitleg over een methode, tool of begrip", description="Legt een id uit.")
    p.add_argument("id", metavar="ID", help="bijvoorbeeld burgerberaad of participatieladder")
    p.set_defaults(func=cmd_uitleg)

    p = sub.add_parser("casus", help="casussen importeren, exporteren, tonen en zoeken",
                       description="Werken met de casusdatabase.")
    csub = _actions(p, "casus_cmd", f"{PROG} casus")
    c = csub.add_parser("import", help="casussen inlezen uit YAML of CSV (alles of niets)",
                        description="Leest casussen in: het eigen exportformaat of het formaat van living-labbevindingen "
                                    "(vrije tekst). Bij één fout wordt niets opgeslagen. Een casus die al bestaat, "
                                    "wordt alleen vervangen met --bijwerken.")
    c.add_argument("bestand", metavar="BESTAND", help="een .yml-, .yaml- of .csv-bestand")
    c.add_argument("--bijwerken", action="store_true", help="bestaande casussen met hetzelfde id vervangen")
    c.add_argument("--niet-delen", action="store_true",
                   help="niet publiceren in de open casusfeed (later wel met: casus deel ID)")
    c.add_argument("--voorstel", nargs="?", const=True, metavar="UIT",
                   help="niets inlezen, maar voorstellen schrijven voor tekst die een id kan bedoelen "
                        "(naar UIT, standaard BESTAND.voorstel.yml naast het bestand)")
    c.add_argument("--akkoord", metavar="VOORSTELBESTAND",
                   help="inlezen met de voorstellen waar in dit bestand 'akkoord: ja' bij staat")
    c = csub.add_parser("volg", help="de casusfeed van een andere installatie volgen (alleen wat veranderde)",
                        description="Haalt op wat er in de casusfeed van een andere installatie veranderde sinds de "
                                    "vorige keer, en zet het in deze casusbasis: nieuwe en gewijzigde casussen, "
                                    "verwijderde weg. Een eigen casus wordt nooit overschreven. Bij een fout "
                                    "verandert er niets. Zie docs/casusfeed.md.")
    c.add_argument("url", metavar="URL", help="het adres van de feed, zoals https://besliswijzer.gemeente.nl/api/casussen")
    c.add_argument("--max-mb", type=int, default=5, metavar="N",
                   help="hoogstens N MB per pagina en 10 x N MB in totaal (standaard 5)")
    c = csub.add_parser("deel", help="een eigen casus publiceren in de open casusfeed (of met --intrekken niet meer)",
                        description="Zet een eigen casus in de open casusfeed, bijvoorbeeld een beoordeling die in de "
                                    "chat is opgeslagen. Lees hem eerst na met casus toon ID: alles wat erin staat, "
                                    "wordt openbaar.")
    c.add_argument("id", metavar="ID", help="het id van de casus")
    c.add_argument("--intrekken", action="store_true", help="niet meer delen; volgers halen hem weg")
    csub.add_parser("gevolgd", help="de installaties die u volgt", description="Toont de feeds die u volgt.")
    c = csub.add_parser("verwijder", help="een casus verwijderen", description="Verwijdert een casus met zijn beoordelingen.")
    c.add_argument("id", metavar="ID", help="het id van de casus (zie casus lijst)")
    c = csub.add_parser("toon", help="een casus tonen, met uitkomst en bronnen", description="Toont een casus.")
    c.add_argument("id", metavar="ID", help="het id van de casus (zie casus lijst)")
    c.add_argument("--json", action="store_true", help="als JSON (casussen-payload)")
    c = csub.add_parser("export", help="alle casussen wegschrijven", description="Schrijft alle casussen weg.")
    c.add_argument("--formaat", choices=("yaml", "csv"), default="yaml", help="yaml (standaard) of csv")
    c.add_argument("--uitvoer", metavar="BESTAND", help="naar dit bestand in plaats van het scherm")
    for name, text in (("lijst", "casussen tonen"), ("zoek", "casussen zoeken met filters")):
        c = csub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        if name == "zoek":
            for option in ("thema", "schaal", "doelgroep", "methode", "tool", "gemeente"):
                c.add_argument(f"--{option}", metavar=option.upper(), help=f"filter op {option}")
            c.add_argument("--regio", metavar="REGIO", help="provincie of regio, zoals Overijssel of Twente")
            c.add_argument("--tekst", metavar="WOORDEN", help="zoeken in titel, gemeente en beschrijving")
        c.add_argument("--limiet", type=int, default=20 if name == "zoek" else 0, metavar="N",
                       help="hoogstens N casussen (0 = alle)")
        c.add_argument("--json", action="store_true", help="als JSON (casussen-payload)")
    p.set_defaults(func=cmd_casus)

    p = sub.add_parser("kennis", help="de kennis onderhouden: de bronnen controleren",
                       description="De kennis van de besliswijzer onderhouden (zie docs/kennisbank.md).")
    ksub = _actions(p, "kennis_cmd", f"{PROG} kennis")
    k = ksub.add_parser("controleer", help="alle bronnen van catalogus, kennis en casussen controleren",
                    description="Controleert elke bron: geen afbeelding of bestand, geen testserver, één titel per "
                                "adres, geen kopie die zich voor het origineel uitgeeft, geen ongebruikte bron, en "
                                "herkomst uit casussen die klopt met de casussen. Stopt met een foutcode bij een "
                                "probleem.")
    k.add_argument("--gegevens", metavar="MAP", help="een andere map met gegevensbestanden, bijvoorbeeld een concept "
                                                     "(standaard besliswijzer/data)")
    p.set_defaults(func=cmd_kennis)

    p = sub.add_parser("nlu", help="taalbegrip onderhouden: de inbox van niet begrepen berichten",
                       description="Het taalbegrip onderhouden (zie docs/onderhoud-nlu.md).")
    nsub = _actions(p, "nlu_cmd", f"{PROG} nlu")
    n = nsub.add_parser("inbox", help="berichten die de bot niet begreep: tonen en negeren",
                        description="Toont de inbox: gelijke en bijna gelijke berichten samen, wat vaak en "
                                    "kort geleden binnenkwam eerst. Rommel (opmaak, codes, onzin) staat "
                                    "apart en wordt zonder --soort rommel niet getoond.")
    n.add_argument("--limit", type=int, metavar="N",
                   help="hoogstens N groepen (standaard 20 op het scherm, alle in JSON; 0 = alle)")
    n.add_argument("--soort", choices=("niet_begrepen", "feedback", "rommel"),
                   help="alleen deze soort: niet_begrepen, feedback of rommel")
    n.add_argument("--json", action="store_true", help="als JSON (voor andere programma's), rommel achteraan")
    isub = _actions(n, "inbox_cmd", f"{PROG} nlu inbox", required=False)
    i = isub.add_parser("label", help="verhuisd: python -m scripts.nlu label ID INTENTIE",
                        description="Labelen staat niet meer in de kern; gebruik python -m scripts.nlu label.")
    # The old arguments are still read, in any order, so the message can give the whole new command.
    i.add_argument("id", metavar="ID")
    i.add_argument("intentie", metavar="INTENTIE")
    i.add_argument("--entiteit", action="append", default=[], help=argparse.SUPPRESS)
    i.add_argument("--toets", action="store_true", help=argparse.SUPPRESS)
    i = isub.add_parser("negeer", help="berichten uit de inbox verwijderen: losse nummers, een groep of alle rommel",
                        description="Verwijdert berichten. Bestaat één nummer niet, dan wordt niets verwijderd.")
    i.add_argument("ids", type=int, nargs="*", metavar="ID", help="de nummers uit de inbox")
    i.add_argument("--groep", type=int, metavar="ID", help="de hele groep waar bericht ID in zit")
    i.add_argument("--rommel", action="store_true", help="alle berichten die als rommel gemarkeerd zijn")
    n.set_defaults(func=cmd_nlu_inbox)

    p = sub.add_parser("db", help="database beheren", description="Database beheren.")
    dsub = _actions(p, "db_cmd", f"{PROG} db")
    dsub.add_parser("init", help="tabellen maken of bijwerken en voorbeeldgegevens laden",
                    description="Maakt de database of werkt hem bij, en laadt catalogus en voorbeeldcasussen.")
    p.set_defaults(func=cmd_db_init)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.func(args)
    except BesliswijzerError as exc:
        print(f"Fout: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:                       # a bug: say so briefly, trace only on request
        if os.environ.get("BESLISWIJZER_DEBUG"):
            raise
        print(f"Fout: er ging iets onverwachts mis ({exc.__class__.__name__}). "
              "Zet BESLISWIJZER_DEBUG=1 voor details.", file=sys.stderr)
        return 1
    return code or 0
