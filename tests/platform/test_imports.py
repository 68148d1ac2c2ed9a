"""The project's Python packages import each other without cycles and without patching sys.path.

The import graph is read from the source with `ast`, so no module is executed: every `import`
and `from ... import` of a project module, at the top of a file or inside a function (a
function-level import only hides a cycle until that function runs). Imports under
`if TYPE_CHECKING:` never run and are left out.
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
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` the module mod.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        for target in targets:
            while target and target not in modules:        # `import a.b.c` where c is a name
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


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
    assert "web.labels" in graph["web.chat"]                                              # from . import labels
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
