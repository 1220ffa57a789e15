"""PRR501 and features a view reaches only while a switch is on (project/switched_reach.py): a decorator that hands
the view back unchanged unless a setting is on (`if not getattr(settings, "REQUIRE_AUTH", False): return viewfunc`)
builds its wrapper only then, and a view that answers 403 unless a flag is `True` (`if settings.FLAG_X is not True:
return Response(status=403)`) runs the rest only then. With every shipped value off (an environment read's default,
django-environ's scheme default, a compose file's `${K:-0}`) the client only they reach is not served; a deployment
file that turns the switch on, or a developer's Dev Container aside from it, decides as it should."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_REQUEST = ("import requests\n\n\ndef post(endpoint, api_key):\n"
            "    return requests.post('https://auth.example.org' + endpoint, files={'apikey': (None, api_key)})\n")
_AUTH = (
    "import functools\nfrom django.conf import settings\nfrom django.http import HttpResponseForbidden\n"
    "from svc.request import post\n\n\ndef api(viewfunc):\n"
    "    if not getattr(settings, 'REQUIRE_AUTH', False):\n        return viewfunc\n\n"
    "    @functools.wraps(viewfunc)\n    def wrapper(request, *args, **kwargs):\n"
    "        if token_is_valid(request.headers.get('x-token')):\n            return viewfunc(request, *args, **kwargs)\n"
    "        return HttpResponseForbidden('invalid token')\n\n    return wrapper\n\n\n"
    "def token_is_valid(api_key):\n    return post('/api/appauth', api_key).status_code == 200\n"
)
_VIEWS = "def search(request, query):\n    return None\n"
_URLS = (
    "from django.urls import path\nfrom django.views.decorators.http import require_safe\nfrom svc import auth, views\n\n"
    "urlpatterns = [path('search/<query>/', require_safe(auth.api(views.search)))]\n"
)
_SETTINGS = "from os import environ\n\nREQUIRE_AUTH = int(environ.get('REQUIRE_AUTH', default=0)) == 1\n"


def _wrapped(extra: Dict[str, str] = {}) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/request.py": _REQUEST, "svc/auth.py": _AUTH, "svc/views.py": _VIEWS,
            "svc/urls.py": _URLS, "svc/settings.py": _SETTINGS, **extra}


def _compose(value: str) -> Dict[str, str]:
    return {"docker-compose.yml": f"services:\n  web:\n    build: .\n    environment:\n      REQUIRE_AUTH: {value}\n"}


def test_a_wrapper_a_decorator_builds_only_under_a_switch_every_deployment_leaves_off_is_not_served(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _wrapped(), _compose("${REQUIRE_AUTH:-0}")) == []


def test_a_deployment_that_turns_the_switch_on_keeps_the_wrapper_s_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _wrapped(), _compose("1")) == [("svc/request.py", 5)]


def test_a_caller_outside_the_wrapper_keeps_the_call(tmp_path: Path) -> None:
    views = "from svc.auth import token_is_valid\n\n\ndef search(request, query):\n    return token_is_valid(query)\n"
    assert shipped_findings(tmp_path, _wrapped({"svc/views.py": views}), _compose("${REQUIRE_AUTH:-0}")) == [("svc/request.py", 5)]


_SANCTIONS = (
    "from django.conf import settings\nfrom rest_framework.decorators import api_view\nfrom rest_framework.response import Response\n"
    "from svc.client import inquire\n\n\n@api_view(['GET'])\ndef send_inquiry(request):\n"
    "    if settings.FLAG_SANCTIONS_INQUIRY is not True:\n        return Response(None, status=403)\n"
    "    return Response(inquire(request.query_params.get('business_id')))\n"
)
_CLIENT = "import requests\n\n\ndef inquire(business_id):\n    return requests.get('https://sanctions.example.com/' + business_id).json()\n"
_ENV_SETTINGS = (
    "import environ\n\nenv = environ.Env(\n    DEBUG=(bool, False),\n    FLAG_SANCTIONS_INQUIRY=(bool, False),\n)\n\n"
    "FLAG_SANCTIONS_INQUIRY = env.bool('FLAG_SANCTIONS_INQUIRY')\n"
)
_SANCTION_URLS = "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('sanctions/', views.send_inquiry)]\n"


def _flagged(settings: str = _ENV_SETTINGS) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/client.py": _CLIENT, "svc/views.py": _SANCTIONS, "svc/urls.py": _SANCTION_URLS,
            "svc/settings.py": settings}


_DEPLOYED = {"Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD gunicorn svc.wsgi\n"}


def test_a_view_that_answers_403_unless_a_flag_every_deployment_leaves_off_is_true_does_not_reach_the_client(tmp_path: Path) -> None:
    # the Dev Container's environment file is a developer's, no deployment
    shipped = {**_DEPLOYED, ".devcontainer/docker-compose.env.template": "FLAG_SANCTIONS_INQUIRY = True\n"}
    assert shipped_findings(tmp_path, _flagged(), shipped) == []


def test_a_deployment_that_turns_the_flag_on_keeps_the_client(tmp_path: Path) -> None:
    shipped = {**_DEPLOYED, "deploy/values.yaml": "env:\n  - name: FLAG_SANCTIONS_INQUIRY\n    value: \"true\"\n"}
    assert shipped_findings(tmp_path, _flagged(), shipped) == [("svc/client.py", 5)]


def test_a_scheme_that_defaults_the_flag_on_keeps_the_client(tmp_path: Path) -> None:
    settings = _ENV_SETTINGS.replace("FLAG_SANCTIONS_INQUIRY=(bool, False)", "FLAG_SANCTIONS_INQUIRY=(bool, True)")
    assert shipped_findings(tmp_path, _flagged(settings), _DEPLOYED) == [("svc/client.py", 5)]


def test_an_exit_unless_the_flag_is_false_keeps_the_client(tmp_path: Path) -> None:
    files = _flagged()
    files["svc/views.py"] = files["svc/views.py"].replace("is not True", "is True")
    assert shipped_findings(tmp_path, files, _DEPLOYED) == [("svc/client.py", 5)]


def test_a_wrapper_the_decorator_also_defines_outside_the_switch_keeps_its_call(tmp_path: Path) -> None:
    auth = (
        "import functools\nfrom django.conf import settings\nfrom svc.request import post\n\n\ndef api(viewfunc):\n"
        "    if getattr(settings, 'REQUIRE_AUTH', False):\n        def wrapper(request, *args):\n            return viewfunc(request, *args)\n"
        "    else:\n        def wrapper(request, *args):\n            post('/api/audit', '')\n            return viewfunc(request, *args)\n"
        "    return wrapper\n"
    )
    assert shipped_findings(tmp_path, _wrapped({"svc/auth.py": auth}), _compose("${REQUIRE_AUTH:-0}")) == [("svc/request.py", 5)]
