"""PRR3xx: serving paths that depend on batch or offline systems (checklist item PRR-DEP).

The per-file half finds the calls (batch clients, task-result waits) and leaves them pending; the
project phase (prr_lint/project/serving.py) keeps those that serving code reaches, with the
shortest call path from an entry point in `related`.
"""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.context import FileContext
from prr_lint.model import Severity
from prr_lint.rules.base import Rule
from prr_lint.rules.config_switches import unless_switched_off
from prr_lint.rules.degrading_waits import DegradingWaits, degrading_pending
from prr_lint.rules.dependency_examples import (IMPORT_INVALID, IMPORT_VALID, SERVING_INVALID, SERVING_VALID, WAIT_INVALID,
                                                WAIT_VALID)
from prr_lint.rules.endpoints import ENDPOINT_RULES
from prr_lint.rules.idle_tasks import IDLE_TASK, idle_task_wait
from prr_lint.rules.task_results import bounded_status_read, read_result, task_wait
from prr_lint.tree import descendants, dotted_name

_SYSTEMS = (
    ("google.cloud.bigquery", "BigQuery"), ("pandas_gbq", "BigQuery"), ("pandas.read_gbq", "BigQuery"),
    ("google.cloud.dataproc", "Dataproc"), ("apache_beam", "Beam"), ("pyspark", "Spark"), ("databricks", "Databricks"),
    ("snowflake", "Snowflake"), ("trino", "Trino"), ("prestodb", "Presto"), ("pyhive", "Hive"), ("impala", "Impala"),
    ("pyathena", "Athena"), ("awswrangler.athena", "Athena"), ("awswrangler.redshift", "Redshift"),
    ("redshift_connector", "Redshift"), ("dask", "Dask"), ("distributed", "Dask"), ("ray", "Ray"), ("airflow", "Airflow"),
    ("luigi", "Luigi"), ("prefect", "Prefect"), ("hdfs", "HDFS"), ("pyarrow.fs", "HDFS"), ("pandas", "a warehouse query"),
    ("polars", "a warehouse query"),
)
_METADATA_PREFIXES = ("get_", "describe_", "list_")
# A boto3 client's status reads, the calls a poll loop repeats (Athena's `batch_get_query_execution` too).
_STATUS_READS = (*_METADATA_PREFIXES, "batch_get_")


_AWS_SYSTEMS = {"athena": "Athena", "emr": "EMR", "emr-serverless": "EMR Serverless", "glue": "Glue",
                "redshift-data": "Redshift", "batch": "AWS Batch", "datapipeline": "Data Pipeline"}


def system_name(name: str) -> str:
    if name.startswith("boto3."):
        for service, system in _AWS_SYSTEMS.items():
            if f"('{service}')" in name:
                return system
    for prefix, system in _SYSTEMS:
        if name.startswith(prefix):
            return system
    return "a batch system"


class _BatchCalls(Rule):
    """Shared detection of batch-system calls, configured by `[tool.prr-lint.batch]`."""

    def _batch_options(self) -> Tuple[Tuple[str, ...], frozenset, bool]:
        section = self.ctx.section("batch")
        return tuple(section.get("modules", ())), frozenset(section.get("allow-calls", ())), bool(section.get("optin-pandas", False))

    def batch_call(self, node: cst.Call) -> Optional[str]:
        """The label of the batch system call `node` makes (its FQN), or None."""
        resolver = self.ctx.resolver
        name = resolver.qualified_name(node.func)
        extra, allowed, pandas = self._batch_options()
        if name is not None:
            if name in allowed or name in fw.ALLOWED_BATCH_CALLS:
                return None
            if name in fw.BATCH_CALLS or name.startswith(fw.BATCH_PREFIXES):
                return name
            if extra and any(name == module or name.startswith(module + ".") for module in extra):
                return name
            if pandas and name in fw.OPTIN_PANDAS:
                return name
        if isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            receiver = self._batch_receiver(node.func.value)
            if receiver is not None and self._waits_for_work(receiver, method):
                label = f"{receiver}.{method}"
                return None if label in allowed else label
        return None

    def _waits_for_work(self, receiver: str, method: str) -> bool:
        """Whether `receiver.method(...)` makes the caller wait for the batch system's work. Each call of
        a boto3 client (`boto3.client("batch")`) is a control-plane request that returns at once: a
        submission (`submit_job`, `start_query_execution`) hands the work over and gets an id back, a
        status read answers from stored state. The caller waits only on a waiter or in a poll loop (a
        status read in a loop that sleeps). Other clients' calls run the work (metadata reads aside)."""
        if not _is_boto3(receiver):
            return not method.startswith(_METADATA_PREFIXES)
        return method == "get_waiter" or (method.startswith(_STATUS_READS) and self._in_polling_loop())

    def _in_polling_loop(self) -> bool:
        """In a `while`/`for` loop of the enclosing function whose body sleeps (`time.sleep`)."""
        resolver = self.ctx.resolver
        for ancestor in reversed(self.ctx.ancestors):
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
                return False
            if isinstance(ancestor, (cst.While, cst.For)) and any(
                    isinstance(node, cst.Call) and resolver.qualified_name(node.func) in fw.SLEEPS
                    for node in descendants(ancestor.body)):
                return True
        return False

    def _batch_receiver(self, expr: cst.BaseExpression) -> Optional[str]:
        """A receiver holding a batch client created at import time: `athena = boto3.client("athena")`."""
        if not isinstance(expr, cst.Name):
            return None
        bindings = self.ctx.resolver.lookup(expr.value)
        if not bindings:
            return None
        binding = bindings[-1]
        if binding.scope is None or binding.scope.kind != "module" or not isinstance(binding.value, cst.Call):
            return None
        return self.client_constructor(binding.value)

    def client_constructor(self, node: cst.Call) -> Optional[str]:
        """The label of a batch client this call creates (`boto3.client("athena")`, `bigquery.Client()`)."""
        name = self.ctx.resolver.qualified_name(node.func)
        if name is None:
            return None
        if name in fw.BATCH_CLIENTS:
            return name
        if name in fw.BOTO3_FACTORIES:
            service = _first_string(node)
            if service in fw.BATCH_AWS_SERVICES:
                return f"{name}('{service}')"
        return None


_BOTO3_LABELS = tuple(f"{factory}('" for factory in fw.BOTO3_FACTORIES)


def _is_boto3(label: str) -> bool:
    """A client label that `client_constructor` built from a boto3 factory: `boto3.client('athena')`."""
    return label.startswith(_BOTO3_LABELS)


def _first_string(node: cst.Call) -> Optional[str]:
    for arg in node.args:
        if (arg.keyword is None or arg.keyword.value == "service_name") and isinstance(arg.value, cst.SimpleString):
            value = arg.value.evaluated_value
            return value if isinstance(value, str) else None
    return None


class BatchSystemOnServingPath(_BatchCalls):
    """A request handler reaches a batch or offline system.

    What it does
        Reports a call into a batch or analytics system (BigQuery queries and loads, Spark,
        Databricks, Snowflake, Trino/Presto/Hive, Athena/EMR/Glue/Redshift Data through boto3,
        Dask, Ray, Airflow, Luigi, Prefect clients) that a request handler reaches: directly, or
        through any number of calls across modules up to `reachability.max-depth`. The finding is
        at the call; its `related` locations give the shortest path from an entry point (a route
        of any framework in the table above, a flask-restx `Resource` method, a GraphQL resolver
        of a graphene, strawberry or Ariadne schema; of a gRPC servicer, the RPCs its service declares,
        not the setup its constructor calls: project/grpc_rpcs.py). Code reachable only from Celery tasks,
        Airflow DAGs, CLI commands, scheduled jobs or migrations is never reported. Nor is code a
        handler hands to another process and does not wait on: `multiprocessing.Process(target=f)`
        (also a project subclass of it), a pool's `apply_async`/`map_async`, `ProcessPoolExecutor.submit(f)`,
        or a project helper that passes the function it is given to one of these
        (`process_manager.add_task(run, ...)` whose `add_task` starts `Process(target=function)`):
        the request returns without it. A handler (or helper) that joins the process, or waits on the
        result at once (`pool.apply_async(f).get()`, `executor.submit(f).result()`), still reaches it.
        Only calls that make the request wait for batch work count. Every call of a boto3 client of
        a batch service (`boto3.client("batch")`, Athena, EMR, Glue, Redshift Data) returns at once:
        a submission (`submit_job`, `start_job_run`, `start_query_execution`) hands the work over
        and gets an id back, like a queue put, so it is not reported; a status read in a loop that
        sleeps (a poll until the job or query finishes) or a boto3 waiter (`get_waiter`) is.

        The rule is off by default: whether a request may query a warehouse depends on what the
        service is for, which code does not show. On services it was not tuned on, none of its 21
        findings judged by reading the code held: query engines and BI tools whose product is to
        run their users' SQL on their users' own warehouses (wren-engine, SQLBot), internal admin
        APIs that exist to query the batch systems (koku), an ETL stage that serves no user. Turn it
        on with `select = ["PRR301"]` (or `extend-select`) for a service whose users must never
        wait on batch work.

    Why is this bad?
        Batch systems are built for throughput, not latency: queries queue behind other jobs,
        take seconds to minutes, and their availability targets are lower than a serving
        system's. A user request that waits on one inherits its latency and its outages. Serve
        from a store fed by the batch system (a cache, a serving database, a precomputed table)
        instead.

    Example
        @bp.get("/report")
        def report():
            return warehouse.fetch_rollup()   # -> bigquery.Client().query(...)

    Use instead
        @bp.get("/report")
        def report():
            return cache.get("rollup")        # refreshed by a scheduled job

    Options
        `batch.modules` (more batch FQNs), `batch.allow-calls` (metadata-only calls),
        `batch.ok-routes` (admin or reporting routes allowed to use batch systems),
        `batch.optin-pandas`, `reachability.max-depth`, `entrypoints.*`. Off by default (opt-in
        through `select`).

    References
        PRR-DEP: "End-user requests to a service should not depend on a system that is designed
        for a batch-processing use case." (Site Reliability Engineering, ch. 32)
    """

    code = "PRR301"
    name = "batch-system-on-serving-path"
    severity = Severity.ERROR
    checklist = ("PRR-DEP",)
    summary = "A request handler reaches a batch or offline system (BigQuery, Spark, Athena ...)"
    service_only = True
    default_enabled = False
    # No triggers: batch clients arrive under too many names (aliases, factories, typed receivers).
    VALID = SERVING_VALID
    INVALID = SERVING_INVALID

    def visit_Call(self, node: cst.Call) -> None:
        function = self.ctx.resolver.enclosing_function
        if function is None:
            return
        label = self.batch_call(node)
        if label is None:
            return
        system = system_name(label)
        self.report(node, f"`{label}()` calls {system}, a batch/offline system, on a serving path", "serving-reachable", (function.qualname, label))


class BatchClientAtImport(_BatchCalls):
    """A batch client is created when a module that serving code imports is loaded.

    What it does
        Reports `bigquery.Client()`, `SparkSession.builder.getOrCreate()`,
        `snowflake.connector.connect()`, `ray.init()` and the like at module level
        (or in a class body) of a module that a request handler's module imports, directly or
        transitively: constructors that connect to the system or resolve its credentials when
        called. Not a boto3 client (`boto3.client("batch", region_name=...)`): building one sends
        no request and checks no credentials until a call is signed, so the import does not
        depend on the batch system.

    Why is this bad?
        The serving process then cannot start, or restart during an incident, while the batch
        system or its credentials are unavailable: the batch system becomes a startup
        dependency of every request. Create batch clients lazily in the jobs that need them.

    Example
        # analytics.py, imported by views.py
        client = bigquery.Client()

    Use instead
        @functools.lru_cache(maxsize=1)
        def client():
            return bigquery.Client()

    Options
        `reachability.follow-import-side-effects`, `batch.modules`.

    References
        PRR-DEP: "End-user requests to a service should not depend on a system that is designed
        for a batch-processing use case." (Site Reliability Engineering, ch. 32)
    """

    code = "PRR302"
    name = "batch-client-at-import"
    severity = Severity.WARNING
    checklist = ("PRR-DEP",)
    summary = "A batch client is created at import time in a module that serving code imports"
    service_only = True
    VALID = IMPORT_VALID
    INVALID = IMPORT_INVALID

    def visit_Call(self, node: cst.Call) -> None:
        if self.ctx.resolver.enclosing_function is not None or self.ctx.in_main_guard():
            return
        label = self.ctx.resolver.qualified_name(node.func)
        if label not in fw.BATCH_CLIENTS:  # a boto3 client is built locally: it sends no request
            return
        self.report(
            node, f"`{label}` opens a client of {system_name(label)} at import time", "serving-imported", (self.ctx.module_name,)
        )


class SyncWaitOnTaskQueue(Rule):
    """A request handler blocks on the result of a background task.

    What it does
        Reports `.get()`, `.wait()`, `.join()` and `.collect()` on Celery `AsyncResult` /
        `GroupResult` objects (what `task.delay()`, `task.apply_async()`, `app.send_task()`,
        `group(...)()` and `AsyncResult(id)` return) and on RQ jobs, `get_result(block=True)` on a
        dramatiq actor's message, and loops polling an RQ job's status, when a request handler
        reaches them. The waited object is resolved, not the wait's name, from the bindings that reach
        the wait (a name rebound to `fetch.delay(...)` further down is still the dict the plain call
        `fetch(url)` returned; in a loop, every binding counts): `send()`/`enqueue()`
        make a task result only on a task queue's object (an RQ queue, a dramatiq actor: its
        class, the call that made it, its decorator), Celery's own `delay()`, `apply_async()` and
        `send_task()` also on a task imported from another module, and none of them on an object
        of another known class (a Kafka producer's `send()` returns a delivery future whose
        `.result(timeout)` is the write itself; task_results.py). A finite timeout does not make a
        wait on a task queue fine: the request still waits for the queue and a worker, up to the
        timeout, so it stays reported but for the status read and the degrading wait below. Not a wait in the branch of an
        `if` that tests Celery's eager setting (`task_always_eager`, `CELERY_ALWAYS_EAGER`, `CELERY_TASK_ALWAYS_EAGER`, read
        from a config mapping or attribute): in eager mode `delay()` runs the task in the calling
        process and `.get()` returns its result at once, so no worker is waited on (a testing
        hook). The `else` branch is the worker's and stays reported. Nor a fetch in a function that
        first asks whether the task is done: calls `ready()`/`successful()`/`failed()`, or tests the
        result's `state`/`status` in an `if` (returning early while it is PENDING or STARTED), so
        `.get()` reads the stored result instead of waiting on a worker. Nor the short bounded read of
        a status route the client polls: a result looked up by the id of a task an earlier request
        queued (`AsyncResult(task_id)`, `app.AsyncResult(task_id)`) waited on for at most 3 seconds
        (`.get(timeout=2)`; the timeout a number, a module constant nothing in the module rewrites, or a
        parameter default the function keeps), as the route below recommends. A result the handler queued itself
        (`build.delay(x).get(timeout=2)`), a longer wait or one without a timeout stays reported
        (task_results.py) unless the next reading applies. Nor a bounded, degrading wait: Celery's `get`/`wait`/`join` on a Celery
        result, in a plain `def` no other function holds, with a fixed timeout (a number, or a module constant that
        nothing rewrites: no `global`, star import, walrus, `globals()`, and no other module that names it) above 0; in
        one `for` loop over a tuple or list of positive numbers (written there, or such a constant, a list only ever
        iterated), the sum of its items when the loop variable, bound nowhere else, is the timeout (`for t in (1, 2, 3):
        r.get(timeout=t)`: 6 s), else the items times the timeout. The fixed totals of every wait on a task result in
        the function add up to at most 30 seconds (gunicorn's default worker timeout: the request answers before its
        worker's deadline; coursys's three 5 s deploy checks, a 1+2+...+6 s backoff). A handler of the function surely
        takes `celery.exceptions.TimeoutError` (that class, `Exception`, `BaseException`, a bare `except`), and it,
        the handlers before it that may take the error and the `finally` blocks on the way raise nothing on any path:
        no `raise` (a failure response too), exit or abort, no call of the project's own code (a function of the
        module or of a project module, a method a project class defines, a name nothing resolves): the request holds
        its thread for the bound, then answers degraded, whatever the task does. Stays reported: a handler that
        raises on some path or calls a helper that may, Python's own `TimeoutError` (or any builtin's name under a
        star import), an earlier handler that may catch it and raises, a `with` or an `except*` between, a `while`,
        comprehension, second loop or other iterable around the wait, a loop variable or constant rebound (here or in
        another module), an `async def` (the wait stalls the event loop), a closure, more than 30 s in all in the
        function (eight 5 s checks), a function that calls its own name (unless the name surely is another's: an
        import of another name, another `def`) or reaches itself through its calls, another queue's result, and
        a wait whose timeout only a caller catches (the finding's path is one of several). A wait with no fixed total
        stays reported at its own line and leaves such a wait beside it alone (coursys's unbounded backup checks after
        its 5 s pings). Not read: a caller that calls the function in a loop (`while v is None: v = fetch(x)`), a
        recursion through a call the call graph cannot resolve, and library calls in the handler that raise (taken not to;
        rules/degrading_waits.py). Nor a worker health probe: a wait of at most 10 seconds (a number or a module
        constant nothing in the module rewrites, above 0: a probe answers within seconds, remo waits 5) on what `ping.delay()` or
        `ping.apply_async()` returned, with no loop around it, where `ping` resolves to one project task that
        takes no parameters and whose body does nothing (only a docstring, `pass`, `...`, a `return` of a
        constant or None, standard logger calls with literal or plain-name arguments), defined once at
        module level under `@shared_task` or `@app.task` of a plain `celery.Celery(...)` app (no `name=`,
        `base=` or `task_cls=`): the wait checks the queue and its workers, and no work runs on the request
        path (rules/idle_tasks.py, rules/celery_apps.py, remo's admin `check_celery`). Such a wait without a
        timeout, with `timeout=0` (no timeout to Celery), a longer one, one a parameter's default bounds, one
        retried in a loop, a task that calls anything but logging, one registered under another name or
        task class, a name bound more than once, and a task queued by its name (`send_task("svc.ping")`) stay
        reported.

        Configuration switches apply as for PRR501 and PRR505: not a wait that runs only under a key every shipped
        configuration leaves off (in the body of `if current_app.config.get("PREVIEW_USE_CELERY", False):`, also
        through a local name bound once to the read, with the inline `else` beside it), nor one that serving code
        reaches only through calls under such a key (`if REMOTE_EXPORTS: return remote_export(x)` with
        `REMOTE_EXPORTS = False`). A key is off when each value the project gives it is false (a config class, a
        settings module, a shipped configuration or deployment file, an environment test off by default: PRR501's
        switches, rules/config_switches.py, project/switches.py). A read's false default on a Flask app's config or
        Django's settings is the key's value when nothing defines it: no code, no file the app loads, no shipped
        file or sample, and no load that copies the environment into the config (`from_prefixed_env()`,
        `from_mapping(os.environ)`). A key a shipped file turns on, one the code copies from the environment, a read
        without a default (a blank the deployment fills), a switch on a value the code computes, and a wait under no
        switch stay reported.

    Why is this bad?
        A task queue exists to take work off the request path. Waiting for the result puts it
        back, with the queue's latency and backlog added: one slow worker pool or a full queue
        stalls user requests, and the request thread is held while it waits.

    Example
        def export(request):
            result = build_export.delay(request.user.id)
            return JsonResponse(result.get(timeout=30))

    Use instead
        def export(request):
            task = build_export.delay(request.user.id)
            return JsonResponse({"task": task.id}, status=202)  # the client polls a status route

    Options
        `reachability.max-depth`, `entrypoints.*`.

    References
        PRR-DEP: "End-user requests to a service should not depend on a system that is designed
        for a batch-processing use case." (Site Reliability Engineering, ch. 32)
    """

    code = "PRR303"
    name = "sync-wait-on-task-queue"
    severity = Severity.ERROR
    checklist = ("PRR-DEP",)
    summary = "A request handler waits synchronously on a task-queue result"
    service_only = True
    VALID = WAIT_VALID
    INVALID = WAIT_INVALID

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self._degrading = DegradingWaits(ctx)

    def visit_Call(self, node: cst.Call) -> None:
        function = self.ctx.resolver.enclosing_function
        if function is None or not isinstance(node.func, cst.Attribute):
            return
        method = node.func.attr.value
        resolver = self.ctx.resolver
        task, degrading = None, None
        read = task_wait(node, resolver)
        if read is not None:
            if self._checks_readiness() or self._in_eager_branch(node) or self._tests_state(node.func.value) \
                    or bounded_status_read(node, read.origin, next(self.ctx.functions(), None), resolver):
                return
            task = idle_task_wait(node, read.origin, self.ctx.ancestors, resolver)
            degrading = self._degrading.reading(node, self.ctx.ancestors, read.package)
            what = f"`.{method}()` on a task result"
        elif method in ("get_status", "refresh", "is_finished") and self._in_loop() and read_result(node.func.value, resolver):
            what = f"polling a job with `.{method}()`"
        else:
            return
        # a wait only a switch every shipped configuration leaves off runs is no wait (rules/config_switches.py)
        pending = unless_switched_off([*self.ctx.ancestors, node], resolver, "serving-reachable",
                                      (function.qualname, f"task result .{method}()"))
        pending = _unless_probe(task, pending)
        if degrading is not None:  # a bounded degrading wait, once the project phase confirms it (rules/degrading_waits.py)
            pending = degrading_pending(degrading, function.qualname, resolver.module_name, pending)
        self.report(node, f"{what} blocks the request until a background worker finishes", *pending)

    def _checks_readiness(self) -> bool:
        """`result.get() if result.ready() else None`: a function that asks whether the task is done
        before fetching its result does not wait for it."""
        function = next(self.ctx.functions(), None)
        if function is None:
            return False
        return any(
            isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in ("ready", "successful", "failed")
            for node in descendants(function.body)
        )

    def _tests_state(self, receiver: cst.BaseExpression) -> bool:
        """`if job.state not in ("SUCCESS", "FAILURE"): return ...` before `job.get()`: the function
        compares the task's state (or status) in an `if` before fetching, returning early while the
        task runs, so the fetch reads a stored result instead of waiting on a worker."""
        function = next(self.ctx.functions(), None)
        name = dotted_name(receiver)
        if function is None or not name:
            return False
        return any(
            isinstance(node, cst.If) and any(
                isinstance(part, cst.Attribute) and part.attr.value in ("state", "status") and dotted_name(part.value) == name
                for part in (node.test, *descendants(node.test)))
            for node in descendants(function.body)
        )

    def _in_eager_branch(self, node: cst.Call) -> bool:
        """In the body of an `if` whose test reads Celery's eager setting (a config key or attribute
        ending in `always_eager`): the task ran in-process and its result is already there."""
        for ancestor in self.ctx.ancestors:
            if isinstance(ancestor, cst.If) and _reads_eager_setting(ancestor.test) and any(
                    found is node for found in descendants(ancestor.body)):
                return True
        return False

    def _in_loop(self) -> bool:
        return any(isinstance(node, (cst.While, cst.For)) for node in self.ctx.ancestors)


def _unless_probe(task: Optional[str], pending: Tuple[str, Tuple[str, ...]]) -> Tuple[str, Tuple[str, ...]]:
    """A short bounded wait on a task whose body does nothing is a worker health probe (rules/idle_tasks.py): the
    finding goes pending on that first, then on what `pending` holds."""
    if task is None:
        return pending
    condition, subjects = pending
    return IDLE_TASK, (task, condition, *subjects)


def _reads_eager_setting(test: cst.BaseExpression) -> bool:
    names = (
        node.value if isinstance(node, cst.Name) else node.attr.value if isinstance(node, cst.Attribute)
        else node.evaluated_value if isinstance(node, cst.SimpleString) else None
        for node in descendants(test)
    )
    return any(isinstance(name, str) and name.lower().endswith("always_eager") for name in names)


DEPENDENCY_RULES = [BatchSystemOnServingPath, BatchClientAtImport, SyncWaitOnTaskQueue, *ENDPOINT_RULES]
