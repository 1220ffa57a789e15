"""PRR501's dead code (project/dead_code.py, unregistered.py): a metaclass may register the classes it
builds, so their public methods may run unnamed; but whether a class has one is a fact of that class
(ModuleSummary.metaclasses), and an abstract base's `ABCMeta` registers nothing. dlrover's monitors:
`class MetricMonitor(metaclass=ABCMeta)` marked every class of its file as registered, so a query
method only tests call stayed reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

from _serving import run_on_disk

APP = (
    "from flask import Flask\nfrom svc.monitor import Monitor\n\napp = Flask(__name__)\n\n"
    "@app.route('/status')\ndef status():\n    return Monitor().collect()\n"
)
TEST = "from svc.monitor import Monitor\n\n\ndef test_query():\n    assert Monitor().query()\n"
REGISTRY = (
    "PLUGINS = {}\n\n\nclass PluginMeta(type):\n    def __init__(cls, name, bases, attrs):\n"
    "        super().__init__(name, bases, attrs)\n        PLUGINS[name] = cls\n\n\n"
)
COLLECT_QUERY = (
    "    def collect(self):\n        return requests.get('https://a.example.com').text\n\n"
    "    def query(self):\n        return requests.get('https://b.example.com').text\n"
)


def _found(tmp_path: Path, monitor: str, other: Optional[Dict[str, str]] = None) -> set:
    """Which of `collect` and `query` of the `Monitor` in `monitor` PRR501 reports."""
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/monitor.py": monitor, "tests/test_monitor.py": TEST, **(other or {})}
    lines = monitor.splitlines()
    where = {name: len(lines) - lines[::-1].index(f"    def {name}(self):") + 1 for name in ("collect", "query")}
    found = {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings if f.rule == "PRR501"}
    return {name for name, line in where.items() if ("svc/monitor.py", line) in found}


def test_an_abstract_base_beside_it_registers_nothing(tmp_path: Path) -> None:
    monitor = ("import requests\nfrom abc import ABCMeta, abstractmethod\n\n\nclass Base(metaclass=ABCMeta):\n"
               "    @abstractmethod\n    def collect(self):\n        pass\n\n\nclass Monitor(Base):\n" + COLLECT_QUERY)
    assert _found(tmp_path, monitor) == {"collect"}


def test_another_class_s_registering_metaclass_registers_nothing(tmp_path: Path) -> None:
    """`metaclass=` in the file is no fact of every class in it."""
    monitor = ("import requests\n\n" + REGISTRY + "class Plugin(metaclass=PluginMeta):\n    pass\n\n\n"
               "class Monitor:\n" + COLLECT_QUERY)
    assert _found(tmp_path, monitor) == {"collect"}


def test_a_registering_metaclass_of_its_lineage_may_run_its_methods(tmp_path: Path) -> None:
    monitor = ("import requests\n\n" + REGISTRY + "class Base(metaclass=PluginMeta):\n    pass\n\n\n"
               "class Monitor(Base):\n" + COLLECT_QUERY)
    assert _found(tmp_path, monitor) == {"collect", "query"}


def test_a_python2_metaclass_attribute_may_register(tmp_path: Path) -> None:
    monitor = ("import requests\n\n" + REGISTRY + "class Monitor(object):\n    __metaclass__ = PluginMeta\n\n" + COLLECT_QUERY)
    assert _found(tmp_path, monitor) == {"collect", "query"}


def test_six_with_metaclass_may_register(tmp_path: Path) -> None:
    monitor = ("import requests\nimport six\n\n" + REGISTRY + "class Monitor(six.with_metaclass(PluginMeta, object)):\n"
               + COLLECT_QUERY)
    assert _found(tmp_path, monitor) == {"collect", "query"}


def test_a_method_service_code_calls_stays_reported(tmp_path: Path) -> None:
    monitor = ("import requests\nfrom abc import ABCMeta\n\n\nclass Monitor(metaclass=ABCMeta):\n" + COLLECT_QUERY)
    admin = "from svc.app import app\nfrom svc.monitor import Monitor\n\n\n@app.route('/query')\ndef query():\n    return Monitor().query()\n"
    assert _found(tmp_path, monitor, {"svc/admin.py": admin}) == {"collect", "query"}
