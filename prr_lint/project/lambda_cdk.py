"""The AWS Lambda handlers an AWS CDK app of the project deploys, each tied to the project function it names.

A construct `aws_lambda.Function(self, "Alert", handler="notify.lambda_handler",
code=aws_lambda.Code.from_asset("lambda"), ...)` deploys the code of a folder: a literal path is
relative to where `cdk synth` runs, the folder of the app's `cdk.json` (the nearest one above the
module, else the project root), and `os.path.join(os.path.dirname(__file__), "lambda")` to the
module's own folder. `aws_lambda_python_alpha.PythonFunction(entry="lambda", index="notify.py",
handler="lambda_handler")` names its folder, file and function apart (`index.py` and `handler` by
default). The handler string then names the function in that folder (lambda_code.py). Any other
expression (a variable, an S3 bucket, an image) names no folder here and counts for nothing.

Read only from the modules that import `aws_cdk`, parsed again from the run's sources.
"""

from __future__ import annotations

import os
from typing import Callable, Optional, Set

import libcst as cst

from prr_lint.model import ModuleSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import handler_function
from prr_lint.project.names import resolve_name
from prr_lint.project.texts import job_text, parsed
from prr_lint.tree import descendants, dotted_name

_FUNCTION = "aws_cdk.aws_lambda.Function"
_PYTHON_FUNCTION = "aws_cdk.aws_lambda_python_alpha.PythonFunction"
_ASSETS = frozenset({"aws_cdk.aws_lambda.Code.from_asset", "aws_cdk.aws_lambda.AssetCode"})
_CDK_FILE = "cdk.json"


def cdk_handlers(index: ProjectIndex, job_for: Callable[[str], Optional[object]], root: str) -> Set[str]:
    """The project functions the project's CDK constructs deploy as Lambda handlers."""
    found: Set[str] = set()
    for module in index.modules.values():
        if not any(target.startswith("aws_cdk") for target in module.imports.values()):
            continue
        text = job_text(job_for(module.path))
        tree = parsed(text) if text is not None else None
        for node in descendants(tree, stop_at=()) if tree is not None else ():
            kind = _name(index, module, node.func) if isinstance(node, cst.Call) else None
            if kind not in (_FUNCTION, _PYTHON_FUNCTION):
                continue
            keywords = {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
            if kind == _FUNCTION:
                code = keywords.get("code")
                folder = _folder(module, code.args[0].value, root) \
                    if isinstance(code, cst.Call) and code.args and _name(index, module, code.func) in _ASSETS else None
                handler = _string(keywords.get("handler"))
            else:
                folder = _folder(module, keywords["entry"], root) if "entry" in keywords else None
                file = _string(keywords.get("index")) or "index.py"
                handler = f"{file[: -len('.py')]}.{_string(keywords.get('handler')) or 'handler'}" if file.endswith(".py") else None
            target = handler_function(index, folder, handler, root) if folder and handler else None
            if target is not None:
                found.add(target)
    return found


def _name(index: ProjectIndex, module: ModuleSummary, expr: cst.BaseExpression) -> Optional[str]:
    """The library name an expression of the module refers to, through its imports."""
    name = dotted_name(expr)
    if name is None:
        return None
    head = name.partition(".")[0]
    return resolve_name(index, module.imports.get(head, head) + name[len(head):])


def _folder(module: ModuleSummary, expr: cst.BaseExpression, root: str) -> Optional[str]:
    """The absolute folder a path expression names (module docstring), or None."""
    here = os.path.dirname(os.path.join(root, module.path))
    text = _string(expr)
    if text is not None:
        return os.path.normpath(os.path.join(_app_folder(here, root), text))
    if isinstance(expr, cst.Call) and dotted_name(expr.func) == "os.path.join" and expr.args and _is_own_folder(expr.args[0].value):
        parts = [_string(arg.value) for arg in expr.args[1:]]
        return os.path.normpath(os.path.join(here, *parts)) if all(part is not None for part in parts) else None
    return None


def _is_own_folder(expr: cst.BaseExpression) -> bool:
    """`os.path.dirname(__file__)`, or of `os.path.abspath(__file__)` / `os.path.realpath(__file__)`."""
    if not (isinstance(expr, cst.Call) and dotted_name(expr.func) == "os.path.dirname" and len(expr.args) == 1):
        return False
    inner = expr.args[0].value
    if isinstance(inner, cst.Call) and dotted_name(inner.func) in ("os.path.abspath", "os.path.realpath") and len(inner.args) == 1:
        inner = inner.args[0].value
    return isinstance(inner, cst.Name) and inner.value == "__file__"


def _app_folder(here: str, root: str) -> str:
    """The folder `cdk synth` runs in: the nearest one holding `cdk.json` from `here` up to the root."""
    folder, top = here, os.path.normpath(root)
    while True:
        if os.path.isfile(os.path.join(folder, _CDK_FILE)):
            return folder
        if os.path.normpath(folder) == top or os.path.dirname(folder) == folder:
            return top
        folder = os.path.dirname(folder)


def _string(expr: Optional[cst.BaseExpression]) -> Optional[str]:
    if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
        return expr.evaluated_value
    return None

