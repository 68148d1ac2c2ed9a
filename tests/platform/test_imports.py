"""The project's Python packages import each other without cycles and without patching sys.path,
and every import of a project module finds what it names.

The import graph is read from the source with `ast`, so no module is executed: every `import`
and `from ... import` of a project module, at the top of a file or inside a function (a
function-level import only hides a cycle, or a module that moved, until that function runs).
Imports under `if TYPE_CHECKING:` never run and are left out of the graph.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("besliswijzer", "actions", "web", "nlu_components", "rasa_plugins", "broker", "scripts", "bench")
# The cluster supervisor is being rewritten on its own (issue 20); it drops these patches there.
# Remove an entry as soon as its file no longer patches sys.path.
PATCHES_PENDING = {"scripts/cluster/cluster.py", "scripts/cluster/run.py"}


def module_files() -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the project's packages."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "__pycache__" in path.parts or "node_modules" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _type_checking_only(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules that module `name` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = _absolute(node, package)
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` the module mod.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        for target in targets:
            while target and target not in modules:        # `import a.b.c` where c is a name
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _absolute(node: ast.ImportFrom, package: str) -> str:
    """The module a `from ... import` reads from, with relative imports resolved."""
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[:len(package.split(".")) - (node.level - 1)]
        base = ".".join([*anchor, *([base] if base else [])])
    return base


def bound_names(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level (also inside if/try), as `from module import name` sees them."""
    names = set()

    def visit(nodes) -> None:
        for node in nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With)):
                names.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
            for part in ("body", "orelse", "finalbody", "handlers"):
                visit(getattr(node, part, None) or [])

    visit(tree.body)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_of_every_kind():
    """A check on the checker: top-level, function-level, relative and `from pkg import module`."""
    graph = import_graph()
    assert "besliswijzer.maintainers.scrub" in graph["besliswijzer.maintainers.inbox"]   # top level
    assert "besliswijzer.advice.engine" in graph["besliswijzer.cli"]                     # in a function
    assert "web.texts" in graph["web.plan"]                                               # from . import texts
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles_between_project_modules():
    found = cycles(import_graph())
    assert found == [], "import cycles (break each by moving what both sides need into one module):\n" + \
        "\n".join(" <-> ".join(cycle) for cycle in found)


def test_no_module_patches_sys_path():
    """Run scripts as `python -m scripts.NAME` from the project folder; the packages import normally."""
    patching = []
    for name, path in module_files().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and ast.unparse(node).startswith("sys.path."):
                patching.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert [place for place in patching if place.split(":")[0] not in PATCHES_PENDING] == []


def test_every_import_of_a_project_module_finds_it():
    """A module that moved breaks its importers; a function-level import would only show it when it runs."""
    modules = module_files()
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in modules.items()}
    missing = []
    for name, tree in trees.items():
        package = name if modules[name].name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                missing += [f"{name}: import {alias.name}" for alias in node.names
                            if alias.name.split(".")[0] in PACKAGES and alias.name not in modules]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, package)
                if base.split(".")[0] not in PACKAGES:
                    continue
                if base not in modules:
                    missing.append(f"{name}: from {base} import ...")
                    continue
                names = bound_names(trees[base])
                missing += [f"{name}: from {base} import {alias.name}" for alias in node.names
                            if alias.name != "*" and f"{base}.{alias.name}" not in modules
                            and alias.name not in names and "__getattr__" not in names]
    assert missing == []


def test_bound_names_sees_what_a_module_defines():
    tree = ast.parse("import os.path\nfrom x import y as z\nA = 1\ntry:\n    import b\nexcept ImportError:\n"
                     "    b = None\ndef f():\n    hidden = 1\nclass C: pass\n")
    assert bound_names(tree) == {"os", "z", "A", "b", "f", "C"}
