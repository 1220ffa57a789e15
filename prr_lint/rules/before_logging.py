"""Output when setting up logging fails (PRR401): the except handler of a `try` whose body configures
logging (`django.setup()`, which applies the `LOGGING` setting, `logging.config.dictConfig()`,
`fileConfig()`, `basicConfig()`). Whatever went wrong, logging is not configured, and stderr is the
only channel left to say so.
"""

from __future__ import annotations

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.tree import descendants

LOGGING_SETUP = frozenset({
    "django.setup", "logging.config.dictConfig", "logging.config.fileConfig", "logging.basicConfig",
})


def logging_setup_failed(ctx: FileContext) -> bool:
    """In an except handler of the innermost `try` around it, whose body configures logging."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        if isinstance(node, cst.Try) and any(handler in ctx.ancestors for handler in node.handlers):
            return any(
                isinstance(call, cst.Call) and ctx.resolver.qualified_name(call.func) in LOGGING_SETUP
                for call in descendants(node.body)
            )
    return False
