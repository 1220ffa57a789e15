"""PRR202, PRR203, PRR304 and PRR405 beyond their embedded examples: options and traps."""

from __future__ import annotations

from _serving import run, settings_with

QUOTE = (
    "import logging\nimport requests\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
    "log = logging.getLogger(__name__)\n\n"
    "def quote():\n    try:\n        return requests.get('http://pricing/q', timeout=2).json()\n"
    "    except requests.RequestException:\n        log.warning('pricing down')\n        return {'price': None}\n\n"
    "def nightly_quote():\n    try:\n        return requests.get('http://pricing/q', timeout=2).json()\n"
    "    except requests.RequestException:\n        log.warning('pricing down')\n        return None\n\n"
    "@bp.get('/price')\ndef price():\n    return quote()\n"
)


def _codes(result):
    return [(f.rule, f.path, f.span.line) for f in result.findings]


def test_prr203_only_on_serving_paths_and_off_with_log_based_alerting() -> None:
    assert _codes(run({"svc/api.py": QUOTE}, select=("PRR203",))) == [("PRR203", "svc/api.py", 10)]
    settings = settings_with(instrumentation={"log-based-alerting": True})
    assert _codes(run({"svc/api.py": QUOTE}, select=("PRR203",), settings=settings)) == []


def test_prr203_leaves_a_handler_to_prr102_when_it_reports_it() -> None:
    silent = QUOTE.replace("        log.warning('pricing down')\n        return {'price': None}", "        return {'price': None}")
    assert _codes(run({"svc/api.py": silent}, select=("PRR102", "PRR203"))) == [("PRR102", "svc/api.py", 10)]
