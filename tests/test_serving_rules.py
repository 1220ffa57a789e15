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


# the service counts failures elsewhere (PRR203 is about the ones it does not count)
METRICS = "from prometheus_client import Counter\nFAILED = Counter('failed', 'f')\n"


def test_prr203_only_on_serving_paths_and_off_with_log_based_alerting() -> None:
    files = {"svc/api.py": QUOTE, "svc/metrics.py": METRICS}
    assert _codes(run(files, select=("PRR203",))) == [("PRR203", "svc/api.py", 10)]
    settings = settings_with(instrumentation={"log-based-alerting": True})
    assert _codes(run(files, select=("PRR203",), settings=settings)) == []


def test_prr203_a_logged_fallback_is_left_to_prr201_when_the_service_counts_nothing() -> None:
    assert _codes(run({"svc/api.py": QUOTE}, select=("PRR203",))) == []
    tracked = "import sentry_sdk\n\ndef setup():\n    sentry_sdk.init(dsn='x')\n"
    assert _codes(run({"svc/api.py": QUOTE, "svc/errors.py": tracked}, select=("PRR203",))) == [("PRR203", "svc/api.py", 10)]
    external = settings_with(instrumentation={"external": True})
    assert _codes(run({"svc/api.py": QUOTE}, select=("PRR203",), settings=external)) == [("PRR203", "svc/api.py", 10)]


def test_prr203_leaves_a_handler_to_prr102_when_it_reports_it() -> None:
    silent = QUOTE.replace("        log.warning('pricing down')\n        return {'price': None}", "        return {'price': None}")
    assert _codes(run({"svc/api.py": silent}, select=("PRR102", "PRR203"))) == [("PRR102", "svc/api.py", 10)]



def test_prr203_a_handler_that_hands_the_failure_to_the_projects_error_reporter_is_counted() -> None:
    """onadata's `report_exception(..., sys.exc_info())`, in another module, sends the exception to
    Sentry: an error tracker alerts. A project function that only takes a note does not count, nor
    does a reporter called without the failure (calibre-web's template renderer logs errors of its own)."""
    reporter = "import sentry_sdk\n\ndef report_exception(subject, info):\n    sentry_sdk.capture_exception()\n\n" \
               "def note(subject, info):\n    pass\n"

    def handed(call: str, argument: str = "error") -> str:
        return QUOTE.replace("import requests\n", "import requests\nfrom svc.errors import note, report_exception\n").replace(
            "    except requests.RequestException:\n        log.warning('pricing down')\n        return {'price': None}",
            f"    except requests.RequestException as error:\n        {call}('pricing down', {argument})\n        return {{'price': None}}")
    files = {"svc/errors.py": reporter, "svc/metrics.py": METRICS}
    assert _codes(run({**files, "svc/api.py": handed("report_exception")}, select=("PRR203",))) == []
    assert _codes(run({**files, "svc/api.py": handed("note")}, select=("PRR203",))) == [("PRR203", "svc/api.py", 11)]
    assert _codes(run({**files, "svc/api.py": handed("report_exception", "'x'")}, select=("PRR203",))) == [("PRR203", "svc/api.py", 11)]


APP = (
    "import logging\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
    "from svc import work\nlog = logging.getLogger(__name__)\napp = FastAPI()\nInstrumentator().instrument(app)\n\n"
    "@app.get('/healthz')\ndef health():\n    return work.run()\n"
)


def test_prr405_needs_serving_code_that_logs_and_no_correlation_anywhere() -> None:
    quiet = {"svc/main.py": APP, "svc/work.py": "def run():\n    return 'ok'\n"}
    assert _codes(run(quiet, select=("PRR405",))) == []
    noisy = {"svc/main.py": APP, "svc/work.py": "import logging\n\ndef run():\n    logging.getLogger(__name__).info('run')\n"}
    assert _codes(run(noisy, select=("PRR405",))) == [("PRR405", "svc/main.py", 6)]
    correlated = {**noisy, "svc/logs.py": "import structlog\n\ndef bind(request):\n    structlog.contextvars.bind_contextvars(rid=request.headers['X-Request-ID'])\n"}
    assert _codes(run(correlated, select=("PRR405",))) == []
    external = settings_with(instrumentation={"external": True})
    assert _codes(run(noisy, select=("PRR405",), settings=external)) == []


def test_prr405_a_catalogued_librarys_set_up_correlates_records() -> None:
    """notifications-utils, digitalmarketplace-utils and mitol-django-observability put the request
    (or trace) id on every record once set up (m28 E178, m29 F002, m28 E286): matched by the names
    the project's imports resolve to, in any module; the library used for something else, a set-up
    missing its request half, or a project function of the same name does not count."""
    noisy = {"svc/main.py": APP, "svc/work.py": "import logging\n\ndef run():\n    logging.getLogger(__name__).info('run')\n"}
    reported = [("PRR405", "svc/main.py", 6)]
    notify = "from notifications_utils import request_helper\nfrom notifications_utils.logging import flask as utils_logging\n\n"
    for setup, expected in (
        ("from dmutils import init_app\n\ndef setup(app):\n    init_app(app, object())\n", []),
        (notify + "def setup(app):\n    utils_logging.init_app(app)\n    request_helper.init_app(app)\n", []),
        ("from mitol.observability.settings.logging import LOGGING\n", []),
        (notify + "def setup(app):\n    utils_logging.init_app(app)\n", reported),
        ("from dmutils.timing import logged_duration\n\n@logged_duration\ndef setup(app):\n    return app\n", reported),
        ("from svc.helpers import init_app\n\ndef setup(app):\n    init_app(app)\n", reported),
        ("from mitol.observability.settings.logging import LOGGING as BASE\n", reported),
    ):
        assert _codes(run({**noisy, "svc/setup.py": setup, "svc/helpers.py": "def init_app(app):\n    return app\n"},
                          select=("PRR405",))) == expected, setup


def test_prr405_records_at_sentrys_event_level_in_another_module_of_the_package() -> None:
    failing = {"svc/main.py": APP, "svc/work.py": "import logging\n\ndef run():\n    logging.getLogger(__name__).error('run failed')\n"}
    sentry = "import logging\nimport sentry_sdk\nfrom sentry_sdk.integrations.logging import LoggingIntegration\n\n"
    assert _codes(run(failing, select=("PRR405",))) == [("PRR405", "svc/main.py", 6)]
    assert _codes(run({**failing, "svc/setup.py": sentry + "sentry_sdk.init(dsn='x')\n"}, select=("PRR405",))) == []
    for off in ("sentry_sdk.init(dsn='x', default_integrations=False)\n",
                "sentry_sdk.init(dsn='x', integrations=[LoggingIntegration(event_level=None)])\n",
                "sentry_sdk.init(dsn='x', integrations=[LoggingIntegration(event_level=logging.CRITICAL)])\n"):
        assert _codes(run({**failing, "svc/setup.py": sentry + off}, select=("PRR405",))) == [("PRR405", "svc/main.py", 6)]
    other_package = {**failing, "jobs/setup.py": sentry + "sentry_sdk.init(dsn='x')\n"}
    assert _codes(run(other_package, select=("PRR405",))) == [("PRR405", "svc/main.py", 6)]


def test_prr405_records_that_name_their_request() -> None:
    flask = ("import logging\nfrom flask import Flask, request\nfrom prometheus_flask_exporter import PrometheusMetrics\n"
             "log = logging.getLogger(__name__)\napp = Flask(__name__)\nPrometheusMetrics(app)\n\n"
             "@app.get('/healthz/<name>')\ndef health(name):\n    log.info('probe %s', {arg})\n    return 'ok'\n")
    assert _codes(run({"svc/main.py": flask.format(arg="request.url")}, select=("PRR405",))) == []
    # a Flask view's first parameter is a path variable, not the request
    assert _codes(run({"svc/main.py": flask.format(arg="name")}, select=("PRR405",))) == [("PRR405", "svc/main.py", 5)]
    assert _codes(run({"svc/main.py": flask.format(arg="request.data")}, select=("PRR405",))) == [("PRR405", "svc/main.py", 5)]


def test_prr202_only_with_handler_granularity_and_through_one_call() -> None:
    files = {
        "svc/api.py": (
            "from flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\n"
            "ORDERS = Counter('orders', 'o')\n\ndef place():\n    ORDERS.inc()\n\n"
            "@bp.post('/orders')\ndef orders():\n    return place()\n\n@bp.get('/orders')\ndef listing():\n    return []\n"
        ),
    }
    assert _codes(run(files, select=("PRR202",))) == []
    settings = settings_with(instrumentation={"granularity": "handler"})
    [finding] = run(files, select=("PRR202",), settings=settings).findings
    assert (finding.span.line, finding.message) == (
        14, "this request handler records no metric or span of its own (flask entry point /orders)")


def test_prr304_configured_patterns_replace_the_defaults() -> None:
    files = {
        "svc/api.py": (
            "import os\nimport grpc\nfrom flask import Blueprint\nfrom sqlalchemy import create_engine\nbp = Blueprint('b', __name__)\n\n"
            "@bp.get('/a')\ndef a():\n    return create_engine('postgresql://lake-replica.internal/db')\n\n"
            "@bp.get('/b')\ndef b():\n    return grpc.insecure_channel(os.getenv('LAKE_TARGET'))\n\n"
            "@bp.get('/c')\ndef c():\n    return create_engine('postgresql://db-analytics.internal/db')\n"
        ),
    }
    assert _codes(run(files, select=("PRR304",))) == [("PRR304", "svc/api.py", 17)]
    settings = settings_with(endpoints={"non-serving-patterns": ("lake-*",), "non-serving-env-vars": ("LAKE_*",)})
    assert _codes(run(files, select=("PRR304",), settings=settings)) == [("PRR304", "svc/api.py", 9), ("PRR304", "svc/api.py", 13)]
