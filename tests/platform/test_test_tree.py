"""The test tree keeps its shape: shared helpers in tests/support, fixtures in conftest.py files.

pytest finds a test's fixtures in the conftest.py of its folder and of the folders above it; a fixture
imported by name from another folder's conftest.py is a second copy pytest does not know belongs
there. A helper that two test modules share lives in tests/support, never in a conftest.py or in a
test module (a test module imported by another runs its imports twice, under two names).
Read with `ast`, so nothing is executed.
"""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def imported_modules(path: Path, root: Path) -> list[str]:
    """The dotted modules `path` imports (relative imports resolved); `root` is the folder holding tests/."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:        # `from tests.support import contract` imports a module
                candidate = root.joinpath(*module.split("."), alias.name)
                is_module = candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists()
                names.append(f"{module}.{alias.name}" if is_module else module)
    return names


def offences(path: Path, root: Path) -> list[str]:
    found = []
    for module in dict.fromkeys(imported_modules(path, root)):          # each module once, in order
        last = module.rsplit(".", 1)[-1]
        if not module.startswith("tests."):
            continue
        if last == "conftest":
            found.append(f"{module}: a fixture belongs in tests/conftest.py or in this folder's conftest.py")
        elif last.startswith("test_"):
            found.append(f"{module}: a helper two test modules share belongs in tests/support")
    return found


def test_no_test_file_imports_a_conftest_or_another_test_module():
    found = {str(path.relative_to(TESTS.parent)): offences(path, TESTS.parent)
             for path in sorted(TESTS.rglob("*.py")) if "node_modules" not in path.parts}
    assert {path: bad for path, bad in found.items() if bad} == {}


def test_the_rule_sees_each_way_of_breaking_it(tmp_path):
    for folder in ("web", "core", "support"):
        (tmp_path / "tests" / folder).mkdir(parents=True)
        (tmp_path / "tests" / folder / "__init__.py").write_text("")
    for name in ("core/test_cli.py", "web/test_other.py", "web/conftest.py", "support/ci.py"):
        (tmp_path / "tests" / name).write_text("")
    sample = tmp_path / "tests" / "web" / "test_sample.py"
    sample.write_text("from .conftest import app\nfrom tests.core.conftest import db_url\n"
                      "from tests.core.test_cli import run\nfrom . import test_other, conftest\n"
                      "import tests.core.test_cli\n"
                      "from tests.support.ci import need\nfrom tests.support import ci\nfrom besliswijzer import cli\n",
                      encoding="utf-8")
    assert [f.split(":")[0] for f in offences(sample, tmp_path)] == [
        "tests.web.conftest", "tests.core.conftest", "tests.core.test_cli", "tests.web.test_other"]
