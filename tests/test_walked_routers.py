"""A router module nothing imports, in a service that also loads modules by computed names (project/router_modules.py
`mountable`, router_mounts.py): a walk that imports worker modules mounts no router, so the router's handlers stay
unserved; an app that mounts what a walk or a loader gives it serves them."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

# The image runs `python main.py` in the folder its COPY fills from `backend/`.
DOCKERFILE = "FROM python:3.12\nWORKDIR /app/backend\nCOPY backend ./\nCMD [\"python\", \"main.py\"]\n"
# The program starts the workers of every module of a package it walks, then the app.
MAIN = ("import importlib\nimport os\nimport pkgutil\n\nimport uvicorn\n\nfrom routes.app import app\n\n\n"
        "def load_workers(package_name='workers'):\n    package = importlib.import_module(package_name)\n"
        "    for _, name, _ in pkgutil.iter_modules([os.path.dirname(package.__file__)]):\n"
        "        importlib.import_module(f'{package_name}.{name}')\n\n\n"
        "def main():\n    load_workers()\n    uvicorn.run(app, host='0.0.0.0', port=8000)\n\n\n"
        "if __name__ == '__main__':\n    main()\n")
APP = ("from fastapi import FastAPI\n\nfrom routes.books import router as books_router\n"
       "from routes.shelves import router as shelves_router\n\napp = FastAPI()\n"
       "app.include_router(books_router)\napp.include_router(shelves_router)\n")


def _router(word: str) -> str:
    return ("from fastapi import APIRouter\nfrom sqlalchemy.orm import Session\n\nfrom store import engine\n\n"
            f"router = APIRouter(prefix='/api/{word}')\n\n\n@router.get('/')\nasync def list_{word}():\n"
            "    with Session(engine) as session:\n        return session.execute('select 1').all()\n")


# The retired router: beside its routes, a websocket's receive loop and a clean-up task its start-up hook spawns.
LOANS = (_router("loans") + (
    "\n\nasync def sweep():\n    while True:\n        await asyncio.sleep(3600)\n\n\n"
    "@router.on_event('startup')\nasync def start_sweep():\n    asyncio.create_task(sweep())\n\n\n"
    "@router.websocket('/ws')\nasync def feed(socket: WebSocket):\n    await socket.accept()\n    while True:\n"
    "        await socket.receive_json()\n")).replace("from fastapi import APIRouter\n", "import asyncio\n\nfrom fastapi import APIRouter, WebSocket\n")
FILES = {
    "backend/main.py": MAIN, "backend/store.py": "from sqlalchemy import create_engine\n\nengine = create_engine('sqlite://')\n",
    "backend/routes/__init__.py": "", "backend/routes/app.py": APP, "backend/routes/books.py": _router("books"),
    "backend/routes/shelves.py": _router("shelves"), "backend/routes/loans.py": LOANS,
    "backend/workers/__init__.py": "", "backend/workers/mail.py": "def send(to):\n    return to\n",
    # another module of the same word: a model the loans router would have used
    "backend/models/__init__.py": "", "backend/models/loans.py": "class Loan:\n    book_id = 0\n",
}


def _lines(root: Path, files: Dict[str, str]) -> List[str]:
    result = run_on_disk(root, files, select=("PRR505",), whole_project=True, on_disk_only={"Dockerfile": DOCKERFILE},
                         launch_files=("Dockerfile",))
    return sorted(f"{f.rule} {f.path}:{f.span.line}" for f in result.findings)


SERVED = ["PRR505 backend/routes/books.py:12", "PRR505 backend/routes/shelves.py:12"]


def test_a_router_no_app_includes_is_unserved_beside_a_walk_that_loads_workers(tmp_path: Path) -> None:
    """The walk may import any module, but the app mounts only the routers it imports by name."""
    assert _lines(tmp_path / "unmounted", FILES) == SERVED


def test_the_router_included_stays_served(tmp_path: Path) -> None:
    included = {**FILES, "backend/routes/app.py": APP.replace("app = FastAPI()\n", "from routes.loans import router as loans_router\n\n"
                                                              "app = FastAPI()\napp.include_router(loans_router)\n")}
    assert _lines(tmp_path / "included", included) == sorted([*SERVED, "PRR505 backend/routes/loans.py:14"])


def test_a_router_a_walk_loads_and_the_app_mounts_stays_served(tmp_path: Path) -> None:
    """An app that mounts the router of every module of its routes package serves the third one too."""
    walked = {**FILES, "backend/routes/app.py": APP + (
        "\nimport importlib  # noqa: E402\nimport pkgutil  # noqa: E402\n\nimport routes  # noqa: E402\n\n"
        "for info in pkgutil.iter_modules(routes.__path__):\n    if info.name not in ('app', 'books', 'shelves'):\n"
        "        app.include_router(importlib.import_module(f'routes.{info.name}').router)\n")}
    assert _lines(tmp_path / "walked", walked) == sorted([*SERVED, "PRR505 backend/routes/loans.py:14"])


def test_a_router_loaded_by_a_computed_name_that_mounts_itself_stays_served(tmp_path: Path) -> None:
    """A plug-in router module whose `setup(app)` hook the loader calls mounts its own router."""
    plugin = {**FILES, "backend/routes/loans.py": LOANS + "\n\ndef setup(app):\n    app.include_router(router)\n",
              "backend/routes/app.py": APP + ("\nimport importlib  # noqa: E402\nimport os  # noqa: E402\n\n"
                                              "importlib.import_module(os.environ['PLUGIN']).setup(app)\n")}
    assert _lines(tmp_path / "plugin", plugin) == sorted([*SERVED, "PRR505 backend/routes/loans.py:14"])


def test_a_router_that_registers_itself_for_the_app_to_mount_stays_served(tmp_path: Path) -> None:
    """The app mounts each router of a registry its router modules fill when a loader imports them."""
    registry = {**FILES, "backend/routes/registry.py": "ROUTERS = []\n",
                "backend/routes/loans.py": LOANS.replace("router = APIRouter(prefix='/api/loans')\n",
                                                         "router = APIRouter(prefix='/api/loans')\nROUTERS.append(router)\n")
                .replace("from store import engine\n", "from routes.registry import ROUTERS\nfrom store import engine\n"),
                "backend/routes/app.py": APP + "\nfrom routes.registry import ROUTERS  # noqa: E402\n\nfor each in ROUTERS:\n"
                "    app.include_router(each)\n"}
    assert _lines(tmp_path / "registry", registry) == sorted([*SERVED, "PRR505 backend/routes/loans.py:16"])


def test_a_router_module_with_a_loop_its_routes_do_not_run_stays_a_program(tmp_path: Path) -> None:
    """A forever loop nothing of its module runs may be a worker a deployment kept elsewhere starts by name."""
    worker = {**FILES, "backend/routes/loans.py": LOANS + "\n\ndef drain():\n    while True:\n        pass\n"}
    assert _lines(tmp_path / "worker", worker) == sorted([*SERVED, "PRR505 backend/routes/loans.py:14"])


def test_a_litestar_app_built_on_the_routers_a_walk_loads_serves_them(tmp_path: Path) -> None:
    """A handler list the code computes (`route_handlers=[module.router for ...]`) may hold the third router."""
    def router(word: str) -> str:
        return ("from litestar import Router, get\nfrom sqlalchemy.orm import Session\n\nfrom store import engine\n\n\n"
                f"@get('/')\nasync def list_{word}() -> list:\n    with Session(engine) as session:\n"
                "        return session.execute('select 1').all()\n\n\n"
                f"router = Router(path='/api/{word}', route_handlers=[list_{word}])\n")
    named = ("from litestar import Litestar\n\nfrom routes.books import router as books_router\n"
             "from routes.shelves import router as shelves_router\n\napp = Litestar(route_handlers=[books_router, shelves_router])\n")
    files = {**FILES, "backend/routes/books.py": router("books"), "backend/routes/shelves.py": router("shelves"),
             "backend/routes/loans.py": router("loans"), "backend/routes/app.py": named}
    served = ["PRR505 backend/routes/books.py:10", "PRR505 backend/routes/shelves.py:10"]
    assert _lines(tmp_path / "named", files) == served
    walked = {**files, "backend/routes/app.py": (
        "import importlib\nimport pkgutil\n\nfrom litestar import Litestar\n\nimport routes\n\n"
        "app = Litestar(route_handlers=[importlib.import_module(f'routes.{info.name}').router\n"
        "                               for info in pkgutil.iter_modules(routes.__path__) if info.name != 'app'])\n")}
    assert _lines(tmp_path / "walked", walked) == sorted([*served, "PRR505 backend/routes/loans.py:10"])
