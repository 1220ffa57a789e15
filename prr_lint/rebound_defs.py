"""`def`s that a later `def` of the same name rebinds before anything can run or hold them.

A module (or class body) that defines a function twice keeps only the second: the first `def` binds
the name, and the second, further down the same body, binds it again (oadoi's `util.get_openalex_json`,
a copy left above its replacement). Nothing runs the first unless something runs between the two: a
statement that reads the name or calls a name the body binds or hands one to a call (either may reach the first), a
decorator that registers it, an import (a cycle may bind it in another module). Both must be
statements of the body itself: a `def` under `if` or `try` may not run. The summary records each such
`def`'s line and the rebinding one's, with the first's decorators for the project phase to weigh
(project/rebound.py); the scoped rules leave out findings in its body (project/scope.py).
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver

# (qualname, line of the rebound `def`, line of the `def` that rebinds it, the first's decorators by name, "" if unresolved)
Rebound = Tuple[str, int, int, Tuple[str, ...]]


def rebound_definitions(module: cst.Module, resolver: Resolver, lines: Mapping[int, int]) -> List[Rebound]:
    """The rebound `def`s of the module's body and its classes' bodies, given each `def` node's line by id (def_lines.py `place`)."""
    return [(f"{prefix}{first.name.value}", lines.get(id(first), 0), lines.get(id(second), 0), _decorators(resolver, first))
            for prefix, first, second in _rebound(module.body, f"{resolver.module_name}.")
            if lines.get(id(first)) and lines.get(id(second))]


def _decorators(resolver: Resolver, node: cst.FunctionDef) -> Tuple[str, ...]:
    targets = (decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator for decorator in node.decorators)
    return tuple(resolver.qualified_name(target) or "" for target in targets)


def _rebound(body: Sequence[cst.CSTNode], prefix: str) -> Iterator[Tuple[str, cst.FunctionDef, cst.FunctionDef]]:
    """(prefix, rebound `def`, rebinding `def`) in a body and the bodies of its classes."""
    statements = list(body)
    places: Dict[str, List[int]] = {}  # name -> where the body's `def`s and `class`es bind it, in order
    for at, statement in enumerate(statements):
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            places.setdefault(statement.name.value, []).append(at)
        if isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
            yield from _rebound(statement.body.body, f"{prefix}{statement.name.value}.")
    twice = [(name, at, later) for name, where in places.items() for at, later in zip(where, where[1:])
             if isinstance(statements[at], cst.FunctionDef) and isinstance(statements[later], cst.FunctionDef)]
    bound = _bound_names(statements) if twice else set()
    for name, at, later in sorted(twice, key=lambda pair: pair[1]):
        if not any(_may_reach(node, name, bound) for node in statements[at + 1:later]) \
                and not _def_may_reach(statements[later], name, bound):  # type: ignore[arg-type]
            yield prefix, statements[at], statements[later]  # type: ignore[misc]


def _bound_names(statements: Sequence[cst.CSTNode]) -> Set[str]:
    """Names the body binds by `def`, `class` or a plain assignment: calling one may run its code."""
    found: Set[str] = set()
    for statement in statements:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            found.add(statement.name.value)
        elif isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                targets = [target.target for target in small.targets] if isinstance(small, cst.Assign) else \
                    [small.target] if isinstance(small, (cst.AnnAssign, cst.AugAssign)) else []
                found.update(target.value for target in targets if isinstance(target, cst.Name))
    return found


def _def_may_reach(node: cst.FunctionDef, name: str, bound: Set[str]) -> bool:
    """Whether running a `def` statement may read `name` or run code that does: a decorator of the body's own
    (`@local_deco` calls it), or one that reads the name (`@status.setter`); a decorator handed a function of the
    body keeps it for later (`@retry(retry_error_callback=log_error)`); a default or an annotation."""
    return any(_root(decorator.decorator) in bound or _may_reach(decorator.decorator, name, bound, handed=False)
               for decorator in node.decorators) or any(_may_reach(part, name, bound) for part in _evaluated(node))


def _evaluated(node: cst.FunctionDef) -> Iterator[cst.CSTNode]:
    """What a `def` statement evaluates when it runs besides its decorators: defaults and annotations, not its body."""
    params = node.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params,
                  *(param for param in (params.star_arg, params.star_kwarg) if isinstance(param, cst.Param))):
        yield from (part for part in (param.default, param.annotation) if part is not None)
    if node.returns is not None:
        yield node.returns


def _may_reach(node: cst.CSTNode, name: str, bound: Set[str], handed: bool = True) -> bool:
    """Whether running `node` at the body's level may read `name` or run code that does (with `handed`, a
    call handed a function of the body may run it)."""
    if isinstance(node, cst.FunctionDef):
        return _def_may_reach(node, name, bound)
    if isinstance(node, (cst.Import, cst.ImportFrom)):
        return not (isinstance(node, cst.ImportFrom) and isinstance(node.module, cst.Name) and node.module.value == "__future__")
    if isinstance(node, cst.Name):
        return node.value == name
    if isinstance(node, cst.Call) and any(_root(part) in bound for part in (node.func, *(arg.value for arg in node.args if handed))):
        return True  # a call of the body's own code, or one handed it (`executor.submit(main)`), may run it
    if isinstance(node, cst.ClassDef) and any(_root(part) in bound for part in
                                              (*(arg.value for arg in node.bases), *(arg.value for arg in node.keywords),
                                               *(decorator.decorator for decorator in node.decorators))):
        return True
    return any(_may_reach(child, name, bound, handed) for child in node.children)


def _root(expr: cst.CSTNode) -> Optional[str]:
    """The name a callee or decorator expression starts from (`a` of `a.b(c)`)."""
    while isinstance(expr, (cst.Attribute, cst.Call, cst.Subscript)):
        expr = expr.value if isinstance(expr, (cst.Attribute, cst.Subscript)) else expr.func
    return expr.value if isinstance(expr, cst.Name) else None
