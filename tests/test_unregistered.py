"""PRR501 and the `serving` scope: classes nothing runs (project/unregistered.py). A plug-in class
left out of the registry its siblings are handed to, read only for a class attribute, never runs; a
registered one, one a decorator or `__init_subclass__` registers, one a string names, stays."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

BASE = (
    "import dataclasses\n\n@dataclasses.dataclass\nclass Source:\n    name = ''\n\n"
    "    def rows(self):\n        raise NotImplementedError\n"
)
FEEDS = (
    "import requests\nfrom svc.base import Source\nfrom svc.util import fetch_csv\n\n"
    "class CurrentFeed(Source):\n    name = 'current'\n\n    def rows(self):\n        return requests.get('https://current').json()\n\n"
    "class RetiredFeed(Source):\n    name = 'retired'\n\n    def rows(self):\n        return requests.get('https://retired').json()\n\n"
    "    def more(self):\n        return fetch_csv('https://retired.csv')\n"
)
UTIL = "import urllib.request\n\ndef fetch_csv(url):\n    return urllib.request.urlopen(url).read()\n"
REGISTRY = "from svc.feeds import CurrentFeed\n\nSOURCES = {cls.name: cls for cls in [CurrentFeed]}\n"
VIEWS = (
    "from flask import Flask\nfrom svc.registry import SOURCES\nfrom svc.feeds import RetiredFeed\n\napp = Flask(__name__)\n\n"
    "@app.post('/import/<name>')\ndef run_import(name):\n    return list(SOURCES[name]().rows())\n\n"
    "@app.get('/retired')\ndef retired():\n    return {'name': RetiredFeed.name}\n"
)
# An improver that is itself registered nowhere hands the retired feed over only to its own code.
IMPROVER = (
    "from svc.base import Source\nfrom svc.feeds import RetiredFeed\n\n"
    "class RetiredImprover:\n    source = RetiredFeed\n\n    def improve(self):\n        return self.source().rows()\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",)).findings)


def _project(**extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/base.py": BASE, "svc/feeds.py": FEEDS, "svc/util.py": UTIL,
             "svc/registry.py": REGISTRY, "svc/views.py": VIEWS, "svc/improvers.py": IMPROVER}
    files.update(extra)
    return files


def test_a_class_left_out_of_the_registry_and_only_read_is_not_the_service(tmp_path: Path) -> None:
    """The retired feed: imported, read for `name`, handed to an unregistered improver; its helper
    in another module, which only it calls, goes with it. The registered feed stays reported."""
    assert _found(tmp_path, _project()) == [("svc/feeds.py", 9)]


def test_a_class_handed_over_or_built_runs(tmp_path: Path) -> None:
    registry = "from svc.feeds import CurrentFeed, RetiredFeed\n\nSOURCES = {cls.name: cls for cls in [CurrentFeed, RetiredFeed]}\n"
    assert _found(tmp_path, _project(**{"svc/registry.py": registry})) == [
        ("svc/feeds.py", 9), ("svc/feeds.py", 15), ("svc/util.py", 4)]
    views = VIEWS + "\n@app.get('/more')\ndef more():\n    return RetiredFeed().more()\n"
    assert _found(tmp_path, _project(**{"svc/views.py": views})) == [
        ("svc/feeds.py", 9), ("svc/feeds.py", 15), ("svc/util.py", 4)]


def test_a_registered_improver_runs_the_class_it_names(tmp_path: Path) -> None:
    registry = REGISTRY + "from svc.improvers import RetiredImprover\n\nIMPROVERS = [RetiredImprover]\n"
    assert _found(tmp_path, _project(**{"svc/registry.py": registry})) == [
        ("svc/feeds.py", 9), ("svc/feeds.py", 15), ("svc/util.py", 4)]


def test_a_class_registered_without_its_name_stays(tmp_path: Path) -> None:
    """A base's `__init_subclass__`, a dotted path in a string (a settings entry), or an attribute
    of a module loaded by a computed name (alerta's `load_backend(name).Backend`) may run it."""
    hooked = BASE + "\n    def __init_subclass__(cls, **kw):\n        REGISTERED.append(cls)\n\nREGISTERED = []\n"
    assert ("svc/feeds.py", 15) in _found(tmp_path, _project(**{"svc/base.py": hooked}))
    settings = "PLUGINS = ['svc.feeds.RetiredFeed']\n"
    assert ("svc/feeds.py", 15) in _found(tmp_path, _project(**{"svc/settings.py": settings}))
    (tmp_path / "svc/settings.py").unlink()
    loader = "import importlib\n\ndef load(name):\n    return importlib.import_module(name).RetiredFeed()\n"
    assert ("svc/feeds.py", 15) in _found(tmp_path, _project(**{"svc/loader.py": loader}))


def test_a_class_loaded_by_a_computed_dotted_path_may_be_named_by_the_operator(tmp_path: Path) -> None:
    """Plug-ins an operator lists in settings the repository does not ship (`FEED_PLUGINS = []` by
    default, loaded with `import_string`): any class may be one, so none is picked as never run."""
    plugins = ("from django.utils.module_loading import import_string\n\nFEED_PLUGINS = []\n\n"
               "def plugins():\n    return [import_string(path)() for path in FEED_PLUGINS]\n")
    assert ("svc/feeds.py", 15) in _found(tmp_path, _project(**{"svc/plugins.py": plugins}))


EXTERNAL_FEEDS = FEEDS.replace("from svc.base import Source", "from pipes import Pipeline as Source")


def test_a_class_with_an_external_base_needs_a_registry_of_its_kind(tmp_path: Path) -> None:
    """A framework may find subclasses of its own base: an unnamed one is left out only when the
    project hands siblings of that base over itself (a registry)."""
    files = _project(**{"svc/feeds.py": EXTERNAL_FEEDS})
    assert _found(tmp_path, files) == [("svc/feeds.py", 9)]
    unregistered = _project(**{"svc/feeds.py": EXTERNAL_FEEDS, "svc/registry.py": "SOURCES = {}\n"})
    assert _found(tmp_path, unregistered) == [("svc/feeds.py", 9), ("svc/feeds.py", 15), ("svc/util.py", 4)]
