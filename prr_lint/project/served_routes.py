"""Served routes: the request handlers the project phase starts from are those some app serves.

A route decorator registers its handler when its module is imported: `@router.post("/update")` on a FastAPI
`APIRouter`, `@bp.get` on a Blueprint, `@routes.get` on an aiohttp `RouteTableDef`, `@api.route` on a
flask-restx `Namespace`. A module the service never loads (unloaded_modules.py: nothing imports it, no
launch file runs it, no loader may load it; a router module counts as loaded only through an import, a
dotted path or a star import of its package, router_modules.py) registers nothing, so its handlers serve no
request: an `include_router(preferences_router)` that was commented out with its import leaves
`preferences.py`'s routes unserved, and what only they call runs in no request.

So in a run over a whole project, the serving model drops those handlers once, before anything is derived
from it (ServingAnalysis.unserve): every rule that starts from request handlers sees the same served routes:
PRR505's event-loop reach, the `serving-reachable` rules (PRR203, PRR204, PRR301-PRR304, PRR504, PRR507),
the routes PRR201 and PRR206 count, and the serving scope's reach (what serving code runs, project/scope.py).
When every handler of the project would be dropped, none is: an app that serves nothing is one whose way of
loading its routes was not seen. So are the handlers of an app only programs the deployment does not run serve,
beside others of the project it runs by name (undeployed_programs.py: a status API a developer starts with
`deploy/api/run.py`). A helper module only such a router imports is never loaded either
(unloaded_modules.py), so the scoped rules (PRR501, the PRR1xx family) leave out what is written there.
"""

from __future__ import annotations

from typing import FrozenSet

from prr_lint.project.undeployed_programs import hand_served_handlers
from prr_lint.project.unloaded_modules import in_unloaded_module


def unserved_handlers(analysis) -> FrozenSet[str]:
    """The request handlers of modules the service never loads, or that only programs the deployment does not run
    serve (undeployed_programs.py; module docstring); none when that is all of them."""
    seeds = analysis.model.seeds
    dropped = frozenset(name for name in seeds if in_unloaded_module(analysis, name)) | hand_served_handlers(analysis)
    return frozenset() if dropped == seeds else dropped
