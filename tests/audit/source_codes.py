"""Every audit action code the source can write, read from the source itself (ast over src/countydesk).

A code is a literal, an f-string, or a name passed down from the callers of the function that calls
`record(...)`; names and f-string parts are followed up through those callers (recursively) and
evaluated in the calling module (so `Status.SIGNED` gives "signed"). A part that cannot be followed is
an error naming the file and line, so a new kind of dynamic code needs a resolver here, never a guess.
"""

import ast
import itertools
from dataclasses import dataclass, field
from enum import Enum
from importlib import import_module
from pathlib import Path

import countydesk

PACKAGE = Path(countydesk.__file__).parent


class Unresolvable(Exception):
    pass


@dataclass
class Module:
    name: str
    path: Path
    tree: ast.Module
    parents: dict = field(default_factory=dict)

    def enclosing_function(self, node):
        while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node = self.parents.get(node)
        return node

    def evaluate(self, node):
        value = eval(compile(ast.Expression(node), str(self.path), "eval"), vars(import_module(self.name)))
        return value.value if isinstance(value, Enum) else value


def _modules() -> list[Module]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts)
        module = Module(name, path, tree)
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                module.parents[child] = parent
        found.append(module)
    return found


def _imports_record(module: Module) -> bool:
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "record" for a in node.names):
            if node.module == "countydesk.audit.services" or (module.name.startswith("countydesk.audit")
                                                               and node.module == "services"):
                return True
    return False


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


class Scanner:
    def __init__(self):
        self.modules = _modules()

    def record_calls(self):
        """(module, call) for every `record(actor, code, ...)` in a module importing audit's record."""
        for module in self.modules:
            if not _imports_record(module):
                continue
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call) and _called_name(node) == "record" and len(node.args) >= 2:
                    yield module, node

    def codes(self, skip=lambda module, call: False) -> dict[str, str]:
        """code -> "file:line" of one place that writes it."""
        found = {}
        for module, call in self.record_calls():
            if skip(module, call):
                continue
            for code in self.resolve(module, call.args[1], call):
                found.setdefault(code, f"{module.path.relative_to(PACKAGE.parent)}:{call.lineno}")
        return found

    def resolve(self, module: Module, node, at) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return self.resolve(module, node.body, at) | self.resolve(module, node.orelse, at)
        if isinstance(node, ast.JoinedStr):
            parts = [self.resolve(module, v.value if isinstance(v, ast.FormattedValue) else v, at) for v in node.values]
            return {"".join(p) for p in itertools.product(*parts)}
        function = module.enclosing_function(at)
        if isinstance(node, ast.Name) and function is not None and node.id in _parameters(function):
            return self._from_callers(module, function, node.id)
        special = SPECIAL.get(ast.unparse(node))
        if special is not None:
            return special(self)
        try:
            return {str(module.evaluate(node))}
        except Exception as exc:  # noqa: BLE001 — any failure means the code cannot be read statically
            raise Unresolvable(f"{module.path}:{node.lineno}: cannot read the audit code {ast.unparse(node)!r}") from exc

    def _from_callers(self, module: Module, function, parameter: str) -> set[str]:
        position = _parameters(function).index(parameter)
        values, calls = set(), 0
        for caller, call in self._calls_of(module, function.name):
            argument = _argument(call, position, parameter)
            if argument is not None:
                calls += 1
                values |= self.resolve(caller, argument, call)
        if not calls:
            raise Unresolvable(f"{module.path}:{function.lineno}: no caller gives {function.name}() its {parameter}")
        return values

    def _calls_of(self, module: Module, name: str):
        private = name.startswith("_")
        for other in self.modules:
            if other is not module and (private or not _imports_name(other, name)):
                continue
            for node in ast.walk(other.tree):
                if isinstance(node, ast.Call) and _called_name(node) == name:
                    yield other, node

    def kind_actions(self) -> set[str]:
        """The audit names of every `records.Kind(app, action, ...)`."""
        values = set()
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call) and _called_name(node) == "Kind" and len(node.args) >= 2:
                    values |= self.resolve(module, node.args[1], node)
        return values

    def transition_actions(self) -> set[str]:
        """The audit codes of every workflow transition: `step(name, sources, target, action)` or Transition(...)."""
        values = set()
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call) and _called_name(node) in ("step", "Transition"):
                    argument = _argument(node, 3, "action")
                    if argument is not None:
                        values |= self.resolve(module, argument, node)
        return values


def _parameters(function) -> list[str]:
    return [a.arg for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs]


def _argument(call: ast.Call, position: int, name: str):
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    if position < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:position + 1]):
        return call.args[position]
    return None


def _imports_name(module: Module, name: str) -> bool:
    return any(isinstance(n, ast.ImportFrom) and any(a.name == name for a in n.names) for n in ast.walk(module.tree))


def _movement_kinds(scanner) -> set[str]:
    from countydesk.registry.supplies.models import StockMovement

    return {value for value, _ in StockMovement._meta.get_field("kind").choices}


# Attribute reads that are not parameters: where their values come from.
SPECIAL = {
    "kind.action": Scanner.kind_actions,
    "t.action": Scanner.transition_actions,
    "movement.kind": _movement_kinds,
}
