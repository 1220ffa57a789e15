"""The AWS Lambda functions a deployment template declares, and the handler string each one runs.

A CloudFormation / SAM template, YAML or JSON, declares a function as a resource of type
`AWS::Serverless::Function` or `AWS::Lambda::Function`. A zip function names its handler in
`Handler: app.lambda_handler.handler`; a container image function (`PackageType: Image`) in the first
word of its `ImageConfig: Command: ["app.handler"]`, which replaces the image's `CMD` (and `EntryPoint`
its `ENTRYPOINT`), or else in the `CMD` of the Dockerfile SAM builds the image from (`Metadata:
Dockerfile: Dockerfile, DockerContext: ./`, relative to the template's folder). A Serverless Framework
file names its functions' `handler:` or an image function's `command:`, and the serverless-wsgi plugin's
`custom: wsgi: app: api.app` the WSGI app its own generated handler serves. Zappa's settings
(`zappa_settings.json` / `.yml`) name the app Zappa's handler serves in each stage's `app_function`.
The handler string of an adapter-built handler (`handler = Mangum(app)`, `serverless_wsgi.handle_request`
in a function) or of an app names an object of a project module: the Lambda loads that module.
Whatever timeout the function has (3 s when a template leaves `Timeout` unset, SAM's `Globals` or not;
Zappa's `timeout_seconds` 30 s), it is a deadline (lambda_deadline.py).

The handler string is relative to the function's code, the folder its zip package is built from: a
template's local `CodeUri` (a SAM function, `Globals: Function:` too) or `Code` (a CloudFormation one
packaged by `aws cloudformation package`), relative to the template's folder, which is SAM's default
when the function names none; a Serverless or Zappa project's folder. An S3 object, a local `.zip`, a
value the deployment fills in (`!Sub`) or an image names no folder here: the code is built elsewhere
(lambda_code.nearby_handler). A function whose code is inline (`InlineCode`, `Code: ZipFile`) or whose
`Runtime` is not Python runs no module of the project.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, FrozenSet, Iterator, List, NamedTuple, Optional

from prr_lint.project.lambda_image import read_image

_FUNCTION_TYPE = re.compile(r"^(\s*)Type\s*:\s*['\"]?AWS::(Serverless|Lambda)::Function['\"]?\s*(?:#.*)?$", re.MULTILINE)
_SERVERLESS_FILES = ("serverless.yml", "serverless.yaml")
_ZAPPA_SETTINGS = re.compile(r"zappa_settings\.(json|ya?ml)$")
_REPLACING = (("Command", "CMD"), ("EntryPoint", "ENTRYPOINT"))  # an ImageConfig key, the Dockerfile instruction it replaces


class TemplateFunction(NamedTuple):
    """A declared function: its handler string, the Dockerfile of its image with the instructions the
    function replaces (a CMD it never runs), and the folder of its code (module docstring)."""

    handler: str
    dockerfile: str = ""
    replaces: FrozenSet[str] = frozenset()
    code: Optional[str] = None  # the folder its package is built from; None when the template names none


def declares_functions(path: str, text: str) -> bool:
    """Whether the file is a template, Serverless or Zappa file that declares Lambda functions."""
    name = os.path.basename(path)
    return bool(_FUNCTION_TYPE.search(text) or '"AWS::Serverless::Function"' in text or '"AWS::Lambda::Function"' in text
                or name in _SERVERLESS_FILES or _ZAPPA_SETTINGS.match(name))


def template_functions(path: str, text: str) -> List[TemplateFunction]:
    """The functions the file (module docstring) declares."""
    name = os.path.basename(path)
    if name.endswith(".json") or text.lstrip().startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            return []
        return list(_json_functions(path, document)) if isinstance(document, dict) else []
    lines, here = text.splitlines(), os.path.dirname(path)
    if _ZAPPA_SETTINGS.match(name):
        return [TemplateFunction(value, code=here) for line in lines for value in [_scalar(line, "app_function")] if value]
    if name in _SERVERLESS_FILES:
        found = [TemplateFunction(value, code=here) for number, line in enumerate(lines)
                 for key in ("handler", "command") for value in [_value(lines, number, key)] if value]
        wsgi = next((number for number, line in enumerate(lines) if re.match(r"\s*wsgi\s*:\s*(#.*)?$", line)), None)
        app = _first(_block(lines, wsgi), "app") if wsgi is not None else None
        return found + ([TemplateFunction(app, code=here)] if app else [])
    top = next((number for number, line in enumerate(lines) if re.match(r"Globals\s*:\s*(#.*)?$", line)), None)
    globals_block = _block(lines, top) if top is not None else []
    return [function for match in _FUNCTION_TYPE.finditer(text)
            for function in [_yaml_function(path, _block(lines, text.count("\n", 0, match.start()), len(match.group(1))),
                                            globals_block, match.group(2) == "Serverless")] if function]


def _yaml_function(path: str, block: List[str], globals_block: List[str], serverless: bool) -> Optional[TemplateFunction]:
    """The function a resource's block declares; its SAM defaults (CodeUri, Runtime) from the `Globals` block."""
    runtime = _first(block, "Runtime") or _first(globals_block, "Runtime")
    if not _python(runtime) or _first(block, "InlineCode") is not None or _first(block, "ZipFile") is not None:
        return None
    replaces = frozenset(instruction for key, instruction in _REPLACING if _first(block, key) is not None)
    context, dockerfile = _first(block, "DockerContext"), _first(block, "Dockerfile")
    function = _function(path, _first(block, "Handler") or _first(block, "Command"), context, dockerfile, replaces)
    image = _first(block, "PackageType") == "Image" or _first(block, "ImageUri") is not None
    uri = _first(block, "CodeUri" if serverless else "Code")
    uri = _first(globals_block, "CodeUri") if uri is None and serverless else uri
    return function._replace(code=_code(path, uri, serverless)) if function is not None and not image else function


def _json_functions(path: str, document: Dict[str, Any]) -> Iterator[TemplateFunction]:
    resources = document.get("Resources")
    stages = resources if isinstance(resources, dict) else document  # a template's resources, or Zappa's stages
    for resource in stages.values():
        if not isinstance(resource, dict):
            continue
        if isinstance(resource.get("app_function"), str):
            yield TemplateFunction(resource["app_function"], code=os.path.dirname(path))
            continue
        if resource.get("Type") not in ("AWS::Serverless::Function", "AWS::Lambda::Function"):
            continue
        properties, metadata = resource.get("Properties") or {}, resource.get("Metadata") or {}
        serverless, code = resource["Type"] == "AWS::Serverless::Function", properties.get("Code")
        defaults = _mapping(_mapping(document.get("Globals")).get("Function")) if serverless else {}
        if not _python(properties.get("Runtime", defaults.get("Runtime"))) or "InlineCode" in properties or isinstance(code, dict) and "ZipFile" in code:
            continue
        image = properties.get("ImageConfig") or {}
        command = image.get("Command") if isinstance(image, dict) else None
        handler = properties.get("Handler") or (command[0] if isinstance(command, list) and command else None)
        replaces = frozenset(instruction for key, instruction in _REPLACING if isinstance(image, dict) and key in image)
        function = _function(path, handler if isinstance(handler, str) else None, metadata.get("DockerContext"), metadata.get("Dockerfile"), replaces)
        uri = properties.get("CodeUri", defaults.get("CodeUri")) if serverless else code
        if function is not None:
            imaged = properties.get("PackageType") == "Image" or "ImageUri" in properties
            yield function if imaged else function._replace(code=_code(path, uri if isinstance(uri, str) or uri is None else "", serverless))


def _mapping(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _python(runtime: Any) -> bool:
    """Whether a function with this `Runtime` may run Python: unset, Python, or filled in at deployment (`!Ref`)."""
    return not isinstance(runtime, str) or not re.match(r"[a-z][\w.]*$", runtime) or runtime.startswith("python")


def _code(path: str, uri: Optional[str], serverless: bool) -> Optional[str]:
    """The folder a function's code is built from: its local `CodeUri` / `Code`, or the template's folder when a
    SAM function names none; None for an S3 object, a local zip, a mapping ("") or a value filled in later."""
    if uri is None:
        return os.path.dirname(path) if serverless else None
    if not uri or "://" in uri or uri.startswith("!") or "$" in uri or uri.endswith((".zip", ".jar")):
        return None
    return os.path.normpath(os.path.join(os.path.dirname(path), uri))


def _function(path: str, handler: Optional[str], context: Any, dockerfile: Any, replaces: FrozenSet[str]) -> Optional[TemplateFunction]:
    """The function, tied to the Dockerfile SAM builds its image from; its handler from that CMD when unset."""
    built = ""
    if isinstance(dockerfile, str) and dockerfile and "$" not in dockerfile:
        context = context if isinstance(context, str) and "$" not in context else "."
        built = os.path.normpath(os.path.join(os.path.dirname(path), context, dockerfile))
    if not handler and built and (image := read_image(built)) is not None and image.cmd:
        handler = image.cmd[0]
    return TemplateFunction(handler, built, replaces) if handler else None


def _block(lines: List[str], number: int, indent: Optional[int] = None) -> List[str]:
    """The lines of the YAML mapping entry that holds line `number` (at `indent`), or that opens there."""
    start = number
    if indent is not None:  # the key above the line: `SearchFunction:` over its `Type:`
        start = next((above for above in range(number - 1, -1, -1) if _indent(lines[above]) is not None and _indent(lines[above]) < indent), 0)
    opening = _indent(lines[start]) or 0
    end = next((below for below in range(start + 1, len(lines)) if (level := _indent(lines[below])) is not None and level <= opening), len(lines))
    return lines[start + 1:end]


def _indent(line: str) -> Optional[int]:
    """A content line's indentation; None for a blank or comment line."""
    stripped = line.lstrip()
    return None if not stripped or stripped.startswith("#") else len(line) - len(stripped)


def _first(block: List[str], key: str) -> Optional[str]:
    """The first value of `key` in the block: a scalar, or a list's first item; "" for a key without one."""
    return next((value for number in range(len(block)) for value in [_value(block, number, key)] if value is not None), None)


def _value(lines: List[str], number: int, key: str) -> Optional[str]:
    """The value of `key` on line `number`: scalar, `[first, ...]`, or the `- first` item of the next line."""
    match = re.match(rf"\s*(?:-\s*)?{key}\s*:\s*(.*?)\s*(?:#.*)?$", lines[number], re.IGNORECASE)
    if match is None:
        return None
    value = match.group(1)
    if value.startswith("["):
        value = value[1:].split(",")[0].rstrip("]")
    elif not value:
        item = next((re.match(r"\s*-\s*(.*?)\s*(?:#.*)?$", line) for line in lines[number + 1:] if _indent(line) is not None), None)
        value = item.group(1) if item else ""
    return value.strip().strip("'\"")


def _scalar(line: str, key: str) -> Optional[str]:
    match = re.match(rf"\s*{key}\s*:\s*['\"]?([\w./-]+)['\"]?\s*(?:#.*)?$", line)
    return match.group(1) if match else None
