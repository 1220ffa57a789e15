"""Background work whose failures nobody sees: fire-and-forget tasks, futures and threads (PRR106),
and whether a function run in the background reports its own failures (also summarised for the
project phase)."""

from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.model import Severity
from prr_lint.resolve import Resolver
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.handler_context import not_service_code
from prr_lint.rules.verdicts import short_name
from prr_lint.sinks import configure, log_level, reports_error
from prr_lint.tree import descendants, dotted_name, flat_statements, statements_within

TASK_FACTORIES = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task"})
LOOP_TYPES = frozenset({"asyncio.AbstractEventLoop", "asyncio.BaseEventLoop"})
EXECUTOR_TYPES = frozenset(
    {"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor", "concurrent.futures.Executor"}
)


class LostBackgroundException(Rule):
    """A background task or thread whose exception nobody will ever see.

    What it does
        Reports a discarded result of `asyncio.create_task`/`ensure_future`,
        `loop.create_task` on a typed event loop, or `executor.submit` on a typed
        `ThreadPoolExecutor`/`ProcessPoolExecutor` (a bare expression statement: nothing keeps
        the task or future, so nothing ever retrieves its exception). And a
        `threading.Thread(target=f)` where `f` (a function of the module, a method of the
        enclosing class such as `self._run`, or a function imported from another project
        module) has no `try` at its top level (or in a top-level loop) whose handler reports,
        directly or through a reporter helper. The project phase settles it from the module
        summaries: no finding when any module assigns `threading.excepthook` (found by name
        resolution, through aliases) or names Sentry's `ThreadingIntegration` (which captures
        what escapes every thread), or when the target is not a project function. A function
        handed to `submit` that reports its own failures in a top-level `try` (or has none to lose,
        as below) leaves nothing in its future either. No finding
        either when the coroutine (a function of the module or a method of the enclosing class)
        has no exception to lose: its whole body is one `try` whose handlers raise nothing, or it
        only logs before it returns (a feature switched off).

    Why is this bad?
        An exception in a discarded task or future is stored on an object nobody looks at (at
        best a "never retrieved" line at garbage collection); one in a thread goes to stderr.
        Neither reaches central logging or error tracking, so background work can fail for
        days unnoticed.

    Example
        asyncio.create_task(send_receipt(order))

    Use instead
        task = asyncio.create_task(send_receipt(order))
        task.add_done_callback(report_task_failure)
        background_tasks.add(task)

    Options
        None.

    References
        PRR-ERR: "Does the service report errors to central logging systems for analysis?"
        (Site Reliability Engineering, ch. 32)
    """

    code = "PRR106"
    name = "lost-background-exception"
    severity = Severity.WARNING
    checklist = ("PRR-ERR",)
    summary = "A fire-and-forget task, future or thread loses its exception"
    triggers = ("create_task", "ensure_future", "submit", "Thread")
    service_only = True
    VALID = (
        Example("import asyncio\n\nasync def f(tasks):\n    task = asyncio.create_task(g())\n    tasks.add(task)\n"),
        Example("from concurrent.futures import ThreadPoolExecutor\npool = ThreadPoolExecutor()\n\ndef f():\n    return pool.submit(g)\n"),
        Example(
            "import logging, threading\nlog = logging.getLogger(__name__)\n\ndef work():\n    try:\n        g()\n"
            "    except Exception:\n        log.exception('work failed')\n\ndef start():\n    threading.Thread(target=work).start()\n"
        ),
        Example("def f(form):\n    form.submit()\n"),
        Example(
            "import asyncio, logging\nlog = logging.getLogger(__name__)\n\nasync def loop():\n    while True:\n        try:\n"
            "            await tick()\n        except Exception:\n            log.exception('tick failed')\n\n"
            "async def start():\n    asyncio.ensure_future(loop())\n"
        ),
        # the coroutine has nothing to lose: its whole body is a `try` that handles what it expects,
        # or a switched-off feature that only logs and returns
        Example(
            "import asyncio\nimport aiohttp\n\nasync def process_websocket(ws):\n    try:\n        await ws.receive()\n"
            "    except aiohttp.WSServerHandshakeError:\n        pass\n\nasync def handler(ws):\n    asyncio.ensure_future(process_websocket(ws))\n"
        ),
        Example(
            "import asyncio, logging\nlog = logging.getLogger(__name__)\n\nclass Server:\n    async def start_shell(self):\n"
            "        log.error('the embedded shell is deactivated')\n        return\n        await embed()\n\n"
            "    def run(self):\n        asyncio.ensure_future(self.start_shell())\n"
        ),
        # a method target that reports its own failures
        Example(
            "import logging, threading\nlog = logging.getLogger(__name__)\n\nclass Poller:\n    def start(self):\n"
            "        threading.Thread(target=self._run, daemon=True).start()\n\n    def _run(self):\n        while True:\n"
            "            try:\n                self.poll()\n            except Exception:\n                log.exception('poll failed')\n"
        ),
        # the reporting loop sits in a `try`/`finally` and a `with` that close the client
        Example(
            "import logging, threading\nimport httpx\nlog = logging.getLogger(__name__)\n\ndef push_loop(url, stop):\n    try:\n"
            "        with httpx.Client(timeout=5) as client:\n            while not stop.is_set():\n                try:\n"
            "                    client.post(url)\n                except Exception:\n                    log.exception('push failed')\n"
            "    finally:\n        stop.set()\n\ndef start(url, stop):\n    threading.Thread(target=push_loop, args=(url, stop)).start()\n"
        ),
        # `threading.excepthook` is set (through an alias): every thread's exception is reported
        Example(
            "import threading as th\nimport sentry_sdk\n\ndef hook(args):\n    sentry_sdk.capture_exception(args.exc_value)\n\n"
            "th.excepthook = hook\n\ndef work():\n    g()\n\ndef start():\n    th.Thread(target=work).start()\n"
        ),
        # the submitted function reports its own failures: its future holds nothing
        Example("import logging\nfrom concurrent.futures import ThreadPoolExecutor\nlog = logging.getLogger(__name__)\npool = ThreadPoolExecutor()\n\ndef f(rest):\n    def finish():\n        try:\n            for item in rest:\n                item.apply()\n        except Exception as error:\n            log.exception(error)\n    pool.submit(finish)\n"),
        # Sentry's threading integration captures what escapes a thread
        Example("import threading\nimport sentry_sdk\nfrom sentry_sdk.integrations.threading import ThreadingIntegration\n\nsentry_sdk.init(integrations=[ThreadingIntegration()])\n\ndef work():\n    g()\n\ndef start():\n    threading.Thread(target=work).start()\n"),
    )
    INVALID = (
        Example("import asyncio\n\nasync def f():\n    asyncio.create_task(g())  # expect: PRR106\n"),
        Example("import asyncio\n\nasync def f():\n    loop = asyncio.get_running_loop()\n    loop.create_task(g())  # expect: PRR106\n"),
        Example("from concurrent.futures import ThreadPoolExecutor\npool = ThreadPoolExecutor()\n\ndef f():\n    pool.submit(g)  # expect: PRR106\n"),
        Example("import threading\n\ndef work():\n    g()\n\ndef start():\n    threading.Thread(target=work, daemon=True).start()  # expect: PRR106\n"),
        Example(
            "import threading\n\nclass Poller:\n    def start(self):\n"
            "        threading.Thread(target=self._run, daemon=True).start()  # expect: PRR106\n\n"
            "    def _run(self):\n        while True:\n            self.poll()\n"
        ),
        # the word `excepthook` in a comment sets nothing
        Example(
            "import threading\n\ndef work():\n    g()\n\ndef start():\n    # no threading.excepthook here\n"
            "    threading.Thread(target=work).start()  # expect: PRR106\n"
        ),
    )

    def visit_Expr(self, node: cst.Expr) -> None:
        call = node.value
        if isinstance(call, cst.Await):
            return
        if not isinstance(call, cst.Call) or not_service_code(self.ctx):
            return
        resolver = self.ctx.resolver
        name = resolver.qualified_name(call.func) or ""
        if name in TASK_FACTORIES:
            self._report_task(call, f"the task from `{short_name(name)}()` is discarded: its exception is never retrieved or reported")
            return
        if isinstance(call.func, cst.Attribute):
            method = call.func.attr.value
            receiver = resolver.instance_type(call.func.value)
            if method in ("create_task", "ensure_future") and receiver in LOOP_TYPES:
                self._report_task(call, "the task from `loop.create_task()` is discarded: its exception is never retrieved or reported")
            elif method == "submit" and receiver in EXECUTOR_TYPES and not self._submitted_reports(call):
                self.report(call, "the future from `submit()` is discarded: its exception is never retrieved or reported")

    def _submitted_reports(self, call: cst.Call) -> bool:
        """The submitted function (of this module, nested here, or a method of the enclosing class)
        reports its own failures in a top-level `try`, or has none to lose: the future holds nothing."""
        if not call.args:
            return False
        target = call.args[0].value
        function = self.ctx.resolver.definition(target)
        own = function if isinstance(function, cst.FunctionDef) else self._own_method(target)
        if own is None:
            return False
        return cannot_lose(own, self.ctx.resolver) or _top_level_try_reports(own, self.ctx)[0]

    def _report_task(self, call: cst.Call, message: str) -> None:
        """Unless the coroutine is a function of this module that catches and reports its own errors
        (directly, or through a project function the project phase may find to be a reporter)."""
        if call.args and isinstance(call.args[0].value, cst.Call):
            function = self.ctx.resolver.definition(call.args[0].value.func)
            own = function if isinstance(function, cst.FunctionDef) else self._own_method(call.args[0].value.func)
            if own is not None and cannot_lose(own, self.ctx.resolver):
                return
            if isinstance(function, cst.FunctionDef):
                reports, callees = _top_level_try_reports(function, self.ctx)
                if reports:
                    return
                self.report_unless_reported(call, message, callees)
                return
        self.report(call, message)

    def visit_Call(self, node: cst.Call) -> None:
        resolver = self.ctx.resolver
        if resolver.qualified_name(node.func) != "threading.Thread":
            return
        target = next((arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "target"), None)
        if target is None or not_service_code(self.ctx) or self._sets_excepthook():
            return
        function = resolver.definition(target)
        if not isinstance(function, cst.FunctionDef):
            function = self._own_method(target)
        shown = dotted_name(target) or "target"
        message = f"the thread target `{shown}` does not report its own failures: an exception in it only reaches stderr"
        # The project phase confirms it: no module sets `threading.excepthook`, and neither the
        # target (when it is defined in another module) nor the helpers its handlers call report.
        if isinstance(function, cst.FunctionDef):
            reports, callees = _top_level_try_reports(function, self.ctx)
            if not reports:
                self.report(node, message, "unless-thread-reports", ("", *callees))
            return
        name = resolver.qualified_name(target)
        if name is not None and not name.startswith("builtins."):
            self.report(node, message, "unless-thread-reports", (name,))

    def _own_method(self, target: cst.BaseExpression) -> Optional[cst.FunctionDef]:
        """`self._run` / `cls._run`: the method of the enclosing class (not inherited ones)."""
        if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value in ("self", "cls")):
            return None
        owner = next((node for node in reversed(self.ctx.ancestors) if isinstance(node, cst.ClassDef)), None)
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


def cannot_lose(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """The coroutine has no exception to lose: it only logs before it returns (a feature switched
    off), or its whole body is one `try` whose handlers deal with the errors it expects and raise
    nothing (`try: await ws.receive() except WSServerHandshakeError: pass`)."""
    statements = flat_statements(function.body)
    if statements and isinstance(statements[0], cst.Expr) and isinstance(statements[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        statements = statements[1:]
    if len(statements) == 1 and isinstance(statements[0], cst.Try) and not statements[0].finalbody:
        handlers = statements[0].handlers
        return bool(handlers) and not any(isinstance(node, cst.Raise) for h in handlers for node in descendants(h.body)) \
            and statements[0].orelse is None
    for statement in statements:
        if isinstance(statement, cst.Return):
            return True
        if isinstance(statement, cst.Pass):
            continue
        if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call) and log_level(statement.value, resolver) is not None:
            continue
        return False
    return bool(statements)


def _top_level_try_reports(function: cst.FunctionDef, ctx: FileContext) -> Tuple[bool, Tuple[str, ...]]:
    configure(ctx.resolver, ctx.options)
    return top_level_try_reports(function, ctx.resolver)


def top_level_try_reports(function: cst.FunctionDef, resolver: Resolver) -> Tuple[bool, Tuple[str, ...]]:
    """(a `try` at the function's top level, or in a top-level loop, `with` or `try`, has a handler that
    reports; the project functions such handlers call, which may be reporter helpers)."""
    callees: List[str] = []
    for statement in flat_statements(function.body):
        # a loop, a `with` or a `try` (`try: with client: while running: try: ... finally: close`)
        # around the main work is the top level too
        nodes = [statement, *descendants(statement)] if isinstance(statement, (cst.While, cst.For, cst.With, cst.Try)) else [statement]
        for node in nodes:
            if not isinstance(node, (cst.Try, cst.TryStar)):
                continue
            for handler in node.handlers:
                for inner in descendants(handler.body):
                    if isinstance(inner, cst.Call):
                        if reports_error(inner, resolver):
                            return True, ()
                        name = resolver.qualified_name(inner.func)
                        if name is not None and not name.startswith("builtins."):
                            callees.append(name)
    return False, tuple(dict.fromkeys(callees))


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
