"""The AWS Lambda handlers an AWS CDK app written in TypeScript deploys, each tied to the project function it names.

The app is what `cdk synth` runs: the `.ts` file the `app` command of a `cdk.json` names, and the files it
imports by relative path (`import { Stack } from "./lib/stack"`), however deep; other TypeScript (tests,
a frontend) deploys nothing. Read as text, never run. A construct `new PythonFunction(this, "Fn", {
entry: path.join(__dirname, "../app"), index: "svc/handler.py", handler: "main" })` (from
`@aws-cdk/aws-lambda-python-alpha`; `index.py` and `handler` by default) or `new lambda.Function(this, "Fn",
{ code: lambda.Code.fromAsset("lambda"), handler: "notify.main" })` (from `aws-cdk-lib/aws-lambda`) names
its folder, file and function; a literal path is relative to the folder of the `cdk.json`, one built on
`__dirname` to the file's own folder. The handler string then names the function in that folder
(lambda_code.py).

A project wrapper passes its caller's properties through: a function or method (`createFunction(scope,
id, props)`) or a class extending the construct (`super(scope, id, {...})`) whose construct spreads a
parameter (`{ entry: ..., ...props }`) is a construct too, with the properties it sets itself; each call
of it in the app (`factory.createFunction(this, "Fn", { index: "svc/handler.py", handler: "main" })`, `new
SvcFunction(...)`) adds its own. Wrappers of wrappers count the same way. A property given by anything
but a literal or a `__dirname` path names nothing here.
"""

from __future__ import annotations

import json
import os
import re
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers, in_folder
from prr_lint.project.texts import read_bounded
from prr_lint.stamps import CDK_APP

_KINDS = {"PythonFunction": ("@aws-cdk/aws-lambda-python-alpha",), "Function": ("aws-cdk-lib/aws-lambda", "@aws-cdk/aws-lambda")}
_NAMESPACES = ("aws-cdk-lib/aws-lambda", "@aws-cdk/aws-lambda", "@aws-cdk/aws-lambda-python-alpha")
_NAMED_IMPORT = re.compile(r"import\s*(?:type\s+)?\{([^}]*)\}\s*from\s*[\"']([^\"']+)[\"']")
_STAR_IMPORT = re.compile(r"import\s*\*\s*as\s+(\w+)\s+from\s*[\"']([^\"']+)[\"']")
_RELATIVE = re.compile(r"(?:\bfrom|\bimport|\brequire\s*\()\s*[\"'](\.{1,2}/[^\"']*)[\"']")
_APP_FILE = re.compile(r"[\w./-]+\.[jt]s\b")
_HEADER = re.compile(
    r"(?:\bfunction\s+(\w+)|(?<![\w.])(\w+)\s*(?:=\s*(?:async\s*)?(?:function\s*)?)?|\b(constructor))\s*(?:<[^>(]*>)?\s*\(")
_CLASS = re.compile(r"\bclass\s+(\w+)(?:\s*<[^>{]*>)?\s+extends\s+([\w.]+)")
_KEYWORDS = frozenset({"if", "for", "while", "switch", "catch", "return", "function", "super", "new", "typeof", "await"})
_ASSET = re.compile(r"\bCode\.fromAsset\s*\(")
_MAX_FILES = 400
Props = Dict[str, str]  # entry/code: absolute folder; index, handler: the literal
Variant = Tuple[str, Props]  # a construct's kind, and the properties a wrapper of it sets


def typescript_handlers(index: ProjectIndex, deployment_code: Sequence[str], root: str) -> Handlers:
    """The project functions the CDK TypeScript apps among `deployment_code` deploy as Lambda handlers, each with
    its code folder."""
    found: Handlers = {}
    for app in (path for path in deployment_code if os.path.basename(path) == CDK_APP):
        sources = _app_sources(app, {os.path.normpath(path) for path in deployment_code})
        if sources:
            found.update(_handlers(index, sources, os.path.dirname(app), root))
    return found


def _app_sources(app: str, listed: Set[str]) -> Dict[str, str]:
    """The TypeScript files `cdk synth` loads for the `cdk.json` at `app`: the entry and what it imports."""
    try:
        command = json.loads(read_bounded(app) or "{}").get("app")
    except (ValueError, AttributeError):
        return {}
    folder = os.path.dirname(app)
    pending = [_source(os.path.join(folder, name), listed) for name in _APP_FILE.findall(command if isinstance(command, str) else "")]
    sources: Dict[str, str] = {}
    while pending and len(sources) < _MAX_FILES:
        path = pending.pop()
        text = read_bounded(path) if path and path not in sources else None
        if text is not None:
            sources[path] = text
            pending.extend(_source(os.path.join(os.path.dirname(path), name), listed) for name in _RELATIVE.findall(text))
    return sources


def _source(path: str, listed: Set[str]) -> str:
    """The listed `.ts` file an import or app path names (`./lib/stack`, `bin/app.js`), or ""."""
    base = os.path.normpath(path)
    stem = base[:-3] if base.endswith((".ts", ".js")) else base
    return next((candidate for candidate in (f"{stem}.ts", os.path.join(base, "index.ts")) if candidate in listed), "")


def _handlers(index: ProjectIndex, sources: Dict[str, str], app_folder: str, root: str) -> Handlers:
    """The handlers of the constructs and of the calls of project wrappers around them (module docstring)."""
    kinds: Dict[str, List[Variant]] = {}  # a wrapper as the app calls it -> (kind, properties it sets) of each
    found: Handlers = {}
    for _ in range(4):  # a wrapper of a wrapper of ...
        wrappers: Dict[str, List[Variant]] = {}
        for path, text in sources.items():
            names = {**_construct_names(text), **kinds}
            for kind, props, spreads, owner in _constructs(text, names, os.path.dirname(path), app_folder):
                if spreads and owner and owner not in kinds:
                    wrappers.setdefault(owner, []).append((kind, props))
                elif not spreads:
                    found.update(_handler(index, kind, props, root))
        if not wrappers:
            break
        kinds.update(wrappers)
    return found


def _construct_names(text: str) -> Dict[str, List[Variant]]:
    """How the file names the Lambda constructs it imports: `PythonFunction`, `LambdaFunction`, `lambda.Function`."""
    names: Dict[str, List[Variant]] = {}
    for imported, module in _NAMED_IMPORT.findall(text):
        for part in imported.split(","):
            name, _, local = part.strip().partition(" as ")
            if module in _KINDS.get(name.strip(), ()):
                names[(local or name).strip()] = [(name.strip(), {})]
            elif module == "aws-cdk-lib" and name.strip() in ("aws_lambda", "aws_lambda_python_alpha"):
                names[f"{(local or name).strip()}.Function"] = [("Function", {})]
    for alias, module in _STAR_IMPORT.findall(text):
        if module in _NAMESPACES:
            kind = "PythonFunction" if module.endswith("python-alpha") else "Function"
            names[f"{alias}.{kind}"] = [(kind, {})]
    return names


def _constructs(text: str, names: Dict[str, List[Variant]], here: str, app_folder: str) -> Iterator[Tuple[str, Props, bool, str]]:
    """(kind, properties, whether they spread a parameter, the wrapper they are in) for each construct call."""
    code = _blank_strings(text)
    bodies = list(_definitions(code))
    classes = {match.start(): (match.group(1), match.group(2)) for match in _CLASS.finditer(code)}
    calls = re.compile(r"(?:\bnew\s+|\.)?(?<![\w$])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r"|super)\s*(?:<[^>(]*>)?\s*\(") \
        if names else None
    for match in calls.finditer(code) if calls else ():
        name, start = match.group(1), match.end() - 1
        if any(header == match.start(1) for header, _, _ in bodies):
            continue  # the wrapper's own definition
        inside = [(begin, end, owner) for begin, end, owner in bodies if begin < match.start() < end]
        owner = inside[-1][2] if inside else ""
        if name == "super":
            parent = max((position for position in classes if position < match.start()), default=None)
            cls, base = classes[parent] if parent is not None else ("", "")
            if base not in names:
                continue
            owner, name = cls, base
        props, spreads = _properties(text, code, start, here, app_folder)
        for kind, inherited in names[name] if props is not None else ():
            yield kind, {**inherited, **props}, spreads, owner


def _definitions(code: str) -> Iterator[Tuple[int, int, str]]:
    """(where the name is, where the body ends, the name as callers write it) of each function, method and
    constructor (a class's constructor is called `new Class(...)`: the class name)."""
    for match in _HEADER.finditer(code):
        name = match.group(1) or match.group(2) or match.group(3)
        if name in _KEYWORDS:
            continue
        close = _closing(code, match.end() - 1)
        rest = code[close + 1:close + 200] if close > 0 else ""
        brace = re.match(r"\s*(?::[^{;=]*)?(?:=>\s*)?\{", rest)
        if brace is None:
            continue
        opening = close + brace.end()
        if name == "constructor":
            owner = [m.group(1) for m in _CLASS.finditer(code, 0, match.start())]
            name = owner[-1] if owner else ""
        start = match.start(1) if match.group(1) else match.start(2) if match.group(2) else match.start(3)
        yield start, _closing(code, opening), name


def _properties(text: str, code: str, start: int, here: str, app_folder: str) -> Tuple[Optional[Props], bool]:
    """The literal properties of the call's object argument (`{ handler: "main", ...props }`) and whether it spreads."""
    end = _closing(code, start)
    opening = code.rfind("{", start, end) if end > 0 else -1
    while opening > start and _depth(code, start + 1, opening) != 0:
        opening = code.rfind("{", start, opening)
    if opening <= start:
        return None, False
    props: Props = {}
    spreads = False
    for begin, finish in _top_level(code, opening + 1, _closing(code, opening)):
        piece, raw = code[begin:finish].strip(), text[begin:finish].strip()
        if piece.startswith("..."):
            spreads = True
            continue
        key, colon, _ = piece.partition(":")
        value = raw[raw.index(":") + 1:].strip() if colon else ""
        key = key.strip().strip("\"'")
        if key in ("index", "handler"):
            literal = _literal(value)
            if literal is not None:
                props[key] = literal
        elif key == "entry" or key == "code":
            asset = _ASSET.search(value) if key == "code" else None
            folder = _path(value[asset.end() - 1:] if asset else value, here, app_folder) if key == "entry" or asset else None
            if folder is not None:
                props[key] = folder
    return props, spreads


def _handler(index: ProjectIndex, kind: str, props: Props, root: str) -> Handlers:
    """The project function a construct with these properties deploys, with its code folder; {} when none."""
    if kind == "PythonFunction":
        file, function = props.get("index", "index.py"), props.get("handler", "handler")
        folder = props.get("entry")
        return in_folder(index, folder, f"{file[:-3]}.{function}", root) if folder and file.endswith(".py") else {}
    folder, handler = props.get("code"), props.get("handler")
    return in_folder(index, folder, handler, root) if folder and handler else {}


def _path(expr: str, here: str, app_folder: str) -> Optional[str]:
    """The absolute folder a path expression (or an argument list it starts) names: a literal, from the app
    folder, or `path.join` / `path.resolve` / a template string from `__dirname`."""
    expr = expr.strip().lstrip("(").strip()
    literal = re.match(r"(?:\"([^\"]*)\"|'([^']*)')\s*(?:[,)]|$)", expr)
    if literal:
        return os.path.normpath(os.path.join(app_folder, literal.group(1) or literal.group(2) or ""))
    template = re.match(r"`\$\{__dirname\}([^`$]*)`", expr)
    if template:
        return os.path.normpath(here + template.group(1))
    joined = re.match(r"(?:path\.)?(?:join|resolve)\s*\(\s*__dirname\s*((?:,\s*(?:\"[^\"]*\"|'[^']*')\s*)*)\)", expr)
    if joined:
        parts = re.findall(r"\"([^\"]*)\"|'([^']*)'", joined.group(1))
        return os.path.normpath(os.path.join(here, *(double or single for double, single in parts)))
    return None


def _literal(value: str) -> Optional[str]:
    match = re.fullmatch(r"\s*(?:\"([^\"]*)\"|'([^']*)'|`([^`$]*)`)\s*,?\s*", value)
    return next((group for group in match.groups() if group is not None), "") if match else None


def _blank_strings(text: str) -> str:
    """The text with strings' and comments' contents blanked (same length), so brackets in them do not count."""
    return re.sub(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`",
                  lambda match: match.group(0)[0] + " " * (len(match.group(0)) - 2) + match.group(0)[-1]
                  if match.group(0)[0] in "\"'`" else " " * len(match.group(0)), text, flags=re.DOTALL)


def _closing(code: str, opening: int) -> int:
    """Where the bracket opened at `opening` closes, or -1."""
    depth = 0
    for position in range(opening, len(code)):
        char = code[position]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return position
    return -1


def _depth(code: str, start: int, end: int) -> int:
    return sum(1 if char in "([{" else -1 if char in ")]}" else 0 for char in code[start:end])


def _top_level(code: str, start: int, end: int) -> List[Tuple[int, int]]:
    """The spans of the comma-separated items between `start` and `end` at bracket depth 0."""
    spans, depth, begin = [], 0, start
    for position in range(start, max(end, start)):
        char = code[position]
        depth += 1 if char in "([{" else -1 if char in ")]}" else 0
        if char == "," and depth == 0:
            spans.append((begin, position))
            begin = position + 1
    spans.append((begin, end))
    return [(a, b) for a, b in spans if code[a:b].strip()]
