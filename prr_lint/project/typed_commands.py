"""Commands registered on an object only the project's types tell: `@app.cli.command()` on an `app` parameter.

A Flask or Quart app's `cli` (a blueprint's too), a `flask.cli.AppGroup`, a click `Group` and a typer
app make the functions their `command`/`group` decorators wrap command-line commands
(frameworks.py `BATCH_DECORATORS`): an operator runs them by hand (`flask seed-db`). The decorator's
receiver is often an object its module alone cannot type, so its name says nothing:
`def register_commands(app): @app.cli.command("seed-db")` (the app factory calls
`register_commands(app)` with the `Flask` it builds), `app = create_app()` at a module's top level,
`current_app.cli` (the proxy to the running app). The per-file summary records the receiver
expression of such a decorator (FunctionSummary.decorator_receivers), and here the project types it
(project/receivers.py, seeing the classes that own command decorators as well as the project's):
what the callers pass to the parameter, what the factory returns (its annotation or its `return`), a
project subclass of `Flask`. A decorator whose receiver so typed owns a command decorator of that
name makes the function a command, of that decorator's kind; so does `@db.command()` on a group
found so (`@app.cli.group() def db()`), however deep. A receiver nothing types stays no command.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterator, List, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.flask_configs import FLASK_PROXIES
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.project.receivers import Receivers

_CLI_PACKAGES = ("click.", "typer.", "flask.", "quart.")
# Proxies to the app that handles the current request or command: they hold an app object.
_APP_PROXIES = {**dict.fromkeys(FLASK_PROXIES, "flask.Flask"),
                "quart.current_app": "quart.Quart", "quart.globals.current_app": "quart.Quart"}
_DEPTH = 5  # groups nested in groups


def _owners() -> Dict[str, Tuple[str, ...]]:
    """Object type -> the member paths of its command decorators: a class (`flask.Flask` -> `cli.command`,
    `cli.group`) and an attribute of its instances (`flask.Flask.cli` -> `command`, `group`, for an `app.cli`
    passed on: `register(app.cli)`); each decorator split after its last capitalised part, the class."""
    found: Dict[str, Set[str]] = {}
    for decorator in fw.BATCH_DECORATORS:
        parts = decorator.split(".")
        classes = [position for position, part in enumerate(parts[:-1]) if part[:1].isupper()]
        for cut in range(classes[-1] + 1, len(parts)) if decorator.startswith(_CLI_PACKAGES) and classes else ():
            found.setdefault(".".join(parts[:cut]), set()).add(".".join(parts[cut:]))
    return {owner: tuple(sorted(members)) for owner, members in found.items()}


_OWNERS = _owners()
_MEMBERS = tuple(sorted({member for members in _OWNERS.values() for member in members}, key=len, reverse=True))
_ATTACH = _OWNERS["click.Group"]  # what attaches a command to a click group: `@db.command()`, `@db.group()`


def typed_commands(index: ProjectIndex, receivers: Receivers, known: Set[str]) -> Dict[str, Tuple[str, str]]:
    """Function -> (kind, its decorator's first string argument) of the commands whose decorator's
    receiver the project types (see the module docstring); `known` are the batch functions found already."""
    seeing = receivers.seeing(frozenset(_OWNERS))
    found: Dict[str, Tuple[str, str]] = {}
    groups: Set[str] = set()
    for name, function in index.functions.items():
        decorator, argument = next(((typed, argument) for expr, argument in _decorations(function)
                                    if (typed := _typed(index, seeing, expr))), ("", "")) if name not in known else ("", "")
        if decorator:
            package = decorator.partition(".")[0]
            found[name] = (fw.BATCH_KINDS.get(package, package), argument)
            groups.update([name] if decorator.endswith(".group") else [])
    for _ in range(_DEPTH):  # `@db.command()` below a group found here, and below its own groups
        if not groups:
            break
        groups = _attached(index, groups, known | set(found), found)
    return found


def _decorations(function) -> Iterator[Tuple[str, str]]:
    """The decorators of `function` this module types: receiver expressions, and resolved names no
    table knows (`flask.current_app.cli.command`, `svc.wsgi.app.cli.command`), with their arguments."""
    yield from function.decorator_receivers
    for position, decorator in enumerate(function.decorators):
        if fw.canonical(decorator) not in fw.BATCH_DECORATORS:
            yield decorator, function.decorator_args[position] if position < len(function.decorator_args) else ""


def _typed(index: ProjectIndex, receivers: Receivers, expr: str) -> str:
    """The command decorator `expr` (`<receiver expression>.<member>`) is by its receiver's type, or ""."""
    for member in _MEMBERS:
        if not expr.endswith("." + member):
            continue
        owner = expr[: -len(member) - 1]
        for cls in _classes(index, receivers, owner):
            if member in _OWNERS.get(cls, ()):
                return f"{cls}.{member}"
    return ""


def _classes(index: ProjectIndex, receivers: Receivers, owner: str) -> List[str]:
    """The outside classes the object `owner` may be: its type's, and a project class's outside bases."""
    found: FrozenSet[str] = frozenset([_APP_PROXIES[owner]]) if owner in _APP_PROXIES else receivers.types(owner)
    return [fw.canonical(base) for cls in sorted(found)
            for base in ((cls, *class_ancestors(index, cls)) if cls in index.classes else (cls,))]


def _attached(index: ProjectIndex, groups: Set[str], known: Set[str], found: Dict[str, Tuple[str, str]]) -> Set[str]:
    """Adds to `found` the functions a `@group.command()`/`@group.group()` decorator (click's `Group`
    API) attaches to one of `groups`, as click commands; returns those that are groups themselves."""
    attached: Set[str] = set()
    for name, function in index.functions.items():
        for position, decorator in enumerate(function.decorators if name not in known else ()):
            group, _, member = decorator.rpartition(".")
            if member in _ATTACH and index.canonical(group) in groups:
                found[name] = ("click", function.decorator_args[position] if position < len(function.decorator_args) else "")
                attached.update([name] if member == "group" else [])
                break
    return attached
