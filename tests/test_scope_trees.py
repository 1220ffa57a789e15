"""The `serving` scope on trees that are not the service's own code, found by behaviour: test suites
under any folder name (their base classes, their runner) and vendored third-party packages that a
start script puts on `sys.path`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import run, settings_with

VIEWS = (
    "from flask import Flask\nfrom svc import helpers\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return helpers.answer()\n"
)
HELPERS = "def answer():\n    print('answering')\n    return 'ok'\n"
SERVICE = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS}


def _prints(files: Dict[str, str], root: Optional[Path] = None) -> List[Tuple[str, int]]:
    if root is not None:
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
    settings = replace(settings_with(), root=root) if root is not None else None
    return sorted((f.path, f.span.line) for f in run(files, select=("PRR401",), settings=settings).findings)


SUITE = {
    "regression/__init__.py": "",
    "regression/utils/__init__.py": "",
    "regression/utils/base.py": "import unittest\n\nclass BaseFeatureTest(unittest.TestCase):\n    pass\n",
    "regression/utils/page.py": "class Page:\n    def click(self):\n        print('clicking')\n",
    "regression/features/__init__.py": "",
    "regression/features/checks.py": (
        "from regression.utils.base import BaseFeatureTest\nfrom regression.utils.page import Page\n\n"
        "class CheckView(BaseFeatureTest):\n    def runTest(self):\n        print('checking')\n        Page().click()\n"
    ),
    "regression/runtests.py": (
        "import unittest\nfrom regression.features import checks\n\ndef main():\n    print('running')\n"
        "    unittest.TextTestRunner().run(unittest.TestSuite([checks.CheckView()]))\n\n"
        "if __name__ == '__main__':\n    main()\n"
    ),
}


def test_a_suite_under_any_folder_name_is_test_code_by_its_base_classes_and_runner() -> None:
    """pgadmin's `web/regression/`: feature tests derive from the suite's own base class, a page
    object only they import, and a runner script that hands them to `unittest.TextTestRunner`."""
    assert _prints({**SERVICE, **SUITE}) == [("svc/helpers.py", 2)]


def test_a_service_class_beside_a_test_base_keeps_its_module_the_services() -> None:
    files = {**SERVICE, "svc/testing_aid.py": (
        "import unittest\nfrom svc.helpers import answer\n\nclass Base(unittest.TestCase):\n    pass\n\n"
        "class Report:\n    def show(self):\n        print('report')\n")}
    files["svc/views.py"] = VIEWS.replace("from svc import helpers", "from svc import helpers\nfrom svc.testing_aid import Report")
    found = _prints(files)
    assert ("svc/helpers.py", 2) in found


START = "import os\nimport sys\n\nsys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lib'))\n\nimport svc.views\n"
VENDORED = {
    "lib/chirp/__init__.py": "def log(message):\n    print(message)\n",
    "lib/chirp/core.py": "from chirp import log\n\ndef go():\n    print('going')\n",
    "lib/six.py": "def say():\n    print('six')\n",
}


def test_packages_in_a_folder_the_start_script_puts_on_sys_path_are_vendored(tmp_path: Path) -> None:
    """Tautulli's `Tautulli.py` inserts `lib/` into `sys.path`: cherrypy, requests ... copies there
    are other projects' code, imported by their own names."""
    files = {**SERVICE, "start.py": START, **VENDORED}
    assert _prints(files, tmp_path) == [("svc/helpers.py", 2)]


def test_a_lib_folder_nothing_puts_on_sys_path_is_not_vendored_by_its_name(tmp_path: Path) -> None:
    files = {**SERVICE, "start.py": START.replace("sys.path.insert", "print"), **VENDORED}
    found = _prints(files, tmp_path)
    assert ("lib/chirp/__init__.py", 2) in found


def test_a_package_on_the_path_that_imports_the_services_code_is_the_services(tmp_path: Path) -> None:
    files = {**SERVICE, "start.py": START, **VENDORED, "lib/mine/__init__.py": "from svc import helpers\n\ndef run():\n    print('mine')\n"}
    files["svc/views.py"] = VIEWS.replace("return helpers.answer()", "mine.run()\n    return helpers.answer()").replace(
        "from svc import helpers", "from svc import helpers\nimport mine")
    found = _prints(files, tmp_path)
    assert ("lib/mine/__init__.py", 4) in found and ("lib/chirp/__init__.py", 2) not in found


QA = {
    "qa/__main__.py": (
        "import argparse\nimport importlib.util\nimport os\nimport sys\n\nsys.path.insert(0, os.path.dirname(__file__))\n"
        "from utils import Scenario\n\ndef load(path):\n    spec = importlib.util.spec_from_file_location('s', path)\n"
        "    module = importlib.util.module_from_spec(spec)\n    spec.loader.exec_module(module)\n    return module\n\n"
        "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('name')\n    args = parser.parse_args()\n"
        "    load(args.name).Run().setup()\n\nif __name__ == '__main__':\n    main()\n"
    ),
    "qa/utils/__init__.py": "from utils.api import Api\n\nclass Scenario:\n    def setup(self):\n        Api().call()\n",
    "qa/utils/api.py": "import requests\n\nclass Api:\n    def call(self):\n        print('calling')\n        return requests.get('http://svc/a')\n",
    "qa/scenarios/big.py": "from utils import Scenario\n\nclass Run(Scenario):\n    def setup(self):\n        print('setting up')\n",
}


def test_modules_a_cli_loads_from_its_own_folder_are_the_clis() -> None:
    """fides' `qa/__main__.py`: an argparse runner that imports `utils` from its own folder (Python
    puts a script's folder on `sys.path`) and loads scenario files by path."""
    found = _prints({**SERVICE, **QA})
    assert found == [("svc/helpers.py", 2)]


def test_a_path_edit_in_test_code_or_onto_a_package_of_the_project_vendors_nothing(tmp_path: Path) -> None:
    """A test that puts the project's own package on `sys.path` (`sys.path.insert(0, '../..')` from
    `svc/x/test_x.py`), or a start script that puts a package of the project there, does not make
    the service's modules third-party code."""
    test_edit = "import os, sys\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), '../..'))\n"
    files = {**SERVICE, "svc/extra.py": "def more():\n    print('more')\n", "svc/x/test_x.py": test_edit}
    assert ("svc/helpers.py", 2) in _prints(files, tmp_path)
    package_edit = {**SERVICE, "svc/extra.py": "def more():\n    print('more')\n",
                    "start.py": START.replace("'lib'", "'svc'")}
    assert ("svc/helpers.py", 2) in _prints(package_edit, tmp_path / "two")


def test_the_path_edit_is_found_by_name_resolution(tmp_path: Path) -> None:
    """`from sys import path as search_path; search_path.insert(...)` is the same edit."""
    start = START.replace("import sys\n", "from sys import path as search_path\n").replace("sys.path.insert", "search_path.insert")
    assert _prints({**SERVICE, "start.py": start, **VENDORED}, tmp_path) == [("svc/helpers.py", 2)]


NESTED_START = START.replace(
    "sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lib'))\n",
    "here = os.path.dirname(os.path.abspath(__file__))\nsys.path.insert(0, os.path.join(here, 'shared'))\n"
    "sys.path.insert(0, os.path.join(here, 'shared/src'))\n")
NESTED = {
    "start.py": NESTED_START,
    "shared/schema/fields.py": "def fields():\n    print('fields')\n",
    "shared/src/hook.py": "def ping():\n    print('ping')\n",
    "shared/src/store.py": "from svc import helpers\n\ndef keep():\n    print('keep')\n    return helpers.answer()\n",
}


def _nested_views(files: Dict[str, str]) -> Dict[str, str]:
    views = VIEWS.replace("from svc import helpers", "from svc import helpers\nimport hook\nimport store")
    return {**files, "svc/views.py": views.replace("return helpers.answer()", "hook.ping()\n    store.keep()\n    return helpers.answer()")}


def test_a_module_two_folders_on_the_path_hold_is_vendored_only_when_both_say_so(tmp_path: Path) -> None:
    """lasair's `common` and `common/src` both on the path: seen from `common`, the package `src` imports
    the service (`store` imports `svc.helpers`), so `src/hook.py` is the service's own, though seen from
    `common/src` it imports nothing of the project. Without the import, both folders find it vendored."""
    found = _prints(_nested_views({**SERVICE, **NESTED}), tmp_path / "own")
    assert ("shared/src/hook.py", 2) in found and ("shared/src/store.py", 4) in found
    third_party = {**NESTED, "shared/src/store.py": "def keep():\n    print('keep')\n"}
    found = _prints(_nested_views({**SERVICE, **third_party}), tmp_path / "vendored")
    assert ("shared/src/hook.py", 2) not in found and ("shared/src/store.py", 2) not in found


def test_the_nested_path_folders_give_the_same_findings_under_every_hash_seed(tmp_path: Path) -> None:
    """The folders on the path are a set: which of two holding a module is looked at must not decide."""
    for path, text in _nested_views({**SERVICE, **NESTED}).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        done = subprocess.run([sys.executable, "-m", "prr_lint", "check", ".", "--no-cache", "--exit-zero", "--select", "PRR401",
                               "--output-format", "json"], cwd=tmp_path, env={**os.environ, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, check=True)
        outputs.add(tuple(sorted((f["path"], f["line"]) for f in json.loads(done.stdout)["findings"])))
    assert len(outputs) == 1 and ("shared/src/hook.py", 2) in next(iter(outputs))
