"""Matching what people type to ids: typo tolerance, lemmas, longest match (text folding is text/fold.py).

The catalogue owns the names (ids, labels, synonyms); this module owns how text is compared with
them. `Terms` holds the names of several entities and is what the catalogue, the chat's
validation actions and the NLU pipeline (nlu_components/catalogue_entities.py, which stores the
names in the trained model) all match with, so a word counts the same everywhere.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from rapidfuzz import fuzz

from besliswijzer.text.fold import normalise, tokenise
from besliswijzer.text.lemmas import lemma


def close_enough(a: str, b: str) -> bool:
    """Typo tolerance grows with length: words of up to 4 letters must match exactly."""
    shortest = min(len(a), len(b))
    if shortest <= 4:
        return a == b
    if a.startswith(b) or b.startswith(a):
        # a word that lacks a whole part of a compound is another word, not a typo:
        # "participatie" is not "participatiespel"
        return abs(len(a) - len(b)) <= 2
    threshold = 80 if shortest <= 7 else 85
    return fuzz.ratio(a, b) >= threshold


# Plural and diminutive endings: "enquetes", "wijken", "buurthuizen" (stem "buurthui" + "zen"),
# "straatje". Not any ending: "buurtapp" is not a form of "buurt".
ENDINGS = frozenset({"s", "'s", "en", "n", "e", "es", "ren", "eren", "zen", "ven",
                     "je", "tje", "pje", "etje", "jes", "tjes", "pjes", "etjes"})


def same_word(word: str, name: str) -> bool:
    """Strict comparison for written text: equal, or the name with a plural or diminutive ending."""
    if word == name:
        return True
    if len(name) < 5:
        return False
    stems = [name, name[:-1]]
    if name[-3] == name[-2] and name[-2] in "aeou":      # "beraad" -> "beraden", "straat" -> "straten"
        stems.append(name[:-2] + name[-1])
    if name[-1] not in "aeiouy" and name[-2] in "aeiou" and name[-3] not in "aeiou":
        stems.append(name + name[-1])                    # "budget" -> "budgetten", "kat" -> "katten"
    return any(word.startswith(stem) and word[len(stem):] in ENDINGS for stem in stems if len(word) > len(stem))


def closest(norm: str, candidates):
    """The value of the (spelling, value) pair whose spelling is closest to `norm`, if close enough."""
    best, best_score = None, 0.0
    for spelling, value in candidates:
        if close_enough(norm, spelling):
            score = fuzz.ratio(norm, spelling)
            if score > best_score:
                best, best_score = value, score
    return best


PREFIX = 4   # strict matching only compares names whose first word starts like a word of the text


@dataclass(frozen=True)
class TermIndex:
    """Normalised names of every id of one entity: longest first, so "mensen met een beperking" beats "mensen"."""
    names: tuple            # (normalised name, id)
    exact: dict             # normalised name -> id (first owner wins); lemmatised names too
    words: tuple = ()       # per name, in the same order: (its words, their lemmas)
    by_prefix: dict = None  # first letters of a name's first word -> positions in `names`

    @classmethod
    def build(cls, items):
        names, exact = [], {}
        for ident, words in items:
            seen = set()
            for word in [ident, *words]:
                norm = normalise(word)
                if norm and norm not in seen:
                    seen.add(norm)
                    names.append((norm, ident))
        names.sort(key=lambda item: len(item[0]), reverse=True)
        for norm, ident in names:
            exact.setdefault(norm, ident)
        for norm, ident in names:
            exact.setdefault(_lemmas(norm), ident)
        words = tuple((tuple(norm.split()), tuple(lemma(w) for w in norm.split())) for norm, _ in names)
        by_prefix = {}
        for position, (parts, lemma_parts) in enumerate(words):
            for first in {parts[0][:PREFIX], lemma_parts[0][:PREFIX]}:
                by_prefix.setdefault(first, []).append(position)
        return cls(tuple(names), exact, words, by_prefix)

    def candidates(self, words, lemmas, strict):
        """(position of a name, where in the text it may start) worth comparing, longest name first."""
        every = range(len(words))
        if not strict:
            return ((position, every) for position in range(len(self.names)))
        starts = {}
        for at, (word, base) in enumerate(zip(words, lemmas)):
            for key in {word[:PREFIX], base[:PREFIX]}:
                for position in self.by_prefix.get(key, ()):
                    starts.setdefault(position, []).append(at)
        return sorted(starts.items())


# Dutch glues policy words to their subject: "mobiliteitsplan", "armoedeaanpak", "energievisie".
COMPOUND_TAILS = ("plan", "plannen", "beleid", "aanpak", "visie", "strategie", "programma", "agenda", "opgave")


def _compound(index: "TermIndex", norm: str):
    """The id named by the head of a one-word compound ("mobiliteitsplan" -> mobiliteit), if any."""
    if " " in norm:
        return None
    for tail in COMPOUND_TAILS:
        head = norm[:-len(tail)]
        if norm.endswith(tail) and len(head) >= 4:
            for candidate in (head, head[:-1] if head[-1] in "se" else None):   # linking s or e
                if candidate and candidate in index.exact:
                    return index.exact[candidate]
    return None


def _lemmas(norm: str) -> str:
    return " ".join(lemma(word) for word in norm.split())


class Mention(NamedTuple):
    entity: str
    id: str
    start: int     # character offsets in the text that was searched
    end: int


@dataclass(frozen=True)
class Terms:
    """The names of every id of several entities, and the ways text is matched against them."""
    index: dict             # entity -> TermIndex

    @classmethod
    def build(cls, terms: dict) -> "Terms":
        """terms: entity -> {id: [names]}."""
        return cls({entity: TermIndex.build(items.items()) for entity, items in terms.items()})

    def entities(self) -> tuple:
        return tuple(self.index)

    def of(self, entity) -> TermIndex:
        if entity not in self.index:
            raise ValueError(f"unknown entity {entity!r}")
        return self.index[entity]

    def resolve(self, entity, text):
        """Exact match of an id, label or synonym to the id, ignoring case, accents and punctuation
        ("wereld-café" -> world_cafe); None if unknown. Strict: for ids given on purpose (CLI, profile, import)."""
        index = self.index.get(entity)
        return index.exact.get(normalise(text)) if index else None

    def match(self, entity, text):
        """What a person typed -> the id it clearly names, tolerant of typos ("oudren" -> ouderen) and
        inflection ("buurthuizen" -> buurthuis); else None.

        Exact first, then by lemmas, then the closest spelling, then the first term named inside a longer text."""
        norm = normalise(text)
        if not norm:
            return None
        index = self.of(entity)
        found = index.exact.get(norm) or index.exact.get(_lemmas(norm)) or _compound(index, norm)
        if found:
            return found
        best = closest(norm, index.names)
        if best:
            return best
        spans = self.find_spans(entity, norm)
        return spans[0][0] if spans else None

    def find_spans(self, entity, text, strict=False) -> list:
        """(id, first token, end token) for every id of `entity` named in text, in order of appearance.

        strict: no typo tolerance (for edited text such as case files), only plural and diminutive
        endings and lemmas."""
        return self._spans(entity, [t.word for t in tokenise(text)], strict)

    def _spans(self, entity, words, strict):
        if not words:
            return []
        index = self.of(entity)
        lemmas = [lemma(w) for w in words]
        found, taken = {}, set()
        candidates = list(index.candidates(words, lemmas, strict))
        # Names as written first, then word forms, then typos: "ouders" is the group ouders, not a
        # form or a typo of "ouderen".
        for same in (str.__eq__, same_word) if strict else (str.__eq__, same_word, close_enough):
            for position, starts in candidates:
                ident = index.names[position][1]
                parts, lemma_parts = index.words[position]
                for start in starts:
                    if start + len(parts) > len(words):
                        continue
                    span = range(start, start + len(parts))
                    if taken.intersection(span):
                        continue
                    # word by word, so "jongeren in de wijk" is not read as "ouderen in de wijk"
                    if all(same(w, n) or (lw == ln and len(n) > 2)
                           for w, lw, n, ln in zip(words[start:start + len(parts)], lemmas[start:], parts,
                                                   lemma_parts)):
                        taken.update(span)
                        found.setdefault(ident, (start, start + len(parts)))
        return sorted(((i, a, b) for i, (a, b) in found.items()), key=lambda item: item[1])

    def find(self, entity, text) -> list:
        """Every id of `entity` named in text, in order of appearance ("ouderen en jongeren" -> both)."""
        return [ident for ident, _, _ in self.find_spans(entity, text)]

    def mention_spans(self, entities: Iterable[str], text, strict=False, ignore=None) -> list:
        """Mention(entity, id, start, end) for names of several entities in text, where names overlap the
        longer wins ("online enquête" is the tool online_enquete, not also the method enquete).

        ignore: {id: {normalised words}} that on their own do not name that id (e.g. "stemming" for referendum)."""
        tokens = tokenise(text)
        words = [t.word for t in tokens]
        spans = [(entity, ident, a, b) for entity in entities for ident, a, b in self._spans(entity, words, strict)
                 if " ".join(words[a:b]) not in (ignore or {}).get(ident, ())]
        spans.sort(key=lambda s: (-(s[3] - s[2]), s[2]))
        taken, kept = set(), []
        for entity, ident, a, b in spans:
            if taken.intersection(range(a, b)):
                continue
            taken.update(range(a, b))
            kept.append(Mention(entity, ident, tokens[a].start, tokens[b - 1].end))
        return sorted(kept, key=lambda m: m.start)

    def mentions(self, entities, text, strict=False, ignore=None) -> list:
        """(entity, id) for names of several entities in text, in order; see mention_spans."""
        return [(m.entity, m.id) for m in self.mention_spans(entities, text, strict, ignore)]

    def propose(self, entities: Iterable[str], text, n=2, ignore=None) -> list:
        """(entity, id) for words of a text that contain a one-word name glued to more ("zienswijzeprocedure")
        or that are a close spelling of one ("inwonerpanel"); longest name first, at most n.

        ignore: {id: {normalised words}} that do not name that id (as in mention_spans)."""
        found = []
        words = [t.word for t in tokenise(text)]
        for entity in entities:
            for norm, ident in self.of(entity).names:
                if " " in norm or len(norm) < 5 or norm in (ignore or {}).get(ident, ()):
                    continue
                for word in words:
                    glued = len(word) >= len(norm) + 3 and (word.startswith(norm) or word.endswith(norm))
                    if glued or (len(word) >= 7 and word != norm and close_enough(word, norm)):
                        found.append((len(norm), entity, ident))
                        break
        out = []
        for _, entity, ident in sorted(found, key=lambda f: -f[0]):
            if (entity, ident) not in out:
                out.append((entity, ident))
        return out[:n]

    def suggest(self, entity, text, n=3) -> list:
        """Close matches (ids) for an unknown word, for 'bedoelt u ...?' messages."""
        table = self.index[entity].exact if entity in self.index else {}
        if not table:
            return []
        found = []
        for word in difflib.get_close_matches(normalise(text), list(table), n=n * 3, cutoff=0.6):
            if table[word] not in found:
                found.append(table[word])
        return found[:n]
