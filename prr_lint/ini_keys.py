"""Switches kept in INI-style configuration files: `[user_stop] enabled = no` in `conf/api.conf.default`.

A service configured by INI files reads a switch as `section.key` of a reader built for one file
(`apiconf = Config("api")`, then `if apiconf.user_stop.enabled:`) or through configparser itself
(`parser.getboolean("email", "enabled")`). The file phase names such a read `ini:<base>:<section>.<key>`,
where `<base>` is the string the reader was built with (`api`), or empty when it was built with none
(`Config()`, `ConfigParser()`: any file may be read). Whether the read is a switch at all is the project
phase's question (project/ini_values.py): only a key that a shipped INI file of that name gives a value is
one, so a `settings.section.key` of anything else names no file and stays on.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope

INI = "ini:"
IMPORTED = "@"  # a base that is the reader's qualified name: the module that builds it says which file
_TESTS = frozenset({"getboolean"})  # configparser's switch read: `parser.getboolean(section, key)`


def ini_key(term: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> Optional[str]:
    """`ini:<base>:<section>.<key>` of `reader.section.key` or `reader.getboolean("section", "key")`, where
    `reader` is a call's value (`Config("api")`, bound to a name or called in place); `scope`: where the term is
    read (the resolver's own by default)."""
    if isinstance(term, cst.Call) and isinstance(term.func, cst.Attribute) and term.func.attr.value in _TESTS:
        words = [arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) and not arg.keyword else None for arg in term.args]
        if len(words) != 2 or not all(isinstance(word, str) and word.isidentifier() for word in words):
            return None
        base = _base(term.func.value, resolver, scope or resolver.scope)
        return f"{INI}{base}:{words[0]}.{words[1]}" if base is not None else None
    if not (isinstance(term, cst.Attribute) and isinstance(term.value, cst.Attribute)):
        return None
    base = _base(term.value.value, resolver, scope or resolver.scope)
    return f"{INI}{base}:{term.value.attr.value}.{term.attr.value}" if base is not None else None


def _base(reader: cst.BaseExpression, resolver: Resolver, scope: Scope) -> Optional[str]:
    """The file name a reader was built with: the one string argument of the call that made it ("" for
    none), itself or the one value of the name it is bound to; `@<qualified name>` of a name imported from
    another module (`from svc.config import apiconf`), whose assignment the project phase reads; None for
    anything else."""
    if isinstance(reader, cst.Name):
        bindings = resolver.lookup(reader.value, scope) or resolver.lookup(reader.value, resolver.module_scope) or []
        if len(bindings) == 1 and bindings[0].kind == "import":
            imported = resolver.qualified_name(reader, scope)
            return f"{IMPORTED}{imported}" if imported else None
        values = [binding.value for binding in bindings if binding.kind == "value"]
        if len(bindings) != 1 or len(values) != 1 or values[0] is None:
            return None
        reader = values[0]
    if not isinstance(reader, cst.Call) or any(arg.keyword or arg.star for arg in reader.args) or len(reader.args) > 1:
        return None
    if not reader.args:
        return ""
    value = reader.args[0].value
    word = value.evaluated_value if isinstance(value, cst.SimpleString) else None
    return word if isinstance(word, str) and word.isidentifier() else None
