"""The case file format (YAML and CSV): reading with Dutch errors per record and field, and writing.

One format for the example cases in data/casussen.yml, `casus import` and `casus export`.
"""
import csv
import io
import re

import yaml

from .catalogue import CHANNELS, load_catalogue
from .datafiles import SafeDumper, load_yaml_text
from .models import PILLARS

FIELDS = ("id", "titel", "gemeente", "jaar", "thema", "schaal", "doelgroepen", "niveau", "methodes", "tools",
          "kanaal", "deelnemers", "budget_euro", "duur_weken", "doel", "werving", "wat_gebeurde", "resultaat",
          "lessen", "scores", "voorbeeld", "bron")
LIST_FIELDS = {"doelgroepen": "doelgroep", "methodes": "methode", "tools": "tool"}
TERM_FIELDS = {"thema": "thema", "schaal": "schaal", "niveau": "niveau"}
INT_FIELDS = {"jaar": (1900, 2100), "deelnemers": (0, 10_000_000), "budget_euro": (0, 1_000_000_000),
              "duur_weken": (0, 1000)}
TEXT_FIELDS = ("doel", "werving", "wat_gebeurde", "resultaat", "lessen", "bron")
REQUIRED = ("titel", "gemeente", "thema")
CSV_COLUMNS = [f for f in FIELDS if f != "scores"][:-2] + [f"score_{p}" for p in PILLARS] + ["voorbeeld", "bron"]
LIST_SEPARATOR = "|"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
TRUE_WORDS, FALSE_WORDS = {"true", "ja", "1", "waar", "yes"}, {"false", "nee", "0", "onwaar", "no", ""}


def slug(text: str) -> str:
    text = text.lower()
    for a, b in (("é", "e"), ("ë", "e"), ("è", "e"), ("ï", "i"), ("ö", "o"), ("ü", "u"), ("á", "a")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "casus"


class _RecordChecker:
    """Collects every problem of one record as 'Casus N (...), veld X: ...'."""

    def __init__(self, where, errors):
        self.where, self.errors = where, errors

    def add(self, field, problem):
        self.errors.append(f"{self.where}, veld '{field}': {problem}")


def _text(value):
    return " ".join(str(value).split())


def _check_record(raw, where, cat, errors):
    """Validate one raw record; returns a normalised dict (FIELDS) or None when it has errors."""
    check, before = _RecordChecker(where, errors), len(errors)
    if not isinstance(raw, dict):
        errors.append(f"{where}: verwacht velden met waarden (naam: waarde).")
        return None
    for key in sorted(set(raw) - set(FIELDS)):
        check.add(key, f"onbekend veld. Bekende velden: {', '.join(FIELDS)}")
    rec = {f: None for f in FIELDS}
    for field in REQUIRED:
        if raw.get(field) in (None, ""):
            check.add(field, "ontbreekt, maar is verplicht")
    for field in ("titel", "gemeente", *TEXT_FIELDS):
        value = raw.get(field)
        if value not in (None, ""):
            rec[field] = _text(value)
    if rec["titel"] and len(rec["titel"]) > 300:
        check.add("titel", "is te lang (hoogstens 300 tekens)")
    for field, entity in TERM_FIELDS.items():
        value = raw.get(field)
        if value in (None, ""):
            continue
        ident = cat.resolve(entity, str(value))
        if ident is None:
            hint = cat.suggest(entity, str(value))
            check.add(field, f"'{value}' is geen bekende {entity}"
                      + (f"; bedoelt u '{hint[0]}'?" if hint else f". Kies uit: {', '.join(cat.ids(entity))}"))
        rec[field] = ident
    for field, entity in LIST_FIELDS.items():
        rec[field] = _check_list(raw.get(field), field, entity, cat, check)
    kanaal = raw.get("kanaal")
    if kanaal not in (None, ""):
        if str(kanaal).strip().lower() not in CHANNELS:
            check.add("kanaal", f"'{kanaal}' moet fysiek, online of hybride zijn")
        rec["kanaal"] = str(kanaal).strip().lower()
    for field, (low, high) in INT_FIELDS.items():
        rec[field] = _check_int(raw.get(field), field, low, high, check)
    rec["scores"] = _check_scores(raw.get("scores"), check)
    rec["voorbeeld"] = _check_bool(raw.get("voorbeeld"), check)
    ident = raw.get("id")
    if ident in (None, ""):
        if rec["titel"] and rec["gemeente"]:
            rec["id"] = slug(f"{rec['titel']}-{rec['gemeente']}-{rec['jaar'] or ''}")
    elif not ID_PATTERN.match(str(ident)):
        check.add("id", f"'{ident}' mag alleen kleine letters, cijfers, - en _ bevatten (hoogstens 80 tekens)")
    else:
        rec["id"] = str(ident)
    return rec if len(errors) == before else None


def _check_list(value, field, entity, cat, check):
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [v for v in (p.strip() for p in value.split(LIST_SEPARATOR)) if v]
    if not isinstance(value, list):
        check.add(field, "moet een lijst zijn")
        return []
    out = []
    for item in value:
        ident = cat.resolve(entity, str(item))
        if ident is None:
            hint = cat.suggest(entity, str(item))
            check.add(field, f"'{item}' is geen bekende {entity}" + (f"; bedoelt u '{hint[0]}'?" if hint else ""))
        elif ident not in out:
            out.append(ident)
    return out


def _check_int(value, field, low, high, check):
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().replace(".", "").isdigit():
        value = int(value.strip().replace(".", ""))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        check.add(field, f"'{value}' moet een heel getal van {low} tot en met {high} zijn")
        return None
    return value


def _check_scores(value, check):
    scores = {p: None for p in PILLARS}
    if value in (None, ""):
        return scores
    if not isinstance(value, dict):
        check.add("scores", "moet de pijlers effect, meerwaarde, houding en competenties bevatten")
        return scores
    for key in sorted(set(value) - set(PILLARS)):
        check.add(f"scores.{key}", f"onbekende pijler; kies uit {', '.join(PILLARS)}")
    for pillar in PILLARS:
        raw = value.get(pillar)
        if raw in (None, ""):
            continue
        try:
            number = float(str(raw).replace(",", ".")) if not isinstance(raw, bool) else None
        except ValueError:
            number = None
        if number is None or not 1 <= number <= 5:
            check.add(f"scores.{pillar}", f"'{raw}' moet een getal van 1 tot en met 5 zijn")
        else:
            scores[pillar] = number
    return scores


def _check_bool(value, check):
    if value is None or isinstance(value, bool):
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    check.add("voorbeeld", f"'{value}' moet ja of nee (true of false) zijn")
    return False


# --- reading files ---------------------------------------------------------------------------

def _raw_yaml(text, errors):
    try:
        doc = load_yaml_text(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        errors.append("Het bestand is geen geldige YAML" + (f" (regel {mark.line + 1})" if mark else "") + ".")
        return []
    if isinstance(doc, dict) and "casussen" in doc:
        doc = doc["casussen"]
    if not isinstance(doc, list):
        errors.append("Verwacht bovenaan 'casussen:' met een lijst van casussen.")
        return []
    return [(f"Casus {i}", raw) for i, raw in enumerate(doc, 1)]


def _raw_csv(text, errors):
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","     # Dutch Excel writes ';'
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = reader.fieldnames or []
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        errors.append(f"Onbekende kolom(men): {', '.join(unknown)}. Bekende kolommen: {', '.join(CSV_COLUMNS)}.")
        return []
    records = []
    for line, row in enumerate(reader, 2):
        raw = {k: v for k, v in row.items() if k is not None and not k.startswith("score_")}
        if None in row:
            errors.append(f"Regel {line}: deze regel heeft meer waarden dan er kolommen zijn.")
            continue
        raw["scores"] = {p: row.get(f"score_{p}") for p in PILLARS}
        records.append((f"Regel {line}", {k: v for k, v in raw.items() if v not in ("", None)}))
    return records


def parse_cases(text: str, fmt: str):
    """Parse and validate every record. Returns (records, errors); errors name record and field in Dutch."""
    cat, errors = load_catalogue(), []
    raws = _raw_csv(text, errors) if fmt == "csv" else _raw_yaml(text, errors)
    records, seen = [], {}
    for where, raw in raws:
        label = where
        if isinstance(raw, dict) and raw.get("titel"):
            label = f"{where} ('{_text(raw['titel'])[:60]}')"
        rec = _check_record(raw, label, cat, errors)
        if rec is None:
            continue
        if rec["id"] in seen:
            errors.append(f"{label}, veld 'id': '{rec['id']}' komt ook voor bij {seen[rec['id']]}")
            continue
        seen[rec["id"]] = label
        records.append(rec)
    if not raws and not errors:
        errors.append("Het bestand bevat geen casussen.")
    return records, errors


# --- writing ---------------------------------------------------------------------------------

def dump_yaml(records) -> str:
    header = "# Casussen uit de besliswijzer. Importeer met: python -m besliswijzer casus import BESTAND\n"
    body = yaml.dump({"casussen": [{f: r[f] for f in FIELDS} for r in records]}, Dumper=SafeDumper,
                     allow_unicode=True, sort_keys=False, width=100)
    return header + body


def dump_csv(records) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        row = []
        for col in CSV_COLUMNS:
            if col.startswith("score_"):
                value = r["scores"][col[len("score_"):]]
            else:
                value = r[col]
            if isinstance(value, list):
                value = LIST_SEPARATOR.join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            row.append("" if value is None else value)
        writer.writerow(row)
    return out.getvalue()
