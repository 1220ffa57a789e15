"""Findings in a `def` that a later `def` of the same name rebinds before anything runs it (rebound_defs.py).

Such a body never runs in any process, whatever serves: the module's name holds the second function from
the moment the module is loaded on. Only when its decorators register nothing: a cache or a retry wraps
the function and `staticmethod`, `classmethod` or `property` hold it only under
the rebound name (wrapped.py `REBINDABLE_DECORATORS`); a route or a signal receiver keeps the first where it registered it.
"""

from __future__ import annotations

from prr_lint.model import Finding
from prr_lint.project.wrapped import REBINDABLE_DECORATORS
from prr_lint.project.names import enclosing_function


def in_rebound_definition(analysis, finding: Finding) -> bool:
    """Whether `finding` lies in the body of a rebound `def` (its context the function or code nested in it)."""
    name = enclosing_function(analysis.index, finding.context)
    module = analysis.module_of(name) if name else None
    if module is None or not module.rebound:
        return False
    line = finding.span.line
    return any((name == qualname or name.startswith(f"{qualname}.")) and first <= line < second
               and set(decorators) <= REBINDABLE_DECORATORS for qualname, first, second, decorators in module.rebound)
