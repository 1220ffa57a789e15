"""Imports only Python 2 makes: those in a branch of a Python-version test that only Python 2 takes.

A module that keeps its Python 2 and Python 3 code apart (`if sys.version_info[0] < 3: from .exec2
import do_exec` / `else: from .exec3 import do_exec`) names the Python 2 module in code, but no
Python 3 interpreter ever runs that import: the module it names is loaded only by a Python 2 run.
The words of such imports are counted per module (`python2_words` of the summary), so that the
project phase can tell a module the service imports from one only its Python 2 past did
(project/unloaded_files.py).

A test is a Python 2 test when it holds exactly on major version 2: `sys.version_info[0] < 3` (`<= 2`,
`== 2`, `.major` for `[0]`), `sys.version_info < (3,)` (or `(3, 0)`), six's `PY2`, and `not` of a
Python 3 test; a Python 3 test (`six.PY3`, `sys.version_info >= (3,)`, `sys.version_info[0] >= 3`)
makes its `else` branch the Python 2 one. A module constant assigned such a test (`PY2 =
sys.version_info[0] == 2`) is the test. `sys.version_info >= (3, 6)` is neither: its `else` runs on
Python 3.5 too.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Sequence, Union

import libcst as cst

from prr_lint.resolve import Resolver

_VERSION_INFO = "sys.version_info"
_SIX = {"six.PY2": 2, "six.PY3": 3}
# (operator, bound) -> the major version the comparison of the major version with the bound holds on
# exactly, for the bounds 2 and 3.
_MAJOR_TESTS = {
    (cst.LessThan, 3): 2, (cst.LessThanEqual, 2): 2, (cst.Equal, 2): 2, (cst.NotEqual, 3): 2,
    (cst.GreaterThanEqual, 3): 3, (cst.GreaterThan, 2): 3, (cst.Equal, 3): 3, (cst.NotEqual, 2): 3,
}
_TUPLE_TESTS = {cst.LessThan: 2, cst.GreaterThanEqual: 3}  # against (3,) or (3, 0)
_MAX_DEPTH = 4


def python2_branch(ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """Whether the node below `ancestors` (the walker's, outermost first) runs only on Python 2."""
    for position, node in enumerate(ancestors[:-1]):
        if isinstance(node, cst.If):
            major = _major(node.test, resolver, 0)
            inside_body = ancestors[position + 1] is node.body
            if major == 2 and inside_body or major == 3 and not inside_body:
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


def _dotted(node: cst.BaseExpression) -> Iterator[str]:
    while isinstance(node, cst.Attribute):
        yield node.attr.value
        node = node.value
    if isinstance(node, cst.Name):
        yield node.value


def _major(test: cst.BaseExpression, resolver: Resolver, depth: int) -> Optional[int]:
    """The major version (2 or 3) on which exactly the test holds, or None."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        major = _major(test.expression, resolver, depth + 1)
        return 5 - major if major else None
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        return _compared(test.left, test.comparisons[0], resolver)
    name = resolver.qualified_name(test) if isinstance(test, (cst.Name, cst.Attribute)) else None
    if name in _SIX:
        return _SIX[name]
    bindings = resolver.lookup(test.value) if isinstance(test, cst.Name) else None
    if bindings and len(bindings) == 1 and bindings[0].kind == "value" and bindings[0].value is not None \
            and bindings[0].item_of is None:
        return _major(bindings[0].value, resolver, depth + 1)  # `PY2 = sys.version_info[0] == 2`
    return None


def _compared(left: cst.BaseExpression, comparison: cst.ComparisonTarget, resolver: Resolver) -> Optional[int]:
    operator, right = type(comparison.operator), comparison.comparator
    if _is_major(left, resolver) and isinstance(right, cst.Integer):
        return _MAJOR_TESTS.get((operator, int(right.value)))
    if resolver.qualified_name(left) == _VERSION_INFO and isinstance(right, cst.Tuple) and _is_three(right):
        return _TUPLE_TESTS.get(operator)
    return None


def _is_major(node: cst.BaseExpression, resolver: Resolver) -> bool:
    """`sys.version_info[0]` or `sys.version_info.major`."""
    if isinstance(node, cst.Attribute) and node.attr.value == "major":
        return resolver.qualified_name(node.value) == _VERSION_INFO
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        index = node.slice[0].slice.value
        return isinstance(index, cst.Integer) and index.value == "0" and resolver.qualified_name(node.value) == _VERSION_INFO
    return False


def _is_three(version: cst.Tuple) -> bool:
    """`(3,)` or `(3, 0)`."""
    values = [element.value for element in version.elements]
    return bool(values) and all(isinstance(value, cst.Integer) for value in values) \
        and [value.value for value in values] in (["3"], ["3", "0"])  # type: ignore[attr-defined]
