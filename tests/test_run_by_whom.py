"""Which code the deployed service runs, decided by how it runs: Python compiled for the browser, a
settings loader naming plug-in modules by their end, helpers only commands call, a tool's sibling
import, and what the service runs through signals, start-up hooks and the instances it builds."""

from __future__ import annotations

from typing import Dict, List, Tuple

from _serving import run

DJANGO_VIEWS = (
    "from django.http import HttpResponse\nfrom svc import handler\n\n"
    "def index(request):\n    handler.answer()\n    return HttpResponse('ok')\n"
)
URLS = "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('', views.index)]\n"
HANDLER = "def answer():\n    print('answering')\n\ndef list_keys():\n    for key in ('a', 'b'):\n        print(key)\n"
COMMAND = (
    "from django.core.management.base import BaseCommand\nfrom svc import handler\n\n"
    "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        handler.list_keys()\n"
)


def _found(files: Dict[str, str], select: Tuple[str, ...] = ("PRR401",)) -> List[Tuple[str, str, int]]:
    found = run(files, select=select, whole_project=True).findings
    return sorted((f.rule, f.path, f.span.line) for f in found)


def _django(**extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/views.py": DJANGO_VIEWS, "svc/urls.py": URLS, "svc/handler.py": HANDLER,
             "svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
             "svc/management/commands/list_keys.py": COMMAND}
    files.update({path.replace("__", "/") + ".py": source for path, source in extra.items()})
    return files


def test_a_helper_only_a_management_command_calls_prints_to_its_operator() -> None:
    """`list_keys` prints a table for whoever typed `manage.py list_keys`; `answer` runs per request."""
    assert _found(_django()) == [("PRR401", "svc/handler.py", 2)]


def test_a_helper_a_request_also_runs_keeps_its_output() -> None:
    views = DJANGO_VIEWS.replace("    handler.answer()\n", "    handler.answer()\n    handler.list_keys()\n")
    assert ("PRR401", "svc/handler.py", 6) in _found(_django(svc__views=views))


BROWSER = (
    "from pscript import this_is_js\nfrom pscript.stubs import window, console\n\n"
    "def load():\n    try:\n        window.fetch('/api/items')\n    except Exception as err:\n        print(err)\n"
)
COMPILER = (
    "import os\n\nimport pscript\n\n"
    "def compile_dir(dirname):\n    assets = {}\n    for fname in os.listdir(dirname):\n"
    "        assets[fname] = pscript.py2js(open(os.path.join(dirname, fname)).read())\n    return assets\n"
)


def test_python_compiled_for_the_browser_is_no_service_code() -> None:
    """The server hands the module's source to PScript: its print is the browser's console.log and its
    `except` handles the user's network, for every rule."""
    views = DJANGO_VIEWS + "\nfrom svc import assets\nASSETS = assets.compile_dir('app')\n"
    files = _django(svc__views=views, svc__assets=COMPILER, svc__app__stores=BROWSER)
    files["svc/app/__init__.py"] = ""
    files["tests/test_stores.py"] = "import pytest\nfrom svc.app import stores\n\ndef test_load():\n    stores.load()\n"
    assert _found(files, ("PRR101", "PRR401")) == [("PRR401", "svc/handler.py", 2)]


def test_browser_code_the_server_also_imports_runs_in_both() -> None:
    views = DJANGO_VIEWS + "\nfrom svc.app import stores\n\ndef items(request):\n    stores.load()\n"
    files = _django(svc__views=views, svc__app__stores=BROWSER)
    files["svc/app/__init__.py"] = ""
    assert ("PRR101", "svc/app/stores.py", 7) in _found(files, ("PRR101", "PRR401"))


SETTINGS = (
    "import importlib\n\nPLUGINS = ['svc_pro']\nSTORAGE = 'django.core.files.storage.FileSystemStorage'\n\n"
    "for plugin in PLUGINS:\n    importlib.import_module(plugin + '.config.settings')\n"
)
STORAGE = (
    "from django.conf import settings\nfrom django.utils.module_loading import import_string\n\n"
    "def storage_class():\n    return import_string(settings.STORAGE)\n"
)


def test_a_module_name_with_a_literal_end_loads_the_modules_ending_so() -> None:
    """`plugin + ".config.settings"` loads the plug-ins' settings modules, not any module: the reach
    stays on (a sample printer is left out), and the loaded module's output is kept."""
    views = DJANGO_VIEWS + "\nfrom svc import settings, storage\nSTORE = storage.storage_class()\n"
    files = _django(svc__views=views, svc__settings=SETTINGS, svc__storage=STORAGE)
    files.update({"svc_pro/__init__.py": "", "svc_pro/config/__init__.py": "",
                  "svc_pro/config/settings.py": "def setup():\n    print('pro settings')\n\nsetup()\n",
                  "svc_pro/samples.py": "def echo(message):\n    print(message)\n"})
    found = _found(files)
    assert ("PRR401", "svc_pro/samples.py", 2) not in found and ("PRR401", "svc/handler.py", 6) not in found
    assert ("PRR401", "svc/handler.py", 2) in found


def test_a_setting_the_source_does_not_spell_may_name_any_module() -> None:
    storage = STORAGE.replace("settings.STORAGE", "settings.UNSPELLED_BACKEND")
    views = DJANGO_VIEWS + "\nfrom svc import storage\n\ndef s(request):\n    return storage.storage_class()\n"
    files = _django(svc__views=views, svc__storage=storage, svc__samples="def echo(message):\n    print(message)\n")
    assert ("PRR401", "svc/samples.py", 2) in _found(files)


def test_a_tool_s_sibling_import_is_not_the_service_s() -> None:
    """A changelog script beside the service imports `handler` from its own folder: the service runs
    neither."""
    tool = "#!/usr/bin/env python3\nimport typer\nfrom notes import Notes\n\napp = typer.Typer()\n\n" \
           "@app.command()\ndef add():\n    Notes().add()\n\nif __name__ == '__main__':\n    app()\n"
    notes = "class Notes:\n    def add(self):\n        print('added')\n"
    files = _django()
    files.update({"changelog/src/tool.py": tool, "changelog/src/notes.py": notes})
    assert _found(files) == [("PRR401", "svc/handler.py", 2)]


def test_what_signals_start_up_hooks_and_built_instances_run_is_the_service() -> None:
    """A `@receiver` in a module the service imports, and a job type `AppConfig.ready()` registers, whose
    overriding `before_delete` a task runs through the registry: their output is the service's."""
    registries = "class JobType:\n    def before_delete(self, job):\n        pass\n\nclass Registry:\n" \
                 "    def register(self, job_type):\n        pass\n\nregistry = Registry()\n"
    jobs = "from svc.registries import JobType\n\nclass ExportJob(JobType):\n    def before_delete(self, job):\n" \
           "        print('before delete', job)\n"
    apps = "from django.apps import AppConfig\n\nclass SvcConfig(AppConfig):\n    name = 'svc'\n\n    def ready(self):\n" \
           "        from svc.registries import registry\n        from svc.jobs import ExportJob\n" \
           "        registry.register(ExportJob())\n"
    signals = "from django.dispatch import Signal, receiver\n\nview_loaded = Signal()\n\n@receiver(view_loaded)\n" \
              "def on_view_loaded(sender, **kwargs):\n    print('loaded', sender)\n"
    views = DJANGO_VIEWS + "\nfrom svc import signals\n"
    found = _found(_django(svc__registries=registries, svc__jobs=jobs, svc__apps=apps, svc__signals=signals, svc__views=views))
    assert ("PRR401", "svc/jobs.py", 5) in found and ("PRR401", "svc/signals.py", 7) in found


def test_a_consumer_callback_only_tests_import_by_its_bare_name_is_run_by_the_deployment() -> None:
    """`fedora-messaging consume --callback=events:Loop` runs a module beside the app that nothing in
    the project imports but its tests (`from events import Loop`): what it calls stays reported."""
    events = "from svc import handler\n\nclass Loop:\n    def __call__(self, message):\n        handler.changes(message)\n"
    handler = HANDLER + "\ndef changes(message):\n    print(message)\n"
    files = _django(svc__handler=handler)
    files.update({"frontend/events.py": events,
                  "frontend/tests/test_events.py": "import pytest\nfrom events import Loop\n\ndef test_loop():\n    Loop()('m')\n"})
    assert ("PRR401", "svc/handler.py", 9) in _found(files)


APP_CONFIG = "from django.apps import AppConfig\n\nclass SvcConfig(AppConfig):\n    name = 'svc'\n"
CLIENT = "import sys\nimport urllib.request\n\n\ndef send(url):\n    return urllib.request.urlopen(url).read()\n"


# The service spells the client's word (a view of that name), as oioioi's does `submit`: no root script then.
CLIENT_VIEW = "\nfrom django.shortcuts import render\n\ndef client(request):\n    return render(request, 'svc/client.html')\n"


def _static(**extra: str) -> Dict[str, str]:
    extra.setdefault("svc__views", DJANGO_VIEWS)
    extra["svc__views"] += CLIENT_VIEW
    return _django(svc__apps=APP_CONFIG, svc__static__svc__client=CLIENT, **extra)


def test_a_client_a_django_app_serves_from_its_static_folder_is_no_service_code() -> None:
    """oioioi's submit script: the page links `{% static "svc/client.py" %}` for users to download and run."""
    assert ("PRR501", "svc/static/svc/client.py", 6) not in _found(_static(), ("PRR501",))


def test_a_static_folder_outside_a_django_app_is_kept() -> None:
    files = _django(svc__views=DJANGO_VIEWS + CLIENT_VIEW, svc__static__svc__client=CLIENT)
    assert ("PRR501", "svc/static/svc/client.py", 6) in _found(files, ("PRR501",))


def test_a_static_client_the_service_imports_runs_in_the_service() -> None:
    """Python 3 imports the folders without `__init__.py` as namespace packages."""
    views = DJANGO_VIEWS + "\nfrom svc.static.svc import client\n\ndef relay(request):\n    return client.send('http://api')\n"
    assert ("PRR501", "svc/static/svc/client.py", 6) in _found(_static(svc__views=views), ("PRR501",))


def test_a_static_client_imported_from_a_path_entry_below_static_is_kept() -> None:
    views = DJANGO_VIEWS + "\nimport sys\nsys.path.append('svc/static/svc')\nimport client\n"
    assert ("PRR501", "svc/static/svc/client.py", 6) in _found(_static(svc__views=views), ("PRR501",))


def test_a_static_client_a_test_imports_is_no_static_asset(monkeypatch) -> None:
    """Anything that imports it keeps it code (whatever else then leaves out what only tests use: dead_code.py)."""
    from prr_lint.project import scope, static_assets
    seen = []
    monkeypatch.setattr(scope, "static_assets", lambda analysis: seen.append(static_assets.static_assets(analysis)) or seen[-1])
    _found(_static(), ("PRR501",))
    _found(_static(tests__test_client="from svc.static.svc.client import send\n\ndef test_send():\n    send('x')\n"), ("PRR501",))
    assert seen[0] == {"svc.static.svc.client"} and seen[-1] == set()


def test_a_static_client_a_dotted_path_names_for_a_loader_is_kept() -> None:
    views = DJANGO_VIEWS + "\nfrom django.utils.module_loading import import_string\n\nSEND = import_string('svc.static.svc.client.send')\n"
    assert ("PRR501", "svc/static/svc/client.py", 6) in _found(_static(svc__views=views), ("PRR501",))


def test_a_static_client_a_loader_takes_by_its_bare_literal_name_is_kept() -> None:
    """A path entry below `static/` from a setting (no literal path) and `import_module("client")`: the literal name
    is a tail of the file's path below `static/`, so the loader may load it."""
    views = DJANGO_VIEWS + ("\nimport importlib\nimport sys\nfrom django.conf import settings\n\nsys.path.append(settings.CLIENT_DIR)\n\n"
                            "def relay(request):\n    return importlib.import_module('client').send('http://api')\n")
    assert ("PRR501", "svc/static/svc/client.py", 6) in _found(_static(svc__views=views), ("PRR501",))


def test_a_static_client_a_loader_takes_by_a_literal_start_below_static_is_kept() -> None:
    views = DJANGO_VIEWS + ("\nimport importlib\n\n"
                            "def relay(request, name):\n    return importlib.import_module('svc.' + name).send('http://api')\n")
    assert ("PRR501", "svc/static/svc/client.py", 6) in _found(_static(svc__views=views), ("PRR501",))


def test_a_configured_loader_may_load_by_start(monkeypatch) -> None:
    """A loader of a name computed whole that reads a key of the project's configuration (`plugins.json` spelling
    `client`) may load a module of that last name: `may_load_by_start` says so (unloaded_files.py `may_load`'s reading)."""
    from _serving import analysis_for
    from prr_lint.project.unloaded_files import Loaders, shared_loaders
    loaders = shared_loaders(analysis_for(_static()))
    assert not loaders.may_load_by_start("svc.static.svc.client")
    monkeypatch.setattr(Loaders, "_configured_words", lambda self: {"client"})
    loaders.configured = {"svc.views"}
    assert loaders.may_load_by_start("svc.static.svc.client")
