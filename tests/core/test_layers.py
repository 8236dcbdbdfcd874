"""The layers of ../shared/DESIGN.md hold: apps import downward only, and no modules import each other in a circle.

Every import counts, at the top of a module or inside a function: a lazy import hides a cycle, it
does not remove it.
"""

import ast
from collections import defaultdict
from pathlib import Path

import countydesk

PACKAGE = Path(countydesk.__file__).parent

# The floor, top first: each may import only those after it. Chapters stand on all of it, web on
# everything; nothing imports web.
FLOOR = ["demo", "search", "core", "orgs", "accounts", "audit", "base", "textkit", "geo"]
TOP = {"web", "urls", "settings", "cli", "wsgi", "asgi"}


def _modules():
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        if "migrations" in rel.parts:
            continue
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        yield name, path


MODULES = dict(_modules())


def _app(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return ""
    return ".".join(parts[:2]) if parts[0] == "registry" and len(parts) > 1 else parts[0]


def _imports(module: str, path: Path):
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


def _graph():
    graph = defaultdict(set)
    for module, path in MODULES.items():
        for target in _imports(module, path):
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith("countydesk.") and target != module:
                graph[module].add(target)
    return graph


GRAPH = _graph()


def _cycles(edges: dict) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def _app_edges():
    edges = defaultdict(set)
    for module, targets in GRAPH.items():
        for target in targets:
            if _app(module) != _app(target):
                edges[_app(module)].add(_app(target))
    return edges


def test_no_module_imports_itself_in_a_circle():
    assert _cycles(GRAPH) == []


def test_no_two_apps_import_each_other_in_a_circle():
    assert _cycles(_app_edges()) == []


def test_floor_apps_import_only_the_floor_below_them():
    wrong = [(app, target) for app, targets in _app_edges().items() if app in FLOOR
             for target in targets if target not in FLOOR[FLOOR.index(app) + 1:]]
    assert wrong == []


def test_nothing_below_the_top_imports_web():
    assert [app for app, targets in _app_edges().items() if "web" in targets and app not in TOP] == []


def test_the_check_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
