"""The assessment frame: questions over four pillars, scoring, and saving an assessment as an own-evaluation case."""
import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache

from besliswijzer.cases.fileformat import parse_cases
from besliswijzer.cases.mapping import find_ids
from besliswijzer.cases.store import upsert_records
from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.reference.datafiles import Record, read_yaml
from besliswijzer.errors import AssessmentError, DataFileError
from besliswijzer.storage.models import PILLARS, AssessmentRow, CaseRow
from besliswijzer.text.dutch import datum, getal

MAX_POINTS = 3          # strengths and improvement points shown


@dataclass(frozen=True)
class Question:
    id: str
    pillar: str
    text: str
    criterion: str
    source: str
    strength: str = ""        # shown when the answer is strong
    improvement: str = ""     # shown when the answer is weak
    inclusion: bool = False   # about who could take part (the payload's 'inclusie' part)


FRAME_FILE = "evaluatie.yml"


@lru_cache(maxsize=1)
def _frame_doc() -> dict:
    doc = read_yaml(FRAME_FILE)
    if not isinstance(doc, dict) or not isinstance(doc.get("vragen"), list):
        raise DataFileError(f"{FRAME_FILE}: verwacht 'vragen:' met een lijst.")
    return doc


@lru_cache(maxsize=1)
def pillar_names() -> dict:
    """pillar id -> its Dutch name as the frame gives it ("Effect"), for the payload's cards."""
    names = _frame_doc().get("pijlers")
    if not isinstance(names, dict) or set(names) != set(PILLARS) or \
            not all(isinstance(v, str) and v.strip() for v in names.values()):
        raise DataFileError(f"{FRAME_FILE}: verwacht 'pijlers:' met een naam voor {', '.join(PILLARS)}.")
    return {pillar: names[pillar].strip() for pillar in PILLARS}


@lru_cache(maxsize=1)
def _questions():
    fname = FRAME_FILE
    doc = _frame_doc()
    questions, seen = [], set()
    for i, raw in enumerate(doc["vragen"], 1):
        rec = Record(fname, f"vraag {i}", raw)
        q = Question(id=rec.str("id"), pillar=rec.choice("pijler", PILLARS), text=rec.str("vraag"),
                     criterion=rec.str("criterium"), source=rec.str("bron"), strength=rec.str("sterk"),
                     improvement=rec.str("verbeterpunt"), inclusion=raw.get("inclusie") is True)
        if q.id in seen:
            raise DataFileError(f"{fname}, vraag {i}: id '{q.id}' komt twee keer voor.")
        seen.add(q.id)
        questions.append(q)
    if not 8 <= len(questions) <= 16 or {q.pillar for q in questions} != set(PILLARS):
        raise DataFileError(f"{fname}: 8 tot 16 vragen nodig, verdeeld over {', '.join(PILLARS)}.")
    return tuple(questions)


def load_questions() -> list:
    return list(_questions())


def _check_answers(answers):
    if not isinstance(answers, dict) or not answers:
        raise AssessmentError("Ik heb nog geen antwoorden om te beoordelen.")
    known = {q.id: q for q in _questions()}
    clean = {}
    for key, value in answers.items():
        if key not in known:
            raise AssessmentError(f"'{key}' is geen vraag uit het beoordelingskader.")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 5:
            raise AssessmentError(f"Het antwoord op '{known[key].text}' moet een getal van 1 tot en met 5 zijn.")
        clean[key] = value
    return clean, known


def evaluate(answers: dict) -> dict:
    """The contract's evaluatie payload: mean per pillar (1-5), total, strengths and weakest points."""
    answers, known = _check_answers(answers)
    scores = {}
    for pillar in PILLARS:
        values = [v for k, v in answers.items() if known[k].pillar == pillar]
        if not values:
            raise AssessmentError(f"Beantwoord minstens één vraag over {pillar}.")
        scores[pillar] = round(sum(values) / len(values), 2)
    order = [q.id for q in _questions()]
    ranked = sorted(answers, key=lambda k: (answers[k], order.index(k)))
    weak = [known[k].improvement for k in ranked if answers[k] <= 3][:MAX_POINTS]
    best = sorted(answers, key=lambda k: (-answers[k], order.index(k)))
    strong = [known[k].strength for k in best if answers[k] >= 4][:MAX_POINTS]
    total = round(sum(scores.values()) / len(scores), 2)
    # The worded figures travel with the numbers, so the card says what the chat says ("3,3", not "3,25").
    return {"type": "evaluatie", "scores": scores, "totaal": total, "totaal_tekst": getal(total),
            "scores_tekst": {pillar: getal(score) for pillar, score in scores.items()},
            "pijler_namen": pillar_names(),
            "sterk": strong, "verbeterpunten": weak, "inclusie": _inclusion(answers, known), "casus_id": None}


def _inclusion(answers, known) -> dict:
    """What the trajectory did for inclusion: the answers to the inclusion questions, in words."""
    asked = [k for k in answers if known[k].inclusion and answers[k] is not None]
    if not asked:
        return {"score": None, "score_tekst": None, "wat_goed_ging": [], "wat_beter_kan": []}
    score = round(sum(answers[k] for k in asked) / len(asked), 2)
    return {"score": score, "score_tekst": getal(score),
            "wat_goed_ging": [known[k].strength for k in asked if answers[k] >= 4],
            "wat_beter_kan": [known[k].improvement for k in asked if answers[k] <= 3]}


def _term_ids(entity, value, cat):
    """Ids for a list of ids, names or short free text ("een burgerberaad en een enquête"); and the texts."""
    texts = [" ".join(str(v).split()) for v in (value if isinstance(value, list) else [value]) if v not in (None, "")]
    ids = []
    for text in texts:
        exact = cat.resolve(entity, text)
        for ident in [exact] if exact else find_ids(entity, text, cat):
            if ident not in ids:
                ids.append(ident)
    return ids, texts


OWN_JUDGEMENT = "Eigen oordeel van het team"


def outcome_lines(result: dict) -> list:
    """The assessment as a case's known outcome, labelled as the team's own judgement."""
    names = pillar_names()
    pillars = "; ".join(f"{names[p].lower()} {getal(result['scores'][p])}" for p in PILLARS)
    lines = [f"{OWN_JUDGEMENT}: gemiddeld {getal(result['totaal'])} van de 5 ({pillars})"]
    if (result.get("inclusie") or {}).get("score") is not None:
        lines.append(f"{OWN_JUDGEMENT} over meedoen van iedereen (inclusie): "
                     f"{getal(result['inclusie']['score'])} van de 5")
    return lines


def own_source(gemeente, day) -> str:
    """The source of an own evaluation: the team's own words ("eigen evaluatie, Deventer, 7 december 2026")."""
    return ", ".join(part for part in ("eigen evaluatie", gemeente, datum(day)) if part)


def save_evaluation(session, answers, meta: dict) -> str:
    """Store an assessment as a case marked as own evaluation, plus an assessment row; returns the case id.

    meta: titel, gemeente, thema (required), jaar, schaal, niveau, doelgroepen, methodes, tools (ids, names or
    short free text; the text is kept beside the ids), aanpak (the team's own words for what they did),
    wat_gebeurde (what happened, short free text) and opmerkingen (remarks given with a score).
    The case reads like any other: its outcome is the team's own judgement (the scores, labelled as such),
    what went well and what can be better are the strengths and improvement points, and its source is
    the team's own evaluation. It counts as evidence for its methods (see evidence.py and regels.yml).
    """
    result = evaluate(answers)
    cat = load_catalogue()
    meta = dict(meta or {})
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    original = {}
    for key, entity, free_key in (("doelgroepen", "doelgroep", "doelgroepen"), ("methodes", "methode", "methoden"),
                                  ("tools", "tool", "digitale_tools")):
        ids, texts = _term_ids(entity, meta.pop(key, None), cat)
        meta[key] = ids
        if texts and texts != ids:
            original[free_key] = texts
    approach = " ".join(str(meta.pop("aanpak", None) or "").split())
    if approach:
        original["aanpak"] = approach
    remarks = [str(r).strip() for r in meta.pop("opmerkingen", None) or [] if str(r).strip()]
    happened = meta.pop("wat_gebeurde", None)
    gemeente = meta.pop("gemeente", None)
    lines = outcome_lines(result)
    record = {"titel": meta.pop("titel", None) or "Zelfevaluatie van een participatietraject",
              "gemeente": gemeente or "Onbekend",
              "thema": meta.pop("thema", None), "jaar": meta.pop("jaar", None) or now.year,
              "bron": meta.pop("bron", None) or own_source(gemeente, now.date()), "bron_type": "eigen evaluatie",
              "scores": result["scores"], "voorbeeld": False, "eigen_evaluatie": True,
              "wat_gebeurde": happened, "resultaat": lines[0] + ".", "uitkomst": lines, "uitkomst_bekend": "ja",
              "wat_werkte": list(result["sterk"]), "wat_niet": list(result["verbeterpunten"]), **meta}
    if remarks:
        record["opmerking"] = "Opmerkingen van het team: " + "; ".join(r.rstrip(".") for r in remarks) + "."
    if original:
        record["origineel"] = original
    if not record["thema"]:
        raise AssessmentError("Voor het opslaan heb ik het thema van het traject nodig.")
    base = record.pop("id", None)
    records, errors, _warnings = parse_cases(json.dumps({"casussen": [record]}), "yaml")
    if errors:
        raise AssessmentError("Opslaan lukt niet: " + "; ".join(errors))
    rec = records[0]
    # Short and readable: the title slug would be cut off mid-word; date and theme say enough.
    rec["id"] = _free_id(session, base or f"evaluatie-{now:%Y%m%d-%H%M%S}-{rec['thema'].replace('_', '-')}")
    upsert_records(session, [rec], gedeeld=False)      # shared only after `casus deel ID`
    session.add(AssessmentRow(case_id=rec["id"], antwoorden=json.dumps(answers, sort_keys=True),
                              aangemaakt=now, totaal=result["totaal"],
                              **{f"score_{p}": result["scores"][p] for p in PILLARS}))
    session.flush()
    return rec["id"]


save_assessment = save_evaluation       # the name the chat action uses


def _free_id(session, base):
    base, n = base[:76], 1
    candidate = base
    while session.get(CaseRow, candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
