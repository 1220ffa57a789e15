"""PRR204 and PRR205 leave out dead code (scope.py `DEAD_ONLY`, PRR501's dead code: project/dead_code.py):
a middleware function only a package's `__init__` re-exports and nothing calls makes no time series
(production-stack's `check_pii`); the same function a route calls does."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

PII = (
    "from fastapi import Request\nfrom prometheus_client import Counter\n\n"
    "BLOCKED = Counter('pii_blocked', 'Blocked requests', ['endpoint'])\n\n\n"
    "async def check_pii(request: Request):\n"
    "    BLOCKED.labels(endpoint=request.url).inc()\n"
    "    return None\n"
)
APP = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/health')\ndef health():\n    return 'ok'\n"
ROUTE = "\n\n@app.post('/chat')\nasync def chat(request: Request):\n    await check_pii(request)\n    return 'ok'\n"
LABEL = ("PRR205", "svc/pii/middleware.py", 8)


def _found(tmp_path: Path, app: str) -> List[Tuple[str, str, int]]:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/pii/__init__.py": "from .middleware import check_pii\n",
                             "svc/pii/middleware.py": PII, "svc/app.py": app}
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR205",), whole_project=True).findings)


def test_a_label_in_a_function_only_re_exported_makes_no_series(tmp_path: Path) -> None:
    assert _found(tmp_path, APP) == []


def test_the_same_label_in_a_function_a_route_calls_is_reported(tmp_path: Path) -> None:
    app = APP.replace("from fastapi import FastAPI", "from fastapi import FastAPI, Request\nfrom svc.pii import check_pii") + ROUTE
    assert _found(tmp_path, app) == [LABEL]
