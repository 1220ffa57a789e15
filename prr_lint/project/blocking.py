"""What runs on an event loop: PRR505's project half.

Starting from every served `async def` entry point (not one of a router no app mounts: served_routes.py), follow direct calls only (no hand-offs: a function
given to `to_thread`, `run_in_executor`, a thread or an executor runs elsewhere; no nested
definitions, which run only when called; no plain generator functions, whose call runs none of
their body: whoever iterates the generator runs it, and the usual iterator, Starlette's
`StreamingResponse`, does so in a thread pool; a `@contextmanager` generator is followed, since
`with` runs it at once; no function decorated to run in an executor, tornado's `@run_on_executor`
or asgiref's `@sync_to_async`, whose call submits the body to a thread pool and returns a future; no
call, route, router mount or blocking call that runs only under a configuration switch every shipped configuration
leaves off, rules/switched_calls.py, project/switched_handlers.py and project/switches.py; no call whose arguments cannot bind to its target's signature,
project/unbound.py; no call of a coroutine function whose coroutine is dropped, never awaited, project/unawaited.py; no call, blocking or a hop, in a branch that every caller on the
loop turns away with a literal argument, project/param_guards.py: irrd's `Preloader(enable_queries=False)` on the
loop, whose `__init__` loads the store only `if enable_queries:`, though its start-up passes True). Everything reached runs on the loop, so a blocking
call in it stalls every request of the process. The pending findings of rules/blocking.py are
kept when their function is reached, with the path from the handler in `related`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Callable, Dict, Optional, Sequence, Tuple

from prr_lint.model import IS_ASYNC, IS_SYNC_GENERATOR, Finding, Pending, RelatedLocation
from prr_lint.project.callgraph import GraphView, breadth_first
from prr_lint.library_types import canonical
from prr_lint.project.names import resolve_name
from prr_lint.project.never_returns import ends_process_check, never_run_check
from prr_lint.project.param_guards import ParamGuards, switch_truth
from prr_lint.project.plugin_switches import plugin_off
from prr_lint.project.switch_decorators import defining_keys
from prr_lint.project.switched_handlers import switched_handlers
from prr_lint.project.switches import param_switches, project_switches
from prr_lint.project.unawaited import idle_calls
from prr_lint.rules.blocking import ASYNC_REACHABLE, ASYNC_REACHABLE_ALIAS, BLOCKING_METHODS
from prr_lint.rules.config_switches import SWITCHED_BY
from prr_lint.rules.switched_calls import SWITCHED_CALL
from prr_lint.switch_keys import PARAM


# Decorators that run the decorated function in an executor (the call returns a future to await).
OFF_LOOP_DECORATORS = frozenset({"tornado.concurrent.run_on_executor", "asgiref.sync.sync_to_async"})


class DirectCalls(GraphView):
    """The call graph without hand-offs, nested definitions, plain generator functions and calls that
    run only under a configuration switch that is off (`switched_off(keys)`, rules/switched_calls.py)."""

    def __init__(self, graph, switched_off: Callable[[str], bool] = lambda keys: False) -> None:
        super().__init__(graph)
        self.switched_off = switched_off

    def _derive(self, qualname: str) -> Tuple[str, ...]:
        function = self.graph.index.functions.get(qualname)
        found: Dict[str, None] = {}
        dead = self._switched_off_calls(function.tags) if function is not None else Counter()
        unbound = self.graph.unbound(qualname)  # a call that cannot bind runs nothing (unbound.py)
        idle = idle_calls(self.graph, function) if function is not None else frozenset()  # a dropped coroutine (unawaited.py)
        for name in function.calls if function is not None else ():
            if name in idle:
                continue
            if dead[name]:
                dead[name] -= 1
                continue
            target = self.graph.target(name)
            if target is not None and target != qualname and target not in unbound.get(name, ()) and not self._generator(target) \
                    and not self._off_loop(target):
                found[target] = None
        return tuple(found)

    def _switched_off_calls(self, tags: Sequence[str]) -> Counter:
        """How many calls of each callee run only under a switch that is off."""
        return Counter(callee for tag in tags if tag.startswith(SWITCHED_CALL)
                       for callee, _, keys in [tag[len(SWITCHED_CALL):].rpartition("=")] if self.switched_off(keys))

    def defined_off(self, qualname: str) -> bool:
        """The function is defined only under a switch that is off (a route after `if not FLAG: return`)."""
        return any(map(self.switched_off, defining_keys(self.graph.index, qualname)))

    def _off_loop(self, qualname: str) -> bool:
        """A function whose decorator hands each call to a thread pool and returns a future
        (tornado's `@run_on_executor`, asgiref's `@sync_to_async`): its body runs off the loop."""
        function = self.graph.index.functions.get(qualname)
        return function is not None and bool(OFF_LOOP_DECORATORS.intersection(function.decorators))

    def _generator(self, qualname: str) -> bool:
        function = self.graph.index.functions.get(qualname)
        return function is not None and IS_SYNC_GENERATOR in function.tags


# WSGI frameworks that run an `async def` view with asgiref's `async_to_sync`: a new event loop for
# each request, in that request's worker thread, which no other request shares.
LOOP_PER_REQUEST = frozenset({"flask", "flask-restx", "flask-restful", "flask-smorest"})


def loop_per_request(analysis, name: str) -> bool:
    """The async entry point `name` runs on an event loop of its own request: a Flask view (Quart, whose
    `add_url_rule` is read as Flask's, shares one loop: a module that imports quart keeps its views)."""
    entry = analysis.entry_by_name.get(name)
    module = analysis.module_of(name)
    return entry is not None and entry.framework in LOOP_PER_REQUEST and module is not None \
        and not any(imported == "quart" or imported.startswith("quart.") for imported in module.imports.values())


def async_conditions(project) -> Dict[str, Callable[[], Callable[[Pending], Optional[Finding]]]]:
    def build() -> Callable[[Pending], Optional[Finding]]:
        analysis = project.analysis()
        functions = analysis.index.functions
        view = project_switches(project)

        def switched_off(keys: str) -> bool:
            """Any one of the `|`-joined keys is off in every shipped configuration."""
            return any(view.off(key) for key in keys.split("|"))

        direct = DirectCalls(analysis.graph, switched_off)
        # The served handlers: not those of a module the service never loads, a router nothing mounts (served_routes.py),
        # nor those routed or mounted only under a switch that is off (switched_handlers.py).
        switched = switched_handlers(project)
        seeds = [name for name in sorted(analysis.model.seeds) if name in functions and IS_ASYNC in functions[name].tags
                 and not direct.defined_off(name) and not f"{name}.".startswith(switched) and not loop_per_request(analysis, name)]
        reached = breadth_first(direct, seeds, analysis.max_depth) if seeds else {}  # type: ignore[arg-type]
        if reached:  # again, without the hops a parameter guards that every caller on the loop turns off
            on_loop, params = reached.__contains__, param_switches(project)
            off_on_loop = lambda keys: switched_off(keys) or any(  # noqa: E731 - a predicate for DirectCalls
                key.startswith(PARAM) and params.off(key, on_loop) for key in keys.split("|"))
            reached = breadth_first(DirectCalls(analysis.graph, off_on_loop), seeds, analysis.max_depth)  # type: ignore[arg-type]

        guards = ParamGuards(analysis.graph, seeds, truth=switch_truth(lambda: view))  # a switch decides as for PRR501
        never_run = never_run_check(analysis.index)  # after a call of another module's that never returns (never_returns.py)
        shutdown = ends_process_check(analysis.index)  # every path after it ends the process (rules/process_ends.py)

        def check(item: Pending) -> Optional[Finding]:
            if any(subject.startswith(SWITCHED_BY) and switched_off(subject[len(SWITCHED_BY):]) for subject in item.subjects):
                return None
            module = analysis.module_of(item.subjects[0])
            if module is not None and plugin_off(view, module.module):
                return None  # a plug-in its configuration section leaves disabled (plugin_switches.py)
            if guards.unreachable(item.subjects, reached.__contains__):
                return None  # only callers off the loop take the branch (param_guards.py)
            if never_run(item.subjects) or shutdown(item.subjects):
                return None
            if item.condition == ASYNC_REACHABLE_ALIAS:
                resolved = canonical(resolve_name(analysis.index, item.subjects[2]))
                if item.subjects[3] not in BLOCKING_METHODS.get(resolved, ()):
                    return None
            chain = analysis.path_to(item.subjects[0], reached)
            if not chain:
                return None
            finding = item.finding
            entry = analysis.entry_by_name.get(chain[0])
            where = f"{entry.framework} entry point {entry.route} ({analysis.label(chain[0])})".replace("  ", " ") if entry else analysis.label(chain[0])
            hops = "in the async handler itself" if len(chain) == 1 else f"at call depth {len(chain)}"
            related = (*analysis.related_path(chain), RelatedLocation(finding.path, finding.span, item.subjects[1]))
            message = (f"{finding.message}: reached from the async {where}, {hops}; every request of the process waits "
                       "while it runs (asyncio.to_thread, or an async client)")
            return replace(finding, related=related, message=message)

        return check

    built: list = []

    def shared() -> Callable[[Pending], Optional[Finding]]:
        if not built:
            built.append(build())
        return built[0]

    return {ASYNC_REACHABLE: shared, ASYNC_REACHABLE_ALIAS: shared}
