"""The AWS Lambda handlers an AWS CDK app of the project deploys, each tied to the project function it names.

A construct `aws_lambda.Function(self, "Alert", handler="notify.lambda_handler",
code=aws_lambda.Code.from_asset("lambda"), ...)` deploys the code of a folder: a literal path is
relative to where `cdk synth` runs, the folder of the app's `cdk.json` (the nearest one above the
module, else the project root), and `os.path.join(os.path.dirname(__file__), "lambda")` to the
module's own folder. `aws_lambda_python_alpha.PythonFunction(entry="lambda", index="notify.py",
handler="lambda_handler")` names its folder, file and function apart (`index.py` and `handler` by
default). The handler string then names the function in that folder (lambda_code.py). Code built with
Docker, `Code.from_docker_build(path, file=...)` or a `DockerImageFunction`'s
`DockerImageCode.from_image_asset(directory, cmd=[...])` (`Code.from_asset_image` too), is tied through
the Dockerfile's copies (lambda_image.py); `os.path.abspath(path)` is relative to where `cdk synth` runs,
as a literal is, and a path naming a parameter of the enclosing function is its string default
(`code_dir: str = "./"`). Any other expression (a variable, an S3 bucket, an ECR image) names no folder
here and counts for nothing.

Read only from the modules that import `aws_cdk`, parsed again from the run's sources.
"""

from __future__ import annotations

import os
from typing import Callable, Dict, List, Optional, Tuple

import libcst as cst

from prr_lint.model import ModuleSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers, in_folder
from prr_lint.project.lambda_image import image_handler, read_image
from prr_lint.project.names import resolve_name
from prr_lint.project.texts import job_text, parsed
from prr_lint.tree import call_argument, dotted_name
from prr_lint.tree_reads import is_file

_FUNCTION = "aws_cdk.aws_lambda.Function"
_PYTHON_FUNCTION = "aws_cdk.aws_lambda_python_alpha.PythonFunction"
_IMAGE_FUNCTION = "aws_cdk.aws_lambda.DockerImageFunction"
_ASSETS = frozenset({"aws_cdk.aws_lambda.Code.from_asset", "aws_cdk.aws_lambda.AssetCode"})
_DOCKER_BUILD = "aws_cdk.aws_lambda.Code.from_docker_build"
_IMAGE_ASSETS = frozenset({"aws_cdk.aws_lambda.DockerImageCode.from_image_asset", "aws_cdk.aws_lambda.Code.from_asset_image"})
_CDK_FILE = "cdk.json"


def cdk_handlers(index: ProjectIndex, job_for: Callable[[str], Optional[object]], root: str) -> Handlers:
    """The project functions the project's CDK constructs deploy as Lambda handlers (a handler module, for an
    object handler: lambda_code.handler_target), each with its code folder when it has one."""
    found: Handlers = {}
    for module in index.modules.values():
        if not any(target.startswith("aws_cdk") for target in module.imports.values()):
            continue
        text = job_text(job_for(module.path))
        tree = parsed(text) if text is not None else None
        calls = _Constructs()
        if tree is not None:
            tree.visit(calls)
        for node, defaults in calls.found:
            found.update(_handler(index, module, node, defaults, root))
    return found


class _Constructs(cst.CSTVisitor):
    """The module's calls, each with the string defaults of the parameters of the functions around it
    (`code_dir: str = "./"`): what a path argument naming a parameter is unless a caller passes another."""

    def __init__(self) -> None:
        self.found: List[Tuple[cst.Call, Dict[str, str]]] = []
        self._defaults: List[Dict[str, str]] = [{}]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = (*node.params.params, *node.params.kwonly_params)
        own = {param.name.value: value for param in params for value in [_string(param.default)] if value is not None}
        self._defaults.append({**self._defaults[-1], **own})

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._defaults.pop()

    def visit_Call(self, node: cst.Call) -> None:
        self.found.append((node, self._defaults[-1]))


def _handler(index: ProjectIndex, module: ModuleSummary, node: cst.Call, defaults: Dict[str, str], root: str) -> Handlers:
    """The project function a Lambda construct call deploys as its handler, with its code folder; {} when none."""
    kind = _name(index, module, node.func)
    if kind not in (_FUNCTION, _PYTHON_FUNCTION, _IMAGE_FUNCTION):
        return {}
    keywords = {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
    code = keywords.get("code")
    source = _name(index, module, code.func) if isinstance(code, cst.Call) else None
    if kind == _PYTHON_FUNCTION:
        folder = _folder(module, keywords["entry"], root, defaults) if "entry" in keywords else None
        file = _string(keywords.get("index")) or "index.py"
        handler = f"{file[: -len('.py')]}.{_string(keywords.get('handler')) or 'handler'}" if file.endswith(".py") else None
        return in_folder(index, folder, handler, root) if folder and handler else {}
    if source in _ASSETS and kind == _FUNCTION:
        folder = _folder(module, call_argument(code, 0, "path"), root, defaults)
        handler = _string(keywords.get("handler"))
        return in_folder(index, folder, handler, root) if folder and handler else {}
    if source == _DOCKER_BUILD and kind == _FUNCTION or source in _IMAGE_ASSETS:
        target = _docker_handler(index, module, code, source == _DOCKER_BUILD, _string(keywords.get("handler")), root, defaults)
        return {target: None} if target is not None else {}
    return {}


def _docker_handler(index: ProjectIndex, module: ModuleSummary, code: cst.Call, zipped: bool, handler: Optional[str],
                    root: str, defaults: Dict[str, str]) -> Optional[str]:
    """The handler of code built with Docker (lambda_image.py): `Code.from_docker_build` zips the image's
    `image_path` (`/asset`) for `handler`; an image function runs its `cmd`, else the Dockerfile's CMD,
    from the image's working directory."""
    context = _folder(module, call_argument(code, 0, "path" if zipped else "directory"), root, defaults)
    file = _string(call_argument(code, None, "file")) or "Dockerfile"
    image = read_image(os.path.join(context, file)) if context else None
    if context is None or image is None:
        return None
    if zipped:
        folder = _string(call_argument(code, None, "image_path")) or "/asset"
    else:
        cmd = call_argument(code, None, "cmd")
        given = [_string(element.value) for element in cmd.elements] if isinstance(cmd, (cst.List, cst.Tuple)) else []
        handler, folder = (given[0] if given else image.cmd[0] if image.cmd else None), image.workdir
    return image_handler(index, image, context, folder, handler, root) if handler else None


def _name(index: ProjectIndex, module: ModuleSummary, expr: cst.BaseExpression) -> Optional[str]:
    """The library name an expression of the module refers to, through its imports."""
    name = dotted_name(expr)
    if name is None:
        return None
    head = name.partition(".")[0]
    return resolve_name(index, module.imports.get(head, head) + name[len(head):])


def _folder(module: ModuleSummary, expr: Optional[cst.BaseExpression], root: str, defaults: Dict[str, str]) -> Optional[str]:
    """The absolute folder a path expression names (module docstring), or None."""
    here = os.path.dirname(os.path.join(root, module.path))
    if isinstance(expr, cst.Call) and dotted_name(expr.func) == "os.path.abspath" and len(expr.args) == 1:
        expr = expr.args[0].value  # relative to where `cdk synth` runs, as a literal path is
    text = _string(expr) if not isinstance(expr, cst.Name) else defaults.get(expr.value)
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
        if is_file(os.path.join(folder, _CDK_FILE)):
            return folder
        if os.path.normpath(folder) == top or os.path.dirname(folder) == folder:
            return top
        folder = os.path.dirname(folder)


def _string(expr: Optional[cst.BaseExpression]) -> Optional[str]:
    if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
        return expr.evaluated_value
    return None

