"""PRR501: an AWS Lambda function's timeout, the deadline of whatever its handler runs.

Lambda stops an invocation when the function's configured `Timeout` runs out (3 s by default, at
most 900 s, AWS's hard cap): a call the handler makes cannot hang past it, like one in a
time-limited Celery task (task_deadline.py). Its value is not read: whatever it says is a deadline
within deadline_values.MAX_SECONDS, and a deployed function always has one. The handler is read from
the deployment template that declares the function, a SAM / CloudFormation resource of type
`AWS::Serverless::Function` or `AWS::Lambda::Function` (`Handler: app.lambda_handler.handler`, an image's
`ImageConfig: Command`), an image built from a Lambda base image, by its `CMD` (lambda_base_images.py), a
Serverless Framework `serverless.yml` (`handler: src/handler.main`) or Zappa's settings (lambda_templates.py),
and counts when it names a function of the project or an object a project module binds, looked up in the function's code folder, by dotted name, or, for a package built
elsewhere, near the template (lambda_code.nearby_handler); or from a Terraform `aws_lambda_function` (lambda_terraform.py) or an AWS
CDK `aws_lambda.Function` in Python (lambda_cdk.py) or TypeScript (lambda_cdk_ts.py), tied to the project module by its handler and the folder
its package is built from; or the `app.py` of a Chalice project (lambda_chalice.py). A handler naming an object, not a function (`handler = Mangum(app)`), stands
for its module; the modules only Lambda handlers load are bounded whole (lambda_modules.py).

A handler that dispatches Django management commands (`call_command(event["command"])`: the job
queue's message names the command) runs every command of the project, so each command is bounded
too, unless another deployment file (a crontab, a start script) names it: that one may also run on
a host with no deadline. A `call_command("name")` with a literal name runs that command only.
"""

from __future__ import annotations

import os
import re
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Set

import libcst as cst

from prr_lint.project.index import ProjectIndex
from prr_lint.project.cloud_functions import cloud_function_handlers
from prr_lint.project.lambda_base_images import base_image_handlers
from prr_lint.project.lambda_cdk import cdk_handlers
from prr_lint.project.lambda_chalice import chalice_handlers
from prr_lint.project.lambda_cdk_ts import typescript_handlers
from prr_lint.project.lambda_modules import lambda_only_modules, split_handlers
from prr_lint.project.lambda_code import Handlers, code_root, handler_function, nearby_handler
from prr_lint.project.lambda_templates import TemplateFunction, declares_functions, template_functions
from prr_lint.project.lambda_terraform import terraform_handlers
from prr_lint.project.names import resolve_name
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.texts import job_text, parsed, read_bounded
from prr_lint.stamps import INFRASTRUCTURE_SUFFIX, is_function_template
from prr_lint.tree import descendants, dotted_name

_CALL_COMMAND = "call_command"


def lambda_limited(
    index: ProjectIndex, launch_files: Sequence[str], job_for: Callable[[str], Optional[object]],
    deployment_code: Sequence[str] = (), root: str = "",
) -> Set[str]:
    """The project's Lambda handlers and the management commands only they run (module docstring):
    functions and command classes a time-limited job starts from. `deployment_code`: the run's `.tf` files
    and CDK TypeScript apps (stamps.is_deployment_code), `root`: the folder module paths are relative to."""
    root = root or os.getcwd()
    terraform = [path for path in deployment_code if path.endswith(INFRASTRUCTURE_SUFFIX)]
    located: Handlers = {**(terraform_handlers(index, terraform, root) if terraform else {}), **cdk_handlers(index, job_for, root),
                         **typescript_handlers(index, deployment_code, root), **chalice_handlers(index, launch_files, root),
                         **cloud_function_handlers(index, launch_files, root), **base_image_handlers(index, launch_files, root)}
    templates: List[str] = []
    replaced: Dict[str, FrozenSet[str]] = {}  # a Lambda image's Dockerfile -> the instructions its function replaces
    for path in (*launch_files, *(path for path in deployment_code if is_function_template(os.path.basename(path)))):
        text = read_launch_text(path) if path.endswith((".yml", ".yaml")) else read_bounded(path) if path in deployment_code else None
        if text is None or not declares_functions(path, text):
            continue
        templates.append(path)
        for function in template_functions(path, text):
            if (target := _handler(index, function, path, root)) is not None:
                module = index.modules.get(index.module_of(target))
                folder = code_root(module, function.handler) if module is not None else None
                located[target] = folder if folder is not None else located.get(target)
                if function.dockerfile and function.replaces:
                    replaced[function.dockerfile] = replaced.get(function.dockerfile, frozenset()) | function.replaces
    if not located:
        return set()
    handlers, modules = split_handlers(index, located)
    code_roots = {index.module_of(target): folder for target, folder in located.items() if folder is not None}  # on the Lambda's `sys.path`
    only = lambda_only_modules(index, {module: code_roots.get(module) for module in modules}, launch_files, root, replaced)
    found = handlers | {name for name in index.functions if index.module_of(name) in only}
    commands: Set[str] = set()
    for handler in handlers:
        commands |= _commands(index, handler, job_for)
    if not commands:
        return found
    deployed = "\n".join(text for path in launch_files if path not in templates for text in [read_launch_text(path)] if text)
    for name in index.classes:
        module, _, tail = name.rpartition(".management.commands.")
        command = tail[: -len(".Command")] if module and tail.endswith(".Command") and "." not in tail[: -len(".Command")] else ""
        if command and ("*" in commands or command in commands) and not re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", deployed):
            found.update((name, *(method for method in index.functions if method.rpartition(".")[0] == name)))
    return found


def _handler(index: ProjectIndex, function: TemplateFunction, template: str, root: str) -> Optional[str]:
    """The project function a declared function's handler string (`src/handler.main`, `app.lambda_handler.handler`)
    names, or the project module it names an object of (`handler = Mangum(app)`, a WSGI app, hug's generated
    `__hug_wsgi__`), which the Lambda loads to find it; or None. Looked up in the function's code folder, then by
    the module's dotted name, then, for code built elsewhere, near the template (lambda_code.nearby_handler)."""
    handler = function.handler
    path, _, name = handler.rpartition(".")
    if not path or not name.isidentifier():
        return None
    if function.code is not None and (found := handler_function(index, function.code, handler, root)) is not None:
        return found
    module = path.replace("/", ".").strip(".")
    if (target := resolve_name(index, f"{module}.{name}")) in index.functions:
        return target
    if module in index.modules:
        return module
    return nearby_handler(index, handler, os.path.dirname(template), root) if function.code is None else None


def _commands(index: ProjectIndex, handler: str, job_for: Callable[[str], Optional[object]]) -> Set[str]:
    """The management commands the handler runs: their names, or "*" when it picks one at run time."""
    function = index.functions[handler]
    if not any(call.endswith(_CALL_COMMAND) for call in function.calls):
        return set()
    module = index.modules.get(index.module_of(handler))
    text = job_text(job_for(module.path)) if module is not None else None
    tree = parsed(text) if text is not None else None
    name = handler.rpartition(".")[2]
    body = next((node for node in tree.body if isinstance(node, cst.FunctionDef) and node.name.value == name), None) \
        if tree is not None else None
    found: Set[str] = set()
    for node in descendants(body, stop_at=()) if body is not None else ():
        if isinstance(node, cst.Call) and (dotted_name(node.func) or "").endswith(_CALL_COMMAND) and node.args:
            first = node.args[0].value
            found.add(first.evaluated_value if isinstance(first, cst.SimpleString) and isinstance(first.evaluated_value, str) else "*")
    return found
