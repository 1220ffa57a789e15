"""Handlers whose error has nowhere left to go (PRR101, PRR103): a failure answer after an
unconditional re-raise never runs, and a quiet handler in a workflow engine's compensation step
(taskflow's `revert`) is best-effort cleanup of a failure the engine already reports.

Both are decided by what runs: the statements a handler reaches, and which library calls the
method (a `revert` of a `taskflow.task.Task` subclass is called by the engine after a flow failed).
"""

from __future__ import annotations

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handler_context import Handler, TryNode
from prr_lint.rules.how_it_runs import subclasses
from prr_lint.rules.responses import failure_response
from prr_lint.sinks import WARNING, log_level
from prr_lint.tree import descendants

# Library task classes whose `revert` the engine calls to undo a step after a flow failed. The engine
# logs the failure that triggered it (taskflow's engine: "Atom ... failed", then reverts).
COMPENSATION_BASES = frozenset({"taskflow.task.Task", "taskflow.task.BaseTask", "taskflow.atom.Atom"})
COMPENSATION_METHOD = "revert"


def reraised_before_failure(ctx: FileContext, handler: Handler) -> bool:
    """The handler re-raises unconditionally before it builds its failure answer (`raise e` then
    `abort(500, ...)`): the answer is unreachable, the error propagates to the framework, which logs it."""
    for statement in handler.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Raise):
                    return failure_response(small, ctx.resolver) is None
                if any(failure_response(node, ctx.resolver) for node in (small, *descendants(small))):
                    return False
        elif any(failure_response(node, ctx.resolver) for node in descendants(statement)):
            return False
    return False


def compensation_step(ctx: FileContext, try_node: TryNode) -> bool:
    """The `try` is in a workflow engine's compensation method (a taskflow `revert`) that warns, before
    the `try`, that it undoes the step (`LOG.warning("Reverting ... counts may be incorrect")`): the
    engine reports the failure that started the revert, the warning says the correction may fall
    short, and a failed correction must not fail the revert flow."""
    function = next(ctx.functions(), None)
    scope = ctx.resolver.enclosing_function
    owner = scope.owner_class if scope is not None else None
    if function is None or owner is None or function.name.value != COMPENSATION_METHOD:
        return False
    return subclasses(owner.node, ctx.resolver, COMPENSATION_BASES.__contains__) and _warns_before(ctx, function, try_node)


def _warns_before(ctx: FileContext, function: cst.FunctionDef, try_node: TryNode) -> bool:
    """A statement of the function's own body, before the one holding the `try`, logs at warning or above."""
    body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
    for statement in body:
        if statement is try_node or any(node is try_node for node in descendants(statement)):
            return False
        if isinstance(statement, cst.SimpleStatementLine):
            for node in descendants(statement):
                if isinstance(node, cst.Call) and (log_level(node, ctx.resolver) or 0) >= WARNING:
                    return True
    return False
