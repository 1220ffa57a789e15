"""PRR501 and PRR505 and routers mounted only under a switch (rules/switched_calls.py `switched-mount:`,
project/switched_handlers.py): the handlers of a router an app mounts only under `if settings.ENABLE_PROXY:`,
with the settings field off by default and in every shipped file, serve no request until an operator turns
the feature on. A shipped file turning it on, a default of `True`, a second mount outside the `if` or a router
the code computes keeps their findings."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from _serving import shipped_findings
from prr_lint.switch_keys import OFF, value_kind

_CONFIG = (
    "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    API_PREFIX: str = '/api'\n"
    "    ENABLE_PROXY: bool = False\n\n\nsettings = Settings()\n"
)
_API = (
    "from fastapi import APIRouter\n\nfrom svc import items\nfrom svc.config import settings\n\n"
    "if settings.ENABLE_PROXY:\n    from svc import proxy\n\n"
    "api_router = APIRouter()\napi_router.include_router(items.router, prefix='/items')\n\n"
    "if settings.ENABLE_PROXY:\n    api_router.include_router(proxy.router, prefix='/proxy')\n"
)
_PROXY = (
    "import requests\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n\ndef _fetch(url):\n"
    "    return requests.get(url).content\n\n\n@router.get('/fetch')\nasync def fetch(url: str):\n    return _fetch(url)\n"
)
_ITEMS = (
    "import requests\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/')\nasync def items():\n"
    "    return requests.get('https://catalogue.example/items').json()\n"
)
_MAIN = "from fastapi import FastAPI\n\nfrom svc.api import api_router\n\napp = FastAPI()\napp.include_router(api_router, prefix='/api')\n"
_SHIPPED = {"Dockerfile": "FROM python\nCMD uvicorn svc.main:app\n", "backend.example.env": "ENABLE_PROXY=false\n"}
_BOTH = [("svc/items.py", 9), ("svc/proxy.py", 8)]


def _files(api: str = _API, config: str = _CONFIG) -> dict:
    return {"svc/__init__.py": "", "svc/config.py": config, "svc/api.py": api, "svc/proxy.py": _PROXY,
            "svc/items.py": _ITEMS, "svc/main.py": _MAIN}


def _both_rules(tmp_path: Path, files: dict, shipped: dict) -> tuple:
    return shipped_findings(tmp_path, files, shipped), shipped_findings(tmp_path, files, shipped, "PRR505")


def test_a_router_mounted_only_under_a_switch_every_shipped_file_leaves_off_serves_nothing(tmp_path: Path) -> None:
    assert _both_rules(tmp_path, _files(), _SHIPPED) == ([("svc/items.py", 9)], [("svc/items.py", 9)])


def test_an_env_file_the_compose_file_reads_but_the_repository_does_not_ship_leaves_the_shipped_values_deciding(tmp_path: Path) -> None:
    compose = "services:\n  api:\n    build: .\n    env_file:\n      - backend.env\n"
    assert _both_rules(tmp_path, _files(), {**_SHIPPED, "docker-compose.yml": compose}) == ([("svc/items.py", 9)], [("svc/items.py", 9)])


def test_a_shipped_file_turning_the_switch_on_keeps_the_router(tmp_path: Path) -> None:
    compose = "services:\n  api:\n    build: .\n    environment:\n      ENABLE_PROXY: 'true'\n"
    assert _both_rules(tmp_path, _files(), {**_SHIPPED, "docker-compose.yml": compose}) == (_BOTH, _BOTH)


def test_a_switch_on_by_default_keeps_the_router(tmp_path: Path) -> None:
    config = _CONFIG.replace("ENABLE_PROXY: bool = False", "ENABLE_PROXY: bool = True")
    assert _both_rules(tmp_path, _files(config=config), {"Dockerfile": _SHIPPED["Dockerfile"]}) == (_BOTH, _BOTH)


def test_a_field_the_environment_sets_under_another_name_keeps_the_router(tmp_path: Path) -> None:
    config = _CONFIG.replace("from pydantic_settings", "from pydantic import Field\nfrom pydantic_settings").replace(
        "ENABLE_PROXY: bool = False", "ENABLE_PROXY: bool = Field(False, validation_alias='PROXY_ON')")
    shipped = {**_SHIPPED, "docker-compose.yml": "services:\n  api:\n    build: .\n    environment:\n      PROXY_ON: 'true'\n"}
    assert _both_rules(tmp_path, _files(config=config), shipped) == (_BOTH, _BOTH)


def test_a_second_mount_outside_the_switch_keeps_the_router(tmp_path: Path) -> None:
    api = _API.replace("if settings.ENABLE_PROXY:\n    from svc import proxy\n", "from svc import proxy\n") + \
        "api_router.include_router(proxy.router, prefix='/legacy-proxy')\n"
    assert _both_rules(tmp_path, _files(api), _SHIPPED) == (_BOTH, _BOTH)


def test_a_parent_router_mounted_only_under_the_switch_takes_its_children_with_it(tmp_path: Path) -> None:
    api = _API.replace("    api_router.include_router(proxy.router, prefix='/proxy')\n",
                       "    api_router.include_router(optional_router)\n") \
        .replace("api_router = APIRouter()\n", "api_router = APIRouter()\noptional_router = APIRouter()\n"
                 "optional_router.include_router(proxy.router, prefix='/proxy')\n") \
        .replace("if settings.ENABLE_PROXY:\n    from svc import proxy\n", "from svc import proxy\n")
    assert _both_rules(tmp_path, _files(api), _SHIPPED) == ([("svc/items.py", 9)], [("svc/items.py", 9)])


def test_a_router_the_code_computes_may_be_any_router(tmp_path: Path) -> None:
    main = _MAIN + "\nimport importlib\n\nfor name in ('svc.proxy',):\n    app.include_router(importlib.import_module(name).router)\n"
    files = {**_files(), "svc/main.py": main}
    assert _both_rules(tmp_path, files, _SHIPPED) == (_BOTH, _BOTH)


def test_an_integer_zero_is_an_off_value() -> None:
    assert value_kind(cst.parse_expression("0")) == OFF


def test_a_handler_stacked_on_a_switched_router_and_the_served_app_is_served(tmp_path: Path) -> None:
    for stacked in ("@router.get('/fetch')\n@app.get('/legacy/fetch')\n", "@app.get('/legacy/fetch')\n@router.get('/fetch')\n"):
        proxy = _PROXY.replace("from fastapi import APIRouter\n", "from fastapi import APIRouter\nfrom svc.main import app\n") \
            .replace("@router.get('/fetch')\n", stacked)
        expected = [("svc/items.py", 9), ("svc/proxy.py", 9)]
        assert _both_rules(tmp_path, {**_files(), "svc/proxy.py": proxy}, _SHIPPED) == (expected, expected)


def test_a_router_the_code_hands_on_outside_a_mount_may_be_served_by_what_takes_it(tmp_path: Path) -> None:
    main = _MAIN.replace("from svc.api import api_router\n", "from starlette.routing import Mount\n\nfrom svc import proxy\nfrom svc.api import api_router\n")
    for use in ("app.router.routes.extend(proxy.router.routes)\n", "app.routes.append(Mount('/p', app=proxy.router))\n"):
        assert _both_rules(tmp_path, {**_files(), "svc/main.py": main + use}, _SHIPPED) == (_BOTH, _BOTH)


def test_a_router_whose_every_mount_is_switched_off_or_on_a_switched_off_router_serves_nothing(tmp_path: Path) -> None:
    api = _API.replace("if settings.ENABLE_PROXY:\n    from svc import proxy\n", "from svc import proxy\n") \
        .replace("api_router = APIRouter()\n", "api_router = APIRouter()\noptional_router = APIRouter()\n"
                 "optional_router.include_router(proxy.router, prefix='/p')\n") + "    api_router.include_router(optional_router)\n"
    assert _both_rules(tmp_path, _files(api), _SHIPPED) == ([("svc/items.py", 9)], [("svc/items.py", 9)])


def test_routes_copied_from_a_router_keep_its_handlers(tmp_path: Path) -> None:
    """Final read of the mends: `app.router.routes += proxy.router.routes` (or a loop appending them) serves the proxy's
    routes with no mount: a project that names `routes` decides no router off."""
    main = _MAIN.replace("from svc.api import api_router\n", "from svc import proxy\nfrom svc.api import api_router\n")
    for at, copy in enumerate(("app.router.routes += proxy.router.routes\n",
                               "for route in proxy.router.routes:\n    app.router.routes.append(route)\n")):
        files = {**_files(), "svc/main.py": main + copy}
        assert _both_rules(tmp_path / str(at), files, _SHIPPED) == (_BOTH, _BOTH), copy
