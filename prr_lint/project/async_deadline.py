"""PRR501, PRR502: coroutines that run only under an asyncio deadline their callers set.

A call awaited with no deadline of its own inside a coroutine cannot hang past a deadline the callers
put around that coroutine: `asyncio.wait_for` cancels it on timeout (and a timeout scope the await
inside it), and the cancellation reaches the await that hangs (async_deadlines.py says which forms
count, per call). lnbits' funding sources are the pattern: each `pay_invoice` posts with
`timeout=None`, and its one caller runs it as a task awaited under
`asyncio.wait_for(task, timeout=settings.lnbits_funding_source_pay_invoice_wait_seconds)`.

A project coroutine function is bounded when it has calls, and every call of it outside test code is
under a deadline (gathered by a gather under one, through a list or a local name too; a task made of it
counts when `asyncio.create_task`/`ensure_future` or a project function that calls one makes it), or is
awaited directly (or gathered) by a bounded coroutine: what only bounded
coroutines await is bounded too, down any chain. The calls of a function are those that resolve to
it or to a base class's method it overrides (so a deadline over a call of a base method bounds every
override: marzneshin's poller runs `node.fetch_users_stats()` on a `node: MarzNodeBase` under wait_for), and for a method every call of its name on a receiver of
no known type (the call of `funding_source.pay_invoice(...)` stands for every wallet's
`pay_invoice`). Not bounded: a function with no call, one a framework calls (an entry point), a batch
context, one handed to something else (a thread, an executor, a task with no deadline), a sync
function (a blocking call ignores cancellation, and a thread `to_thread` runs keeps running after
it). A function passed by reference to code that calls it later is not seen: only its calls count.
A finding is dropped when its call is awaited directly in a bounded coroutine; the rules drop the
calls under a deadline of their own function in the file phase.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from prr_lint.async_deadlines import AWAITED, AWAITED_CALL, TASK_MAKERS, UNDER_DEADLINE, UNLESS_CALLERS_DEADLINE
from prr_lint.model import IS_ASYNC, UNTYPED_CALL, Finding, Pending
from prr_lint.project.grpc_stubs import grpc_stub_check, streaming_check
from prr_lint.project.names import enclosing_function, methods_named
from prr_lint.project.param_guards import calls_of, overriders, run_elsewhere
from prr_lint.project.support import test_modules
from prr_lint.project.switched_reach import switched_only
from prr_lint.project.service_guards import service_guards
from prr_lint.project.task_deadline import time_limited_check
from prr_lint.rules.grpc_deadlines import IF_GRPC_STUB
from prr_lint.rules.param_guards import PARAM_GUARD

_SHIELD = "asyncio.shield"


def async_bounded(analysis) -> FrozenSet[str]:
    """The coroutine functions every call of which runs under an asyncio deadline (module doc)."""
    index, graph = analysis.index, analysis.graph
    makers: Dict[str, bool] = {}

    def bounds(how: str) -> bool:
        """An entry of `FunctionSummary.awaited` made under a deadline."""
        if how == AWAITED or how == UNDER_DEADLINE:
            return how == UNDER_DEADLINE
        if how not in makers:
            target = graph.target(how)
            function = index.functions.get(target) if target is not None else None
            makers[how] = how in TASK_MAKERS or (function is not None and bool(TASK_MAKERS.intersection(function.calls))
                                                 and _SHIELD not in function.calls)
        return makers[how]

    if not any(bounds(how) for function in index.functions.values() for _, how in function.awaited):
        return frozenset()
    tests = test_modules(index)
    elsewhere = run_elsewhere(analysis)
    callers = graph.callers()
    bounded: Set[str] = set()
    overriding = overriders(index)

    def targets(key: str) -> List[str]:
        """What a call may run: a method of that name on a receiver of no known type, or the function it
        resolves to and, for a base method, every project method overriding it (`node: NodeBase` dispatching
        to a gRPC client's `fetch_users_stats`)."""
        if key.startswith(UNTYPED_CALL):
            return methods_named(index, key[len(UNTYPED_CALL):])
        target = graph.target(key)
        return [] if target is None else [target, *overriding.get(target, ())]

    def every_call_bounded(name: str) -> bool:
        function = index.functions[name]
        if IS_ASYNC not in function.tags or name in elsewhere or index.module_of(name) in tests:
            return False
        callees, untyped, counts = calls_of(analysis, callers, name, tests)
        counted = False
        for caller, calls in counts.items():
            made = index.functions[caller]
            covered = sum(1 for key, how in made.awaited
                          if (key == untyped or (not key.startswith(UNTYPED_CALL) and graph.target(key) in callees))
                          and (bounds(how) or (how == AWAITED and caller in bounded)))
            if covered < calls:
                return False
            counted = counted or calls > 0
        return counted

    # From the calls under a deadline down the awaits; a function is looked at again whenever a caller of it is bounded.
    queue = sorted({target for function in index.functions.values() for key, how in function.awaited if bounds(how)
                    for target in targets(key)}, reverse=True)
    while queue:
        name = queue.pop()
        if name not in bounded and every_call_bounded(name):
            bounded.add(name)
            queue.extend(target for key, how in index.functions[name].awaited if how == AWAITED for target in targets(key))
    return frozenset(bounded)


def callers_deadline(project) -> Callable[[Pending], bool]:
    """Whether a pending PRR501/PRR502 finding's call is awaited directly in a bounded coroutine."""
    found: List[FrozenSet[str]] = []

    def check(item: Pending) -> bool:
        if AWAITED_CALL not in item.subjects:
            return False
        if not found:
            analysis = project.analysis()
            found.append(analysis.derived("async-bounded", lambda: async_bounded(analysis)))
        return enclosing_function(project.index, item.finding.context) in found[0]

    return check


def grpc_deadline_conditions(project) -> Dict[str, Callable[[], Callable[[Pending], Optional[Finding]]]]:
    """PRR502's conditions: a call is kept unless a bounded coroutine awaits it or only time-limited jobs
    run it (an AWS Lambda's timeout, a Celery time limit: task_deadline.py, as for PRR501) or the generated
    stub says it is a long-lived stream or only calls under a switch that is off reach it (switched_reach.py,
    as for PRR501) or it is in a branch on a parameter no caller of the service's takes (service_guards.py, as
    for PRR501), and a call on a receiver made elsewhere unless that is no gRPC
    stub (project/grpc_stubs.py)."""

    def build(stub: bool) -> Callable[[], Callable[[Pending], Optional[Finding]]]:
        def make() -> Callable[[Pending], Optional[Finding]]:
            bounded, limited, streaming = callers_deadline(project), time_limited_check(project), streaming_check(project.index)
            is_stub = grpc_stub_check(project.index) if stub else (lambda subjects: True)
            behind_switch = switched_only(project)
            guards: List[Callable[[Tuple[str, ...]], bool]] = []

            def guarded(subjects: Tuple[str, ...]) -> bool:  # built on the first guarded call only
                if not any(subject.startswith(PARAM_GUARD) for subject in subjects):
                    return False
                if not guards:
                    guards.append(service_guards(project))
                return guards[0](subjects)

            return lambda item: (item.finding if is_stub(item.subjects) and not streaming(item.subjects) and not bounded(item)
                                 and not limited(item) and not behind_switch(item.finding.context) and not guarded(item.subjects) else None)

        return make

    return {UNLESS_CALLERS_DEADLINE: build(False), IF_GRPC_STUB: build(True)}
