"""PRR501 dead code (project/loaded_calls.py): a plug-in's module function that the server calls by
name on the module object it loaded by a computed name (`PLUGINS[name].handler(q)`) runs; without such
a loader, or when only a test calls the name, or the server never calls it, it is dead."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

SERVER = (
    "import importlib\nimport os\nfrom flask import Flask, request\n\napp = Flask(__name__)\nPLUGINS = {}\n\n"
    "for filename in os.listdir(os.path.join(os.path.dirname(__file__), 'plugins')):\n"
    "    if filename.endswith('.py') and not filename.startswith('_'):\n"
    "        name = filename[:-3]\n        PLUGINS[name] = importlib.import_module('svc.plugins.' + name)\n\n"
    "@app.post('/query/<name>')\ndef query(name):\n    return PLUGINS[name].enrich(request.get_json())\n"
)
WHOIS = (
    "import requests\n\ndef lookup(domain):\n    return requests.get('https://whois.example/' + domain).json()\n\n"
    "def enrich(query):\n    return {'results': lookup(query['domain'])}\n\n"
    "def describe():\n    return requests.get('https://whois.example/about').json()\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, str, int]]:
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",)).findings)


def _project(server: str = SERVER, **extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/server.py": server, "svc/plugins/__init__.py": "", "svc/plugins/whois.py": WHOIS}
    files.update(extra)
    return files


def test_a_function_the_loader_calls_on_the_loaded_module_runs(tmp_path: Path) -> None:
    """The route calls `enrich` on the module object: `enrich` and the `lookup` it calls run; `describe`,
    which nothing calls, stays dead."""
    assert _found(tmp_path, _project()) == [("PRR501", "svc/plugins/whois.py", 4)]


def test_a_loaded_module_whose_function_only_a_test_calls_by_name_is_dead(tmp_path: Path) -> None:
    server = SERVER.replace("PLUGINS[name].enrich(request.get_json())", "{'plugins': sorted(PLUGINS)}")
    test = "from svc.server import PLUGINS\n\ndef test_enrich():\n    assert PLUGINS['whois'].enrich({'domain': 'a'})\n"
    assert _found(tmp_path, _project(server, **{"tests/__init__.py": "", "tests/test_whois.py": test})) == []


def test_a_call_of_the_name_without_a_loader_calls_no_module_function(tmp_path: Path) -> None:
    """No computed-name loader: `clients[name].enrich(...)` is some other object's method."""
    server = SERVER.replace("importlib.import_module('svc.plugins.' + name)", "object()")
    assert _found(tmp_path, _project(server)) == []


def test_a_module_a_file_imports_is_not_loaded_by_name(tmp_path: Path) -> None:
    """A module a file imports statically is reached through that import: the untyped call does not count."""
    files = _project(SERVER + "from svc import index\n", **{"svc/index.py": "from svc.plugins import whois\n\nNAMES = [whois]\n"})
    assert _found(tmp_path, files) == []


def test_a_relative_name_loads_from_the_package_importlib_is_given(tmp_path: Path) -> None:
    """`import_module("." + name, "svc.plugins")`, the package as the second argument or the module's own
    `__package__` (svc, for svc/server.py): the plug-ins are loaded as with their full names."""
    for loader in ("importlib.import_module('.' + name, 'svc.plugins')",
                   "importlib.import_module('.plugins.' + name, __package__)",
                   "importlib.import_module(f'.{name}', package='svc.plugins')"):
        server = SERVER.replace("importlib.import_module('svc.plugins.' + name)", loader)
        assert _found(tmp_path / str(hash(loader)), _project(server)) == [("PRR501", "svc/plugins/whois.py", 4)], loader


def test_a_relative_name_in_a_package_of_the_wrong_place_loads_no_plugin(tmp_path: Path) -> None:
    """`__package__` of svc/server.py is svc: `.` + name there loads svc's own modules, not the plug-ins."""
    server = SERVER.replace("importlib.import_module('svc.plugins.' + name)", "importlib.import_module('.' + name + '_x', 'svc.other')")
    assert _found(tmp_path, _project(server)) == []
