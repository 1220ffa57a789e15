"""The statements a module's top level runs, through the blocks around them: a Flask configuration file's
assignments under `if`/`try`/`with` (flask_configs.py), the one `def` of a Celery task whose body sends others
(sender_bodies.py), which may also sit in a loop or a `match` case. Not into a function's or a class's body, which
run when called or build a namespace of their own."""

from __future__ import annotations

import ast
from typing import Iterable, Iterator, Tuple, Type

# The blocks whose statements run with the top level: conditions, handlers and context managers.
IF_TRY_WITH: Tuple[Type[ast.stmt], ...] = (ast.If, ast.Try, ast.With)
# ... and loops, `async with`, `try`/`except*` and `match` cases too.
ANY_BLOCK: Tuple[Type[ast.stmt], ...] = (*IF_TRY_WITH, ast.For, ast.AsyncFor, ast.While, ast.AsyncWith,
                                         *(kind for kind in (getattr(ast, "TryStar", None), getattr(ast, "Match", None)) if kind))


def top_level(body: Iterable[ast.stmt], blocks: Tuple[Type[ast.stmt], ...] = IF_TRY_WITH) -> Iterator[ast.stmt]:
    """The statements of a module's top level that are none of `blocks`, those inside such blocks included."""
    for statement in body:
        if not isinstance(statement, blocks):
            yield statement
            continue
        parts = [getattr(statement, "body", []), getattr(statement, "orelse", []), getattr(statement, "finalbody", [])]
        parts += [part.body for part in (getattr(statement, "handlers", None) or getattr(statement, "cases", None) or [])]
        for part in parts:
            yield from top_level(part, blocks)
