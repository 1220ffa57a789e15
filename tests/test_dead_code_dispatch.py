"""PRR501's dead code (project/dead_code.py `_dispatched_callers`): a method the call graph leaves
without callers may still run through a call of the base method it overrides or a call of its name on
a receiver of no known type; when every such call is in dead code, it is dead too (nucypher's gas price
feeds, built only by a strategy nothing but a test calls). When live code makes such a call, it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import run_on_disk

FEEDS = (
    "import requests\n\n\n"
    "class Feed:\n"
    "    url = ''\n\n"
    "    def probe(self):\n        return requests.get(self.url).json()\n\n"
    "    def parse(self):\n        return {}\n\n"
    "    def price(self):\n        return self.parse()\n\n"
    "    @classmethod\n    def strategy(cls):\n        def run():\n            return cls().price()\n        return run\n\n\n"
    "class FastFeed(Feed):\n"
    "    url = 'https://fast.example.com'\n\n"
    "    def parse(self):\n        return self.probe()\n"
)
MEDIAN = (
    "from svc.feeds import FastFeed\n\n\n"
    "def median_strategy():\n"
    "    def run():\n        prices = []\n        for feed in (FastFeed,):\n            prices.append(feed.strategy()())\n        return prices\n"
    "    return run\n"
)
APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/health')\ndef health():\n    return 'ok'\n"
PROBE = ("svc/feeds.py", 8)


def _found(tmp_path: Path, files: Dict[str, str]) -> set:
    files = {"svc/__init__.py": "", "svc/feeds.py": FEEDS, "svc/strategies.py": MEDIAN, **files}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings if f.rule == "PRR501"}


def test_a_method_reached_only_through_dead_code_by_dispatch_is_dead(tmp_path: Path) -> None:
    """The strategy nothing calls (a test aside) runs `feed.strategy()` on a loop variable and the base's
    `price` calls `self.parse()`: neither call resolves to `FastFeed.parse`, and both are dead."""
    test = "from svc.strategies import median_strategy\n\n\ndef test_median():\n    assert median_strategy()()\n"
    assert PROBE not in _found(tmp_path, {"svc/app.py": APP, "tests/test_strategies.py": test})


def test_the_same_method_reached_from_a_route_runs(tmp_path: Path) -> None:
    app = APP + "\n\n@app.route('/price')\ndef price():\n    from svc.strategies import median_strategy\n    return str(median_strategy()())\n"
    assert PROBE in _found(tmp_path, {"svc/app.py": app})


def test_a_call_of_its_name_on_an_untyped_receiver_in_a_route_runs_it(tmp_path: Path) -> None:
    app = APP + "\n\n@app.route('/price/<name>')\ndef price(name):\n    feed = FEEDS[name]\n    return str(feed.strategy()())\n"
    assert PROBE in _found(tmp_path, {"svc/app.py": "FEEDS = {}\n" + app})


PLUGIN = (
    "import requests\n\n\nclass HostQuery:\n    def query(self, key):\n"
    "        return requests.post('https://api.example.com', data={'key': key}).json()\n\n\n"
    "_QUERIES = {'host': HostQuery}\n\n\n"
    "def handler(q):\n    parser = _QUERIES[q['type']]()\n    return parser.query(q['key'])\n"
)
SERVER = (
    "import importlib\nimport os\nfrom flask import Flask, request\n\napp = Flask(__name__)\n"
    "NAMES = [name[:-3] for name in os.listdir(os.path.join(os.path.dirname(__file__), 'plugins')) if name.endswith('.py')]\n"
    "MODULES = {name: importlib.import_module(f'svc.plugins.{name}') for name in NAMES}\n\n\n"
    "@app.post('/query')\ndef query():\n    return MODULES[request.json['module']].handler(request.json)\n\n\n"
    "def handler():\n    return 'a view of its own of that name'\n"
)


def test_a_plugin_handler_a_route_calls_through_its_module_keeps_its_methods(tmp_path: Path) -> None:
    """misp-modules' expansion modules: the server calls `MODULES_HANDLERS[name].handler(q=...)`, whose
    `parser.query_api(...)` on a class looked up in a table runs the query: a call of `handler` on a
    receiver of no known type (a module object) is a caller of what its `handler` calls by name."""
    files = {"svc/app.py": SERVER, "svc/plugins/__init__.py": "", "svc/plugins/lookup.py": PLUGIN}
    assert ("svc/plugins/lookup.py", 6) in _found(tmp_path, files)
