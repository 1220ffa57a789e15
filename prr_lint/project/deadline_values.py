"""PRR501: the values of job deadlines (Celery time limits, django-q and RQ timeouts) read from the code.

A deadline counts only when its value is known: a number, arithmetic on numbers, a module constant, a
Django setting `settings.X` bound at a module's top level, an environment lookup's default; and only up
to `MAX_SECONDS`: half an hour, an hour or two days still lets one hung provider pin a worker that long.
"""

from __future__ import annotations

import re
from typing import Dict, Optional, Sequence

import libcst as cst

from prr_lint.project.texts import parsed
from prr_lint.tree import module_bindings

MAX_SECONDS = 900.0


class Sources:
    """The run's module texts by path, each parsed at most once (a module may hold task limits, sends
    and settings), and, called with a name, Django's setting of that name: the value a module's top
    level binds `NAME` to (the longest, when settings variants differ), read only for the names a
    limit uses."""

    def __init__(self, texts: Dict[str, Optional[str]]) -> None:
        self.texts = texts
        self._trees: Dict[str, Optional[cst.Module]] = {}
        self._bindings: Dict[str, Dict[str, cst.BaseExpression]] = {}
        self.known: Dict[str, Optional[float]] = {}

    def tree(self, path: str) -> Optional[cst.Module]:
        if path not in self._trees:
            text = self.texts.get(path)
            self._trees[path] = parsed(text) if text is not None else None
        return self._trees[path]

    def bindings(self, path: str) -> Dict[str, cst.BaseExpression]:
        if path not in self._bindings:
            tree = self.tree(path)
            self._bindings[path] = module_bindings(tree) if tree is not None else {}
        return self._bindings[path]

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
    if isinstance(node, (cst.Integer, cst.Float)):
        return float(node.evaluated_value)
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return float(value) if isinstance(value, str) and re.fullmatch(r"\d+(?:\.\d+)?", value) else None
    if isinstance(node, cst.Name):
        bound = constants.get(node.value)
        return known_seconds(bound, {k: v for k, v in constants.items() if k != node.value}, lookup, depth + 1) if bound is not None else None
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
        default = [arg.value for arg in args if arg.keyword is not None and arg.keyword.value == "default"]
        if not default and len(args) >= 2 and args[1].keyword is None:
            default = [args[1].value]  # os.getenv("LIMIT", 300), env.int("LIMIT", 300)
        return known_seconds(default[0], constants, lookup, depth + 1) if default else None
    return None

