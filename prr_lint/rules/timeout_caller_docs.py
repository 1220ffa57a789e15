"""PRR501's documentation, the part on deadlines a caller sets around a coroutine, a greenlet or a thread (asyncio,
gevent, a timed join): kept apart so each docs module stays short; timeout_docs.py joins it in place."""

CALLER_DEADLINE_DOCS = """        An asyncio deadline bounds a call awaited in a coroutine: on timeout `asyncio.wait_for` cancels what it waits on,
        and a timeout scope the await inside it, so a call awaited there cannot hang past it whatever its own `timeout`.
        Not reported: a call that `await asyncio.wait_for(call, N)` waits on, or awaited in the body of `async with
        asyncio.timeout(N)` (or `timeout_at`, `async_timeout.timeout`, anyio's `fail_after`/`move_on_after`, trio's
        `fail_after`/`move_on_after`/`fail_at`/`move_on_at`) in its own function; and a call awaited directly in a project
        coroutine every call of which (outside tests) is so bounded, or is awaited by such a coroutine, down any chain. An
        `asyncio.gather` passes its own await on to what it gathers (cancelling it cancels them): its arguments, a list or
        comprehension spread into it, or a local list spread into it (`coros = [probe(r) for r in ranks]`, or built with
        `coros.append(...)`; then `async with asyncio.timeout(LAUNCH_TIMEOUT): await asyncio.gather(*coros)`: cornserve's
        sidecar health checks). A task made of the coroutine by `asyncio.create_task`/`ensure_future`, or by a project
        helper that calls one, counts when only a deadline waits on that task: `wait_for`, or an await or gather in a
        timeout scope; a task stored, returned or awaited after the block escapes it. A local name counts when every use
        that may see its binding is such a wait or an attribute read (the name may be bound again for other work). The calls of
        a method are those that resolve to it or to a base method it overrides, and every call of its name on a receiver of
        no known type (lnbits: `await funding_source.pay_invoice(...)`, run as a task under
        `asyncio.wait_for(task, timeout=settings.lnbits_funding_source_pay_invoice_wait_seconds)`, bounds every funding
        source's `pay_invoice`); a call of a base method may run every override, so a deadline over it bounds each of them
        (marzneshin: `await asyncio.wait_for(node.fetch_users_stats(), 10)` on a `node: MarzNodeBase` bounds each
        transport's `fetch_users_stats`, while the reconnect monitor's `_sync`, awaited with none, stays reported).
        The deadline must be finite: a literal `None`, a name bound only to `None`, or a parameter
        without a default other than `None` is none; anything else counts, a value read from settings or configuration
        included (only a literal None there means no deadline), and a module or class constant of any length: a timeout the
        code puts around its own await is the deadline it chose, not a runner's limit capped at 900 s. No deadline:
        `asyncio.wait(..., timeout=N)` (it leaves the pending tasks running), `asyncio.shield`, a timeout scope that holds
        where the coroutines are made but not the gather that awaits them, a coroutine also called without a deadline, an entry point, a
        function handed to a thread or executor (`to_thread`: the thread runs on after the cancel), a call not awaited (a
        blocking call in a coroutine stalls the loop and no cancellation reaches it), and a function only passed by reference
        to code that calls it later, which the call graph does not see (async_deadlines.py, project/async_deadline.py).
        A gevent deadline is the same bound for greenlets: a caller that starts a greenlet, waits on it with a finite
        timeout (`gevent.iwait(greenlets, timeout=N)`, `gevent.joinall(..., timeout=N)`, `gevent.wait(..., timeout=N)`,
        `greenlet.join(N)`, `greenlet.get(timeout=N)`) and then kills it (`gevent.killall(greenlets)`, `greenlet.kill()`)
        cuts off whatever the greenlet waits in. Not reported: a call in a sync function that, outside tests, only such
        greenlets run: every spawn of it (by `gevent.spawn`, `spawn_later`, `Greenlet(run)`, a pool's `spawn`, or a project
        function that hands that argument on to one of these: raiden's `spawn_named`) goes into a local name bound once
        that the spawning function waits on with a timeout, never without one, and kills after the wait; every use of its
        name as a value is such a spawn; and every call of it is made by such a function, down any chain. Only where the
        process patches its sockets for green threads (`gevent.monkey.patch_all()`, a gevent worker class): an unpatched
        socket blocks the whole process and the kill never runs. A function also called, spawned, passed or stored
        elsewhere, or handed to a thread, stays reported (green_deadlines.py, project/green_deadline.py).
        A thread's join is the same bound for the caller: a function that runs work in a thread and `join(N)`s it, or
        takes `executor.submit(f).result(timeout=N)`, waits at most N seconds, and the hung thread holds no serving worker.
        Not reported: a call in a sync function that, outside tests, only such runs run: a `threading.Thread(target=f)`
        or an instance of a project `Thread` subclass whose `run` calls the function (inline in the runner, closing over
        its parameter, or at module level, from an attribute `__init__` sets), held in a local name bound once, used only
        through its attributes, started and joined only with a finite timeout; a future of `submit` waited on only with a
        finite timeout (`result(timeout=N)`, `concurrent.futures.wait(futures, timeout=N)`, `as_completed(futures,
        timeout=N)`; a finished future's bare `result()` does not wait), kept in the function's own names and
        containers, on an executor the function neither manages with `with` nor shuts down waiting (`shutdown(wait=False)`
        gives up on the work); a `multiprocessing.Process(target=f)` held so, started, joined only with a finite timeout
        and then killed (`kill()`, `terminate()`, or a kill of its pid: FACT_core's plug-in worker); or a project runner that
        runs its callable parameter so (mqttwarn: `timeout(module.plugin, (srv, st))`, whose helper joins an inline
        `Thread` subclass with `timeout_secs=10.0`). A finite timeout is a literal number or a parameter whose default is
        one that no call of the runner outside tests passes anything but a number. `module.plugin` on an object of no
        known type stands for the `plugin` functions of the modules only a loader by computed name or path loads; every
        use of the function's name as a value must be such a run, and every call of it must be made by a bounded function
        or by a one-shot run: code the serving scope treats as a command or tool, or a function that ends the process
        (`sys.exit`) and is no entry point nor loops until stopped (mqttwarn's `--plugin` mode, `run_plugin`, exits on the
        plug-in's answer). A method run so stands for its overrides. Stays reported: a join or wait without timeout or with
        a timeout that may be None (an attribute, a setting), a thread or futures returned or passed on, a submit nobody
        waits on, a `with ThreadPoolExecutor()` block or a waiting `shutdown()` (they wait for the work), a process joined
        but never killed, a function also called from a route or handed to a thread nothing waits on (thread_joins.py, project/join_deadline.py).
        A SIGALRM deadline is the same bound in a process's main thread: a `with` block whose context manager (a
        `@contextmanager` generator or a class's `__enter__`) installs a SIGALRM handler that raises (a function, a
        method of its class, or a lambda calling one) and then arms `signal.alarm(n)` or `signal.setitimer(ITIMER_REAL, n)`
        before entering the block. Not reported: a call written in such a block of a sync function that runs only in
        the main thread (bitbot's `with utils.deadline(seconds=5): socket.create_connection(...)`), and a sync function
        that, outside tests, only such blocks run (pandora's workers' `analyse`). Stays reported: a handler that does not
        raise, an alarm of literal 0, an async function's block, a block in a function a thread or an executor runs, a
        call in a function or generator expression the block only defines, and what may run once the alarm has fired or
        been cancelled: a call in an except handler or `finally` inside the block, after a `try` in it whose handler may
        swallow the alarm (also in a retry loop) or a `contextlib.suppress` block, or after an inner alarm block (alarm_deadlines.py, project/alarm_deadline.py).

"""
