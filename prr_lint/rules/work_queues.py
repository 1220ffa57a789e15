"""PRR507: unbounded work queues and unbounded fan-out on serving paths (checklist item PRR-OVL).

Two shapes, both confirmed by the project phase only where a request handler reaches them:

* a long-lived queue (held by a module, a class or `self`) built without a bound, that this module
  uses as a work queue: some function puts into it and some code takes from it and uses what it
  took (a `d.popleft()` whose result is dropped trims a window, it does not consume work);
* `asyncio.gather(*[... for x in C])` / `asyncio.wait([...])` or `executor.map(fn, C)` over a
  collection `C` that comes from the request, a handler's parameter or a query
  (prr_lint/rules/request_data.py), unless a semaphore or limiter guards the work.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.context import RawFinding
from prr_lint.model import Severity
from prr_lint.rules.base import Rule
from prr_lint.rules.refills import emptiness_guards
from prr_lint.rules.request_data import origin
from prr_lint.rules.work_queue_examples import INVALID as EXAMPLES_REPORTED, VALID as EXAMPLES_LEFT_ALONE
from prr_lint.tree import SCOPE_NODES, descendants

# queue class -> (bound keyword, its position), None for a queue that cannot be bounded.
_QUEUES: Dict[str, Optional[Tuple[str, int]]] = {
    **{f"{module}.{kind}": ("maxsize", 0) for module in ("queue", "asyncio", "asyncio.queues")
       for kind in ("Queue", "LifoQueue", "PriorityQueue")},
    "multiprocessing.Queue": ("maxsize", 0),
    "queue.SimpleQueue": None,
    "collections.deque": ("maxlen", 1),
}
_PUTS = frozenset({"put", "put_nowait", "append", "appendleft", "extend", "extendleft"})
_GETS = frozenset({"get", "get_nowait", "popleft", "pop"})
_GATHERS = frozenset({"asyncio.gather", "asyncio.tasks.gather", "asyncio.wait", "asyncio.tasks.wait"})
# Calls that start a consumer: a thread (its `target=`) or a task (the coroutine it is handed).
_THREADS = frozenset({"threading.Thread"})
_TASK_STARTS = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task", "asyncio.tasks.ensure_future"})
_EXECUTORS = frozenset({"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor"})
_LIMITERS = ("Semaphore", "BoundedSemaphore", "CapacityLimiter")
_GUARD_WORDS = re.compile(r"(?i)semaphore|limiter|\bsem\b|\b_sem\b")
_KINDS = {"request": "the request", "param": "a handler parameter", "query": "a query result"}


class UnboundedQueueOrFanout(cl.RecordsCallAssignments, Rule):
    """A work queue with no bound, or a fan-out as wide as the request, on a serving path.

    What it does
        Reports, where a request handler reaches them (the call path is in `related`):

        * a `queue.Queue`/`LifoQueue`/`PriorityQueue`, `asyncio.Queue`, `multiprocessing.Queue`
          built without a positive `maxsize`, a `queue.SimpleQueue`, or a `collections.deque`
          without `maxlen`, held by a module, a class or `self`, that the module uses as a work
          queue (a function puts into it, other code takes items out and uses them), at its
          construction; a serving function must put into it;
        * `asyncio.gather(*[f(x) for x in C])` (a generator, or a list of tasks built the same
          way, too), `asyncio.wait([...])` and `executor.map(fn, C)` over a collection `C` read
          from the request (`request.json`, `await request.json()`, `request.args.getlist(...)`,
          `request.GET`/`POST`/`data`/`form`/`query_params` ...), from a parameter of a request
          handler, or from a query that returns every row (`fetchall()`, Django
          `objects.all()/filter()`, SQLAlchemy `query(...).all()`, asyncpg `fetch("SELECT ...")`).

        The handler's path to the `put` may pass through a dispatch table (`mapping =
        self.commands(); await mapping[name](data)`, where `commands` returns `{"start":
        self.start, ...}`, or a module-level table of functions): every value of the table is a
        candidate callee (prr_lint/dispatch.py), so queues that commands fill are seen.

        Not reported: a bound that is not a literal (it may well be positive), queues local to a
        function (an algorithm's work list), and puts that are no intake: a put in the function
        that builds the queue (a constructor queueing a workflow graph's first steps: its object
        starts with them) or in a function that also takes from the queue (Kahn's walk appending
        the steps the one it took unblocks, a worker putting back the item it took): a work
        list its input's size bounds. Nor: a deque trimmed by hand (`d.popleft()` whose result
        is dropped), a queue refilled only when it is empty (every put into it sits under a test of
        its emptiness, `if not self.teachers:`, or in a function every call of which in the module
        does: it holds one batch at a time, however many requests take from it), a queue whose
        consumer only turns each item into a task (`await q.get()` in a loop that awaits nothing
        else and calls `asyncio.create_task(...)`: a thread-to-loop hand-off, drained as fast as it
        fills), a queue whose every putter puts before statements of its own that start the queue's
        consumers (`Thread(target=self.process)`, `create_task(self.consume())`: all the work is
        there before any is taken, a work list the size of its input, not an intake), fan-out over a
        literal, a `range(...)`, a slice with an upper bound, a `.limit(...)`-ed query or a loop
        variable (a chunk), fan-out guarded by a semaphore
        or limiter (an `async with`/`with` on one in the function or in the function it maps), and
        `executor.map(fn, C, timeout=...)` on a pool built once for the process (a module's or a
        class's, `self.pool`): its workers bound the concurrency all requests share, and the deadline
        cancels the items still queued when it passes (a pool built per call has neither).

        The rule is off by default: whether a queue must refuse work depends on what it carries,
        which code does not show. On services it was not tuned on it held for 1 of 6 findings: most
        queues it found were event buses a task drains as fast as they fill, or carried settled
        work (a paid invoice's callback) that must not be dropped. Turn it on with
        `select = ["PRR507"]` (or `extend-select`).

    Why is this bad?
        Overload must be refused, not stored. An unbounded queue turns a burst into memory growth
        and into latency for every item behind it: the work is done long after its caller gave
        up, and the process is killed for memory before anything is shed. A fan-out as wide as the
        request lets one large request open thousands of connections or tasks at once against a
        dependency and starve every other request.

    Example
        jobs = queue.Queue()

        @app.post("/jobs")
        def submit(job: dict):
            jobs.put(job)

        @app.post("/prices")
        async def prices(skus: list[str]):
            return await asyncio.gather(*[fetch_price(sku) for sku in skus])

    Use instead
        jobs = queue.Queue(maxsize=1000)

        @app.post("/jobs")
        def submit(job: dict):
            try:
                jobs.put_nowait(job)
            except queue.Full:
                raise HTTPException(503, "busy, retry later")

        LIMIT = asyncio.Semaphore(10)

        async def fetch_limited(sku):
            async with LIMIT:
                return await fetch_price(sku)

    Options
        None yet.

    References
        PRR-OVL: "practice graceful load shedding, using well-behaved queuing and dynamic
        timeouts" (Site Reliability Engineering, appendix B).
    """

    code = "PRR507"
    name = "unbounded-queue-or-fanout"
    severity = Severity.WARNING
    default_enabled = False
    checklist = ("PRR-OVL",)
    summary = "A serving path puts work into a queue with no bound, or fans out as wide as the request"
    triggers = ("Queue", "deque", "gather", ".wait(", ".map(")
    service_only = True
    VALID = EXAMPLES_LEFT_ALONE
    INVALID = EXAMPLES_REPORTED

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # queue key -> (construction, its label, the context it was built in)
        self._queues: Dict[str, Tuple[cst.Call, str, str]] = {}
        self._putters: Dict[str, List[str]] = {}
        self._taken: Set[str] = set()
        # queue key -> functions whose put into it runs only while it is empty (refills.py)
        self._refills: Dict[str, Set[str]] = {}
        # function called -> for each call of it in the module, the queues whose emptiness guards it
        self._guarded_calls: Dict[str, List[Set[str]]] = {}
        # queue key -> the functions that take work from it; (queue key, putter) -> for each put, what the
        # putter's later statements start (threads, tasks: their targets' object keys)
        self._takers: Dict[str, Set[str]] = {}
        self._started_after: Dict[Tuple[str, str], List[Set[str]]] = {}
        self._later_starts: Dict[int, Dict[int, FrozenSet[str]]] = {}  # id(def) -> its _suffix_starts
        self._semaphores: Optional[Set[str]] = None

    # ----- queues -----

    def record(self, target: cst.BaseExpression, value: cst.Call) -> None:
        resolver = self.ctx.resolver
        callee = resolver.qualified_name(value.func)
        if callee not in _QUEUES or (isinstance(target, cst.Name) and resolver.enclosing_function is not None):
            return  # a queue local to a function is an algorithm's work list, not shared work
        if not isinstance(target, (cst.Name, cst.Attribute)) or not _unbounded(value, _QUEUES[callee]):
            return
        key = cl.object_key(resolver, target)
        if key is not None:
            function = resolver.enclosing_function
            context = function.qualname if function is not None else self.ctx.module_name
            self._queues[key] = (value, callee, context)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _PUTS | _GETS:
            self._queue_use(node, func)
        callee = self.ctx.resolver.qualified_name(func)
        if callee is not None:
            self._guarded_calls.setdefault(callee, []).append(emptiness_guards(node, self.ctx.ancestors, self.ctx.resolver))
        if callee in _GATHERS:
            self._gather(node, callee)
        elif isinstance(func, cst.Attribute) and func.attr.value == "map":
            if self.ctx.resolver.instance_type(func.value) in _EXECUTORS and not self._shared_with_deadline(node, func.value):
                args = cl.positional(node)
                if len(args) >= 2:
                    self._fanout(node, args[1].value, "executor.map()", "submits every item at once into the executor's queue")

    def _shared_with_deadline(self, node: cst.Call, executor: cst.BaseExpression) -> bool:
        """`pool.map(fn, items, timeout=30)` on a pool built once for the process (a module's or a
        class's, `self.pool`), not in this function: its workers bound the concurrency every request
        shares, and the deadline cancels the items still queued when it passes."""
        deadline = cl.keyword(node, "timeout")
        if deadline is None or cl.is_none(deadline.value):
            return False
        if isinstance(executor, cst.Attribute):
            return True
        bindings = self.ctx.resolver.lookup(executor.value) if isinstance(executor, cst.Name) else None
        return bool(bindings) and bindings[-1].scope is not None and bindings[-1].scope.kind in ("module", "class")

    def _queue_use(self, node: cst.Call, func: cst.Attribute) -> None:
        key = cl.object_key(self.ctx.resolver, func.value)
        if key is None:
            return
        function = self.ctx.resolver.enclosing_function
        if func.attr.value in _PUTS:
            if function is not None:
                self._putters.setdefault(key, []).append(function.qualname)
                if key in emptiness_guards(node, self.ctx.ancestors, self.ctx.resolver):
                    self._refills.setdefault(key, set()).add(function.qualname)
                self._started_after.setdefault((key, function.qualname), []).append(self._starts_after())
        elif not (self.ctx.ancestors and isinstance(self.ctx.ancestors[-1], cst.Expr)) and not self._hands_off():
            self._taken.add(key)  # taken and used; a dropped result trims, it does not consume
            if function is not None:
                self._takers.setdefault(key, set()).add(function.qualname)

    def _hands_off(self) -> bool:
        """An awaited `get()` in a loop that awaits nothing else and starts a task (`create_task(...)`):
        each item becomes a task at once, so the queue drains as fast as it fills (a thread-to-loop hand-off)."""
        ancestors = self.ctx.ancestors
        if not ancestors or not isinstance(ancestors[-1], cst.Await):
            return False
        loop = next((node for node in reversed(ancestors) if isinstance(node, (cst.While, cst.For, *SCOPE_NODES))), None)
        if not isinstance(loop, (cst.While, cst.For)) or isinstance(loop, cst.For) and loop.asynchronous is not None:
            return False
        inner = list(descendants(loop.body))
        awaits = [node for node in inner if isinstance(node, cst.Await)]
        return awaits == [ancestors[-1]] and any(
            isinstance(node, cst.Call) and self.ctx.resolver.qualified_name(node.func) in _TASK_STARTS for node in inner)

    def _starts_after(self) -> Set[str]:
        """What the enclosing function starts after the statement being visited: the object keys of the
        targets of the threads it starts (`Thread(target=self.process)`) and of the tasks it creates."""
        function = next(self.ctx.functions(), None)
        if function is None or not isinstance(function.body, cst.IndentedBlock):
            return set()
        ancestors = self.ctx.ancestors
        depth = next((i for i in range(len(ancestors) - 1, -1, -1) if ancestors[i] is function), len(ancestors))
        statement = ancestors[depth + 2] if depth + 2 < len(ancestors) else None  # the def, its block, the statement
        later = self._later_starts.get(id(function))
        if later is None:
            later = self._later_starts[id(function)] = self._suffix_starts(function.body.body)
        return later.get(id(statement), frozenset())

    def _suffix_starts(self, statements: Sequence[cst.BaseStatement]) -> Dict[int, FrozenSet[str]]:
        """For each statement of a function's body, what the statements after it start: read once per function."""
        found: List[FrozenSet[str]] = [frozenset()]
        for statement in reversed(statements):
            targets: Set[str] = set()
            for node in (statement, *descendants(statement)):
                callee = self.ctx.resolver.qualified_name(node.func) if isinstance(node, cst.Call) else None
                target = cl.keyword(node, "target") if callee in _THREADS else None  # type: ignore[arg-type]
                started = target.value if target is not None else None
                if callee in _TASK_STARTS and node.args and isinstance(node.args[0].value, cst.Call):  # type: ignore[union-attr]
                    started = node.args[0].value.func  # type: ignore[union-attr]
                key = cl.object_key(self.ctx.resolver, started) if started is not None else None
                if key is not None:
                    targets.add(key)
            found.append(found[-1] | targets)
        found.reverse()  # found[i]: what statements[i:] start
        return {id(statement): found[i + 1] for i, statement in enumerate(statements)}

    def _fills_before_start(self, key: str, putter: str) -> bool:
        """Every put of the putter comes before statements of its own that start a consumer of the queue:
        the work is all there before any of it is taken, a work list the size of its input (a request's
        queries times modules), not an intake that grows while its consumers fall behind."""
        starts = self._started_after.get((key, putter), [])
        takers = self._takers.get(key, set())
        return bool(starts) and all(found & takers for found in starts)

    def leave_Module(self, node: cst.Module) -> None:
        for key, (call, callee, context) in self._queues.items():
            putters = [putter for putter in dict.fromkeys(self._putters.get(key, ())) if not self._walks(key, putter, context)
                       and not self._refill(key, putter) and not self._fills_before_start(key, putter)]
            if not putters or key not in self._taken:
                continue
            shown = callee.replace("asyncio.queues.", "asyncio.")
            bound = "maxlen" if shown.endswith("deque") else "maxsize"
            problem = "cannot be bounded" if _QUEUES[callee] is None else f"has no {bound}"
            message = (f"`{shown}()` {problem} and is used as a work queue: under overload it grows without limit "
                       f"instead of refusing work; give it a {bound} and shed load when it is full")
            self.ctx.raw_findings.append(
                RawFinding(self, call, message, context, "serving-reachable-any", ("any", "the queue it puts work into", *putters))
            )

    def _walks(self, key: str, putter: str, built_in: str) -> bool:
        """The putter is no intake: it builds the queue (`__init__` queueing a graph's first nodes fills the queue
        its object starts with, once per object), or it takes from the queue itself and puts what it took leads to
        (a topological or breadth-first walk's next nodes, the item it took put back): a work list that its
        input's size bounds, however many requests there are."""
        return putter == built_in or putter in self._takers.get(key, set())

    def _refill(self, key: str, putter: str) -> bool:
        """The put runs only while the queue is empty: under a test of its emptiness, or in a function every
        call of which in this module is (refills.py)."""
        calls = self._guarded_calls.get(putter, [])
        return putter in self._refills.get(key, ()) or bool(calls) and all(key in guards for guards in calls)

    # ----- fan-out -----

    def _gather(self, node: cst.Call, callee: str) -> None:
        shown = callee.rpartition(".")[2]
        if shown == "gather":
            candidates = [arg.value for arg in node.args if arg.star == "*"]
        else:
            candidates = [arg.value for arg in cl.positional(node)[:1]]
        verb = "starts every task at once" if shown == "gather" else "waits on every task at once"
        for candidate in candidates:
            comprehension = self._comprehension(candidate)
            if comprehension is not None and self._fanout(
                node, comprehension.for_in.iter, f"asyncio.{shown}()", verb, comprehension.elt
            ):
                return

    def _comprehension(self, expr: cst.BaseExpression) -> Optional[cst.BaseComp]:
        if isinstance(expr, (cst.ListComp, cst.GeneratorExp, cst.SetComp)):
            return expr
        if isinstance(expr, cst.Name):
            bindings = self.ctx.resolver.lookup(expr.value)
            function = self.ctx.resolver.enclosing_function
            if bindings and bindings[-1].kind == "value" and bindings[-1].scope is function:
                value = bindings[-1].value
                if isinstance(value, (cst.ListComp, cst.GeneratorExp, cst.SetComp)):
                    return value
        return None

    def _fanout(self, node: cst.Call, collection: cst.BaseExpression, shown: str, verb: str,
                element: Optional[cst.BaseExpression] = None) -> bool:
        """Report a fan-out over a request-sized collection; whether it did."""
        found = origin(self.ctx.resolver, collection)
        function = self.ctx.resolver.enclosing_function
        if found is None or function is None or self._guarded(element):
            return False
        kind, what = found
        fix = "map it in chunks" if shown == "executor.map()" else "hold an asyncio.Semaphore around each task"
        message = (f"`{shown}` over `{what}` ({_KINDS[kind]}) {verb}, however many items there are: {fix} "
                   "and bound the size of the collection")
        if kind == "param":
            self.report(node, message, "serving-reachable-any", ("entry", shown, function.qualname))
        else:
            self.report(node, message, "serving-reachable", (function.qualname, shown))
        return True

    def _guarded(self, element: Optional[cst.BaseExpression]) -> bool:
        """A semaphore or limiter held around the work, in this function or in the one it maps."""
        bodies: List[cst.CSTNode] = [function for function in self.ctx.functions()][:1]
        while isinstance(element, cst.Await):
            element = element.expression
        if isinstance(element, cst.Call):
            definition = self.ctx.resolver.definition(element.func)
            if isinstance(definition, cst.FunctionDef):
                bodies.append(definition)
        code = self.ctx.module.code_for_node
        for body in bodies:
            for inner in descendants(body, ()):
                if isinstance(inner, cst.With) and any(self._limits(code(item.item)) for item in inner.items):
                    return True
        return False

    def _limits(self, text: str) -> bool:
        if self._semaphores is None:
            self._semaphores = {
                self.ctx.module.code_for_node(target.target)
                for node in descendants(self.ctx.module, ())
                if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call)
                and (self.ctx.resolver.qualified_name(node.value.func) or "").endswith(_LIMITERS)
                for target in node.targets
            }
        return text in self._semaphores or bool(_GUARD_WORDS.search(text))


def _unbounded(call: cst.Call, bound: Optional[Tuple[str, int]]) -> bool:
    """No bound, a bound of None, or a literal bound <= 0; any other expression may be positive."""
    if bound is None:
        return True
    if cl.has_star_kwargs(call) or cl.has_star_args(call):
        return False
    keyword, position = bound
    arg = cl.keyword(call, keyword)
    args = cl.positional(call)
    if arg is None and len(args) > position:
        arg = args[position]
    if arg is None or cl.is_none(arg.value):
        return True
    value = arg.value
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        return isinstance(value.expression, cst.Integer)
    return isinstance(value, cst.Integer) and value.evaluated_value <= 0
