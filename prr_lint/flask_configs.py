"""Where a Flask app's configuration comes from: the Python-syntax files its `Config` loads (the file half of
project/flask_configs.py).

`app.config.from_pyfile("default.cfg")` executes a file beside the app (its root folder, or its instance folder
with `instance_relative_config=True`) and takes the upper-case names it binds as configuration keys: what that
file binds is the key's value as the app ships it, unless another source overrides it. The loaders are matched by
resolved name (`flask.Flask.config.from_pyfile` on an app built by `flask.Flask(...)`, or on `flask.current_app`),
never by spelling. Each load is a module tag naming the file's path relative to the module's own folder:
a literal name, a path built from `__file__` (path_values.py), or a formatted name (`"{}.cfg".format(env)`,
`f"{env}.cfg"`) whose holes are `*`, matched against the shipped files of its folder in the project phase. A name
the environment gives (`from_pyfile(os.environ["APP_CONFIG"])`, directly or through a name bound once to the read,
and `from_envvar("APP_CONFIG")`, which loads the file so named) is `*` in the config's folder: the deployment picks
one of the files shipped there. A load the module cannot tie to a file (a name from any other variable, an app whose
folders are not known here, an absolute path, the loader called on the `config` of an object of no known type: a
parameter may be a Flask app) and a loader whose values come from the environment itself (`from_prefixed_env`) or
from a file of another format (`from_file`) are tagged `?`: the deployment may give any key any value there; a
load of the environment itself (`from_prefixed_env()`, `from_mapping(os.environ)`) is tagged `$`, as it may also set a
key that no file names. `from_object` and `from_mapping` take the project's own classes, modules and dicts, whose
assignments switch_keys.write_marks keeps.
"""

from __future__ import annotations

import posixpath
from typing import List, Optional

import libcst as cst

from prr_lint.path_values import anchored_path
from prr_lint.resolve import Resolver
from prr_lint.environment_reads import environment_read, names_environment
from prr_lint.tree import concatenated_value, keyword_value
from prr_lint.url_parts import url_parts

# Module tag: `flask-config-file:<path>` a Flask app loads (relative to the module's folder; `*` for a hole), or `?`.
FLASK_CONFIG_FILE = "flask-config-file:"
UNTIED = "?"
_FLASK = "flask.Flask"
# The proxy to the running app, by either import (`from flask import current_app`, `from flask.globals import current_app`).
FLASK_PROXIES = ("flask.current_app", "flask.globals.current_app")
# A Flask app's config, through the app or its proxy (switch_keys.py reads a section of it too).
FLASK_CONFIGS = frozenset(f"{app}.config" for app in (_FLASK, *FLASK_PROXIES))
_CONFIGS = tuple(sorted(f"{config}." for config in FLASK_CONFIGS))
_PYFILE = "from_pyfile"
_ENVVAR = "from_envvar"  # `from_pyfile(os.environ[name])`
# Loaders whose values no shipped Python file gives: the environment, or a file of another format.
_ELSEWHERE = frozenset({"from_prefixed_env", "from_file"})
# The load of keys from the environment itself (`from_prefixed_env()`, `from_mapping(os.environ)`): tagged
# `flask-config-file:$`, untied, and the environment may set any key of the config (project/flask_configs.py).
ENVIRONMENT = "$"
_PREFIXED_ENV, _MAPPING = "from_prefixed_env", "from_mapping"
# A module whose text spells none of the loaders holds no such tag (program_marks.MarkGates).
LOADER_NAMES = (_PYFILE, _ENVVAR, _MAPPING, *sorted(_ELSEWHERE))


def config_file_marks(call: cst.Call, resolver: Resolver) -> List[str]:
    """The `FLASK_CONFIG_FILE` tag of a call of a Flask config's loader (module docstring); [] for any other call."""
    if not isinstance(call.func, cst.Attribute):
        return []
    name = resolver.qualified_name(call.func)
    prefix = next((prefix for prefix in _CONFIGS if name and name.startswith(prefix)), None)
    method = name[len(prefix):] if name and prefix else call.func.attr.value
    if prefix is None:  # `app.config.from_pyfile(path)` on an app of no known type (a parameter): it may be Flask's
        unknown = name is None and isinstance(call.func.value, cst.Attribute) and call.func.value.attr.value == "config"
        return [FLASK_CONFIG_FILE + UNTIED] if unknown and method in (_PYFILE, _ENVVAR, *_ELSEWHERE) else []
    if method == _PREFIXED_ENV or method == _MAPPING and any(names_environment(arg.value, resolver) for arg in call.args):
        return [FLASK_CONFIG_FILE + ENVIRONMENT]
    if method in _ELSEWHERE:
        return [FLASK_CONFIG_FILE + UNTIED]
    if method == _ENVVAR:
        return [FLASK_CONFIG_FILE + (_in_folder(call.func.value, "*", resolver) or UNTIED)]
    if method != _PYFILE:
        return []
    argument = call.args[0].value if call.args and not call.args[0].star else keyword_value(call, "filename")
    path = _loaded_path(argument, call.func.value, resolver) if argument is not None else None
    return [FLASK_CONFIG_FILE + (path or UNTIED)]


def _loaded_path(argument: cst.BaseExpression, config: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The path `from_pyfile(argument)` reads, relative to the module's folder: one built from `__file__` as it is,
    a relative name (literal, or formatted with `*` for its holes) joined to the config's folder, `*` there for a
    name the environment gives."""
    anchored = anchored_path(argument, resolver)
    if anchored is not None:
        return anchored
    pattern = "*" if _from_environment(argument, resolver) else _name_pattern(argument)
    if pattern is None or pattern.startswith("/") or "*" in posixpath.dirname(pattern):
        return None
    return _in_folder(config, pattern, resolver)


def _in_folder(config: cst.BaseExpression, pattern: str, resolver: Resolver) -> Optional[str]:
    """`pattern` in the folder a relative name is read from (`_config_folder`); None when that is not known."""
    folder = _config_folder(config, resolver)
    return posixpath.normpath(posixpath.join(folder, pattern)) if folder is not None else None


def _from_environment(argument: cst.BaseExpression, resolver: Resolver) -> bool:
    """A read of the environment (`os.environ.get("APP_CONFIG")`), or a name bound once to one where it is read."""
    if environment_read(argument, resolver):
        return True
    bound = [binding for binding in resolver.held_bindings(argument) if binding.kind == "value"]
    return len(bound) == 1 and bound[0].value is not None and environment_read(bound[0].value, resolver, bound[0].scope)


def _name_pattern(argument: cst.BaseExpression) -> Optional[str]:
    """A literal file name, or a formatted one with `*` for each value put in it (some literal text at least)."""
    text = concatenated_value(argument) if isinstance(argument, (cst.SimpleString, cst.ConcatenatedString)) else None
    if isinstance(text, str):
        return text or None
    parts = url_parts(argument)
    if not parts or all(not isinstance(part, str) for part in parts):
        return None
    return "".join(part if isinstance(part, str) else "*" for part in parts)


def _config_folder(config: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The folder (relative to the module's) a relative name is read from: the app's root folder, or its instance
    folder with `instance_relative_config=True`; None unless `config` is `<app>.config` of a `flask.Flask(__name__,
    ...)` this module builds."""
    app = config.value if isinstance(config, cst.Attribute) and config.attr.value == "config" else None
    built = [binding for binding in resolver.held_bindings(app) if binding.kind == "value"] if app is not None else []
    made = built[0].value if len(built) == 1 else None
    if not isinstance(made, cst.Call) or resolver.qualified_name(made.func, built[0].scope) != _FLASK:
        return None
    relative = keyword_value(made, "instance_relative_config")
    if isinstance(relative, cst.Name) and relative.value == "True":
        instance = keyword_value(made, "instance_path")
        return _default_instance(made, resolver) if instance is None else anchored_path(instance, resolver)
    root = keyword_value(made, "root_path")
    if root is not None:
        return anchored_path(root, resolver)
    return "." if _named_here(made) else None


def _named_here(made: cst.Call) -> bool:
    """`flask.Flask(__name__, ...)`: the app's root is the module's own folder."""
    first = made.args[0] if made.args and made.args[0].keyword is None else None
    return first is not None and isinstance(first.value, cst.Name) and first.value.value == "__name__"


def _default_instance(made: cst.Call, resolver: Resolver) -> Optional[str]:
    """Flask's instance folder for an app not installed: `instance` beside the top-level package (or module)."""
    if not _named_here(made):
        return None
    levels = resolver.module_name.count(".") + (resolver.package == resolver.module_name)
    return posixpath.join(*([".."] * levels), "instance")
