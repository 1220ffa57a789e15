"""Request handlers served only under a switch that is off (PRR501's switched reach, PRR505's event-loop reach).

A handler serves requests through its route registrations, and a router's handlers through the router's mounts.
When every registration of a handler runs only under a key every shipped configuration leaves off (`if
WATERMARK_ENABLED: urlpatterns.append(path("w", Watermark.as_view()))`: `switched-route:`), or every router its
routes hang on has only mounts that run only so (`if settings.ENABLE_STAC: api_router.include_router(stac.router)`:
`switched-mount:`, rules/switched_calls.py) or that hang it on routers that are, the handler serves no request until
an operator turns the feature on. A router mounted once outside such a switch is served, and so is one mounted
nowhere the summaries show (the app itself, or a router something else serves), and one the code hands on as a
value to anything but a mount: what it does with it is not known. Code that names `routes` may copy a router's routes
onto a served one with no mount (`app.router.routes += proxy.router.routes`): then no router is decided off.
When the project mounts a router its code computes (`app.include_router(module.router)` of a loaded module:
router_mounts.py), that mount may be any router's, and the mounts decide nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, FrozenSet, Set, Tuple

from prr_lint.paths import is_test_path
from prr_lint.project.routes import RouteTree, route_tree
from prr_lint.project.switches import project_switches
from prr_lint.router_mounts import mount_call, mounts_computed
from prr_lint.rules.switched_calls import SWITCHED_MOUNT, SWITCHED_ROUTE


def switched_handlers(project) -> Tuple[str, ...]:
    """The handlers (functions, or view classes) served only under a switch that is off (module docstring), each as
    the prefix `<handler>.` of what it holds; worked out once per run for PRR501 and PRR505."""
    def build() -> Tuple[str, ...]:
        index, view = project.index, project_switches(project)

        def off(keys: str) -> bool:
            """Any one of a tag's `|`-joined keys is off in every shipped configuration."""
            return any(view.off(key) for key in keys.split("|"))

        return tuple(sorted(f"{handler}." for handler in _switched_routes(index, off) | _switched_mounts(index, off)))

    return project.analysis().derived("switched-handlers", build)


def _switched_routes(index, off: Callable[[str], bool]) -> FrozenSet[str]:
    """The handlers every route registration of which runs only under a switch that is off. A handler with one
    other registration is served."""
    tagged = index.tagged(SWITCHED_ROUTE)
    if not tagged:
        return frozenset()
    registered = Counter(entry[2] for module in index.modules.values() for entry in module.registrations)
    switched: Counter = Counter()
    for tags in tagged.values():
        for tag in tags:
            handler, _, keys = tag.rpartition("=")
            switched[handler] += off(keys)
    return frozenset(handler for handler, count in switched.items() if count and count == registered[handler])


def _switched_mounts(index, off: Callable[[str], bool]) -> FrozenSet[str]:
    """The handlers whose every router has only mounts under a switch that is off, or on such routers."""
    def is_test(module: str) -> bool:
        return module in index.modules and is_test_path(index.modules[module].path)

    tagged = index.tagged(SWITCHED_MOUNT)
    if not tagged or mounts_computed(index, is_test) or _routes_read(index, is_test):
        return frozenset()
    tree = route_tree(index)  # a test's mounts count for neither side
    switched = {f"{index.module_of(name)}:{tag.partition('=')[0]}" for name, tags in tagged.items() for tag in tags if off(tag.partition("=")[2])}
    passed = _passed_on(index, tree, is_test)
    decided: Dict[str, bool] = {}

    def router_off(router: str) -> bool:
        if router not in decided:
            decided[router] = False  # a router mounted on itself, through others, is served
            mounts = tree.mounts.get(router, [])
            decided[router] = bool(mounts) and router not in passed and all(
                mount in switched or router_off(parent) for _, parent, _, mount in mounts)
        return decided[router]

    return frozenset(handler for handler, routers in tree.held.items() if all(map(router_off, routers)))


def _routes_read(index, is_test: Callable[[str], bool]) -> bool:
    """Code outside tests names `routes` (`app.router.routes += proxy.router.routes`, a loop appending them): a router's
    routes may be served by another router that copies them, which no mount records."""
    return any(module.words.get("routes", 0) > module.prose_words.get("routes", 0)
               for name, module in index.modules.items() if not is_test(name))


def _passed_on(index, tree: RouteTree, is_test: Callable[[str], bool]) -> Set[str]:
    """The mounted routers that code outside tests passes as a value, or an attribute of (`proxy.router.routes`), to a
    call that is no mount (router_mounts.mount_call): served, maybe, by what it does with them."""
    words = {router.rpartition(".")[2] for router in tree.mounts}
    passed: Set[str] = set()
    for name, function in index.functions.items():
        for called, _, held in function.arguments:
            parts = held.split(".")
            if held.startswith("[") or words.isdisjoint(parts) or is_test(index.module_of(name)):
                continue
            for end in range(len(parts), 0, -1):
                router = tree.router(".".join(parts[:end]))
                if router in tree.mounts and (end < len(parts) or not mount_call(called)):
                    passed.add(router)
    return passed
