"""A readable Dutch (B1) summary of an advies payload, for the command line and the chat text."""
from .catalogue import load_catalogue
from .scoring import weeks


def advice_text(payload) -> str:
    cat = load_catalogue()
    profile = payload.get("profiel", {})
    groups = ", ".join(cat.label("doelgroep", g).lower() for g in profile.get("doelgroep", []))
    lines = [f"Advies voor: {groups}." if groups else "Advies."]
    niveau = payload.get("niveau")
    if niveau:
        lines.append(f"Trede: {cat.label('niveau', niveau)}. {payload.get('niveau_toelichting', '')}".strip())
    lines.append("")
    for i, combo in enumerate(payload.get("combinaties", []), 1):
        name = cat.label("methode", combo["methode"])
        if combo.get("tool"):
            name += f" met {cat.label('tool', combo['tool'])}"
        lines.append(f"{i}. {name} ({combo['kanaal']}, kosten {combo['kosten']}, "
                     f"ongeveer {weeks(combo['duur_weken'])}, score {combo['score']:.2f})")
        lines.append(f"   {combo['waarom']}")
    if payload.get("waarschuwingen"):
        lines += ["", "Let op:"] + [f"- {w}" for w in payload["waarschuwingen"]]
    if payload.get("casussen"):
        lines += ["", "Vergelijkbare casussen:"]
        for case in payload["casussen"]:
            mark = " (voorbeeld)" if case.get("voorbeeld") else ""
            lines.append(f"- {case['titel']}, {case['gemeente']}{mark}")
    return "\n".join(lines).strip() + "\n"
