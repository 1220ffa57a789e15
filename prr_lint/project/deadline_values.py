"""PRR501: the values of job deadlines (Celery time limits, django-q and RQ timeouts) read from the code.

A deadline counts only when its value is known: a number, arithmetic on numbers, a module constant (the
module's own, or one it imports from a project module: `from app.config import HARD_LIMIT`,
`config.HARD_LIMIT`, through re-exports), `timedelta(minutes=15).total_seconds()`, a Django setting
`settings.X` bound at a module's top level, an environment lookup's default; and only up to `MAX_SECONDS`: half an hour, an hour or two days still lets one hung provider pin a worker that long.
"""

from __future__ import annotations

import re
from typing import Dict, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.project.index import ProjectIndex
from prr_lint.project.texts import parsed
from prr_lint.tree import dotted_name, module_bindings

MAX_SECONDS = 900.0
_TIMEDELTA_UNITS = {"weeks": 604800.0, "days": 86400.0, "hours": 3600.0, "minutes": 60.0, "seconds": 1.0, "milliseconds": 0.001}
_TIMEDELTA_ORDER = ("days", "seconds")


class Constants(Dict[str, cst.BaseExpression]):
    """A module's top-level bindings, with the path of the module they belong to: a name it imports is
    looked up in the module it comes from."""

    def __init__(self, values: Dict[str, cst.BaseExpression], path: str) -> None:
        super().__init__(values)
        self.path = path


class Sources:
    """The run's module texts by path, each parsed at most once (a module may hold task limits, sends
    and settings), and, called with a name, Django's setting of that name: the value a module's top
    level binds `NAME` to (the longest, when settings variants differ), read only for the names a
    limit uses."""

    def __init__(self, texts: Dict[str, Optional[str]], index: Optional[ProjectIndex] = None) -> None:
        self.texts = texts
        self._trees: Dict[str, Optional[cst.Module]] = {}
        self._bindings: Dict[str, Constants] = {}
        self.known: Dict[str, Optional[float]] = {}
        self._modules = {module.path: module for module in index.modules.values()} if index is not None else {}
        self._index = index
        self._imported: Dict[Tuple[str, str], Optional[float]] = {}

    def tree(self, path: str) -> Optional[cst.Module]:
        if path not in self._trees:
            text = self.texts.get(path)
            self._trees[path] = parsed(text) if text is not None else None
        return self._trees[path]

    def bindings(self, path: str) -> Constants:
        if path not in self._bindings:
            tree = self.tree(path)
            self._bindings[path] = Constants(module_bindings(tree) if tree is not None else {}, path)
        return self._bindings[path]

    def imported(self, path: str, dotted: str, depth: int) -> Optional[float]:
        """The value of `NAME` or `module.NAME` that the module at `path` imports from a project module
        (following re-exports), None when it is not a known number."""
        key = (path, dotted)
        if key not in self._imported:
            self._imported[key] = None
            self._imported[key] = self._imported_value(path, dotted, depth)
        return self._imported[key]

    def _imported_value(self, path: str, dotted: str, depth: int) -> Optional[float]:
        module = self._modules.get(path)
        head, _, rest = dotted.partition(".")
        target = module.imports.get(head) if module is not None else None
        if self._index is None or target is None:
            return None
        owner, _, name = f"{target}.{rest}".rstrip(".").rpartition(".")
        source = self._index.modules.get(owner)
        if source is None or source.path == path or self.texts.get(source.path) is None:
            return None
        constants = self.bindings(source.path)
        if name in constants:
            return known_seconds(constants[name], constants, self, depth + 1)
        return self.imported(source.path, name, depth + 1)  # a re-export: `from .config import LIMIT`

    def __call__(self, name: str) -> Optional[float]:
        if name not in self.known:
            self.known[name] = None
            values = []
            for path, text in self.texts.items():
                if text is not None and re.search(rf"^{re.escape(name)}\s*=", text, re.M) and self.tree(path) is not None:
                    constants = self.bindings(path)
                    values.append(known_seconds(constants[name], constants) if name in constants else None)
            self.known[name] = longest(values)
        return self.known[name]


def longest(values: Sequence[Optional[float]]) -> Optional[float]:
    """The longest of several limits (settings variants, sends), None when one is unbounded or unknown
    or there is none: any of them may be the one that runs."""
    return max(values) if values and None not in values else None  # type: ignore[type-var]


def known_seconds(node: cst.BaseExpression, constants: Dict[str, cst.BaseExpression], lookup: Optional[Sources] = None,
             depth: int = 0) -> Optional[float]:
    """The value of a limit when it is known: a number, arithmetic, a constant, a setting, a lookup's default."""
    if depth > 8:
        return None
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "settings":
        return lookup(node.attr.value) if lookup is not None else None
    path = constants.path if isinstance(constants, Constants) else None
    if isinstance(node, cst.Attribute):
        dotted = dotted_name(node)
        return lookup.imported(path, dotted, depth) if lookup is not None and path is not None and dotted is not None else None
    if isinstance(node, (cst.Integer, cst.Float)):
        return float(node.evaluated_value)
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return float(value) if isinstance(value, str) and re.fullmatch(r"\d+(?:\.\d+)?", value) else None
    if isinstance(node, cst.Name):
        bound = constants.get(node.value)
        if bound is None:
            return lookup.imported(path, node.value, depth) if lookup is not None and path is not None else None
        rest = {k: v for k, v in constants.items() if k != node.value}
        return known_seconds(bound, Constants(rest, path) if path is not None else rest, lookup, depth + 1)
    if isinstance(node, cst.BinaryOperation):
        left, right = known_seconds(node.left, constants, lookup, depth + 1), known_seconds(node.right, constants, lookup, depth + 1)
        if left is None or right is None:
            return None
        operator = type(node.operator)
        if operator is cst.Multiply:
            return left * right
        if operator is cst.Add:
            return left + right
        if operator is cst.Subtract:
            return left - right
        return None
    if isinstance(node, cst.Call):
        args = node.args
        if isinstance(node.func, cst.Name) and node.func.value in ("int", "float") and len(args) == 1:
            return known_seconds(args[0].value, constants, lookup, depth + 1)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "total_seconds" and isinstance(node.func.value, cst.Call):
            return timedelta_seconds(node.func.value, constants, lookup, depth + 1)
        default = [arg.value for arg in args if arg.keyword is not None and arg.keyword.value == "default"]
        if not default and len(args) >= 2 and args[1].keyword is None:
            default = [args[1].value]  # os.getenv("LIMIT", 300), env.int("LIMIT", 300)
        return known_seconds(default[0], constants, lookup, depth + 1) if default else None
    return None



def timedelta_seconds(node: cst.Call, constants: Dict[str, cst.BaseExpression], lookup: Optional[Sources] = None, depth: int = 0) -> Optional[float]:
    """`timedelta(minutes=15, seconds=30)` in seconds, when every part is known."""
    if not (dotted_name(node.func) or "").endswith("timedelta") or len(node.args) > len(_TIMEDELTA_ORDER) + 4:
        return None
    total = 0.0
    for position, arg in enumerate(node.args):
        unit = arg.keyword.value if arg.keyword is not None else _TIMEDELTA_ORDER[position] if position < len(_TIMEDELTA_ORDER) else ""
        value = known_seconds(arg.value, constants, lookup, depth) if unit in _TIMEDELTA_UNITS and arg.star == "" else None
        if value is None:
            return None
        total += value * _TIMEDELTA_UNITS[unit]
    return total
