"""PRR201 and PRR405 for helper programs the service starts itself, and trace-stamping log formatters."""

from __future__ import annotations

from _serving import run

ROUTES = "\n@app.get('/orders')\ndef orders():\n    log.info('listing orders')\n    return []\n"
HELPER = "import logging\nfrom flask import Flask\nlog = logging.getLogger(__name__)\napp = Flask(__name__)\n" + ROUTES
MAIN = ("import logging\nfrom fastapi import FastAPI\nlog = logging.getLogger(__name__)\napp = FastAPI()\n" + ROUTES)
SPAWNER = ("import subprocess\n\ndef start_service(name):\n"
           "    subprocess.Popen(['python', f'service/{name}/main.py'])\n")


def _found(files: dict) -> list:
    return sorted((f.rule, f.path) for f in run(files, select=("PRR201", "PRR405")).findings)


def test_helper_programs_the_service_starts_are_not_its_surface() -> None:
    """librephotos: the backend starts `service/<name>/main.py` with subprocess and calls it on
    localhost; the helper apps are not reported, the main app is."""
    files = {"api/__init__.py": "", "api/app.py": MAIN, "api/services.py": SPAWNER,
             "service/__init__.py": "", "service/thumbnail/__init__.py": "", "service/thumbnail/main.py": HELPER}
    assert _found(files) == [("PRR201", "api/app.py"), ("PRR405", "api/app.py")]
    # without the spawner, the helper is an app of its own
    del files["api/services.py"]
    assert ("PRR201", "service/thumbnail/main.py") in _found(files)


def test_a_started_program_that_is_the_service_stays_reported() -> None:
    """A development reloader starting the top-level `run.py`, a test starting the service, or a
    pattern naming no file (`*.py`) is no helper program."""
    reloader = "import subprocess, sys\n\ndef restart():\n    subprocess.Popen([sys.executable, 'run.py'])\n"
    files = {"run.py": HELPER, "dev_server.py": reloader}
    assert ("PRR201", "run.py") in _found(files)
    in_test = {"svc/__init__.py": "", "svc/app.py": MAIN, "helper/__init__.py": "", "helper/main.py": HELPER,
               "tests/test_e2e.py": "import subprocess\n\ndef test_it():\n    subprocess.Popen(['python', 'helper/main.py'])\n"}
    assert ("PRR201", "helper/main.py") in _found(in_test)
    anything = {**in_test, "tests/test_e2e.py": "", "svc/ci.py": "import subprocess\n\ndef lint(name):\n    subprocess.run(['python', f'{name}.py'])\n"}
    assert ("PRR201", "helper/main.py") in _found(anything)


def test_a_formatter_stamping_the_current_span_correlates_request_logs() -> None:
    """timesketch: a JSON formatter adds trace_id/span_id from the current OpenTelemetry span."""
    formatter = ("import json\nimport logging\ntry:\n    from opentelemetry import trace\nexcept ImportError:\n    trace = None\n\n"
                 "def configure_logger():\n    class JSONLogFormatter(logging.Formatter):\n        def format(self, record):\n"
                 "            entry = {'message': record.getMessage()}\n            if trace:\n"
                 "                context = trace.get_current_span().get_span_context()\n"
                 "                entry['span'] = trace.format_span_id(context.span_id)\n"
                 "            return json.dumps(entry)\n    return JSONLogFormatter()\n")
    files = {"svc/__init__.py": "", "svc/app.py": MAIN, "svc/logs.py": formatter}
    assert ("PRR405", "svc/app.py") not in _found(files)
    # a formatter that only formats, or a span read outside a log record hook, is no correlation
    plain = formatter.replace("trace.get_current_span().get_span_context()", "record")
    assert ("PRR405", "svc/app.py") in _found({**files, "svc/logs.py": plain})
    outside = "from opentelemetry import trace\n\ndef tag(value):\n    trace.get_current_span().set_attribute('v', value)\n"
    assert ("PRR405", "svc/app.py") in _found({**files, "svc/logs.py": outside})
