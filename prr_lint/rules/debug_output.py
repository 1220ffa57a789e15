"""Developer output production does not run (PRR401): output in the body of an `if` whose test is a
switch that is off unless somebody turns it on on purpose. Four kinds, each read from how the code
runs rather than from a name:

- a framework debug switch documented as off in production (Django's `settings.DEBUG`, a Flask or
  Quart app's `debug`, `app.config["DEBUG"]`), resolved through imports; also Django's `DEBUG`
  read straight from the project's settings module (`from mysite.settings import DEBUG`: a module
  named `settings` or inside a `settings` package, Django's convention for `DJANGO_SETTINGS_MODULE`)
  and a settings module testing its own `DEBUG` (a module that assigns `INSTALLED_APPS` at its top
  level is one, whatever its name), and a project's own Django setting that is a debug switch by
  the same convention: a word of its name is `DEBUG` (`settings.DEBUG_DEV`, `settings.SQL_DEBUG`);
- an opt-in parameter: a parameter of an enclosing function whose default is `False` or `0` and
  that is never handed to a call as a value (`def scores(user, verbose=False): if verbose:
  print(...)`, or taken from `**kwargs` with that default: `verbose = kwargs.pop("verbose", False)`;
  not `fallback=False` passed on as `self._video_fallback(fallback)`), tested for truth or against a
  positive threshold (a verbosity level: `printDebug: int = 0`, then `if printDebug >= 2:`), so only
  a caller that passes it on purpose gets the output; the default decides, call sites are not read
  (no project phase here); also such a parameter kept in an attribute (`self.progressbar`, which
  the class assigns only in `__init__`, from its parameter `progressbar=False`; or, in a class
  nested in a method, through a name the method binds to its instance: `mock_target = self`); a private module
  function or private method (`self._wait_for_snapshot(name)`) that the module calls only inside
  such a body is that output too;
- a script flag: a module flag bound to `False` at the top level and turned on only by the module's
  own `__main__` block, if at all (`_verbose = False` ... `if __name__ == "__main__": _verbose =
  True`), never by a function: a service that imports the module leaves it off;
- an environment switch (`if os.environ.get("DEV_SERVER") == "1":`, `if os.getenv("TRACE"):`,
  or a module constant bound once to such a test: `LOG_TO_FILE = os.getenv("LOG_TO_FILE") == "True"`
  then `if LOG_TO_FILE:`), which the operator sets for a development run.

Code after an early exit taken unless a debug switch or opt-in parameter is on (`if not
settings.DEBUG or not queries: return response`, in a function) is under that switch too (not
after one on an environment variable, which is as often a check of required configuration). The `else` branch of any of them is
what runs by default, and stays the service's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import FrozenSet, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.context import is_main_guard
from prr_lint.resolve import Resolver
from prr_lint.tree import descendants, names_in

Method = Tuple[cst.ClassDef, cst.FunctionDef]

DEBUG_FLAGS = frozenset({
    "django.conf.settings.DEBUG", "flask.current_app.debug", "flask.Flask.debug", "quart.current_app.debug", "quart.Quart.debug",
})
_APPS = frozenset({"flask.Flask", "flask.current_app", "quart.Quart", "quart.current_app"})
_ENV_READS = frozenset({"os.environ.get", "os.getenv", "os.environ"})


def _terms(test: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The terms of an `and` (the body runs only when each is true), or the test itself."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _terms(test.left) + _terms(test.right)
    return [test]


def _is_framework_debug(test: cst.BaseExpression, resolver: Resolver) -> bool:
    if isinstance(test, cst.Attribute):
        name = resolver.qualified_name(test) or ""
        return name in DEBUG_FLAGS or _is_debug_setting(name)
    key, config = None, None
    if isinstance(test, cst.Subscript) and len(test.slice) == 1 and isinstance(test.slice[0].slice, cst.Index):
        key, config = test.slice[0].slice.value, test.value  # app.config["DEBUG"]
    elif isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) and test.func.attr.value == "get" and test.args:
        key, config = test.args[0].value, test.func.value  # app.config.get("DEBUG")
    if not (isinstance(key, cst.SimpleString) and key.evaluated_value == "DEBUG"):
        return False
    if not (isinstance(config, cst.Attribute) and config.attr.value == "config"):
        return False
    app = config.value
    return resolver.qualified_name(app) in _APPS or resolver.instance_type(app) in _APPS


def is_debug_switch(test: cst.BaseExpression, resolver: Resolver, module: Optional[cst.Module]) -> bool:
    """A framework debug switch, or Django's `DEBUG` of a settings module (see the module docstring)."""
    return _is_framework_debug(test, resolver) or _is_settings_debug(test, resolver, module)


def _is_debug_setting(name: str) -> bool:
    """A Django setting of the project's own that is a debug switch by Django's convention: a word of
    its name is `DEBUG` (`settings.DEBUG_DEV`, `settings.SQL_DEBUG`), a development variant of `DEBUG`
    that a deployment leaves off like `DEBUG` itself."""
    prefix, _, setting = name.rpartition(".")
    return prefix == "django.conf.settings" and "DEBUG" in setting.split("_")


def _is_settings_debug(test: cst.BaseExpression, resolver: Resolver, module: Optional[cst.Module]) -> bool:
    """`DEBUG` of a Django settings module: imported from one, or this module's own when it is one."""
    if not (isinstance(test, cst.Name) and test.value == "DEBUG") and not (isinstance(test, cst.Attribute) and test.attr.value == "DEBUG"):
        return False
    name = resolver.qualified_name(test) or ""
    if "settings" in name.split(".")[:-1]:
        return True
    return isinstance(test, cst.Name) and module is not None and _assigns_at_top(module, "INSTALLED_APPS") and _assigns_at_top(module, "DEBUG")


def _top_values(module: cst.Module, name: str) -> List[Optional[cst.BaseExpression]]:
    """The values the module's top level assigns to `name`."""
    values: List[Optional[cst.BaseExpression]] = []
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target] if isinstance(small, cst.AnnAssign) else []
                if any(isinstance(t, cst.Name) and t.value == name for t in targets):
                    values.append(small.value)  # type: ignore[union-attr]
    return values


def _assigns_at_top(module: cst.Module, name: str) -> bool:
    return bool(_top_values(module, name))


def _environment_flag(test: cst.BaseExpression, resolver: Resolver, module: Optional[cst.Module]) -> bool:
    """A module constant bound once to an environment switch (`LOG_TO_FILE = os.getenv("LOG_TO_FILE") == "True"`)."""
    if not isinstance(test, cst.Name) or module is None:
        return False
    values = _top_values(module, test.value)
    return len(values) == 1 and values[0] is not None and _is_environment_switch(values[0], resolver)


def _reads_environment(expr: cst.BaseExpression, resolver: Resolver) -> bool:
    """`os.environ.get("X")`, `os.getenv("X")`, `os.environ["X"]`."""
    if isinstance(expr, cst.Call):
        return resolver.qualified_name(expr.func) in _ENV_READS
    if isinstance(expr, cst.Subscript):
        return resolver.qualified_name(expr.value) == "os.environ"
    return False


def _is_environment_switch(test: cst.BaseExpression, resolver: Resolver) -> bool:
    """An environment variable tested for being set, or equal to a literal (`== "1"`), or `"X" in os.environ`."""
    if _reads_environment(test, resolver):
        return True
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if isinstance(target.operator, cst.Equal):
            literal = (cst.SimpleString, cst.Integer, cst.Name)
            sides = (test.left, target.comparator)
            return any(_reads_environment(a, resolver) and isinstance(b, literal) for a, b in (sides, sides[::-1]))
        if isinstance(target.operator, cst.In):
            return isinstance(test.left, cst.SimpleString) and resolver.qualified_name(target.comparator) == "os.environ"
    return False


def _is_false(expr: Optional[cst.BaseExpression]) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "False"


def _is_off(expr: Optional[cst.BaseExpression]) -> bool:
    """`False`, or `0`: the default of a flag or of a verbosity level (`printDebug: int = 0`)."""
    return _is_false(expr) or (isinstance(expr, cst.Integer) and expr.evaluated_value == 0)


def switch_of(test: cst.BaseExpression) -> cst.BaseExpression:
    """What a test of a level reads: `level` of `level >= 2` or `level > 0` (a positive threshold),
    otherwise the test itself (a flag tested for truth)."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        bound = target.comparator.evaluated_value if isinstance(target.comparator, cst.Integer) else None
        if isinstance(bound, int) and (
            (isinstance(target.operator, cst.GreaterThanEqual) and bound >= 1)
            or (isinstance(target.operator, cst.GreaterThan) and bound >= 0)
        ):
            return test.left
    return test


def _opt_in_parameter(test: cst.BaseExpression, functions: Sequence[cst.FunctionDef]) -> bool:
    """`test` is a parameter of an enclosing function (innermost first) that defaults to `False` or
    `0`, or a keyword argument it takes from its `**kwargs` with that default (`verbose =
    kwargs.pop("verbose", False)`)."""
    if not isinstance(test, cst.Name):
        return False
    for function in functions:
        for param in _all_params(function):
            if param.name.value == test.value:
                return _is_off(param.default) and not _handed_on_as_data(function, test.value)
        if _keyword_with_false_default(function, test.value):
            return not _handed_on_as_data(function, test.value)
    return False


def _all_params(function: cst.FunctionDef) -> Tuple[cst.Param, ...]:
    params = function.params
    return (*params.params, *params.kwonly_params, *params.posonly_params)


def _keyword_with_false_default(function: cst.FunctionDef, name: str) -> bool:
    """The function binds `name` only once, to `kwargs.pop("...", False)` or `kwargs.get("...", False)`
    of its own `**kwargs`: a keyword parameter that defaults to `False`, spelled by hand."""
    star = function.params.star_kwarg
    if star is None:
        return False
    values = _name_assignments(function.body, name)
    if len(values) != 1 or not isinstance(values[0], cst.Call):
        return False
    call = values[0]
    return (
        isinstance(call.func, cst.Attribute) and call.func.attr.value in ("pop", "get")
        and isinstance(call.func.value, cst.Name) and call.func.value.value == star.name.value
        and len(call.args) == 2 and _is_off(call.args[1].value)
    )


def _name_assignments(within: cst.CSTNode, name: str) -> List[Optional[cst.BaseExpression]]:
    """The value of every binding of the plain name `name` below `within`, nested definitions
    included (None when it is no plain assignment: `+=`, a tuple or `for` target, a `global`)."""
    found: List[Optional[cst.BaseExpression]] = []
    for node in (within, *descendants(within, stop_at=())):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                if isinstance(target.target, cst.Name) and target.target.value == name:
                    found.append(node.value)
                elif name in names_in(target.target):
                    found.append(None)
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor, cst.WithItem, cst.NamedExpr)):
            target = node.asname.name if isinstance(node, cst.WithItem) and node.asname is not None else getattr(node, "target", None)
            if target is not None and name in names_in(target):
                found.append(node.value if isinstance(node, cst.AnnAssign) else None)
        elif isinstance(node, (cst.Global, cst.Nonlocal)) and any(n.name.value == name for n in node.names):
            found.append(None)
    return found


def _script_flag(test: cst.BaseExpression, functions: Sequence[cst.FunctionDef], module: Optional[cst.Module]) -> bool:
    """A module flag off unless the module runs as a script: bound once at the top level to `False`
    and otherwise only in the module's `__main__` block (`_verbose = False` ... `if __name__ ==
    "__main__": _verbose = True`), never in a function or another block: importing the module (what a
    service does) leaves it off."""
    if not isinstance(test, cst.Name) or module is None or test.value not in _script_flags(module):
        return False
    # a local or parameter of that name is not the module's flag
    return not any(test.value in {p.name.value for p in _all_params(f)} or _name_assignments(f, test.value) for f in functions)


@lru_cache(maxsize=8)
def _script_flags(module: cst.Module) -> FrozenSet[str]:
    """The module's names `_script_flag` accepts (a libcst node hashes by identity: one entry per module)."""
    flags = set()
    for line in module.body:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                    name = small.targets[0].target.value
                    if _is_false(small.value) and len(_top_values(module, name)) == 1:
                        flags.add(name)
    others = [
        statement for statement in module.body
        if not isinstance(statement, cst.SimpleStatementLine) and not (isinstance(statement, cst.If) and is_main_guard(statement.test))
    ]
    return frozenset(name for name in flags if not any(_name_assignments(statement, name) for statement in others))


def _handed_on_as_data(function: cst.FunctionDef, name: str) -> bool:
    """The parameter is passed to a call as a value (`self._video_fallback(fallback)`, where callers
    pass `fallback=self.youtube_meta`): data that defaults to `False`, not a switch. Forwarding the
    switch under its own name (`helper(rows, verbose=verbose)`) keeps it one."""
    return any(
        isinstance(node, cst.Call) and any(
            isinstance(arg.value, cst.Name) and arg.value.value == name
            and (arg.keyword is None or arg.keyword.value != name)
            for arg in node.args
        )
        for node in descendants(function.body)
    )


def _opt_in_attribute(test: cst.BaseExpression, method: Optional[Method]) -> bool:
    """`self.progressbar` in a method, where the class assigns the attribute only in `__init__`, from
    a parameter of `__init__` that defaults to `False` (`def __init__(self, name, progressbar=False):
    self.progressbar = progressbar`): the opt-in parameter, kept for later."""
    if method is None or not isinstance(test, cst.Attribute) or not isinstance(test.value, cst.Name):
        return False
    owner, function = method
    if test.value.value not in _instance_names(function):
        return False
    sources = [
        (body, target, value)
        for body in owner.body.body if isinstance(body, cst.FunctionDef)
        for target, value in _attribute_assignments(body, test.attr.value)
    ]
    return bool(sources) and all(
        body.name.value == "__init__" and isinstance(value, cst.Name) and _opt_in_parameter(value, [body])
        and isinstance(target.value, cst.Name) and body.params.params and target.value.value == body.params.params[0].name.value
        for body, target, value in sources
    )


def _attribute_assignments(function: cst.FunctionDef, attribute: str) -> List[Tuple[cst.Attribute, Optional[cst.BaseExpression]]]:
    """(target, value) of every assignment in `function` to an attribute `attribute` of any object (the value
    None when it is no plain assignment: `+=`, a tuple target, a `for` target)."""
    found: List[Tuple[cst.Attribute, Optional[cst.BaseExpression]]] = []
    for node in descendants(function.body, stop_at=()):
        targets: List[Tuple[cst.BaseExpression, Optional[cst.BaseExpression]]] = []
        if isinstance(node, cst.Assign):
            targets = [(t.target, node.value) for t in node.targets]
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
            targets = [(node.target, node.value if isinstance(node, cst.AnnAssign) else None)]
        elif isinstance(node, (cst.For, cst.CompFor, cst.WithItem, cst.NamedExpr)):
            target = node.asname.name if isinstance(node, cst.WithItem) and node.asname is not None else getattr(node, "target", None)
            targets = [(target, None)] if target is not None else []
        for target, value in targets:
            if isinstance(target, (cst.Tuple, cst.List)):
                found.extend((t, None) for t in descendants(target) if isinstance(t, cst.Attribute) and t.attr.value == attribute)
            elif isinstance(target, cst.Attribute) and target.attr.value == attribute:
                found.append((target, value))
    return found


def is_off_switch(test: cst.BaseExpression, resolver: Resolver, functions: Sequence[cst.FunctionDef],
                  module: Optional[cst.Module] = None, method: Optional[Method] = None) -> bool:
    """The body of `if test:` runs only when a debug, opt-in or environment switch is turned on."""
    return any(
        _is_framework_debug(term, resolver) or _is_settings_debug(term, resolver, module)
        or _is_environment_switch(term, resolver) or _environment_flag(term, resolver, module)
        or _opt_in_parameter(switch_of(term), functions) or _opt_in_attribute(switch_of(term), method)
        or _script_flag(term, functions, module)
        for term in _terms(test)
    )


def method_of(chain: Sequence[cst.CSTNode], test: Optional[cst.BaseExpression] = None) -> Optional[Method]:
    """(class, method) of the innermost class in `chain` and the method of it that `chain` passes
    through; for a test of another name's attribute (`mock_target._mirror`), the outer class whose
    method binds that name to its instance (`mock_target = self`) for a nested class to read."""
    found: List[Method] = []
    for i in range(len(chain) - 1, -1, -1):
        if isinstance(chain[i], cst.ClassDef):
            function = next((n for n in chain[i + 1:] if isinstance(n, cst.FunctionDef)), None)
            if function is not None:
                found.append((chain[i], function))  # type: ignore[arg-type]
    name = test.value.value if isinstance(test, cst.Attribute) and isinstance(test.value, cst.Name) else None
    aliased = [method for method in found if name is not None and _instance_names(method[1]) and name in _instance_names(method[1])]
    return aliased[0] if aliased else found[0] if found else None


def _instance_names(function: cst.FunctionDef) -> FrozenSet[str]:
    """The names a method calls its instance by: its first parameter, and a local it binds once to it."""
    if not function.params.params:
        return frozenset()
    first = function.params.params[0].name.value
    aliases = {
        target.target.value
        for node in descendants(function.body) if isinstance(node, cst.Assign) and isinstance(node.value, cst.Name) and node.value.value == first
        for target in node.targets if isinstance(target.target, cst.Name)
    }
    return frozenset({first} | {alias for alias in aliases if _bindings(function, alias) == 1})


def _bindings(function: cst.FunctionDef, name: str) -> int:
    """How often `function` (nested definitions included) rebinds the plain name `name` (not an
    attribute or item of it: `mock_target.fs[fn] = data` leaves the name bound as it was)."""
    count = 0
    for node in descendants(function.body, stop_at=()):
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [
            getattr(node, "target", None)] if isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor, cst.NamedExpr)) else [
            node.asname.name] if isinstance(node, cst.WithItem) and node.asname is not None else []
        for target in targets:
            elements = [e.value for e in target.elements] if isinstance(target, (cst.Tuple, cst.List)) else [target]
            count += sum(1 for e in elements if isinstance(e, cst.Name) and e.value == name)
    return count


def _alternatives(test: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The terms of an `or` (the body runs when any is true), or the test itself."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        return _alternatives(test.left) + _alternatives(test.right)
    return [test]


def _leaves(statement: cst.BaseStatement) -> bool:
    """`if ...: return ...` (or raise, no `else`): code after it runs only when the test is false."""
    if not isinstance(statement, cst.If) or statement.orelse is not None:
        return False
    body = statement.body.body if isinstance(statement.body, cst.IndentedBlock) else []
    last = body[-1] if body else None
    return isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], (cst.Return, cst.Raise))


def exits_unless_on(statement: cst.BaseStatement, resolver: Resolver, functions, module, method: Optional[Method]) -> bool:
    """`statement` leaves unless a debug switch or opt-in parameter is on (`if not settings.DEBUG or
    not queries: return response`), so the statements after it run only when it is. Not an environment
    variable: `if not os.getenv("SMTP_HOST"): raise ...` checks required configuration."""
    return _leaves(statement) and any(
        isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not) and (
            _is_framework_debug(term.expression, resolver) or _is_settings_debug(term.expression, resolver, module)
            or _opt_in_parameter(term.expression, functions) or _opt_in_attribute(term.expression, method))
        for term in _alternatives(statement.test)  # type: ignore[attr-defined]
    )
