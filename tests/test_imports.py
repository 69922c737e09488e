"""The helpers package has layers: no import cycle, and no module that reaches up.

Every module under helpers/ is read with ``ast`` (not imported), so function-level
imports count too: an import hidden in a function is still a dependency, and a cycle
through it breaks as soon as someone moves it to the top of the file.

Edges: ``import helpers.x`` and ``from helpers.x import y`` depend on ``helpers.x`` (or on
``helpers.x.y`` when ``y`` is a module); ``from helpers import load_case`` depends on the
package's ``__init__`` (which imports case, spans...). The implicit import of a parent
package that Python performs is not counted: every module has it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "helpers"


def module_files() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "data" in path.relative_to(PACKAGE).parts[:1]:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imported(module: str, path: Path, node, modules) -> set[str]:
    """The kit's modules one import statement depends on."""
    names = []
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        for alias in node.names:
            names.append(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    found = set()
    for name in names:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name:
            found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    graph = {}
    for module, path in modules.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges |= _imported(module, path, node, modules)
        edges.discard(module)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each as a path."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _one_loop(graph, group) -> str:
    """A readable loop inside a group: a -> b -> ... -> a."""
    start = group[0]
    members = set(group)
    path, seen = [start], {start}
    while True:
        nxt = sorted(graph[path[-1]] & members)
        back = [n for n in nxt if n == start]
        if back and len(path) > 1:
            return " -> ".join(path + [start])
        fresh = [n for n in nxt if n not in seen]
        if not fresh:
            loop_to = next(n for n in nxt if n in seen)
            return " -> ".join(path[path.index(loop_to):] + [loop_to])
        path.append(fresh[0])
        seen.add(fresh[0])


def test_the_graph_sees_function_level_and_relative_imports():
    graph = import_graph()
    # a sample the walk must find: a top-level relative import, and the package's own
    assert "helpers.problems" in graph["helpers.case"]
    assert "helpers.case" in graph["helpers"]
    assert len(graph) > 40


def test_cycles_are_found_when_there_are_some():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_helpers():
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles in helpers/ (function-level imports count):\n" + "\n".join(
        _one_loop(graph, group) for group in found)


#: module prefix -> modules it must not import (directly). Lower layers never reach up.
FORBIDDEN = {
    "helpers.lenses": ("helpers.widgets", "helpers.analyze", "helpers.charts", "helpers.case",
                       "helpers.annotations", "helpers.spans"),
    "helpers.case": ("helpers.analyze", "helpers.widgets", "helpers.charts", "helpers.spans"),
    "helpers.textio": ("helpers.case", "helpers.annotations"),
    "helpers.folders": ("helpers.",),
    "helpers.catalogue": ("helpers.",),
    "helpers.annotations": ("helpers.case", "helpers.widgets", "helpers.analyze", "helpers.charts"),
    "helpers.new_case": ("helpers.analyze", "helpers.widgets"),
    "helpers.charts": ("helpers.widgets", "helpers.analyze"),
}


@pytest.mark.parametrize("low", sorted(FORBIDDEN))
def test_lower_layers_do_not_reach_up(low):
    graph = import_graph()
    offenders = []
    for module, edges in graph.items():
        if module != low and not module.startswith(low + "."):
            continue
        for target in sorted(edges):
            if any(target == bad or target.startswith(bad.rstrip(".") + ".") or
                   (bad.endswith(".") and target.startswith(bad)) for bad in FORBIDDEN[low]):
                offenders.append(f"{module} imports {target}")
    assert not offenders, "\n".join(offenders)
