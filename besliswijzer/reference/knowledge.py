"""Sourced answers to open questions professionals ask (data/kennis.yml).

`load_topics()` reads and checks the topics: each has a title, a short answer, its sources (url and
title), a quote from one of those sources that carries the answer, example questions and what to
offer next. A topic that weighs two or more ways of working against each other ("online of fysiek?",
"enquête of gesprek?") also lists them side by side (`opties`): when each fits, its strengths and its
weak points. `answer(id)` gives the 'kennis' payload. Which topic a question is about is found by
reference/retrieval.py, from the topics' words: a maintainer writes no patterns.
"""
from dataclasses import dataclass
from functools import lru_cache

from besliswijzer.reference.datafiles import Record, read_yaml
from besliswijzer.text.dutch import lijst
from besliswijzer.text.fold import fold
from besliswijzer.errors import DataFileError, UnknownIdError

__all__ = ["FILE", "FOLLOW_UPS", "OPTION_KEYS", "Topic", "build_topics", "load_topics", "topic", "answer", "out_of_scope_words",
           "participation_words"]

FILE = "kennis.yml"
FOLLOW_UPS = ("advies", "evaluatie")      # besides other topics


@dataclass(frozen=True)
class Topic:
    id: str
    titel: str
    antwoord: str
    bronnen: tuple            # ({"url", "titel"}, ...)
    vervolg: tuple            # topic ids, 'advies' or 'evaluatie'
    vragen: tuple             # example questions, as professionals ask them
    citaat: dict              # {"url", "tekst"}: a quote from one of the sources
    trefwoorden: tuple = ()   # optional extra words for the search
    bij_advies: bool = False  # also given as a tip when the question starts an advice
    opties: tuple = ()        # ({"naam", "wanneer", "voordelen", "nadelen"}, ...): the options side by side


def _topic(ident, data) -> Topic:
    rec = Record(FILE, f"onderwerp '{ident}'", data)
    sources = data.get("bronnen")
    if not isinstance(sources, list) or not sources:
        rec.fail("bronnen", "noem minstens één bron met url en titel")
    for source in sources:
        if not (isinstance(source, dict) and str(source.get("url", "")).startswith(("http://", "https://"))
                and isinstance(source.get("titel"), str) and source["titel"].strip()):
            rec.fail("bronnen", "elke bron heeft een url (http...) en een titel")
    keywords = data.get("trefwoorden") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        rec.fail("trefwoorden", "moet een lijst van woorden zijn")
    if any("*" in k for k in keywords):
        rec.fail("trefwoorden", "gewone woorden, zonder * of andere patronen")
    questions = data.get("vragen") or []
    if not isinstance(questions, list) or len(questions) < 2 or not all(isinstance(q, str) and q.strip()
                                                                       for q in questions):
        rec.fail("vragen", "noem minstens twee voorbeeldvragen")
    quote = data.get("citaat")
    if not (isinstance(quote, dict) and isinstance(quote.get("tekst"), str) and quote["tekst"].strip()):
        rec.fail("citaat", "een letterlijk citaat (tekst) uit een van de bronnen, met de url van die bron")
    if quote.get("url") not in {s["url"] for s in sources}:
        rec.fail("citaat", f"de url '{quote.get('url')}' staat niet bij de bronnen")
    options = _options(rec, data.get("opties"))
    follow = data.get("vervolg") or []
    if not isinstance(follow, list):
        rec.fail("vervolg", "moet een lijst zijn")
    return Topic(ident, rec.str("titel"), rec.str("antwoord"),
                 tuple({"url": s["url"], "titel": s["titel"].strip()} for s in sources),
                 tuple(follow), tuple(q.strip() for q in questions),
                 {"url": quote["url"], "tekst": " ".join(quote["tekst"].split())},
                 tuple(k.strip() for k in keywords), data.get("bij_advies") is True, options)


OPTION_KEYS = ("naam", "wanneer", "voordelen", "nadelen")


def _options(rec: Record, data) -> tuple:
    """The options a topic puts side by side: at least two, each with a name, when it fits, and at least
    one strength or weak point (short phrases the topic's answer or sources carry). An unknown key is
    refused, so a misspelt 'nadeel' does not silently lose its points."""
    if data is None:
        return ()
    problem = "een lijst van minstens twee opties, elk met naam, wanneer en voordelen of nadelen (lijsten)"
    if not isinstance(data, list) or len(data) < 2 or not all(isinstance(option, dict) for option in data):
        rec.fail("opties", problem)
    options = []
    for option in data:
        unknown = sorted(set(option) - set(OPTION_KEYS))
        if unknown:
            rec.fail("opties", f"onbekend veld {', '.join(unknown)}; gebruik {', '.join(OPTION_KEYS)}")
        texts = [option.get(key) for key in ("naam", "wanneer")]
        lists = [option.get(key, []) for key in ("voordelen", "nadelen")]
        if (not all(isinstance(v, str) and v.strip() for v in texts)
                or not all(isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v) for v in lists)
                or not any(lists)):
            rec.fail("opties", problem)
        options.append({"naam": " ".join(texts[0].split()), "wanneer": " ".join(texts[1].split()),
                        "voordelen": tuple(" ".join(x.split()) for x in lists[0]),
                        "nadelen": tuple(" ".join(x.split()) for x in lists[1])})
    return tuple(options)


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
                                    f"en niet {lijst(FOLLOW_UPS, 'of')}")
    return topics


@lru_cache(maxsize=4)
def load_topics(data_dir=None) -> dict:
    return build_topics(data_dir)


def topic(ident: str, data_dir=None) -> Topic:
    topics = load_topics(data_dir)
    if ident not in topics:
        raise UnknownIdError("kennisonderwerp", ident, message=(
            f"Over '{ident}' heb ik geen antwoord. Ik weet iets over: {', '.join(t.titel.lower() for t in topics.values())}."))
    return topics[ident]


def answer(ident: str, data_dir=None) -> dict:
    """The 'kennis' payload: the answer, its sources, what to offer next and, for a comparing topic, the
    options side by side."""
    t = topic(ident, data_dir)
    payload = {"type": "kennis", "onderwerp": t.id, "titel": t.titel, "tekst": t.antwoord,
               "bronnen": [dict(s) for s in t.bronnen], "vervolg": list(t.vervolg), "citaat": dict(t.citaat)}
    if t.opties:
        payload["opties"] = [{**option, "voordelen": list(option["voordelen"]), "nadelen": list(option["nadelen"])}
                             for option in t.opties]
    return payload


def _word_list(key: str, data_dir=None) -> frozenset:
    """One list of single words from buiten_bereik.yml, folded."""
    doc = read_yaml("buiten_bereik.yml", data_dir)
    words = (doc or {}).get(key) if isinstance(doc, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() and " " not in w.strip()
                                              for w in words):
        raise DataFileError(f"buiten_bereik.yml: verwacht '{key}' met een lijst van losse woorden")
    return frozenset(fold(w.strip()) for w in words)


@lru_cache(maxsize=4)
def out_of_scope_words(data_dir=None) -> frozenset:
    """Words of questions about municipal services, not participation (bijstand, afval, paspoort ...)."""
    return _word_list("woorden", data_dir)


@lru_cache(maxsize=4)
def participation_words(data_dir=None) -> frozenset:
    """Words that make a question one about taking part, whatever service it names."""
    return _word_list("participatiewoorden", data_dir)
