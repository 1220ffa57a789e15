"""Modules a program imports by a computed name: `importlib.import_module("svc.jobs." + name)`,
`__import__(f"svc.plugins.{kind}")`, Django's and Werkzeug's `import_string(path)`, a discord.py bot's
`await bot.load_extension(f"cogs.{name}")`.

What such a program runs is invisible to the call graph: the job modules of a worker that picks them
by name from its configuration, the provider plug-ins an API loads for a tenant. The literal start of
the name says where they live, or the constant it starts with where the module binds that once to one string
(lmfdb's `_prefix + other_thing + tablename` after `_prefix = 'lmfdb.verify.'`: constant_starts.py); the project
phase takes every function of the project's modules under it as run by whoever loads them (project/service_reach.py). With no literal start, a literal end
(`plugin + ".config.settings.settings"`) names the modules ending so, and a Django setting
(`import_string(settings.STORAGE)`) the dotted paths the project's settings assign it. A name with
none of these may be any module: the mark's prefix is then empty. Two computed names load no module
of their own: an object's `__module__` (`import_module(obj.__module__)`) names a module already
imported, since the object exists; and a name spelled whole by a fixed literal list (`for extension in
EXTENSIONS: await bot.load_extension(extension)` over `EXTENSIONS = ["cogs.admin", ...]` that nothing appends
to: spelled_names.py) is an ordinary import of those modules, whose names are words of the code. A name the
command line gives is marked so too: of the modules such a program may load, it runs the one its command names;
so is the constant key of the mapping a name computed whole is read from (`self.config["module_name"]`), whose values
a configuration file of the project may hold (project/unloaded_files.py `Loaders`).

A program may also load a module from its file (`importlib.util.spec_from_file_location("metadata", top /
"metadata.py")`, `runpy.run_path(path)`, `exec(open(path).read())`). Where the path ends in a file name the code spells, only a file of
that name is loaded (augur's install wizard loads its `metadata.py`, no routes module); a computed one may
be any file.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.argv_values import from_command_line
from prr_lint.constant_starts import constant_start
from prr_lint.per_resolver import remembered
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.spelled_names import spelled_whole

# Module mark (the module's own summary tags): the literal start of a module name it imports by a computed name.
LOADS_MODULES_BY_NAME = "loads-modules:"
# Module mark beside that one: the computed part of the name comes from the command line (`import_module(
# ".utilities." + sys.argv[1], package="svc")`, argv_values.py): the module the person or deployment names runs.
LOADS_COMMAND_LINE_MODULES = "loads-command-line-modules:"
# ... or, when nothing of its start is literal, ENDING and the literal end (`plugin + ".config.settings"`),
# or SETTING and the Django setting that holds the dotted path (`import_string(settings.BASE_STORAGE)`).
ENDING, SETTING = "*", "="
# Module mark: the name of a function it calls on the module such a loader returned (`module = import_module(
# ".utilities." + sys.argv[1], package="svc")`, then `module.main(sys.argv[2:])`): a call of the module the
# command line picks, not of every module the loader could load.
CALLS_COMMAND_LINE_MODULE = "calls-command-line-module:"
# Module mark: a loader call whose module names the code spells whole (a literal, a fixed literal list of them:
# spelled_names.py): the program loads modules by name, and which ones is read here (project/unloaded_modules.py).
LOADS_SPELLED_MODULES = "loads-spelled-modules"
# Words a module's text holds when it may import a module by a computed name (a gate for the mark above).
LOADER_WORDS = ("import_module", "__import__", "import_string", "load_extension")
# Module mark: a top-level assignment of a dotted path to an upper-case name (a Django setting), NAME=path;
# one mark for each dotted path of a literal list, tuple or dict it assigns (`MIDDLEWARE = [...]`).
SETS_PATH = "sets-path:"
# Module mark beside LOADS_MODULES_BY_NAME's of a name computed whole (an empty prefix): the constant key of the mapping it
# reads the name from (`import_module(self.config["module_name"])`), or nothing when it reads it from elsewhere (a
# parameter, the environment): which modules a configuration of the project may name (project/unloaded_files.py).
LOADS_KEYED_MODULES = "loads-keyed-modules:"
# Module mark: a call that loads a module from a file by its path, with the file name the path ends in where
# the code spells it (`top / "metadata.py"` -> "metadata.py"), none (the mark alone) where it is computed.
LOADS_FILE = "loads-file:"
# Module mark beside LOADS_MODULES_BY_NAME's of a name whose start a module constant holds: `<constant>=<prefix>`
# (`_prefix=lmfdb.verify.`): the prefix is unknown when another module may write that constant (project/constant_writes.py).
STARTS_WITH_CONSTANT = "starts-with-constant:"
_MAX_DEPTH = 6
_DJANGO_SETTINGS = "django.conf.settings"
_ENVIRONMENT = ("os.environ", "os.getenv", "posix.environ")

LOADERS = frozenset({  # the calls that import a module by its dotted name
    "importlib.import_module", "builtins.__import__", "__import__", "django.utils.module_loading.import_string",
    "werkzeug.utils.import_string", "werkzeug.import_string",
})
FILE_LOADERS = {  # the calls that load a module from a file by its path: where the path is passed (position, keyword)
    "importlib.util.spec_from_file_location": (1, "location"), "importlib.machinery.SourceFileLoader": (1, "path"),
    "runpy.run_path": (0, "path_name"), "imp.load_source": (1, "pathname"), "imp.load_module": (2, "pathname"),
}
# discord.py's command framework and its forks: their bots load an extension module by its dotted name.
_EXTENSION_HOSTS = ("discord.ext.commands.", "nextcord.ext.commands.", "disnake.ext.commands.")
_EXTENSION_ROOTS = tuple(host.partition(".")[0] + "." for host in _EXTENSION_HOSTS)
_EXTENSION_LOADS = frozenset({"load_extension", "reload_extension"})
_JOINS = frozenset({"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"})
_EXEC = frozenset({"exec", "builtins.exec"})
_COMPILE = frozenset({"compile", "builtins.compile"})
_OPENS = frozenset({"open", "builtins.open", "io.open", "codecs.open"})
_SAME_PATH = frozenset({"str", "builtins.str", "os.fspath", "os.path.abspath", "os.path.realpath", "os.path.normpath"})


def loaded_prefix(call: cst.Call, resolver: Resolver, scope: Optional[Scope] = None, constants: bool = True) -> Optional[str]:
    """The literal start of the module name `call` (in `scope`, by default the current one) imports, when the
    name is computed ("" when nothing of it is literal), or, with `constants`, the text of a constant it starts with
    (`_prefix + name` after `_prefix = "svc.jobs."`: constant_starts.py); None for a call that is no loader or names
    its module by a literal."""
    if not call.args or not is_loader(call, resolver, scope):
        return None
    name = call.args[0].value
    if spelled_whole(name, resolver, scope, call):
        return None  # modules named in full, or from a fixed literal list: ordinary imports by another spelling
    if isinstance(name, cst.Attribute) and name.attr.value == "__module__":
        return None  # the module of an object that exists: imported already
    start = literal_start(name, resolver) or (constant_start(name, resolver, scope).text if constants else "")
    package = _package(call, resolver, scope) if not start or start.startswith(".") else None
    if package is not None:  # a relative name inside a known package: `import_module("." + name, "svc.jobs")`
        return "" if start.startswith("..") else package + (start or ".")
    if start.startswith("."):
        return ""  # relative to a package not known here: any module may be the one loaded
    if isinstance(name, cst.Attribute) and resolver.qualified_name(name.value, scope) == _DJANGO_SETTINGS:
        return SETTING + name.attr.value
    end = _literal_end(name)
    return start or (ENDING + end if end else "")


def loaded_constant(call: cst.Call, resolver: Resolver) -> str:
    """The name of the module constant `loaded_prefix` reads the start of the call's module name from (`_prefix` of
    `_prefix + name`), "" when it reads none: another module may write it (project/constant_writes.py)."""
    if not call.args or literal_start(call.args[0].value, resolver):
        return ""
    return constant_start(call.args[0].value, resolver).name


def loaded_key(call: cst.Call, resolver: Resolver) -> str:
    """The constant key of the mapping a loader's module name is read from: `self.config["module_name"]`,
    `cfg.get("backend")`, or a local every binding of which reaching the call is such a read of one key; "" for any
    other name, and for a read of the environment (`os.environ["BACKEND"]`: a deployment kept elsewhere may set it)."""
    return read_key(call.args[0].value, resolver) if call.args else ""


def read_key(node: cst.BaseExpression, resolver: Resolver, getters: bool = False, depth: int = 0) -> str:
    """`loaded_key`'s reading of `node`; with `getters`, a getter method's read of one literal key too
    (`bot.get_config_option("plugins")`: a method whose name starts with `get`, given the key alone: `_project_getter`)."""
    mapping, key = None, None
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        mapping, key = node.value, node.slice[0].slice.value
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.args and node.func.attr.value == "get":
        mapping, key = node.func.value, node.args[0].value
    elif getters and isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value.startswith("get") \
            and len(node.args) == 1 and node.args[0].keyword is None and _project_getter(node.func, resolver):
        mapping, key = node.func.value, node.args[0].value
    elif isinstance(node, cst.Name) and depth < _MAX_DEPTH:
        bindings = resolver.reaching_all(node)
        keys = {read_key(binding.value, resolver, getters, depth + 1) if binding.kind == "value" and binding.item_of is None
                and binding.value is not None else "" for binding in bindings}
        return keys.pop() if len(keys) == 1 else ""
    if mapping is None or not isinstance(key, cst.SimpleString) or "\\" in key.value:
        return ""
    value = key.evaluated_value
    if not isinstance(value, str) or not value.isidentifier() or (resolver.qualified_name(mapping) or "").startswith(_ENVIRONMENT):
        return ""
    return value


def _project_getter(func: cst.Attribute, resolver: Resolver) -> bool:
    """A getter of the project's configuration: on a receiver the resolver cannot follow (a bot handed in:
    `bot.get_config_option`) or of the project's own package; not a library's (`os.getenv`, `logging.getLogger`)."""
    callee = resolver.qualified_name(func)
    return callee is None or not callee.startswith(_ENVIRONMENT) and callee.partition(".")[0] == resolver.module_name.partition(".")[0]


def spelled_load(call: cst.Call, resolver: Resolver) -> bool:
    """`call` is a loader whose module names the code spells whole (`bot.load_extension(extension)` over a fixed list)."""
    return bool(call.args) and is_loader(call, resolver) and spelled_whole(call.args[0].value, resolver, None, call)


def is_loader(call: cst.Call, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """`call` imports a module by its dotted name: one of LOADERS, or a discord.py bot's (or a fork's) extension
    load (`await bot.load_extension(name)`, `self.reload_extension(name)` in a bot class of the module, or on any
    receiver in a module that imports such a library)."""
    name = resolver.qualified_name(call.func, scope)
    if name in LOADERS:
        return True
    if not isinstance(call.func, cst.Attribute) or call.func.attr.value not in _EXTENSION_LOADS:
        return False
    if name is not None and _extension_host(name.rpartition(".")[0], resolver, 0):
        return True
    # A bot handed in (`async def load_cogs(bot)`) or of a class of another module, in a module of a bot that library runs.
    return any(binding.kind == "import" and f"{resolver.binding_name(binding)}.".startswith(_EXTENSION_ROOTS)
               for bindings in resolver.module_scope.bindings.values() for binding in bindings)


@remembered  # every base of every base: exponential unremembered (per_resolver.py)
def _extension_host(class_name: str, resolver: Resolver, depth: int) -> bool:
    """A bot class of a library that loads extensions by name, or a class of this module deriving from one."""
    if class_name.startswith(_EXTENSION_HOSTS):
        return True
    prefix, _, local = class_name.rpartition(".")
    bindings = resolver.module_scope.bindings.get(local) if prefix == resolver.module_name and depth < _MAX_DEPTH else None
    node = bindings[-1].node if bindings and bindings[-1].kind == "class" else None
    return isinstance(node, cst.ClassDef) and any(
        (base := resolver.base_class_name(arg.value, resolver.module_scope)) is not None and _extension_host(base, resolver, depth + 1)
        for arg in node.bases)


def named_on_command_line(call: cst.Call, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """The module name a loader call (in `scope`, by default the current one) imports comes from the command line
    (argv_values.py)."""
    return bool(call.args) and from_command_line(call.args[0].value, resolver, scope)


def command_line_module_call(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The function name `module.main(...)` calls when every binding of `module` reaching the call holds what a
    loader whose name the command line gives returned; None for any other call."""
    func = call.func
    if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name):
        return None
    bindings = resolver.reaching_all(func.value)
    return func.attr.value if bindings and all(
        binding.kind == "value" and binding.item_of is None and isinstance(binding.value, cst.Call) and binding.scope is not None
        and loaded_prefix(binding.value, resolver, binding.scope) is not None and named_on_command_line(binding.value, resolver, binding.scope)
        for binding in bindings) else None


def assigned_paths(node: cst.Assign, resolver: Resolver) -> List[str]:
    """`NAME=path` for each dotted path a module-level (or class-level) assignment to an upper-case
    name or an item of one (a setting) holds: `STORAGE = "pkg.module.Class"`, or inside the literal lists, tuples, sets and dicts of
    its value (`MIDDLEWARE = [...]`, `AUTHENTICATION_BACKENDS = (...)`, `LOGGING = {...}`)."""
    if resolver.scope.kind not in ("module", "class") or len(node.targets) != 1:
        return []  # a class body: settings as a class (django-configurations' `class Base(Configuration)`)
    target = node.targets[0].target
    while isinstance(target, cst.Subscript):  # `STORAGES["default"]["BACKEND"] = "pkg.Storage"`
        target = target.value
    if not isinstance(target, cst.Name) or not target.value.isupper():
        return []
    return [f"{target.value}={value}" for value in _dotted_strings(node.value, 0)]


def _dotted_strings(node: cst.BaseExpression, depth: int) -> List[str]:
    """The dotted paths among the strings of a literal value, `+` of literals included (bounded depth)."""
    if isinstance(node, cst.SimpleString):
        if "\\" in node.value:
            return []  # no escapes: evaluating one may warn, and a dotted path has none
        value = node.evaluated_value
        parts = value.split(".") if isinstance(value, str) else []
        return [value] if len(parts) > 1 and all(part.isidentifier() for part in parts) else []
    if depth >= _MAX_DEPTH:
        return []
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return [path for element in node.elements for path in _dotted_strings(element.value, depth + 1)]
    if isinstance(node, cst.Dict):
        return [path for element in node.elements if isinstance(element, cst.DictElement)
                for path in _dotted_strings(element.value, depth + 1)]
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _dotted_strings(node.left, depth + 1) + _dotted_strings(node.right, depth + 1)
    return []


def _literal_end(node: cst.BaseExpression) -> str:
    """`plugin + ".config.settings"` -> ".config.settings"; `f"{plugin}.views"` -> ".views"; else ""."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        right = node.right
        return right.evaluated_value if isinstance(right, cst.SimpleString) and isinstance(right.evaluated_value, str) else ""
    if isinstance(node, cst.FormattedString) and node.parts and isinstance(node.parts[-1], cst.FormattedStringText):
        return node.parts[-1].value
    return ""


def literal_start(node: cst.BaseExpression, resolver: Resolver) -> str:
    """`"svc.jobs." + name` -> "svc.jobs."; `f"svc.plugins.{kind}"`, `"svc.plugins.%s" % kind` and
    `"svc.plugins.{}".format(kind)` -> "svc.plugins."; the module's
    own name where it starts with `__name__` (`f"{__name__}.{filename}"`: a package loading its
    own modules); else ""."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left = node.left
        if isinstance(left, cst.SimpleString) and isinstance(left.evaluated_value, str):
            return left.evaluated_value
        own = _own_name(left, resolver)
        return own + "." if own else literal_start(left, resolver)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo) and isinstance(node.left, cst.SimpleString):
        return _before_field(node.left, "%")  # `"svc.jobs.%s" % name`
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format" \
            and isinstance(node.func.value, cst.SimpleString):
        return _before_field(node.func.value, "{")  # `"svc.jobs.{}".format(name)`
    if isinstance(node, cst.FormattedString) and node.parts:
        first = node.parts[0]
        if isinstance(first, cst.FormattedStringText):
            return first.value
        own = _own_name(first.expression, resolver) if isinstance(first, cst.FormattedStringExpression) else None
        if own:
            return own + "."
    return ""


def _before_field(template: cst.SimpleString, opening: str) -> str:
    """The literal text before a template's first field (`"svc.jobs.%s"` -> "svc.jobs."); none for a
    template with an escape (evaluating one may warn, and a module path has none)."""
    if "\\" in template.value:
        return ""
    value = template.evaluated_value
    return value.partition(opening)[0] if isinstance(value, str) and opening in value else ""


def _package(call: cst.Call, resolver: Resolver, scope: Optional[Scope]) -> Optional[str]:
    """The package `importlib.import_module(name, package)` resolves a relative name in (its `package=` or second
    argument): a literal, or the module's own `__name__`/`__package__`; None when not given or not known."""
    given = [arg.value for arg in call.args[1:] if arg.keyword is not None and arg.keyword.value == "package"]
    if not given and len(call.args) > 1 and call.args[1].keyword is None and resolver.qualified_name(call.func, scope) == "importlib.import_module":
        given = [call.args[1].value]
    package = given[0] if given else None
    if isinstance(package, cst.SimpleString) and isinstance(package.evaluated_value, str):
        return package.evaluated_value
    return _own_name(package, resolver) if package is not None else None


def _own_name(node: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """What the module's own `__name__` or `__package__` holds; None for any other expression."""
    if isinstance(node, cst.Name) and node.value in ("__name__", "__package__"):
        return resolver.module_name if node.value == "__name__" else resolver.package
    return None


def loaded_file(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """For a call that loads a module from a file by its path (FILE_LOADERS): the `.py` file name the path
    ends in where the code spells it whole (`top / "metadata.py"`, `folder / f"service.py"`, `os.path.join(here,
    "conf", "local.py")`, `f"{root}/metadata.py"`, a name bound only to such a path, an attribute of `self` every
    assignment in the class's methods binds to one: `self.script_path = folder / "processor.py"`), else "" (it may
    be any file); None for any other call."""
    called = resolver.qualified_name(call.func) or ""
    if called in _EXEC:
        return _executed_file(call, resolver)
    where = FILE_LOADERS.get(called)
    if where is None:
        return None
    position, keyword = where
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    path = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == keyword),
                positional[position] if len(positional) > position else None)
    return _file_name(path, resolver, 0, resolver.scope) if path is not None else ""


def _executed_file(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """For `exec(open(path).read())`, `exec(compile(Path(path).read_text(), path, "exec"))`, `exec(handle.read())`:
    the `.py` file name the path ends in where the code spells it, else "" (a file the code reads and runs); None for
    an `exec` of anything but a file's text (a string the code builds)."""
    source = call.args[0].value if call.args and call.args[0].keyword is None else None
    if isinstance(source, cst.Call) and resolver.qualified_name(source.func) in _COMPILE and source.args:
        source = source.args[0].value
    if not isinstance(source, cst.Call) or not isinstance(source.func, cst.Attribute) or source.func.attr.value not in ("read", "read_text"):
        return None
    reader = source.func.value
    if source.func.attr.value == "read_text":
        return _file_name(reader, resolver, 0, resolver.scope)
    opened = reader if isinstance(reader, cst.Call) and resolver.qualified_name(reader.func) in _OPENS and reader.args else None
    return _file_name(opened.args[0].value, resolver, 0, resolver.scope) if opened is not None else ""


@remembered  # every binding of every binding, hop after hop: exponential unremembered (per_resolver.py)
def _file_name(node: cst.BaseExpression, resolver: Resolver, depth: int, scope: Scope) -> str:
    """The `.py` file name a path expression (read in `scope`) ends in where it is spelled whole, else ""."""
    if depth > _MAX_DEPTH:
        return ""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value if "\\" not in node.value else None
        return _python_file(value.rpartition("/")[2]) if isinstance(value, str) else ""
    if isinstance(node, cst.FormattedString) and all(isinstance(part, cst.FormattedStringText) for part in node.parts):
        text = "".join(part.value for part in node.parts)  # no placeholder: a literal (`f"service.py"`)
        return _python_file(text.rpartition("/")[2]) if "\\" not in text and "{" not in text else ""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
        return _file_name(node.right, resolver, depth + 1, scope)  # `top / "metadata.py"`
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add) and isinstance(node.right, cst.SimpleString):
        value = node.right.evaluated_value if "\\" not in node.right.value else None  # `root + "/metadata.py"`, not `kind + "_job.py"`
        return _python_file(value.rpartition("/")[2]) if isinstance(value, str) and "/" in value else ""
    if isinstance(node, cst.FormattedString) and node.parts and isinstance(node.parts[-1], cst.FormattedStringText):
        text = node.parts[-1].value
        return _python_file(text.rpartition("/")[2]) if "/" in text and "\\" not in text else ""
    if isinstance(node, cst.Call):
        name = resolver.qualified_name(node.func, scope)
        args = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        if args and len(args) == len(node.args) and (name in _JOINS or (name in _SAME_PATH and len(args) == 1)):
            return _file_name(args[-1], resolver, depth + 1, scope)
        return ""
    if isinstance(node, cst.Name):
        bindings = resolver.lookup(node.value, scope) or []
        names = {_file_name(binding.value, resolver, depth + 1, binding.scope or scope) if binding.kind == "value" and binding.item_of is None
                 and isinstance(binding.value, cst.BaseExpression) else "" for binding in bindings}
        return names.pop() if len(names) == 1 else ""
    if isinstance(node, cst.Attribute):  # `self.script_path`: what every assignment in the class's methods binds, each read where it is made
        bindings = resolver.held_bindings(node, scope)
        names = {_file_name(binding.value, resolver, depth + 1, binding.scope or scope) if binding.kind == "value"
                 and isinstance(binding.value, cst.BaseExpression) else "" for binding in bindings}
        return names.pop() if len(names) == 1 else ""
    return ""


def _python_file(name: str) -> str:
    return name if name.endswith(".py") and name[:-3].isidentifier() else ""
