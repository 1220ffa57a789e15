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


PLUGINS = ("from django.utils.module_loading import import_string\n\nFEED_PLUGINS = []\n\n"
           "def plugins():\n    return [import_string(path)() for path in FEED_PLUGINS]\n")


def test_a_class_a_configured_loader_may_load_is_one_a_shipped_file_names(tmp_path: Path) -> None:
    """Plug-ins an operator lists in settings (`FEED_PLUGINS = []` by default, loaded with
    `import_string`): a class the documentation or a sample configuration names by its dotted path
    may be one and stays; one no shipped file names (cinder's `WsgiLimiterProxy`) is not run."""
    assert _found(tmp_path, _project(**{"svc/plugins.py": PLUGINS})) == [("svc/feeds.py", 9)]
    documented = {"svc/plugins.py": PLUGINS, "docs/plugins.md": "Set `FEED_PLUGINS = ['svc.feeds.RetiredFeed']`.\n"}
    assert ("svc/feeds.py", 15) in _found(tmp_path, _project(**documented))


def test_a_loader_of_a_path_built_on_a_package_may_load_any_class_of_it(tmp_path: Path) -> None:
    """A plug-in name from a request (`import_module("svc.feeds" + suffix)`) may pick any class of
    that package; `__subclasses__` of a parameter finds what its callers hand over, any class when
    one is unknown, only that lineage when all are known; a literal library module
    (`import_module("voyageai")`) or a method scan (`getmembers(cls, inspect.ismethod)`) finds none."""
    built = "import importlib\n\ndef load(name):\n    return importlib.import_module('svc.feeds' + name)\n"
    assert ("svc/feeds.py", 15) in _found(tmp_path, _project(**{"svc/loader.py": built}))
    (tmp_path / "svc/loader.py").unlink()
    walker = "def walk(clazz):\n    return [walk(sub) for sub in clazz.__subclasses__()]\n\ndef errors():\n    return walk(find())\n"
    assert ("svc/feeds.py", 15) in _found(tmp_path, _project(**{"svc/loader.py": walker}))
    known = walker.replace("walk(find())", "walk(ValueError)")  # cinder's walk_class_hierarchy(webob.exc.HTTPError)
    assert _found(tmp_path, _project(**{"svc/loader.py": known})) == [("svc/feeds.py", 9)]
    (tmp_path / "svc/loader.py").unlink()
    library = ("import importlib\nimport inspect\n\ndef client():\n    return importlib.import_module('voyageai')\n\n"
               "def methods(cls):\n    return inspect.getmembers(cls, inspect.ismethod)\n")
    assert _found(tmp_path, _project(**{"svc/loader.py": library})) == [("svc/feeds.py", 9)]


def test_a_name_in_all_exports_a_class_and_loads_none(tmp_path: Path) -> None:
    """A package's `__all__` names its library classes (kotaemon's `EndpointEmbeddings`); a dotted
    path of another class of that name (`tavily_web_search.WebSearch`) is not this one."""
    package = "from svc.feeds import CurrentFeed, RetiredFeed\n\n__all__ = ['CurrentFeed', 'RetiredFeed']\n"
    assert _found(tmp_path, _project(**{"svc/__init__.py": package})) == [("svc/feeds.py", 9)]
    other = "class RetiredFeed:\n    pass\n"
    settings = "FEED = 'svc.other.RetiredFeed'\n"
    assert _found(tmp_path, _project(**{"svc/other.py": other, "svc/settings.py": settings})) == [("svc/feeds.py", 9)]


EXTERNAL_FEEDS = FEEDS.replace("from svc.base import Source", "from pipes import Pipeline as Source")


def test_a_class_with_an_external_base_needs_a_registry_of_its_kind(tmp_path: Path) -> None:
    """A framework may find subclasses of its own base: an unnamed one is left out only when the
    project hands siblings of that base over itself (a registry)."""
    files = _project(**{"svc/feeds.py": EXTERNAL_FEEDS})
    assert _found(tmp_path, files) == [("svc/feeds.py", 9)]
    unregistered = _project(**{"svc/feeds.py": EXTERNAL_FEEDS, "svc/registry.py": "SOURCES = {}\n"})
    assert _found(tmp_path, unregistered) == [("svc/feeds.py", 9), ("svc/feeds.py", 15), ("svc/util.py", 4)]


def test_a_project_that_builds_a_kind_itself_registers_it(tmp_path: Path) -> None:
    """Building a sibling (`DEFAULT = CurrentFeed()`, kotaemon's default readers) shows the project
    wires that base's classes itself: a reader only an unused ingestor builds is not run."""
    built = "from svc.feeds import CurrentFeed\n\nDEFAULT = CurrentFeed()\nSOURCES = {'current': DEFAULT}\n"
    files = _project(**{"svc/feeds.py": EXTERNAL_FEEDS, "svc/registry.py": built})
    assert _found(tmp_path, files) == [("svc/feeds.py", 9)]


ABSTRACT_BASE = ("import abc\n\nimport six\n\n\n@six.add_metaclass(abc.ABCMeta)\nclass Source:\n    name = ''\n\n"
                 "    @abc.abstractmethod\n    def rows(self):\n        raise NotImplementedError\n")


def test_a_plugin_a_changelog_names_but_no_shipped_file_configures_is_not_run(tmp_path: Path) -> None:
    """TACC Core-Portal's `MFAStep` (k35): a step class an operator would list by its dotted path, on an
    abstract base made with `six.add_metaclass(ABCMeta)` (which registers nothing); a changelog's
    "remove RetiredFeed" tells no operator to configure it. A base whose metaclass is the project's
    own may register its subclasses, and those stay."""
    changelog = {"svc/base.py": ABSTRACT_BASE, "svc/plugins.py": PLUGINS, "CHANGES.md": "- Remove RetiredFeed from the defaults.\n"}
    assert _found(tmp_path / "abc", _project(**changelog)) == [("svc/feeds.py", 9)]
    registering = ABSTRACT_BASE.replace("abc.ABCMeta)", "Registry)").replace(
        "import six\n", "import six\n\n\nclass Registry(type):\n    known = []\n\n"
        "    def __init__(cls, *args):\n        Registry.known.append(cls)\n")
    assert ("svc/feeds.py", 15) in _found(tmp_path / "meta", _project(**{**changelog, "svc/base.py": registering}))


def test_a_member_scan_that_keeps_no_class_and_another_objects_getmembers_find_none(tmp_path: Path) -> None:
    """chroma's `tar.getmembers()` (a tarfile's members) and `inspect.getmembers(cls)` whose loop keeps only
    coroutine functions find no class, so a configured loader's unnamed plug-in is still not run; an
    unfiltered `inspect.getmembers(module)` may find any class."""
    scans = ("import inspect\nimport tarfile\n\n\ndef names(path):\n    with tarfile.open(path) as tar:\n"
             "        return [m.name for m in tar.getmembers()]\n\n\ndef wrap(cls):\n"
             "    for name, value in inspect.getmembers(cls):\n        if callable(value) and inspect.iscoroutinefunction(value):\n"
             "            setattr(cls, name, value)\n\n\ndef methods(cls):\n    found = []\n"
             "    for name, member in inspect.getmembers(cls):\n        if not (inspect.isfunction(member) or inspect.ismethod(member)):\n"
             "            continue\n        found.append(name)\n    return found\n")
    files = {"svc/plugins.py": PLUGINS, "svc/scans.py": scans}
    assert _found(tmp_path / "filtered", _project(**files)) == [("svc/feeds.py", 9)]
    anything = scans + "\n\ndef classes(module):\n    return [value for name, value in inspect.getmembers(module)]\n"
    assert ("svc/feeds.py", 15) in _found(tmp_path / "any", _project(**{**files, "svc/scans.py": anything}))
