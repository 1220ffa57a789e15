"""A rule's findings do not depend on which other rules are selected.

What the per-file phase records (the module summary) and what the project phase and the serving scope
decide are the same whatever runs beside a rule. The one designed exception: an except handler gets one
finding, from the most specific enabled handler rule (PRR104 > PRR103 > PRR102 > PRR101; PRR107's handed-back
statuses and PRR203's uncounted fallbacks leave a handler to them), so a handler rule alone may report a
handler that another one takes in `ALL`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Set, Tuple

from prr_lint.config import Settings
from prr_lint.engine import Plan
from prr_lint.pool import run_files
from prr_lint.runner import run_jobs
from tests._serving import REGISTRY, jobs_for, settings_with

HANDLER_RULES = frozenset({"PRR101", "PRR102", "PRR103", "PRR104", "PRR107", "PRR203"})

# A small service: a Flask API with an app factory that waits for its node at start-up (printing, as raiden's
# ui/sync.py does), dependency calls, handlers, a custom logger factory configured as reporting, a background
# worker, a Celery task, a click command, metrics and a logging setup.
PROJECT: Dict[str, str] = {
    "svc/__init__.py": "",
    "svc/logs.py": (
        "import logging\n\n"
        "def make_logger(name):\n"
        "    try:\n"
        "        import structlog\n"
        "    except ImportError:\n"
        "        return logging.getLogger(name)\n"
        "    return structlog.get_logger(name)\n\n"
        "events = make_logger(__name__)\n\n"
        "def report_failure(exc):\n"
        "    events.warning('dependency failed: %s', exc)\n"
    ),
    "svc/sync.py": (
        "import time\n\nimport requests\n\n"
        "def node_height(url):\n"
        "    for _ in range(3):\n"
        "        try:\n"
        "            return requests.get(url + '/height').json()['height']\n"
        "        except requests.RequestException:\n"
        "            time.sleep(1)\n"
        "    return None\n\n"
        "def wait_for_sync(url):\n"
        "    print('Waiting for the node to synchronize')\n"
        "    height = node_height(url)\n"
        "    if height is None:\n"
        "        print('could not reach the node')\n"
        "        return\n"
        "    print('node at', height)\n"
    ),
    "svc/clients.py": (
        "import requests\n\nfrom svc.logs import report_failure\n\n"
        "def fetch_prices(url):\n"
        "    try:\n"
        "        return requests.get(url, timeout=5).json()\n"
        "    except requests.RequestException as exc:\n"
        "        report_failure(exc)\n"
        "        return {}\n\n"
        "def fetch_rates(url):\n"
        "    try:\n"
        "        return requests.get(url).json()\n"
        "    except requests.RequestException:\n"
        "        return {}\n\n"
        "def push(url, body):\n"
        "    try:\n"
        "        requests.post(url, json=body, timeout=5)\n"
        "    except Exception:\n"
        "        pass\n"
    ),
    "svc/app.py": (
        "import logging\nimport queue\nimport threading\n\n"
        "from flask import Flask, jsonify, request\nfrom prometheus_client import Counter\n\n"
        "from svc.clients import fetch_prices, fetch_rates, push\nfrom svc.sync import wait_for_sync\n\n"
        "logging.basicConfig(filename='app.log')\nlog = logging.getLogger(__name__)\njobs = queue.Queue()\n\n"
        "def create_app():\n"
        "    wait_for_sync('http://node:8545')\n"
        "    app = Flask(__name__)\n\n"
        "    @app.route('/prices')\n"
        "    def prices():\n"
        "        hits = Counter('price_hits', 'hits')\n"
        "        hits.inc()\n"
        "        print('prices asked by', request.remote_addr)\n"
        "        jobs.put(request.args.get('item'))\n"
        "        return jsonify(fetch_prices('http://prices'), fetch_rates('http://rates'))\n\n"
        "    @app.route('/order', methods=['POST'])\n"
        "    def order():\n"
        "        try:\n"
        "            push('http://orders', request.json)\n"
        "            return jsonify(ok=True)\n"
        "        except Exception:\n"
        "            return jsonify(error='failed'), 500\n\n"
        "    threading.Thread(target=drain, daemon=True).start()\n"
        "    return app\n\n"
        "def drain():\n"
        "    while True:\n"
        "        item = jobs.get()\n"
        "        push('http://sink', item)\n"
    ),
    "svc/tasks.py": (
        "import requests\nfrom celery import Celery\n\ncelery = Celery('svc')\n\n"
        "@celery.task\n"
        "def refresh(url):\n"
        "    print('refreshing', url)\n"
        "    return requests.get(url).json()\n"
    ),
    "svc/cli.py": (
        "import click\nimport requests\n\n"
        "@click.command()\n"
        "def seed():\n"
        "    print('seeding')\n"
        "    requests.post('http://seed')\n"
    ),
    "wsgi.py": "from svc.app import create_app\n\napp = create_app()\n",
}
SETTINGS = settings_with(errors={"min-report-level": "warning", "logger-factories": ["svc.logs.make_logger"]})
Key = Tuple[str, str, int, int, str]


def _plan(codes, settings: Settings = SETTINGS) -> Plan:
    return Plan(settings, tuple(REGISTRY.select(list(codes), [], [])), whole_project=True)


@lru_cache(maxsize=None)
def _findings(codes: Tuple[str, ...]) -> FrozenSet[Key]:
    found = run_jobs(jobs_for(PROJECT), _plan(codes), 1).findings
    return frozenset((f.rule, f.path, f.span.line, f.span.column, f.message) for f in found)


def _by_rule(found: FrozenSet[Key]) -> Dict[str, Set[Key]]:
    grouped: Dict[str, Set[Key]] = defaultdict(set)
    for key in found:
        grouped[key[0]].add(key)
    return grouped


def test_the_project_exercises_many_rules():
    assert len(_by_rule(_findings(("ALL",)))) >= 10


def test_each_rule_alone_reports_what_it_reports_in_all():
    together = _by_rule(_findings(("ALL",)))
    handler_lines = {key[1:3] for code in HANDLER_RULES for key in together.get(code, ())}
    differing = {}
    for code in REGISTRY.codes():
        alone = _by_rule(_findings((code,))).get(code, set())
        expected = together.get(code, set())
        if code in HANDLER_RULES:  # a more specific handler rule takes the handler in ALL
            missing = expected - alone
            extra = {key for key in alone - expected if key[1:3] not in handler_lines}
        else:
            missing, extra = expected - alone, alone - expected
        if missing or extra:
            differing[code] = (sorted(missing), sorted(extra))
    assert differing == {}


def test_module_summaries_do_not_depend_on_the_selection():
    """What the project phase reads of a file is recorded whatever rules run on it: a rule that set the
    `[errors]` knobs on first need left the summary's reporters to depend on the selection."""
    everything = {r.path: r.summary for r in run_files(jobs_for(PROJECT), _plan(("ALL",)), 1)}
    for code in ("PRR501", "PRR401", "PRR101"):
        assert {r.path: r.summary for r in run_files(jobs_for(PROJECT), _plan((code,)), 1)} == everything, code


def test_a_warning_through_a_configured_logger_factory_reports_whatever_is_selected():
    """svc/logs.py's `report_failure` warns through `make_logger` (a logger factory, and warnings report, by
    configuration): the handler handing it the error has reported it, with PRR102 alone as with ALL."""
    for codes in (("PRR102",), ("PRR101", "PRR102"), ("ALL",)):
        assert not any(key[1] == "svc/clients.py" and key[2] == 8 for key in _findings(codes)), codes
        assert any(key[:3] == ("PRR102", "svc/clients.py", 15) for key in _findings(codes)), codes  # no report there
    # the warning is a log record of serving code (PRR405) with PRR405 alone too: its module's resolver
    # used to learn the configured factory only when a handler rule walked a handler there first
    assert any(key[:3] == ("PRR405", "svc/app.py", 17) and "svc/logs.py:report_failure" in key[4] for key in _findings(("PRR405",)))


def test_start_up_prints_do_not_depend_on_the_other_rules_selected():
    """The colleague's raiden report: PRR401's answer for a start-up wait loop's prints (svc/sync.py) is
    the same with PRR401+PRR107 as with PRR501 added, and as with PRR401 alone."""
    def prints(codes):
        return sorted(key for key in _findings(codes) if key[0] == "PRR401" and key[1] == "svc/sync.py")

    assert prints(("PRR401", "PRR107")) == prints(("PRR401", "PRR107", "PRR501")) == prints(("PRR401",)) == prints(("ALL",))


def test_scope_all_is_selection_independent_too():
    settings = replace(SETTINGS, scope="all")
    together = {key for key in run_jobs(jobs_for(PROJECT), _plan(("ALL",), settings), 1).findings if key.rule == "PRR401"}
    alone = set(run_jobs(jobs_for(PROJECT), _plan(("PRR401",), settings), 1).findings)
    assert {(f.path, f.span.line) for f in together} == {(f.path, f.span.line) for f in alone}
