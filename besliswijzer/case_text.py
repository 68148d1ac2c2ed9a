"""How a case's evidence reads in plain text: its sources and whether its outcome is known.

One place for the chat, the command line and the plan, so they all say the same. A case is a
`casussen` payload item (cases.case_dict): `bronnen` is a list of {url, titel}, `uitkomst_bekend`
is ja / deels / nee (missing for cases from before the sources were recorded).
"""
from urllib.parse import urlparse

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


def outcome_text(case: dict) -> str:
    """What came out of it, in one line; says so when that is not known."""
    results = [str(r) for r in (case.get("uitkomst") or []) if r] or \
        ([case["resultaat"]] if case.get("resultaat") else [])
    known = outcome_known(case)
    if known == "nee" or not results:
        return NOT_KNOWN[0].upper() + NOT_KNOWN[1:] + "."
    text = "; ".join(r.rstrip(".") for r in results) + "."
    return f"{text} ({PARTLY_KNOWN})" if known == "deels" else text


def source_line(case: dict, limit: int = 1) -> str:
    """"Bron: titel (url)" for the first `limit` sources, "en nog N" for the rest (0 = all)."""
    if case.get("voorbeeld"):
        return f"Bron: {EXAMPLE}."
    found = sources(case)
    if not found:
        return f"Bron: {NO_SOURCE}."
    shown = found if not limit else found[:limit]
    text = "; ".join(f"{s['titel']} ({s['url']})" if s["titel"] != s["url"] else s["url"] for s in shown)
    rest = len(found) - len(shown)
    more = f" en nog {rest} andere bron{'nen' if rest > 1 else ''}" if rest else ""
    return f"Bron{'nen' if len(shown) > 1 else ''}: {text}{more}."
