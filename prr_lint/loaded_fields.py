"""Attributes a configuration class fills from a loaded configuration file (PRR501: the other way of `if settings.cache_tls_enabled:`).

A service loads its JSON defaults into a mapping and copies each item onto an object of its own class (`data =
read_files()`, then `self.cache_tls_enabled = data["cache_tls_enabled"]` in `Settings.__init__`: attribute_hosts.py
tags the store with the item's `config-path:` key); a client module chooses its way on `settings.cache_tls_enabled`. The
`else` of such an `if` runs only while the attribute is false: `else_field_key` names it `not:field:<name>@<class or
object>`. A `setattr` of a computed name may put anything in the object, unless its value holds only names its
function binds to reads of the environment (`setattr(self, key, value)` after `if value :=
os.getenv(f"APP_{key.upper()}")`): a deployment file shows such a variable by the attribute's name. `fill_marks` tags
each other one (`fills-attr:<what it resolves to>`). The project phase (project/loaded_fields.py) says when the
attribute is on in every shipped configuration.
"""

from __future__ import annotations

from typing import Dict, List, Optional

import libcst as cst

from prr_lint.environment_reads import names_environment
from prr_lint.resolve import Resolver, Scope
from prr_lint.settings_fields import FIELD, OWNER, field_key
from prr_lint.switch_keys import NEGATED, string_text
from prr_lint.tree import descendants

FILLS_ATTR = "fills-attr:"


def else_field_key(test: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """`not:field:<name>@<owner>` of an `if` testing a lower-case attribute of a name (`if settings.cache_tls_enabled:`),
    the owner the class of the object (a parameter annotated `Settings`) or the qualified name of a module-level one (an
    imported `settings`); None otherwise."""
    if not isinstance(test, cst.Attribute) or not isinstance(test.value, cst.Name) or test.value.value in ("self", "cls"):
        return None
    key = field_key(test, resolver)
    owner = resolver.instance_type(test.value) or resolver.qualified_name(test.value)
    return f"{NEGATED}{FIELD}{test.attr.value}{OWNER}{owner}" if key and owner and not owner.startswith("builtins.") else None


def fill_marks(node: cst.CSTNode, resolver: Resolver) -> List[str]:
    """FILLS_ATTR tags of each `setattr` of a computed name a `def` makes (not in the definitions nested in it), or
    a call outside any makes, on what it resolves to, unless its value holds only names the function binds to reads
    of the environment. Asked of every `def` and of every call outside one (a lambda's too) in a module that spells `setattr`."""
    if isinstance(node, cst.FunctionDef):
        scope = resolver.scope_for(node)  # entered before its visit: built already
        calls = [found for found in descendants(node.body) if isinstance(found, cst.Call)]
        bound = _bound(node)
    elif isinstance(node, cst.Call) and (resolver.scope.kind != "function" or resolver.scope.qualname.endswith("<lambda>")):
        scope, calls, bound = resolver.scope, [node], {}
    else:
        return []
    found: List[str] = []
    for call in calls:
        if resolver.qualified_name(call.func, scope) != "builtins.setattr" or len(call.args) != 3 or string_text(call.args[1].value):
            continue
        if not _environment_value(call.args[2].value, bound, resolver, scope):
            found += [FILLS_ATTR + owner for owner in _owners(call.args[0].value, resolver, scope)]
    return found


def _bound(function: cst.FunctionDef) -> Dict[str, List[cst.BaseExpression]]:
    """The values the function's own body binds each plain name to (`x = v`, `x := v`)."""
    bound: Dict[str, List[cst.BaseExpression]] = {}
    for node in descendants(function.body):
        if isinstance(node, cst.NamedExpr) and isinstance(node.target, cst.Name):
            bound.setdefault(node.target.value, []).append(node.value)
        elif isinstance(node, cst.Assign):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    bound.setdefault(target.target.value, []).append(node.value)
    return bound


def _environment_value(value: cst.BaseExpression, bound: Dict[str, List[cst.BaseExpression]], resolver: Resolver, scope: Scope) -> bool:
    """Every name `value` reads (a call's callee aside: `int(value)`, `as_bool(value)`) is bound in the function, and
    only to reads of the environment (`value := os.getenv(name)`), and no parameter shares its name."""
    callees = {id(node.func) for node in (value, *descendants(value)) if isinstance(node, cst.Call)}
    names = {node.value for node in (value, *descendants(value)) if isinstance(node, cst.Name) and id(node) not in callees}
    return bool(names) and all(bool(bound.get(name)) and name not in scope.parameters
                               and all(names_environment(read, resolver, scope) for read in bound[name]) for name in names)


def _owners(target: cst.BaseExpression, resolver: Resolver, scope: Scope) -> List[str]:
    """What the object a `setattr` is made on resolves to (switch_keys._owners, in `scope`)."""
    if isinstance(target, cst.Name) and target.value == scope.self_name and scope.owner_class is not None:
        return [scope.owner_class.qualname]
    found = [resolver.instance_type(target, scope), resolver.qualified_name(target, scope)]
    return [owner for at, owner in enumerate(found) if owner and owner not in found[:at]]
