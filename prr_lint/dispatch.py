"""Calls through a dispatch table: a dict literal of functions or classes, looked up by a key known
only at run time. `PROVIDERS = {"smtp": SMTPProvider, "mailgun": MailgunProvider}` at module level,
then `PROVIDERS.get(name).sendmail(...)` (or `PROVIDERS[name]().send(...)`, through a local name
too); or a method that returns `{"start": self.start, "stop": self.stop}` and a handler that calls
`mapping[command](...)`. The resolver gives such a call no name; every value of the table is a
candidate, so the call may run any of them (or the named method of any of them). The table may also
be a dict literal the calling function binds itself (`actions = {"purge": do_purge}; actions[args.action]()`),
or the module table a parameter falls back to (`def main(services=None): services = services or
SERVICES` ... `services[args.service](client)`; a caller's own table may run too). A table keyed by
string literals also tells which key runs which value (`dispatched_keys`): an argparse program's
subcommand words (project/deployed_subcommands.py).

Calls by name: `getattr(engine, "fetch_traits", None)` on a plugin module looks a function up by a
literal name; any module-level project function of that name may run (`by_name_lookup`). A name computed at
run time (`getattr(jobs, jobname)()`, a job runner's command word) may pick any name the receiver binds; the call
is recorded with its arguments as one of `BY_COMPUTED_NAME` (`computed_lookup`): project/param_guards.py takes it
for a call of every function a project module so looked up binds.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Binding, Scope
from prr_lint.tree import statements_within

Table = Tuple[cst.Dict, Scope]
# The prefix of a call by name in a function's calls (`?getattr:fetch_traits`): project/callgraph.py
# links it to every module-level project function of that name.
BY_NAME = "?getattr:"
# The prefix of a call of what `getattr(<receiver>, <computed name>)` returns (`?getattr*:parliament.jobs`), in a
# `call-args:` tag only: the call graph follows no such call.
BY_COMPUTED_NAME = "?getattr*:"


def by_name_lookup(call: cst.Call, name: Optional[str]) -> Optional[str]:
    """The attribute `getattr(obj, "attr"[, default])` looks up by a literal identifier, or None."""
    if name != "builtins.getattr" or len(call.args) < 2 or any(arg.keyword is not None for arg in call.args[:2]):
        return None
    literal = call.args[1].value
    if isinstance(literal, cst.SimpleString):
        value = literal.evaluated_value
        if isinstance(value, str) and value.isidentifier() and not value.startswith("__"):
            return value
    return None


def computed_lookup(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """`BY_COMPUTED_NAME` and the resolved receiver of a call of `getattr(receiver, name)` by a name that is no
    literal (`getattr(jobs, jobname)()`), or None."""
    lookup = call.func
    if not isinstance(lookup, cst.Call) or resolver.qualified_name(lookup.func) != "builtins.getattr" or len(lookup.args) < 2 \
            or any(arg.keyword is not None or arg.star for arg in lookup.args[:2]) or isinstance(lookup.args[1].value, cst.SimpleString):
        return None
    receiver = resolver.qualified_name(lookup.args[0].value)
    return None if receiver is None else BY_COMPUTED_NAME + receiver


def dispatched_names(func: cst.BaseExpression, resolver: Resolver) -> Tuple[str, ...]:
    """What a call of `func` may run: `table[key]` / `table.get(key)` itself, or `.method` of it (the
    looked-up value called or not first), for a table whose values all resolve; () otherwise."""
    return tuple(dict.fromkeys(name for _, name in _dispatched(func, resolver)))


def dispatched_keys(func: cst.BaseExpression, resolver: Resolver) -> Tuple[Tuple[str, str], ...]:
    """(key, name) of each value a call of `func` may run, for a table keyed by string literals only; () otherwise."""
    found = _dispatched(func, resolver)
    return found if all(key for key, _ in found) else ()


def _dispatched(func: cst.BaseExpression, resolver: Resolver) -> Tuple[Tuple[str, str], ...]:
    """(string key or "", name) of each value of the table a call of `func` looks up."""
    method = ""
    receiver = func
    if isinstance(func, cst.Attribute) and func.attr.value != "get":
        method, receiver = f".{func.attr.value}", func.value
        if isinstance(receiver, cst.Call) and not receiver.args:
            receiver = receiver.func  # `PROVIDERS[name]()`: an instance of the class looked up
    found = _table(receiver, resolver, 0)
    if found is None:
        return ()
    table, scope = found
    found = []
    for element in table.elements:
        if not isinstance(element, cst.DictElement):
            return ()
        name = resolver.qualified_name(element.value, scope)
        if name is None or name.startswith("builtins."):
            return ()
        key = element.key.evaluated_value if isinstance(element.key, cst.SimpleString) else None
        found.append((key if isinstance(key, str) else "", f"{name}{method}"))
    return tuple(found)


def _table(receiver: cst.BaseExpression, resolver: Resolver, depth: int) -> Optional[Table]:
    """The dict literal a receiver is looked up in, with the scope its values resolve in."""
    if isinstance(receiver, cst.Name) and depth == 0:
        bindings = resolver.lookup(receiver.value)
        if not bindings or bindings[-1].kind not in ("value", "alias") or bindings[-1].value is None:
            return None
        return _table(bindings[-1].value, resolver, depth + 1)
    looked_up: Optional[cst.BaseExpression] = None
    if isinstance(receiver, cst.Subscript):
        looked_up = receiver.value
    elif (isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute)
          and receiver.func.attr.value == "get" and receiver.args):
        looked_up = receiver.func.value
    if isinstance(looked_up, cst.Name):
        return _named_table(looked_up, resolver, True)
    return None


def _named_table(name: cst.Name, resolver: Resolver, fall_back: bool) -> Optional[Table]:
    """The dict literal a name is bound to once: at module level, in the calling function, or through
    the one assignment of a parameter that falls back to a module table (`fall_back`)."""
    bindings = resolver.lookup(name.value) or []
    binding = bindings[-1] if len(bindings) == 1 else _fallback(bindings) if fall_back else None
    if binding is None or binding.kind not in ("value", "alias"):
        return None
    if binding.kind == "alias" and isinstance(binding.value, cst.Name) and fall_back:
        return _named_table(binding.value, resolver, False)  # `services = SERVICES`
    if isinstance(binding.value, cst.Dict) and binding.value.elements \
            and (binding.scope is resolver.module_scope or binding.scope is resolver.scope):
        return binding.value, binding.scope  # the module's table, or one the calling function binds
    if isinstance(binding.value, cst.Call) and not binding.value.args:
        return _built_by(binding.value.func, resolver)  # `mapping = self.get_command_mapping()`
    return None


def _fallback(bindings: List[Binding]) -> Optional[Binding]:
    """The one assignment of a parameter that falls back to a table (`if not services: services = SERVICES`)."""
    if len(bindings) == 2 and bindings[0].kind == "param" and bindings[1].kind == "alias":
        return bindings[1]
    return None


def _built_by(func: cst.BaseExpression, resolver: Resolver) -> Optional[Table]:
    """The dict literal that a method of this class (`self.m`) or a module function returns as its
    only `return`."""
    scope = resolver.scope
    parent: Optional[Scope] = None
    definition: Optional[cst.CSTNode] = None
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and scope.self_name == func.value.value:
        owner = scope.owner_class
        parent = owner.scope if owner is not None else None
        bindings = parent.bindings.get(func.attr.value) if parent is not None else None
        definition = bindings[-1].node if bindings and bindings[-1].kind == "def" else None
    elif isinstance(func, cst.Name):
        bindings = resolver.module_scope.bindings.get(func.value)
        parent = resolver.module_scope
        definition = bindings[-1].node if bindings and bindings[-1].kind == "def" else None
    if not isinstance(definition, cst.FunctionDef) or parent is None:
        return None
    returns = [statement for statement in statements_within(definition) if isinstance(statement, cst.Return)]
    if len(returns) != 1 or not isinstance(returns[0].value, cst.Dict) or not returns[0].value.elements:
        return None
    return returns[0].value, resolver.scope_for(definition, parent)
