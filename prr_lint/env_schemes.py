"""django-environ's scheme: `env = environ.Env(FLAG_X=(bool, False))` declares how `env.bool("FLAG_X")` reads the
variable FLAG_X, and the default it takes while the variable is unset (switch_keys.env_key reads the call as
`env.bool("FLAG_X", default=False)`, an environment switch: env_eval.py). The scheme's keywords are no values of
the keys (switch_keys.write_marks leaves them out): the settings module's `FLAG_X = env.bool("FLAG_X")` gives it one."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import descendants, literal_value

_ENVIRON_ENV = "environ.Env"


def scheme_defaults(node: cst.BaseExpression, resolver: Resolver) -> cst.BaseExpression:
    """`node` with the default of each `env.bool("X")` made explicit where `env` is a module's `environ.Env(X=(bool,
    False))`: django-environ's reader takes a variable's default from its scheme when the call passes none."""
    for call in [found for found in (node, *descendants(node)) if isinstance(found, cst.Call)]:
        func = call.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "bool" and isinstance(func.value, cst.Name) and len(call.args) == 1
                and not call.args[0].keyword and not call.args[0].star):
            continue
        variable = literal_value(call.args[0].value) if isinstance(call.args[0].value, cst.SimpleString) else None
        default = _scheme_default(func.value, variable, resolver) if isinstance(variable, str) else None
        if default is not None:
            explicit = call.with_changes(args=[call.args[0].with_changes(comma=cst.Comma()), cst.Arg(default, keyword=cst.Name("default"))])
            node = explicit if call is node else node.deep_replace(call, explicit)  # type: ignore[assignment]
    return node


def _scheme_default(reader: cst.Name, variable: str, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """The literal default a module's one `reader = environ.Env(X=(bool, False))` gives the variable X: its scheme's
    `(cast, default)` pair."""
    bindings = resolver.lookup(reader.value, resolver.module_scope) or []
    built = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
    if not isinstance(built, cst.Call) or resolver.qualified_name(built.func, resolver.module_scope) != _ENVIRON_ENV:
        return None
    for arg in built.args:
        scheme = arg.value
        if arg.keyword is not None and arg.keyword.value == variable and isinstance(scheme, cst.Tuple) and len(scheme.elements) == 2 \
                and isinstance(scheme.elements[0].value, cst.Name) and scheme.elements[0].value.value == "bool":
            return scheme.elements[1].value
    return None
