"""The folder a `sys.path` edit adds, worked out from the module's own file (`__file__`).

Django projects keep their apps in a folder that settings put on the path
(`sys.path.insert(0, root("apps"))`, `sys.path.insert(0, os.path.join(BASE_DIR, 'apps'))`) and
import them by bare name (`from elections.models import Election`): the project index needs the
folder to tell which module such an import names (project/index.py). The folder is evaluated, not
guessed: a path built from `__file__` by `os.path` calls (`dirname`, `join`, `abspath` ...; `os.pardir`), `pathlib`
(`Path(__file__).resolve().parent / "apps"`), module constants (`BASE_DIR = ...`) and module-level
helpers whose body returns such a path (`def root(*path): return join(PROJECT_ROOT, *path)`,
`here = lambda *x: ...`). A path relative to the current directory, or one read from the environment,
is unknown: nothing is added.

A program may also add a folder that its Django settings name (`sys.path.append(settings.APPS_DIR)` in
`manage.py` and the Celery app, deep-server's): the edit is kept as the setting's name, and a module's
top-level upper-case constant worked out from `__file__` (`APPS_DIR = os.path.join(BASE_DIR, 'apps')`)
as a path setting, so that the project index can find the folder in the settings module (project/index.py).
"""

from __future__ import annotations

import posixpath
from typing import Dict, List, Optional, Sequence, Union

import libcst as cst

from prr_lint.resolve import Resolver

# prefix of a module tag: a folder the module puts on sys.path, relative to the module's own folder
PUTS_ON_SYS_PATH = "puts-on-sys-path:"
# prefix of a module tag: the name of a Django setting whose folder the module puts on sys.path
PUTS_SETTING_ON_SYS_PATH = "puts-setting-on-sys-path:"
# prefix of a module tag: `NAME=folder`, a top-level upper-case constant holding a folder relative to the module's own
PATH_SETTING = "path-setting:"
_DJANGO_SETTINGS = "django.conf.settings."
_EDITS = frozenset({"sys.path.insert", "sys.path.append", "site.addsitedir"})
_SAME = frozenset({"os.path.abspath", "os.path.realpath", "os.path.normpath", "os.fspath", "str", "builtins.str",
                   "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"})
_SAME_METHODS = frozenset({"resolve", "absolute", "expanduser"})
# The os module's names for the relative folders (`os.path.join(os.path.realpath(__file__), os.pardir)`).
_RELATIVE_FOLDERS = {"os.pardir": "..", "os.curdir": ".", "os.path.pardir": "..", "os.path.curdir": "."}
_MAX_DEPTH = 16
# Paths worked out from `__file__` are absolute below a made-up anchor standing for the module's folder,
# deep enough for any `dirname` chain; literals stay relative, as os.path.join treats them.
_ANCHOR = "/" + "/".join(["up"] * _MAX_DEPTH)
_FILE = _ANCHOR + "/__file__"
Value = Union[str, List[str]]  # a path, or the values of a `*args` parameter


def added_folder(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The folder (relative to the module's own, posix) that `sys.path.insert(0, <path>)`,
    `sys.path.append(<path>)` or `site.addsitedir(<path>)` adds, when the path is built from `__file__`."""
    if not call.args or resolver.qualified_name(call.func) not in _EDITS:
        return None
    value = _PathEvaluator(resolver).value(call.args[-1].value, {}, 0)
    if not isinstance(value, str) or not value.startswith("/up/") or value == _FILE:
        return None  # relative to the current directory, or the module's file itself
    return posixpath.relpath(value, _ANCHOR)


def added_setting(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The Django setting `sys.path.append(settings.APPS_DIR)` (or an insert, `site.addsitedir`) adds."""
    if not call.args or resolver.qualified_name(call.func) not in _EDITS:
        return None
    name = resolver.qualified_name(call.args[-1].value) or ""
    setting = name[len(_DJANGO_SETTINGS):] if name.startswith(_DJANGO_SETTINGS) else ""
    return setting if setting.isidentifier() and setting.isupper() else None


def path_setting(node: cst.Assign, resolver: Resolver) -> Optional[str]:
    """`NAME=folder` for a module-level `NAME = <path from __file__>` with an upper-case NAME (a Django
    setting such as `APPS_DIR`), the folder relative to the module's own; None for any other assignment."""
    if resolver.scope.kind != "module" or len(node.targets) != 1:
        return None
    target = node.targets[0].target
    if not isinstance(target, cst.Name) or not target.value.isupper():
        return None
    value = _PathEvaluator(resolver).value(node.value, {}, 0)
    if not isinstance(value, str) or not value.startswith("/up/") or value == _FILE:
        return None
    return f"{target.value}={posixpath.relpath(value, _ANCHOR)}"


def anchored_path(expr: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The path (relative to the module's own folder, posix) an expression built from `__file__` names
    (`os.path.join(os.path.dirname(__file__), "config")`, `BASE_DIR / "settings.cfg"`); None otherwise."""
    value = _PathEvaluator(resolver).value(expr, {}, 0)
    return posixpath.relpath(value, _ANCHOR) if isinstance(value, str) and value.startswith("/up/") else None


def _dirname(path: str) -> str:
    return posixpath.normpath(posixpath.join(path, ".."))


class _PathEvaluator:
    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def _bound(self, name: str) -> Optional[cst.CSTNode]:
        """What a name is bound to where the edit is, when it is bound once (a constant, a `def`, a
        lambda); a name rebound (`PROJECT_ROOT = parent` in a search loop) has no one value."""
        bindings = self.resolver.lookup(name)
        if not bindings or len(bindings) != 1:
            return None
        binding = bindings[0]
        return binding.node if binding.kind == "def" else binding.value if binding.kind in ("value", "alias") else None

    def value(self, expr: cst.BaseExpression, env: Dict[str, Value], depth: int) -> Optional[Value]:
        if depth > _MAX_DEPTH:
            return None
        spelled = expr.attr.value if isinstance(expr, cst.Attribute) else expr.value if isinstance(expr, cst.Name) and expr.value not in env else ""
        if spelled in ("pardir", "curdir") and (folder := _RELATIVE_FOLDERS.get(self.resolver.qualified_name(expr) or "")):
            return folder
        if isinstance(expr, cst.Name):
            return self._name(expr.value, env, depth)
        if isinstance(expr, cst.SimpleString):
            text = expr.evaluated_value
            return text if isinstance(text, str) and text and not text.startswith("/") else None  # absolute: outside the project
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Divide):
            return self._join([expr.left, expr.right], env, depth)
        if isinstance(expr, cst.Attribute) and expr.attr.value == "parent":
            inner = self.value(expr.value, env, depth + 1)
            return _dirname(inner) if isinstance(inner, str) else None
        if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Attribute) and expr.value.attr.value == "parents":
            return self._parents(expr.value.value, expr, env, depth)
        if isinstance(expr, cst.Call):
            return self._call(expr, env, depth)
        return None

    def _name(self, name: str, env: Dict[str, Value], depth: int) -> Optional[Value]:
        if name in env:
            return env[name]
        if name == "__file__":
            return _FILE
        bound = self._bound(name)
        return self.value(bound, {}, depth + 1) if isinstance(bound, cst.BaseExpression) else None

    def _parents(self, path: cst.BaseExpression, expr: cst.Subscript, env: Dict[str, Value], depth: int) -> Optional[str]:
        """`path.parents[n]`: the folder n + 1 levels up."""
        index = expr.slice[0].slice if len(expr.slice) == 1 else None
        inner = self.value(path, env, depth + 1)
        if not isinstance(index, cst.Index) or not isinstance(index.value, cst.Integer) or not isinstance(inner, str):
            return None
        for _ in range(int(index.value.value) + 1):
            inner = _dirname(inner)
        return inner

    def _call(self, call: cst.Call, env: Dict[str, Value], depth: int) -> Optional[Value]:
        if isinstance(call.func, cst.Attribute) and call.func.attr.value in _SAME_METHODS and not call.args:
            return self.value(call.func.value, env, depth + 1)
        name = self.resolver.qualified_name(call.func)
        if name in _SAME and len(call.args) == 1 and not call.args[0].star:
            return self.value(call.args[0].value, env, depth + 1)
        if name == "os.path.dirname" and len(call.args) == 1:
            inner = self.value(call.args[0].value, env, depth + 1)
            return _dirname(inner) if isinstance(inner, str) else None
        if name == "os.path.join" or (name in ("pathlib.Path", "pathlib.PurePath") and len(call.args) > 1):
            return self._join_arguments(call.args, env, depth)
        if isinstance(call.func, cst.Name) and call.func.value not in env:
            return self._helper(call, call.func.value, env, depth)
        return None

    def _arguments(self, args: Sequence[cst.Arg], env: Dict[str, Value], depth: int) -> Optional[List[str]]:
        """The paths positional arguments stand for, a `*path` of the enclosing helper spread out."""
        parts: List[str] = []
        for arg in args:
            if arg.keyword is not None or arg.star == "**":
                return None
            value = self.value(arg.value, env, depth + 1)
            if arg.star == "*" and isinstance(value, list):
                parts.extend(value)
            elif isinstance(value, str) and not arg.star:
                parts.append(value)
            else:
                return None
        return parts

    def _join_arguments(self, args: Sequence[cst.Arg], env: Dict[str, Value], depth: int) -> Optional[str]:
        parts = self._arguments(args, env, depth)
        return self._joined(parts) if parts is not None else None

    def _join(self, exprs: Sequence[cst.BaseExpression], env: Dict[str, Value], depth: int) -> Optional[str]:
        values = [self.value(expr, env, depth + 1) for expr in exprs]
        paths = [value for value in values if isinstance(value, str)]
        return self._joined(paths) if len(paths) == len(values) else None

    @staticmethod
    def _joined(parts: List[str]) -> Optional[str]:
        """Joined as `os.path.join` does: a later absolute part (anchored at the module) replaces the
        earlier ones; a path of literals alone stays relative (to the current directory)."""
        return posixpath.normpath(posixpath.join(*parts)) if parts else None

    def _helper(self, call: cst.Call, name: str, caller: Dict[str, Value], depth: int) -> Optional[Value]:
        """A module-level helper returning a path: `def root(*path): return join(BASE, *path)` or
        `here = lambda *x: join(dirname(__file__), *x)`, evaluated with the call's arguments."""
        bound = self._bound(name)
        if isinstance(bound, cst.FunctionDef):
            params, body = bound.params, returned_value(bound)
        elif isinstance(bound, cst.Lambda):
            params, body = bound.params, bound.body
        else:
            return None
        if body is None or params.kwonly_params or params.posonly_params:
            return None
        values = self._arguments(call.args, caller, depth)
        if values is None or len(values) < len(params.params):
            return None
        env: Dict[str, Value] = {param.name.value: value for param, value in zip(params.params, values)}
        rest = values[len(params.params):]
        if isinstance(params.star_arg, cst.Param):
            env[params.star_arg.name.value] = rest
        elif rest:
            return None
        return self.value(body, env, depth + 1)


def returned_value(function: cst.FunctionDef) -> Optional[cst.BaseExpression]:
    """The expression of a function whose body is one `return` (after a docstring, if any)."""
    body = [statement for statement in function.body.body if not _is_docstring(statement)] if isinstance(function.body, cst.IndentedBlock) else []
    if len(body) != 1 or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1:
        return None
    statement = body[0].body[0]
    return statement.value if isinstance(statement, cst.Return) and statement.value is not None else None


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and isinstance(statement.body[0], cst.Expr) \
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
