"""Calls through a dispatch table: `PROVIDERS = {"smtp": SMTPProvider, "mailgun": MailgunProvider}` at
module level, then `provider = PROVIDERS.get(name); provider.sendmail(...)` (or `PROVIDERS[name]`,
`PROVIDERS[name]().send(...)`). The resolver gives such a call no name, since the table's key is known
only at run time; every value of the table is a candidate, so the call may run any of their methods.
Used where one of the candidates is enough to matter (a failure status handed back by any of them).
"""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver


def dispatched_names(func: cst.BaseExpression, resolver: Resolver) -> Tuple[str, ...]:
    """`table[key].method` / `table.get(key).method` (directly or through a local name, the table's
    value called or not): the qualified `value.method` of every value of a module-level dict literal
    whose values all resolve; () otherwise."""
    if not isinstance(func, cst.Attribute):
        return ()
    table = _table(func.value, resolver, 0)
    if table is None:
        return ()
    names = []
    for element in table.elements:
        if not isinstance(element, cst.DictElement):
            return ()
        name = resolver.qualified_name(element.value, resolver.module_scope)
        if name is None or name.startswith("builtins."):
            return ()
        names.append(f"{name}.{func.attr.value}")
    return tuple(dict.fromkeys(names))


def _table(receiver: cst.BaseExpression, resolver: Resolver, depth: int) -> Optional[cst.Dict]:
    """The module-level dict literal a receiver is looked up in, if it is one."""
    if isinstance(receiver, cst.Call) and not receiver.args:
        receiver = receiver.func  # `PROVIDERS[name]()`: an instance of the class looked up
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
    if not isinstance(looked_up, cst.Name):
        return None
    bindings = resolver.module_scope.bindings.get(looked_up.value)
    if not bindings or resolver.lookup(looked_up.value) is not bindings:
        return None
    value = bindings[-1].value if bindings[-1].kind == "value" else None
    return value if isinstance(value, cst.Dict) and value.elements else None
