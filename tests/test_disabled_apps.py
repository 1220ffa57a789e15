"""Django apps no shipped settings lists (project/disabled_apps.py): an optional app whose
`INSTALLED_APPS` entry is only a comment serves no view, whatever URLconf loop would include it; one
any shipped settings, configuration or sample settings file lists does; of one service code imports, what it imports."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

from prr_lint.project import disabled_apps

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


# sharemyhealth's shape: the URLconf includes an optional app's URLs only under a test that it is installed, through a
# project function that answers that test; its settings add apps through a function they call with literal strings.
SHARE_LINE = "portal/extras/share/views.py:6"
CORE_ONLY = ["portal/core/views.py:8"]
INSTALLED = ("from django.conf import settings\n\n\ndef app_installed(name=None):\n    \"\"\"Whether `name` is installed.\"\"\"\n"
             "    if name:\n        if name in settings.INSTALLED_APPS:\n            return True\n    return False\n")
GUARDED_URLS = ("from django.urls import include, path\nfrom django.conf import settings\nfrom django.apps import apps\n"
                "from portal.core import views\nfrom .utils import app_installed\n\n"
                "DEBUG_URLS = settings.DEBUG\nurlpatterns = [path('status', views.status)]\n{guard}"
                "    urlpatterns += [path('share/', include('portal.extras.share.urls'))]\n")
ADDING_SETTINGS = ("import os\n\n\ndef _enable(application):\n    global INSTALLED_APPS\n    try:\n        __import__(application)\n"
                   "        INSTALLED_APPS += (application,)\n    except ImportError:\n        pass\n\n\n" + SETTINGS +
                   "_enable('djmongo')\n_enable(application='djmongo.console')\n")


def _guarded(guard: str = "if app_installed('portal.extras.share'):\n", installed: str = INSTALLED, **extra: str) -> Dict[str, str]:
    return _project(**{"portal/urls.py": GUARDED_URLS.format(guard=guard), "portal/utils.py": installed, **extra})


def test_an_app_only_included_under_a_test_that_it_is_installed_serves_no_view(tmp_path: Path) -> None:
    """The include runs only when the share app is installed, which no setting makes it: tested by a project function
    that answers the membership test of its parameter (relative import), by the test itself, by `apps.is_installed`,
    as a conjunct of an `and`, nested in another `if`, in an `elif`; or the test names an app nothing lists (a typo)."""
    for case, guard in {"function": "if app_installed('portal.extras.share'):\n",
                        "membership": "if 'portal.extras.share' in settings.INSTALLED_APPS:\n",
                        "registry": "if apps.is_installed('portal.extras.share'):\n",
                        "conjunct": "if DEBUG_URLS and app_installed('portal.extras.share'):\n",
                        "nested": "if app_installed('portal.extras.share'):\n  if DEBUG_URLS:\n",
                        "elif": "if DEBUG_URLS:\n    pass\nelif app_installed('portal.extras.share'):\n",
                        "typo": "if app_installed('portal.portal.extras.share'):\n"}.items():
        assert _findings(tmp_path / case, _guarded(guard)) == CORE_ONLY, case
    answering = "from django.apps import apps\n\n\ndef app_installed(name):\n    return apps.is_installed(name)\n"
    assert _findings(tmp_path / "answering", _guarded(installed=answering)) == CORE_ONLY
    own = SETTINGS + ("URLCONFS = []\nif 'portal.extras.share' in INSTALLED_APPS:\n"
                      "    URLCONFS.append('portal.extras.share.urls')\n")
    assert _findings(tmp_path / "settings", _project(**{"portal/settings.py": own})) == CORE_ONLY
    unguarded = own.replace("if 'portal.extras.share' in INSTALLED_APPS:", "if 'portal.extras.share' in EXTRA_APPS:")
    assert SHARE_LINE in _findings(tmp_path / "unguarded", _project(**{"portal/settings.py": unguarded}))


def test_an_include_a_test_does_not_hold_back_serves_the_app(tmp_path: Path) -> None:
    """The `else` of the test, a negated test, an `or` with another condition, a test of another list, a test of an
    app a setting lists: the include may run, and the share app's view is served."""
    for case, guard in {"else": "if app_installed('portal.extras.share'):\n    pass\nelse:\n",
                        "not": "if not app_installed('portal.extras.share'):\n",
                        "or": "if DEBUG_URLS or app_installed('portal.extras.share'):\n",
                        "other list": "if 'portal.extras.share' in settings.FEATURES:\n",
                        "listed app": "if app_installed('portal.core'):\n",
                        "not in": "if 'portal.extras.share' not in settings.INSTALLED_APPS:\n"}.items():
        assert SHARE_LINE in _findings(tmp_path / case.replace(" ", "_"), _guarded(guard)), case


def test_a_function_that_may_answer_otherwise_guards_nothing(tmp_path: Path) -> None:
    """The project function returns true without the test, tests another list, calls something (it may install the
    app), rebinds its parameter, is decorated, or its name is bound again: it is no membership test."""
    functions = {
        "always": "def app_installed(name):\n    return True\n",
        "or": "from django.conf import settings\n\n\ndef app_installed(name):\n    return name in settings.INSTALLED_APPS or True\n",
        "other list": ("from django.conf import settings\n\n\ndef app_installed(name):\n"
                       "    if name in settings.FEATURES:\n        return True\n    return False\n"),
        "outside": INSTALLED.replace("    return False\n", "    return 'yes'\n"),
        "else": INSTALLED.replace("            return True\n", "            return True\n        else:\n            return name\n"),
        "calls": INSTALLED.replace("    if name:\n", "    settings.INSTALLED_APPS.append(name)\n    if name:\n"),
        "rebinds": INSTALLED.replace("    if name:\n", "    name = 'portal.core'\n    if name:\n"),
        "decorated": "import functools\n" + INSTALLED.replace("def app_installed", "@functools.lru_cache()\ndef app_installed"),
        "rebound": INSTALLED + "\n\napp_installed = lambda name: True  # noqa: E731\n",
    }
    for case, text in functions.items():
        assert SHARE_LINE in _findings(tmp_path / case.replace(" ", "_"), _guarded(installed=text)), case


def test_an_app_a_shipped_file_lists_stays_served_under_its_test(tmp_path: Path) -> None:
    """The tested app is listed after all: by a production settings module, an env file, or a settings function's
    literal argument; a test of an app only a guarded include names (`portal.other`) still holds back nothing once listed."""
    production = {"portal/production.py": "from portal.settings import *\n\nINSTALLED_APPS += ('portal.extras.share',)\n"}
    assert SHARE_LINE in _findings(tmp_path / "production", _guarded(**production))
    env = {"deploy/app.env": "DJANGO_EXTRA_APPS=portal.extras.share\n"}
    assert SHARE_LINE in _findings(tmp_path / "env", _guarded(), on_disk=env)
    adding = ADDING_SETTINGS + "_enable('portal.extras.share')\n"
    assert SHARE_LINE in _findings(tmp_path / "adding", _guarded(**{"portal/settings.py": adding}))
    chained = "if app_installed('portal.other'):\n    include('portal.extras.share.urls')\nif app_installed('portal.extras.share'):\n"
    other = {"portal/production.py": "from portal.settings import *\n\nINSTALLED_APPS += ('portal.other',)\n"}
    assert SHARE_LINE in _findings(tmp_path / "chained", _guarded(chained, **other))
    assert _findings(tmp_path / "unlisted", _guarded(chained)) == CORE_ONLY


def test_a_settings_function_called_with_literals_builds_a_literal_list(tmp_path: Path) -> None:
    """`_enable('djmongo')`: the settings add only literal strings through their function, so the share app, which
    no call names, stays off; a Django fixture naming one of its models (`"model": "share.export"`) lists nothing."""
    assert _findings(tmp_path / "settings", _project(**{"portal/settings.py": ADDING_SETTINGS})) == CORE_ONLY
    fixture = {"portal/core/fixtures/initial.json": '[{"model": "share.export", "pk": 1, "fields": {"name": "a"}}]\n'}
    assert _findings(tmp_path / "fixture", _project(), on_disk=fixture) == CORE_ONLY
    listing = {"deploy/apps.json": '[{"model": "share.export", "app": "portal.extras.share"}]\n'}
    assert SHARE_LINE in _findings(tmp_path / "config", _project(), on_disk=listing)


def test_a_settings_function_handed_anything_else_may_list_any_app(tmp_path: Path) -> None:
    """A call passing a value from the environment, a spread, the function handed on as a value, imported under another
    name, a local it computes, a lambda's parameter: the settings may list the share app."""
    cases = {
        "environment": ADDING_SETTINGS + "_enable(os.environ.get('EXTRA_APP', ''))\n",
        "spread": ADDING_SETTINGS + "_enable(*os.environ.get('EXTRA_APPS', '').split(','))\n",
        "handed": ADDING_SETTINGS + "list(map(_enable, os.environ.get('EXTRA_APPS', '').split(',')))\n",
        "local": ADDING_SETTINGS.replace("        INSTALLED_APPS += (application,)\n",
                                         "        extra = os.environ['EXTRA_APP']\n        INSTALLED_APPS += (extra,)\n"),
        "lambda": SETTINGS + "add = lambda app: INSTALLED_APPS.append(app)  # noqa: E731\nadd(os.environ['EXTRA_APP'])\n",
        "rebinds": ADDING_SETTINGS.replace("    global INSTALLED_APPS\n",
                                           "    global INSTALLED_APPS\n    application = os.environ['EXTRA_APP']\n"),
    }
    for case, text in cases.items():
        assert SHARE_LINE in _findings(tmp_path / case, _project(**{"portal/settings.py": "import os\n" + text})), case
    elsewhere = {"portal/settings.py": ADDING_SETTINGS,
                 "portal/production.py": "import os\nfrom portal.settings import *  # noqa\nfrom portal.settings import _enable\n\n"
                                         "_enable(os.environ['EXTRA_APP'])\n"}
    assert SHARE_LINE in _findings(tmp_path / "elsewhere", _project(**elsewhere))
    renamed = {"portal/settings.py": ADDING_SETTINGS,
               "portal/production.py": "from portal.settings import *  # noqa\nfrom portal.settings import _enable as enable\n\n"
                                       "enable(open('/etc/app').read())\n"}
    assert SHARE_LINE in _findings(tmp_path / "renamed", _project(**renamed))


def test_a_configuration_class_builds_its_list_from_its_own_settings(tmp_path: Path) -> None:
    """django-configurations' class body adds its own literal list: still literal, the share app stays off; a method
    adding its parameter is read through no call, and may list any app."""
    classy = SETTINGS + "\n\nclass Dev:\n    EXTRA_APPS = ('portal.core',)\n    INSTALLED_APPS = ('django.contrib.auth',) + EXTRA_APPS\n"
    assert _findings(tmp_path / "class", _project(**{"portal/settings.py": classy})) == CORE_ONLY
    method = SETTINGS + "\n\nclass Dev:\n    def add(self, app):\n        self.INSTALLED_APPS.append(app)\n"
    assert SHARE_LINE in _findings(tmp_path / "method", _project(**{"portal/settings.py": method}))


MEMBERSHIP_GUARD = "if 'portal.extras.share' in settings.INSTALLED_APPS:\n"


def test_a_test_of_an_app_the_deployment_may_list_holds_back_nothing(tmp_path: Path) -> None:
    """The settings take apps from a name bound to the environment, a loop over the environment, a local settings
    module the project does not ship (by name or by a star import), or a `settings.configure(INSTALLED_APPS=...)`: a
    deployment may list the share app, so the include under its test may run."""
    base = SETTINGS.replace("INSTALLED_APPS = (", "INSTALLED_APPS = [").replace("\n)\n", "\n]\n")
    cases = {
        "environment name": "import os\nEXTRA_APPS = tuple(os.environ.get('EXTRA_APPS', '').split(','))\n" + SETTINGS
                            + "INSTALLED_APPS += EXTRA_APPS\n",
        "rebound name": "import os\nEXTRA_APPS = ()\n" + SETTINGS + "if os.environ.get('SHARE'):\n"
                        "    EXTRA_APPS = os.environ['SHARE'].split(',')\nINSTALLED_APPS += tuple(EXTRA_APPS)\n",
        "appended name": "import os\nEXTRA_APPS = ['portal.core']\nEXTRA_APPS.append(os.environ['SHARE'])\n" + base
                         + "INSTALLED_APPS += EXTRA_APPS\n",
        "loop": "import os\n" + SETTINGS + "for _app in os.environ.get('EXTRA_APPS', '').split(','):\n"
                "    INSTALLED_APPS += (_app,)\n",
        "local name": "try:\n    from portal.local_settings import EXTRA_APPS\nexcept ImportError:\n    EXTRA_APPS = ()\n"
                      + SETTINGS + "INSTALLED_APPS += EXTRA_APPS\n",
        "local star": SETTINGS + "try:\n    from portal.local_settings import *  # noqa\nexcept ImportError:\n    pass\n",
        "relative star": SETTINGS + "try:\n    from .local_settings import *  # noqa\nexcept ImportError:\n    pass\n",
        "unbound name": "from portal.defaults import *  # noqa\n" + SETTINGS + "INSTALLED_APPS += EXTRA_APPS\n",
    }
    defaults = {"portal/defaults.py": "import os\nEXTRA_APPS = tuple(os.environ.get('EXTRA_APPS', '').split(','))\n"}
    for case, text in cases.items():
        files = _guarded(MEMBERSHIP_GUARD, **{"portal/settings.py": text, **defaults})
        assert SHARE_LINE in _findings(tmp_path / case.replace(" ", "_"), files), case
    serve = {"serve.py": "import os\nfrom django.conf import settings\n\n"
                         "settings.configure(INSTALLED_APPS=os.environ['APPS'].split(','), ROOT_URLCONF='portal.urls')\n"}
    assert SHARE_LINE in _findings(tmp_path / "configure", _guarded(MEMBERSHIP_GUARD, **serve))
    local_module = {"portal/production.py": "from portal.settings import *  # noqa\ntry:\n"
                                            "    from portal.local import *  # noqa\nexcept ImportError:\n    pass\n"}
    assert SHARE_LINE in _findings(tmp_path / "chained_local", _guarded(MEMBERSHIP_GUARD, **local_module))


def test_settings_built_from_names_of_literals_still_hold_back_the_include(tmp_path: Path) -> None:
    """Names bound only to literal strings (also through one another, also added to twice) build the same list in every
    deployment: the share app stays off under its test."""
    named = ("LOCAL_APPS = ('portal.core',)\nLOCAL_APPS += ('django.contrib.admin',)\nTHIRD = ['django.contrib.auth']\n"
             "ALL = ['django.contrib.sessions', *LOCAL_APPS]\nINSTALLED_APPS = THIRD + ['portal.core']\n"
             "INSTALLED_APPS += LOCAL_APPS\nINSTALLED_APPS += ALL\n# 'portal.extras.share',\nROOT_URLCONF = 'portal.urls'\n")
    files = _guarded(MEMBERSHIP_GUARD, **{"portal/settings.py": named})
    assert _findings(tmp_path, files) == CORE_ONLY


def test_a_fixture_row_still_configures_what_its_fields_name(tmp_path: Path) -> None:
    """A Django fixture's `"model"` names a table, but its fields may hold a dotted path the code loads (a plug-in
    row): a field naming a module of the share app lists it."""
    fixture = {"portal/core/fixtures/plugins.json":
               '[{"model": "core.plugin", "pk": 1, "fields": {"module": "portal.extras.share.views"}}]\n'}
    assert SHARE_LINE in _findings(tmp_path, _project(), on_disk=fixture)


def test_a_module_with_a_star_import_takes_no_guard(tmp_path: Path) -> None:
    """A star import may rebind the tested function or `settings` to anything: the module's tests guard nothing."""
    compat = {"portal/compat.py": "def app_installed(name):\n    return True\n"}
    star = GUARDED_URLS.replace("from .utils import app_installed\n",
                                "from .utils import app_installed\nfrom .compat import *  # noqa\n")
    files = _project(**{"portal/urls.py": star.format(guard="if app_installed('portal.extras.share'):\n"),
                        "portal/utils.py": INSTALLED, **compat})
    assert SHARE_LINE in _findings(tmp_path / "function", files)
    shadow = {"portal/compat.py": "import os\nimport types\n\n"
                                  "settings = types.SimpleNamespace(INSTALLED_APPS=os.environ.get('APPS', '').split(','))\n"}
    files = _project(**{"portal/urls.py": star.format(guard=MEMBERSHIP_GUARD), "portal/utils.py": INSTALLED, **shadow})
    assert SHARE_LINE in _findings(tmp_path / "settings", files)



def test_a_module_naming_a_tested_app_that_does_not_parse_keeps_the_other_judgements(tmp_path: Path, monkeypatch) -> None:
    """A module holding the word of a tested app does not parse (read as unparsable here): it may list that app, so no
    test holds anything back, but the share app no string names stays off."""
    urls = URLS + ("from django.apps import apps  # noqa: E402\nif apps.is_installed('debug_toolbar'):\n"
                   "    urlpatterns.append(path('__debug__/', include('debug_toolbar.urls')))\n")
    legacy = {"portal/legacy.py": "def show():\n    print('debug_toolbar')\n"}
    parsed = disabled_apps.parsed_tree
    monkeypatch.setattr(disabled_apps, "parsed_tree",
                        lambda analysis, path: None if path.endswith("legacy.py") else parsed(analysis, path))
    assert _findings(tmp_path, _project(**{"portal/urls.py": urls, **legacy})) == CORE_ONLY


def test_each_module_and_settings_function_is_read_once_however_many_ask(tmp_path: Path, monkeypatch) -> None:
    """Three URL modules test the share app through the same helper, and the settings add apps through a function:
    the helper module's names are resolved once (not once per calling module), and the function's calls are read once
    (not again when the settings' closedness is judged); the judgement is unchanged."""
    from prr_lint.project import app_strings, settings_functions

    built: Dict[str, int] = {}
    names_init = app_strings._Names.__init__

    def counting_names(self, tree, context) -> None:
        built[context.name] = built.get(context.name, 0) + 1
        names_init(self, tree, context)

    passed: List[str] = []
    read_passed = settings_functions._passed

    def counting_passed(function, position, naming):
        passed.append(f"{function.name}:{position}")
        return read_passed(function, position, naming)

    monkeypatch.setattr(app_strings._Names, "__init__", counting_names)
    monkeypatch.setattr(settings_functions, "_passed", counting_passed)
    guarded = GUARDED_URLS.format(guard="if app_installed('portal.extras.share'):\n")
    extra = {f"portal/more{n}.py": guarded.replace("from .utils import", "from portal.utils import") for n in range(2)}
    files = _guarded(**{"portal/settings.py": ADDING_SETTINGS, **extra})
    assert _findings(tmp_path, files) == CORE_ONLY
    assert built.get("portal.utils") == 1 and set(built.values()) == {1}, built
    assert passed == ["_enable:0"]


SHARE_VIEW = "'portal.extras.share.views.push'"


def test_a_view_djangos_reverse_looks_up_enables_nothing(tmp_path: Path) -> None:
    """Django's `reverse` (also `reverse_lazy` through its module, Django 1's `urlresolvers`, REST framework's, the
    `shortcuts` re-export; imported again in a function, or by a `try` falling back to Django 1's) looks the share
    app's view up by its path and loads nothing: the app stays off."""
    cases = {
        "reverse": f"from django.urls import reverse\n\n\ndef share_link():\n    return reverse({SHARE_VIEW})\n",
        "module": f"from django import urls\n\nSHARE_LINK = urls.reverse_lazy({SHARE_VIEW})\n",
        "urlresolvers": f"from django.core.urlresolvers import reverse\n\n\ndef share_link():\n    return reverse({SHARE_VIEW})\n",
        "rest": f"from rest_framework.reverse import reverse\n\n\ndef share_link(request):\n    return reverse({SHARE_VIEW}, request=request)\n",
        "shortcuts": f"from django.shortcuts import redirect, reverse\n\n\ndef to_share(request):\n    return redirect(reverse({SHARE_VIEW}))\n",
        "lazy": f"from django.urls import reverse\n\n\ndef share_link():\n    from django.urls import reverse\n    return reverse({SHARE_VIEW})\n",
        "fallback": "try:\n    from django.urls import reverse\nexcept ImportError:\n    from django.core.urlresolvers import reverse\n\n\n"
                    f"def share_link():\n    return reverse({SHARE_VIEW})\n",
        "lazy module": f"def share_link():\n    from django.core import urlresolvers\n    return urlresolvers.reverse({SHARE_VIEW})\n",
    }
    for case, text in cases.items():
        assert _findings(tmp_path / case, _project(**{"portal/core/links.py": text})) == CORE_ONLY, case


def test_a_call_only_spelt_reverse_may_load_what_it_is_handed(tmp_path: Path) -> None:
    """Any other call spelt `reverse` handed the share app's path may load it: a method of some object, the module's
    own function, another library's, Django's where a star import may rebind the name, another import binds it too or
    a function's parameter shadows it: the app may be enabled, and its view stays served."""
    cases = {
        "method": f"def share_link(history):\n    return history.reverse({SHARE_VIEW})\n",
        "own": "import importlib\n\n\ndef reverse(path):\n    return importlib.import_module(path)\n\n\n"
               "reverse('portal.extras.share.views')\n",
        "library": "from plugins.loader import reverse\n\nreverse('portal.extras.share.views')\n",
        "star": f"from django.urls import reverse\nfrom portal.compat import *  # noqa\n\nreverse({SHARE_VIEW})\n",
        "rebound": "from django.urls import reverse\n\nif True:\n    from plugins.loader import reverse  # noqa: F811\n\n"
                   "reverse('portal.extras.share.views')\n",
        "parameter": "from django.urls import reverse\n\n\ndef load(reverse=None):\n    return reverse('portal.extras.share.views')\n",
    }
    compat = {"portal/compat.py": "import importlib\n\nreverse = importlib.import_module\n"}
    for case, text in cases.items():
        assert SHARE_LINE in _findings(tmp_path / case, _project(**{"portal/core/links.py": text, **compat})), case


def test_a_long_run_of_word_characters_costs_its_length_not_its_square(tmp_path: Path) -> None:
    """A fixture holds a 60,000-character base64 blob before a field naming the share app's module behind digits
    (`9portal...`, found as before): its dotted paths are read in time linear in the text (trying each position of the
    blob took about 40 s of CPU), and the app is listed."""
    import time

    blob = "QUJD" * 15000
    fixture = {"portal/core/fixtures/blob.json":
               f'[{{"model": "core.plugin", "pk": 1, "fields": {{"data": "{blob}", "module": "9portal.extras.share.views"}}}}]\n'}
    start = time.process_time()
    assert SHARE_LINE in _findings(tmp_path, _project(), on_disk=fixture)
    assert time.process_time() - start < 10
