"""Sourced answers to open questions professionals ask (data/kennis.yml).

`find_topic(text)` says which topic a question is about, from the topic's keywords; `answer(id)`
gives the text, its sources and what to offer next. No framework, no I/O besides the data file.
"""
import re
from dataclasses import dataclass
from functools import lru_cache

from besliswijzer.reference.datafiles import Record, read_yaml
from besliswijzer.text.fold import fold
from besliswijzer.errors import DataFileError, UnknownIdError

FILE = "kennis.yml"
FOLLOW_UPS = ("advies", "evaluatie")      # besides other topics
_ANY_WORDS = r"(?:\s+\w+){1,4}"          # '*' on its own: one to four words


@dataclass(frozen=True)
class Topic:
    id: str
    titel: str
    antwoord: str
    bronnen: tuple            # ({"url", "titel"}, ...)
    vervolg: tuple            # topic ids, 'advies' or 'evaluatie'
    vragen: tuple             # questions that must reach this topic
    patterns: tuple           # (compiled regex, weight)
    bij_advies: bool = False  # also given as a tip when the question starts an advice


def keyword_pattern(keyword: str):
    """'koppel * terug' -> words in order with up to four words between; 'bereikbar*' -> prefix."""
    parts = []
    for word in fold(keyword).split():
        if word == "*":
            parts.append(_ANY_WORDS)
        elif word.endswith("*"):
            parts.append(r"\s+" + re.escape(word[:-1]) + r"\w*")
        else:
            parts.append(r"\s+" + re.escape(word) + r"\b")
    body = "".join(parts)
    body = body[3:] if body.startswith(r"\s+") else body
    return re.compile(r"\b" + body), len(fold(keyword).split())


def _topic(ident, data) -> Topic:
    rec = Record(FILE, f"onderwerp '{ident}'", data)
    sources = data.get("bronnen")
    if not isinstance(sources, list) or not sources:
        rec.fail("bronnen", "noem minstens één bron met url en titel")
    for source in sources:
        if not (isinstance(source, dict) and str(source.get("url", "")).startswith(("http://", "https://"))
                and isinstance(source.get("titel"), str) and source["titel"].strip()):
            rec.fail("bronnen", "elke bron heeft een url (http...) en een titel")
    keywords = data.get("trefwoorden")
    if not isinstance(keywords, list) or not keywords or not all(isinstance(k, str) and k.strip() for k in keywords):
        rec.fail("trefwoorden", "moet een lijst van woorden zijn")
    questions = data.get("vragen") or []
    if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
        rec.fail("vragen", "moet een lijst van vragen zijn")
    follow = data.get("vervolg") or []
    if not isinstance(follow, list):
        rec.fail("vervolg", "moet een lijst zijn")
    return Topic(ident, rec.str("titel"), rec.str("antwoord"),
                 tuple({"url": s["url"], "titel": s["titel"].strip()} for s in sources),
                 tuple(follow), tuple(questions), tuple(keyword_pattern(k) for k in keywords),
                 data.get("bij_advies") is True)


def build_topics(data_dir=None) -> dict:
    doc = read_yaml(FILE, data_dir)
    entries = (doc or {}).get("onderwerpen") if isinstance(doc, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise DataFileError(f"{FILE}: verwacht 'onderwerpen' met minstens één onderwerp")
    topics = {ident: _topic(ident, data) for ident, data in entries.items()}
    for topic in topics.values():
        for item in topic.vervolg:
            if item not in topics and item not in FOLLOW_UPS:
                raise DataFileError(f"{FILE}, onderwerp '{topic.id}', veld 'vervolg': '{item}' is geen onderwerp "
                                    f"en niet {' of '.join(FOLLOW_UPS)}")
    return topics


@lru_cache(maxsize=4)
def load_topics(data_dir=None) -> dict:
    return build_topics(data_dir)


def scores(text: str, data_dir=None) -> dict:
    """Topic id -> weight of its keywords found in the text (only topics with a hit)."""
    folded = " " + " ".join(re.findall(r"\w+", fold(text))) + " "
    found = {}
    for topic in load_topics(data_dir).values():
        weight = sum(w for pattern, w in topic.patterns if pattern.search(folded))
        if weight:
            found[topic.id] = weight
    return found


def find_topic(text: str, data_dir=None):
    """The topic a question is most about, or None. Ties go to the topic listed first."""
    found = scores(text, data_dir)
    if not found:
        return None
    order = list(load_topics(data_dir))
    return max(found, key=lambda ident: (found[ident], -order.index(ident)))


def topic(ident: str, data_dir=None) -> Topic:
    topics = load_topics(data_dir)
    if ident not in topics:
        raise UnknownIdError("kennisonderwerp", ident, message=(
            f"Over '{ident}' heb ik geen antwoord. Ik weet iets over: {', '.join(t.titel.lower() for t in topics.values())}."))
    return topics[ident]


def answer(ident: str, data_dir=None) -> dict:
    """The 'kennis' payload: the answer, its sources and what to offer next."""
    t = topic(ident, data_dir)
    return {"type": "kennis", "onderwerp": t.id, "titel": t.titel, "tekst": t.antwoord,
            "bronnen": [dict(s) for s in t.bronnen], "vervolg": list(t.vervolg)}
