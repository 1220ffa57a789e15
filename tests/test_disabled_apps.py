"""Django apps no shipped settings lists (project/disabled_apps.py): an optional app whose
`INSTALLED_APPS` entry is only a comment serves no view, whatever URLconf loop would include it; one
any shipped settings, configuration or sample settings file lists, or service code imports, does."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

SETTINGS = ("INSTALLED_APPS = (\n    'django.contrib.auth',\n    'portal.core',\n    # 'portal.extras.share',\n)\n"
            "ROOT_URLCONF = 'portal.urls'\n")
URLS = ("from django.urls import include, path\nfrom django.conf import settings\nfrom portal.core import views\n\n"
        "urlpatterns = [path('status', views.status)]\n"
        "for app in settings.INSTALLED_APPS:\n    if app.startswith('portal.'):\n"
        "        urlpatterns.append(path(app + '/', include('%s.urls' % app)))\n")
CORE_VIEWS = ("import requests\nfrom django.conf import settings\nfrom django.http import JsonResponse\n\n\n"
              "def status(request):\n    shared = 'portal.extras.share' in settings.INSTALLED_APPS\n"
              "    return JsonResponse({'up': requests.get('https://upstream.example/health').ok, 'share': shared})\n")
APP_CONFIG = "from django.apps import AppConfig\n\n\nclass {name}Config(AppConfig):\n    name = 'portal.{dotted}'\n"
SHARE_VIEWS = ("import requests\nfrom django.http import JsonResponse\n\n\n"
               "def push(request):\n    return JsonResponse(requests.post('https://share.example/push').json())\n")
SHARE_URLS = "from django.urls import path\nfrom portal.extras.share import views\n\nurlpatterns = [path('push', views.push)]\n"
CORE_URLS = "from django.urls import path\nfrom portal.core import views\n\nurlpatterns = [path('status', views.status)]\n"


def _project(**extra: str) -> Dict[str, str]:
    files = {"portal/__init__.py": "", "portal/settings.py": SETTINGS, "portal/urls.py": URLS,
             "portal/core/__init__.py": "", "portal/core/apps.py": APP_CONFIG.format(name="Core", dotted="core"),
             "portal/core/views.py": CORE_VIEWS, "portal/core/urls.py": CORE_URLS,
             "portal/extras/__init__.py": "", "portal/extras/share/__init__.py": "",
             "portal/extras/share/apps.py": APP_CONFIG.format(name="Share", dotted="extras.share"),
             "portal/extras/share/views.py": SHARE_VIEWS, "portal/extras/share/urls.py": SHARE_URLS}
    files.update(extra)
    return files


def _findings(root: Path, files: Dict[str, str], on_disk: Dict[str, str] = None) -> List[str]:
    result = run_on_disk(root, files, whole_project=True, on_disk_only=on_disk)
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings if f.rule == "PRR501")


def test_an_app_only_a_comment_lists_serves_no_view(tmp_path: Path) -> None:
    """The share app's entry is commented out and the core view only asks whether it is installed:
    its view's call is not the service; the installed app's stays."""
    assert _findings(tmp_path, _project()) == ["portal/core/views.py:8"]


def test_an_app_any_shipped_settings_lists_serves_its_views(tmp_path: Path) -> None:
    """Listed in a production settings module (`INSTALLED_APPS += (...)`), in a deployment's env file,
    or imported by service code: the share app runs."""
    expected = ["portal/core/views.py:8", "portal/extras/share/views.py:6"]
    production = {"portal/production.py": "from portal.settings import *\n\nINSTALLED_APPS += ('portal.extras.share',)\n"}
    assert _findings(tmp_path / "listed", _project(**production)) == expected
    env = {"deploy/app.env": "DJANGO_EXTRA_APPS=portal.extras.share\n"}
    assert _findings(tmp_path / "env", _project(), on_disk=env) == expected
    imported = {"portal/core/urls.py": CORE_URLS + "from portal.extras.share.views import push  # noqa: E402\n"}
    assert _findings(tmp_path / "imported", _project(**imported)) == expected


def test_settings_built_from_the_environment_may_list_any_app(tmp_path: Path) -> None:
    """`INSTALLED_APPS += os.environ[...].split(",")`: the deployment may enable the share app."""
    computed = {"portal/production.py": "import os\nfrom portal.settings import *\n\n"
                                        "INSTALLED_APPS += tuple(os.environ.get('EXTRA_APPS', '').split(','))\n"}
    assert _findings(tmp_path, _project(**computed)) == ["portal/core/views.py:8", "portal/extras/share/views.py:6"]
