"""Reads of a configuration key whose false default is the key's value when nothing defines it (the file half of
switch_keys' `defaulted:` guard keys; project/switches.py settles them).

`current_app.config.get("K", False)` on a Flask app's config and `getattr(settings, "K", False)` on Django's settings
read configurations whose every source the project phase reads: the project's own code (config classes, settings
modules, `app.config["K"] = ...`), the files its loads name, and the environment a load copies (`from_prefixed_env`).
A key none of them defines has the read's default. A `.get` on any other mapping (a dict a loader fills from a file the
deployment supplies) is no such read. A false default (`getattr(settings, "K", None)`) makes the read a copy of K
(switch_keys.settings_copy): what the settings give K, and a false value while nothing defines it.
"""

from __future__ import annotations

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

