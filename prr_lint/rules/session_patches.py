"""PRR501, per-file half: module globals a project patch replaces with a Session class that gives
every request a default timeout (project/session_patches.py decides which calls that covers).

A plug-in loader often rebinds a name in each module it loads, after loading it: bazarr's provider
registry runs `mod = importlib.import_module("subliminal_patch.providers.%s" % name)` and then
`mod.Session = RetryingSession`, a `requests.Session` subclass whose `request` fills in
`timeout=10` when none is given. A provider's `Session()` (`from requests import Session`) then
builds that class, since the name is looked up in the module's globals when the call runs.

The same behaviour on requests' own class, `Session.request = new_request` with a function that fills
in a missing timeout, patches every session of the process: its mark is the requests-default tag of
the function (or top level) making it (`patches_requests_default`; project/requests_default.py). When
the value filled in is a parameter of that function (tapiriik's `patch_requests_with_default_timeout(timeout)`
setting `kwargs["timeout"] = timeout`), a second tag `patch-timeout-parameter:<name>@<position>/<default code>`
names it: the patch bounds anything only when every call of the function passes a finite number. Only positive
numbers written out tag it `patch-timeout-literal`. A value that is neither (a setting, a global, an environment
read, a parameter the patching function assigns itself) tags it `patch-timeout-unknown`. The reach rule trusts a
patch only with a literal or parameter tag (a `TimeoutSauce` or `partialmethod` patch has neither); the
process-wide rule, for a service's own start-up, trusts all but the unknown ones.

Three marks carry this to the project phase:

* the patcher's module mark `patches-global:[origins, attribute, class]`: an assignment at module
  level (loops and branches included) of a class to an attribute of a module object
  (`mod.Session = X`, `setattr(mod, "Session", X)`, `requests.Session = X`), with the modules the
  object may be: a module imported by name (`import a.b as mod`, `importlib.import_module("a.b")`),
  or a prefix ending in "." for one imported by a computed name with a literal start (`"a.b." +
  name`, `"a.b.%s" % name`, `f"{__name__}.{name}"`) or the walked name of a `pkgutil` walk with a
  literal prefix (module_walks.py);
* the method tag `fills-default-timeout` on a `request` or `send` method that gives a missing
  timeout a value (`kwargs['timeout'] = ...`, `kwargs.setdefault("timeout", ...)`, a `timeout`
  parameter with a default, or `timeout=<not None>` passed on);
* the finding subject `patched-global:<module>.<name>` on a session call whose session a global of
  its module builds (`self.session = Session()` with `Session` imported at module level), or the
  library attribute that builds it (`requests.Session()`: `requests.Session`); a requests module
  function (`requests.get`) builds its session by `requests.sessions.Session`; a session method
  a timeout wrapper forwards its deadline to carries it in its sink label (rules/forwarding.py).
"""

from __future__ import annotations

import json
from typing import Dict, List, Optional, Set

import libcst as cst

from prr_lint.module_loads import ENDING, SETTING, loaded_prefix
from prr_lint.module_walks import walk_prefix
from prr_lint.resolve import Resolver
from prr_lint.model import PATCHES_REQUESTS_TIMEOUT
from prr_lint.rules.clients import SESSION_ENTRIES, is_none, keyword, patches_requests_timeout, positional
from prr_lint.rules.param_guards import value_code
from prr_lint.scopes import Scope
from prr_lint.tree import children, descendants

PATCHES_GLOBAL = "patches-global:"
FILLS_DEFAULT_TIMEOUT = "fills-default-timeout"
PATCHED_GLOBAL = "patched-global:"
PATCH_TIMEOUT_PARAMETER = "patch-timeout-parameter:"
# A patch filling in a value that is neither a literal nor such a parameter (a setting, a global, an environment read).
PATCH_TIMEOUT_UNKNOWN = "patch-timeout-unknown"
# A patch filling in only positive numbers written out (`kwargs["timeout"] = 60`).
PATCH_TIMEOUT_LITERAL = "patch-timeout-literal"
# The same on a forwarded deadline's sink label (rules/forwarding.py): `sink:Session.get|built-by:<global>`.
BUILT_BY = "|built-by:"
# What `requests.get` and the other module functions build their session by (requests/api.py).
MODULE_FUNCTION_SESSION = "requests.sessions.Session"
_SESSION_METHODS = frozenset({"request", "send"})


def global_patches(node: cst.Assign, resolver: Resolver) -> List[str]:
    """The marks of `mod.<name> = <class>` (module docstring); [] for any other assignment."""
    if not isinstance(node.value, (cst.Name, cst.Attribute)) or not any(isinstance(t.target, cst.Attribute) for t in node.targets):
        return []
    value = resolver.qualified_name(node.value)
    marks = []
    for target in node.targets:
        if isinstance(target.target, cst.Attribute) and value is not None:
            marks += _mark(target.target.value, target.target.attr.value, value, resolver)
    return marks


def setattr_patches(call: cst.Call, name: Optional[str], resolver: Resolver) -> List[str]:
    """The marks of `setattr(mod, "<name>", <class>)`."""
    args = positional(call)
    if name != "builtins.setattr" or len(args) != 3 or not isinstance(args[1].value, cst.SimpleString) \
            or not isinstance(args[2].value, (cst.Name, cst.Attribute)):
        return []
    attribute, value = args[1].value.evaluated_value, resolver.qualified_name(args[2].value)
    return _mark(args[0].value, attribute, value, resolver) if isinstance(attribute, str) and value is not None else []


def _mark(owner: cst.BaseExpression, attribute: str, value: str, resolver: Resolver) -> List[str]:
    origins = module_origins(owner, resolver)
    return [PATCHES_GLOBAL + json.dumps([origins, attribute, value])] if origins else []


def module_origins(expr: cst.BaseExpression, resolver: Resolver) -> List[str]:
    """The modules `expr` may hold: a dotted name, or a prefix ending in "." (module docstring);
    [] when one of its values is not a module loaded that way (an object built here: `app.x = X`)."""
    if not _imported_head(expr, resolver, None, loaded=True):
        return []
    name = resolver.qualified_name(expr)
    if name is not None:
        return [name]
    bindings = resolver.lookup(expr.value) if isinstance(expr, cst.Name) else None
    origins: Set[str] = set()
    for binding in bindings or ():
        start = _load_start(binding.value, resolver) if isinstance(binding.value, cst.Call) else None
        if not start:
            return []
        origins.add(start)
    return sorted(origins)


def _imported_head(expr: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope], loaded: bool = False) -> bool:
    """The name an attribute chain starts from is an import (or, with `loaded`, a call's result,
    such as `importlib.import_module(...)`'s), not an object of the code's own."""
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    bindings = resolver.lookup(expr.value, scope) if isinstance(expr, cst.Name) else None
    return bool(bindings) and all(binding.kind == "import" or loaded and isinstance(binding.value, cst.Call) for binding in bindings)


def _load_start(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The literal start of the name of the module a computed-name import loads, or None."""
    start = loaded_prefix(call, resolver)
    if start is None or start.startswith((ENDING, SETTING)):
        return None
    name = call.args[0].value
    if not start and isinstance(name, cst.BinaryOperation) and isinstance(name.operator, cst.Modulo) \
            and isinstance(name.left, cst.SimpleString) and isinstance(name.left.evaluated_value, str):
        start = name.left.evaluated_value.partition("%")[0]  # "a.b.%s" % name
    return start or walk_prefix(call, resolver)


def fills_default_timeout(node: cst.FunctionDef, scope: Scope) -> bool:
    """A `request`/`send` method that gives a missing timeout a value (module docstring)."""
    if node.name.value not in _SESSION_METHODS or scope.parent is None or scope.parent.kind != "class":
        return False
    return gives_timeout(node)


def patches_requests_default(node: cst.Assign, resolver: Resolver) -> List[str]:
    """The tags of a process-wide default timeout for requests: a patched `TimeoutSauce` (rules/clients.py) or
    `Session.request`, with the patching function's parameter that gives the value, if one does (module docstring)."""
    if patches_requests_timeout(node, resolver):
        return [PATCHES_REQUESTS_TIMEOUT]
    filled = _patches_session_request(node, resolver)
    if filled is None:
        return []
    return [PATCHES_REQUESTS_TIMEOUT, *(parameter if parameter == PATCH_TIMEOUT_UNKNOWN else PATCH_TIMEOUT_PARAMETER + parameter
                                        for parameter in filled)] if filled else [PATCHES_REQUESTS_TIMEOUT, PATCH_TIMEOUT_LITERAL]


def _patches_session_request(node: cst.Assign, resolver: Resolver) -> Optional[List[str]]:
    """`Session.request = new_request` (`requests.Session`, `requests.sessions.Session`, however
    imported, also inside a function) with a function of this module that gives a missing timeout
    a value: every requests call of a process that runs it gets a default, since the module
    functions (`requests.get`) send through `Session.request` too (project/requests_default.py).
    None when it is no such patch; else the parameters of the patching function that give the value."""
    if not isinstance(node.value, cst.Name) or not any(
            isinstance(t.target, cst.Attribute) and t.target.attr.value == "request"
            and resolver.qualified_name(t.target) in SESSION_ENTRIES for t in node.targets):
        return None
    bindings = resolver.lookup(node.value.value) or []
    if not bindings or not all(binding.kind == "def" and isinstance(binding.node, cst.FunctionDef) and gives_timeout(binding.node)
                               for binding in bindings):
        return None
    found = [_outer_parameters(binding.node, resolver.scope) for binding in bindings]
    return sorted({name for parameters in found for name in ((PATCH_TIMEOUT_UNKNOWN,) if parameters is None else parameters)})


def _outer_parameters(function: cst.FunctionDef, scope: Scope) -> Optional[List[str]]:
    """`<name>@<position>/<default code>` of each parameter of the patching function (`scope`) that `function`,
    nested in it, fills in as the timeout; `?` as position for a method's (its callers' positions are unknown here).
    None when some value is neither such a parameter nor a finite positive literal: a global or an environment read
    may be None or 0 when it runs (tagged PATCH_TIMEOUT_UNKNOWN: one program's patch then bounds nothing), and when
    `function` may also take the timeout away (`_clears_timeout`)."""
    if _clears_timeout(function):
        return None
    own = {param.name.value: param.default for param in (*function.params.params, *function.params.kwonly_params, *function.params.posonly_params)}
    assigned = {target.target.value for found in descendants(function.body) if isinstance(found, cst.Assign)
                for target in found.targets if isinstance(target.target, cst.Name)}
    defaults = [own[name] for name in ("timeout",) if own.get(name) is not None and not is_none(own[name])]
    found = []
    for value in [*defaults, *_timeout_values(function)]:
        name = value.value if isinstance(value, cst.Name) else None
        outer = name is not None and name not in own and name not in assigned and name in scope.parameters
        if outer and (any(binding.kind != "param" for binding in scope.bindings.get(name, ()))
                      or _rebound_inside(scope, name)):
            return None  # the patching function (or one nested in it) rebinds it (`if ...: timeout = None`): unknown value
        if not outer:  # its own parameter is given (not None) by the caller, else its default
            literal = own.get(name) if name in own and name not in assigned else value
            if literal is None or not finite_literal(literal):
                return None
            continue
        method = scope.parent is not None and scope.parent.kind == "class"
        default = scope.defaults.get(name)
        found.append(f"{name}@{'?' if method else scope.parameters[name]}/{value_code(default) if default is not None else ''}")
    return found


def _rebound_inside(scope: Scope, name: str) -> bool:
    """A function nested in the patching function (`scope`) may rebind its parameter `name` (`nonlocal timeout`), or
    a walrus anywhere in it binds the name (`(timeout := None)`, in a comprehension too), which the scope's bindings
    do not hold; so may any of them when the patching function's definition is not found."""
    last = scope.qualname.rsplit(".", 1)[-1]
    definitions = [binding.node for binding in (scope.parent.bindings.get(last, ()) if scope.parent is not None else ())
                   if binding.kind == "def" and isinstance(binding.node, cst.FunctionDef)]
    return not definitions or any(
        isinstance(found, cst.Nonlocal) and any(item.name.value == name for item in found.names)
        or isinstance(found, cst.NamedExpr) and isinstance(found.target, cst.Name) and found.target.value == name
        for definition in definitions for found in descendants(definition.body, stop_at=()))


def _clears_timeout(function: cst.FunctionDef) -> bool:
    """The function may also take a filled timeout away: `kwargs["timeout"] = None`, `kwargs.pop("timeout")` or
    `del kwargs["timeout"]` on any mapping, or any use of its own `**kwargs` but those `_keeps_timeout` allows."""
    star = function.params.star_kwarg
    kwargs = star.name.value if isinstance(star, cst.Param) else None
    nodes = list(descendants(function.body, stop_at=()))
    parents = {id(child): node for node in nodes for child in children(node)}
    for found in nodes:
        if isinstance(found, cst.Name) and found.value == kwargs and not _keeps_timeout(found, parents):
            return True
        if isinstance(found, cst.Assign) and is_none(found.value) \
                and any(_timeout_key(target.target) for target in found.targets):
            return True
        if isinstance(found, cst.Del) and any(_timeout_key(target) for target in _deleted(found.target)):
            return True
        if isinstance(found, cst.Call) and isinstance(found.func, cst.Attribute) and found.func.attr.value == "pop" \
                and found.args and _is_timeout(found.args[0].value):
            return True
    return False


def _keeps_timeout(name: cst.Name, parents: Dict[int, cst.CSTNode]) -> bool:
    """This use of the wrapper's `**kwargs` leaves a timeout in it: passed on as the call's only `**` mapping and with
    no `timeout=None`, a key test (`"timeout" in kwargs`), a read or a write of a literal key (but None or a delete for
    the timeout), `get`/`keys`/`items`/`values`/`copy`, `setdefault` (not None for the timeout), `pop` of another key,
    `update` with dicts of other literal keys. Anything else (`update(timeout=None)`, `**{**kwargs, ...}`, `clear()`,
    a rebinding of `kwargs`, handing it to a function) may take the timeout away."""
    parent = parents.get(id(name))
    above = parents.get(id(parent))
    if isinstance(parent, cst.Arg) and parent.star == "**" and isinstance(above, cst.Call):
        return not any(given is not parent and given.star == "**" or _named(given, "timeout") and is_none(given.value)
                       for given in above.args)
    if isinstance(parent, cst.ComparisonTarget):
        return isinstance(parent.operator, (cst.In, cst.NotIn))
    if isinstance(parent, cst.Subscript) and parent.value is name:
        key = parent.slice[0].slice if len(parent.slice) == 1 else None
        if not isinstance(key, cst.Index) or not isinstance(key.value, cst.SimpleString):
            return False
        if not _is_timeout(key.value):
            return True
        if isinstance(above, cst.AssignTarget):
            return not is_none(getattr(parents.get(id(above)), "value", None) or cst.Name("None"))
        return not isinstance(above, (cst.Del, cst.AugAssign, cst.AnnAssign, cst.Element, cst.For, cst.CompFor, cst.AsName))
    if not isinstance(parent, cst.Attribute) or parent.value is not name or not isinstance(above, cst.Call) \
            or above.func is not parent:
        return False
    method, args = parent.attr.value, above.args
    if method in ("get", "keys", "items", "values", "copy"):
        return True
    if method in ("setdefault", "pop"):
        return bool(args) and isinstance(args[0].value, cst.SimpleString) and (not _is_timeout(args[0].value) or (
            method == "setdefault" and len(args) > 1 and not is_none(args[1].value)))
    return method == "update" and all(
        not given.keyword and not given.star and isinstance(given.value, cst.Dict) and all(
            isinstance(item, cst.DictElement) and isinstance(item.key, cst.SimpleString) and not _is_timeout(item.key)
            for item in given.value.elements) for given in args)


def _named(given: cst.Arg, keyword_name: str) -> bool:
    return given.keyword is not None and given.keyword.value == keyword_name


def _deleted(target: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The targets of `del a, b` (a tuple) or `del a`."""
    return [element.value for element in target.elements] if isinstance(target, (cst.Tuple, cst.List)) else [target]


def _timeout_key(target: cst.BaseExpression) -> bool:
    """`<mapping>["timeout"]`."""
    return isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index) \
        and _is_timeout(target.slice[0].slice.value)


def finite_literal(value: cst.BaseExpression) -> bool:
    """A positive finite number written out (`60`, `3.5`), or a tuple of them (`(3.05, 27)`: connect and read)."""
    if isinstance(value, cst.Tuple):
        return bool(value.elements) and all(finite_literal(element.value) for element in value.elements)
    if not isinstance(value, (cst.Integer, cst.Float)):
        return False
    try:
        return 0 < float(value.value.replace("_", "")) < float("inf")
    except ValueError:
        return False


def gives_timeout(node: cst.FunctionDef) -> bool:
    """The function gives a missing timeout a value before it sends (module docstring)."""
    params = {param.name.value: param.default for param in (*node.params.params, *node.params.kwonly_params)}
    if "timeout" in params and params["timeout"] is not None and not is_none(params["timeout"]):
        return True
    return bool(_timeout_values(node))


def _timeout_values(node: cst.FunctionDef) -> List[cst.BaseExpression]:
    """What the function's body gives a missing timeout (none of them None): `kwargs["timeout"] = <value>`,
    `kwargs.setdefault("timeout", <value>)`, `timeout=<value>` passed on but for its own unset parameter."""
    params = {param.name.value: param.default for param in (*node.params.params, *node.params.kwonly_params)}
    found: List[cst.BaseExpression] = []
    for item in descendants(node.body):
        if isinstance(item, cst.Subscript) and len(item.slice) == 1 and isinstance(item.slice[0].slice, cst.Index) \
                and _is_timeout(item.slice[0].slice.value):
            found.extend(_assigned(item, node))
        if isinstance(item, cst.Call) and isinstance(item.func, cst.Attribute) and item.func.attr.value == "setdefault" \
                and item.args and _is_timeout(item.args[0].value) and len(item.args) > 1 and not is_none(item.args[1].value):
            found.append(item.args[1].value)
        given = keyword(item, "timeout") if isinstance(item, cst.Call) else None
        if given is not None and not is_none(given.value) and not _unset_parameter(given.value, params):
            found.append(given.value)
    return found


def _unset_parameter(expr: cst.BaseExpression, params: dict) -> bool:
    """A parameter with no default or a None one: passing it on gives no timeout of the method's own."""
    return isinstance(expr, cst.Name) and expr.value in params and (params[expr.value] is None or is_none(params[expr.value]))


def _is_timeout(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.SimpleString) and expr.evaluated_value == "timeout"


def _assigned(subscript: cst.Subscript, function: cst.FunctionDef) -> List[cst.BaseExpression]:
    """The values of `kwargs["timeout"] = <not None>` somewhere in the function."""
    return [found.value for found in descendants(function.body) if isinstance(found, cst.Assign)
            and any(target.target is subscript for target in found.targets) and not is_none(found.value)]


def session_global(resolver: Resolver, expr: cst.BaseExpression, scope: Optional[Scope] = None, depth: int = 0) -> Optional[str]:
    """The global that builds the session `expr` holds (module docstring), when the assignments of
    it that build one by a global agree (others, such as a factory handed in, are as unknown as the
    session's class, which PRR501 takes from the assignment that names one); None when unknown."""
    if depth > 4:
        return None
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute):  # `requests.Session()`, not `self._session_factory()`
            return resolver.qualified_name(func, scope) if _imported_head(func, resolver, scope) else None
        bindings = resolver.lookup(func.value, scope) if isinstance(func, cst.Name) else None
        if bindings and bindings[-1].kind == "import" and all(binding.scope is resolver.module_scope for binding in bindings):
            return f"{resolver.module_name}.{func.value}"
        return None
    found = set()
    for binding in resolver.held_bindings(expr, scope):
        if binding.kind in ("value", "alias") and binding.value is not None and not is_none(binding.value):
            found.add(session_global(resolver, binding.value, binding.scope, depth + 1))
    found.discard(None)
    return found.pop() if len(found) == 1 else None
