"""Attributes a configuration class fills from a loaded configuration file (PRR501: the other way of `if settings.cache_tls_enabled:`).

A service loads its JSON defaults into a mapping and copies each item onto an object of its own class (`data =
read_files()`, then `self.cache_tls_enabled = data["cache_tls_enabled"]` in `Settings.__init__`: attribute_hosts.py
tags the store with the item's `config-path:` key); a client module chooses its way on `settings.cache_tls_enabled`. The
`else` of such an `if` runs only while the attribute is false: `else_field_key` names it `not:field:<name>@<class or
object>`. A `setattr` of a computed name may put anything in the object (`fill_marks` tags it `fills-attr:<what it
resolves to>`), unless it only overrides the attribute with the environment variable named after it, when that is set:

    if value := os.getenv(f"APP_{key.upper()}"):
        setattr(self, key, value)

every binding of `value` in the scope reads the environment (no default), by `key` or `key.upper()` after a literal
prefix, and an `if` on its truth (or on `is not None`) holds the `setattr`. The project phase (project/loaded_fields.py)
reads the deployment files for such a variable by the attribute's name: every value they give must be a true word. A
value parsed from the variable (`int(value)`, `value == "1"`) may be false for a true word: `setattr(self, key,
as_bool(value))` is tagged `parses-attr:<what it resolves to>`, and no deployment file may set the variable at all.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.environment_reads import environment_read
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.settings_fields import FIELD, OWNER, is_field_name
from prr_lint.namespace_writes import object_owners
from prr_lint.switch_keys import NEGATED, string_text
from prr_lint.tree import SCOPE_NODES, descendants

FILLS_ATTR = "fills-attr:"
PARSES_ATTR = "parses-attr:"
_OWN_NODES = (*SCOPE_NODES, cst.BaseSuite)  # a statement's own expressions: not its blocks, not nested scopes


def else_field_key(test: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """`not:field:<name>@<owner>` of an `if` testing a lower-case attribute of a name (`if settings.cache_tls_enabled:`),
    the owner the class of the object (a parameter annotated `Settings`) or the qualified name of a module-level one (an
    imported `settings`); None otherwise."""
    if not isinstance(test, cst.Attribute) or not isinstance(test.value, cst.Name) or test.value.value in ("self", "cls") \
            or not is_field_name(test.attr.value):
        return None
    owner = resolver.instance_type(test.value) or resolver.qualified_name(test.value)
    return f"{NEGATED}{FIELD}{test.attr.value}{OWNER}{owner}" if owner and not owner.startswith("builtins.") else None


def fill_marks(call: cst.Call, resolver: Resolver) -> List[str]:
    """FILLS_ATTR tags (PARSES_ATTR for a value parsed from an environment override) of a `setattr` of a computed name,
    on what its object resolves to; none for the bare value of an environment override (module docstring)."""
    if len(call.args) != 3 or string_text(call.args[1].value) is not None or resolver.qualified_name(call.func) != "builtins.setattr":
        return []
    target, key, value = (arg.value for arg in call.args)
    read = _read_names(value)
    override = isinstance(key, cst.Name) and len({name.value for name in read}) == 1 and _overrides(read[0], key.value, resolver)
    if override and value is read[0]:
        return []
    return [(PARSES_ATTR if override else FILLS_ATTR) + owner for owner in object_owners(target, resolver)]


def _read_names(value: cst.BaseExpression) -> List[cst.Name]:
    """The Name nodes `value` reads: not a callee named plainly (`int(value)`), an attribute's or a keyword's name."""
    nodes = [value, *descendants(value)]
    skipped = {id(node.func) for node in nodes if isinstance(node, cst.Call) and isinstance(node.func, cst.Name)}
    skipped |= {id(node.attr) for node in nodes if isinstance(node, cst.Attribute)}
    skipped |= {id(node.keyword) for node in nodes if isinstance(node, cst.Arg) and node.keyword is not None}
    return [node for node in nodes if isinstance(node, cst.Name) and id(node) not in skipped]


def _overrides(name: cst.Name, key: str, resolver: Resolver) -> bool:
    """Every binding of `name` in the current scope (walrus targets too) is a read of the variable named after `key`,
    and the statement reading `name` is in the body of an `if` on its truth."""
    scope = resolver.scope
    bindings = resolver.lookup(name.value, scope) or []
    values: List[Optional[cst.BaseExpression]] = [binding.value if binding.kind == "value" and binding.scope is scope else None
                                                  for binding in bindings]
    values += [node.value for statement in scope.layout.statements for node in descendants(statement, _OWN_NODES)
               if isinstance(node, cst.NamedExpr) and isinstance(node.target, cst.Name) and node.target.value == name.value]
    return bool(values) and all(value is not None and _read_of(value, key, resolver) for value in values) and _guarded(name, scope)


def _read_of(value: cst.BaseExpression, key: str, resolver: Resolver) -> bool:
    """`os.getenv(<name>)`, `os.environ.get(<name>)` (no default: None while unset), `os.environ[<name>]`, the
    variable's name built from `key` (`_named_after`), or a name the scope binds only to such names."""
    if not environment_read(value, resolver):
        return False
    if isinstance(value, cst.Call):
        named = value.args[0].value if len(value.args) == 1 and value.args[0].keyword is None and not value.args[0].star else None
    else:
        index = value.slice[0].slice if isinstance(value, cst.Subscript) and len(value.slice) == 1 else None
        named = index.value if isinstance(index, cst.Index) else None
    if isinstance(named, cst.Name) and named.value != key:  # `envvar_key = f"APP_{key.upper()}"` first
        bindings = resolver.lookup(named.value) or []
        return bool(bindings) and all(binding.kind == "value" and binding.scope is resolver.scope and binding.value is not None
                                      and _named_after(binding.value, key) for binding in bindings)
    return named is not None and _named_after(named, key)


def _named_after(expression: cst.BaseExpression, key: str) -> bool:
    """`key` or `key.upper()`, alone or after a literal prefix (`f"APP_{key.upper()}"`, `"APP_" + key`): the variable
    a deployment file shows by the attribute's name."""
    if isinstance(expression, cst.FormattedString) and expression.parts:
        *prefix, last = expression.parts
        return all(isinstance(part, cst.FormattedStringText) for part in prefix) and isinstance(last, cst.FormattedStringExpression) \
            and last.conversion is None and last.format_spec is None and _named_after(last.expression, key)
    if isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Add):
        return string_text(expression.left) is not None and _named_after(expression.right, key)
    if isinstance(expression, cst.Call) and not expression.args and isinstance(expression.func, cst.Attribute) \
            and expression.func.attr.value == "upper":
        expression = expression.func.value
    return isinstance(expression, cst.Name) and expression.value == key


def _guarded(name: cst.Name, scope: Scope) -> bool:
    """The statement holding the Name node is in the body of an `if` on the name's truth, or on its not being None
    (`if value:`, `if value := ...:`, `if (value := ...) is not None:`): an unset variable sets nothing."""
    layout = scope.layout
    at = layout.used_at(name, len(layout.statements) - 1)
    while 0 <= at < len(layout.statements) and layout.parents[at] >= 0:
        parent = layout.parents[at]
        statement = layout.statements[parent]
        if isinstance(statement, cst.If) and layout.blocks[at] == 0 and _tests(statement.test, name.value):
            return True
        at = parent
    return False


def _tests(test: cst.BaseExpression, name: str) -> bool:
    """`name`, `name := ...`, either `is not None`."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.IsNot) \
            and isinstance(test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None":
        test = test.left
    if isinstance(test, cst.NamedExpr):
        test = test.target
    return isinstance(test, cst.Name) and test.value == name
