"""The names a module uses as values rather than calls: what may be called later with arguments no call site shows.

A function passed (`register(on_done)`, `Thread(target=self.ping)`), stored (`handlers = {"x": on_done}`,
`factory = ClientComposition`), returned, given as a default or named as a class's base may be called by code
the project does not show, with any arguments. The summary counts, per module, the last identifier of each
name or attribute in such a place (`ModuleSummary.value_uses`): a call argument, an assignment's value, an
item of a list, tuple, set or dict literal, a returned or yielded value, a parameter's default, a lambda's body,
through `a or b` and `a if c else b`. A name bound in the function that uses it is its own local (what it
holds was counted where it was bound) and is left out; a function nested in it is not. Identifiers, not resolved names: the project phase
asks only whether some module may use a function of that name as a value (project/param_switches.py), and a
namesake counts too.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver

_CONSTANTS = frozenset({"True", "False", "None"})


class ValueUses:
    """The identifiers one module's walk uses as values (summary.py calls `record` on each value)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.counts: Counter = Counter()

    def record(self, expr: Optional[cst.BaseExpression]) -> None:
        pending = [expr]  # a stack, not recursion: `a and a and ...` a thousand times deep is valid Python
        while pending:
            current = pending.pop()
            if isinstance(current, cst.IfExp):
                pending += (current.body, current.orelse)
            elif isinstance(current, cst.BooleanOperation):
                pending += (current.left, current.right)
            elif isinstance(current, cst.Attribute):
                self.counts[current.attr.value] += 1
            elif isinstance(current, cst.Name) and current.value not in _CONSTANTS and not self._local(current.value):
                self.counts[current.value] += 1

    def _local(self, name: str) -> bool:
        """Bound in the function the walk is in (a parameter, a local value): not a function or class defined anywhere."""
        bindings = self.resolver.lookup(name, self.resolver.scope) or []
        return bool(bindings) and all(b.scope is not None and b.scope.kind == "function" and b.kind not in ("def", "class") for b in bindings)
