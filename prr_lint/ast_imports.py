"""What a module's absolute imports bind, read from Python's own `ast` tree: for files looked at without libcst
(declarations.py's screen of generated migrations, project/script_files.py's scripts)."""

from __future__ import annotations

import ast
from typing import Dict, Iterable, List, Optional


def imported_names(statements: Iterable[ast.stmt]) -> Dict[str, str]:
    """Local name -> the dotted name the imports among `statements` bind it to (a relative import binds names of a
    package not known here, a star import none by name: both left out)."""
    bound: Dict[str, str] = {}
    for node in statements:
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.partition(".")[0]
                bound[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom) and not node.level:
            bound.update((alias.asname or alias.name, f"{node.module}.{alias.name}") for alias in node.names if alias.name != "*")
    return bound


def imported_dotted(expr: ast.expr, bound: Dict[str, str]) -> Optional[str]:
    """The dotted name a name or attribute chain stands for through `bound` (imported_names), or None."""
    parts: List[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name) or expr.id not in bound:
        return None
    return ".".join([bound[expr.id], *reversed(parts)])

