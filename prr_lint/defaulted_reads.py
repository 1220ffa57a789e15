"""Reads of a configuration key whose false default is the key's value when nothing defines it (the file half of
switch_keys' `defaulted:` guard keys; project/switches.py settles them).

`current_app.config.get("K", False)` on a Flask app's config and `getattr(settings, "K", False)` on Django's settings
read configurations whose every source the project phase reads: the project's own code (config classes, settings
modules, `app.config["K"] = ...`), the files its loads name, and the environment a load copies (`from_prefixed_env`).
A key none of them defines has the read's default. A `.get` on any other mapping (a dict a loader fills from a file the
deployment supplies) is no such read. A blank default (`getattr(settings, "K", None)`) makes the read a copy of K
(`settings_copy`): what the settings give K, and nothing while nothing defines it.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver

# Guard key `defaulted:K` of such a read whose default is false: off when K is, or when nothing defines it.
DEFAULTED = "defaulted:"
DJANGO_SETTINGS = "django.conf.settings"
_FLASK_CONFIG_GETS = frozenset({"flask.Flask.config.get", "flask.current_app.config.get"})


def known_sources(read: cst.Call, resolver: Resolver) -> bool:
    """`read` (a `.get(key, default)` or a `getattr(holder, key, default)`) reads a Flask app's config or Django's settings."""
    if isinstance(read.func, cst.Name):
        return bool(read.args) and resolver.qualified_name(read.args[0].value, resolver.module_scope) == DJANGO_SETTINGS
    return resolver.qualified_name(read.func) in _FLASK_CONFIG_GETS


def settings_copy(node: Optional[cst.BaseExpression], resolver: Resolver) -> Optional[str]:
    """K of `getattr(settings, "K", None)` on Django's settings, with no default or a blank or false one: a module's
    `HOOK_URL = getattr(settings, "HOOK_URL", None)` holds the key's own value, or a blank while nothing defines it."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "getattr" and 2 <= len(node.args) <= 3):
        return None
    if any(arg.keyword or arg.star for arg in node.args) or not known_sources(node, resolver):
        return None
    key, default = node.args[1].value, node.args[2].value if len(node.args) == 3 else None
    blank = default is None or isinstance(default, cst.Name) and default.value in ("None", "False") \
        or isinstance(default, cst.SimpleString) and default.raw_value == ""
    return key.raw_value if blank and isinstance(key, cst.SimpleString) and key.prefix.lower() in ("", "u") else None
