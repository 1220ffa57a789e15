"""Timeout-forwarding wrappers across modules (PRR501's project half).

A project function is a wrapper when its outbound call takes its deadline from one of its own
parameters that defaults to `None`, or from its `**kwargs` (rules/forwarding.py records these
calls in the module summaries). A function that forwards its own such parameter to a wrapper is
one too, through any chain. A call to a wrapper that gives no finite deadline is a call without a
timeout: it is reported at that call, with the chain of wrappers in `related`; the wrappers
themselves are not reported.

Finding those calls needs their positions, which summaries do not hold (DESIGN.md §6: positions
only for files with findings). So PRR501 alone runs once more on the service files that call a
wrapper, with the wrappers they call handed to it (rules/timeouts.py), and its findings there join
the file's result: suppressions, per-file ignores and positions work as for any finding. A PRR501
suppression that silenced nothing in the file waits for this (engine.py, `UNUSED_UNLESS_PROJECT`).
Only files that call a wrapper are read again, which keeps this part of the run small.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from prr_lint.model import FileResult, Finding, Pending, RelatedLocation
from prr_lint.paths import is_service_path
from prr_lint.project.alarm_deadline import alarm_bounded, alarm_held_check
from prr_lint.project.annotated_sessions import annotated_sessions_bounded
from prr_lint.project.async_deadline import callers_deadline
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.green_deadline import green_bounded
from prr_lint.project.never_returns import never_run_check
from prr_lint.project.join_deadline import join_bounded
from prr_lint.project.guard import Unfinished
from prr_lint.project.constant_targets import local_socket_check, loopback_check
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import enclosing_function
from prr_lint.project.parsed_trees import job_reader
from prr_lint.project.pinned_versions import PinnedVersions
from prr_lint.project.request_deadline import request_covered
from prr_lint.project.scope import NonServing
from prr_lint.project.task_deadline import task_covered
from prr_lint.project.requests_default import injects_timeout_session, requests_default_check
from prr_lint.project.session_patches import patched_globals
from prr_lint.project.stream_relays import deliberate_stream_check
from prr_lint.project.service_guards import service_guards
from prr_lint.project.switched_off import switched_off_check
from prr_lint.project.switches import project_switches
from prr_lint.project.switched_reach import switched_only
from prr_lint.project.socket_default import socket_default_check
from prr_lint.project.subscriber_clients import subscriber_check
from prr_lint.rules.annotated_sessions import ANNOTATED_SESSION
from prr_lint.rules.session_patches import BUILT_BY, PATCHED_GLOBAL
from prr_lint.rules.clients import FINITE_DEFAULT_FROM, INJECTED_BY, REQUESTS_CALL, TIMEOUT_SPECS, UNLESS_REQUEST_DEADLINE, UNLESS_SOCKET_DEFAULT
from prr_lint.socket_targets import UNLESS_LOCAL_SOCKET
from prr_lint.url_deadlines import CONFIGURED_URL, URL_QUERY_NAMES_TIMEOUT
from prr_lint.rules.forwarding import KWARGS, SINK, WRAPPER_CALL, WRAPPERS_SECTION
from prr_lint.suppressions import UNUSED_UNLESS_PROJECT, unused_message
from prr_lint.switched_hosts import HOST_BY

RULE = "PRR501"
SEARCH = "search for calls of timeout-forwarding wrappers (PRR501)"  # the project phase's step (guard.py)


@dataclass(frozen=True)
class Wrapper:
    """How callers must pass the deadline (`keyword`, positional `index` or -1) and where the
    function sends it (`via`: the next wrapper, or `sink:<library>`)."""

    keyword: str
    index: int
    via: str
    through_kwargs: bool = False


def find_wrappers(index: ProjectIndex, graph: CallGraph, patched: Callable[[str, str], bool] = lambda built, context: False) -> Dict[str, Wrapper]:
    """Functions that forward a None deadline to a sink, directly or through other wrappers; a
    session method whose session a patched global's class gives a default is no sink (session_patches.py)."""
    forwarding = {name: f.deadline_forwards for name, f in index.functions.items() if f.deadline_forwards}
    wrappers: Dict[str, Wrapper] = {}
    for name in sorted(forwarding):
        for callee, slot, own, position in forwarding[name]:
            sink, _, built = callee.partition(BUILT_BY)
            if callee.startswith(SINK) and not (built and patched(built, name)):
                wrappers[name] = Wrapper(slot if own == KWARGS else own, position, sink, own == KWARGS)
                break
    changed = True
    while changed:
        changed = False
        for name in sorted(forwarding):
            if name in wrappers:
                continue
            for callee, slot, own, position in forwarding[name]:
                target = None if callee.startswith(SINK) else graph.target(callee)
                wrapper = wrappers.get(target) if target is not None else None
                if wrapper is not None and target != name and _passes(slot, wrapper):
                    wrappers[name] = Wrapper(wrapper.keyword if own == KWARGS else own, position, target, own == KWARGS)  # type: ignore[arg-type]
                    changed = True
                    break
    return wrappers


def _passes(slot: str, wrapper: Wrapper) -> bool:
    """Whether an argument in `slot` reaches the wrapper's deadline parameter."""
    return slot == KWARGS or slot == f"kw:{wrapper.keyword}" or (wrapper.index >= 0 and slot == f"pos:{wrapper.index}")


def chain(wrappers: Dict[str, Wrapper], start: str) -> Tuple[List[str], str]:
    """The wrappers from `start` down to the library call, and that call's label."""
    names = [start]
    while True:
        via = wrappers[names[-1]].via
        if via.startswith(SINK) or via in names or via not in wrappers:
            return names, via[len(SINK) :] if via.startswith(SINK) else via
        names.append(via)


def short_label(qualname: str, index: ProjectIndex) -> str:
    """`curl.post` for a module function, `Client.get` for a method."""
    module = index.module_of(qualname)
    if not module:
        return qualname
    rest = qualname[len(module) + 1 :]
    return rest if "." in rest else f"{module.rpartition('.')[2]}.{rest}"


def calls_to_wrappers(project, plan, job_for: Callable, analyse: Callable) -> List[FileResult]:
    """The results, with the calls to wrappers of every service file that makes some added as
    pending PRR501 findings (see the module doc)."""
    results = list(project.results)
    project.job_for = job_for  # request_deadline.py reads a few of them
    if RULE not in plan.enabled or not any(
        f.deadline_forwards for m in project.index.modules.values() for f in m.functions.values()
    ):
        return results
    index = project.index
    analysis = project.analysis()
    graph = analysis.graph
    wrappers = find_wrappers(index, graph, patched_globals(analysis))
    project.wrappers.update(wrappers)
    tables = _calls_by_file(index, graph, wrappers) if wrappers else {}
    if not tables:
        return results
    registry = untriggered(plan, (RULE,))
    for position, result in enumerate(results):
        table = tables.get(result.path)
        job = job_for(result.path) if table is not None and result.analysed else None
        if job is None:
            continue
        settings = replace(plan.settings, sections={**plan.settings.sections, WRAPPERS_SECTION: table})
        # PRR501 alone: the file's other findings stand as they are.
        again = analyse(job, replace(plan, settings=settings, enabled=(RULE,), registry=registry), registry)
        found = [item for item in again.pending if item.condition == WRAPPER_CALL]
        for item in found:
            if item.suppressed:
                project.used_suppressions.add((result.path, item.finding.span.line, RULE))
        if found:
            results[position] = replace(result, pending=[*result.pending, *found])
    return results


def _calls_by_file(index: ProjectIndex, graph: CallGraph, wrappers: Dict[str, Wrapper]) -> Dict[str, Dict[str, tuple]]:
    """Service file -> {name it calls a wrapper by -> what PRR501 needs to know about the wrapper}."""
    tables: Dict[str, Dict[str, tuple]] = {}
    for module in index.modules.values():
        if not is_service_path(module.path):
            continue
        for function in module.functions.values():
            given = Counter(function.deadline_calls)
            for name, count in Counter(function.calls).items():
                target = graph.target(name)
                if target is None or target not in wrappers or count <= given[name]:
                    continue  # not a wrapper, or every call of it passes a deadline (or **kwargs)
                wrapper = wrappers[target]
                names, sink = chain(wrappers, target)
                # only **kwargs all the way: a call that gives no deadline leaves the library's default in place
                spec = TIMEOUT_SPECS.get(sink) if all(wrappers[name].through_kwargs for name in names) else None
                # the flag that picks the host of the client it makes itself (switched_hosts.py)
                hosts = [tag for tag in index.functions[target].tags if tag.startswith(HOST_BY)] if len(names) == 1 else []
                tables.setdefault(module.path, {})[name] = (wrapper.keyword, wrapper.index, target, short_label(target, index), sink,
                                                            spec.finite_from if spec is not None else "", hosts[0] if hosts else "")
    return tables


def untriggered(plan, codes: Tuple[str, ...]):
    """The run's rules, with the rules `codes` run on every file: a caller of a wrapper need not mention any
    HTTP library, nor a method using a session another module stores on its class."""
    from prr_lint.registry import Registry, default_registry

    registry = plan.registry or default_registry()
    rules = []
    for rule in registry:
        if rule.code in codes:
            rule = type(rule.__name__, (rule,), {"triggers": ()})
        rules.append(rule)
    return Registry(rules)


def wrapper_conditions(project) -> Dict[str, Callable[[], Callable[[Pending], Optional[Finding]]]]:
    """PRR501's pending conditions: attach the chain of wrappers as `related` to wrapper calls; a
    client that honours a default socket timeout or may reach a unix socket is settled here; and
    every PRR501 finding in code that only request handling reaches is dropped when the service
    bounds each request with a green-thread deadline (request_deadline.py), or that only time-limited
    Celery tasks run (task_deadline.py), or that only greenlets its callers wait on with a time limit and kill
    run (green_deadline.py), or that only threads or executors its callers wait on with a finite timeout run
    (join_deadline.py), or that only `with` blocks a SIGALRM deadline bounds run or is written in one (alarm_deadline.py), or that is awaited in a coroutine every caller bounds with an
    asyncio deadline (async_deadline.py), or whose URL's host is another module's constant bound only to
    a loopback address (constant_targets.py) or a PasteDeploy setting every shipped INI file gives one
    (project/ini_settings.py), or whose library's default is a deadline in every version the project
    admits (a redis-py client where only 8.0 and later may be installed: pinned_versions.py), or that builds a redis
    client only a subscription uses, whose PubSub is read only in bounded ways, and which no other module reads
    (subscriber_clients.py), and every requests call
    whose process patched requests' default timeout or whose session is injected from a factory that
    mounts a timeout-setting adapter (requests_default.py), and every call in a branch on a parameter
    that no caller of the service's outside tests takes (service_guards.py)."""
    covered: List[FrozenSet[str]] = []
    carries: List[bool] = []
    guards: List[Callable[[Tuple[str, ...]], bool]] = []
    # a switch every shipped config leaves off, a flag no launch file passes (switches.py)
    switched_off = switched_off_check(project.index, lambda: project_switches(project))
    # a URL whose host is a loopback constant, or a key every shipped value of which is loopback (constant_targets.py)
    loopback = loopback_check(project.index, lambda key: project_switches(project).loopback(key),
                              lambda module: project_switches(project).sampled(module))
    awaited_bounded = callers_deadline(project)  # awaited in a coroutine its callers bound (async_deadline.py)
    alarm_held = alarm_held_check(project)  # written in a `with` block a SIGALRM deadline bounds (alarm_deadline.py)
    behind_switch = switched_only(project)  # reached only through a call under a switch that is off (switched_reach.py)
    pins: List[PinnedVersions] = []  # the versions the project admits, read when a finding first asks (pinned_versions.py)
    subscriber = subscriber_check(project)  # a client only a subscription uses, that no other module reads (subscriber_clients.py)
    never_run = never_run_check(project.index)  # after a call of another module's that never returns (never_returns.py)

    def finite_default(item: Pending) -> bool:
        """Some library gives the call a finite default in every version of it the project admits for the call's module
        (redis-py 8.0 and later, or rq 1.13.0 and later for a client handed to a worker first): each subject is one way
        to a deadline."""
        wanted = [subject[len(FINITE_DEFAULT_FROM):].split(" ", 1) for subject in item.subjects if subject.startswith(FINITE_DEFAULT_FROM)]
        if not wanted:
            return False
        if not pins:
            pins.append(PinnedVersions(getattr(project.settings, "root", None)))
        return any(len(pair) == 2 and pins[0].admits_only_from(*pair, module=item.finding.path) for pair in wanted)

    def deadline(item: Pending) -> bool:
        """The call runs only under a whole-request deadline, or only in time-limited Celery tasks, or never, or
        on loopback through a constant; or its library's default is a deadline in the versions the project admits; or
        it is a redis client of a configured URL, and the project reads timeouts out of its redis URLs; or the
        client only subscribes with bounded reads, and no other module reads it or its PubSub."""
        if finite_default(item) or switched_off(item.subjects) or loopback(item.subjects) or awaited_bounded(item) or alarm_held(item) \
                or behind_switch(item.finding.context) or subscriber(item) or never_run(item.subjects):
            return True
        if not guards:
            guards.append(service_guards(project))
        if guards[0](item.subjects):
            return True  # in a branch no caller of the service's outside tests takes (param_guards.py)
        if CONFIGURED_URL in item.subjects:
            if not carries:
                carries.append(url_carries_timeout(project.index))
            if carries[0]:
                return True
        if not covered:
            analysis = project.analysis()
            covered.append(analysis.derived("request-covered", lambda: request_covered(analysis, project.launch_files, project.job_for))
                           | analysis.derived("task-covered", lambda: task_covered(analysis, project.launch_files, project.job_for, project.deployment_code))
                           | analysis.derived("green-bounded", lambda: green_bounded(analysis, project.launch_files, project.job_for))
                           | analysis.derived("join-bounded", lambda: join_bounded(analysis))
                           | analysis.derived("alarm-bounded", lambda: alarm_bounded(analysis)))
        return bool(covered[0]) and enclosing_function(project.index, item.finding.context) in covered[0]

    def build() -> Callable[[Pending], Optional[Finding]]:
        wrappers: Dict[str, Wrapper] = project.wrappers
        analysis = project.analysis()

        def check(item: Pending) -> Optional[Finding]:
            start = item.subjects[0]
            if start not in wrappers or deadline(item):
                return None
            names, sink = chain(wrappers, start)
            related = []
            for position, name in enumerate(names):
                location = analysis.location(name)
                wrapper = wrappers[name]
                onward = analysis.label(names[position + 1]) if position + 1 < len(names) else sink
                what = f"its **kwargs (no `{wrapper.keyword}` by default)" if wrapper.through_kwargs else f"`{wrapper.keyword}` (default None)"
                related.append(RelatedLocation(location.path, location.span, f"{location.message} passes {what} to {onward}"))
            return replace(item.finding, related=tuple(related))

        return check

    def unused() -> Callable[[Pending], Optional[Finding]]:
        if project.wrapper_search_crashed:  # a PRR501 suppression may silence a call it did not get to
            raise Unfinished(f"it needs the {SEARCH}, which crashed")
        used = project.used_suppressions

        def check(item: Pending) -> Optional[Finding]:
            line, codes = int(item.subjects[0]), item.subjects[1:]
            left = [code for code in codes if (item.finding.path, line, code) not in used]
            if not left:
                return None
            return item.finding if len(left) == len(codes) else replace(item.finding, message=unused_message(left))

        return check

    def socket_default() -> Callable[[Pending], Optional[Finding]]:
        analysis = project.analysis()
        keep = socket_default_check(project.index, analysis.graph, analysis.console_scripts)
        return lambda item: item.finding if keep(item.subjects) and not deadline(item) else None

    def local_socket() -> Callable[[Pending], Optional[Finding]]:
        keep = local_socket_check(project.index)
        return lambda item: item.finding if keep(item.subjects[0]) and not deadline(item) else None

    def request() -> Callable[[Pending], Optional[Finding]]:
        analysis = project.analysis()
        patched = requests_default_check(analysis, lambda: placed_code(analysis), project.launch_files, job_reader(project))
        patched_global = patched_globals(analysis)
        deliberate = deliberate_stream_check(project.index)

        def check(item: Pending) -> Optional[Finding]:
            if item.subjects[:1] == (REQUESTS_CALL,) and patched(item.finding.context):
                return None  # a patched `requests.adapters.TimeoutSauce` bounds it (requests_default.py)
            if any(subject.startswith(PATCHED_GLOBAL) and patched_global(subject[len(PATCHED_GLOBAL):], item.finding.context)
                   for subject in item.subjects):
                return None  # its session class is a patched module global's (session_patches.py)
            if any(subject.startswith(INJECTED_BY) and injects_timeout_session(project.index, analysis.graph, subject[len(INJECTED_BY):])
                   for subject in item.subjects):
                return None
            if ANNOTATED_SESSION in item.subjects and annotated_sessions_bounded(project.index, analysis.graph):
                return None  # every session the service makes fills in a timeout (annotated_sessions.py)
            if deliberate(item.subjects):
                return None  # a no-deadline only a stream relay or event feed uses (stream_relays.py)
            return None if deadline(item) else item.finding

        return check

    return {WRAPPER_CALL: build, UNUSED_UNLESS_PROJECT: unused, UNLESS_SOCKET_DEFAULT: socket_default,
            UNLESS_LOCAL_SOCKET: local_socket, UNLESS_REQUEST_DEADLINE: request}


def placed_code(analysis) -> Tuple[Dict[str, str], FrozenSet[str]]:
    """scope.py's commands, scripts and programs with why each is one, and its start-up code: where a program's
    requests patch does not run (patched_programs.py)."""
    non_serving: NonServing = analysis.derived("non-serving", lambda: NonServing(analysis))
    placed = {**non_serving.roots, **non_serving.deployed}
    placed.update((name, "") for name in (*non_serving.programs, *non_serving.scheduled) if name not in placed)
    return placed, non_serving.startup


def url_carries_timeout(index: ProjectIndex) -> bool:
    """Some project function takes a redis URL's query apart and names `socket_timeout` in it: the
    deployment writes its redis URLs with the timeout, which `from_url` reads (url_deadlines.py)."""
    return any(tag.startswith(URL_QUERY_NAMES_TIMEOUT) for name, module in index.modules.items()
               for tag in (module.functions[name].tags if name in module.functions else ()))
