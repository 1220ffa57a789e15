"""A project helper that writes its parameter to the process's output reports at the calls that hand it the text of a
traceback (rules/report_calls.py `reports-if:...:=x:`, project/report_switches.py), through functions that pass the
parameter on and modules that re-export them; handed a message alone it reports nothing."""

from __future__ import annotations

from tests.test_errors_family import lint

LOGGER = (
    "import sys\n\n\ndef default_log(message):\n    try:\n        sys.stderr.write(message + '\\n')\n"
    "    except Exception:\n        sys.stderr.write('cannot write a log line\\n')\n\n\nwrite_log = default_log\n\n\n"
    "def set_writer(writer):\n    global write_log\n    write_log = writer\n\n\n"
    "def log_message(message):\n    return write_log(message)\n"
)
REEXPORT = "from svc.base.logger import log_message  # noqa: F401\n"
ERRORS = (
    "import traceback\nfrom flask import Flask\nfrom svc.web.logs import log_message\n\napp = Flask(__name__)\n\n\n"
    "@app.errorhandler(Exception)\ndef on_error(error):\n    if hasattr(error, 'trace'):\n        trace = error.trace\n"
    "    else:\n        trace = traceback.format_exc()\n    log_message({what})\n    return 'internal error', 500\n"
)


def _files(what: str, **extra: str) -> dict:
    files = {"svc/base/logger.py": LOGGER, "svc/web/logs.py": REEXPORT, "svc/web/errors.py": ERRORS.replace("{what}", what)}
    files.update(extra)
    return files


def _found(files: dict, code: str = "PRR104") -> list:
    return [finding for finding in lint(files, select=code) if finding[0] == code]


def test_a_traceback_handed_through_a_reexported_forwarding_helper_to_a_stderr_writer_reports() -> None:
    assert _found(_files("trace")) == []


def test_the_traceback_formatted_into_the_argument_reports_too() -> None:
    assert _found(_files("'request failed: ' + str(error) + '\\n' + traceback.format_exc()")) == []


def test_the_same_helper_handed_the_message_alone_reports_nothing() -> None:
    assert _found(_files("str(error)")) == [("PRR104", "svc/web/errors.py", 9)]


def test_a_helper_that_prints_only_its_own_message_to_stdout_reports_nothing() -> None:
    printer = "def log_message(message):\n    print('request failed')\n"
    assert _found(_files("trace", **{"svc/web/logs.py": printer})) == [("PRR104", "svc/web/errors.py", 9)]


def test_a_method_that_passes_its_parameter_on_has_the_switch_at_its_own_position() -> None:
    reporter = (
        "from svc.base.logger import log_message\n\n\nclass Reporter:\n    def log(self, prefix, message):\n"
        "        log_message(message)\n\n\nreporter = Reporter()\n"
    )
    handler = (
        "import traceback\nfrom flask import Flask\nfrom svc.web.reporter import reporter\n\napp = Flask(__name__)\n\n\n"
        "@app.errorhandler(Exception)\ndef on_error(error):\n    reporter.log({args})\n    return 'internal error', 500\n"
    )
    files = _files("trace", **{"svc/web/reporter.py": reporter})
    files["svc/web/errors.py"] = handler.replace("{args}", "'failed', traceback.format_exc()")
    assert _found(files) == []
    files["svc/web/errors.py"] = handler.replace("{args}", "traceback.format_exc(), 'failed'")
    assert _found(files) == [("PRR104", "svc/web/errors.py", 9)]


def test_a_view_answering_503_after_handing_the_traceback_to_the_helper_reports_its_error() -> None:
    view = (
        "import traceback\nfrom flask import Flask\nfrom svc.web.logs import log_message\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/items')\ndef items():\n    try:\n        return load()\n    except Exception:\n"
        "        log_message({what})\n        return 'unavailable', 503\n"
    )
    files = _files("trace")
    files["svc/web/views.py"] = view.replace("{what}", "'loading failed: ' + traceback.format_exc()")
    assert [finding for finding in lint(files) if finding[1] == "svc/web/views.py"] == []
    files["svc/web/views.py"] = view.replace("{what}", "'loading failed'")
    assert [finding for finding in lint(files) if finding[1] == "svc/web/views.py"] == [("PRR103", "svc/web/views.py", 12)]


def test_a_traceback_handed_down_a_chain_of_forwarding_helpers_reports_at_each_link() -> None:
    # each helper gets the switch the round after the one it calls: `outer` three calls above the writer
    chain = (
        "from svc.base.logger import log_message\n\n\ndef inner(text):\n    return log_message(text)\n\n\n"
        "def middle(prefix, text):\n    return inner(text)\n\n\ndef outer(text, prefix='x'):\n    return middle(prefix, text)\n"
    )
    handler = (
        "import traceback\nfrom flask import Flask\nfrom svc.web.chain import {helper}\n\napp = Flask(__name__)\n\n\n"
        "@app.errorhandler(Exception)\ndef on_error(error):\n    {helper}({args})\n    return 'internal error', 500\n"
    )
    files = _files("trace", **{"svc/web/chain.py": chain})
    for helper, args in (("inner", "traceback.format_exc()"), ("middle", "'p', traceback.format_exc()"), ("outer", "traceback.format_exc()")):
        files["svc/web/errors.py"] = handler.replace("{helper}", helper).replace("{args}", args)
        assert _found(files) == [], helper
    files["svc/web/errors.py"] = handler.replace("{helper}", "middle").replace("{args}", "traceback.format_exc(), 'p'")
    assert _found(files) == [("PRR104", "svc/web/errors.py", 9)]
