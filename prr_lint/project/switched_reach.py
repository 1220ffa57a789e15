"""Code that only a call under a switched-off configuration key reaches (PRR501's project half of
rules/switched_calls.py).

A feature's client often sits a few calls away from its switch: `if settings["BLOCK_X_ENABLED"]:
background_tasks.add_task(refresh_task)` starts the task whose helper does the `requests.get`; `if not
Config.worker.cleanup: log(...) else: cleanup(...)` runs the cleaner that posts to the core. The call
itself carries no guard, so config_switches.py cannot see the switch. Here the whole serving reach is
searched twice from where the running service starts (scope.py `running_seeds`: entry points, start-up
code, the service's programs, background tasks, loops that run forever): once through every call, hand-off and nested
definition of the call graph, once without the calls and hand-offs that run only under a key every
shipped configuration leaves off (the summaries' `switched-call:`/`switched-handoff:` tags,
project/switches.py), without the nested definitions made only under one (a decorator's wrapper after `if not
getattr(settings, "REQUIRE_AUTH", False): return viewfunc`: `switched-def:`) and without seeds defined only under one or served only by route registrations or router mounts under one
(`if WATERMARK_ENABLED: urlpatterns.append(path("w", Watermark.as_view()))`, `if settings.ENABLE_STAC:
api_router.include_router(stac.router)`: project/switched_handlers.py). A finding whose function the first
search reaches and the second does not runs only when an operator turns the feature on: dropped. A call of a
method on a receiver of no known type (`c.is_available()` over a list of clients) may run any project method of
that name (untyped_calls.py): the second search follows it unless it is switched off, the first only when it is
(so a function that only such calls outside switches reach is not in the first, and keeps its finding). Both follow
a call by a computed name on a project module (`getattr(jobs, jobname)()`) to every function the module binds
(param_guards.py `computed_lookup_callees`): a job the command runs by its word. A parameter of a function that no call
turns on is such a switch too (`if ping:` in `ClientComposition.__init__(self, endpoint, ping=False)`, which every
caller builds without `ping`: project/param_switches.py). A function the first search does not reach at all is
searched for from where a program starts instead: the top level of each module outside tests that no project module
imports, which runs only as a program run by its path or name (a worker run as `python -m svc.worker`, which scope.py
may not know as a program). Reached from there only through calls under a switch that is off (the worker's `if
c.SEND_DEFERRED_EMAIL: email_deferral(...)` with `SEND_DEFERRED_EMAIL = False` in every configuration class), it runs
only when an operator turns the feature on: dropped. A function neither search reaches tells nothing (its callers are
not known) and keeps its finding. A function the service reaches is decided by the service's reach alone: a program
that calls it outside a switch is no service. All searches are unbounded and run once per run. A plug-in module whose
configuration section leaves it disabled is off as a whole (project/plugin_switches.py), and so is a method of a
class built only under a switch that is off (project/switched_classes.py), reached or not, and so is a function a
switch decorator runs only while a key that is off is on (`@skip_if_flag_disabled("K")`: project/switch_decorators.py),
whoever calls it.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, FrozenSet, Sequence, Tuple

from prr_lint.dispatch import BY_NAME
from prr_lint.project.callgraph import UNBOUNDED, GraphView, breadth_first
from prr_lint.model import UNTYPED_CALL
from prr_lint.project.names import enclosing_function, imported_modules, methods_named
from prr_lint.project.param_guards import computed_lookup_callees
from prr_lint.project.scope import NonServing
from prr_lint.project.plugin_switches import plugin_off
from prr_lint.project.switch_decorators import decorated_keys, defining_keys
from prr_lint.project.switched_classes import switched_classes
from prr_lint.project.support import test_modules
from prr_lint.project.switches import project_switches
from prr_lint.project.untyped_calls import untyped_names
from prr_lint.project.switched_handlers import switched_handlers
from prr_lint.rules.switched_calls import SWITCHED_CALL, SWITCHED_HANDOFF


class SwitchedOnCalls(GraphView):
    """The call graph's edges (calls, hand-offs, nested definitions, and calls on receivers of no known type
    by the method's name) less those that run only under a switch that is off (`off(keys)`)."""

    def __init__(self, graph, off: Callable[[str], bool]) -> None:
        super().__init__(graph)
        self.off = off

    def _derive(self, qualname: str) -> Tuple[str, ...]:
        function = self.graph.index.functions.get(qualname)
        if function is None:
            return ()
        dead = {prefix: self._off_names(function.tags, prefix) for prefix in (SWITCHED_CALL, SWITCHED_HANDOFF)}
        untyped = untyped_names(self.graph.index).get(qualname, {})
        methods = [name for name, count in untyped.items() if count > dead[SWITCHED_CALL][UNTYPED_CALL + name]]
        found: Dict[str, None] = {}
        for prefix, names in ((SWITCHED_CALL, function.calls), ("", function.chained), (SWITCHED_HANDOFF, function.handoffs)):
            for name in names:
                if prefix and dead[prefix][name]:
                    dead[prefix][name] -= 1
                    continue
                if name.startswith(BY_NAME):
                    found.update(dict.fromkeys(self.graph.by_name(name[len(BY_NAME):])))
                    continue
                found.update((target, None) for target in self.graph.targets(name) if target != qualname)
        # a nested definition after `if not K: return f` (a decorator's wrapper) exists only while K is on
        found.update(dict.fromkeys(nested for nested in self.graph.nested(qualname) if not self.defined_off(nested)))
        found.update(dict.fromkeys(method for name in methods for method in methods_named(self.graph.index, name)))
        found.update(dict.fromkeys(sorted(computed_lookup_callees(self.graph.index).get(qualname, ()))))
        # a function a switch decorator runs only while its key is on runs so for every caller (switch_decorators.py)
        return tuple(target for target in found if not self.decorated_off(target))

    def decorated_off(self, qualname: str) -> bool:
        """A switch decorator of the function reads a key that is off."""
        return any(map(self.off, decorated_keys(self.graph.index, qualname)))

    def switched_off_methods(self, qualname: str) -> Tuple[str, ...]:
        """The project methods named as a call on a receiver of no known type under a switch that is off."""
        function = self.graph.index.functions.get(qualname)
        if function is None or not untyped_names(self.graph.index).get(qualname):
            return ()
        names = [name[len(UNTYPED_CALL):] for name in self._off_names(function.tags, SWITCHED_CALL) if name.startswith(UNTYPED_CALL)]
        return tuple(method for name in names for method in methods_named(self.graph.index, name))

    def _off_names(self, tags: Sequence[str], prefix: str) -> Counter:
        """How many calls (or hand-offs) of each name run only under a switch that is off."""
        return Counter(name for tag in tags if tag.startswith(prefix)
                       for name, _, keys in [tag[len(prefix):].rpartition("=")] if self.off(keys))

    def defined_off(self, qualname: str) -> bool:
        """Defined only under a switch that is off (a route after `if not FLAG: return`)."""
        return any(map(self.off, defining_keys(self.graph.index, qualname)))


class WithSwitchedOff(GraphView):
    """The call graph's edges, and the methods the calls on receivers of no known type under a switch that
    is off may run: the whole reach the switched-off calls add to."""

    def __init__(self, graph, on: SwitchedOnCalls) -> None:
        super().__init__(graph)
        self.on = on

    def _derive(self, qualname: str) -> Tuple[str, ...]:
        looked_up = sorted(computed_lookup_callees(self.graph.index).get(qualname, ()))
        return tuple(dict.fromkeys((*self.graph.callees(qualname), *self.on.switched_off_methods(qualname), *looked_up)))


def program_starts(analysis) -> Tuple[str, ...]:
    """The top levels of the project's modules outside tests (test_modules: by path or behaviour) that no project
    module imports: each runs only as a program run by its path or name, where its process starts (module docstring)."""
    index = analysis.index
    imported = analysis.derived("imported-modules", lambda: imported_modules(index))
    tests = test_modules(index)
    return tuple(sorted(name for name in index.modules if name in index.functions and name not in imported and name not in tests))


def _reaches(on: SwitchedOnCalls, seeds: Sequence[str], routes: Tuple[str, ...]) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """What `seeds` reach through every call, and through the calls that do not run only under a switch that is off
    (from the seeds not defined or routed only under one)."""
    full = breadth_first(WithSwitchedOff(on.graph, on), seeds, UNBOUNDED)  # type: ignore[arg-type]
    unrouted = [seed for seed in seeds if seed.startswith(routes) or f"{seed}." in routes]
    kept = breadth_first(on, [seed for seed in seeds if not on.defined_off(seed) and seed not in unrouted], UNBOUNDED)  # type: ignore[arg-type]
    return frozenset(full), frozenset(kept)


def switched_only(project) -> Callable[[str], bool]:
    """Whether a finding's context is in a function that serving code reaches only through a call under a
    switched-off key, or, where serving code does not reach it, the programs do (module docstring). Searches on the
    first finding asked about; the programs' searches on the first function serving code does not reach."""
    reaches: list = []

    def build() -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str], SwitchedOnCalls, Tuple[str, ...]]:
        analysis = project.analysis()
        view = project_switches(project)

        def off(keys: str) -> bool:
            return any(view.off(key) for key in keys.split("|"))

        seeds = sorted(analysis.derived("non-serving", lambda: NonServing(analysis)).running_seeds())
        on = SwitchedOnCalls(analysis.graph, off)
        classes = switched_classes(analysis.index, off)  # built only under a switch that is off (switched_classes.py)
        routes = switched_handlers(project)
        return (*_reaches(on, seeds, routes), classes, on, routes)

    def check(context: str) -> bool:
        if not reaches:
            reaches.append(project.analysis().derived("switched-reach", build))
        full, kept, classes, on, routes = reaches[0]
        function = enclosing_function(project.index, context)
        if function not in full:  # no serving code reaches it: from where the programs start, then
            full, kept = project.analysis().derived("switched-program-reach", lambda: _reaches(on, program_starts(project.analysis()), routes))
        # a function a switch decorator runs only while its key is on never runs off, reached or not (switch_decorators.py)
        if function in full and function not in kept or function.rpartition(".")[0] in classes or on.decorated_off(function):
            return True
        module = project.analysis().module_of(function)  # a plug-in its section leaves disabled (plugin_switches.py)
        return module is not None and plugin_off(project_switches(project), module.module)

    return check
