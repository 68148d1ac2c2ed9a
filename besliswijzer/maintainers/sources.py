"""The maintainers' check of every source the besliswijzer cites (`python -m besliswijzer kennis controleer`).

It reads the sources of the catalogue (methodes.yml, tools.yml: `bronnen` and `herkomst`), the knowledge
(kennis.yml), the cases (casussen.yml) and the regions (regio.yml) and reports, in Dutch:
- an image or file path instead of a page (".../play-button.svg", file://...); a PDF document is a page;
- a test, acceptance or staging host (npbo.ngtest.nl, acc.frankwatching.com, test., staging., dev-);
- one address cited under two different titles (a reader cannot tell which page it is);
- a copy labelled as the original (a Wikipedia mirror called "Wikipedia"), or a known mirror host;
- a source in a separate source list that nothing uses (regio.yml `bronnen`), or a name nothing lists;
- provenance from cases that the shipped cases do not give (maintainers/case_figures.py).
The check reads files only; it does not visit the pages (read a replacement before citing it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from besliswijzer.reference.datafiles import DATA_DIR, read_yaml

__all__ = ["Source", "collect_sources", "check_sources", "link_findings"]

ASSET_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".tif", ".tiff",
                  ".css", ".js", ".woff", ".woff2", ".mp3", ".mp4")
# Host names of servers that are not the public site: a test, acceptance, staging or development copy.
TEST_LABEL = re.compile(r"^(?:test|tst|acc|acceptatie|staging|stage|dev|develop|ontwikkel|preview)$"
                        r"|^(?:test|acc|staging|dev)-|^\w*test$|-(?:test|acc|staging|dev)$")
# An original that is often mirrored: a title naming it must point at its own host.
# (A copy of Participedia's data in a repository is cited with repository and path, so it says what it is.)
ORIGINALS = {"wikipedia": "wikipedia.org"}
MIRROR_HOSTS = ("wikiup.org", "wikiwand.com", "wiki2.org", "wikizero.com", "zxc.wiki", "wikibrief.org",
                "dbpedia.org", "frwiki.wiki", "wiki5.ru", "wikimili.com")


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    where: str            # "methodes.yml, burgerberaad (bronnen)"
    path: str = ""        # a file in a public repository: its path (and row) there


def _sources(items, where):
    """Each cited source; a file in a public repository is cited by its repository's address and its path."""
    for item in items or []:
        if isinstance(item, dict) and (item.get("url") or item.get("titel")):
            url = str(item.get("url") or "").strip()
            if not url and item.get("repository"):
                url = f"https://github.com/{str(item['repository']).strip()}"
            yield Source(url, " ".join(str(item.get("titel") or "").split()), where,
                         " ".join(str(item.get("pad") or "").split()))


def collect_sources(data_dir=None) -> list:
    """Every (url, titel) the data files cite, with where it is cited."""
    found = []
    for fname, key in (("methodes.yml", "methodes"), ("tools.yml", "tools")):
        for item in (read_yaml(fname, data_dir) or {}).get(key) or []:
            ident = item.get("id")
            found += _sources(item.get("bronnen"), f"{fname}, {ident} (bronnen)")
            for field, origin in (item.get("herkomst") or {}).items():
                if isinstance(origin, dict) and origin.get("soort") == "bron":
                    found += _sources([origin], f"{fname}, {ident} (herkomst van {field})")
    topics = (read_yaml("kennis.yml", data_dir) or {}).get("onderwerpen") or {}
    for ident, topic in topics.items():
        found += _sources((topic or {}).get("bronnen"), f"kennis.yml, {ident}")
    cases = read_yaml("casussen.yml", data_dir) or []
    cases = cases.get("casussen", []) if isinstance(cases, dict) else cases
    for case in cases:
        found += _sources(case.get("bronnen"), f"casussen.yml, {case.get('id')}")
    regions = read_yaml("regio.yml", data_dir) or {}
    found += _sources(regions.get("bronnen"), "regio.yml (bronnen)")
    return found


def _key(url, path="") -> str:
    """The same page written twice: case of the host, a trailing slash and a fragment do not matter."""
    parts = urlsplit(url)
    key = f"{parts.scheme}://{parts.netloc.lower()}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")
    return f"{key} ({path})" if path else key


def link_findings(sources) -> list:
    """Dutch findings about the addresses and titles themselves."""
    findings, titles = [], {}
    for s in sources:
        parts = urlsplit(s.url)
        host = parts.netloc.lower().split("@")[-1].split(":")[0]
        if parts.scheme not in ("http", "https") or not host:
            findings.append(f"{s.where}: '{s.url}' is geen webpagina (verwacht http:// of https://)")
            continue
        if parts.path.lower().endswith(ASSET_SUFFIXES) or "/assets/" in parts.path.lower():
            findings.append(f"{s.where}: '{s.url}' is een afbeelding of bestand, geen pagina; "
                            "verwijs naar de pagina zelf")
        if any(TEST_LABEL.search(label) for label in host.split(".")[:-1]):
            findings.append(f"{s.where}: '{host}' is een test- of acceptatieserver, niet de openbare site")
        if any(host == m or host.endswith("." + m) for m in MIRROR_HOSTS):
            findings.append(f"{s.where}: '{host}' is een kopie van een andere site; verwijs naar het origineel")
        for name, own in ORIGINALS.items():
            if name in s.title.lower() and not (host == own or host.endswith("." + own)):
                findings.append(f"{s.where}: de titel noemt {name.capitalize()}, maar '{host}' is niet {own}")
        if s.title:
            titles.setdefault(_key(s.url, s.path), {}).setdefault(s.title, []).append(s.where)
    for url, named in titles.items():
        if len(named) > 1:
            shown = "; ".join(f"'{t}' ({', '.join(w[:2])}{' …' if len(w) > 2 else ''})" for t, w in named.items())
            findings.append(f"{url} staat er onder {len(named)} titels: {shown}. Kies één titel per adres")
    return findings


def _unused_findings(data_dir) -> list:
    """A separate source list: every entry used, every name listed (regio.yml)."""
    doc = read_yaml("regio.yml", data_dir) or {}
    listed = {" ".join(str(b.get("titel") or "").split()) for b in doc.get("bronnen") or [] if isinstance(b, dict)}
    used = {" ".join(str(r.get("bron") or "").split()) for r in (doc.get("regios") or {}).values() if isinstance(r, dict)}
    findings = [f"regio.yml: de bron '{t}' staat in 'bronnen', maar geen regio gebruikt hem" for t in sorted(listed - used)]
    findings += [f"regio.yml: een regio noemt de bron '{t}', maar die staat niet in 'bronnen'"
                 for t in sorted(used - listed) if t]
    return findings


def _provenance_findings(data_dir) -> list:
    """`soort: casussen` must name shipped cases and match what they give (maintainers/case_figures.py)."""
    from besliswijzer.cases.fileformat import parse_cases
    from besliswijzer.maintainers.case_figures import check_derived
    from besliswijzer.reference.catalogue import load_catalogue
    cat = load_catalogue(data_dir)
    text = (Path(data_dir or DATA_DIR) / "casussen.yml").read_text(encoding="utf-8")
    records, _, _ = parse_cases(text, "yaml", cat)
    known = {r["id"] for r in records}
    findings = []
    for item in [*cat.methods.values(), *cat.tools.values()]:
        for field, origin in item.provenance:
            missing = [c for c in origin.cases if c not in known]
            if missing:
                findings.append(f"{item.id}: de herkomst van '{field}' noemt onbekende casussen: {', '.join(missing)}")
    return findings + check_derived(cat, records)


def check_sources(data_dir=None) -> tuple:
    """(findings, number of citations checked, number of distinct addresses)."""
    sources = collect_sources(data_dir)
    findings = link_findings(sources) + _unused_findings(data_dir) + _provenance_findings(data_dir)
    return findings, len(sources), len({_key(s.url, s.path) for s in sources if s.url})
