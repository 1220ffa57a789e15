"""Facts about the whole program that one statement states, kept as tags of its module's summary."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import List, Optional, Set

import libcst as cst

from prr_lint.attribute_hosts import attribute_marks
from prr_lint.configured_loads import LISTER_WORDS, assign_marks, call_marks, keyed_list_marks
from prr_lint.flask_configs import LOADER_NAMES, config_file_marks
from prr_lint.frameworks import DJANGO_INSTRUMENTATION
from prr_lint.loaded_fields import fill_marks
from prr_lint.http_handlers import HANDLES_HTTP_EXCEPTION, registered_http_handler
from prr_lint.model import ADDS_TO_SYS_PATH, KEEPS_TASK_STDOUT
from prr_lint.module_loads import (CALLS_COMMAND_LINE_MODULE, LOADER_WORDS, LOADS_COMMAND_LINE_MODULES, LOADS_FILE, LOADS_KEYED_MODULES,
                                   LOADS_MODULES_BY_NAME, LOADS_SPELLED_MODULES, SETS_PATH, STARTS_WITH_CONSTANT, assigned_paths,
                                   command_line_module_call, loaded_constant, loaded_file, loaded_key, loaded_prefix, named_on_command_line,
                                   spelled_load)
from prr_lint.module_walks import walk_marks, walked_import
from prr_lint.path_values import PATH_SETTING, PUTS_ON_SYS_PATH, PUTS_SETTING_ON_SYS_PATH, added_folder, added_setting, path_setting
from prr_lint.plugin_loads import LOADS_ENTRY_POINTS, loaded_group
from prr_lint.resolve import Resolver
from prr_lint.rules.session_patches import global_patches, setattr_patches
from prr_lint.setting_paths import entry_marks
from prr_lint.socket_targets import target_marks
from prr_lint.store_words import constant_words, said_words
from prr_lint.switch_keys import write_marks
from prr_lint.task_stdout import keeps_task_stdout
from prr_lint.tree import KindOf, descendants
from prr_lint.url_deadlines import url_timeout_marks

# prefix of a module tag: the module extends the Django MIDDLEWARE it imports with this instrumentation
EXTENDS_MIDDLEWARE_WITH = "extends-middleware-with:"
_MIDDLEWARE_NAMES = frozenset({"MIDDLEWARE", "MIDDLEWARE_CLASSES"})
PATH_EDITS = frozenset({"sys.path.insert", "sys.path.append", "site.addsitedir"})
# a module tag: the module's top level assigns INSTALLED_APPS, whatever its value (a Django settings module)
ASSIGNS_INSTALLED_APPS = "assigns-installed-apps"
# program_marks' questions, asked of every call, assignment, `def`, `for` and dict of every file
_IS_FOR, _IS_DEF, _IS_ASSIGN, _IS_CALL, _IS_DICT = KindOf(cst.For), KindOf(cst.FunctionDef), KindOf(cst.Assign), KindOf(cst.Call), KindOf(cst.Dict)
_SETS_ATTRIBUTE = KindOf(cst.Assign, cst.AnnAssign)


# Text a mark cannot be found without: redis timeout options read out of a URL's query need a call
# of `urllib.parse.parse_qs`/`parse_qsl`, which this module's text names; Celery's output redirection
# is turned off by an option or flag that spells `redirect_stdouts` (any case) or `redirect-stdouts`.
_PARSES_QUERIES = "parse_qs"
_REDIRECT_OPTION = re.compile(r"redirect[_-]stdouts", re.IGNORECASE)


@dataclass(frozen=True)
class MarkGates:
    """Which marks a module's text can hold at all, searched once per module (as rules' `triggers`):
    `url_timeout_marks` walks every function body once more and `keeps_task_stdout` reads every
    call's arguments, for marks that few modules hold (none of the standard library)."""

    parses_queries: bool
    redirects_output: bool
    loads_by_name: bool  # may import a module by name, and call a function on it (module_loads.py)
    loads_flask_config: bool  # spells a Flask config loader (`from_pyfile`, ...: flask_configs.py)
    loads_configured: bool  # may load by name and spells a folder lister too: a configured plug-in loader's parts (configured_loads.py)
    sets_attributes: bool  # spells `setattr`: a computed name's fill of an object (loaded_fields.py)

    @classmethod
    def of(cls, source: str) -> "MarkGates":
        loads_by_name = any(word in source for word in LOADER_WORDS)
        return cls(_PARSES_QUERIES in source, _REDIRECT_OPTION.search(source) is not None, loads_by_name,
                   any(word in source for word in LOADER_NAMES), loads_by_name and any(word in source for word in LISTER_WORDS),
                   "setattr" in source)


def unseen(marks: List[str], seen: Set[str]) -> List[str]:
    """The marks not in `seen`, once each, added to it: a set lookup per mark, where a scan of the
    module's tags would make a setting with thousands of dotted paths quadratic."""
    found = [mark for mark in dict.fromkeys(marks) if mark not in seen]
    seen.update(found)
    return found


def program_marks(node: cst.CSTNode, resolver: Resolver, gates: MarkGates, current: str = "") -> List[str]:
    """Celery's output redirection turned off (task_stdout.py); a handler registered for
    `HTTPException` (http_handlers.py), named; `current` is the function a decorator call is on; a
    folder the module's top level puts on `sys.path` (project/vendored.py) and one any of its code
    puts there, worked out from `__file__` or named by a Django setting, and its folder constants (path_values.py, for project/index.py); an entry-point group it
    loads by name (plugin_loads.py); the literal start of a module name it imports by a computed name
    (module_loads.py), and again when its command line gives the name, with the functions it calls on the
    module so loaded, the parts of a loader of the plug-ins its configuration lists (configured_loads.py), the file name a load by path spells, or the walk over a plug-in folder that imports what
    it yields, with its guard (module_walks.py), and a dotted path a setting holds; Django request instrumentation a settings
    module adds to the MIDDLEWARE it imports (project/middleware.py); where a module-level name points
    a client (socket_targets.py); the values it gives configuration keys (switch_keys.py), and the files a Flask app's
    config loads (flask_configs.py); a class its
    top level puts in a module's global (rules/session_patches.py). `gates`: what the module's text can hold."""
    kind = type(node)
    if _IS_FOR[kind]:  # only a walk over a plug-in folder (module_walks.py), or over a configured list (configured_loads.py)
        return walk_marks(node, resolver) + (keyed_list_marks(node, resolver) if gates.loads_configured else [])
    marks = [KEEPS_TASK_STDOUT] if gates.redirects_output and keeps_task_stdout(node) else []
    marks += write_marks(node, resolver) + entry_marks(node, resolver)  # a setting's entries by key path (setting_paths.py)
    if _IS_CALL[kind] and gates.sets_attributes:  # a loaded configuration's attributes (loaded_fields.py)
        marks += fill_marks(node, resolver)  # type: ignore[arg-type]
    if _IS_DEF[kind] and gates.parses_queries:  # reads redis timeouts out of a URL's query (url_deadlines.py)
        marks += url_timeout_marks(node, resolver)
    if _SETS_ATTRIBUTE[kind]:  # what an object's attribute holds, as a host (attribute_hosts.py)
        marks += attribute_marks(node, resolver)  # type: ignore[arg-type]
    if _IS_ASSIGN[kind]:
        marks += [EXTENDS_MIDDLEWARE_WITH + path for path in _instrumentation_added(node, resolver)]
        marks += target_marks(node, resolver)
        marks += [SETS_PATH + setting for setting in assigned_paths(node, resolver)]
        marks += [ASSIGNS_INSTALLED_APPS] if _assigns_installed_apps(node, resolver) else []
        marks += global_patches(node, resolver) + constant_words(node) if resolver.scope.kind == "module" else []
        constant = path_setting(node, resolver)
        marks += [PATH_SETTING + constant] if constant else []
        marks += assign_marks(node, resolver) if gates.loads_configured else []
    if _IS_CALL[kind] or _IS_DICT[kind]:
        marks += said_words(node, resolver)  # the words a configuration store is given (store_words.py)
    if _IS_CALL[kind]:
        handler = registered_http_handler(node, resolver, current)
        folder = _added_folder(node, resolver)
        group = loaded_group(node, resolver)
        marks += [HANDLES_HTTP_EXCEPTION + handler] if handler else []
        marks += [ADDS_TO_SYS_PATH + folder] if folder else []
        on_path = added_folder(node, resolver)
        marks += [PUTS_ON_SYS_PATH + on_path] if on_path is not None else []
        setting = added_setting(node, resolver) if on_path is None else None
        marks += [PUTS_SETTING_ON_SYS_PATH + setting] if setting else []
        marks += [LOADS_ENTRY_POINTS + group] if group else []
        marks += setattr_patches(node, resolver.qualified_name(node.func), resolver) if resolver.scope.kind == "module" else []
        prefix = loaded_prefix(node, resolver)
        constant = loaded_constant(node, resolver) if prefix else ""
        marks += [f"{STARTS_WITH_CONSTANT}{constant}={prefix}"] if constant else []
        literal = loaded_prefix(node, resolver, constants=False) if constant else prefix  # a walk's import starts with no literal
        if prefix is not None and not (literal == "" and walked_import(node, resolver)):
            marks.append(LOADS_MODULES_BY_NAME + prefix)
            marks += [LOADS_COMMAND_LINE_MODULES + prefix] if named_on_command_line(node, resolver) else []
            marks += [LOADS_KEYED_MODULES + loaded_key(node, resolver)] if prefix == "" else []
        elif prefix is None and gates.loads_by_name and spelled_load(node, resolver):
            marks.append(LOADS_SPELLED_MODULES)
        loaded = loaded_file(node, resolver)
        marks += [LOADS_FILE + loaded] if loaded is not None else []
        called = command_line_module_call(node, resolver) if gates.loads_by_name else None
        marks += [CALLS_COMMAND_LINE_MODULE + called] if called else []
        marks += config_file_marks(node, resolver) if gates.loads_flask_config else []
        marks += call_marks(node, resolver) if gates.loads_configured else []
    return marks


def _instrumentation_added(node: cst.Assign, resolver: Resolver) -> List[str]:
    """`MIDDLEWARE = ("django_prometheus.middleware.PrometheusBeforeMiddleware",) + MIDDLEWARE + (...)`
    at a settings module's top level: the instrumentation middlewares it puts around the list it
    imported (`from .settings import *`), which is the base settings' list, extended."""
    if resolver.scope.kind != "module" or not any(
            isinstance(t.target, cst.Name) and t.target.value in _MIDDLEWARE_NAMES for t in node.targets):
        return []
    if not any(isinstance(n, cst.Name) and n.value in _MIDDLEWARE_NAMES for n in descendants(node.value)):
        return []
    return [str(n.evaluated_value) for n in descendants(node.value) if isinstance(n, cst.SimpleString)
            and str(n.evaluated_value).startswith(DJANGO_INSTRUMENTATION)]


def _added_folder(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The folder a module-level `sys.path.insert(0, os.path.join(here, 'lib'))` (or `append`,
    `site.addsitedir`) adds, when its argument names it by one relative string literal."""
    if not call.args or resolver.enclosing_function is not None or resolver.qualified_name(call.func) not in PATH_EDITS:
        return None
    argument = call.args[-1].value
    literals = [node.evaluated_value for node in (argument, *descendants(argument)) if isinstance(node, cst.SimpleString)]
    if len(literals) == 1 and isinstance(literals[0], str) and literals[0] and not os.path.isabs(literals[0]):
        return literals[0]
    return None


def _assigns_installed_apps(node: cst.Assign, resolver: Resolver) -> bool:
    """`INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS` or `= ["svc"]` at a module's top level: whatever the
    value spells, Django imports this module by `DJANGO_SETTINGS_MODULE` (project/framework_entries.py)."""
    return resolver.scope.kind == "module" and any(
        isinstance(target.target, cst.Name) and target.target.value == "INSTALLED_APPS" for target in node.targets)
