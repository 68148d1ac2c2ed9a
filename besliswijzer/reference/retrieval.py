"""Finding the best sourced answer to an open question: the knowledge topics and the catalogue.

Every knowledge topic (kennis.yml: title, answer, example questions, optional keywords) and every
method, tool and concept of the catalogue (name, synonyms, explanation) is one document. Text is
folded, stop words (spaCy's Dutch list) dropped and each word replaced by its lemma (spaCy's
lookup table); scikit-learn's TF-IDF over character n-grams within words then compares a question
with every document. Character n-grams let "participatieprocessen" meet "participatieproces" and
a compound meet its parts, which Dutch needs. Measured against word TF-IDF and BM25 on the example
questions, each left out in turn: see docs/kennisbank.md.

`rank(question)` gives the documents best first with a cosine score; `best(question)` says whether
the best one is sure enough to answer with, and which topics come closest otherwise. No framework,
no I/O besides the data files; the index is built once per process (about a second).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from besliswijzer.reference import knowledge
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.text.fold import normalise
from besliswijzer.text.lemmas import lemma
from besliswijzer.text.sentences import COMPARISON_WORDS, is_comparison
from besliswijzer.text.stopwords import stop_words

__all__ = ["Hit", "Decision", "terms", "subject_terms", "rank", "best", "is_sure", "out_of_scope", "about_participation",
           "STRONG", "STRONG_MARGIN", "SURE", "MARGIN", "CLEAR", "CLEAR_MARGIN", "CLOSE", "COMPARE_SHARE"]

# Cosine scores (0..1). Calibrated on the topics' own example questions, each left out of the index
# in turn (docs/kennisbank.md): the best topic is sure when it scores STRONG, or at least SURE and
# MARGIN times the next topic's score, or at least CLEAR and CLEAR_MARGIN times the next one (a
# lower score far ahead of the rest: 10 of the 12 questions this adds found their own topic). Then
# about three in four questions got an answer, and for three in four of those it was the right topic
# (the next one is often a neighbour). Even a strong score needs STRONG_MARGIN over the next topic:
# where two or three topics tie above it, only half of the left-out questions found their own; and
# between 0.25 and 0.30 a lead of less than MARGIN was right for only 5 of 16.
STRONG = 0.30
STRONG_MARGIN = 1.03
SURE = 0.20
MARGIN = 1.10
CLEAR = 0.16
CLEAR_MARGIN = 1.5
CLOSE = 0.12              # a topic this close is offered as a button when the bot is not sure
CATALOGUE_KINDS = ("methode", "tool", "begrip")
# Kept out of the stop words because they say what is asked, but on their own they name no subject.
QUESTION_WORDS = frozenset({"waarom", "wanneer", "wie", "welke", "hoeveel", "moeten", "mogen", "niet", "geen"})
# A question that weighs options ("online of offline?", "wat is het verschil tussen ...", "wanneer wel en
# wanneer niet?", text/sentences.is_comparison) and gets no sure answer from the scores goes to a topic
# among the first three that puts options side by side (kennis.yml `opties`), when that topic scores at
# least SURE and COMPARE_SHARE of the best one: the form of the question says which of near topics it
# asks. A sure best topic stays the answer. On the example questions left out in turn this changed 2
# answers, both to the right topic (docs/kennisbank.md).
COMPARE_SHARE = 0.90

@dataclass(frozen=True)
class Hit:
    kind: str             # "kennis", "methode", "tool" or "begrip"
    ident: str
    score: float


@dataclass(frozen=True)
class Decision:
    answer: Optional[Hit]          # sure enough to answer with, or None
    close: Tuple[Hit, ...]         # the nearest documents (the answer first when there is one)


def terms(text: str) -> List[str]:
    """The lemmas of the content words: "Hoe betrekken we ouderen?" -> ["betrekken", "oudere"]."""
    stop = stop_words()
    return [lemma(word) for word in normalise(text).split() if word not in stop and not word.isdigit()]


def subject_terms(text: str) -> List[str]:
    """The terms that name a subject: "waarom?" alone names none, "waarom een burgerpanel?" one."""
    return [word for word in terms(text) if word not in QUESTION_WORDS]


def _document(*parts) -> str:
    return " ".join(terms(" ".join(str(p) for p in parts if p)))


class Index:
    def __init__(self, documents: List[Tuple[str, str, str]], phrasings: Sequence[Tuple[str, str, str, bool]] = (),
                 weighing: FrozenSet[Tuple[str, str]] = frozenset()):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.keys = [(kind, ident) for kind, ident, _ in documents]
        self.weighing = weighing          # the documents that put options side by side
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform([text for _, _, text in documents])
        self.phrasings = _phrasing_map(phrasings)

    def exact(self, question: str) -> Optional[Tuple[str, str]]:
        """The document whose title or example question has exactly the words of the question
        ("Wie betrekken we?" is an example of the topic on stakeholders, though the topic on involving
        people early scores higher)."""
        return self.phrasings.get(frozenset(terms(question)))

    def rank(self, question: str, kinds=None, limit: Optional[int] = 5) -> List[Hit]:
        query = self.vectorizer.transform([_document(question)])
        if not query.nnz:
            return []
        scores = (self.matrix @ query.T).toarray().ravel()
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        hits = [Hit(self.keys[i][0], self.keys[i][1], round(float(scores[i]), 4)) for i in order
                if scores[i] > 0 and (kinds is None or self.keys[i][0] in kinds)]
        return hits[:limit]


def _phrasing_map(phrasings: Sequence[Tuple[str, str, str, bool]]) -> Dict[FrozenSet[str], Tuple[str, str]]:
    """Word set -> document, for the word sets that belong to one document only. The question words
    stay in ("waarom loting?" is not "hoe werkt loting?"). A title may name its subject in one word; an
    example question needs two, because one word ("rol", "niemand") is too little to be sure of a
    question taken from its page."""
    owners: Dict[FrozenSet[str], set] = {}
    for kind, ident, text, is_title in phrasings:
        words = frozenset(terms(text))
        if len(words - QUESTION_WORDS) >= (1 if is_title else 2):
            owners.setdefault(words, set()).add((kind, ident))
    return {words: next(iter(found)) for words, found in owners.items() if len(found) == 1}


def build_index(data_dir=None, with_catalogue: bool = True) -> Index:
    topics = knowledge.load_topics(data_dir).values()
    documents = [("kennis", t.id, _document(t.titel, t.titel, t.antwoord, " ".join(t.trefwoorden), *t.vragen))
                 for t in topics]
    phrasings = [("kennis", t.id, t.titel, True) for t in topics]
    phrasings += [("kennis", t.id, text, False) for t in topics for text in t.vragen]
    if with_catalogue:
        cat = load_catalogue(data_dir)
        for item in [*cat.methods.values(), *cat.tools.values(), *cat.concepts.values()]:
            documents.append((item.kind, item.id, _document(item.name, item.name, " ".join(item.synonyms),
                                                            item.explanation)))
    weighing = frozenset(("kennis", t.id) for t in topics if t.opties)
    return Index(documents, phrasings, weighing)


@lru_cache(maxsize=4)
def load_index(data_dir=None) -> Index:
    return build_index(data_dir)


def rank(question: str, kinds=None, limit: int = 5, data_dir=None) -> List[Hit]:
    return load_index(data_dir).rank(question, kinds, limit)


def is_sure(first: float, second: float) -> bool:
    """Whether a best score `first`, with `second` for the next topic, is sure enough to answer with."""
    return ((first >= STRONG and first >= STRONG_MARGIN * second) or (first >= SURE and first >= MARGIN * second)
            or (first >= CLEAR and first >= CLEAR_MARGIN * second))


def best(question: str, kinds=None, data_dir=None) -> Decision:
    """The document to answer with when the best one is sure and clearly ahead; else only the close ones."""
    if not subject_terms(question):
        return Decision(None, ())        # "waarom?" alone names no subject
    index = load_index(data_dir)
    ranked = index.rank(question, kinds, limit=None)      # all of them: the exact one may rank low
    hits = ranked[:4]
    close = tuple(h for h in hits if h.score >= CLOSE)
    exact = index.exact(question)
    found = next((h for h in ranked if (h.kind, h.ident) == exact and h.score >= CLOSE), None)
    if found is not None:
        # the question is a topic's title or example question, word for word, and its words are close
        return Decision(found, (found, *[h for h in close if h != found][:3]))
    if hits and is_sure(hits[0].score, hits[1].score if len(hits) > 1 else 0.0):
        return Decision(hits[0], close)
    weighing = _weighing(index, question, hits)
    if weighing is not None:
        return Decision(weighing, (weighing, *[h for h in close if h != weighing][:3]))
    return Decision(None, close)


def _weighing(index: Index, question: str, hits: List[Hit]) -> Optional[Hit]:
    """For a question that weighs options and names a subject besides the comparison ("Verschil?" names
    none): the near topic that puts options side by side, if any."""
    if not (hits and is_comparison(question)
            and any(word not in COMPARISON_WORDS for word in subject_terms(question))):
        return None
    return next((h for h in hits[:3] if (h.kind, h.ident) in index.weighing
                 and h.score >= max(SURE, COMPARE_SHARE * hits[0].score)), None)


def _names_any(question: str, words: frozenset) -> bool:
    return any(word in words or lemma(word) in words for word in normalise(question).split())


def out_of_scope(question: str, data_dir=None) -> bool:
    """The question names a municipal service that is not participation (bijstand, afval, paspoort ...)
    and no word of taking part ("Mag ik meepraten over het afval in onze wijk?" is about participation)."""
    return (_names_any(question, knowledge.out_of_scope_words(data_dir))
            and not about_participation(question, data_dir))


def about_participation(question: str, data_dir=None) -> bool:
    """The question names taking part itself: participatie, inspraak, meepraten, een burgerberaad ..."""
    return _names_any(question, knowledge.participation_words(data_dir))
