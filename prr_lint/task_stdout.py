"""Whether a module turns off Celery's redirection of task output to logging.

A Celery worker replaces `sys.stdout` and `sys.stderr` with a logging proxy by default
(`worker_redirect_stdouts`, level `worker_redirect_stdouts_level`, WARNING): what a task prints
becomes a log record of the `celery.redirected` logger. A project that sets the option to False
(`worker_redirect_stdouts = False`, the old `CELERYD_REDIRECT_STDOUTS`, the Django-namespaced
`CELERY_WORKER_REDIRECT_STDOUTS`, as an assignment, a keyword or a config dict key) or starts its
worker with `--no-redirect-stdouts` keeps the output on the terminal (project/task_output.py).
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

_OPTION_SUFFIX = "redirect_stdouts"
_NO_REDIRECT_FLAG = "--no-redirect-stdouts"


def _is_false(value: Optional[cst.BaseExpression]) -> bool:
    return isinstance(value, cst.Name) and value.value == "False"


def _names_option(target: cst.BaseExpression) -> bool:
    name = target.value if isinstance(target, cst.Name) else target.attr.value if isinstance(target, cst.Attribute) \
        else target.evaluated_value if isinstance(target, cst.SimpleString) else None
    return isinstance(name, str) and name.lower().endswith(_OPTION_SUFFIX)


def keeps_task_stdout(node: cst.CSTNode) -> bool:
    """An assignment, keyword, dict entry or worker argument that turns the redirection off."""
    if isinstance(node, cst.Assign):
        return _is_false(node.value) and any(_names_option(target.target) for target in node.targets)
    if isinstance(node, cst.Call):
        return any(
            (arg.keyword is not None and _names_option(arg.keyword) and _is_false(arg.value))
            or _is_flag(arg.value)
            or (isinstance(arg.value, (cst.List, cst.Tuple)) and any(_is_flag(element.value) for element in arg.value.elements))
            for arg in node.args
        )
    if isinstance(node, cst.Dict):
        return any(
            isinstance(element, cst.DictElement) and _names_option(element.key) and _is_false(element.value)
            for element in node.elements
        )
    return False


def _is_flag(value: cst.BaseExpression) -> bool:
    """`--no-redirect-stdouts` handed to the worker (`app.worker_main(["worker", "--no-redirect-stdouts"])`)."""
    return isinstance(value, cst.SimpleString) and value.evaluated_value == _NO_REDIRECT_FLAG
