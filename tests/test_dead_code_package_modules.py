"""PRR501's dead code: a module of a package that no module imports, beside the package's own function of
the same name (foreign_calls.py `_other_objects`). we-mp-rss's `core/wx/wx.py` `search_Biz`: the routes call
`from core.wx import search_Biz`, the package `__init__`'s own function, which is what Python binds there;
nothing imports `core.wx.wx`, so its `search_Biz` runs in no process. A module that imports the submodule
(`from core.wx import wx`, `import core.wx.wx`), the package attribute that import makes, a package that
star-imports it and a dotted path a loader imports keep it.

The projects are checked through the command line from their folder: `core/` has no `__init__.py`, and the
package is indexed as Python finds it from the root (modules.py), not by its path. Each has a job that imports
the package under the submodule's name (we-mp-rss's `import core.wx as wx`): a word of the submodule's name in
code, so the module is not left out as one nothing names (unloaded_modules.py) and dead code decides."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, List, Tuple

from _reporting_data import cli_runner
from prr_lint.cli import cli

PACKAGE = (
    "from .parse import *\nfrom .base import Gatherer\n\n_gatherer = Gatherer()\n\n\n"
    "def find_feed(query):\n    return _gatherer.find_feed(query)\n"
)
BASE = (
    "import requests\n\n\nclass Gatherer:\n    def find_feed(self, query):\n"
    "        return requests.get('https://feeds.example.com/find', params={'q': query}, timeout=5).json()\n"
)
PARSE = "def parse_entry(entry):\n    return entry.get('title')\n"
# the old client the package no longer imports
OLD = (
    "import requests\n\n\ndef find_feed(query):\n"
    "    return requests.get('https://feeds.example.com/find', params={'q': query}).json()\n"
)
WEB = (
    "from flask import Flask\n\nfrom core.feeds import find_feed\nfrom jobs import refresh\n{imports}\napp = Flask(__name__)\n\n\n"
    "@app.get('/feeds/<query>')\ndef lookup(query):\n    return find_feed(query) or refresh(){call}\n"
)
JOB = "import core.feeds as feeds\n\n\ndef refresh():\n    return feeds.find_feed('news')\n"
OLD_LINE = ("core/feeds/feeds.py", 5)


def _found(root: Path, imports: str = "", call: str = "", **extra: str) -> List[Tuple[str, int]]:
    """PRR501's findings, (path, line), of the project written to `root` (a fresh folder) and checked from there."""
    files: Dict[str, str] = {"web.py": WEB.format(imports=imports, call=call), "core/feeds/__init__.py": PACKAGE,
                             "core/feeds/base.py": BASE, "core/feeds/parse.py": PARSE, "core/feeds/feeds.py": OLD, "jobs.py": JOB}
    files.update(extra)
    for path, source in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(source)
    os.chdir(root)
    result = cli_runner().invoke(cli, ["check", ".", "--select", "PRR501", "--output-format", "json", "--no-cache",
                                       "--exit-zero"], catch_exceptions=False)
    return sorted((finding["path"], finding["line"]) for finding in json.loads(result.stdout)["findings"])


def test_a_module_no_module_imports_beside_the_packages_own_function_of_its_name_is_dead(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # restored after the test: `_found` moves into each project
    assert _found(tmp_path / "plain") == []


def test_the_submodule_imported_where_the_service_runs_stays_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # restored after the test: `_found` moves into each project
    assert _found(tmp_path / "from", "from core.feeds import feeds as old\n", " or old.find_feed(query)") == [OLD_LINE]
    assert _found(tmp_path / "import", "import core.feeds.feeds\n", " or core.feeds.feeds.find_feed(query)") == [OLD_LINE]


def test_a_package_attribute_an_import_of_the_submodule_makes_keeps_it(tmp_path: Path, monkeypatch) -> None:
    """Once some module imports `core.feeds.feeds`, the package object holds it: `feeds.feeds.find_feed` runs it."""
    monkeypatch.chdir(tmp_path)
    job = JOB.replace("feeds.find_feed", "feeds.feeds.find_feed")
    assert _found(tmp_path / "attribute", "import loader\n", **{"jobs.py": job, "loader.py": "import core.feeds.feeds\n"}) == [OLD_LINE]


def test_a_star_import_or_a_loaders_dotted_path_keeps_it(tmp_path: Path, monkeypatch) -> None:
    """A package that star-imports the submodule after its own definition rebinds the name to the submodule's; a
    loader imports it by a literal dotted path or by a name it computes."""
    monkeypatch.chdir(tmp_path)
    star = PACKAGE + "\nfrom .feeds import *\n"
    assert _found(tmp_path / "star", **{"core/feeds/__init__.py": star}) == [OLD_LINE]
    dotted = "from importlib import import_module\n\nOLD = getattr(import_module('core.feeds.feeds'), 'find_feed')\n"
    assert _found(tmp_path / "dotted", dotted) == [OLD_LINE]
    computed = "from importlib import import_module\n\n\ndef load(name):\n    return import_module(f'core.feeds.{name}').find_feed('x')\n"
    assert _found(tmp_path / "computed", computed, " or load(query)") == [OLD_LINE]
