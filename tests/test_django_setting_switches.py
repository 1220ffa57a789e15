"""PRR501 and two Django settings switches (rules/config_switches.py, project/switches.py): a URL setting read by
django-environ's `env.str("K", default="")` that every shipped file leaves blank, copied into a module constant by
`getattr(settings, "K", None)` (climweb's webhooks), and a membership test of a literal in a settings sequence every
shipped configuration leaves empty (wafer's `if "github" not in settings.WAFER_SSO: raise Http404()`). What gives the
key a value, adds the member or computes the sequence keeps the call reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import pytest
from _serving import shipped_findings

_SETTINGS = "import environ\nenv = environ.Env()\nSECRET_KEY = 'x'\nHOOK_URL = env.str('HOOK_URL', default='')\n"
_ALIAS = ("import requests\nfrom django.conf import settings\n\nHOOK_URL = getattr(settings, 'HOOK_URL', None)\n\n\n"
          "def send(v):\n    if HOOK_URL:\n        requests.post(HOOK_URL, json={'v': v})\n")
_DIRECT = "import requests\nfrom django.conf import settings\n\n\ndef send(v):\n    if settings.HOOK_URL:\n        requests.post(settings.HOOK_URL, json={'v': v})\n"
_SHIPPED = {".env.sample": "HOOK_URL=\n", "Dockerfile": "FROM python\nCMD gunicorn svc.wsgi\n",
            "docker-compose.yml": "services:\n  web:\n    build: .\n    environment:\n      HOOK_URL: ${HOOK_URL:-}\n"}


def _hook(utils: str, settings: str = _SETTINGS, extra: Dict[str, str] = {}) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/settings.py": settings, "svc/utils.py": utils, **extra,
            "svc/views.py": "from svc.utils import send\n\n\ndef view(request):\n    send(1)\n",
            "svc/urls.py": "from django.urls import path\nfrom svc.views import view\nurlpatterns = [path('x', view)]\n"}


def test_a_setting_django_environ_reads_blank_and_no_file_fills_is_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _hook(_DIRECT), _SHIPPED) == []


def test_a_module_copy_by_getattr_of_such_a_setting_is_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _hook(_ALIAS), _SHIPPED) == []


def test_a_shipped_file_giving_the_url_keeps_the_call(tmp_path: Path) -> None:
    shipped = {**_SHIPPED, ".env.sample": "HOOK_URL=https://hooks.example.org/upgrade\n"}
    assert shipped_findings(tmp_path, _hook(_ALIAS), shipped) == [("svc/utils.py", 9)]
    assert shipped_findings(tmp_path, _hook(_DIRECT), shipped) == [("svc/utils.py", 7)]


def test_a_compose_default_giving_the_url_keeps_the_call(tmp_path: Path) -> None:
    shipped = {**_SHIPPED, "docker-compose.yml": "services:\n  web:\n    environment:\n      HOOK_URL: ${HOOK_URL:-http://hooks:8000/}\n"}
    assert shipped_findings(tmp_path, _hook(_ALIAS), shipped) == [("svc/utils.py", 9)]


def test_a_read_with_no_blank_default_keeps_the_call(tmp_path: Path) -> None:
    settings = _SETTINGS.replace("default=''", "default='http://hooks:8000/'")
    assert shipped_findings(tmp_path, _hook(_ALIAS, settings), _SHIPPED) == [("svc/utils.py", 9)]


def test_a_getattr_default_that_is_an_address_keeps_the_call(tmp_path: Path) -> None:
    utils = _ALIAS.replace("'HOOK_URL', None)", "'HOOK_URL', 'http://hooks:8000/')")
    assert shipped_findings(tmp_path, _hook(utils), _SHIPPED) == [("svc/utils.py", 9)]


def test_an_alias_rebound_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    extra = {"svc/apps.py": "from svc import utils\n\n\ndef ready():\n    utils.HOOK_URL = 'http://hooks:8000/'\n"}
    assert shipped_findings(tmp_path, _hook(_ALIAS, extra=extra), _SHIPPED) == [("svc/utils.py", 9)]


def test_an_alias_read_from_the_environment_directly_keeps_the_call(tmp_path: Path) -> None:
    utils = _ALIAS.replace("getattr(settings, 'HOOK_URL', None)", "os.environ.get('HOOK_URL')").replace("import requests\n", "import os\nimport requests\n")
    assert shipped_findings(tmp_path, _hook(utils), _SHIPPED) == [("svc/utils.py", 10)]


_VIEWS = ("from django.conf import settings\nfrom django.http import Http404\nfrom svc.sso import github_sso\n\n\n"
          "def github_login(request):\n    if 'github' not in settings.WAFER_SSO:\n        raise Http404()\n"
          "    return github_sso(request.GET['code'])\n")
_SSO = "import requests\n\n\ndef github_sso(code):\n    return requests.post('https://github.com/login/oauth/access_token', data={'code': code})\n"


def _sso(settings: str, extra: Dict[str, str] = {}, views: str = _VIEWS) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/settings.py": "SECRET_KEY = 'x'\n" + settings, "svc/views.py": views, "svc/sso.py": _SSO,
            "svc/urls.py": "from django.urls import path\nfrom svc.views import github_login\nurlpatterns = [path('g', github_login)]\n", **extra}


def test_a_member_of_a_settings_sequence_every_configuration_leaves_empty_is_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _sso("WAFER_SSO = (\n    # 'github',\n)\n"), {}) == []


def test_a_membership_guard_on_an_empty_sequence_is_off(tmp_path: Path) -> None:
    views = _VIEWS.replace("    if 'github' not in settings.WAFER_SSO:\n        raise Http404()\n    return",
                           "    if 'github' in settings.WAFER_SSO:\n        return")
    assert shipped_findings(tmp_path, _sso("WAFER_SSO = []\n", views=views), {}) == []


@pytest.mark.parametrize("settings", [
    "WAFER_SSO = ('github',)\n",  # holding the member
    "WAFER_SSO = ('gitlab',)\n",  # holding another member: on
    "import os\nWAFER_SSO = tuple(os.environ.get('SSO', '').split(','))\n",  # built by code
])
def test_a_sequence_that_may_hold_something_keeps_the_call(tmp_path: Path, settings: str) -> None:
    assert shipped_findings(tmp_path, _sso(settings), {}) == [("svc/sso.py", 5)]


def test_a_local_settings_module_extending_the_sequence_keeps_the_call(tmp_path: Path) -> None:
    settings = "WAFER_SSO = ()\ntry:\n    from svc.localsettings import *\nexcept ImportError:\n    pass\n"
    extra = {"svc/localsettings.py": "from svc.settings import *\nWAFER_SSO += ('github',)\n"}
    assert shipped_findings(tmp_path, _sso(settings, extra), {}) == [("svc/sso.py", 5)]


def test_a_member_a_false_word_may_hold_keeps_the_call(tmp_path: Path) -> None:
    views = _VIEWS.replace("'github' not in", "'o' not in")
    assert shipped_findings(tmp_path, _sso("WAFER_SSO = ()\n", views=views), {".env": "WAFER_SSO=no\n"}) == [("svc/sso.py", 5)]


def test_a_bytes_member_is_no_switch_and_crashes_nothing(tmp_path: Path) -> None:
    views = _VIEWS.replace("'github' not in", "b'github' not in")
    assert shipped_findings(tmp_path, _sso("WAFER_SSO = b''\n", views=views), {}) == [("svc/sso.py", 5)]


def test_a_bytes_membership_on_request_data_crashes_nothing(tmp_path: Path) -> None:
    relay = "import requests\n\n\ndef relay(data):\n    if b'ping' in data:\n        requests.post('https://x.example.org/a', data=data)\n"
    files = {"svc/__init__.py": "", "svc/settings.py": "SECRET_KEY = 'x'\n", "svc/relay.py": relay,
             "svc/views.py": "from svc.relay import relay\n\n\ndef view(request):\n    relay(request.body)\n",
             "svc/urls.py": "from django.urls import path\nfrom svc.views import view\nurlpatterns = [path('r', view)]\n"}
    assert shipped_findings(tmp_path, files, {}) == [("svc/relay.py", 6)]


def test_a_member_an_upper_case_false_word_may_hold_keeps_the_call(tmp_path: Path) -> None:
    views = _VIEWS.replace("'github' not in", "'FAL' not in")
    assert shipped_findings(tmp_path, _sso("WAFER_SSO = ()\n", views=views), {".env": "WAFER_SSO=FALSE\n"}) == [("svc/sso.py", 5)]
