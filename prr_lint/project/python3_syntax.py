"""Whether a project module has syntax only Python 3 reads: then the project does not run on Python 2.

A project's Python 2 packaging (a Debian `X-Python-Version: 2.7`, python2_runtime.py) may be stale: upstream
`debian/` folders are often left behind when the code moves on. Code the project's own modules hold shows what runs
better than that: a module that Python 2 cannot parse (an f-string, `nonlocal`, keyword-only parameters, annotations,
`async def`, `yield from`, `raise E from e`, `a, *rest = x`, `:=`, `match`, `{**a}`, `[*a]`, `f(*a, *b)`, `...` outside a
subscript, `print(x, file=f)` without `from __future__ import print_function`) is written for Python 3, and a project
whose modules include one is not shown to run Python 2 by its packaging alone. Reading a module wrongly as Python 3
here only keeps PRR000 findings.
"""

from __future__ import annotations

import ast
from typing import Optional, Tuple

from prr_lint.parse_guard import newest_tree
from prr_lint.project.texts import run_text

# Nodes only Python 3 parses (`ast.Match` from Python 3.10).
_PYTHON3_NODES = tuple(node for node in (ast.JoinedStr, ast.Nonlocal, ast.AsyncFunctionDef, ast.AsyncFor, ast.AsyncWith,
                                         ast.Await, ast.YieldFrom, ast.NamedExpr, ast.AnnAssign, getattr(ast, "Match", None))
                       if node is not None)


def python3_syntax(analysis) -> Optional[str]:
    """Where the first project module (in path order) has syntax only Python 3 parses (`svc/views.py:3: JoinedStr`),
    or None; read once per run."""
    return analysis.derived("python3-syntax", lambda: _first(analysis))


def _first(analysis) -> Optional[str]:
    for path in sorted(analysis.index.by_path):
        text = run_text(analysis, path)
        if text is None:
            continue
        found = first_construct(text, path)
        if found is not None:
            return f"{path}:{found[0]}: {found[1]}"
    return None


def first_construct(text: str, path: str) -> Optional[Tuple[int, str]]:
    """The line and name of the first construct only Python 3 parses in `text`, or None (also when it does not parse):
    newer syntax is read through its rewriting, as the interpreter that runs it would (parse_guard.newest_tree)."""
    tree = newest_tree(text, path)
    return None if tree is None else construct_in(tree)


def construct_in(tree: ast.Module) -> Optional[Tuple[int, str]]:
    """The line and name of the first construct only Python 3 parses in a parsed module, or None."""
    future_print = any(isinstance(statement, ast.ImportFrom) and statement.module == "__future__"
                       and any(alias.name == "print_function" for alias in statement.names) for statement in tree.body)
    sliced = {id(node) for subscript in ast.walk(tree) if isinstance(subscript, ast.Subscript)
              for node in ast.walk(subscript.slice)}  # `x[...]`, `x[..., 0]`: Python 2 reads those
    for node in ast.walk(tree):
        shown = python3_construct(node)
        if shown is None and isinstance(node, ast.Constant) and node.value is Ellipsis and id(node) not in sliced:
            shown = "Ellipsis outside a subscript"
        if shown is None and not future_print and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "print" and node.keywords:
            shown = "print() with keywords"
        if shown is not None:
            return getattr(node, "lineno", 1), shown
    return None


def python3_construct(node: ast.AST) -> Optional[str]:
    """The name of the Python 3 construct the node is, or None."""
    if isinstance(node, _PYTHON3_NODES):
        return type(node).__name__
    if isinstance(node, (ast.FunctionDef, ast.Lambda)):
        arguments = node.args
        if arguments.kwonlyargs:
            return "keyword-only parameter"
        every = [*arguments.posonlyargs, *arguments.args, arguments.vararg, arguments.kwarg]
        if any(argument is not None and argument.annotation is not None for argument in every):
            return "annotation"
        if arguments.posonlyargs:
            return "positional-only parameter"
    if isinstance(node, ast.FunctionDef) and node.returns is not None:
        return "annotation"
    if isinstance(node, ast.Raise) and node.cause is not None:
        return "raise from"
    if isinstance(node, ast.Starred) and isinstance(node.ctx, ast.Store):
        return "starred assignment"
    if isinstance(node, ast.Dict) and None in node.keys:
        return "dict unpacking"
    if (isinstance(node, ast.Set) or isinstance(node, (ast.List, ast.Tuple)) and isinstance(node.ctx, ast.Load)) \
            and any(isinstance(element, ast.Starred) for element in node.elts):
        return "starred display"
    if isinstance(node, ast.Call) and (sum(isinstance(argument, ast.Starred) for argument in node.args) > 1
                                       or sum(keyword.arg is None for keyword in node.keywords) > 1):
        return "repeated unpacking"
    return None
