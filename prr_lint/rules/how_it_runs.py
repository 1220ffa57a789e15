"""Code that is not the service because of how it runs, wherever it lives: development-server
scripts, Django migrations, interactive prompts and Ctrl-C handlers, output from inside a logging
handler, a gunicorn application class (server start-up) or a setuptools/distutils build command, the
executor of a SQLAlchemy mock engine (a DDL dump), and
error pages the framework calls after it reported the error. Each test reads what the code does, never its file's name.
"""

from __future__ import annotations

from typing import Callable, List, Optional

import libcst as cst

from prr_lint.argv_values import OPTION_DECORATORS
from prr_lint.context import CLASSES, HANDLERS, FileContext
from prr_lint.model import CLI_OPTION, OPTION_CALL
from prr_lint.option_defaults import off_unless_typed
from prr_lint.resolve import Resolver
from prr_lint.rules.clients import ENGINES
from prr_lint.switch_keys import option_dest
from prr_lint.tree import SCOPE_NODES, KindOf, descendants, dotted_name, flat_statements

PROMPTS = frozenset({"builtins.input", "getpass.getpass"})
# Calls that wait for a person's answer at the terminal, by resolved name or package (`rich.prompt.Confirm.ask`).
_QUESTIONS = PROMPTS | frozenset({"click.confirm", "click.prompt", "typer.confirm", "typer.prompt"})
_QUESTION_PACKAGES = ("rich.prompt.", "questionary.", "inquirer.prompt", "PyInquirer.prompt")
MIGRATION_BASES = frozenset({"django.db.migrations.Migration", "django.db.migrations.migration.Migration"})
HANDLER_BASES = frozenset(
    {
        "logging.Handler",
        "logging.StreamHandler",
        "logging.FileHandler",
        "logging.handlers.BufferingHandler",
        "logging.handlers.MemoryHandler",
        "logging.handlers.QueueHandler",
        "logging.handlers.HTTPHandler",
        "logging.handlers.SocketHandler",
    }
)


def _cached(ctx: FileContext, key: str, compute) -> bool:
    store = ctx.__dict__.setdefault("_how_it_runs", {})
    if key not in store:
        store[key] = compute()
    return store[key]


def is_dev_server_script(module: cst.Module, resolver: Resolver) -> bool:
    """A local development server: the module's own top level calls `<app>.run(..., debug=True)` and
    reads its options with argparse. A production server is started by gunicorn/uvicorn, never so."""
    uses_argparse = False
    debug_run = False
    for node in descendants(module, stop_at=()):
        if not _IS_CALL[type(node)]:
            continue
        name = resolver.qualified_name(node.func) or ""
        if name.startswith("argparse."):
            uses_argparse = True
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "run" and _debug_true(node):
            debug_run = True
    return uses_argparse and debug_run and _run_at_top_level(module)


def _debug_true(call: cst.Call) -> bool:
    return any(
        arg.keyword is not None and arg.keyword.value == "debug" and isinstance(arg.value, cst.Name) and arg.value.value == "True"
        for arg in call.args
    )


def _run_at_top_level(module: cst.Module) -> bool:
    for statement in flat_statements(module):
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        if any(isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "run" and _debug_true(n)
               for n in descendants(statement)):
            return True
    return False


def runs_elsewhere(ctx: FileContext) -> bool:
    """The current node runs outside the service: a development-server script, a Django migration, or
    a documentation build extension. (Alembic revisions and migrate-signal receivers are batch
    contexts of the project phase: batch_marks.py.)"""
    return _cached(ctx, "dev-server", lambda: "debug" in ctx.source and is_dev_server_script(ctx.module, ctx.resolver)) or (
        _cached(ctx, "django-migration", lambda: "Migration" in ctx.source and is_django_migration(ctx.module, ctx.resolver))
    ) or _cached(ctx, "docs-extension", lambda: ("sphinx" in ctx.source or "add_directive" in ctx.source) and is_docs_extension(ctx.module))


# What a Sphinx extension's `setup(app)` registers: directives, roles and config values of a docs build.
_IS_CALL = KindOf(cst.Call)  # asked of every node of a module (tree.KindOf)
_SPHINX_REGISTRATIONS = frozenset({"add_directive", "add_role", "add_config_value", "add_lexer", "add_transform"})


def is_docs_extension(module: cst.Module) -> bool:
    """Code that Sphinx runs while building the documentation, never the service: a module that imports
    Sphinx, or whose top-level `setup(app)` registers directives or roles (the extension protocol;
    docutils alone may render reStructuredText for users, and is not enough)."""
    for line in module.body:
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            names = [alias.name for alias in small.names] if isinstance(small, cst.Import) else (
                [small.module] if isinstance(small, cst.ImportFrom) and small.module is not None else [])
            if any((dotted_name(name) or "").split(".")[0] == "sphinx" for name in names):
                return True
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "setup" and len(statement.params.params) == 1:
            return any(
                isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in _SPHINX_REGISTRATIONS
                for n in descendants(statement)
            )
    return False


def is_django_migration(module: cst.Module, resolver: Resolver) -> bool:
    """A Django migration: the module defines a `migrations.Migration` subclass, which only
    `manage.py migrate` runs, wherever the project keeps it (`MIGRATION_MODULES` may name any package)."""
    return any(
        isinstance(statement, cst.ClassDef)
        and any(base.keyword is None and resolver.qualified_name(base.value) in MIGRATION_BASES for base in statement.bases)
        for statement in module.body
    )


def interactive_prompt(ctx: FileContext) -> bool:
    """Output for a person at a terminal: under an `isatty()` test, or in a function (or module top
    level) that reads the answer with `input()`/`getpass()`. Each test and each scope is read once
    per file (a `print` in each branch of a long `elif` chain asked of all of them)."""
    store = ctx.__dict__.setdefault("_how_it_runs", {})
    if ctx.inside(_IS_TEST_BLOCK, _tests_isatty, store.setdefault("isatty", {})):
        return True
    scope: cst.CSTNode = next(ctx.functions(), None) or ctx.module
    return _cached(ctx, f"prompt:{id(scope)}", lambda: any(
        _IS_CALL[type(n)] and ctx.resolver.qualified_name(n.func) in PROMPTS for n in descendants(scope)
    ))


def asks_person(name: str) -> bool:
    """`name` (a resolved callee) waits for a person's answer at the terminal: under a supervisor or in a
    container nobody answers, so a program that calls it is run by hand (project/scope.py, schedules.py)."""
    return name in _QUESTIONS or name.startswith(_QUESTION_PACKAGES)


_IS_TEST_BLOCK = KindOf(cst.If, cst.While)


def _tests_isatty(node: cst.CSTNode) -> bool:
    return any(isinstance(n, cst.Attribute) and n.attr.value == "isatty" for n in descendants(node.test))  # type: ignore[attr-defined]


def on_interrupt(ctx: FileContext) -> bool:
    """In an except handler that catches only `KeyboardInterrupt` (with `SystemExit`, at most): the
    person who pressed Ctrl-C at the terminal is told what happens next. A server's supervisor
    stops it with SIGTERM, which raises no KeyboardInterrupt."""
    handler = ctx.nearest(HANDLERS)
    if handler is None or handler.type is None:
        return False
    caught = [element.value for element in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
    names = {ctx.resolver.qualified_name(node) for node in caught}
    return "builtins.KeyboardInterrupt" in names and names <= {"builtins.KeyboardInterrupt", "builtins.SystemExit"}


def in_logging_handler(ctx: FileContext) -> bool:
    """Inside a method of a `logging.Handler` subclass (directly or through classes of this module):
    logging from `emit` would recurse, so stdout/stderr is its fallback channel."""
    return in_subclass_of(ctx, _library_log_handler)


def _library_log_handler(name: str) -> bool:
    """A logging handler class of the standard library or of a logging module of a library
    (`django.utils.log.AdminEmailHandler`, `logging.handlers.RotatingFileHandler`)."""
    module, _, cls = name.rpartition(".")
    return name in HANDLER_BASES or (cls.endswith("Handler") and "log" in module.lower() and "." in module)


# gunicorn's custom-application classes: their methods load the configuration and the app when the
# server starts (`load_config` in the master, `load` as each worker boots), never per request.
SERVER_LAUNCHERS = frozenset({"gunicorn.app.base.BaseApplication", "gunicorn.app.base.Application", "gunicorn.app.wsgiapp.WSGIApplication"})


def in_server_launcher(ctx: FileContext) -> bool:
    """Inside a method of a gunicorn application subclass (directly or through classes of this
    module): start-up output of the server process, before logging is configured."""
    return in_subclass_of(ctx, SERVER_LAUNCHERS.__contains__)


# setuptools/distutils commands: `setup.py clean`, `setup.py version`, a `cmdclass` entry; they run
# while the package is built, in a developer's terminal, never in the service's process.
BUILD_COMMAND_MODULES = ("setuptools.command.", "distutils.command.")
BUILD_COMMANDS = frozenset({"setuptools.Command", "distutils.cmd.Command", "distutils.core.Command"})


def in_build_command(ctx: FileContext) -> bool:
    """Inside a method of a setuptools/distutils command class (directly or through classes of this
    module): build tooling whose printed progress is its answer to the developer."""
    return in_subclass_of(ctx, lambda name: name in BUILD_COMMANDS or name.startswith(BUILD_COMMAND_MODULES))


def in_subclass_of(ctx: FileContext, is_base: Callable[[str], bool]) -> bool:
    """Inside a class (the innermost) that derives from a class `is_base` accepts, through this module's classes too."""
    cls = ctx.nearest(CLASSES)
    return isinstance(cls, cst.ClassDef) and subclasses(cls, ctx.resolver, is_base, 0)


def subclasses(node: cst.ClassDef, resolver: Resolver, is_base: Callable[[str], bool], depth: int = 0) -> bool:
    if depth > 5:
        return False
    for base in node.bases:
        if base.keyword is not None:
            continue
        if is_base(resolver.qualified_name(base.value) or ""):
            return True
        local = resolver.definition(base.value)
        if isinstance(local, cst.ClassDef) and local is not node and subclasses(local, resolver, is_base, depth + 1):
            return True
    return False


# SQLAlchemy's mock engine: it hands each statement it would run to `executor` instead (the documented
# way to write a schema's DDL out as a script).
MOCK_ENGINES = frozenset({"sqlalchemy.create_mock_engine", "sqlalchemy.engine.create_mock_engine"})


def in_ddl_executor(ctx: FileContext) -> bool:
    """Inside the executor of a SQLAlchemy mock engine (`create_mock_engine(url, dump)`, or
    `create_engine(url, strategy="mock", executor=dump)` of SQLAlchemy 1.x) defined beside it: the
    engine runs nothing, and the statements it writes out are the product (a schema dump)."""
    functions = list(ctx.functions())[::-1]
    if not functions:
        return False
    executor = functions[-1]
    scope: cst.CSTNode = functions[-2] if len(functions) > 1 else ctx.module
    return any(
        isinstance(node, cst.Call) and _executor_of(node, ctx.resolver) == executor.name.value
        for node in descendants(scope if isinstance(scope, cst.Module) else scope.body)  # type: ignore[attr-defined]
    )


def _executor_of(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The name of the function a mock-engine call hands the statements to."""
    name = resolver.qualified_name(call.func)
    if name not in MOCK_ENGINES and name not in ENGINES:
        return None
    positional = [arg.value for arg in call.args if arg.keyword is None]
    keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    if name in ENGINES:
        strategy = keywords.get("strategy")
        if not (isinstance(strategy, cst.SimpleString) and strategy.evaluated_value == "mock"):
            return None
        executor = keywords.get("executor")
    else:
        executor = keywords.get("executor", positional[1] if len(positional) > 1 else None)
    return executor.value if isinstance(executor, cst.Name) else None


def renders_error_page(ctx: FileContext) -> bool:
    """In a function the framework calls with an error already in flight: it reads `sys.exc_info()`
    outside any except handler of its own (Django's `handler500` view, which Django calls after
    logging the error). A 5xx it answers (when its own template is missing) is the error page."""
    function = next(ctx.functions(), None)
    if function is None:
        return False
    return _cached(ctx, f"error-page:{id(function)}", lambda: any(
        isinstance(node, cst.Call) and ctx.resolver.qualified_name(node.func) == "sys.exc_info"
        for node in descendants(function.body, stop_at=(*SCOPE_NODES, cst.ExceptHandler))
    ))


# Profilers and memory tracers: a function that drives one produces a developer's report.
# A dump of every thread's stack (`sys._current_frames()`) is the same kind of report, asked for with a signal.
_PROFILERS = ("cProfile.", "profile.Profile", "pstats.", "tracemalloc.", "yappi.", "pyinstrument.", "objgraph.", "pympler.",
              "guppy.", "memory_profiler.", "line_profiler.", "sys._current_frames")


def in_profiling(ctx: FileContext) -> bool:
    """In a function (or one nested in a function) that drives a profiler or memory tracer
    (`cProfile.Profile()`, `pstats.Stats(...)`, `tracemalloc.take_snapshot()`): its output is the
    profile a developer asked for with an option (`--profile`, `--memory-leak`), not service output."""
    return any(_cached(ctx, f"profiles:{id(function)}", lambda function=function: any(
        isinstance(node, cst.Call) and (ctx.resolver.qualified_name(node.func) or "").startswith(_PROFILERS)
        for node in descendants(function.body, stop_at=SCOPE_NODES)
    )) for function in ctx.functions())


# Reading the process's own command line: the function is the command-line program's option parsing.
ARGUMENT_PARSERS = frozenset({"argparse.ArgumentParser", "optparse.OptionParser"})


def parses_command_line(ctx: FileContext) -> bool:
    """In a function that builds an argparse (or optparse) parser and parses the command line with
    it: its output answers the person who typed the command (a bad option, a usage error)."""
    function = next(ctx.functions(), None)
    if function is None:
        return False
    return _cached(ctx, f"parses-argv:{id(function)}", lambda: _parses_command_line(function, ctx.resolver))


def _parses_command_line(function: cst.FunctionDef, resolver: Resolver) -> bool:
    builds = parses = False
    for node in descendants(function.body):
        if isinstance(node, cst.Call):
            builds = builds or resolver.qualified_name(node.func) in ARGUMENT_PARSERS
            parses = parses or (isinstance(node.func, cst.Attribute) and node.func.attr.value in ("parse_args", "parse_known_args"))
    return builds and parses


def in_forked_child(ctx: FileContext) -> bool:
    """In code a `preexec_fn` runs: the child process after `fork()` and before `exec()`, where
    logging may deadlock on a lock the parent held, so stderr is the safe channel. The function
    handed over as `preexec_fn=` (by name, or as what a module function or method returns: a nested
    `def preexec()` returned by a factory), and the module's functions it calls."""
    function = next(ctx.functions(), None)
    if function is None or "preexec_fn" not in ctx.source:
        return False
    children = ctx.__dict__.get("_forked_child_code")
    if children is None:
        children = ctx.__dict__["_forked_child_code"] = _forked_child_code(ctx.module)
    return any(id(enclosing) in children for enclosing in ctx.functions())


def _module_functions(module: cst.Module) -> dict:
    """Every function and method of the module by name (the later definition wins, as at run time)."""
    found = {}
    for node in descendants(module, stop_at=()):
        if isinstance(node, cst.FunctionDef):
            found.setdefault(node.name.value, []).append(node)
    return found


def _forked_child_code(module: cst.Module) -> frozenset:
    functions = _module_functions(module)
    roots = []
    for node in descendants(module, stop_at=()):
        if isinstance(node, cst.Call):
            for arg in node.args:
                if arg.keyword is not None and arg.keyword.value == "preexec_fn":
                    roots.extend(_produced(arg.value, functions, 0))
    seen = set()
    stack = list(roots)
    while stack:
        function = stack.pop()
        if id(function) in seen:
            continue
        seen.add(id(function))
        for node in descendants(function.body):
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
                stack.extend(_top_level(functions.get(node.func.value, ()), module))
            elif isinstance(node, cst.FunctionDef):
                stack.append(node)
    return frozenset(seen)


def _top_level(candidates, module: cst.Module) -> list:
    return [f for f in candidates if any(f is s for s in module.body)]


def _callee(expr: cst.BaseExpression) -> Optional[str]:
    """`name` or `self.name`: a function or method of this module."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value in ("self", "cls"):
        return expr.attr.value
    return None


def _produced(expr: cst.BaseExpression, functions: dict, depth: int) -> list:
    """The functions an expression handed over as `preexec_fn` stands for: a function named, or the
    nested function that a called factory returns (following factories that return factories' results)."""
    if depth > 4:
        return []
    if not isinstance(expr, cst.Call):
        name = _callee(expr)
        return list(functions.get(name, ())) if name else []
    name = _callee(expr.func)
    found = []
    for factory in functions.get(name, ()) if name else ():
        nested = {s.name.value: s for s in factory.body.body if isinstance(s, cst.FunctionDef)}
        for node in descendants(factory.body):
            if isinstance(node, cst.Return) and node.value is not None:
                if isinstance(node.value, cst.Name) and node.value.value in nested:
                    found.append(nested[node.value.value])
                elif isinstance(node.value, cst.Call):
                    found.extend(_produced(node.value, functions, depth + 1))
    return found


TRAITLETS_APPLICATIONS = frozenset({"traitlets.config.Application", "traitlets.config.application.Application"})


def in_option_command(ctx: FileContext) -> bool:
    """In a function that declares its command-line options (`@click.option("--show-files")`),
    whatever registers it: datasette's `publish_subcommand(publish)` hook adds `@publish.command()`
    to a group it is handed. Its output is the command's answer."""
    return any(
        any(ctx.resolver.qualified_name(decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator)
            in OPTION_DECORATORS for decorator in function.decorators)
        for function in ctx.functions()
    )


def in_subcommand(ctx: FileContext) -> bool:
    """In a method of a traitlets `Application` subclass that another application of the module lists
    in its `subcommands` table (`subcommands = {"token": (NewToken, "...")}`): `hub token alice` is a
    command-line program of its own, and its output is the command's answer."""
    cls = ctx.nearest(CLASSES)
    if cls is None or "subcommands" not in ctx.source:
        return False
    return _cached(ctx, f"subcommand:{id(cls)}", lambda: cls.name.value in _subcommand_classes(ctx.module)
                   and subclasses(cls, ctx.resolver, TRAITLETS_APPLICATIONS.__contains__, 0))


def _subcommand_classes(module: cst.Module) -> frozenset:
    """Class names a class body's `subcommands = {name: (Class, help)}` registers."""
    found = set()
    for node in descendants(module, stop_at=()):
        if isinstance(node, cst.Assign) and isinstance(node.value, cst.Dict) and any(
            isinstance(target.target, cst.Name) and target.target.value == "subcommands" for target in node.targets
        ):
            for element in node.value.elements:
                value = getattr(element, "value", None)
                if isinstance(value, cst.Tuple) and value.elements and isinstance(value.elements[0].value, cst.Name):
                    found.add(value.elements[0].value.value)
    return frozenset(found)


def declared_option_tags(node: cst.Call) -> List[str]:
    """model.CLI_OPTION tags of an argparse/optparse option that is off by default (the attribute
    it sets on the parsed arguments), for project/main_blocks.py."""
    option = _declared_option(node)
    return [CLI_OPTION + option] if option else []


def option_mode_tags(resolver: Resolver, node: cst.If) -> List[str]:
    """model.OPTION_CALL tags of a branch taken when command-line options are given that builds
    an object (`elif args.api_doc: self.screen = ApiDoc()`): what it builds, `@`, the options."""
    switches = option_switches(node.test)
    names = [resolver.qualified_name(call.func) for call in built_objects(node.body)] if switches else []
    return [f"{OPTION_CALL}{name}@{','.join(switches)}" for name in names if name and not name.startswith("builtins.")]


def _declared_option(node: cst.Call) -> Optional[str]:
    """The attribute an argparse/optparse option that is off by default sets on the parsed
    arguments (`add_argument("--api-doc", action="store_true", dest="stdout_api_doc")` ->
    `stdout_api_doc`; `--stdout-csv` -> `stdout_csv`), or None: an option with a default of its own
    (`default=8000`, `default=True`, `store_false`), a required one, or one an action class sets, is on when nobody
    types it (option_defaults.py)."""
    return option_dest(node) if off_unless_typed(node) else None


def option_switches(test: cst.BaseExpression) -> List[str]:
    """The attributes an `if` test needs on (`if args.stdout_issue or args.api_doc:`): bare
    attributes of a plain name other than `self`/`cls`, joined by `or` (each turns the branch on)
    or `and`; [] for any other test (`if not args.quiet:` runs by default)."""
    if isinstance(test, cst.Attribute) and isinstance(test.value, cst.Name) and test.value.value not in ("self", "cls"):
        return [test.attr.value]
    if isinstance(test, cst.BooleanOperation):
        left, right = option_switches(test.left), option_switches(test.right)
        return left + right if left and right else []
    return []


def built_objects(body: cst.BaseSuite) -> List[cst.Call]:
    """The calls whose result a block's own statements assign (`self.screen = ApiDoc(config)`):
    the objects it builds, not what it merely calls or raises."""
    found = []
    for statement in body.body if isinstance(body, cst.IndentedBlock) else ():
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None
            if isinstance(value, cst.Call):
                found.append(value)
    return found


def handed_functions(resolver: Resolver, node: cst.Call) -> List[str]:
    """The names a call is handed as arguments (`FnToCLI(main)`, `fire.Fire(main)`): in a `__main__`
    block, a function handed to a command-line wrapper runs as the program."""
    values = (arg.value for arg in node.args if isinstance(arg.value, (cst.Name, cst.Attribute)))
    names = (resolver.qualified_name(value) for value in values)
    return [name for name in names if name and not name.startswith("builtins.")]
