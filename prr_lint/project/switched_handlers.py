"""Request handlers served only under a switch that is off (PRR501's switched reach, PRR505's event-loop reach).

A handler serves requests through its route registrations, and a router's handlers through the router's mounts.
When every registration of a handler runs only under a key every shipped configuration leaves off (`if
WATERMARK_ENABLED: urlpatterns.append(path("w", Watermark.as_view()))`: `switched-route:`), or every router its
routes hang on is mounted only so (`if settings.ENABLE_STAC: api_router.include_router(stac.router)`:
`switched-mount:`, rules/switched_calls.py) or only on routers that are, the handler serves no request until an
operator turns the feature on. A router mounted once outside such a switch is served, and so is one mounted
nowhere the summaries show (the app itself, or a router something else serves); when the project mounts a router
its code computes (`app.include_router(module.router)` of a loaded module: router_mounts.py), that mount may be
any router's, and the mounts decide nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, FrozenSet

from prr_lint.paths import is_test_path
from prr_lint.project.routes import RouteTree
from prr_lint.router_mounts import COMPUTED, MOUNTS_ROUTER
from prr_lint.rules.switched_calls import SWITCHED_MOUNT, SWITCHED_ROUTE


def switched_handlers(index, off: Callable[[str], bool]) -> FrozenSet[str]:
    """The handlers (functions, or view classes) served only under a switch that is off (module docstring); `off`
    takes a tag's `|`-joined keys."""
    return _switched_routes(index, off) | _switched_mounts(index, off)


def _switched_routes(index, off: Callable[[str], bool]) -> FrozenSet[str]:
    """The handlers every route registration of which runs only under a switch that is off. A handler with one
    other registration is served."""
    registered = Counter(entry[2] for module in index.modules.values() for entry in module.registrations)
    switched: Counter = Counter()
    for tags in index.tagged(SWITCHED_ROUTE).values():
        for tag in tags:
            handler, _, keys = tag.rpartition("=")
            switched[handler] += off(keys)
    return frozenset(handler for handler, count in switched.items() if count and count == registered[handler])


def _switched_mounts(index, off: Callable[[str], bool]) -> FrozenSet[str]:
    """The handlers whose every router is mounted only under a switch that is off, or only on such routers."""
    def outside_tests(name: str) -> bool:
        return not is_test_path(index.modules[index.module_of(name)].path)

    tagged = index.tagged(SWITCHED_MOUNT)
    if not tagged or any(MOUNTS_ROUTER + COMPUTED in function.tags and outside_tests(name) for name, function in index.functions.items()):
        return frozenset()
    tree = RouteTree(index)  # a test's mounts count for neither side
    switched: Counter = Counter()
    for name in filter(outside_tests, tagged):
        for tag in tagged[name]:
            router, _, keys = tag.rpartition("=")
            switched[tree.router(router)] += off(keys)
    decided: Dict[str, bool] = {}

    def router_off(router: str) -> bool:
        if router not in decided:
            decided[router] = False  # a router mounted on itself, through others, is served
            mounts = tree.mounts.get(router, [])
            decided[router] = bool(mounts) and (switched[router] == len(mounts) or all(router_off(parent) for _, parent, _ in mounts))
        return decided[router]

    return frozenset(handler for handler, routers in tree.held.items() if all(map(router_off, routers)))
