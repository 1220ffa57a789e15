"""Which entry points answer health probes (PRR206): by route, by name, by view class, by docstring."""

from __future__ import annotations

import re
from typing import Iterable

from prr_lint.project.index import ProjectIndex
from prr_lint.project.model import EntryPoint
from prr_lint.project.routes import health_view
from prr_lint.rules.health_marks import DOCUMENTED_PROBE

# A handler named for a probe, also after a qualifier (`service_health`, `api_healthcheck`: the service's
# health, answered at `service_health/`)
_HEALTH_NAME = re.compile(r"^(?:health|healthz|healthcheck|health_check|readiness|liveness|livez|readyz|ping"
                          r"|[a-z0-9_]+_(?:health|healthz|healthcheck))$")
_ROUTE_NOISE = re.compile(r"^\^|/?\??\$$|/\?$")  # `^status/?$`: the optional slash of a regex route
# A probe word as the last path segment, also inside underscores (Dockerflow's `/__heartbeat__`) or after
# a qualifier (`/__lbheartbeat__`, the load balancer's heartbeat; `service_health/`, the service's
# health). `status`, `ready` and `ping` only stand alone: `order_status` is a resource's state.
_HEALTH_SEGMENT = re.compile(r"^_*(?:health|healthz|healthcheck|health[-_]check|ready|readyz|readiness|live|livez|liveness|ping|status"
                             r"|[a-z]*heartbeat|[a-z0-9]+[-_](?:health|healthz|healthcheck))_*$")


def _normalise(route: str) -> str:
    route = _ROUTE_NOISE.sub("", route.strip())
    route = "/" + route.lstrip("/")
    return route.rstrip("/") or "/"


def is_probe(entry: EntryPoint, paths: Iterable[str], index: ProjectIndex) -> bool:
    """The entry point answers health probes: its route matches `health.paths` or ends in a probe
    word, its handler or view class is named for one, or its docstring says it is one (luigi's
    `RootPathHandler.head`, "HEAD endpoint for health checking the scheduler")."""
    function = index.functions.get(entry.qualname)
    if function is not None and DOCUMENTED_PROBE in function.tags:
        return True
    if _HEALTH_NAME.match(entry.qualname.rpartition(".")[2].lower()) or health_view(entry):
        return True
    if not entry.route:
        return False
    route = _normalise(entry.route)
    if any(route == _normalise(path) or route.endswith(_normalise(path)) for path in paths):
        return True
    return bool(_HEALTH_SEGMENT.match(route.rpartition("/")[2].lower()))
