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
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, FrozenSet, Iterator, List, NamedTuple, Optional

from prr_lint.project.lambda_image import read_image

_FUNCTION_TYPE = re.compile(r"^(\s*)Type\s*:\s*['\"]?AWS::(?:Serverless|Lambda)::Function['\"]?\s*(?:#.*)?$", re.MULTILINE)
_SERVERLESS_FILES = ("serverless.yml", "serverless.yaml")
_ZAPPA_SETTINGS = re.compile(r"zappa_settings\.(json|ya?ml)$")
_REPLACING = (("Command", "CMD"), ("EntryPoint", "ENTRYPOINT"))  # an ImageConfig key, the Dockerfile instruction it replaces


class TemplateFunction(NamedTuple):
    """A declared function: its handler string, and the Dockerfile of its image with the instructions the
    function replaces (a CMD it never runs)."""

    handler: str
    dockerfile: str = ""
    replaces: FrozenSet[str] = frozenset()


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
    lines = text.splitlines()
    if _ZAPPA_SETTINGS.match(name):
        return [TemplateFunction(value) for line in lines for value in [_scalar(line, "app_function")] if value]
    if name in _SERVERLESS_FILES:
        found = [TemplateFunction(value) for number, line in enumerate(lines)
                 for key in ("handler", "command") for value in [_value(lines, number, key)] if value]
        wsgi = next((number for number, line in enumerate(lines) if re.match(r"\s*wsgi\s*:\s*(#.*)?$", line)), None)
        app = _first(_block(lines, wsgi), "app") if wsgi is not None else None
        return found + ([TemplateFunction(app)] if app else [])
    return [function for match in _FUNCTION_TYPE.finditer(text)
            for function in [_yaml_function(path, _block(lines, text.count("\n", 0, match.start()), len(match.group(1))))] if function]


def _yaml_function(path: str, block: List[str]) -> Optional[TemplateFunction]:
    replaces = frozenset(instruction for key, instruction in _REPLACING if _first(block, key) is not None)
    context, dockerfile = _first(block, "DockerContext"), _first(block, "Dockerfile")
    return _function(path, _first(block, "Handler") or _first(block, "Command"), context, dockerfile, replaces)


def _json_functions(path: str, document: Dict[str, Any]) -> Iterator[TemplateFunction]:
    resources = document.get("Resources")
    stages = resources if isinstance(resources, dict) else document  # a template's resources, or Zappa's stages
    for resource in stages.values():
        if not isinstance(resource, dict):
            continue
        if isinstance(resource.get("app_function"), str):
            yield TemplateFunction(resource["app_function"])
            continue
        if resource.get("Type") not in ("AWS::Serverless::Function", "AWS::Lambda::Function"):
            continue
        properties, metadata = resource.get("Properties") or {}, resource.get("Metadata") or {}
        image = properties.get("ImageConfig") or {}
        command = image.get("Command") if isinstance(image, dict) else None
        handler = properties.get("Handler") or (command[0] if isinstance(command, list) and command else None)
        replaces = frozenset(instruction for key, instruction in _REPLACING if isinstance(image, dict) and key in image)
        function = _function(path, handler if isinstance(handler, str) else None, metadata.get("DockerContext"), metadata.get("Dockerfile"), replaces)
        if function is not None:
            yield function


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
