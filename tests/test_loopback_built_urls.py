"""PRR501 and a service's URL to itself built at import from INI values (returned_hosts.py, socket_targets RESULT,
project/constant_targets.py, project/config_paths.py): `conf/settings.py` reads `settings/app.cfg` with configparser,
binds `web_host = parser.get("web", "host")` and `web_url = make_url(scheme, web_host, port, prefix)` (a project
helper formatting a URL from its host parameter); views call `f"{web_url}/api/..."`. The tree ships only
`settings/app.cfg.default` and `settings/app.cfg.docker`. The calls are to this host when every shipped copy gives
the host option a loopback address; they stay reported when a copy names another host, when the helper's URL does
not take its host from that parameter, when the host comes from the request, and, under a compose file that runs the
code in a container, unless the image installs a shipped copy as the file the loader reads."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_UTIL = (
    "def make_url(scheme, host, port, prefix=None):\n"
    "    url = '%s://%s%s' % (scheme, host, '' if port in (80, 443) else ':%s' % port)\n"
    "    if prefix:\n        url = '%s/%s' % (url, prefix)\n    return url\n"
)
_SETTINGS = (
    "import configparser\nimport os\n\nfrom shop.util import make_url\n\n"
    "base = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n"
    "parser = configparser.ConfigParser()\nparser.read(os.path.join(base, 'settings/app.cfg'))\n"
    "prefix = parser.get('app', 'prefix')\nweb_scheme = parser.get('web', 'scheme')\n"
    "web_host = parser.get('web', 'host')\nweb_port = int(parser.get('web', 'port'))\n"
    "web_url = make_url(web_scheme, web_host, web_port, prefix)\napi_url = '%s/api' % web_url\n"
)
_VIEWS = (
    "import requests\nfrom django.http import JsonResponse\n\nfrom shop.settings import api_url, web_url\n\n\n"
    "def item(request, ident):\n    return JsonResponse(requests.get(f'{api_url}/items/{ident}/').json())\n\n\n"
    "def page(request, ident):\n    return JsonResponse(requests.get(web_url + '/api/pages/' + ident).json())\n\n\n"
    "def echo(request, ident):\n    origin = request.headers.get('Referer')\n"
    "    return JsonResponse(requests.get('%s/api/items/%s' % (origin, ident)).json())\n"
)
_URLS = ("from django.urls import path\n\nfrom shop import views\n\n"
         "urlpatterns = [path('i/<ident>', views.item), path('p/<ident>', views.page), path('e/<ident>', views.echo)]\n")
_CFG = "[app]\nprefix = shop\n\n[web]\nscheme = http\nhost = {host}\nport = 8000\n"
_REFERER = ("shop/views.py", 17)
_REPORTED = [("shop/views.py", 8), ("shop/views.py", 12), _REFERER]


def _shop(util: str = _UTIL) -> Dict[str, str]:
    return {"shop/__init__.py": "", "shop/util.py": util, "shop/settings.py": _SETTINGS, "shop/views.py": _VIEWS, "shop/urls.py": _URLS}


def _shipped(default: str = "localhost", docker: str = "127.0.0.1", **extra: str) -> Dict[str, str]:
    return {"settings/app.cfg.default": _CFG.format(host=default), "settings/app.cfg.docker": _CFG.format(host=docker), **extra}


def test_a_url_built_by_a_project_helper_from_a_loopback_ini_host_is_left_alone(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _shop(), _shipped()) == [_REFERER]


def test_a_shipped_copy_naming_another_host_keeps_the_calls(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _shop(), _shipped(docker="web")) == _REPORTED


def test_a_helper_whose_url_takes_its_host_elsewhere_keeps_the_calls(tmp_path: Path) -> None:
    util = "import os\n\n\ndef make_url(scheme, host, port, prefix=None):\n    return '%s://%s:%s/%s' % (scheme, os.environ['API_HOST'], port, prefix)\n"
    assert shipped_findings(tmp_path, _shop(util), _shipped()) == _REPORTED


_COMPOSE = "services:\n  web:\n    build: .\n    ports:\n      - '8000:8000'\n  cache:\n    image: redis:7\n"


def test_in_a_container_the_image_installing_a_loopback_copy_leaves_the_calls_alone(tmp_path: Path) -> None:
    image = "FROM python:3.12\nCOPY . /srv\nCOPY ./settings/app.cfg.docker /srv/settings/app.cfg\nCMD gunicorn shop.wsgi\n"
    assert shipped_findings(tmp_path, _shop(), _shipped(**{"docker-compose.yml": _COMPOSE, "Dockerfile": image})) == [_REFERER]


def test_in_a_container_with_no_copy_installed_the_calls_stay(tmp_path: Path) -> None:
    """The deployment supplies the file (a mounted volume, say): what it gives is not shown."""
    image = "FROM python:3.12\nCOPY . /srv\nCMD gunicorn shop.wsgi\n"
    assert shipped_findings(tmp_path, _shop(), _shipped(**{"docker-compose.yml": _COMPOSE, "Dockerfile": image})) == _REPORTED
