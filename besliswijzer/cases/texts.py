"""How a case's evidence reads in plain text: its sources, its licence and whether its outcome is known.

One place for the chat, the command line and the plan, so they all say the same. A case is a
`casussen` payload item (cases.case_dict): `bronnen` is a list of {url, titel}, `uitkomst_bekend`
is ja / deels / nee (missing for cases from before the sources were recorded), `licentie` is the URL of
the licence of its facts (cases/licence.py).
"""
from urllib.parse import urlparse

from besliswijzer.cases.licence import attribution, default_licence, licence_name, licence_of, terms

NOT_KNOWN = "uitkomst niet bekend"
PARTLY_KNOWN = "uitkomst deels bekend"
NO_SOURCE = "geen bron vermeld"
EXAMPLE = "verzonnen voorbeeld, geen echte bron"


def is_link(url) -> bool:
    """Only http(s) addresses become links (never javascript: or a local path)."""
    try:
        parsed = urlparse(str(url or "").strip())
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def sources(case: dict) -> list:
    """The case's sources as [{"url", "titel"}], links only; a source without title shows its address."""
    found = []
    for item in case.get("bronnen") or []:
        if isinstance(item, dict) and is_link(item.get("url")):
            url = item["url"].strip()
            found.append({"url": url, "titel": " ".join(str(item.get("titel") or "").split()) or url})
    return found


def outcome_known(case: dict) -> str:
    """ja, deels or nee. Without the field: ja when the case states a result, else nee."""
    known = case.get("uitkomst_bekend")
    if known in ("ja", "deels", "nee"):
        return known
    return "ja" if (case.get("resultaat") or case.get("uitkomst")) else "nee"


def outcome_note(case: dict) -> str:
    """"uitkomst niet bekend" / "uitkomst deels bekend", or "" when the outcome is known."""
    return {"nee": NOT_KNOWN, "deels": PARTLY_KNOWN}.get(outcome_known(case), "")


def outcome_label(case: dict) -> str:
    """The same note standing on its own ("Uitkomst niet bekend"), as a card or a line shows it; "" if known."""
    note = outcome_note(case)
    return note[:1].upper() + note[1:]


def outcome_text(case: dict) -> str:
    """What came out of it, in one line; says so when that is not known."""
    results = [str(r) for r in (case.get("uitkomst") or []) if r] or \
        ([case["resultaat"]] if case.get("resultaat") else [])
    known = outcome_known(case)
    if known == "nee" or not results:
        return NOT_KNOWN[0].upper() + NOT_KNOWN[1:] + "."
    text = "; ".join(r.rstrip(".") for r in results) + "."
    return f"{text} ({PARTLY_KNOWN})" if known == "deels" else text


def origin_name(url) -> str:
    """The installation a followed case came from, by its host name ("casussen.enschede.nl")."""
    try:
        return urlparse(str(url)).hostname or str(url)
    except ValueError:
        return str(url)


def origin_note(case: dict) -> str:
    """"Uit de casusbasis van HOST." for a case followed from another installation, else ""."""
    return f"Uit de casusbasis van {origin_name(case['herkomst'])}." if case.get("herkomst") else ""


def _licence(case: dict):
    """The URL of a case's licence when it is not this installation's own, else None."""
    url = case.get("licentie") or licence_of(case)
    return None if not url or url == default_licence() else url


def licence_note(case: dict, credit: str = None) -> str:
    """What follows a licence's name: "gegevens van Participedia (participedia.net); alleen niet-commercieel
    hergebruik, met naamsvermelding en onder dezelfde licentie"; "" for this installation's own licence.
    `credit`: whom to credit when the case dict lacks the sources that say so."""
    url = _licence(case)
    if not url:
        return ""
    credit = credit or attribution(case)
    parts = [f"gegevens van {credit}" if credit else "", terms(url) or ""]
    return "; ".join(p for p in parts if p)


def licence_text(case: dict) -> str:
    """"CC BY-NC-SA 3.0 (url), gegevens van Participedia (participedia.net); alleen ..." for a case whose
    licence is not this installation's own; "" otherwise."""
    url = _licence(case)
    if not url:
        return ""
    name = licence_name(url)
    note = case.get("licentie_tekst") or licence_note(case)
    return (f"{name} ({url})" if name != url else url) + (f", {note}" if note else "")


def licence_line(case: dict) -> str:
    """"Licentie: CC BY-NC-SA 3.0 (url), gegevens van ... ." (its own line in `casus toon`), or ""."""
    text = licence_text(case)
    return f"Licentie: {text}." if text else ""


def licence_fields(case: dict, credit: str = None) -> dict:
    """The payload's licentie_naam and licentie_tekst of a case (its licentie URL is already there)."""
    url = case.get("licentie") or licence_of(case)
    return {"licentie_naam": licence_name(url), "licentie_tekst": licence_note(case, credit)}


def source_line(case: dict, limit: int = 1) -> str:
    """"Bron: titel (url)" for the first `limit` sources, "en nog N" for the rest (0 = all); where a
    followed case came from."""
    if case.get("voorbeeld"):
        return f"Bron: {EXAMPLE}."
    found = sources(case)
    origin = f" {origin_note(case)}" if case.get("herkomst") else ""
    if not found and own_source(case):
        return f"Bron: {own_source(case)}.{origin}"
    if not found:
        return f"Bron: {NO_SOURCE}.{origin}"
    shown = found if not limit else found[:limit]
    text = "; ".join(f"{s['titel']} ({s['url']})" if s["titel"] != s["url"] else s["url"] for s in shown)
    rest = len(found) - len(shown)
    more = f" en nog {rest} andere bron{'nen' if rest > 1 else ''}" if rest else ""
    licence = f" {licence_line(case)}" if licence_line(case) else ""
    return f"Bron{'nen' if len(shown) > 1 else ''}: {text}{more}.{origin}{licence}"


def own_source(case: dict) -> str:
    """An own evaluation's source in words ("eigen evaluatie, Deventer, 7 december 2026"); "" for other cases."""
    return " ".join(str(case.get("bron") or "").split()) if case.get("eigen_evaluatie") else ""


def case_detail(case: dict) -> str:
    """One case in full for the command line (casus toon): facts, outcome and sources as the sources give them."""
    when = case.get("periode") or case.get("jaar")
    lines = [f"{case['titel']} ({case['gemeente']}" + (f", {when})" if when else ")"), f"id: {case['id']}"]
    if case["voorbeeld"]:
        lines.append("Let op: verzonnen voorbeeld, geen echt resultaat.")
    own = case["eigen_evaluatie"]
    if own:
        lines.append("Eigen evaluatie, opgeslagen met de besliswijzer: de uitkomst is het oordeel van het team zelf.")
    if case.get("herkomst"):
        lines.append(f"{origin_note(case)} Gevolgd via {case['herkomst']}")
    original = case["origineel"]
    for label, key, ids in (("Thema", "thema", [case["thema"]] if case["thema"] else []),
                            ("Doelgroepen", "doelgroepen", case["doelgroepen"]),
                            ("Methodes", "methoden", case["methodes"]), ("Tools", "digitale_tools", case["tools"])):
        text = original.get(key)
        text = "; ".join(text) if isinstance(text, list) else text
        if text or ids:
            lines.append(f"{label}: {text or ', '.join(ids)}" + (f"  [{', '.join(ids)}]" if text and ids else ""))
    if original.get("aanpak"):
        lines.append(f"Aanpak in eigen woorden: {original['aanpak']}")
    if case.get("wat_gebeurde"):
        lines.append(f"Wat er gebeurde: {case['wat_gebeurde']}")
    for label, key in (("Deelnemers", "aantal_deelnemers"), ("Duur", "duur"), ("Kosten", "kosten"),
                       ("Budget verdeeld door inwoners", "budget_te_verdelen")):
        if case[key]:
            lines.append(f"{label}: {case[key]}")
    known = {"ja": "bekend", "deels": "deels bekend", "nee": "niet bekend"}[outcome_known(case)]
    lines.append(f"Uitkomst ({known}):")
    lines.extend(f"  - {item}" for item in case["uitkomst"] or ([case["resultaat"]] if case["resultaat"] else []))
    says = "volgens het team" if own else "volgens de bron"
    for label, key in ((f"Wat werkte ({says})", "wat_werkte"), (f"Wat beter kan ({says})" if own else
                                                                 f"Wat niet werkte ({says})", "wat_niet")):
        if case[key]:
            lines.append(f"{label}:")
            lines.extend(f"  - {item}" for item in case[key])
    if case["opmerking"]:
        lines.append(f"Opmerking: {case['opmerking']}")
    if licence_line(case):
        lines.append(licence_line(case))
    lines.append("Bronnen:")
    if not case["bronnen"] and own_source(case):
        lines.append(f"  - {own_source(case)}")
    lines.extend(f"  - {b.get('titel') or b.get('url')}" + (f" <{b['url']}>" if b.get("url") else "")
                 + (f" ({b['pad']})" if b.get("pad") else "") for b in case["bronnen"])
    return "\n".join(lines)
