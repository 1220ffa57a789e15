"""What a module's absolute imports bind, read from Python's own `ast` tree: for files looked at without libcst
(declarations.py's screen of generated migrations, project/script_files.py's scripts)."""

from __future__ import annotations

import ast
from collections import Counter
from typing import Dict, Iterable, List, Optional


def imported_names(statements: Iterable[ast.stmt], package: Optional[str] = None) -> Dict[str, str]:
    """Local name -> the dotted name the imports among `statements` bind it to (a star import binds none by name; a
    relative import binds names of `package`, the dotted package the module lies in, and none when it is not given
    or the import climbs above it)."""
    bound: Dict[str, str] = {}
    for node in statements:
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.partition(".")[0]
                bound[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, package)
            if source is not None:
                bound.update((alias.asname or alias.name, f"{source}.{alias.name}") for alias in node.names if alias.name != "*")
    return bound


def _absolute(node: ast.ImportFrom, package: Optional[str]) -> Optional[str]:
    """The module a `from ... import` reads from, spelt whole; None for a relative one outside a known `package`."""
    if not node.level:
        return node.module
    parts = package.split(".") if package else []
    if node.level - 1 >= len(parts):
        return None
    return ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))


def imported_dotted(expr: ast.expr, bound: Dict[str, str]) -> Optional[str]:
    """The dotted name a name or attribute chain stands for through `bound` (imported_names), or None."""
    parts: List[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name) or expr.id not in bound:
        return None
    return ".".join([bound[expr.id], *reversed(parts)])


def bindings(tree: ast.AST) -> Dict[str, int]:
    """How often each name is bound anywhere in a tree (assigned, deleted, imported, defined, a parameter, declared
    global or nonlocal, an exception's or a pattern's name): a name bound once is what that binding makes it."""
    counts: Dict[str, int] = Counter()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            counts[node.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            counts[node.name] += 1
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                counts[alias.asname or alias.name.partition(".")[0]] += 1
        elif isinstance(node, ast.arg):
            counts[node.arg] += 1
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                counts[name] += 1
        elif isinstance(node, ast.ExceptHandler) and node.name:
            counts[node.name] += 1
        elif hasattr(ast, "MatchAs") and isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            counts[node.name] += 1
    return counts
