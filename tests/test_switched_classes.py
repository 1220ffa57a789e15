"""PRR501 and classes built only under a switch that is off in another module (project/switched_classes.py): the
search client is built only `if os.environ.get("SEARCH_AUTO") == "1"` in the controller that imports it, and its
methods run only through the attribute that holds it. They are not reported while no deployment file sets the
variable, and are when one does, when the class is built outside the switch, named in a third module, subclassed,
listed in a registry, imported under another name or named by a program the index does not hold; what tests build
or patch keeps nothing on."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_SEARCH = (
    "import requests\n\n\n"
    "class SearchManager:\n"
    "    def __init__(self, config):\n        self.url = config['solr_url']\n\n"
    "    def query(self, text):\n        return requests.get(self.url, params={'q': text}).json()\n"
)
_CONTROLLER = (
    "import os\n\nfrom flask import Flask\n\nfrom svc.search import SearchManager\n\n"
    "app = Flask(__name__)\n\n\n"
    "class MainController:\n"
    "    def __init__(self, config):\n"
    "        if os.environ.get('SEARCH_AUTO') == '1':\n            self.search_mgr = SearchManager(config)\n"
    "        else:\n            self.search_mgr = None\n\n"
    "    def search(self, text):\n        if self.search_mgr:\n            return self.search_mgr.query(text)\n        return []\n\n\n"
    "controller = MainController({'solr_url': 'http://solr:8983/solr'})\n\n\n"
    "@app.route('/search')\ndef search():\n    return {'hits': controller.search('x')}\n"
)
_DOCKERFILE = "FROM python:3.12\nCOPY . /app\nCMD [\"gunicorn\", \"svc.controller:app\"]\n"
_REPORTED = [("svc/search.py", 9)]


def _check(tmp_path: Path, extra: dict = None, shipped: dict = None, controller: str = _CONTROLLER) -> list:
    files = {"svc/__init__.py": "", "svc/search.py": _SEARCH, "svc/controller.py": controller, **(extra or {})}
    return shipped_findings(tmp_path, files, shipped if shipped is not None else {"Dockerfile": _DOCKERFILE})


def test_a_class_another_module_builds_only_under_a_switch_left_off_is_not_reported(tmp_path: Path) -> None:
    assert _check(tmp_path) == []


def test_what_tests_build_or_patch_keeps_nothing_on(tmp_path: Path) -> None:
    test = ("from svc import search\nfrom svc.search import SearchManager\n\n\n"
            "def test_query():\n    search.SearchManager = object\n    assert SearchManager({'solr_url': 'http://x'}).url\n")
    assert _check(tmp_path, {"tests/test_search.py": test}) == []


def test_a_deployment_file_that_turns_the_switch_on_keeps_it(tmp_path: Path) -> None:
    assert _check(tmp_path, shipped={"Dockerfile": _DOCKERFILE + "ENV SEARCH_AUTO 1\n"}) == _REPORTED


def test_a_construction_outside_the_switch_keeps_it(tmp_path: Path) -> None:
    worker = "from svc.search import SearchManager\n\n\ndef reindex(config):\n    return SearchManager(config).query('*')\n"
    assert _check(tmp_path, {"svc/worker.py": worker}) == _REPORTED


def test_a_name_use_in_a_third_module_keeps_it(tmp_path: Path) -> None:
    checks = "from svc.search import SearchManager\n\n\ndef is_search(obj):\n    return isinstance(obj, SearchManager)\n"
    assert _check(tmp_path, {"svc/checks.py": checks}) == _REPORTED


def test_a_subclass_keeps_it(tmp_path: Path) -> None:
    sub = "from svc.search import SearchManager\n\n\nclass CachedSearch(SearchManager):\n    pass\n"
    assert _check(tmp_path, {"svc/cached.py": sub}) == _REPORTED


def test_a_factory_registry_keeps_it(tmp_path: Path) -> None:
    registry = "from svc.search import SearchManager\n\nBACKENDS = {'solr': SearchManager}\n"
    assert _check(tmp_path, {"svc/backends.py": registry}) == _REPORTED


def test_an_alias_or_a_star_import_keeps_it(tmp_path: Path) -> None:
    # the class's own name as often as an import and a construction would give it: the alias's uses are not counted
    aliased = _CONTROLLER.replace("import SearchManager\n", "import SearchManager as Search\n\nBACKENDS = {'solr': Search}\n") \
        .replace("SearchManager(config)", "Search(config)").replace("self.search_mgr = None", "self.search_mgr = print('SearchManager off')")
    assert _check(tmp_path / "alias", controller=aliased) == _REPORTED
    assert _check(tmp_path / "star", {"svc/api.py": "from svc.search import *\n"}) == _REPORTED


def test_a_program_the_index_does_not_hold_that_names_it_keeps_it(tmp_path: Path) -> None:
    program = "#!/usr/bin/env python\nfrom svc.search import SearchManager\n\nSearchManager({'solr_url': 'http://x'}).query('*')\n"
    (tmp_path / "bin").mkdir(parents=True)
    (tmp_path / "bin" / "reindex").write_text(program)
    assert _check(tmp_path) == _REPORTED


def test_a_call_of_what_a_computed_name_looks_up_on_its_module_keeps_it(tmp_path: Path) -> None:
    loader = "from svc import search\n\n\ndef backend(kind, config):\n    return getattr(search, kind)(config)\n"
    assert _check(tmp_path, {"svc/loader.py": loader}) == _REPORTED
