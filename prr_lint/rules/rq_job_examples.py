"""PRR501's documented examples of RQ jobs sent through a project helper (project/rq_wrappers.py), apart
from timeout_examples.py to keep each module short."""

from __future__ import annotations

from prr_lint.rules.base import Example

_HELPER = (
    "import requests\nfrom flask import Flask\nfrom flask_rq import get_queue\n\n"
    "app = Flask(__name__)  # noqa: PRR201, PRR206\n\n"
    "def start_job(func, *args, timeout=300, **kwargs):\n"
    "    return get_queue().enqueue_call(func=func, args=args, kwargs=kwargs, timeout=timeout)\n\n"
    "def export_grades(course):\n    return requests.post('https://lms/grades', json=course){expect}\n\n"
    "@app.route('/export/<course>')\ndef export(course):\n    start_job(export_grades, course{timeout})\n    return 'queued'\n"
)

VALID = (
    # a job the app's own helper enqueues with the helper's default timeout: the RQ worker kills it after 300 s
    Example(_HELPER.format(expect="", timeout="")),
)
INVALID = (
    # the same helper given no timeout (-1) by its caller: a hung provider holds the worker forever
    Example(_HELPER.format(expect="  # expect: PRR501", timeout=", timeout=-1")),
)
