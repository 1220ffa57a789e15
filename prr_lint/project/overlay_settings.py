"""Django settings modules that the served settings load only under a condition (PRR201).

`cms/settings.py` defines its MIDDLEWARE and ends with `if DEVELOPMENT_MODE: from .dev_settings
import *`: the overlay replaces the list only when a developer sets the switch, and the deployment
runs the importing module's own list. Both name the same routes and are one finding (the first
reported wins), so it belongs at the list the deployment serves: the overlay's is not reported,
the importer's is. An overlay imported unconditionally (`from .base import *` at the top of a
production module) is part of what runs, and a `try:` alone (`local_settings`, which deployments
use) is no condition.
"""

from __future__ import annotations

from typing import Callable, Iterator, Optional, Sequence

import libcst as cst

from prr_lint.project.index import ProjectIndex
from prr_lint.project.texts import job_text, parsed
from prr_lint.tree import dotted_name, names_in

_MIDDLEWARE = frozenset({"MIDDLEWARE", "MIDDLEWARE_CLASSES"})


def optional_overlay(index: ProjectIndex, path: str, job_for: Callable[[str], Optional[object]]) -> bool:
    """The settings module at `path` is star-imported under an `if` by a settings module that
    assigns its own MIDDLEWARE at its top level."""
    module = index.by_path.get(path)
    if module is None:
        return False
    for other in index.modules.values():
        if module.module not in other.star_imports:
            continue
        tree = parsed(job_text(job_for(other.path)) or "")
        if tree is not None and _own_middleware(tree.body) and any(
                _absolute(star, other.module, other.path) == module.module for star in _conditional_stars(tree.body, False)):
            return True
    return False


def _own_middleware(body: Sequence[cst.CSTNode]) -> bool:
    """`MIDDLEWARE = [...]` among the module's top-level statements, not built from an imported list."""
    for statement in body:
        for small in getattr(statement, "body", ()) if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value in _MIDDLEWARE
                                                     for t in small.targets) and not names_in(small.value) & _MIDDLEWARE:
                return True
    return False


def _conditional_stars(body: Sequence[cst.CSTNode], guarded: bool) -> Iterator[cst.ImportFrom]:
    """The star imports among the statements that run only under an `if` (through `try` blocks)."""
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            if guarded:
                yield from (small for small in statement.body if isinstance(small, cst.ImportFrom)
                            and isinstance(small.names, cst.ImportStar))
        elif isinstance(statement, cst.If):
            yield from _conditional_stars(statement.body.body, True)
            if statement.orelse is not None:
                yield from _conditional_stars([statement.orelse] if isinstance(statement.orelse, cst.If)
                                              else statement.orelse.body.body, True)
        elif isinstance(statement, cst.Try):
            yield from _conditional_stars(statement.body.body, guarded)


def _absolute(node: cst.ImportFrom, importer: str, path: str) -> str:
    """The module a (possibly relative) `from ... import *` names."""
    name = dotted_name(node.module) if node.module is not None else ""
    if not node.relative:
        return name or ""
    package = importer if path.endswith("__init__.py") else importer.rpartition(".")[0]
    for _ in range(len(node.relative) - 1):
        package = package.rpartition(".")[0]
    return ".".join(part for part in (package, name) if part)
