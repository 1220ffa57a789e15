"""Imports from a folder the project puts on `sys.path` (path_values.py, project/index.py): Django
projects that `sys.path.insert(0, root("apps"))` import `from people.api import fetch` for the module
indexed as `proj.apps.people.api`; resolved, the call graph sees who calls what."""

from __future__ import annotations

import libcst as cst
import pytest

from _serving import all_scope_lines
from conftest import lint_sources
from prr_lint.path_values import added_folder
from prr_lint.resolve import Resolver

_SETTINGS = (
    "import os\nimport sys\nfrom os.path import abspath, dirname, join\n\n\n"
    "def here(*path):\n    return join(abspath(dirname(__file__)), *path)\n\n\n"
    "def root(*path):\n    return abspath(join(abspath(here('..')), *path))\n\n\n"
    "sys.path.insert(0, root('apps'))\n"
)
_PROJECT = {
    "proj/__init__.py": "",
    "proj/settings/__init__.py": "",
    "proj/settings/base.py": _SETTINGS,
    "proj/apps/__init__.py": "",
    "proj/apps/people/__init__.py": "",
    "proj/apps/people/api.py": "import requests\n\n\ndef fetch():\n    return requests.get('https://people/api').json()\n",
    "proj/apps/parties/__init__.py": "",
    "proj/apps/parties/helpers.py": "def label(party):\n    return party.upper()\n",
    "proj/apps/parties/management/__init__.py": "",
    "proj/apps/parties/management/commands/__init__.py": "",
    "proj/apps/parties/management/commands/sync_people.py": (
        "from django.core.management.base import BaseCommand\nfrom people.api import fetch\n\n\n"
        "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        return fetch()\n"
    ),
    "proj/apps/ballots/__init__.py": "",
    "proj/apps/ballots/views.py": (
        "from django.http import HttpResponse\nfrom parties.helpers import label\n\n\n"
        "def ballot(request):\n    return HttpResponse(label(request.GET['party']))\n"
    ),
    "proj/urls.py": "from django.urls import path\nfrom ballots import views\n\nurlpatterns = [path('ballot/', views.ballot)]\n",
}


def _lines(files: dict) -> list:
    return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


def test_a_helper_only_a_command_reaches_through_a_sys_path_import_is_left_out() -> None:
    assert _lines(_PROJECT) == []


def test_without_a_sys_path_edit_the_import_stays_unresolved() -> None:
    """Unresolved, `fetch` is reached from nothing: it may still be request code, reported."""
    assert _lines({**_PROJECT, "proj/settings/base.py": "DEBUG = False\n"}) == [("proj/apps/people/api.py", 5)]


def test_a_view_that_reaches_the_helper_through_the_folder_keeps_it() -> None:
    view = (
        "from django.http import JsonResponse\nfrom people.api import fetch\n\n\n"
        "def people(request):\n    return JsonResponse(fetch())\n"
    )
    urls = "from django.urls import path\nfrom ballots import views\n\nurlpatterns = [path('people/', views.people)]\n"
    assert _lines({**_PROJECT, "proj/apps/ballots/views.py": view, "proj/urls.py": urls}) == [("proj/apps/people/api.py", 5)]


def test_an_edit_relative_to_the_current_directory_adds_nothing() -> None:
    """`sys.path.insert(0, "apps")` depends on where the process starts: no folder is known."""
    settings = "import sys\nsys.path.insert(0, 'apps')\n"
    assert _lines({**_PROJECT, "proj/settings/base.py": settings}) == [("proj/apps/people/api.py", 5)]


def test_a_manage_py_puts_its_own_folder_on_sys_path() -> None:
    """bk-monitor (m27 D015, D020-D022): `python bklog/manage.py` runs with `bklog/` first on sys.path, so the
    package `bklog` imports `bk_dataview.grafana.client`; resolved, what only `migrate_grafana` calls is left out."""
    manage = "import sys\nfrom django.core.management import execute_from_command_line\n\nif __name__ == '__main__':\n" \
             "    execute_from_command_line(sys.argv)\n"
    files = {**_PROJECT, "proj/settings/base.py": "DEBUG = False\n", "proj/apps/manage.py": manage}
    assert _lines(files) == []
    view = "from django.http import JsonResponse\nfrom people.api import fetch\n\n\ndef people(request):\n    return JsonResponse(fetch())\n"
    urls = "from django.urls import path\nfrom ballots import views\n\nurlpatterns = [path('people/', views.people)]\n"
    assert _lines({**files, "proj/apps/ballots/views.py": view, "proj/urls.py": urls}) == [("proj/apps/people/api.py", 5)]
    assert _lines({**files, "proj/apps/manage.py": "DEBUG = True\n"}) == [("proj/apps/people/api.py", 5)]

@pytest.mark.parametrize(("source", "folder"), [
    ("import os, sys\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n"
     "sys.path.insert(0, os.path.join(BASE_DIR, 'apps'))\n", "../apps"),
    ("import os, sys\nhere = lambda *x: os.path.join(os.path.abspath(os.path.dirname(__file__)), *x)\n"
     "PROJECT_ROOT = here('..')\nroot = lambda *x: os.path.join(os.path.abspath(PROJECT_ROOT), *x)\n"
     "sys.path.insert(0, root('libs'))\n", "../libs"),
    ("import os, sys\n\n\ndef here(*p):\n    return os.path.join(os.path.dirname(__file__), *p)\n\n\n"
     "def root(*p):\n    \"\"\"The repository's root.\"\"\"\n    return here('..', *p)\n\n\nsys.path.insert(0, root('apps'))\n", "../apps"),
    ("import sys\nfrom pathlib import Path\nsys.path.append(str(Path(__file__).resolve().parent.parent / 'src'))\n", "../src"),
    ("import sys\nfrom pathlib import Path\nsys.path.append(str(Path(__file__).parents[2]))\n", "../.."),
    ("import site, os\nsite.addsitedir(os.path.join(os.path.dirname(__file__), 'vendor'))\n", "vendor"),
    ("import os, sys\nHERE = os.path.abspath(os.path.join(os.path.realpath(__file__), os.pardir))\n"
     "sys.path.append(os.path.join(HERE, 'src'))\n", "src"),
    ("import sys\nfrom os import curdir, pardir\nfrom os.path import dirname, join\n"
     "sys.path.insert(0, join(dirname(__file__), pardir, curdir, 'lib'))\n", "../lib"),
    ("import sys, os\nsys.path.insert(0, os.path.abspath('src'))\n", None),
    ("import sys, os\nsys.path.insert(0, os.environ['APP_HOME'])\n", None),
    ("import sys, os\nROOT = os.path.dirname(__file__)\nfor _ in range(3):\n    ROOT = os.path.dirname(ROOT)\nsys.path.insert(0, ROOT)\n", None),
])
def test_the_folder_an_edit_adds_is_worked_out_from_the_file(source: str, folder: object) -> None:
    module = cst.parse_module(source)
    resolver = Resolver(module, "proj.settings")
    edit = next(node.body[0].value for node in reversed(module.body) if isinstance(node, cst.SimpleStatementLine))
    assert added_folder(edit, resolver) == folder


_Q_SETTINGS = _SETTINGS + "\nQ_CLUSTER = {'name': 'orm', 'timeout': 240}\n"
_Q_TASKS = (
    "from django.core.management import call_command\nfrom django_q.models import Schedule\n"
    "from django_q_registry import register_task\n\n\n"
    "@register_task(name='sync', schedule_type=Schedule.CRON, cron='*/5 * * * *')\ndef sync_people():\n"
    "    call_command('sync_people')\n"
)
_Q_CLIENT = (
    "import requests\n\n\ndef fetch():\n    return requests.get('https://people/api').json()\n\n\n"
    "def person(url):\n    return requests.get(url).json()\n"
)
_Q_VIEW = (
    "from django.http import JsonResponse\nfrom people.api import person\n\n\n"
    "def ballot(request):\n    return JsonResponse(person(request.GET['url']))\n"
)


def test_a_command_a_timed_django_q_task_runs_bounds_what_it_imports_through_the_folder() -> None:
    """The cluster kills `sync_people` after 240 s: `fetch` is bounded; the view's `person` stays."""
    project = {**_PROJECT, "proj/settings/base.py": _Q_SETTINGS, "proj/apps/people/api.py": _Q_CLIENT,
               "proj/apps/ballots/views.py": _Q_VIEW, "proj/apps/ballots/tasks.py": _Q_TASKS}
    assert all_scope_lines(project) == [("proj/apps/people/api.py", 9)]
    unresolved = {**project, "proj/settings/base.py": _Q_SETTINGS.replace("sys.path.insert(0, root('apps'))\n", "")}
    assert all_scope_lines(unresolved) == [("proj/apps/people/api.py", 5), ("proj/apps/people/api.py", 9)]


def test_a_manage_py_at_a_package_root_changes_no_import() -> None:
    """mitxonline (m28 E174-E176): `manage.py` beside the root's own `__init__.py`; the root is an import root
    already, and taking its folder for a sys.path edit lost the Celery task's edX calls (judged true)."""
    manage = "import sys\nfrom django.core.management import execute_from_command_line\n\nif __name__ == '__main__':\n" \
             "    execute_from_command_line(sys.argv)\n"
    files = {
        "__init__.py": "", "manage.py": manage, "openedx/__init__.py": "",
        "openedx/api.py": "import requests\n\n\ndef update_email(user):\n    return requests.get('https://edx/api', params={'u': user})\n\n\n"
                          "def update_profile(user):\n    return requests.patch('https://edx/api', json={'u': user})\n",
        "openedx/tasks.py": "from celery import shared_task\nfrom openedx import api\n\n\n@shared_task\ndef change_email(user):\n    api.update_email(user)\n",
        "openedx/management/__init__.py": "", "openedx/management/commands/__init__.py": "",
        "openedx/management/commands/update_profiles.py": (
            "from django.core.management.base import BaseCommand\nfrom openedx.api import update_profile\n\n\n"
            "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        update_profile('all')\n"),
        "users/__init__.py": "",
        "users/views.py": "from django.http import JsonResponse\nfrom openedx.tasks import change_email\n\n\n"
                          "def email(request):\n    change_email.delay(request.user)\n    return JsonResponse({})\n",
        "urls.py": "from django.urls import path\nfrom users import views\n\nurlpatterns = [path('email/', views.email)]\n",
    }
    assert ("openedx/api.py", 5) in _lines(files)
    assert _lines(files) == _lines({**files, "manage.py": "DEBUG = True\n"})


_MANAGE = (
    "import os\nimport sys\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_conf.settings')\n"
    "    from django.conf import settings\n    from django.core.management import execute_from_command_line\n"
    "    sys.path.append(settings.APPS_DIR)\n    execute_from_command_line(sys.argv)\n"
)
_SETTINGS_BY_NAME = (
    "import os\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\nAPPS_DIR = os.path.join(BASE_DIR, 'apps')\n"
    "INSTALLED_APPS = ['apps.legacy', 'apps.ballots']\n"
)
_BY_SETTING = {
    "manage.py": _MANAGE,
    "site_conf/__init__.py": "",
    "site_conf/settings.py": _SETTINGS_BY_NAME,
    "apps/__init__.py": "",
    "apps/legacy/__init__.py": "",
    "apps/legacy/utils.py": (
        "import requests\nfrom django.core.management.base import BaseCommand\n\n\n"
        "class ImportCommand(BaseCommand):\n    def handle(self, *args, **options):\n        self.run()\n\n"
        "    def run(self):\n        pass\n\n\n"
        "def fetch_with_auth(url):\n    return requests.get(url, auth=('old', 'secret')).json()\n"
    ),
    "apps/legacy/management/__init__.py": "",
    "apps/legacy/management/commands/__init__.py": "",
    "apps/legacy/management/commands/import_people.py": (
        "import requests\nfrom legacy.utils import ImportCommand, fetch_with_auth\n\n\n"
        "class Command(ImportCommand):\n    def run(self):\n        fetch_with_auth('https://old/people')\n"
        "        return requests.get('https://old/countries').json()\n"
    ),
    "apps/ballots/__init__.py": "",
    "apps/ballots/views.py": "from django.http import HttpResponse\n\n\ndef ballot(request):\n    return HttpResponse('ok')\n",
    "urls.py": "from django.urls import path\nfrom apps.ballots import views\n\nurlpatterns = [path('ballot/', views.ballot)]\n",
}


def test_a_folder_a_program_adds_by_its_django_setting_resolves_the_imports_below_it() -> None:
    """deep-server (n43w X039-X041): `manage.py` adds `settings.APPS_DIR`, which the settings module works out from
    `__file__`; `from legacy.utils import ImportCommand` then names the project's command base, so the subclass's `run`
    and the helper only such commands call are a one-off import's, not the service's."""
    assert _lines(_BY_SETTING) == []


def test_a_view_that_calls_the_helper_through_the_setting_folder_keeps_it() -> None:
    view = "from django.http import JsonResponse\nfrom legacy.utils import fetch_with_auth\n\n\n" \
           "def ballot(request):\n    return JsonResponse(fetch_with_auth(request.GET['url']))\n"
    assert _lines({**_BY_SETTING, "apps/ballots/views.py": view}) == [("apps/legacy/utils.py", 14)]


@pytest.mark.parametrize("settings", [
    _SETTINGS_BY_NAME.replace("INSTALLED_APPS = ['apps.legacy', 'apps.ballots']\n", ""),  # no Django settings module
    _SETTINGS_BY_NAME.replace("APPS_DIR", "APPS_ROOT"),  # another setting than the one the program adds
    _SETTINGS_BY_NAME.replace("os.path.join(BASE_DIR, 'apps')", "os.environ['APPS_DIR']"),  # a folder not known
])
def test_a_setting_folder_not_worked_out_resolves_nothing(settings: str) -> None:
    """Unresolved, the subclass is no known command and its `run` may be request code, the helper it calls too: reported."""
    assert _lines({**_BY_SETTING, "site_conf/settings.py": settings}) == [
        ("apps/legacy/management/commands/import_people.py", 8), ("apps/legacy/utils.py", 14)]


def test_a_task_a_view_imports_through_the_setting_folder_keeps_the_helper_it_calls() -> None:
    """deep-server (n43w X042-X045): a view imports `from ballots.tasks import push` and the task calls
    `from ballots.client import post`; with the folder known, both modules run in the service: reported."""
    view = "from django.http import HttpResponse\nfrom ballots.tasks import push\n\n\n" \
           "def ballot(request):\n    push.delay(request.GET['url'])\n    return HttpResponse('ok')\n"
    task = "from celery import shared_task\nfrom ballots.client import post\n\n\n@shared_task\ndef push(url):\n    return post(url)\n"
    client = "import requests\n\n\ndef post(url):\n    return requests.post(url, json={}).json()\n"
    files = {**_BY_SETTING, "apps/ballots/views.py": view, "apps/ballots/tasks.py": task, "apps/ballots/client.py": client}
    assert _lines(files) == [("apps/ballots/client.py", 5)]


_APPENDED = {
    "portal/__init__.py": "",
    "portal/conf/__init__.py": "",
    "portal/conf/base.py": (
        "from os.path import abspath, dirname\nfrom sys import path\n\n"
        "PROJECT_DIR = dirname(dirname(abspath(__file__)))\npath.append(PROJECT_DIR)\n\ntask_time_limit = 120\n"
    ),
    "portal/celery.py": "from celery import Celery\n\nworkers = Celery('portal')\nworkers.config_from_object('portal.conf.base')\n",
    "portal/tasks.py": "from celery import shared_task\nfrom portal import feeds\n\n\n@shared_task\ndef pull():\n    return feeds.pull()\n",
    "portal/feeds.py": "import requests\n\n\ndef pull():\n    return requests.get('https://feeds/latest').json()\n",
    "portal/views.py": "from django.http import JsonResponse\nfrom portal.tasks import pull\n\n\ndef refresh(request):\n    return JsonResponse({'id': pull.delay().id})\n",
    "portal/urls.py": "from django.urls import path\nfrom portal import views\n\nurlpatterns = [path('refresh/', views.refresh)]\n",
}


def test_a_module_named_after_the_library_it_imports_does_not_shadow_it() -> None:
    """model-my-watershed: the settings append the project folder to sys.path, where Django's `celery.py` imports
    `from celery import Celery`. The library comes first on sys.path, so `from celery import shared_task` is
    Celery's: `pull` is a task, bounded by the app's 120 s. A `celery.py` of the folder that does not import the library
    answers the name: its own `shared_task` makes no Celery task."""
    assert all_scope_lines(_APPENDED) == []
    own = "def shared_task(function):\n    return function\n"
    assert all_scope_lines({**_APPENDED, "portal/celery.py": own}) == [("portal/feeds.py", 5)]


_SRC_PACKAGE = {
    "manage.py": (
        "import os\nimport sys\nSCRIPT_PATH = os.path.realpath(__file__)\nSCRIPT_DIR = os.path.abspath(os.path.join(SCRIPT_PATH, os.pardir))\n"
        "sys.path.append(os.path.join(SCRIPT_DIR, 'src'))\n\nimport portal.manage as inner_manage\ninner_manage.main()\n"
    ),
    "src/__init__.py": "",
    "src/portal/__init__.py": "",
    "src/portal/manage.py": (
        "import os\nimport sys\n\n\ndef main():\n    os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'\n"
        "    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n"
    ),
    "src/portal/settings.py": "INSTALLED_APPS = ['portal']\nROOT_URLCONF = 'portal.urls'\n",
    "src/portal/urls.py": "from django.urls import path\nfrom portal import views\n\nurlpatterns = [path('count/', views.count)]\n",
    "src/portal/views.py": (
        "from django.http import JsonResponse\nfrom portal.search.es_util import es_util\n\n\n"
        "def count(request):\n    return JsonResponse({'count': es_util.count(request.GET['index'])})\n"
    ),
    "src/portal/search/__init__.py": "",
    "src/portal/search/es_util.py": (
        "import requests\n\n\nclass ESUtil:\n    def count(self, index):\n"
        "        return requests.get(f'http://es:9200/{index}/_count').json()['count']\n\n\nes_util = ESUtil()\n"
    ),
    "src/portal/search/aliases.py": (
        "import requests\n\n\ndef create_alias(index, alias):\n"
        "    return requests.post('http://es:9200/_aliases', json={'add': {'index': index, 'alias': alias}})\n"
    ),
    "src/portal/search/loader.py": (
        "import argparse\nfrom portal.search.aliases import create_alias\nfrom portal.search.es_util import es_util\n\n\n"
        "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('index')\n    args = parser.parse_args()\n"
        "    print(es_util.count(args.index))\n    create_alias(args.index, 'current')\n\n\nif __name__ == '__main__':\n    main()\n"
    ),
}


def test_a_package_folder_a_root_manage_py_adds_by_os_pardir_resolves_its_imports() -> None:
    """GLaDOS (n66 TC004-TC007): `src/` holds an `__init__.py`, so its modules are indexed as `src.glados...`, and the root
    `manage.py` puts `src` on sys.path by `os.path.join(os.path.realpath(__file__), os.pardir)`, so the code imports
    `glados.es.ws2es...`. Resolved, the alias helper only the hand-run loader's `__main__` calls is left out; the
    client method the view calls stays reported. Without the edit nothing resolves, and the helper is kept."""
    assert _lines(_SRC_PACKAGE) == [("src/portal/search/es_util.py", 6)]
    unknown = _SRC_PACKAGE["manage.py"].replace("os.path.join(SCRIPT_DIR, 'src')", "os.environ['PORTAL_SRC']")
    assert _lines({**_SRC_PACKAGE, "manage.py": unknown}) == [("src/portal/search/aliases.py", 5), ("src/portal/search/es_util.py", 6)]
