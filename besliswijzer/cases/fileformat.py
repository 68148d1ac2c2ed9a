"""The case file formats (YAML and CSV): reading with Dutch errors and warnings per record and field, and writing.

Two ways in: the project's own format (what `casus export` writes: ids for themes, groups, methods and tools)
and the free-text format of living-lab findings (`../shared/data/echte-casussen.yml`: the words of the
sources, mapped onto ids by cases/mapping.py). One way out: the project's own format, lossless.
"""
import csv
import io
import json
import re

import yaml

from besliswijzer.cases.mapping import (FREE_TEXT_KEYS, check_gemeente, check_year, is_free_text, map_free_text,
                                        read_period, unknown)
from besliswijzer.reference.catalogue import CHANNELS, load_catalogue
from besliswijzer.text.fold import fold
from besliswijzer.cases.licence import attribution, default_licence, licence_name, licence_of, terms
from besliswijzer.reference.datafiles import SafeDumper, load_yaml_text
from besliswijzer.storage.models import PILLARS

FIELDS = ("id", "titel", "gemeente", "land", "partnergemeente", "jaar", "jaar_tot", "periode", "thema", "themas",
          "schaal", "doelgroepen", "niveau", "beleidsfasen", "methodes", "tools", "kanaal", "deelnemers",
          "aantal_deelnemers", "budget_euro", "budget_te_verdelen", "kosten", "duur_weken", "duur", "doel",
          "werving", "wat_gebeurde", "resultaat", "uitkomst", "uitkomst_bekend", "wat_werkte", "wat_niet", "lessen",
          "scores", "voorbeeld", "eigen_evaluatie", "bron", "bron_type", "bronnen", "licentie", "opmerking",
          "origineel")
LIST_FIELDS = {"doelgroepen": "doelgroep", "methodes": "methode", "tools": "tool", "themas": "thema",
               "beleidsfasen": "beleidsfase"}
TERM_FIELDS = {"thema": "thema", "schaal": "schaal", "niveau": "niveau"}
INT_FIELDS = {"jaar": (1900, 2100), "jaar_tot": (1900, 2100), "deelnemers": (0, 10_000_000),
              "budget_euro": (0, 1_000_000_000), "duur_weken": (0, 1000)}
TEXT_FIELDS = ("doel", "werving", "wat_gebeurde", "resultaat", "lessen", "bron", "land", "periode",
               "aantal_deelnemers", "budget_te_verdelen", "kosten", "duur", "bron_type", "opmerking")
TEXT_LISTS = ("uitkomst", "wat_werkte", "wat_niet")
BOOL_FIELDS = {"voorbeeld": False, "eigen_evaluatie": False, "partnergemeente": None}
OUTCOME_KNOWN = ("ja", "deels", "nee")
REQUIRED = ("titel", "gemeente")
SOURCE_KEYS = ("url", "titel", "repository", "pad")
JSON_COLUMNS = ("uitkomst", "wat_werkte", "wat_niet", "bronnen", "origineel")   # JSON inside a CSV cell
CSV_COLUMNS = [f for f in FIELDS if f != "scores"] + [f"score_{p}" for p in PILLARS]
LIST_SEPARATOR = "|"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
ID_LENGTH = 80
TRUE_WORDS, FALSE_WORDS = {"true", "ja", "1", "waar", "yes"}, {"false", "nee", "0", "onwaar", "no"}


def slug(text: str, length=ID_LENGTH) -> str:
    """Lowercase words joined by '-', cut at a word boundary."""
    text = fold(text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    out = ""
    for word in words:
        if len(out) + len(word) + (1 if out else 0) > length:
            break
        out = f"{out}-{word}" if out else word
    return out or "casus"


def case_id_for(gemeente, jaar, titel) -> str:
    """A stable id for a case without one: municipality, year and title, so a follow-up year gets its own id."""
    return slug(" ".join(str(p) for p in (gemeente, jaar, titel) if p))


class _RecordChecker:
    """Collects problems of one record as 'Casus N (...), veld X: ...' (errors refuse the file, warnings not)."""

    def __init__(self, where, errors, warnings):
        self.where, self.errors, self.warnings = where, errors, warnings

    def add(self, field, problem):
        self.errors.append(f"{self.where}, veld '{field}': {problem}")

    def warn(self, field, problem):
        self.warnings.append(f"{self.where}, veld '{field}': {problem}")


def _text(value):
    return " ".join(str(value).split())


NO_METHOD = ("geen enkele methode gekoppeld: deze casus telt niet mee als bewijs voor een advies. Voeg een "
             "synoniem toe aan de catalogus of bevestig een voorstel (casus import --voorstel)")


def _check_record(raw, where, cat, errors, warnings, proposals=None):
    """Validate one raw record; returns a normalised dict (FIELDS) or None when it has errors."""
    check, before = _RecordChecker(where, errors, warnings), len(errors)
    if not isinstance(raw, dict):
        errors.append(f"{where}: verwacht velden met waarden (naam: waarde).")
        return None
    free = is_free_text(raw)
    known = set(FIELDS) | (set(FREE_TEXT_KEYS) if free else set())
    for key in sorted(set(raw) - known):
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
    for field in TEXT_LISTS:
        rec[field] = _check_text_list(raw.get(field), field, check)
    rec["bronnen"] = _check_sources(raw.get("bronnen"), check)
    licence = raw.get("licentie")
    if licence not in (None, ""):
        rec["licentie"] = str(licence).strip()
        if not re.match(r"^https?://\S+$", rec["licentie"]):
            check.add("licentie", f"'{licence}' is geen webadres van een licentie (begint met https://)")
    if not rec["bronnen"] and not rec["bron"]:
        check.add("bronnen", "ontbreekt; een casus heeft minstens één bron nodig (url en titel)")
    if free:
        rec.update(map_free_text(raw, cat, check.warn, proposals))
        if raw.get("niveau") or raw.get("methodes"):
            check.add("methoden", "gebruik óf de vrije tekst (methoden, participatieniveau) óf ids (methodes, niveau)")
    else:
        _check_ids(raw, rec, cat, check)
        rec["origineel"] = raw.get("origineel") if isinstance(raw.get("origineel"), dict) else None
        if raw.get("origineel") not in (None, "") and rec["origineel"] is None:
            check.add("origineel", "moet velden met de oorspronkelijke tekst bevatten")
    if not rec["thema"] and not free:
        check.warn("thema", unknown("thema"))
    kanaal = raw.get("kanaal")
    if kanaal not in (None, ""):
        if str(kanaal).strip().lower() not in CHANNELS:
            check.add("kanaal", f"'{kanaal}' moet fysiek, online of hybride zijn")
        rec["kanaal"] = str(kanaal).strip().lower()
    _check_period(raw, rec, check, free)
    for field, (low, high) in INT_FIELDS.items():
        if field not in ("jaar", "jaar_tot"):
            rec[field] = _check_int(raw.get(field), field, low, high, check)
    rec["scores"] = _check_scores(raw.get("scores"), check)
    for field, default in BOOL_FIELDS.items():
        rec[field] = _check_bool(raw.get(field), field, default, check)
    outcome = raw.get("uitkomst_bekend")
    if outcome not in (None, ""):
        rec["uitkomst_bekend"] = str(outcome).strip().lower()
        if rec["uitkomst_bekend"] not in OUTCOME_KNOWN:
            check.add("uitkomst_bekend", f"'{outcome}' moet ja, deels of nee zijn")
    if rec["gemeente"]:
        check_gemeente(rec["gemeente"], rec["land"], check.warn)
    if not rec["methodes"] and not rec.get("voorbeeld"):
        check.warn("methoden" if free else "methodes", NO_METHOD)
    ident = raw.get("id")
    if ident in (None, ""):
        if rec["titel"] and rec["gemeente"]:
            rec["id"] = case_id_for(rec["gemeente"], rec["jaar"], rec["titel"])
    elif not ID_PATTERN.match(str(ident)):
        check.add("id", f"'{ident}' mag alleen kleine letters, cijfers, - en _ bevatten (hoogstens 80 tekens)")
    else:
        rec["id"] = str(ident)
    return rec if len(errors) == before else None


def _check_ids(raw, rec, cat, check):
    """The project's own format: ids (or exact names and synonyms) of vocabulary and catalogue."""
    for field, entity in TERM_FIELDS.items():
        value = raw.get(field)
        if value in (None, ""):
            continue
        ident = cat.resolve(entity, str(value))
        if ident is None:
            hint = cat.suggest(entity, str(value))
            check.add(field, f"'{value}' is {unknown(entity)}"
                      + (f"; bedoelt u '{hint[0]}'?" if hint else f". Kies uit: {', '.join(cat.ids(entity))}"))
        rec[field] = ident
    for field, entity in LIST_FIELDS.items():
        rec[field] = _check_list(raw.get(field), field, entity, cat, check)
    if rec["thema"] and rec["thema"] not in rec["themas"]:
        rec["themas"] = [rec["thema"], *rec["themas"]]


def _check_period(raw, rec, check, free):
    """`jaar` may be a year or a period as the source gives it ("2023-2024 (drie edities)")."""
    value = raw.get("jaar")
    first, last, text = read_period(value) if not isinstance(value, (bool, float, dict, list)) else (value, None, None)
    if value not in (None, "") and first is None and text:
        if free:
            check.warn("jaar", f"in '{text}' staat geen jaartal; de tekst is bewaard")
        else:
            check.add("jaar", f"'{text}' moet een jaartal zijn, zoals 2024 of 2023-2024")
    rec["jaar"] = _check_int(first, "jaar", *INT_FIELDS["jaar"], check)
    if raw.get("jaar_tot") not in (None, ""):
        last = raw.get("jaar_tot")
    rec["jaar_tot"] = _check_int(last, "jaar_tot", *INT_FIELDS["jaar_tot"], check)
    if text and not rec["periode"]:
        rec["periode"] = text
    check_year(rec["jaar"], rec["jaar_tot"], check.warn)


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
            check.add(field, f"'{item}' is {unknown(entity)}" + (f"; bedoelt u '{hint[0]}'?" if hint else ""))
        elif ident not in out:
            out.append(ident)
    return out


def _check_text_list(value, field, check):
    if value in (None, "", []):
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        check.add(field, "moet een lijst van korte zinnen zijn")
        return None
    return [_text(v) for v in value if v not in (None, "")] or None


def _check_sources(value, check):
    """Each source: url + titel, or a file in a public repository (repository + pad + titel)."""
    if value in (None, "", []):
        return []
    if not isinstance(value, list):
        value = [value]
    out = []
    for i, item in enumerate(value, 1):
        if isinstance(item, str):
            item = {"url": item} if item.strip().startswith("http") else {"titel": item}
        if not isinstance(item, dict) or set(item) - set(SOURCE_KEYS):
            check.add(f"bronnen.{i}", "een bron heeft een 'url' en een 'titel' (of 'repository', 'pad' en 'titel')")
            continue
        source = {k: _text(item[k]) for k in SOURCE_KEYS if item.get(k) not in (None, "")}
        if source.get("repository") and not source.get("url"):
            source = {"url": f"https://github.com/{source['repository']}", **source}
        url = source.get("url")
        if not url and not source.get("titel"):
            check.add(f"bronnen.{i}", "een bron heeft een 'url' en een 'titel'")
        elif url and not re.match(r"^https?://\S+$", url):
            check.add(f"bronnen.{i}", f"'{url}' is geen webadres (begint met http:// of https://)")
        else:
            out.append({k: source[k] for k in SOURCE_KEYS if k in source})
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


def _check_bool(value, field, default, check):
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    check.add(field, f"'{value}' moet ja of nee (true of false) zijn")
    return default


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
        errors.append("Verwacht bovenaan 'casussen:' met een lijst van casussen (of alleen de lijst).")
        return []
    return [(f"Casus {i}", raw) for i, raw in enumerate(doc, 1)]


def _csv_cell(column, value):
    if column in JSON_COLUMNS and value.lstrip().startswith(("[", "{")):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if column in JSON_COLUMNS and column != "origineel":
        return [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
    return value


def _raw_csv(text, errors):
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","     # Dutch Excel writes ';'
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = reader.fieldnames or []
    unknown_columns = [h for h in header if h not in CSV_COLUMNS]
    if unknown_columns:
        errors.append(f"Onbekende kolom(men): {', '.join(unknown_columns)}. "
                      f"Bekende kolommen: {', '.join(CSV_COLUMNS)}.")
        return []
    records = []
    for line, row in enumerate(reader, 2):
        if None in row:
            errors.append(f"Regel {line}: deze regel heeft meer waarden dan er kolommen zijn.")
            continue
        raw = {k: _csv_cell(k, v) for k, v in row.items() if not k.startswith("score_") and v not in ("", None)}
        raw["scores"] = {p: row.get(f"score_{p}") for p in PILLARS}
        records.append((f"Regel {line}", raw))
    return records


def parse_cases(text: str, fmt: str, catalogue=None, proposals=None):
    """Parse and check every record. Returns (records, errors, warnings), each naming record and field in Dutch.

    `proposals` (a list) receives what free text may mean but does not name: {casus, titel, veld, tekst,
    entiteit, id} (see cases/mapping.py), for the maintainer to confirm."""
    cat, errors, warnings = catalogue or load_catalogue(), [], []
    raws = _raw_csv(text, errors) if fmt == "csv" else _raw_yaml(text, errors)
    records, seen = [], {}
    for where, raw in raws:
        label = where
        if isinstance(raw, dict) and raw.get("titel"):
            label = f"{where} ('{_text(raw['titel'])[:60]}')"
        own = []
        rec = _check_record(raw, label, cat, errors, warnings, own)
        if rec is None:
            continue
        if proposals is not None:
            proposals.extend({"casus": rec["id"], "titel": rec["titel"], **p} for p in own)
        if rec["id"] in seen:
            errors.append(f"{label}, veld 'id': '{rec['id']}' komt ook voor bij {seen[rec['id']]}")
            continue
        seen[rec["id"]] = label
        records.append(rec)
    if not raws and not errors:
        errors.append("Het bestand bevat geen casussen.")
    return records, errors, warnings


# --- writing ---------------------------------------------------------------------------------

def licence_header(records) -> str:
    """Comment lines naming every licence other than this installation's own, with attribution and its terms."""
    counts = {}
    for r in records:
        url = licence_of(r)
        if url != default_licence():
            key = (url, attribution(r))
            counts[key] = counts.get(key, 0) + 1
    lines = []
    for (url, credit), count in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        data = f"gegevens van {credit}" if credit else "gegevens"
        lines.append(f"# Licentie: {count} casus{'sen' if count != 1 else ''} bevat{'ten' if count != 1 else ''} "
                     f"{data} onder {licence_name(url)} ({url})"
                     + (f": {terms(url)}" if terms(url) else "") + ".\n")
    return "".join(lines)


def dump_yaml(records) -> str:
    header = ("# Casussen uit de besliswijzer. Importeer met: python -m besliswijzer casus import BESTAND\n"
              + licence_header(records))
    body = yaml.dump({"casussen": [{f: r[f] for f in FIELDS} for r in records]}, Dumper=SafeDumper,
                     allow_unicode=True, sort_keys=False, width=100)
    return header + body


def _csv_value(column, value):
    if value is None:
        return ""
    if column in JSON_COLUMNS:
        return json.dumps(value, ensure_ascii=False, sort_keys=column == "origineel")
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def dump_csv(records) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([_csv_value(col, r["scores"][col[len("score_"):]] if col.startswith("score_") else r[col])
                         for col in CSV_COLUMNS])
    return out.getvalue()
