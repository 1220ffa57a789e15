"""Django apps no shipped settings lists (project/disabled_apps.py): an optional app whose
`INSTALLED_APPS` entry is only a comment serves no view, whatever URLconf loop would include it; one
any shipped settings, configuration or sample settings file lists does; of one service code imports, what it imports."""

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


# djing2's shape: the service imports one module of an app its settings leave out (a statistics view), while the app's
# FTP upload runs only from its signal receivers, which `AppConfig.ready` connects, and its Celery tasks.
SHARE_APP_CONFIG = APP_CONFIG.format(name="Share", dotted="extras.share") + (
    "\n    def ready(self):\n        from portal.extras.share import signals  # noqa\n        from portal.extras.share import tasks  # noqa\n")
SHARE_FTP = ("from ftplib import FTP\n\nfrom django.conf import settings\n\n\n"
             "def _ftp_session(fn):\n    def _wrapper(*args, **kwargs):\n        ftp = FTP()\n        try:\n"
             "            ftp.connect(host=settings.EXPORT_FTP['host'], port=settings.EXPORT_FTP.get('port', 21))\n"
             "            ftp.login(user=settings.EXPORT_FTP['user'], passwd=settings.EXPORT_FTP['password'])\n"
             "            return fn(ftp=ftp, *args, **kwargs)\n        finally:\n            ftp.close()\n\n"
             "    return _wrapper\n\n\n@_ftp_session\ndef upload(fp, remote_name, ftp=None):\n"
             "    ftp.storbinary('STOR %s' % remote_name, fp)\n")
SHARE_MODELS = "from django.db import models\n\n\nclass Export(models.Model):\n    name = models.CharField(max_length=64)\n"
SHARE_SIGNALS = ("import io\n\nfrom django.db.models.signals import post_save\nfrom django.dispatch import receiver\n\n"
                 "from portal.extras.share.ftp import upload\nfrom portal.extras.share.models import Export\n\n\n"
                 "@receiver(post_save, sender=Export)\ndef on_export_save(sender, instance, **kwargs):\n"
                 "    upload(io.BytesIO(instance.name.encode()), 'exports/%s.txt' % instance.pk)\n")
SHARE_TASKS = ("import io\n\nfrom celery import shared_task\n\nfrom portal.extras.share.ftp import upload\n\n\n"
               "@shared_task\ndef export_all(names):\n    upload(io.BytesIO('\\n'.join(names).encode()), 'exports/all.txt')\n")
SHARE_STATS = ("from django.db.models import Count\nfrom django.http import JsonResponse\n\n"
               "from portal.core.models import Customer\n\n\n"
               "def stats(request):\n    return JsonResponse(dict(Customer.objects.values_list('group').annotate(n=Count('id'))))\n")
SHARE_EXPORTS = ("import io\n\nfrom portal.extras.share.ftp import upload\n\n\n"
                 "def export_dictionary(names):\n    upload(io.BytesIO('\\n'.join(names).encode()), 'dict/names.txt')\n")
SHARE_COMMAND = ("from django.core.management.base import BaseCommand\n\n"
                 "from portal.extras.share.exports import export_dictionary\n\n\n"
                 "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
                 "        for export, title in [(export_dictionary, 'Dictionary export')]:\n"
                 "            self.stdout.write(title)\n            export(['a', 'b'])\n")
CORE_MODELS = "from django.db import models\n\n\nclass Customer(models.Model):\n    group = models.CharField(max_length=64)\n"
FTP_LINE = "portal/extras/share/ftp.py:10"


def _imported_app(importer: str = "portal.extras.share.views", views: str = SHARE_STATS, **extra: str) -> Dict[str, str]:
    """The share app, left out of `INSTALLED_APPS`, whose statistics view the core URLconf imports by `importer`."""
    urls = CORE_URLS + f"from {importer} import stats  # noqa: E402\n\nurlpatterns.append(path('share/stats', stats))\n"
    return _project(**{"portal/core/models.py": CORE_MODELS, "portal/core/urls.py": urls,
                       "portal/extras/share/apps.py": SHARE_APP_CONFIG, "portal/extras/share/ftp.py": SHARE_FTP,
                       "portal/extras/share/models.py": SHARE_MODELS, "portal/extras/share/signals.py": SHARE_SIGNALS,
                       "portal/extras/share/tasks.py": SHARE_TASKS, "portal/extras/share/views.py": views,
                       "portal/extras/share/exports.py": SHARE_EXPORTS,
                       "portal/extras/share/management/__init__.py": "", "portal/extras/share/management/commands/__init__.py": "",
                       "portal/extras/share/management/commands/export_all.py": SHARE_COMMAND, **extra})


def test_an_imported_module_of_an_uninstalled_app_loads_only_what_it_imports(tmp_path: Path) -> None:
    """The core URLconf imports the share app's statistics view, which touches no FTP code: Django connects none of
    the app's receivers (no `ready`, no `models` import) and Celery discovers none of its tasks, so the FTP upload is
    not the service, however the import spells the app's path (`extras.share.views` on a shorter `sys.path` root)."""
    assert _findings(tmp_path / "full", _imported_app()) == ["portal/core/views.py:8"]
    assert _findings(tmp_path / "short", _imported_app("extras.share.views")) == ["portal/core/views.py:8"]


def test_what_an_imported_module_of_an_uninstalled_app_loads_runs(tmp_path: Path) -> None:
    """The imported view module connects the receivers by importing them (in a function too), or calls the upload itself; or the app is
    listed after all (an env file; settings built from the environment): the FTP call without a timeout is served."""
    connecting = SHARE_STATS + "from portal.extras.share import signals  # noqa: E402,F401\n"
    assert FTP_LINE in _findings(tmp_path / "receivers", _imported_app(views=connecting))
    lazily = SHARE_STATS + ("\n\ndef connect_exports(request):\n    from portal.extras.share import signals  # noqa: F401\n"
                            "    return JsonResponse({'connected': True})\n")
    assert FTP_LINE in _findings(tmp_path / "lazily", _imported_app(views=lazily))
    uploading = SHARE_STATS + ("import io  # noqa: E402\nfrom portal.extras.share.ftp import upload  # noqa: E402\n\n\n"
                               "def push(request):\n    upload(io.BytesIO(request.body), 'exports/push.txt')\n"
                               "    return JsonResponse({'ok': True})\n")
    assert FTP_LINE in _findings(tmp_path / "calling", _imported_app(views=uploading))
    env = {"deploy/app.env": "DJANGO_EXTRA_APPS=portal.extras.share\n"}
    assert FTP_LINE in _findings(tmp_path / "env", _imported_app(), on_disk=env)
    computed = {"portal/production.py": "import os\nfrom portal.settings import *\n\n"
                                        "INSTALLED_APPS += tuple(os.environ.get('EXTRA_APPS', '').split(','))\n"}
    assert FTP_LINE in _findings(tmp_path / "computed", _imported_app(**computed))


def test_an_uninstalled_app_loads_its_package_and_what_it_spells_otherwise(tmp_path: Path) -> None:
    """The imported view's package connects the receivers (`share/__init__.py`), or the view imports them by the path a
    shorter `sys.path` root spells (`extras.share`): the FTP call is served."""
    package = {"portal/extras/share/__init__.py": "from . import signals  # noqa: F401\n"}
    assert FTP_LINE in _findings(tmp_path / "package", _imported_app(**package))
    short = SHARE_STATS + "from extras.share import signals  # noqa: E402,F401\n"
    assert FTP_LINE in _findings(tmp_path / "short", _imported_app(views=short))


def test_a_module_of_an_uninstalled_app_the_analysis_does_not_hold_may_load_all_of_it(tmp_path: Path) -> None:
    """The imported view, or the app's package, imports a module of the app that is on disk but left out of the analysis
    (excluded, or generated), which connects the receivers: what it loads is unknown, so the whole app runs."""
    on_disk = {"portal/extras/share/compiled.py": "from . import signals  # noqa: F401\n\nfast = True\n"}
    compiled = SHARE_STATS + "from portal.extras.share.compiled import fast  # noqa: E402,F401\n"
    assert FTP_LINE in _findings(tmp_path / "views", _imported_app(views=compiled), on_disk=on_disk)
    package = {"portal/extras/share/__init__.py": "from . import compiled  # noqa: F401\n"}
    assert FTP_LINE in _findings(tmp_path / "package", _imported_app(**package), on_disk=on_disk)


def test_a_library_path_through_a_top_level_app_name_loads_none_of_it(tmp_path: Path) -> None:
    """A `share` app at the project root, left out of `INSTALLED_APPS`: `from thirdparty.share.signals import ...`
    names another package's module, not the app's, so its receivers stay off; spelled by the app's own path they run."""
    settings = ("INSTALLED_APPS = (\n    'django.contrib.auth',\n    'portal.core',\n    # 'share',\n)\n"
                "ROOT_URLCONF = 'portal.urls'\n")
    top = {"portal/settings.py": settings, "share/__init__.py": "", "share/apps.py": SHARE_APP_CONFIG.replace("portal.extras.", ""),
           "share/ftp.py": SHARE_FTP, "share/models.py": SHARE_MODELS,
           "share/signals.py": SHARE_SIGNALS.replace("portal.extras.share", "share")}
    files = {name: text for name, text in _project(**top).items() if not name.startswith("portal/extras/")}
    library = {"portal/core/views.py": CORE_VIEWS + "from thirdparty.share.signals import post_share  # noqa: E402,F401\n"}
    assert _findings(tmp_path / "library", {**files, **library}) == ["portal/core/views.py:8"]
    own = {"portal/core/views.py": CORE_VIEWS + "from share.signals import on_export_save  # noqa: E402,F401\n"}
    assert "share/ftp.py:10" in _findings(tmp_path / "own", {**files, **own})
