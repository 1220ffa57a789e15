"""The words of a module's annotations that name a type and build nothing: an undecorated function's return
annotation (`def get_client() -> SyncClient`) and a module-level variable's (`_client: SyncClient | None = None`).
A decorated function's may (FastAPI builds a route's response model from its return annotation).

project/dead_code.py asks whether only dead code builds a class (`built`): game-scheduler's `SyncRedisClient`,
which only a getter nothing calls builds, is named by the getter's return annotation and by the annotation of the
module-level variable that holds it, and neither builds one. A parameter's annotation may (FastAPI's
`client: Client = Depends()` and dependency injectors build the class they name), and so may a class body's (a
pydantic or dataclass field of a model type), so those stay mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import AbstractSet, Dict, List

import libcst as cst

from prr_lint.tree import children

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # word_counts.py's words, which records these with them


def type_words(module: cst.Module, names: AbstractSet[str]) -> Dict[str, int]:
    """How often each of `names` is a word of an undecorated function's return annotation or a module-level
    variable's annotation, strings in them included (`-> "SyncClient"`)."""
    found: Counter = Counter()
    if not names:
        return {}
    annotations: List[cst.CSTNode] = [statement.annotation for line in module.body if isinstance(line, cst.SimpleStatementLine)
                                      for statement in line.body if isinstance(statement, cst.AnnAssign)]
    stack: List[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.FunctionDef) and node.returns is not None and not node.decorators:
            annotations.append(node.returns)
        # a `def` is a statement: no simple statement line holds one, so the walk skips their expressions
        stack.extend(child for child in children(node) if not isinstance(child, (cst.SimpleStatementLine, cst.BaseExpression)))
    for annotation in annotations:
        pending: List[cst.CSTNode] = [annotation]
        while pending:
            node = pending.pop()
            if isinstance(node, cst.Name) and node.value in names:
                found[node.value] += 1
            elif isinstance(node, cst.SimpleString):
                found.update(word for word in _WORD.findall(node.value) if word in names)
            pending.extend(children(node))
    return dict(found)
