"""Output when setting up logging fails (PRR401): the except handler of a `try` whose body configures
logging (`django.setup()`, which applies the `LOGGING` setting, `logging.config.dictConfig()`,
`fileConfig()`, `basicConfig()`). Whatever went wrong, logging is not configured, and stderr is the
only channel left to say so.
"""

from __future__ import annotations

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.tree import KindOf, descendants

LOGGING_SETUP = frozenset({
    "django.setup", "logging.config.dictConfig", "logging.config.fileConfig", "logging.basicConfig",
})


def logging_setup_failed(ctx: FileContext) -> bool:
    """In an except handler of the innermost `try` around it, whose body configures logging."""
    around = ctx.enclosing(_HANDLERS_OR_SCOPES)
    for at, node in enumerate(around):
        if isinstance(node, cst.ExceptHandler):
            return any(  # around[at + 1]: the handler's `try`
                isinstance(call, cst.Call) and ctx.resolver.qualified_name(call.func) in LOGGING_SETUP
                for call in descendants(around[at + 1].body)  # type: ignore[attr-defined]
            )
        if not isinstance(node, cst.Try):  # a definition: its code runs apart
            return False
    return False


# Around a node: the handlers it is in, up to the innermost definition, each with its `try` after it.
_HANDLERS_OR_SCOPES = KindOf(cst.ExceptHandler, cst.Try, cst.FunctionDef, cst.ClassDef, cst.Lambda)
