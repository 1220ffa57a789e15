"""Who may run a method without a call the graph resolves to it, for PRR501's dead code (dead_code.py `_closed`)."""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Mapping, Set

from prr_lint.project.param_guards import dispatch_targets, untyped_call_sites
from prr_lint.project.unbound_callers import untyped_binding


def dispatched_callers(index, callers: Mapping[str, FrozenSet[str]], tests: Set[str],
                        may_reach: Callable[[str, str], bool]) -> Dict[str, FrozenSet[str]]:
    """`callers` with, for each method, the calls that may run it without resolving to it: a call resolved
    to a base class's method it overrides (`self._parse_gas_prices()` in the base runs each subclass's)
    and a call of its name on a receiver of no known type (`feed_class.construct_gas_strategy()` over a
    tuple of classes; one whose arguments fit its signature; not where every object of its class is accounted for and such a call reaches no other
    method of it: accounted_objects.py, which `may_reach` asks), tests aside. A method the call graph leaves without callers is dead when all these
    are (nucypher's gas price feeds, built only by a strategy nothing calls). A module function among them
    may itself run through such a call, on a module object (a plug-in's `handler` that the server calls as
    `MODULES[name].handler(q)`, though no file that can reach its module names it): those calls count too."""
    untyped = untyped_call_sites(index)

    def by_name(local: str) -> Set[str]:
        return {caller for caller, _ in untyped.get(local, ()) if index.module_of(caller) not in tests}

    found = dict(callers)
    for name in index.functions:
        owner, _, local = name.rpartition(".")
        if owner not in index.classes or local.startswith("__"):
            continue
        more = {caller for target in dispatch_targets(index, name) for caller in callers.get(target, ())}
        if may_reach(owner, local):  # only calls whose arguments fit its signature (unbound_callers.py)
            more |= by_name(local) & untyped_binding(index, name)
        more.update(*(by_name(caller.rpartition(".")[2]) for caller in list(more) if caller.rpartition(".")[0] in index.modules))
        more.discard(name)
        if more:
            found[name] = found.get(name, frozenset()) | more
    return found
