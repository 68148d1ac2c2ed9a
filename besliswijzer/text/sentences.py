"""Splitting a message into its sentences, so each question in it can be answered on its own, and
reading a sentence's form: is it a question, does it weigh options?

A rule-based splitter in the spirit of spaCy's sentencizer (a sentence ends at '.', '?' or '!'
followed by a space), without loading spaCy: abbreviations ("bijv.", "o.a.", "d.w.z."), amounts
("15.000") and initials do not end a sentence.
"""
from __future__ import annotations

import re
from typing import List

from besliswijzer.text.fold import fold, normalise
from besliswijzer.text.lemmas import lemma
from besliswijzer.text.stopwords import stop_words

__all__ = ["sentences", "is_question", "is_comparison"]

_END = re.compile(r"(?<=[.?!…])[\"'”’)]*\s+")
_ABBREVIATIONS = {"bijv", "bv", "o.a", "oa", "d.w.z", "dwz", "m.b.t", "mbt", "e.d", "enz", "etc", "ca", "nl",
                  "zgn", "z.g.a.n", "i.p.v", "ipv", "t.a.v", "tav", "m.n", "mn", "mr", "dr", "drs", "ir", "ing",
                  "prof", "mw", "dhr", "st", "nr", "art", "evt", "incl", "excl", "resp", "vgl", "blz", "pag"}
_QUESTION_START = re.compile(r"^(hoe|wat|wie|waar|wanneer|waarom|welke?|hoeveel|hoezo|is|zijn|kan|kun|kunnen|"
                             r"mag|mogen|moet|moeten|heb|hebben|heeft|wordt|worden|werkt|geldt|bestaat|zou|zouden|"
                             r"klopt|gaat|doe|doen|ben|bent|krijg|krijgen|leg|vertel|noem)\b")


def _ends_sentence(piece: str) -> bool:
    """False when the piece ends in an abbreviation or an initial ("J." "o.a.")."""
    if not piece.rstrip().endswith("."):
        return True
    last = fold(piece.rstrip()[:-1].split()[-1]) if piece.split() else ""
    return not (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()))


def sentences(text: str) -> List[str]:
    """The sentences of a message, in order: "Wat is X? En hoe werkt Y?" -> two sentences."""
    pieces, current = [], ""
    position = 0
    for match in _END.finditer(text):
        current += text[position:match.start()]
        position = match.end()
        if _ends_sentence(current):
            pieces.append(current.strip())
            current = ""
        else:
            current += " "
    current += text[position:]
    if current.strip():
        pieces.append(current.strip())
    return [p for p in pieces if p]


def is_question(sentence: str) -> bool:
    """A question mark, or a sentence that opens like a question ("hoe betrek ik ...")."""
    words = fold(sentence).strip().lstrip("-•*0123456789. ")
    words = re.sub(r"^(en|maar|of|dus|ook|en verder|tot slot|daarnaast|verder)\s+", "", words)
    return sentence.rstrip().endswith("?") or bool(_QUESTION_START.match(words))


# Words that name a comparison ("wat is het verschil tussen ...", "online versus offline").
COMPARISON_WORDS = frozenset({"verschil", "verschillen", "verschilt", "onderscheid", "versus", "vs", "vergelijken",
                              "vergelijk", "vergeleken", "tegenover"})
# After these verbs "of" means "whether", not "or": "de wethouder vraagt of ...", "we besluiten of ...".
_WHETHER_VERBS = frozenset({"vragen", "weten", "besluiten", "beslissen", "bepalen", "kijken", "twijfelen",
                            "nagaan", "zien", "beoordelen", "controleren", "checken", "onderzoeken", "benieuwd",
                            "afvragen", "uitzoeken", "toetsen", "meten"})
# Skipped after "of" to find the second option: "online of (juist) fysiek", "X of (een) Y".
_FILLERS = frozenset({"de", "het", "een", "juist", "toch", "liever", "eerder", "misschien", "gewoon"})


def is_comparison(sentence: str) -> bool:
    """The sentence weighs options: it names a difference ("wat is het verschil tussen ..."), asks
    "wanneer" twice ("wanneer wel en wanneer niet?"), ends in "of niet", or puts "of" between two
    words that name something ("interviews of (een) enquête?"); not "weet u of ...", "vraagt of ..."."""
    words = normalise(sentence).split()
    if any(word in COMPARISON_WORDS for word in words) or words.count("wanneer") >= 2 or words[-2:] == ["of", "niet"]:
        return True
    stop = stop_words()
    for i, word in enumerate(words[1:-1], start=1):
        if word != "of":
            continue
        before = words[i - 1]
        after = next((w for w in words[i + 1:] if w not in _FILLERS), "")
        if (before not in stop and lemma(before) not in _WHETHER_VERBS and before not in _WHETHER_VERBS
                and after and after not in stop):
            return True
    return False
