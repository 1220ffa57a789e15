"""Imports only Python 2 makes: those in a branch of a Python-version test that only Python 2 takes.

A module that keeps its Python 2 and Python 3 code apart (`if sys.version_info[0] < 3: from .exec2
import do_exec` / `else: from .exec3 import do_exec`) names the Python 2 module in code, but no
Python 3 interpreter ever runs that import: the module it names is loaded only by a Python 2 run.
The words of such imports are counted per module (`python2_words` of the summary), so that the
project phase can tell a module the service imports from one only its Python 2 past did
(project/unloaded_files.py).

A branch is Python 2's when no live Python 3 takes it: the test is worked out on every Python 3.3 and
later, and the body counts when it is false on all of them, the `else` when it is true on all of them.
Tests are comparisons of `sys.version_info` with a tuple of one or two numbers (`< (3,)`, `>= (3, 0)`), of
its major or minor number (`[0]`, `.major`, `[1]`, `.minor`) with a number, six's `PY2` and `PY3` (also from a
copy of six the project carries: `from lib.six import PY2`), a module
constant assigned such a test (`PY2 = sys.version_info[0] == 2`), and `not`, `and`, `or` of them (`is_py2 and
not is_py3_3`; `sys.version_info[0] == 2 or (sys.version_info[0] == 3 and sys.version_info[1] < 3)`).
The major number of a live Python is 3 (six's `PY3` is `sys.version_info[0] == 3`), its minor 3 or more:
Python 3.0 to 3.2 had their last release in 2016, nothing current installs on them, and a gate that names them
(`< (3, 3)`) keeps a backport of what 3.3 added to the standard library (ipaddr for ipaddress, mock).
`sys.version_info >= (3, 6)` decides nothing: its `else` runs on Python 3.5 too.
"""

from __future__ import annotations

from collections import Counter
from typing import FrozenSet, Iterable, Iterator, List, Optional, Sequence, Set, Union

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import import_from_module
from prr_lint.tree import dotted_name

_VERSION_INFO = "sys.version_info"
_SIX = {"six.PY2": False, "six.PY3": True}  # their value on live Python 3
_FLOOR = 3  # the oldest live Python 3 is 3.3: (3, _FLOOR)
# operator -> its outcome for each sign of (left - right): -1, 0, 1
_OUTCOMES = {
    cst.LessThan: (True, False, False), cst.LessThanEqual: (True, True, False), cst.Equal: (False, True, False),
    cst.NotEqual: (True, False, True), cst.GreaterThanEqual: (False, True, True), cst.GreaterThan: (False, False, True),
}
_MAX_DEPTH = 4


def python2_branch(ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """Whether the node below `ancestors` (the walker's, outermost first) runs only on Python 2."""
    for position, node in enumerate(ancestors[:-1]):
        if isinstance(node, cst.If):
            live = _on_python3(node.test, resolver, 0)
            inside_body = ancestors[position + 1] is node.body
            if live is False and inside_body or live is True and not inside_body:
                return True
    return False


def imported_words(node: Union[cst.Import, cst.ImportFrom]) -> Iterator[str]:
    """The names an import statement spells: its dotted module names and aliases."""
    if isinstance(node, cst.ImportFrom):
        if node.module is not None:
            yield from _dotted(node.module)
        names: Iterable = node.names if not isinstance(node.names, cst.ImportStar) else ()
    else:
        names = node.names
    for alias in names:
        yield from _dotted(alias.name)
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            yield alias.asname.name.value


class GatedImports:
    """A module's imports, kept apart by whether only Python 2 makes them: the words those spell (`python2_words`),
    and the modules only they import (`python2_imports`: `if PY2: import lib.zipfile as zipfile`, which no
    Python 3 run loads, while the `else` branch's `lib3.zipfile` and a plain `import zipfile` elsewhere are not)."""

    def __init__(self, package: str) -> None:
        self.package = package
        self.words: Counter = Counter()
        self._python2: Set[str] = set()
        self._python3: Set[str] = set()

    def record(self, node: Union[cst.Import, cst.ImportFrom], python2: bool) -> None:
        """Count one import statement, `python2` when only Python 2 runs it (`python2_branch`)."""
        if python2:
            self.words.update(imported_words(node))
        (self._python2 if python2 else self._python3).update(self._modules(node))

    def python2_imports(self) -> List[str]:
        """The dotted names only imports Python 2 makes spell."""
        return sorted(self._python2 - self._python3)

    def ungated_imports(self) -> List[str]:
        """The dotted names every import not gated to Python 2 spells, at any depth (`ModuleSummary.import_paths`)."""
        return sorted(self._python3)

    def _modules(self, node: Union[cst.Import, cst.ImportFrom]) -> Iterator[str]:
        """The dotted names the statement may import: `a.b` of `import a.b`, `a` and `a.b` of `from a import b`."""
        if isinstance(node, cst.Import):
            yield from filter(None, (dotted_name(alias.name) for alias in node.names))
            return
        base = import_from_module(node, self.package)
        if not base:
            return
        yield base
        names: Iterable = node.names if not isinstance(node.names, cst.ImportStar) else ()
        yield from (f"{base}.{alias.name.value}" for alias in names if isinstance(alias.name, cst.Name))


def _dotted(node: cst.BaseExpression) -> Iterator[str]:
    while isinstance(node, cst.Attribute):
        yield node.attr.value
        node = node.value
    if isinstance(node, cst.Name):
        yield node.value


def _on_python3(test: cst.BaseExpression, resolver: Resolver, depth: int) -> Optional[bool]:
    """The test's value on every live Python 3 (3.3 and later), or None when it varies among them or is unknown."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        live = _on_python3(test.expression, resolver, depth + 1)
        return None if live is None else not live
    if isinstance(test, cst.BooleanOperation):
        return _both(test, resolver, depth)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        return _compared(test.left, test.comparisons[0], resolver)
    name = resolver.qualified_name(test) if isinstance(test, (cst.Name, cst.Attribute)) else None
    if name is not None and (flag := _six_flag(name)) is not None:
        return flag
    bindings = resolver.lookup(test.value) if isinstance(test, cst.Name) else None
    if bindings and len(bindings) == 1 and bindings[0].kind == "value" and bindings[0].value is not None \
            and bindings[0].item_of is None:
        return _on_python3(bindings[0].value, resolver, depth + 1)  # `PY2 = sys.version_info[0] == 2`
    return None


def _six_flag(name: str) -> Optional[bool]:
    """six's `PY2` or `PY3` on live Python 3, also read through a copy of six a project or library carries
    (`from lib.six import PY2`, `django.utils.six.PY3`): a copy of six is six."""
    module, _, flag = name.rpartition(".")
    if module == "six" or module.endswith(".six"):
        return _SIX.get(f"six.{flag}")
    return None


def _both(test: cst.BooleanOperation, resolver: Resolver, depth: int) -> Optional[bool]:
    """`and` / `or` of two tests: one side settles it (`False and x`, `True or x`), or both do."""
    left, right = _on_python3(test.left, resolver, depth + 1), _on_python3(test.right, resolver, depth + 1)
    settles = isinstance(test.operator, cst.Or)
    if left is settles or right is settles:
        return settles
    return None if left is None or right is None else not settles


def _compared(left: cst.BaseExpression, comparison: cst.ComparisonTarget, resolver: Resolver) -> Optional[bool]:
    outcomes, right = _OUTCOMES.get(type(comparison.operator)), comparison.comparator
    if outcomes is None:
        return None
    signs: FrozenSet[int] = frozenset()
    part = _version_part(left, resolver)
    if part is not None and isinstance(right, cst.Integer):
        signs = _part_signs(part, _number(right))
    elif resolver.qualified_name(left) == _VERSION_INFO and isinstance(right, cst.Tuple):
        signs = _tuple_signs(right)
    values = {outcomes[sign + 1] for sign in signs}
    return values.pop() if len(values) == 1 else None


def _part_signs(part: int, bound: Optional[int]) -> FrozenSet[int]:
    """The signs of (major or minor of a live Python 3 - bound): the major is 3, the minor 3 or more."""
    if bound is None:
        return frozenset()
    if part == 0:
        return frozenset({(3 > bound) - (3 < bound)})
    return frozenset({1} if bound < _FLOOR else {0, 1} if bound == _FLOOR else {-1, 0, 1})


def _tuple_signs(version: cst.Tuple) -> FrozenSet[int]:
    """The signs of (sys.version_info - version) on live Python 3, for a version of one or two numbers:
    `sys.version_info` is longer, so never equal to it."""
    numbers = [_number(element.value) if isinstance(element.value, cst.Integer) else None for element in version.elements]
    if not numbers or len(numbers) > 2 or None in numbers:
        return frozenset()
    if numbers[0] != 3:
        return frozenset({1 if numbers[0] < 3 else -1})  # type: ignore[operator]
    return frozenset({1} if len(numbers) == 1 or numbers[1] <= _FLOOR else {-1, 1})  # type: ignore[operator]


def _number(node: cst.Integer) -> Optional[int]:
    try:
        return int(node.value, 0)
    except ValueError:
        return None


def _version_part(node: cst.BaseExpression, resolver: Resolver) -> Optional[int]:
    """0 for `sys.version_info[0]` or `.major`, 1 for `sys.version_info[1]` or `.minor`."""
    if isinstance(node, cst.Attribute) and node.attr.value in ("major", "minor"):
        return ("major", "minor").index(node.attr.value) if resolver.qualified_name(node.value) == _VERSION_INFO else None
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        index = node.slice[0].slice.value
        if isinstance(index, cst.Integer) and index.value in ("0", "1") and resolver.qualified_name(node.value) == _VERSION_INFO:
            return int(index.value)
    return None
