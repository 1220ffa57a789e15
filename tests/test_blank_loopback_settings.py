"""PRR501 and a Django setting that one settings module leaves blank (`MONITOR_URL = None`, the feature off) and
another reads from the environment with a loopback default, its URL perhaps carrying credentials
(`env("APP_BROKER_API", default="http://guest:guest@localhost:15672/api")`): project/switches.py `loopback`,
loopback_hosts.host_span.

A blank names no host, in code as in a shipped file: the call it reaches fails at once or its guard skips it, so the
other values decide. The calls are left alone when those are loopback and no shipped file sets the variable; they
are kept when a shipped file points it elsewhere, when the URL's host (after its userinfo) is another one, when the
blank is the only value the code gives, and when the repository ships no deployment."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings
from prr_lint.loopback_hosts import host_of, loopback_address

_BASE = "MONITOR_URL = None  # the monitor's address, for the status page\nBROKER_API_URL = None\n"
_FROM_ENV = (
    "import environ\n\nfrom shop.settings.base import *\n\nenv = environ.Env()\n\n"
    "MONITOR_URL = env('APP_MONITOR_URL', default='http://localhost:5555')\n"
    "BROKER_API_URL = env('APP_BROKER_API', default={broker!r})\n"
)
_STATUS = (
    "import requests\nfrom django.conf import settings\n\n\ndef queue_status():\n    workers, queues = [], []\n"
    "    if settings.MONITOR_URL:\n        workers = requests.get(f'{settings.MONITOR_URL}/workers?json=1').json()\n"
    "    if settings.BROKER_API_URL:\n"
    "        for name in ('default', 'mail'):\n"
    "            queues.append(requests.get(f'{settings.BROKER_API_URL}/queues/shop/{name}').json())\n"
    "    return workers, queues\n"
)
_IMAGE = {"Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"gunicorn\", \"shop.wsgi\"]\n"}
_BOTH = [("shop/status.py", 8), ("shop/status.py", 11)]


def _files(broker: str = "http://guest:guest@localhost:15672/api", base: str = _BASE) -> Dict[str, str]:
    return {"shop/__init__.py": "", "shop/settings/__init__.py": "", "shop/settings/base.py": base,
            "shop/settings/environ.py": _FROM_ENV.format(broker=broker), "shop/status.py": _STATUS}


def test_a_blank_beside_loopback_defaults_is_left_alone(tmp_path: Path) -> None:
    """The image sets neither variable: the monitor and the broker's API are this host's, or the page is off."""
    assert shipped_findings(tmp_path, _files(), _IMAGE) == []


def test_a_shipped_file_pointing_the_variable_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    shipped = {**_IMAGE, "deploy/shop.env": "APP_MONITOR_URL=http://monitor.internal:5555\n"}
    assert shipped_findings(tmp_path, _files(), shipped) == [("shop/status.py", 8)]


def test_credentials_before_another_host_keep_the_call(tmp_path: Path) -> None:
    """The host follows the userinfo: `localhost:secret@broker` is the broker, not this host."""
    assert shipped_findings(tmp_path, _files(broker="http://localhost:secret@broker:15672/api"), _IMAGE) == [("shop/status.py", 11)]


def test_a_blank_alone_keeps_the_call(tmp_path: Path) -> None:
    """The code gives the key no address: the deployment's own settings may."""
    files = _files()
    files["shop/settings/environ.py"] = "from shop.settings.base import *\n"
    assert shipped_findings(tmp_path, files, _IMAGE) == _BOTH


def test_with_no_deployment_file_the_environment_defaults_keep_the_calls(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {}) == _BOTH


def test_the_host_of_a_url_with_userinfo_is_after_it() -> None:
    assert host_of("guest:guest@localhost:15672/api") == "localhost"
    assert host_of("user@[::1]:80/x") == "[::1]"
    assert host_of("localhost/path@elsewhere") == "localhost"  # an `@` in the path is no userinfo
    assert loopback_address("http://guest:guest@127.0.0.1:15672/api")
    assert not loopback_address("http://localhost:secret@broker:15672/api")
    assert not loopback_address("redis://:secret@cache.internal:6379/0")
