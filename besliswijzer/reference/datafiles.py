"""Reading the YAML data files in besliswijzer/data, with errors that name file and place."""
import re
from pathlib import Path

import yaml

from besliswijzer.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
# libyaml's parser is about ten times faster than the pure-Python one; same results.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml_text(text):
    return yaml.load(text, Loader=SafeLoader)


def read_yaml(name: str, data_dir=None):
    """Parse one data file; a missing or broken file raises DataFileError naming the file and line."""
    path = Path(data_dir or DATA_DIR) / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"Gegevensbestand ontbreekt: {path.name}") from None
    try:
        return load_yaml_text(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"{path.name}{where}: dit is geen geldige YAML: {problem}") from None


class TextFile:
    """User-facing Dutch texts of one YAML file, looked up by a dotted key ("vragen.schaal.vraag").

    The actions and the web app each keep their texts beside their code; this is the one way both read
    them: parsed once, a missing key is a KeyError naming the key (a bug, found by the tests)."""

    def __init__(self, path):
        self.path = Path(path)
        self._data = None

    def _node(self, key: str):
        if self._data is None:
            self._data = read_yaml(self.path.name, self.path.parent)
        node = self._data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"{self.path.name}: no text at '{key}'")
            node = node[part]
        return node

    def text(self, key: str, **values) -> str:
        """The text at `key`, with {names} filled in from `values`."""
        node = self._node(key)
        return node.format(**values) if values else node

    def section(self, key: str):
        """A whole section (a dict or list) at `key`."""
        return self._node(key)


class Record:
    """Typed access to one mapping of a data file; every error names file, record and field."""

    def __init__(self, fname: str, where: str, data):
        if not isinstance(data, dict):
            raise DataFileError(f"{fname}, {where}: verwacht een lijst van velden (naam: waarde).")
        self.fname, self.where, self.data = fname, where, data

    def fail(self, field, problem):
        raise DataFileError(f"{self.fname}, {self.where}, veld '{field}': {problem}")

    def str(self, field, required=True, default=None):
        value = self.data.get(field)
        if value is None:
            if required:
                self.fail(field, "ontbreekt")
            return default
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "moet een tekst zijn")
        return " ".join(value.split()) if "\n" in value else value.strip()

    def int(self, field, minimum=0):
        value = self.data.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(field, f"moet een heel getal van minstens {minimum} zijn")
        return value

    def bool(self, field, default=False):
        value = self.data.get(field, default)
        if not isinstance(value, bool):
            self.fail(field, "moet true of false zijn")
        return value

    def choice(self, field, allowed, required=True):
        value = self.str(field, required=required)
        if value is not None and value not in allowed:
            self.fail(field, f"'{value}' is geen geldige waarde; kies uit {', '.join(sorted(allowed))}")
        return value

    def list(self, field, allowed=None, required=True, nonempty=False):
        value = self.data.get(field)
        if value is None:
            if required:
                self.fail(field, "ontbreekt")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(field, "moet een lijst van teksten zijn")
        if nonempty and not value:
            self.fail(field, "mag niet leeg zijn")
        if allowed is not None:
            bad = [v for v in value if v not in allowed]
            if bad:
                self.fail(field, f"onbekende waarde(n) {', '.join(bad)}; kies uit {', '.join(sorted(allowed))}")
        return tuple(v.strip() for v in value)

    def sources(self, field="bronnen", nonempty=True):
        """A list of sources, each {url: https://..., titel: ...}; returned as a tuple of dicts."""
        value = self.data.get(field)
        if value is None:
            self.fail(field, "ontbreekt")
        if not isinstance(value, list):
            self.fail(field, "moet een lijst van bronnen zijn (url en titel)")
        if nonempty and not value:
            self.fail(field, "mag niet leeg zijn: noem minstens één bron met url en titel")
        out = []
        for i, source in enumerate(value, 1):
            if not isinstance(source, dict) or set(source) - {"url", "titel"}:
                self.fail(field, f"bron {i} moet de velden url en titel hebben")
            url, title = source.get("url"), source.get("titel")
            if not isinstance(url, str) or not re.fullmatch(r"https?://[^\s]+", url.strip()):
                self.fail(field, f"bron {i}: url moet een webadres zijn dat met http:// of https:// begint")
            if not isinstance(title, str) or not title.strip():
                self.fail(field, f"bron {i}: titel ontbreekt")
            out.append({"url": url.strip(), "titel": " ".join(title.split())})
        return tuple(out)
