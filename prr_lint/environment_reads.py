"""Reads of the process environment: what the deployment, not a shipped file, gives a value.

One answer for the marks that ask it (socket_targets.py's `BINDS_OTHER_TARGET`, flask_configs.py's env-named
config files, config_paths.py's filled mappings), so that they agree on what the environment is; and the readers of
python-decouple and django-environ, whose key and default switch_keys.py reads as `os.getenv`'s.
"""

from __future__ import annotations

from typing import FrozenSet, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import descendants

ENVIRONMENT_READS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault", "os.environ"})
# What names the environment at all: a read, or the mapping itself handed on (`config.update(os.environ)`).
_ENVIRONMENT_NAMES = ENVIRONMENT_READS | {"os.getenvb"}
# The environment readers with decouple's signature (`config("X", default=False, cast=bool)`, env_eval.py).
_DECOUPLE_CONFIG = "decouple.config"
_CONFIG_CLASSES = frozenset({"decouple.Config", "decouple.AutoConfig", "starlette.config.Config"})
# django-environ's reader (`env = environ.Env()`, `env("X", default="redis://127.0.0.1:6379/0")`, `env.str(...)`).
ENVIRON_ENV = frozenset({"environ.Env"})


def environment_read(node: cst.CSTNode, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """`os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")` (resolved in `scope`): a value the deployment gives."""
    if not isinstance(node, (cst.Call, cst.Subscript)):
        return False
    return resolver.qualified_name(node.func if isinstance(node, cst.Call) else node.value, scope) in ENVIRONMENT_READS


def names_environment(value: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """`value` reads the environment or hands it on anywhere within it (`{**os.environ}`, `os.getenv("X", "")`)."""
    return any(resolver.qualified_name(node, scope) in _ENVIRONMENT_NAMES
               for node in (value, *descendants(value)) if isinstance(node, (cst.Name, cst.Attribute)))


def environment_reader(func: cst.BaseExpression, resolver: Resolver) -> bool:
    """python-decouple's `config`, or a module's own name bound once to a `Config(...)` of decouple or
    starlette (`config = Config(".env")`): a reader of the environment whose `cast=bool` casts its words."""
    return resolver.qualified_name(func, resolver.module_scope) == _DECOUPLE_CONFIG or _bound_to(func, resolver, _CONFIG_CLASSES)


def string_reader(func: cst.BaseExpression, resolver: Resolver) -> bool:
    """django-environ's `env.str` on a module's name bound once to an `environ.Env(...)`: decouple's signature with no
    cast (`env.str("X", default="")`), so a set value is its string, true unless empty (env_eval._decouple_read)."""
    return isinstance(func, cst.Attribute) and func.attr.value == "str" and _bound_to(func.value, resolver, ENVIRON_ENV)


def reader_arguments(call: cst.Call, resolver: Resolver) -> Optional[Tuple[cst.BaseExpression, Optional[cst.BaseExpression]]]:
    """The key and the default (None: none) a call of an environment reader passes: decouple's `config("K",
    default=...)`, a `Config(...)` or django-environ `Env()` instance's `env("K", default=...)` or `env.str("K", ...)`;
    its `cast=` does not change an address. None for any other call."""
    func = call.func.value if isinstance(call.func, cst.Attribute) and call.func.attr.value == "str" else call.func
    if not (environment_reader(func, resolver) or _bound_to(func, resolver, ENVIRON_ENV)) or any(arg.star for arg in call.args):
        return None
    positional = [arg.value for arg in call.args if arg.keyword is None]
    keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    if not 1 <= len(positional) <= 2 or set(keywords) - {"default", "cast"} or len(positional) == 2 and "default" in keywords:
        return None
    return positional[0], positional[1] if len(positional) == 2 else keywords.get("default")


def _bound_to(func: cst.BaseExpression, resolver: Resolver, classes: FrozenSet[str]) -> bool:
    """A module's name bound once to an instance of one of the `classes` (`env = environ.Env()`)."""
    bindings = resolver.lookup(func.value, resolver.module_scope) if isinstance(func, cst.Name) else None
    value = bindings[0].value if bindings and len(bindings) == 1 and bindings[0].kind == "value" else None
    return isinstance(value, cst.Call) and resolver.qualified_name(value.func, resolver.module_scope) in classes
