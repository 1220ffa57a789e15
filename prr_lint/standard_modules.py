"""The standard library's top-level modules and `builtins`: a name that resolves into one is no project code, so a
call of it returns (rules/never_returning.py) and an attribute of it is no project module's global (rules/env_globals.py)."""

from __future__ import annotations

import sys

STANDARD_MODULES = frozenset(getattr(sys, "stdlib_module_names", ())) | {"builtins"}  # the attribute is Python 3.10's
