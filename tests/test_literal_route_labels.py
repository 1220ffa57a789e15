"""PRR205 on the request's path (project/literal_routes.py): a view reached only through routes without
converters sees only those paths, so its label has one value per rule (a metadata ingestor's upload views on
`/v1/create` and `/v1/insert` counting failed deliveries by path). What may see other paths stays reported:
a view registered by a call, an error handler, a helper module code calls, a project with a router prefix that
has a parameter."""

from __future__ import annotations

from typing import List, Tuple

from _serving import run

HEAD = (
    "from flask import Blueprint, Flask, request\nfrom prometheus_client import Counter\n"
    "FAILED = Counter('failed', 'Failed deliveries', ['path'])\nbp = Blueprint('store', __name__)\n\n"
)
COUNT = "def count_failure():\n    FAILED.labels(path=request.path).inc()\n\n"


def _lines(source: str) -> List[Tuple[str, int]]:
    result = run({"svc/views.py": HEAD + source}, select=("PRR205",), whole_project=True)
    return sorted((finding.rule, finding.span.line) for finding in result.findings)


def test_a_helper_only_literal_views_call_is_not_reported() -> None:
    views = ("@bp.route('/v1/create', methods=['POST'])\n@bp.route('/v1/insert', methods=['POST'])\ndef insert():\n"
             "    count_failure()\n    return 'ok'\n\n@bp.post('/v1/update')\ndef update():\n    count_failure()\n    return 'ok'\n")
    assert _lines(COUNT + views) == []


def test_a_view_registered_by_a_call_is_reported() -> None:
    views = "def insert():\n    count_failure()\n    return 'ok'\n\nbp.add_url_rule('/v1/insert', view_func=insert)\n"
    assert _lines(COUNT + views) == [("PRR205", 7)]


def test_an_error_handler_sees_every_path() -> None:
    views = ("@bp.route('/v1/insert')\ndef insert():\n    count_failure()\n    return 'ok'\n\n"
             "@bp.errorhandler(404)\ndef missing(error):\n    count_failure()\n    return 'missing', 404\n")
    assert _lines(COUNT + views) == [("PRR205", 7)]


def test_a_helper_module_code_calls_is_reported() -> None:
    views = "@bp.route('/v1/insert')\ndef insert():\n    count_failure()\n    return 'ok'\n\ncount_failure()\n"
    assert _lines(COUNT + views) == [("PRR205", 7)]


def test_a_rule_beside_a_prefix_with_a_parameter_is_reported() -> None:
    views = ("tenant = Blueprint('tenant', __name__, url_prefix='/<tenant>')\n\n"
             "@bp.route('/v1/insert')\n@tenant.route('/v1/insert')\ndef insert():\n"
             "    FAILED.labels(path=request.path).inc()\n    return 'ok'\n")
    assert _lines(views) == [("PRR205", 11)]


def test_other_request_attributes_stay_reported_in_literal_views() -> None:
    views = ("@bp.route('/v1/insert')\ndef insert():\n    FAILED.labels(path=request.full_path).inc()\n"
             "    FAILED.labels(path=f'{request.path}?{request.args}').inc()\n    return 'ok'\n")
    assert _lines(views) == [("PRR205", 8), ("PRR205", 9)]


def test_a_literal_rule_of_a_blueprint_mounted_under_a_parameter_is_reported() -> None:
    views = ("@bp.route('/v1/insert')\ndef insert():\n    FAILED.labels(path=request.path).inc()\n    return 'ok'\n\n"
             "app = Flask(__name__)\napp.register_blueprint(bp, url_prefix='/<tenant>')\n")
    assert _lines(views) == [("PRR205", 8)]
