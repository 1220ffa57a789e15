"""An app a function builds only when its caller hands it none, and then discards (PRR201).

`def init_assets(app=None): app = app or Flask(__name__)` configures the app it is handed (asset
bundles, extensions); called without one, by a build script compiling assets, it builds an app of
its own for the app context and drops it on return. That app never serves a request: the routes
are the served app's, reported where that app is built. A function that returns, stores or runs
the app it builds is a factory, and its app stays reported.
"""

from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from prr_lint.tree import descendants, names_in


def discarded_fallback(call: cst.Call, ancestors: Sequence[cst.CSTNode]) -> bool:
    """`call` builds the app only when a parameter holds none (`app = app or Flask()`, `if app is None:
    app = Flask()`), and the function neither returns, yields, stores nor serves what it binds."""
    function = next((node for node in reversed(ancestors) if isinstance(node, (cst.FunctionDef, cst.Lambda))), None)
    if not isinstance(function, cst.FunctionDef):
        return False
    name = _fallback_target(call, ancestors, {param.name.value for param in _parameters(function)})
    return name is not None and not _kept(function, name)


def _parameters(function: cst.FunctionDef) -> Sequence[cst.Param]:
    params = function.params
    return (*params.posonly_params, *params.params, *params.kwonly_params)


def _fallback_target(call: cst.Call, ancestors: Sequence[cst.CSTNode], params: set) -> Optional[str]:
    """The parameter the app is assigned to when the construction is its fallback, or None."""
    parent = ancestors[-1] if ancestors else None
    value: cst.CSTNode = call
    guarded = isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or) and parent.right is call \
        and isinstance(parent.left, cst.Name) and parent.left.value in params
    if guarded:
        value, parent = parent, ancestors[-2] if len(ancestors) > 1 else None
    if not (isinstance(parent, cst.Assign) and parent.value is value and len(parent.targets) == 1):
        return None
    target = parent.targets[0].target
    if not isinstance(target, cst.Name):
        return None
    if guarded or target.value in params and any(_tests_missing(node, target.value) for node in ancestors if isinstance(node, cst.If)):
        return target.value
    return None


def _tests_missing(node: cst.If, name: str) -> bool:
    """`if app is None:` or `if not app:`."""
    test = node.test
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return isinstance(test.expression, cst.Name) and test.expression.value == name
    return isinstance(test, cst.Comparison) and isinstance(test.left, cst.Name) and test.left.value == name \
        and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.Is) \
        and isinstance(test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None"


def _kept(function: cst.FunctionDef, name: str) -> bool:
    """The function returns or yields the app, stores it beyond its call (an attribute, a subscript, a
    global, a container: `APPS.append(app)`), or hands it to what serves it (`app.run`, also uncalled as
    a thread's target, `serve(app)`, `WSGIServer(addr, app).serve_forever()`). A local bound from the
    app (`server = make_server(host, port, app)`) stands for it."""
    aliases = {name}
    for node in descendants(function.body):
        if isinstance(node, cst.Assign) and aliases & names_in(node.value):
            aliases.update(target.target.value for target in node.targets if isinstance(target.target, cst.Name))
    for node in descendants(function.body):
        if isinstance(node, (cst.Return, cst.Yield)) and node.value is not None and aliases & names_in(node.value):
            return True
        if isinstance(node, (cst.Assign, cst.AnnAssign, cst.AugAssign)) and node.value is not None \
                and aliases & names_in(node.value) and any(not isinstance(target, cst.Name) for target in _targets(node)):
            return True
        if isinstance(node, (cst.Global, cst.Nonlocal)) and any(item.name.value in aliases for item in node.names):
            return True
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in aliases \
                and node.attr.value in _SERVER_CALLS:
            return True
        if isinstance(node, cst.Call) and _hands_over(node, aliases):
            return True
    return False


def _targets(node: cst.CSTNode) -> Sequence[cst.BaseExpression]:
    return [target.target for target in node.targets] if isinstance(node, cst.Assign) else [node.target]


# Calls that serve what they are handed (`serve(app)`, `web.run_app(app)`), or that start what was built
# around it (`.serve_forever()`); and methods that keep what they are handed in a container.
_SERVER_CALLS = frozenset({"run", "serve", "run_simple", "make_server", "run_app", "serve_forever", "run_forever", "start"})
_CONTAINER_ADDS = frozenset({"append", "add", "insert", "extend", "setdefault", "update"})


def _hands_over(call: cst.Call, aliases: set) -> bool:
    """The app is an argument of a server start or of a container's add, or is inside the receiver of a
    server start (`WSGIServer(addr, app).serve_forever()`)."""
    func = call.func
    callee = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    if callee in _CONTAINER_ADDS and isinstance(func, cst.Attribute):
        return any(aliases & names_in(arg.value) for arg in call.args)
    if callee not in _SERVER_CALLS:
        return False
    receiver = func.value if isinstance(func, cst.Attribute) else None
    return any(aliases & names_in(arg.value) for arg in call.args) or (receiver is not None and bool(aliases & names_in(receiver)))
