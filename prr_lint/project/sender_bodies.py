"""The bare names a module-level function's body holds (unsent_tasks.py): where a Celery task's name sits decides
whether it may send the task.

A task's body runs only once something sends it (or calls it in place), so a `.delay()`, a signature or any other
use of another task's name there sends that task only if the first task runs: invoice-factory's unsent
`check_company_status_for_all_contractors`, whose loop calls `check_company_status.apply_async(...)`. Counted are
only uses foreign_calls.py counts as code and takes back nowhere else, so that none is taken back twice: a bare name
(`ast.Name`) in the body, nested functions and classes included, but not one a call calls (`check(x)` runs in place:
unsent_tasks.py `_no_sends` counts it), and a name a `from ... import` statement of the body imports or binds (`from
svc.tasks import check`; the module's own imports, which foreign_calls.py takes back, are no part of a body). Not an
attribute's name (`tasks.check.delay()`, another object's `client.check()`: foreign_calls.py weighs those), a
definition's, a module path's, a keyword's or a parameter's, nor a string or a comment. The decorators, defaults and
annotations of the function are no part of its body: they run when the `def` does.
"""

from __future__ import annotations

import ast
from collections import Counter
from typing import AbstractSet, Optional

from prr_lint.project.module_level import ANY_BLOCK, top_level

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def body_names(tree: Optional[ast.Module], local: str, words: AbstractSet[str]) -> Optional[Counter]:
    """How often the body of the module-level `def local` holds each of `words` as a bare name no call calls
    (`check.apply_async(...)`, `group(check.s(i) for i in ids)`, `handlers = [check]`); None when the module does not
    parse or has not exactly one such `def` (two in alternative branches: which one runs is not known)."""
    if tree is None:
        return None
    found = [node for node in top_level(tree.body, ANY_BLOCK) if isinstance(node, _DEFS) and node.name == local]
    if len(found) != 1:
        return None
    counts: Counter = Counter()
    for statement in found[0].body:
        nodes = list(ast.walk(statement))
        called = {id(node.func) for node in nodes if isinstance(node, ast.Call)}
        counts.update(node.id for node in nodes if isinstance(node, ast.Name) and node.id in words and id(node) not in called)
        counts.update(name for node in nodes if isinstance(node, ast.ImportFrom) for alias in node.names
                      for name in (alias.name, alias.asname) if name in words)
    return counts

