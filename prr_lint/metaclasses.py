"""A class's own metaclass, recorded per class in the module summary (ModuleSummary.metaclasses).

A metaclass may register the classes it builds (a plug-in registry filled in `Meta.__init__`), so a
class whose metaclass does may run without being named. Which class has one is a fact of that class,
not of its file: `class MetricMonitor(metaclass=ABCMeta)` gives no metaclass to the other classes
beside it. Three spellings set a class's metaclass: the `metaclass=` keyword, a Python 2
`__metaclass__ = Meta` in the class body, and `six.with_metaclass(Meta, Base)` (or future's) among
the bases. (`@six.add_metaclass(Meta)` is a class decorator, recorded as one.)
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver

# Calls in a base list that build a base with the metaclass of their first argument.
_WITH_METACLASS = frozenset({"six.with_metaclass", "future.utils.with_metaclass"})
# What an unresolved metaclass is recorded as: a metaclass nonetheless, which may register.
UNKNOWN = "?"


def own_metaclass(node: cst.ClassDef, resolver: Resolver) -> Optional[str]:
    """The name of the metaclass `node` sets itself, `UNKNOWN` when it cannot be named, or None."""
    for arg in node.bases:
        if arg.keyword is None and isinstance(arg.value, cst.Call) and arg.value.args \
                and resolver.qualified_name(arg.value.func) in _WITH_METACLASS:
            return _name(arg.value.args[0].value, resolver)
    for arg in node.keywords:
        if arg.keyword is not None and arg.keyword.value == "metaclass":
            return _name(arg.value, resolver)
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    for line in body:
        for statement in getattr(line, "body", ()) if isinstance(line, cst.SimpleStatementLine) else ():
            if isinstance(statement, cst.Assign) and any(
                    isinstance(target.target, cst.Name) and target.target.value == "__metaclass__" for target in statement.targets):
                return _name(statement.value, resolver)
    return None


def _name(expr: cst.BaseExpression, resolver: Resolver) -> str:
    return resolver.qualified_name(expr) or UNKNOWN


# Metaclasses that build a class and register it nowhere: an abstract base's, and `type` itself.
_INERT = frozenset({"abc.ABCMeta", "builtins.type"})


def registering_metaclass(summary, cls: str) -> bool:
    """Whether the class `cls` of the module `summary` sets itself a metaclass that may register it:
    any but an inert one (`ABCMeta`), an unresolved one included."""
    return summary.metaclasses.get(cls, "builtins.type") not in _INERT
