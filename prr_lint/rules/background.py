"""Background work whose failures nobody sees: fire-and-forget futures and threads (PRR106),
and whether a function run in the background reports its own failures (also summarised for the
project phase)."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

import libcst as cst

from prr_lint.context import CLASSES, FileContext
from prr_lint.model import Severity
from prr_lint.resolve import Resolver
from prr_lint.rules.background_examples import INVALID as EXAMPLES_REPORTED, VALID as EXAMPLES_LEFT_ALONE
from prr_lint.rules.base import Rule
from prr_lint.rules.handler_context import not_service_code
from prr_lint.rules.handlers import analyse_handler
from prr_lint.rules.background_outcome import guarded_only, started_once_per_period, starter_checks_outcome
from prr_lint.rules.background_work import WorkFailures, only_runs_event_loop, top_level_tries, unwrap_partial, work_failures
from prr_lint.rules.resurfaces import delivered_to_waiter
from prr_lint.tree import descendants, dotted_name, statements_within

EXECUTOR_TYPES = frozenset(
    {"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor", "concurrent.futures.Executor"}
)


class LostBackgroundException(Rule):
    """A background task or thread whose exception nobody will ever see.

    What it does
        Reports a discarded result of `executor.submit` on a typed
        `ThreadPoolExecutor`/`ProcessPoolExecutor` (a bare expression statement: nothing keeps
        the future, so nothing ever retrieves its exception, and `concurrent.futures` logs nothing
        when a future with an exception is freed). And a
        `threading.Thread(target=f)` where `f` (a function of the module, a method of the
        enclosing class such as `self._run`, a function imported from another project module, or
        any of these wrapped in `functools.partial`) has no `try` at its top level (or in a
        top-level loop, `with` or `try`, or in a top-level `if` branch that calls nothing outside
        its `try` statements) whose handler reports, directly or through a reporter helper (or by
        handing the caught exception itself to first-party code the tree does not hold: a git
        submodule not checked out, as PRR101 says). A
        handler (here, and in what `submit` runs) reports when it logs at warning level
        or above (a warning with the error is in the logs people read; a
        `log_func = logger.error` picked before the call counts), or hands the exception back to
        the side that waits for it: puts it on a queue or future that is not the function's own,
        or stores it in a shared object (`self.error = e`, or a dict the handler passes on,
        `cache.set(key, state)`), or delivers it to the caller awaiting the work's result
        (`task.reply_future.set_exception(e)`, or a variable the function hands after the `try` to
        a module function that sets the future's exception, as PRR101 finds it).

        Not reported either: a thread a logging handler runs, or work it submits to an executor
        (its class derives from one of `logging`'s handlers: a `MemoryHandler` flushing, an async
        handler submitting the parent's `emit`): its failures cannot be reported through logging,
        and `Handler.handleError` deals with what `emit` raises. Nor a dropped `Thread(...)` (never started).
        Nor, settled by the project phase from the module summaries, when any module
        assigns `threading.excepthook` (found by name resolution, through aliases) or names
        Sentry's `ThreadingIntegration` (which captures what escapes every thread); the target is
        not a project function; or the target has no work loop of its own and hands its work to
        project functions that report: one whose loop catches and reports each failure (a daemon
        body that sets up, calls `run_daemon(...)` and tears down; followed through other modules,
        through functions that only set up around such a call, and into the nested function a
        factory returns), or only ones that report their own failures (`ok = self.init_engine()`
        then a callback). What the setup or teardown around a reporting loop raises is left out: it
        ends the thread once, at start or at stop. A thread that only creates an asyncio event loop
        and runs it forever (maybe stopping it in a `finally`) loses nothing (the loop's exception
        handler logs what its tasks raise).

        A function handed to `submit` that reports its own failures in a top-level `try` (or has
        none to lose, as below) leaves nothing in its future either. Nothing to lose either: a
        coroutine, submitted function or thread target whose only work (every call but a wait, a
        log call or a test of its own state such as `future.done()`) sits in `try` statements whose
        handlers raise nothing (a keep-alive that returns when the stream closes; a poll loop whose
        catch-all logs at debug: no exception reaches stderr, and what the handler does with it is
        PRR101's to judge), and that outside them only waits (`asyncio.sleep`, `time.sleep`, a stop
        event's `wait(interval)`), tests, assigns values it needs no call for and returns. A thread that the
        function starting it keeps (`t = Thread(...)`), joins at its top level and then checks the
        outcome of with an `if` that raises (`if proc.returncode != 0: raise ...`) is part of that
        function's own work: its failure shows in what the starter checks. A join with nothing
        checked after it (the thread's partial results returned as they are) observes nothing. So is
        a thread whose starter watches its life and ends the process when it dies (`if
        threading.active_count() < 3: os._exit(rc)`, or an `if not t.is_alive():` that raises): the
        thread's failure ends its program, whose supervisor sees the exit. A
        thread started under a set-if-absent key that expires (`if cache.add(KEY, True, TIMEOUT):`,
        redis `set(KEY, 1, nx=True, ex=...)`) runs once per period: a run that fails is started again
        when the key expires, so one period's housekeeping is late and none is lost for good. No finding either when the
        coroutine, submitted function or thread target (a function of the module, a method of the
        enclosing class or, for the project phase, any project function) has no exception to lose:
        its whole body is one `try` whose handlers raise nothing (`try: return self._utility.execute(cmd)
        except Exception: return None`: nothing reaches stderr, and what the handler does with the
        error is PRR101's to judge), or its work starts in a `try` whose handler catches every
        error and raises nothing (`try: result = db.checkpoint() except Exception as e: result =
        str(e)`, then the outcome handed over or resources closed: no call before the `try` but
        logging), or it only logs before it returns (a feature switched off). A
        target whose every call goes to such functions loses nothing either (as above).

    Why is this bad?
        An exception in a discarded future is stored on an object nobody looks at; one in a
        thread goes to stderr through `threading.excepthook`. Neither reaches central logging or
        error tracking, so background work can fail for days unnoticed.

        A discarded asyncio task is not reported: when a task whose exception nobody retrieved is
        freed (at once, in CPython, when nothing holds it), asyncio hands the exception to the
        event loop's exception handler, whose default logs "Task exception was never retrieved"
        with the traceback at ERROR level on the `asyncio` logger, so it reaches the logs the
        service ships like any other error.

    Example
        executor.submit(send_receipt, order)

    Use instead
        future = executor.submit(send_receipt, order)
        future.add_done_callback(report_failure)

    Options
        Off by default (opt-in through `select`). Whether a background failure is lost depends on
        what the thread's target or the task reports inside itself, usually several calls down:
        on services it was not tuned on, none of 21 findings was judged worth changing (two
        measurements).

    References
        PRR-ERR: "Does the service report errors to central logging systems for analysis?"
        (Site Reliability Engineering, ch. 32)
    """

    code = "PRR106"
    name = "lost-background-exception"
    severity = Severity.WARNING
    checklist = ("PRR-ERR",)
    summary = "A fire-and-forget task, future or thread loses its exception"
    default_enabled = False
    triggers = ("submit", "Thread")
    service_only = True
    VALID = EXAMPLES_LEFT_ALONE
    INVALID = EXAMPLES_REPORTED

    def visit_Expr(self, node: cst.Expr) -> None:
        call = node.value
        if isinstance(call, cst.Await):
            return
        if not isinstance(call, cst.Call) or not_service_code(self.ctx):
            return
        if isinstance(call.func, cst.Attribute) and call.func.attr.value == "submit":
            receiver = self.ctx.resolver.instance_type(call.func.value)
            if receiver in EXECUTOR_TYPES and not self._submitted_reports(call) and not self._in_logging_handler():
                self.report(call, "the future from `submit()` is discarded: its exception is never retrieved or reported")

    def _submitted_reports(self, call: cst.Call) -> bool:
        """The submitted function (of this module, nested here, or a method of the enclosing class)
        reports its own failures in a top-level `try`, or has none to lose: the future holds nothing."""
        if not call.args:
            return False
        target = unwrap_partial(call.args[0].value, self.ctx.resolver)
        function = self.ctx.resolver.definition(target)
        own = function if isinstance(function, cst.FunctionDef) else self._own_method(target)
        if own is None:
            return False
        return guarded_only(own, self.ctx.resolver) or _work_failures(own, self.ctx).reports

    def visit_Call(self, node: cst.Call) -> None:
        resolver = self.ctx.resolver
        if resolver.qualified_name(node.func) != "threading.Thread":
            return
        target = next((arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "target"), None)
        never_started = bool(self.ctx.ancestors) and isinstance(self.ctx.ancestors[-1], cst.Expr)  # a dropped Thread(...)
        if target is None or never_started or not_service_code(self.ctx) or self._sets_excepthook() or self._in_logging_handler():
            return
        if starter_checks_outcome(next(self.ctx.functions(), None), node, resolver) or started_once_per_period(self.ctx.ancestors, resolver):
            return
        target = unwrap_partial(target, resolver)
        function = resolver.definition(target)
        if not isinstance(function, cst.FunctionDef):
            function = self._own_method(target)
        shown = dotted_name(target) or "target"
        message = f"the thread target `{shown}` does not report its own failures: an exception in it only reaches stderr"
        name = resolver.qualified_name(target)
        # The project phase confirms it: no module sets `threading.excepthook`, and the target does
        # not report through a helper its handlers call, nor hand its work to project functions that
        # report (project/threads.py).
        if isinstance(function, cst.FunctionDef):
            if only_runs_event_loop(function, resolver) or guarded_only(function, resolver):
                return
            failures = _work_failures(function, self.ctx)
            if not failures.reports:
                self.report(node, message, "unless-thread-reports", (name or "", *failures.callees))
            return
        if name is not None and not name.startswith("builtins."):
            self.report(node, message, "unless-thread-reports", (name,))

    def _in_logging_handler(self) -> bool:
        """The thread is a logging handler's own (its class derives from one of `logging`'s handlers, a
        `MemoryHandler` flushing periodically): its failures cannot be reported through logging, and
        `Handler.handleError` already deals with what `emit` raises."""
        owner = self.ctx.nearest(CLASSES)
        if owner is None:
            return False
        bases = (self.ctx.resolver.qualified_name(base.value) or "" for base in owner.bases)
        return any(name.startswith("logging.") and name.endswith("Handler") for name in bases)

    def _own_method(self, target: cst.BaseExpression) -> Optional[cst.FunctionDef]:
        """`self._run` / `cls._run`: the method of the enclosing class (not inherited ones)."""
        if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value in ("self", "cls")):
            return None
        owner = self.ctx.nearest(CLASSES)
        if owner is None:
            return None
        for statement in statements_within(owner):
            if isinstance(statement, cst.FunctionDef) and statement.name.value == target.attr.value:
                return statement
        return None

    def _sets_excepthook(self) -> bool:
        found = self.ctx.__dict__.get("_prr106_excepthook")
        if found is None:
            found = ("excepthook" in self.ctx.source or "ThreadingIntegration" in self.ctx.source) and any(
                sets_thread_excepthook(node, self.ctx.resolver) for node in descendants(self.ctx.module)
            )
            self.ctx.__dict__["_prr106_excepthook"] = found
        return found


def _work_failures(function: cst.FunctionDef, ctx: FileContext) -> WorkFailures:
    """What the function does with its failures (background_work.py); a handler that hands the error
    to the side awaiting the work's result (sets its reply future's exception, directly or through a
    module function that does) reports it too: the waiter raises it."""
    failures = work_failures(function, ctx.resolver)
    if not failures.reports and any(
            delivered_to_waiter(ctx, handler, analyse_handler(handler, ctx).assigned_bound, function)
            for node, _ in top_level_tries(function) for handler in node.handlers):
        return replace(failures, reports=True, callees=())
    return failures


THREAD_CAPTURING = frozenset({"sentry_sdk.integrations.threading.ThreadingIntegration"})


def sets_thread_excepthook(node: cst.CSTNode, resolver: Resolver) -> bool:
    """`threading.excepthook = hook` (through any import alias), or Sentry's `ThreadingIntegration`
    named explicitly (it wraps every `Thread.run` to capture what escapes it)."""
    if isinstance(node, cst.Call):
        return resolver.qualified_name(node.func) in THREAD_CAPTURING
    if isinstance(node, cst.Assign):
        targets = [target.target for target in node.targets]
    elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
        targets = [node.target]
    else:
        return False
    return any(resolver.qualified_name(target) == "threading.excepthook" for target in targets)
