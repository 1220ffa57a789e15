"""PRR501, PRR505 and routes registered only under a switch (rules/switched_calls.py `switched-route:`,
project/switched_handlers.py): a view served only by `if FLAG: urlpatterns.append(path(...))` with FLAG off in
every shipped configuration runs only when an operator turns it on; FLAG on in a deployment file, or a second
registration outside the `if`, keeps its calls reported."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_SETTINGS = "import os\n\nROOT_URLCONF = 'svc.urls'\nWATERMARK_ENABLED = os.environ.get('WATERMARK_ENABLED', 'false') == 'true'\n"
_URLS = (
    "from django.urls import path\nfrom svc.settings import WATERMARK_ENABLED\nfrom svc.views import Other, Watermark\n\n"
    "urlpatterns = [path('o', Other.as_view())]\nif WATERMARK_ENABLED:\n    urlpatterns.append(path('w', Watermark.as_view()))\n"
)
_VIEWS = (
    "import requests\nfrom rest_framework.views import APIView\n\n\ndef _open(url):\n    return requests.get(url).content\n\n\n"
    "class Watermark(APIView):\n    def get(self, request):\n        return _open(request.GET['u'])\n\n\n"
    "class Other(APIView):\n    def get(self, request):\n        return requests.get('https://x.example').content\n"
)
_DOCKERFILE = "FROM python\nCMD gunicorn svc.wsgi\n"


def _files(urls: str = _URLS) -> dict:
    return {"svc/__init__.py": "", "svc/settings.py": _SETTINGS, "svc/urls.py": urls, "svc/views.py": _VIEWS}


def test_a_view_routed_only_under_a_switch_every_deployment_leaves_off_is_not_reported(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {"Dockerfile": _DOCKERFILE}) == [("svc/views.py", 16)]


def test_a_deployment_turning_the_switch_on_keeps_the_view(tmp_path: Path) -> None:
    shipped = {"Dockerfile": _DOCKERFILE, "docker-compose.yml": "services:\n  web:\n    environment:\n      WATERMARK_ENABLED: 'true'\n"}
    assert shipped_findings(tmp_path, _files(), shipped) == [("svc/views.py", 6), ("svc/views.py", 16)]


def test_a_second_registration_outside_the_switch_keeps_the_view(tmp_path: Path) -> None:
    urls = _URLS.replace("[path('o', Other.as_view())]", "[path('o', Other.as_view()), path('w2', Watermark.as_view())]")
    assert shipped_findings(tmp_path, _files(urls), {"Dockerfile": _DOCKERFILE}) == [("svc/views.py", 6), ("svc/views.py", 16)]


_CONFIG = "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    ENABLE_PROXY: bool = False\n\n\nsettings = Settings()\n"
_MAIN = (
    "import requests\nfrom fastapi import FastAPI\n\nfrom svc.config import settings\n\napp = FastAPI()\n\n\n"
    "async def fetch(url: str):\n    return requests.get(url).content\n\n\n"
    "@app.get('/items')\nasync def items():\n    return requests.get('https://catalogue.example/items').json()\n\n\n"
    "if settings.ENABLE_PROXY:\n    app.add_api_route('/fetch', fetch)\n"
)
_FASTAPI = {"svc/__init__.py": "", "svc/config.py": _CONFIG, "svc/main.py": _MAIN}
_UVICORN = "FROM python\nCMD uvicorn svc.main:app\n"


def test_an_async_handler_routed_only_under_a_switch_every_deployment_leaves_off_is_not_on_the_loop(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FASTAPI, {"Dockerfile": _UVICORN}, "PRR505") == [("svc/main.py", 15)]


def test_a_deployment_turning_the_switch_on_puts_the_async_handler_on_the_loop(tmp_path: Path) -> None:
    shipped = {"Dockerfile": _UVICORN, "docker-compose.yml": "services:\n  api:\n    build: .\n    environment:\n      ENABLE_PROXY: 'true'\n"}
    assert shipped_findings(tmp_path, _FASTAPI, shipped, "PRR505") == [("svc/main.py", 10), ("svc/main.py", 15)]
