"""Reports the project phase finds through helpers: a library's error-tracker module (tracker_wrappers.py)
and the traceback written to stderr (stack_output.py), for PRR101, PRR103 and PRR104 alike."""

from __future__ import annotations

from tests.test_errors_family import lint

APP = (
    "import sys\nfrom flask import Flask, jsonify\nfrom svc.err import log_exception\n\napp = Flask(__name__)\n\n"
    "@app.errorhandler(Exception)\ndef on_error(error):\n    log_exception(sys.exc_info())\n"
    "    return jsonify(message='internal error'), 500\n"
)


def _helper(body: str, imports: str) -> str:
    return f"{imports}\n\ndef log_exception(exc_info, send_to_sentry=True):\n{body}"


def test_a_helper_calling_a_library_tracker_module_reports() -> None:
    """`sentry_alert()` of an installed library's `logging.sentry` module captures the error (nylas sync-engine)."""
    err = _helper("    if send_to_sentry:\n        sentry_alert()\n    request_log_context(exc_info)\n",
                  "from acme.logging.sentry import sentry_alert\nfrom svc.context import request_log_context")
    context = "def request_log_context(exc_info):\n    return {'error': repr(exc_info[1])}\n"
    assert lint({"svc/app.py": APP, "svc/err.py": err, "svc/context.py": context}) == []


def test_a_library_tracker_module_reports_called_in_the_handler() -> None:
    api = (
        "import logging\nimport requests\nfrom acme.monitoring.rollbar_tools import log_uncaught_errors\n\nlog = logging.getLogger(__name__)\n\n"
        "def run():\n    try:\n        requests.get('http://index', timeout=3)\n    except Exception:\n        log_uncaught_errors(log)\n"
    )
    assert lint({"svc/api.py": api}) == []


def test_a_tracker_modules_setup_or_a_project_module_named_sentry_is_no_report() -> None:
    """`init_sentry()` sets the tracker up; a project's own `svc/sentry.py` is judged by its body (a stub)."""
    setup = _helper("    init_sentry()\n", "from acme.logging.sentry import init_sentry")
    assert lint({"svc/app.py": APP, "svc/err.py": setup}) == [("PRR104", "svc/app.py", 8)]
    stub = _helper("    sentry_alert()\n", "from svc.sentry import sentry_alert")
    own = "def sentry_alert():\n    return None\n"
    assert lint({"svc/app.py": APP, "svc/err.py": stub, "svc/sentry.py": own}) == [("PRR104", "svc/app.py", 8)]


def test_a_helper_printing_the_traceback_to_stderr_reports() -> None:
    printing = _helper("    traceback.print_exception(*exc_info)\n", "import traceback")
    assert lint({"svc/app.py": APP, "svc/err.py": printing}) == []
    writing = _helper("    sys.stderr.write(''.join(traceback.format_exception(*exc_info)))\n", "import sys\nimport traceback")
    assert lint({"svc/app.py": APP, "svc/err.py": writing}) == []


def test_a_helper_printing_the_traceback_only_under_a_condition_is_no_report() -> None:
    """`if not is_live_env(): traceback.print_exc()`: the stack of a development run."""
    dev_only = _helper("    if not is_live_env():\n        traceback.print_exc()\n", "import traceback\nfrom svc.config import is_live_env")
    assert lint({"svc/app.py": APP, "svc/err.py": dev_only}) == [("PRR104", "svc/app.py", 8)]


def test_a_helper_formatting_the_traceback_into_a_buffer_is_no_report() -> None:
    buffered = _helper("    out = io.StringIO()\n    traceback.print_exception(*exc_info, file=out)\n    return out.getvalue()\n",
                       "import io\nimport traceback")
    assert lint({"svc/app.py": APP, "svc/err.py": buffered}) == [("PRR104", "svc/app.py", 8)]
