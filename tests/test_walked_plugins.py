"""Plug-in modules a worker loads by walking their folder: the walk's own guard decides which run
(yeti's Celery worker skips `plugins/analytics/deprecated/*.py`: `"deprecated" not in info.name`)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

TASKS = (
    "REGISTRY = {}\n\nclass FeedTask:\n    def run(self):\n        raise NotImplementedError\n\n"
    "def register(cls):\n    REGISTRY[cls.__name__] = cls\n"
)
WEB = (
    "from flask import Flask\nfrom svc.tasks import REGISTRY\n\napp = Flask(__name__)\n\n"
    "@app.post('/run/<name>')\ndef run_feed(name):\n    return REGISTRY[name]().run()\n"
)
WORKER = (
    "import importlib\nimport pathlib\nimport pkgutil\n\nfrom celery import Celery\n\n"
    "def plugin_names():\n    names = set()\n    folder = pathlib.Path('plugins')\n"
    "    for info in pkgutil.walk_packages([str(folder.absolute())], prefix={prefix}):\n{guard}"
    "    return names\n\napp = Celery('tasks', imports=plugin_names())\n"
)
# The guard around the import, as yeti writes it, and as a `continue` before it.
AROUND = (
    "        if not info.ispkg and 'retired' not in info.name:\n"
    "            importlib.import_module(info.name)\n            names.add(info.name)\n"
)
SKIP = (
    "        if info.ispkg or info.name.startswith('plugins.feeds.retired'):\n            continue\n"
    "        importlib.import_module(info.name)\n        names.add(info.name)\n"
)
FEED = (
    "import requests\nfrom svc.tasks import FeedTask, register\n\nclass {name}(FeedTask):\n    def run(self):\n"
    "        return requests.get('https://{name}.example/feed').json()\n\nregister({name})\n"
)


def _project(guard: str = AROUND, prefix: str = "'plugins.'", **extra: str) -> Dict[str, str]:
    files = {
        "svc/__init__.py": "", "svc/tasks.py": TASKS, "svc/web.py": WEB,
        "svc/worker.py": WORKER.format(prefix=prefix, guard=guard),
        "plugins/__init__.py": "", "plugins/feeds/__init__.py": "", "plugins/feeds/retired/__init__.py": "",
        "plugins/feeds/current.py": FEED.format(name="Current"),
        "plugins/feeds/retired/old.py": FEED.format(name="Old"),
    }
    files.update(extra)
    return files


def _found(tmp_path: Path, files: Dict[str, str]) -> List[str]:
    return sorted(f.path for f in run_on_disk(tmp_path, files, whole_project=True).findings)


def test_a_plug_in_the_walk_guard_rejects_is_not_the_service(tmp_path: Path) -> None:
    """Nothing imports the retired feed and the worker's walk skips its name: it never runs. The
    current feed, which the walk imports, stays reported."""
    assert _found(tmp_path, _project()) == ["plugins/feeds/current.py"]


def test_a_guard_that_skips_by_continue_or_a_computed_prefix_counts_too(tmp_path: Path) -> None:
    """`if info.ispkg or info.name.startswith(...): continue` before the import; and a walk whose
    prefix is computed (`f"{folder.name}."`), covering the folder of the plug-ins it does load."""
    assert _found(tmp_path / "skip", _project(guard=SKIP)) == ["plugins/feeds/current.py"]
    assert _found(tmp_path / "computed", _project(prefix="f'{folder.name}.'")) == ["plugins/feeds/current.py"]


def test_a_plug_in_the_walk_admits_or_something_else_imports_stays(tmp_path: Path) -> None:
    """The guard admits its name; a service module imports it; another loader imports any module by
    a computed name; a walk with no guard: each may run the retired feed."""
    both = ["plugins/feeds/current.py", "plugins/feeds/retired/old.py"]
    admitting = AROUND.replace("'retired'", "'deprecated'")
    assert _found(tmp_path / "admits", _project(guard=admitting)) == both
    web = WEB.replace("from svc.tasks", "import plugins.feeds.retired.old\nfrom svc.tasks")
    assert _found(tmp_path / "imported", _project(**{"svc/web.py": web})) == both
    loader = "import importlib\n\ndef load(name):\n    return importlib.import_module(name)\n"
    web = WEB.replace("from svc.tasks", "from svc.loader import load\nfrom svc.tasks") + "\nload('x')\n"
    assert _found(tmp_path / "loader", _project(**{"svc/loader.py": loader, "svc/web.py": web})) == both
    unguarded = "        importlib.import_module(info.name)\n        names.add(info.name)\n"
    assert _found(tmp_path / "unguarded", _project(guard=unguarded)) == both


def test_a_walk_with_a_literal_prefix_leaves_modules_outside_it_alone(tmp_path: Path) -> None:
    """A module outside the walked prefix that nothing imports is loaded some other way (a path a
    deployment names): the walk's guard says nothing about it."""
    files = _project(guard=AROUND.replace("'retired'", "'old'"), **{"svc/old_sync.py": FEED.format(name="Sync")})
    assert _found(tmp_path, files) == ["plugins/feeds/current.py", "svc/old_sync.py"]


def test_a_walk_that_builds_the_name_loads_only_what_the_name_spells(tmp_path: Path) -> None:
    """`import_module(f"{package}.private.{modname}")` over `pkgutil.iter_modules(pkg.__path__)`
    loads only modules under a `private` package: it may not load the retired feed, but it may
    load a retired feed there."""
    loader = (
        "import importlib\nimport pkgutil\n\ndef load_private(package):\n    pkg = importlib.import_module(f'{package}.private')\n"
        "    for _, modname, _ in pkgutil.iter_modules(pkg.__path__):\n        full_name = f'{package}.private.{modname}'\n"
        "        importlib.import_module(full_name)\n"
    )
    web = WEB.replace("from svc.tasks", "from svc.loader import load_private\nfrom svc.tasks") + "\nload_private('svc')\n"
    files = _project(**{"svc/loader.py": loader, "svc/web.py": web})
    assert _found(tmp_path / "elsewhere", files) == ["plugins/feeds/current.py"]
    files.update({"plugins/feeds/retired/private/__init__.py": "", "plugins/feeds/retired/private/old.py": FEED.format(name="Private")})
    assert _found(tmp_path / "private", files) == ["plugins/feeds/current.py", "plugins/feeds/retired/private/old.py"]
