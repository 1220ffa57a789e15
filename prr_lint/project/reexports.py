"""Names a package hands on without using them: `from .tradehistory import TradeHistory as TradeHistory`
in a package's `__init__.py` that names `TradeHistory` nowhere else in its code (`__all__` is a list of
strings, not a use). Such an import makes the name part of the package's API, reachable as
`pkg.TradeHistory`; it holds no instance and calls nothing, so it is no use of the object as a value
(commands_only.py): who uses it through the package imports it from there, and that import counts."""

from __future__ import annotations

import ast
from typing import FrozenSet

from prr_lint.model import ModuleSummary
from prr_lint.project.parsed_trees import parsed_tree

_INIT = "__init__.py"


def handed_on(analysis, module: ModuleSummary) -> FrozenSet[str]:
    """The local names `module` imports and its code never loads, when it is a package `__init__`;
    nothing when the file cannot be read again (every import may then be a use)."""
    if module.path.replace("\\", "/").rpartition("/")[2] != _INIT or not module.imports:
        return frozenset()
    tree = parsed_tree(analysis, module.path) if getattr(analysis.settings, "root", None) is not None else None
    if tree is None:
        return frozenset()
    loaded = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return frozenset(local for local in module.imports if local not in loaded)
