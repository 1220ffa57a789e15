"""Served routes (project/served_routes.py): the handlers of a router module nothing loads start no rule's reach."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

MAIN = ("from fastapi import FastAPI\n\nfrom svc.routers import orders\n# from svc.routers import preferences\n\n"
        "app = FastAPI()\napp.include_router(orders.router)\n# app.include_router(preferences.router)\n")
ORDERS = ("from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/orders')\n"
          "async def orders():\n    return []\n")
# Talchain's Inference-Service-Layer (set P): `preferences.py`'s import and `include_router` are commented out,
# and only its handlers call the storage helpers.
PREFERENCES = ("from fastapi import APIRouter\n\nfrom svc import storage\n\nrouter = APIRouter()\n\n\n"
               "@router.post('/update')\nasync def update(user: str):\n    return storage.save(user)\n")
STORAGE = ("import requests\nfrom tenacity import retry, wait_exponential\n\n\n@retry(wait=wait_exponential())\n"
           "def save(user):\n    return requests.post('https://store.example/users', json=user, timeout=5).json()\n")
# A client-generating script a launch file list holds: the route's URL holds the module's word.
GENERATE = "#!/bin/sh\ncurl -s http://localhost:8000/api/v1/preferences/update -d '{}' > sample.json\n"
FILES = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/routers/__init__.py": "", "svc/routers/orders.py": ORDERS,
         "svc/routers/preferences.py": PREFERENCES, "svc/storage.py": STORAGE, "scripts/generate.sh": GENERATE}
INCLUDED = {**FILES, "svc/main.py": MAIN.replace("# from", "from").replace("# app", "app")}


def _lines(root: Path, files: Dict[str, str], rules: Tuple[str, ...], launch: Tuple[str, ...] = ("scripts/generate.sh",)) -> List[str]:
    result = run_on_disk(root, files, select=rules, whole_project=True, launch_files=launch)
    return sorted(f"{f.rule} {f.path}:{f.span.line}" for f in result.findings)


def test_an_unmounted_routers_handlers_reach_no_blocking_call_nor_retry(tmp_path: Path) -> None:
    """PRR505 and PRR504 (`serving-reachable`) start from the same served handlers: none of an unmounted router."""
    assert _lines(tmp_path / "unmounted", FILES, ("PRR505", "PRR504")) == []


def test_the_same_router_imported_and_included_reaches_them(tmp_path: Path) -> None:
    assert _lines(tmp_path / "included", INCLUDED, ("PRR505", "PRR504")) == ["PRR504 svc/storage.py:5", "PRR505 svc/storage.py:7"]


def test_a_router_loaded_by_a_dotted_path_a_star_import_or_a_launch_file_stays_served(tmp_path: Path) -> None:
    """What loads a router module without a plain import keeps its routes served."""
    by_string = {**FILES, "svc/main.py": MAIN + "\nfrom svc.loading import import_string  # noqa: E402\n\n"
                 "app.include_router(import_string('svc.routers.preferences:router'))\n",
                 "svc/loading.py": "import importlib\n\n\ndef import_string(path):\n    module, _, name = path.partition(':')\n"
                 "    return getattr(importlib.import_module(module), name)\n"}
    listed = {**FILES, "svc/routers/__init__.py": "__all__ = ['orders', 'preferences']\n"}
    launched = {**FILES, "deploy/run.sh": "#!/bin/sh\nexec uvicorn svc.routers.preferences:router --port 8001\n"}
    for name, files, launch in (("string", by_string, ("scripts/generate.sh",)), ("listed", listed, ("scripts/generate.sh",)),
                                ("launched", launched, ("scripts/generate.sh", "deploy/run.sh"))):
        assert _lines(tmp_path / name, files, ("PRR505",), launch) == ["PRR505 svc/storage.py:7"], name


def test_a_project_whose_every_route_seems_unmounted_keeps_them(tmp_path: Path) -> None:
    """No app serving anything means its way of loading its routes was not seen: the handlers stay."""
    alone = {name: text for name, text in FILES.items() if name not in ("svc/main.py", "svc/routers/orders.py")}
    assert _lines(tmp_path / "alone", alone, ("PRR505",)) == ["PRR505 svc/storage.py:7"]


def test_a_helper_module_only_an_unmounted_router_imports_is_never_loaded(tmp_path: Path) -> None:
    """The storage module runs only when the router module imports it: its calls without a timeout (PRR501,
    reported wherever they are) are not the service's until an app includes the router."""
    storage = STORAGE.replace(", timeout=5", "")
    assert _lines(tmp_path / "unmounted", {**FILES, "svc/storage.py": storage}, ("PRR501",)) == []
    assert _lines(tmp_path / "included", {**INCLUDED, "svc/storage.py": storage}, ("PRR501",)) == ["PRR501 svc/storage.py:7"]
    used = {**FILES, "svc/storage.py": storage, "svc/routers/orders.py": ORDERS.replace("    return []", "    return storage.save('x')")
            .replace("from fastapi import APIRouter\n", "from fastapi import APIRouter\n\nfrom svc import storage\n")}
    assert _lines(tmp_path / "used", used, ("PRR501",)) == ["PRR501 svc/storage.py:7"]  # a served module imports it too
