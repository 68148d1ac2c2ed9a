"""The catalogue: methods, tools, concepts and vocabulary from besliswijzer/data, loaded once and cached.

The Catalogue is the one owner of the vocabulary: every name and synonym of every id. How typed
text is compared with those names (normalise, typos, lemmas, longest match) is besliswijzer.reference.matching;
the catalogue's resolve, match, find_spans and mentions go through it, and the chat, the CLI, the case
import and the NLU pipeline all ask the catalogue.
"""
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from besliswijzer.reference.datafiles import DATA_DIR, Record, read_yaml
from besliswijzer.errors import DataFileError, UnknownIdError
from besliswijzer.reference.matching import Terms, TermIndex
from besliswijzer.reference.provenance import as_json as provenance_json, read_provenance

SIZES = ("klein", "middel", "groot", "massa")
CHANNELS = ("fysiek", "online", "hybride")
LEVELS3 = ("laag", "midden", "hoog")           # cost and reach classes, in order
SOURCES_REQUIRED = True                       # every method and tool names a source (url + titel)
VOCAB_ENTITIES = ("doelgroep", "schaal", "thema", "beleidsfase", "niveau")
# Ids of an advice's preconditions: named in vocabulaire.yml, recognised in text by voorwaarden.yml.
PRECONDITION_KEYS = ("doel", "rol", "onderwerp")
TEXT_KEYS = ("geen_invloed", "geen_invloed_kort", "geen_invloed_niveau", "rol_begrenst", "niveau_uit_profiel", "niveau_uit_doel",
             "belofte", "versoepeld", "inclusie", "inclusie_toegevoegd", "inclusie_feiten", "online_let_op",
             "db_niet_bereikbaar", "waarom")


def humanise(ident) -> str:
    """How an id reads when no name is known: 'world_cafe' -> 'World cafe'."""
    text = str(ident).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Method:
    id: str
    name: str
    synonyms: tuple
    explanation: str
    rungs: tuple
    group_sizes: tuple
    channel: str
    cost: str
    duration_weeks: int
    reach: str
    phases: tuple
    skills: tuple
    pitfalls: tuple
    pros: tuple
    cons: tuple
    sources: tuple
    sample: bool = False          # works with a selection (lot, representatives), so at any scale
    suits: tuple = ()             # doelgroep ids it works especially well for
    provenance: tuple = ()        # ((field, Provenance), ...): where kosten, duur_weken, bereik, geschikt_voor come from
    kind: str = "methode"

    def origin(self, field):
        """The Provenance of one of kosten, duur_weken, bereik, geschikt_voor (None if not given)."""
        return dict(self.provenance).get(field)


@dataclass(frozen=True)
class Tool(Method):
    examples: tuple = ()
    kind: str = "tool"


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    synonyms: tuple
    explanation: str
    sources: tuple                # the literature behind the concept, as text
    web_sources: tuple = ()       # web pages that explain it ({url, titel}), named in the chat
    kind: str = "begrip"


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    synonyms: tuple
    description: str = ""
    digital_vulnerable: bool = False   # doelgroep: never advise online-only
    hard_to_reach: bool = False        # doelgroep: a method's reach counts in the score
    group_sizes: tuple = ()            # schaal: expected group sizes
    rung: int = 0                      # niveau: position on the ladder (1-6), "trede" in the data
    iap2: str = ""                     # niveau: IAP2 level
    promise: str = ""                  # niveau: the promise to the public


@dataclass
class Catalogue:
    methods: dict
    tools: dict
    concepts: dict
    vocabulary: dict                    # entity -> id -> Term
    strengthening: dict                 # method id -> {tool id: reason}
    rules: dict
    texts: dict                         # Dutch advice texts from data/teksten.yml
    preconditions: dict = field(default_factory=dict)   # "doel" | "rol" | "onderwerp" -> {id: label}
    _terms: Terms = field(default=None, repr=False)
    _labels: dict = field(default=None, repr=False)
    _extended: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._terms = Terms.build({entity: {item.id: [getattr(item, "name", None) or item.label, *item.synonyms]
                                            for item in items}
                                   for entity, items in self._entity_items().items()})

    @property
    def matcher(self) -> Terms:
        """Every entity's names, ready for matching."""
        return self._terms

    @property
    def _lookup(self):
        return {entity: index.exact for entity, index in self._terms.index.items()}

    def entities(self) -> tuple:
        return self._terms.entities()

    def terms(self, entity) -> dict:
        """id -> [name or label, *synonyms] for one entity: the words the NLU data is generated from."""
        return {item.id: [getattr(item, "name", None) or item.label, *item.synonyms]
                for item in self._entity_items()[entity]}

    def all_terms(self) -> dict:
        """entity -> id -> names, for every entity: what Terms.build needs to match like the catalogue."""
        return {entity: self.terms(entity) for entity in self.entities()}

    def index(self, entity) -> TermIndex:
        return self._terms.of(entity)

    def _entity_items(self):
        items = {"methode": self.methods.values(), "tool": self.tools.values(),
                 "begrip": self.concepts.values()}
        items.update({e: terms.values() for e, terms in self.vocabulary.items()})
        return items

    def get(self, id):
        return self.methods.get(id) or self.tools.get(id) or self.concepts.get(id)

    def term(self, entity, id):
        return self.vocabulary.get(entity, {}).get(id)

    def label(self, entity, id) -> str:
        """Dutch display name of an id, the one label lookup of the chat, the web app and the CLI.

        entity None: any entity (ids are unique per entity; vocabulary labels win over items). An id
        nobody knows reads as words: 'world_cafe' -> 'World cafe'."""
        if id is None:
            return ""
        if entity in self.vocabulary:
            term = self.vocabulary[entity].get(id)
            return term.label if term else humanise(id)
        if entity is None:
            return self.labels().get(id) or humanise(id)
        item = self.get(id)
        return item.name if item else humanise(id)

    def labels(self) -> dict:
        """id -> Dutch display name of every method, tool, concept and vocabulary term."""
        if self._labels is None:
            names = {}
            for group in (self.methods, self.tools, self.concepts):
                names.update({ident: item.name for ident, item in group.items()})
            for terms in self.vocabulary.values():
                names.update({ident: term.label for ident, term in terms.items()})
            self._labels = names
        return self._labels

    def ids(self, entity) -> list:
        if entity in self.vocabulary:
            return list(self.vocabulary[entity])
        return list({"methode": self.methods, "tool": self.tools, "begrip": self.concepts}[entity])

    def resolve(self, entity, text):
        """Exact match of an id, label or synonym to the id; None if unknown (Terms.resolve)."""
        return self._terms.resolve(entity, text)

    def match(self, entity, text):
        """What a person typed -> the id it clearly names, tolerant of typos; else None (Terms.match)."""
        return self._terms.match(entity, text)

    def find_spans(self, entity, text, strict=False) -> list:
        """(id, first token, end token) for every id of `entity` named in text (Terms.find_spans)."""
        return self._terms.find_spans(entity, text, strict)

    def find(self, entity, text) -> list:
        """Every id of `entity` named in text, in order of appearance ("ouderen en jongeren" -> both)."""
        return self._terms.find(entity, text)

    def mentions(self, entities, text, strict=False, ignore=None) -> list:
        """(entity, id) for names of several entities in text; the longer name wins (Terms.mentions)."""
        return self._terms.mentions(entities, text, strict, ignore)

    def with_names(self, extra) -> Terms:
        """The catalogue's names plus `extra` ({entity: {id: [words]}}, e.g. the words of case reports in
        koppeling.yml), matched the same way; built once per extra."""
        key = repr(sorted((e, sorted((i, tuple(w)) for i, w in ids.items())) for e, ids in extra.items()))
        if key not in self._extended:
            terms = self.all_terms()
            for entity, ids in extra.items():
                for ident, words in ids.items():
                    if ident in terms.get(entity, {}):
                        terms[entity] = {**terms[entity], ident: [*terms[entity][ident], *words]}
            self._extended[key] = Terms.build(terms)
        return self._extended[key]

    def propose(self, entities, text, n=2, ignore=None) -> list:
        """(entity, id) a written text may mean although it names none exactly: a name glued to other
        words ("zienswijzeprocedure", "G1000Steenwijkerland") or written with a small slip
        ("inwonerpanel"). For 'bedoelde u ...?' proposals, never for linking on its own."""
        return self._terms.propose(entities, text, n, ignore)

    def require(self, entity, text) -> str:
        """Like resolve, but an unknown word raises UnknownIdError with close matches."""
        ident = self.resolve(entity, text)
        if ident is None:
            raise UnknownIdError(entity, text, self.suggest(entity, text))
        return ident

    def suggest(self, entity, text, n=3) -> list:
        """Close matches (ids) for an unknown word, for 'bedoelt u ...?' messages."""
        return self._terms.suggest(entity, text, n)

    def strengthening_tools(self, method_id) -> list:
        return list(self.strengthening.get(method_id, {}))

    def strengthening_reason(self, method_id, tool_id):
        return self.strengthening.get(method_id, {}).get(tool_id)

    def digital_vulnerable(self, doelgroepen) -> list:
        terms = self.vocabulary["doelgroep"]
        return [g for g in doelgroepen if g in terms and terms[g].digital_vulnerable]

    def hard_to_reach(self, doelgroepen) -> list:
        terms = self.vocabulary["doelgroep"]
        return [g for g in doelgroepen if g in terms and (terms[g].hard_to_reach or terms[g].digital_vulnerable)]

    def as_json(self) -> dict:
        return {"methodes": [_item_json(m, self) for m in self.methods.values()],
                "tools": [_item_json(t, self) for t in self.tools.values()],
                "begrippen": [{"id": c.id, "naam": c.name, "synoniemen": list(c.synonyms),
                               "uitleg": c.explanation, "bronnen": list(c.sources),
                               "webbronnen": [dict(s) for s in c.web_sources]}
                              for c in self.concepts.values()]}


def _item_json(item, cat):
    out = {"id": item.id, "naam": item.name, "synoniemen": list(item.synonyms), "uitleg": item.explanation,
           "niveaus": list(item.rungs), "groepsgrootte": list(item.group_sizes), "kanaal": item.channel,
           "kosten": item.cost, "duur_weken": item.duration_weeks, "bereik": item.reach,
           "beleidsfasen": list(item.phases), "vaardigheden": list(item.skills),
           "valkuilen": list(item.pitfalls), "voordelen": list(item.pros), "nadelen": list(item.cons),
           "bronnen": list(item.sources), "steekproef": item.sample, "geschikt_voor": list(item.suits),
           "herkomst": {field: provenance_json(origin) for field, origin in item.provenance}}
    if isinstance(item, Tool):
        out["voorbeelden"] = list(item.examples)
        out["versterkt_methodes"] = sorted(m for m, tools in cat.strengthening.items() if item.id in tools)
    else:
        out["versterkende_tools"] = cat.strengthening_tools(item.id)
    return out


# --- loading -------------------------------------------------------------------------------------

def _entries(fname, doc, key):
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        raise DataFileError(f"{fname}: verwacht bovenaan '{key}:' met een lijst.")
    seen, records = set(), []
    for i, raw in enumerate(doc[key], 1):
        rec = Record(fname, f"item {i}", raw)
        ident = rec.str("id")
        rec.where = f"item {i} ('{ident}')"
        if ident in seen:
            raise DataFileError(f"{fname}, {rec.where}: id '{ident}' komt twee keer voor.")
        seen.add(ident)
        records.append((ident, rec))
    return records


def _load_vocabulary(data_dir):
    fname = "vocabulaire.yml"
    doc = read_yaml(fname, data_dir)
    if not isinstance(doc, dict):
        raise DataFileError(f"{fname}: verwacht de onderdelen {', '.join(VOCAB_ENTITIES)}.")
    vocab = {}
    for entity in VOCAB_ENTITIES:
        section = doc.get(entity)
        if not isinstance(section, dict) or not section:
            raise DataFileError(f"{fname}: onderdeel '{entity}' ontbreekt of is leeg.")
        terms = {}
        for ident, raw in section.items():
            rec = Record(fname, f"{entity} '{ident}'", raw)
            terms[ident] = Term(
                id=ident, label=rec.str("label"), synonyms=rec.list("synoniemen", nonempty=True),
                description=rec.str("uitleg", required=False, default=""),
                digital_vulnerable=rec.bool("digitaal_kwetsbaar"),
                hard_to_reach=rec.bool("moeilijk_bereikbaar"),
                group_sizes=rec.list("groepsgrootte", SIZES, required=entity == "schaal"),
                rung=rec.int("trede", 1) if entity == "niveau" else 0,
                iap2=rec.str("iap2", required=entity == "niveau", default=""),
                promise=rec.str("belofte", required=entity == "niveau", default=""))
        vocab[entity] = terms
    preconditions = {}
    for key in PRECONDITION_KEYS:
        section = doc.get(key)
        if not isinstance(section, dict) or not section:
            raise DataFileError(f"{fname}: onderdeel '{key}' ontbreekt of is leeg.")
        preconditions[key] = {ident: Record(fname, f"{key} '{ident}'", raw).str("label")
                              for ident, raw in section.items()}
    return vocab, preconditions


def _item_fields(rec, vocab):
    return dict(
        name=rec.str("naam"), synonyms=rec.list("synoniemen", nonempty=True), explanation=rec.str("uitleg"),
        rungs=rec.list("niveaus", vocab["niveau"], nonempty=True),
        group_sizes=rec.list("groepsgrootte", SIZES, nonempty=True),
        channel=rec.choice("kanaal", CHANNELS), cost=rec.choice("kosten", LEVELS3),
        duration_weeks=rec.int("duur_weken", 1), reach=rec.choice("bereik", LEVELS3),
        phases=rec.list("beleidsfasen", vocab["beleidsfase"], nonempty=True),
        skills=rec.list("vaardigheden"), pitfalls=rec.list("valkuilen"),
        pros=rec.list("voordelen", nonempty=True), cons=rec.list("nadelen", nonempty=True),
        sources=rec.sources("bronnen", nonempty=SOURCES_REQUIRED), sample=rec.bool("steekproef"),
        suits=rec.list("geschikt_voor", vocab["doelgroep"], required=False),
        provenance=read_provenance(rec.data.get("herkomst"), rec.fail))


def _load_strengthening(data_dir, methods, tools):
    fname = "versterkt.yml"
    doc = read_yaml(fname, data_dir)
    if not isinstance(doc, dict) or not isinstance(doc.get("versterkt"), list):
        raise DataFileError(f"{fname}: verwacht bovenaan 'versterkt:' met een lijst.")
    pairs = {}
    for i, raw in enumerate(doc["versterkt"], 1):
        rec = Record(fname, f"item {i}", raw)
        method, tool = rec.choice("methode", methods), rec.choice("tool", tools)
        if tool in pairs.get(method, {}):
            raise DataFileError(f"{fname}, item {i}: het paar {method} + {tool} staat er twee keer in.")
        pairs.setdefault(method, {})[tool] = rec.str("reden")
    return pairs


def build_catalogue(data_dir=None) -> Catalogue:
    """Read and check every catalogue file; raises DataFileError naming file, item and field."""
    vocab, preconditions = _load_vocabulary(data_dir)
    methods = {i: Method(id=i, **_item_fields(r, vocab))
               for i, r in _entries("methodes.yml", read_yaml("methodes.yml", data_dir), "methodes")}
    tools = {i: Tool(id=i, examples=r.list("voorbeelden", required=False), **_item_fields(r, vocab))
             for i, r in _entries("tools.yml", read_yaml("tools.yml", data_dir), "tools")}
    concepts = {i: Concept(id=i, name=r.str("naam"), synonyms=r.list("synoniemen", nonempty=True),
                           explanation=r.str("uitleg"), sources=r.list("bronnen"),
                           web_sources=r.sources("webbronnen"))
                for i, r in _entries("begrippen.yml", read_yaml("begrippen.yml", data_dir), "begrippen")}
    clash = (set(methods) & set(tools)) | ((set(methods) | set(tools)) & set(concepts))
    if clash:
        raise DataFileError(f"Deze ids staan in meer dan één catalogusbestand: {', '.join(sorted(clash))}")
    rules = read_yaml("regels.yml", data_dir)
    from besliswijzer.reference.rules import check_rules            # local import: rules.py needs the vocabulary only
    check_rules(rules, vocab)
    texts = read_yaml("teksten.yml", data_dir)
    missing = [k for k in TEXT_KEYS if not isinstance(texts, dict) or k not in texts]
    if missing:
        raise DataFileError(f"teksten.yml: deze teksten ontbreken: {', '.join(missing)}")
    return Catalogue(methods=methods, tools=tools, concepts=concepts, vocabulary=vocab,
                     strengthening=_load_strengthening(data_dir, methods, tools), rules=rules, texts=texts,
                     preconditions=preconditions)


@lru_cache(maxsize=4)
def _cached(data_dir: str) -> Catalogue:
    return build_catalogue(Path(data_dir))


_default = None


def load_catalogue(data_dir=None) -> Catalogue:
    """The catalogue, read once per process (cached). Called on every advice, so the default is a fast path."""
    global _default
    if data_dir is None:
        if _default is None:
            _default = _cached(str(DATA_DIR))
        return _default
    return _cached(str(Path(data_dir).resolve()))
