"""The parts of a plug-in loader that imports the modules its configuration lists: hangoutsbot's
`plugins/__init__.py` lists its plug-in folder (`os.listdir(plugin_path)`), iterates the names of one
configuration key (`config_plugins = bot.get_config_option("plugins")`, `for configured in config_plugins:`),
matches them to what it found, builds each module's name (`"plugins.{}".format(module)`) and imports it
(`importlib.import_module(module_path)`).

Each part is a module mark of its own; project/configured_plugins.py takes a module holding all of them, and
one iterated key only, for a loader of the plug-ins of the package that name starts with, and the shipped
configuration's lists for the plug-ins it loads. Marked only in a module whose text names a loader
(module_loads.py `LOADER_WORDS`) and a folder lister (`LISTER_WORDS`): the marks are of use only together.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.module_loads import literal_start, read_key
from prr_lint.resolve import Resolver

# Module mark: the module lists a folder (os.listdir, os.scandir, os.walk, glob, pkgutil's module walks).
LISTS_FOLDER = "lists-folder"
# Module mark: a `for` loop iterates a list read by this literal key (`for name in config.get("plugins")`).
ITERATES_KEYED_LIST = "iterates-keyed-list:"
# Module mark: a dotted module name the module builds, by the literal start before its computed part ("plugins.").
BUILDS_MODULE_NAME = "builds-module-name:"
_LISTERS = frozenset({"os.listdir", "os.scandir", "os.walk", "glob.glob", "glob.iglob", "pkgutil.iter_modules", "pkgutil.walk_packages"})
# Words a module's text holds when it may call one of `_LISTERS` (a gate for these marks: program_marks.py).
LISTER_WORDS = ("listdir", "scandir", "walk", "glob", "iter_modules")
_SAME_ITEMS = frozenset(prefix + name for name in ("enumerate", "sorted", "list", "tuple", "reversed", "set") for prefix in ("", "builtins."))


def keyed_list_marks(node: cst.For, resolver: Resolver) -> List[str]:
    """ITERATES_KEYED_LIST and the key when the loop iterates (`enumerate`, `sorted` ... of) what a read of a
    mapping or a getter by one literal key returned, directly or through a local every binding of which is one."""
    items = node.iter
    while isinstance(items, cst.Call) and resolver.qualified_name(items.func) in _SAME_ITEMS and len(items.args) == 1:
        items = items.args[0].value
    key = read_key(items, resolver, getters=True)
    return [ITERATES_KEYED_LIST + key] if key else []


def call_marks(call: cst.Call, resolver: Resolver) -> List[str]:
    """LISTS_FOLDER for a folder lister; BUILDS_MODULE_NAME for a dotted name built by `.format` (the call itself) or
    handed to the call as an f-string or a `+` (`load(bot, f"plugins.{name}")`)."""
    marks = [LISTS_FOLDER] if resolver.qualified_name(call.func) in _LISTERS else []
    built = [call] if isinstance(call.func, cst.Attribute) and call.func.attr.value == "format" else \
        [arg.value for arg in call.args if isinstance(arg.value, (cst.FormattedString, cst.BinaryOperation))]
    return marks + [BUILDS_MODULE_NAME + start for start in filter(None, (_dotted_start(value, resolver) for value in built))]


def assign_marks(node: cst.Assign, resolver: Resolver) -> List[str]:
    """BUILDS_MODULE_NAME for a dotted name an assignment builds (`module_path = f"plugins.{module}"`)."""
    start = _dotted_start(node.value, resolver) if isinstance(node.value, (cst.FormattedString, cst.BinaryOperation)) else None
    return [BUILDS_MODULE_NAME + start] if start else []


def _dotted_start(value: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The literal start of a built string when it is a dotted module path ending in a dot (`"plugins."`)."""
    start = literal_start(value, resolver)
    parts = start.split(".")
    return start if len(parts) > 1 and parts[-1] == "" and all(part.isidentifier() for part in parts[:-1]) else None
