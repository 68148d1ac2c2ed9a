"""A readable Dutch (B1) summary of an advies payload, for the command line and the chat text."""
from besliswijzer.cases.texts import outcome_note, source_line
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.text.dutch import lijst, weken


def _combination_name(cat, combo) -> str:
    name = cat.label("methode", combo["methode"])
    if combo.get("tool"):
        name += f" met {cat.label('tool', combo['tool'])}"
    return name


def advice_lead(payload, heading: str = "", cat=None) -> str:
    """The short chat text above the advice card: the card itself shows the details and reasons.

    `heading` replaces the first line, e.g. for more options after a first advice."""
    cat = cat or load_catalogue()
    groups = [cat.label("doelgroep", g).lower() for g in payload.get("profiel", {}).get("doelgroep", [])]
    who = lijst(groups)
    head = f"Dit is mijn advies voor {who}" if who else "Dit is mijn advies"
    niveau = payload.get("niveau")
    lines = [heading or (f"{head}, op de trede {cat.label('niveau', niveau).lower()}:" if niveau else f"{head}:")]
    lines += [f"{i}. {_combination_name(cat, c)}" for i, c in enumerate(payload.get("combinaties", []), 1)]
    if payload.get("waarschuwingen"):
        lines.append("Let op: lees ook de waarschuwing bij dit advies." if len(payload["waarschuwingen"]) == 1
                     else "Let op: lees ook de waarschuwingen bij dit advies.")
    lines.append("Vraag gerust 'waarom?', 'andere opties' of 'laat voorbeelden zien'.")
    return "\n".join(lines)


def advice_text(payload, cat=None) -> str:
    cat = cat or load_catalogue()
    profile = payload.get("profiel", {})
    groups = lijst(cat.label("doelgroep", g).lower() for g in profile.get("doelgroep", []))
    lines = [f"Advies voor: {groups}." if groups else "Advies."]
    niveau = payload.get("niveau")
    if niveau:
        lines.append(f"Trede: {cat.label('niveau', niveau)}. {payload.get('niveau_toelichting', '')}".strip())
    lines.append("")
    for i, combo in enumerate(payload.get("combinaties", []), 1):
        name = _combination_name(cat, combo)
        lines.append(f"{i}. {name} ({combo['kanaal']}, kosten {combo['kosten']}, "
                     f"ongeveer {weken(combo['duur_weken'])})")
        lines.append(f"   {combo['waarom']}")
    if payload.get("waarschuwingen"):
        lines += ["", "Let op:"] + [f"- {w}" for w in payload["waarschuwingen"]]
    if payload.get("casussen"):
        lines += ["", "Vergelijkbare casussen:"]
        for case in payload["casussen"]:
            mark = " (voorbeeld)" if case.get("voorbeeld") else " (eigen evaluatie)" if case.get("eigen_evaluatie") else ""
            known = outcome_note(case)
            lines.append(f"- {case['titel']}, {case['gemeente']}{mark}" + (f"; {known}" if known else ""))
            lines.append(f"  {source_line(case, limit=2)}")
    return "\n".join(lines).strip() + "\n"
