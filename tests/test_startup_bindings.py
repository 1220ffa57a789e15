"""A call through a module-level name that start-up code rebinds may run what the project binds to it
(startup_bindings.py, project/startup_bindings.py): a setter the launcher hands a function, or another module's
assignment of the name; a rebinding in tests, or to a function that reports nothing, makes no report."""

from __future__ import annotations

from tests.test_errors_family import lint

LOGGER = (
    "def _discard(message):\n    return None\n\n\nwrite_log = _discard\n\n\n"
    "def set_writer(writer):\n    global write_log\n    write_log = writer\n\n\n"
    "def log_message(message):\n    return write_log(message)\n"
)
LAUNCH = (
    "import logging\nfrom svc.base.logger import set_writer\n\nlog = logging.getLogger('svc')\n\n\n"
    "def {name}(message):\n    log.{level}(message)\n\n\nset_writer({name})\n"
)
ERRORS = (
    "from flask import Flask\nfrom svc.base.logger import log_message\n\napp = Flask(__name__)\n\n\n"
    "@app.errorhandler(Exception)\ndef on_error(error):\n    log_message(f'request failed: {error}')\n    return 'internal error', 500\n"
)
FINDING = [("PRR104", "svc/web/errors.py", 8)]


def _prr104(files: dict) -> list:
    return [finding for finding in lint(files, select="PRR104") if finding[0] == "PRR104"]


def _files(launch_path: str = "svc/web/launch.py", level: str = "error", **extra: str) -> dict:
    files = {"svc/base/logger.py": LOGGER, "svc/web/errors.py": ERRORS,
             launch_path: LAUNCH.replace("{name}", "log_error").replace("{level}", level)}
    files.update(extra)
    return files


def test_a_helper_whose_writer_a_launcher_sets_to_a_reporting_function_reports() -> None:
    assert _prr104(_files()) == []


def test_a_writer_set_only_in_tests_reports_nothing() -> None:
    assert _prr104(_files("tests/test_launch.py")) == FINDING


def test_a_writer_set_to_a_function_that_logs_at_debug_reports_nothing() -> None:
    assert _prr104(_files(level="debug")) == FINDING


def test_a_placeholder_another_module_sets_to_a_tracker_reports() -> None:
    hooks = "report = None\n\n\ndef tell(exc):\n    report(exc)\n"
    launch = ("import sentry_sdk\nimport svc.base.hooks as hooks\n\n\ndef capture(exc):\n    sentry_sdk.capture_exception(exc)\n\n\n"
              "hooks.report = {value}\n")
    errors = ERRORS.replace("from svc.base.logger import log_message", "from svc.base.hooks import tell").replace(
        "log_message(f'request failed: {error}')", "tell(error)")
    files = {"svc/base/hooks.py": hooks, "svc/web/errors.py": errors, "svc/web/launch.py": launch.replace("{value}", "capture")}
    assert _prr104(files) == []
    files["svc/web/launch.py"] = launch.replace("{value}", "print")
    assert _prr104(files) == FINDING


def test_a_handler_calling_the_placeholder_itself_reports_through_what_is_set() -> None:
    errors = ("from flask import Flask\n\napp = Flask(__name__)\nnotify = None\n\n\n"
              "@app.errorhandler(Exception)\ndef on_error(error):\n    notify(error)\n    return 'internal error', 500\n")
    launch = ("import sentry_sdk\nimport svc.web.errors as errors\n\n\ndef capture(exc):\n    sentry_sdk.capture_exception(exc)\n\n\n"
              "errors.notify = capture\n")
    assert _prr104({"svc/web/errors.py": errors, "svc/web/launch.py": launch}) == []
    assert _prr104({"svc/web/errors.py": errors}) == FINDING


def test_a_writer_set_to_a_stderr_writer_reports_when_handed_the_traceback() -> None:
    launch = ("import sys\nfrom svc.base.logger import set_writer\n\n\ndef to_stderr(message):\n"
              "    sys.stderr.write(message + '\\n')\n\n\nset_writer(to_stderr)\n")
    traced = ERRORS.replace("from flask import Flask\n", "import traceback\nfrom flask import Flask\n").replace(
        "f'request failed: {error}'", "traceback.format_exc()")
    assert _prr104({"svc/base/logger.py": LOGGER, "svc/web/errors.py": traced, "svc/web/launch.py": launch}) == []
    assert _prr104({"svc/base/logger.py": LOGGER, "svc/web/errors.py": ERRORS, "svc/web/launch.py": launch}) == FINDING
