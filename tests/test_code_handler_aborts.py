"""PRR104 across modules: a Flask handler keyed on a constant code of 501-505 is judged by the project's aborts and
raises of that code (project/handled_raises.py); an abort or the code's class a project module re-exports, or a
raise of a project name that is no class, still reaches it (raise_marks.py, rules/error_codes.py)."""

from __future__ import annotations

from tests.test_errors_family import lint

API = (
    "import logging\nfrom flask import Blueprint, jsonify\n{imports}\nlog = logging.getLogger(__name__)\n"
    "bp = Blueprint('b', __name__)\nDOWN = 505\n\n"
    "def down(e):\n    return jsonify(error='down'), 500\n\n"
    "bp.register_error_handler(DOWN, down)\n\n"
    "@bp.route('/x')\ndef x():\n    try:\n        return jsonify(store.get())\n    except OSError:\n{handling}"
)
HANDLER_LINE = 8


# A `before_request` hook of another module that aborts with the handler's code when the store is down.
HOOKS = (
    "import logging\nfrom flask import abort\nfrom svc.api import bp\nlog = logging.getLogger(__name__)\n\n"
    "@bp.before_request\ndef check():\n    try:\n        store.ping()\n    except OSError:\n{reporting}        abort(505)\n"
)


def _prr104(imports: str, handling: str, errors: str, more: str = "", hooks: str = "") -> list:
    files = {"svc/__init__.py": "", "svc/api.py": API.format(imports=imports, handling=handling) + more, "svc/errors.py": errors,
             "svc/hooks.py": hooks}
    return [finding for finding in lint(files, select="PRR104") if finding[0] == "PRR104"]


def test_an_abort_of_the_code_after_a_report_silences_nothing() -> None:
    assert _prr104("from flask import abort", "        log.error('store down')\n        abort(DOWN)\n", "") == []


def test_an_abort_a_project_module_re_exports_keeps_the_finding() -> None:
    assert _prr104("from svc.errors import abort", "        abort(505)\n", "from flask import abort\n") == [
        ("PRR104", "svc/api.py", HANDLER_LINE)]


def test_an_abort_called_through_a_project_module_keeps_the_finding() -> None:
    assert _prr104("from svc import errors", "        errors.abort(505)\n", "from flask import abort\n") == [
        ("PRR104", "svc/api.py", HANDLER_LINE)]


def test_the_codes_class_a_project_module_re_exports_keeps_the_finding() -> None:
    assert _prr104("from svc.errors import HTTPVersionNotSupported", "        raise HTTPVersionNotSupported('down')\n",
                   "from werkzeug.exceptions import HTTPVersionNotSupported\n") == [("PRR104", "svc/api.py", HANDLER_LINE)]


def test_a_raise_of_a_project_name_that_is_no_class_keeps_the_finding() -> None:
    errors = "from werkzeug.exceptions import HTTPVersionNotSupported\nSTORE_DOWN = HTTPVersionNotSupported('down')\n"
    assert _prr104("from svc import errors", "        raise errors.STORE_DOWN\n", errors) == [("PRR104", "svc/api.py", HANDLER_LINE)]


def test_an_abort_of_the_code_after_a_report_in_another_module_silences_nothing() -> None:
    hooks = HOOKS.format(reporting="        log.error('store down')\n")
    assert _prr104("", "        return jsonify(error='store'), 503\n", "", hooks=hooks) == []


def test_an_abort_of_the_code_in_another_module_without_a_report_keeps_the_finding() -> None:
    assert _prr104("", "        return jsonify(error='store'), 503\n", "", hooks=HOOKS.format(reporting="")) == [
        ("PRR104", "svc/api.py", HANDLER_LINE)]


def test_a_handler_also_registered_for_500_by_a_decorator_call_keeps_the_finding() -> None:
    # `bp.errorhandler(500)(down)`: what reaches `down` is every unexpected error too, not only the logged abort
    assert _prr104("from flask import abort", "        log.error('store down')\n        abort(DOWN)\n", "",
                   more="bp.errorhandler(500)(down)\n") == [("PRR104", "svc/api.py", HANDLER_LINE)]
