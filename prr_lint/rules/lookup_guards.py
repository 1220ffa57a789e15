"""Lookups that stop a block unless a configuration key holds something: `info = settings.PROVIDERS[name]`.

A feature configured by a mapping (`OAUTH_LOGIN_PROVIDERS = {}`: "an empty dict disables it") is reached
through a lookup in it; while the mapping is empty the lookup raises, and the statements after it in the
same block never run. Such a statement is guarded by the key as by `if settings.PROVIDERS:`. Only a lookup
that is a whole statement's value counts (`x = settings.K[name]`, `settings.K[name]`), one of the statements
before the one that holds the call in a block of the same function (or class body, or module): what follows
it in that block runs only after it succeeded.
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence, Tuple

import libcst as cst


def lookup_terms(chain: Sequence[cst.CSTNode]) -> Iterator[Tuple[cst.BaseExpression, int]]:
    """The mapping of each whole-statement lookup (`x = settings.K[p]`) that a block of `chain` runs before
    the statement holding the last node of `chain`, with the index in `chain` of the block."""
    scopes = [i for i, node in enumerate(chain[:-1]) if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda))]
    start = scopes[-1] if scopes else 0  # the blocks of the innermost function (a body that runs in one go)
    for i, (block, statement) in enumerate(zip(chain, chain[1:])):
        if i < start or not isinstance(block, (cst.IndentedBlock, cst.Module)):
            continue
        for earlier in block.body:
            if earlier is statement:
                break
            mapping = _looked_up(earlier)
            if mapping is not None:
                yield mapping, i


def _looked_up(statement: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """`settings.K` of a statement `x = settings.K[p]` or `settings.K[p]`."""
    small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
    value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign, cst.Expr)) else None
    return value.value if isinstance(value, cst.Subscript) and isinstance(value.value, (cst.Name, cst.Attribute)) else None
