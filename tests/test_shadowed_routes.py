"""Shadowed routes (project/shadowed_routes.py): a FastAPI or Starlette route an earlier route of the same router
always answers for never runs; its findings and those of the helpers only it calls go, uncertain orders stay."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest

from _serving import analysis_for, run_on_disk
from prr_lint.project.shadowed_routes import shadowed_handlers

HEAD = ("import requests\nfrom fastapi import APIRouter\n\nrouter = APIRouter(prefix='/api/uploads')\n\n\n"
        "def _failed_rows():\n    return requests.get('http://warehouse/failed').json()\n\n\n")
BY_ID = "@router.get('/{upload_id}')\nasync def get_upload(upload_id: str):\n    return {'id': upload_id}\n\n\n"
FAILED = "@router.get('/failed')\nasync def list_failed():\n    return _failed_rows()\n\n\n"


MAIN = "from fastapi import FastAPI\n\nfrom svc.uploads import router\n\napp = FastAPI()\napp.include_router(router)\n"


def _lines(root: Path, source: str, rules=("PRR501", "PRR505")) -> List[str]:
    files = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/uploads.py": source}
    result = run_on_disk(root, files, select=rules, whole_project=True)
    return sorted(f"{f.rule} {f.span.line}" for f in result.findings)


def _shadowed(source: str, more: Dict[str, str] = None) -> List[str]:
    analysis = analysis_for({"svc/__init__.py": "", "svc/uploads.py": source, **(more or {})})
    return sorted(name.rpartition(".")[2] for name in shadowed_handlers(analysis))


def test_a_route_a_parameter_route_before_it_answers_for_runs_nothing(tmp_path: Path) -> None:
    """giga-data-ingestion's `/rejected_rows` after `/{upload_id}`: the helper only it calls is dead too (PRR501)."""
    assert _lines(tmp_path / "shadowed", HEAD + BY_ID + FAILED) == []
    assert _lines(tmp_path / "first", HEAD + FAILED + BY_ID) == ["PRR501 8", "PRR505 8"]


@pytest.mark.parametrize("earlier, later", [
    ("@router.get('/{name:path}')", "@router.get('/reports/{day}/summary')"),
    ("@router.api_route('/{upload_id}', methods=['GET', 'POST'])", "@router.post('/failed')"),
    ("@router.get('/{upload_id:int}')", "@router.get('/42')"),
    ("@router.get('/{upload_id}/{part}')", "@router.get('/failed/{part:uuid}')"),
])
def test_patterns_that_match_every_later_path(earlier: str, later: str) -> None:
    source = (HEAD + f"{earlier}\nasync def first(name: str = ''):\n    return {{}}\n\n\n"
              f"{later}\nasync def second():\n    return _failed_rows()\n")
    assert _shadowed(source) == ["second"]


@pytest.mark.parametrize("earlier, later", [
    ("@router.get('/{upload_id:int}')", "@router.get('/failed')"),
    ("@router.get('/{upload_id}')", "@router.get('/failed/')"),
    ("@router.get('/{upload_id}')", "@router.get('/{rest:path}')"),
    ("@router.get('/{upload_id}.json')", "@router.get('/failed.json')"),
    ("@router.get('/{upload_id:slug}')", "@router.get('/failed')"),
    ("@router.api_route('/{upload_id}', methods=['GET'])", "@router.api_route('/failed', methods=['GET', 'POST'])"),
    ("@router.get(PATH)", "@router.get('/failed')"),
])
def test_patterns_or_methods_that_leave_a_later_request_to_it(earlier: str, later: str) -> None:
    source = (HEAD + "PATH = '/{upload_id}'\n\n\n" + f"{earlier}\nasync def first(upload_id: str = ''):\n    return {{}}\n\n\n"
              f"{later}\nasync def second():\n    return _failed_rows()\n")
    assert _shadowed(source) == []


def test_an_uncertain_order_or_router_keeps_the_later_route() -> None:
    """A route registered only when an `if` holds, routes added in a loop, a router bound twice or made with a
    route class of its own, routes reordered, a convertor the project registers: nothing is decided."""
    cases = {
        "conditional": HEAD + "if DEBUG:\n    @router.get('/{upload_id}')\n    async def get_upload(upload_id):\n        return {}\n\n\n" + FAILED,
        "loop": HEAD + "for _ in range(1):\n    router.add_api_route('/{upload_id}', get_upload)\n\n\n" + FAILED,
        "added in a loop": HEAD + BY_ID + "async def list_failed():\n    return _failed_rows()\n\n\nfor version in VERSIONS:\n"
                                          "    router.add_api_route('/failed', list_failed)\n",
        "rebound": HEAD + BY_ID + "router = APIRouter(prefix='/api/v2/uploads')\n\n\n" + FAILED,
        "route class": HEAD.replace("prefix='/api/uploads'", "route_class=TimedRoute") + BY_ID + FAILED,
        "reordered": HEAD + BY_ID + FAILED + "router.routes.sort(key=lambda route: '{' in route.path)\n",
        "convertor": HEAD + "from starlette.convertors import register_url_convertor\n"
                            "register_url_convertor('str', AnyConvertor())\n" + BY_ID + FAILED,
    }
    for name, source in cases.items():
        assert _shadowed(source) == [], name


def test_routes_in_one_conditional_block_still_shadow_each_other() -> None:
    source = HEAD + "if FEATURE:\n" + "".join(f"    {line}\n" if line else "\n" for line in (BY_ID + FAILED).splitlines())
    assert _shadowed(source) == ["list_failed"]


def test_an_app_factorys_own_routes_in_its_order() -> None:
    source = ("from fastapi import FastAPI\n\n\ndef create_app():\n    app = FastAPI()\n\n    @app.get('/{upload_id}')\n"
              "    async def get_upload(upload_id: str):\n        return {}\n\n    @app.get('/failed')\n"
              "    async def list_failed():\n        return []\n\n    return app\n")
    assert _shadowed(source) == ["list_failed"]


def test_a_handler_also_registered_where_it_is_answered_stays() -> None:
    """Shadowed on one router, served on another: it runs."""
    other = ("from fastapi import FastAPI\n\nfrom svc.uploads import list_failed\n\napp = FastAPI()\n"
             "app.add_api_route('/failed', list_failed)\n")
    assert _shadowed(HEAD + BY_ID + FAILED, {"svc/main.py": other}) == []


def test_starlette_route_lists_in_order() -> None:
    """A function endpoint without `methods=` answers GET and HEAD; `routes=[...]` is tried in its order."""
    source = ("from starlette.applications import Starlette\nfrom starlette.routing import Route\n\n\n"
              "async def user(request):\n    return None\n\n\nasync def me(request):\n    return None\n\n\n"
              "async def create(request):\n    return None\n\n\n"
              "app = Starlette(routes=[Route('/users/{name}', user), Route('/users/me', me),\n"
              "                        Route('/users/new', create, methods=['POST'])])\n")
    assert _shadowed(source) == ["me"]


def test_starlette_route_decorators_after_the_apps_route_list() -> None:
    """`@app.route` registers the plain function (GET and HEAD without `methods=`), after the constructor's list."""
    source = ("from starlette.applications import Starlette\nfrom starlette.routing import Route\n\n\n"
              "async def user(request):\n    return None\n\n\napp = Starlette(routes=[Route('/users/{name}', user)])\n\n\n"
              "@app.route('/users/me')\nasync def me(request):\n    return None\n\n\n"
              "@app.route('/users/new', methods=['POST'])\nasync def create(request):\n    return None\n")
    assert _shadowed(source) == ["me"]


def test_flask_orders_its_rules_itself() -> None:
    """werkzeug tries the most specific rule first: a Flask route after a converter route is served."""
    source = ("import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/<upload_id>')\n"
              "def get_upload(upload_id):\n    return {}\n\n\n@app.route('/failed')\ndef list_failed():\n"
              "    return requests.get('http://warehouse/failed').json()\n")
    assert _shadowed(source) == []
