"""PRR104's examples of a Flask handler keyed on a constant code of 501-505 (rules/error_codes.py,
project/handled_raises.py), apart from global_handler_examples.py, which they would make too long."""

from __future__ import annotations

from prr_lint.rules.base import Example

_CODE_HANDLER = (  # examples: a handler keyed on a constant code, `handling` the error of the view that may abort with it
    "import logging\nfrom flask import Blueprint, abort, jsonify\nfrom werkzeug.exceptions import HTTPVersionNotSupported\n"
    "log = logging.getLogger(__name__)\nbp = Blueprint('plans', __name__)\nPLAN_FAILED = {code}\n\n"
    "class NoPlan(Exception):\n    pass\n\ndef plan_failed(e):{expect}\n    return jsonify(error=e.description), 500\n\n"
    "bp.register_error_handler(PLAN_FAILED, plan_failed)\n{more}\n"
    "@bp.route('/plans', methods=['POST'])\ndef plans():\n    try:\n        return jsonify(planner.plan())\n"
    "    except NoPlan as e:\n{handling}")
_LOGGED_ABORT = "        log.error('no plan: %s', e)\n        abort(PLAN_FAILED, str(e))\n"

CODE_HANDLERS_LEFT_ALONE = (
    # a handler keyed on a code of 501-505 named by a constant takes only the service's own `abort(<code>)` (werkzeug
    # turns an unexpected error into a 500): each abort reported first, or none at all, and it silences nothing
    Example(_CODE_HANDLER.format(code=505, expect="", more="", handling=_LOGGED_ABORT)),
    Example("from flask import Flask, jsonify\napp = Flask(__name__)  # prr-lint: ignore[PRR201,PRR206] not this example's point\n"
            "UNAVAILABLE = 503\n\n@app.errorhandler(UNAVAILABLE)\ndef unavailable(e):\n    return jsonify(error='try later'), 500\n\n"
            "@app.route('/items')\ndef items():\n    return jsonify(store.items())\n"),
    Example("import logging\nfrom http import HTTPStatus\nfrom flask import Blueprint, abort, jsonify\nlog = logging.getLogger(__name__)\n"
            "bp = Blueprint('items', __name__)\n\n@bp.errorhandler(HTTPStatus.SERVICE_UNAVAILABLE)\ndef unavailable(e):\n"
            "    return jsonify(error='try later'), 500\n\n@bp.before_request\ndef store_up():\n    try:\n        store.ping()\n"
            "    except OSError:\n        log.exception('the store is down')\n        abort(HTTPStatus.SERVICE_UNAVAILABLE)\n\n"
            "@bp.route('/items')\ndef items():\n    return jsonify(store.items())\n"),
)

CODE_HANDLERS_REPORTED = (
    # a handler keyed on a constant code: one abort of it reports nothing; one aborts with a code the file does not
    # show; the class of the code is raised (not only aborted with); the function is also the 500 handler; an app
    # hook aborts with it unreported; a 4xx code, which werkzeug raises itself; a constant a function rebinds
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="",
                                 handling="        abort(PLAN_FAILED, str(e))\n")),
    # also registered for 500 by calling the registering decorator: it takes unexpected errors too
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="bp.errorhandler(500)(plan_failed)\n",
                                 handling=_LOGGED_ABORT)),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="\n@bp.route('/old')\ndef old():\n    abort(planner.status())\n",
                                 handling=_LOGGED_ABORT)),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="",
                                 handling="        log.error('no plan: %s', e)\n        raise HTTPVersionNotSupported(str(e))\n")),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="bp.register_error_handler(500, plan_failed)\n",
                                 handling=_LOGGED_ABORT)),
    Example(_CODE_HANDLER.format(code=502, expect="  # expect: PRR104",
                                 more="\n@bp.before_app_request\ndef upstream():\n    if not planner.ready():\n        abort(502)\n",
                                 handling="        log.error('no plan: %s', e)\n        abort(502)\n")),
    Example(_CODE_HANDLER.format(code=404, expect="  # expect: PRR104", more="", handling=_LOGGED_ABORT)),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104",
                                 more="\ndef degrade():\n    global PLAN_FAILED\n    PLAN_FAILED = 500\n", handling=_LOGGED_ABORT)),
    # ... flask-restx's `errors.abort`, a namespace's `abort`, the app's `aborter`, an `Aborter` instance (their code is
    # not read: any class may come); a raise of an instance held in a name, or of what a project function returns
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="from flask_restx.errors import abort as rest_abort\n",
                                 handling="        rest_abort(PLAN_FAILED, str(e))\n")),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="from flask_restx import Namespace\nns = Namespace('plans')\n",
                                 handling="        log.error('no plan: %s', e)\n        ns.abort(PLAN_FAILED, str(e))\n")),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="from flask import current_app\n",
                                 handling="        log.error('no plan: %s', e)\n        current_app.aborter(PLAN_FAILED)\n")),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="from werkzeug.exceptions import Aborter\nfail = Aborter()\n",
                                 handling="        log.error('no plan: %s', e)\n        fail(PLAN_FAILED)\n")),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104", more="",
                                 handling="        err = HTTPVersionNotSupported(str(e))\n        raise err\n")),
    Example(_CODE_HANDLER.format(code=505, expect="  # expect: PRR104",
                                 more="\ndef plan_error(e):\n    return HTTPVersionNotSupported(str(e))\n",
                                 handling="        raise plan_error(e)\n")),
)
