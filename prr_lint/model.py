"""Plain data passed between the phases: picklable, comparable, and free of libcst nodes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Tuple


class Severity(str, enum.Enum):
    """Finding levels, ordered; the values are SARIF's `level` names."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls(value.lower())


_SEVERITY_RANK = {Severity.NOTE: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based source range; the end column points just past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class RelatedLocation:
    """A secondary location, such as one step of a call path from an entry point."""

    path: str
    span: Span
    message: str


@dataclass(frozen=True)
class Finding:
    """One problem at one place, already mapped to the checklist items it fails."""

    rule: str
    name: str
    severity: Severity
    path: str
    span: Span
    message: str
    checklist: Tuple[str, ...]
    source_line: str = ""
    context: str = ""
    related: Tuple[RelatedLocation, ...] = ()
    fingerprint: str = ""
    # For a suppressed finding: the reason its suppression comment gives.
    justification: str = ""

    @property
    def sort_key(self) -> Tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.rule, self.message)


# FunctionSummary.tags: what a function does that the project phase asks about (summary.py sets them).
REPORTS_ERROR = "reports-error"  # a call that reports an error (error-level log, error tracker ...)
REPORTS_WARNING = "reports-warning"  # a log call at warning level or above
# `reports-if:<param>@<position>:<test>:<default>`: writes the stack only under `if <param>:` (rules/report_calls.py)
REPORTS_IF = "reports-if:"
# Prefix of a handler's callee that counts as a report when it logs at warning level (rules/verdicts.py).
WARNS_VIA = "warns-via:"
# The function makes a call that talks to a dependency by what it is (rules/in_memory.py `dependency_call`).
DEPENDENCY_IO = "dependency-io"
# Pending condition of PRR101/PRR102: unless a callee of the handler reports, or never returns as the error rules read it
# (`raise_invalid(exc)` raises another error: project/never_returns.py `raising_functions`).
UNLESS_REPORTER_OR_RAISER = "unless-reporter-or-raiser"
CONFIGURES_LOGGING = "configures-logging"  # basicConfig, dictConfig, addHandler ...: PRR402's project check
REPORTS_OWN_FAILURES = "reports-own-failures"  # a top-level try whose handler reports (PRR106)
FAILURE_HANDLER_CALLS = "failure-handler-calls:"  # prefix: a call in such a handler
REPORTS_IN_LOOP = "reports-in-loop"  # such a try sits in a top-level loop (or in the nested function returned)
DELEGATES_TO = "delegates-to:"  # prefix: a call of a function with no work loop of its own (PRR106)
SETS_THREAD_EXCEPTHOOK = "sets-threading-excepthook"  # `threading.excepthook = ...`
ADDS_TO_SYS_PATH = "adds-to-sys-path:"  # prefix: a folder the module's top level puts on sys.path, relative to it (vendored.py)
KEEPS_TASK_STDOUT = "keeps-task-stdout"  # Celery's task output redirection to logging turned off (task_stdout.py)
SETS_SOCKET_TIMEOUT = "sets-socket-default-timeout"  # `socket.setdefaulttimeout(<seconds>)` in this function or top level (PRR501)
PATCHES_REQUESTS_TIMEOUT = "patches-requests-timeout"  # replaces `requests.adapters.TimeoutSauce` or `Session.request` with one giving a timeout (PRR501)
IS_ASYNC = "async"  # an `async def` (PRR505 starts its search from async entry points)
IS_SYNC_GENERATOR = "sync-generator"  # a plain `def` that yields: calling it runs none of its body (PRR505)
IS_ASYNC_GENERATOR = "async-generator"  # an `async def` that yields: its call makes an iterator, no coroutine
# prefix: how many of its parameters have no default (`self` and `cls` count; `*args`, `**kwargs` do not), when
# any: a method that needs an argument beyond its receiver is no template's to call (project/command_calls.py).
REQUIRED_PARAMETERS = "required-parameters:"
# How a summary names a method called on a receiver of no known type: `?.<method>` (rules/param_guards.py,
# async_deadlines.py).
UNTYPED_CALL = "?."
# A call through a dispatch table keyed by string literals (`actions[args.action]()`, prr_lint/dispatch.py):
# tag value = `<table>:<key>=<the value's qualified name>`, one per entry (`<table>`: the function's nth such call) (project/deployed_subcommands.py).
DISPATCH_KEY = "dispatch-key:"
# A function of the module handed by keyword to a call (`ProCommand("cve", action=action_cve)`): tag value =
# `<callee>:<keyword>:<the call's first argument, a string literal, or "">=<the function's qualified name>`
# (one_off_modes.py; project/main_blocks.py).
HANDED_BY_KEYWORD = "handed-by-keyword:"
SUBPARSERS = "argparse"  # the `<table>` of an argparse program's sub-parsers, keyed by their words (a nested one's after its parents': "plugins update") ("" for the default: one_off_modes.py)
# A sub-parser of an argparse `add_subparsers(dest=...)`: tag value = `<dest>=<its words>` (as SUBPARSERS keys), one
# per name or alias; and a call in a branch that compares that attribute of a parsed namespace with a word
# (`if args.<dest> == "update": update(config)`, `case "update":`): tag value = `<dest>:<words, comma-separated>=<callee>@<what the
# namespace holds>` (receivers.py), one per call (one_off_modes.py; project/deployed_subcommands.py `dest_modes`).
SUBCOMMAND_WORD = "subcommand-word:"
SUBCOMMAND_BRANCH = "subcommand-branch:"
# An argparse/optparse option (`add_argument("--filter", "-f")`): tag value = `<dest>=<off|on>:<its option strings,
# comma-separated>`, `off` when nothing is set unless it is typed (no default, None or False; not required, not
# `store_false`), and `<key>=on:` per keyword of `set_defaults` (`*=on:` for `**`); and a call made in an `if` body taken
# only when options are given (`if args.filter:`, `elif args.x is not None:`): tag value = `<dests, comma-separated>=<callee>@<what
# the namespace holds>` (receivers.py) (one_off_modes.py; project/deployed_options.py).
OPTION_STRINGS = "option-strings:"
OPTION_BRANCH = "option-branch:"
# prefix: `raise X` in this function, as "raises:<X>|reported" (in an except handler that reported the
# error), "raises:<X>|from:<caught classes>" (in a handler that did not), "raises:<X>|checked" (outside
# handlers, as what an `if` does: a check of the code's own) or "raises:<X>|bare".
RAISES = "raises:"
# Builtin classes a project raises as the answer of its own checks and no dependency raises for a failed
# call (not OSError's family): their raise sites are summarised too, so PRR103 can follow them.
OWN_STATE_ERRORS = frozenset({"builtins.RuntimeError"})
# After a raise site's "from:<caught>": the project calls of its handler, one of which may report the error.
RAISED_VIA = ";via:"
# prefix: a call made in a `try` body whose handlers take every exception and raise none; tag value = the
# callee, once per such call (try_bodies.py, project/contained_raises.py).
CAUGHT_CALL = "caught-call:"
# The module's top level does work beyond definitions and assignments: a loop, a call statement, an
# `if`/`try`/`with` doing either (a script), on the module's own function summary.
TOP_LEVEL_WORK = "top-level-work"
# The file starts with a `#!` line: it is executed as a program, on the module's own function summary.
RUN_AS_PROGRAM = "run-as-program"
# prefix: a function this one hands to a worker thread or process or maps over a pool; and: it waits for its
# workers (a join, a blocking map, an executor's exit): prr_lint/worker_waits.py, project/root_scripts.py.
WORKER_WORK = "worker-work:"
WAITS_FOR_WORKERS = "waits-for-workers"
# The function (or module top level) waits for a person's answer at the terminal (`input()`, `getpass()`,
# `click.confirm`, resolved): a program that asks is run by hand, not by the deployment (project/scope.py).
ASKS_PERSON = "asks-person"
# A call made in an `if` body that then ends the process (`if args.command == "import": migrate(...);
# sys.exit(0)`): a one-off mode of a program, tag value = the callee (project/main_blocks.py).
ONE_OFF_CALL = "one-off-call:"
# A call made in an `if` body whose test cannot be true unless the calls it needs returned: tag value = those calls,
# comma-joined, `>`, the callee (`builtins.input>svc.reset`); and, once, when every `return` of a value that may be
# true needs a call, those calls (comma-joined, `;` between returns): whether a person's answer lets it run
# (prr_lint/answer_gates.py).
ANSWER_GATE = "answer-gate:"
ANSWER_RETURN = "answer-return:"
# An option of the command line that is off by default, declared here (`add_argument("--api-doc",
# action="store_true")`): tag value = the attribute it sets (`api_doc`); and a call made in an `if`
# body that tests such attributes (`elif args.api_doc: screen = ApiDoc()`): tag value = callee, `@`,
# the attributes joined by commas (project/main_blocks.py).
CLI_OPTION = "cli-option:"
OPTION_CALL = "option-call:"
# A nested `def` whose name no code of its module reads, with no decorator: nothing runs it (unread_defs.py).
UNREAD_DEF = "unread-def"
# A `while True:` loop that no `break` or `return` of its own leaves: the function runs until the
# process stops (a worker's poll loop), so a command that reaches it is long-running (project/scope.py).
LOOPS_FOREVER = "loops-forever"
# A comparison of a request path with a health path (`environ["PATH_INFO"] == "/healthz"`): a wrapper serves the probe (PRR206).
SERVES_HEALTH_PATH = "serves-health-path"
# Pending condition: a handler of project exception classes whose every raise site reported first.
RAISED_AFTER_REPORT = "unless-raised-after-report"
# Pending condition of a PRR101 note: the function hands its exception back as the error half of a
# `(data, error)` result, unless a caller raises that error (prr_lint/error_results.py).
CALLER_CHECKS = "unless-caller-checks"
# Pending condition of a PRR103 finding in a method whose class may be a flask-restful/flask-restx
# `Resource` (through project bases): the Api's `handle_error` logs every 5xx raised there.
RESOURCE_5XX = "unless-restful-resource"
# Pending condition of a PRR103 finding that raises a 5xx Starlette/FastAPI HTTPException: Sentry's
# Starlette integration captures it when the project initialises sentry_sdk in a Starlette/FastAPI app.
SENTRY_ASGI_5XX = "unless-sentry-starlette"
# Pending condition of a PRR104 finding whose handler answers only 5xx, registered on an object only the
# project types (an `api` parameter): flask-restx's Api logs such answers (rules/framework_reports.py).
FRAMEWORK_LOGS_5XX = "unless-framework-logs-5xx"
# Pending condition of a PRR000 finding on syntax newer than Python 3.9 (newer_syntax.py), subjects (its first release,
# "python2" when Python 2 reads it too): kept where every Python the project declares is older (project/runtime_syntax.py).
NEWER_SYNTAX, PYTHON2_READS = "unless-runtime-reads-syntax", "python2"
# Pending condition of a PRR104 finding on a handler registered on a Flask app or blueprint: no request's error
# reaches it when every route is a flask-restful/flask-restx resource, whose Api logs it (project/restful_routes.py).
RESTFUL_ROUTES = "unless-restful-routes"
# Pending condition of a PRR104 finding on a configured DRF handler whose every own answer is a client's error and
# which otherwise returns a reporting library handler's answer (drf-standardized-errors'): unless the class that
# answers keeps the library's report (rules/drf_library.py, project/drf_library.py).
DRF_LIBRARY_REPORTS = "unless-drf-library-reports"
# A method named as a hook of such a library's handler class (`report_exception` ...) that keeps its report (an
# override without it drops it); any other method that stores a `status_code` (the report keys on it); on a module's
# own summary, `<tag><class>` for a class whose body binds a hook's name other than by a `def`, `<tag><hook>` for a
# `setattr(obj, "<hook>", ...)`, and `<tag><dotted path>` for each class drf-standardized-errors' settings name ("?":
# one that is not read). rules/drf_library.py.
LIBRARY_HOOK_KEEPS = "library-hook-keeps"
LIBRARY_HOOK_DROPS = "library-hook-drops"
LIBRARY_HOOK_BOUND = "library-hook-bound:"
LIBRARY_HOOK_STORED = "library-hook-stored:"
DRF_HANDLER_CLASS = "drf-handler-class:"


@dataclass
class FunctionSummary:
    """A function or method: what it calls (by resolved name) and what it does that matters."""

    qualname: str
    calls: List[str] = field(default_factory=list)
    decorators: Tuple[str, ...] = ()
    tags: List[str] = field(default_factory=list)
    # Where the `def` is (1-based; 0 when unknown), for call paths and the entry-point listing.
    line: int = 0
    column: int = 0
    # The first string argument of each decorator call ("" when none): routes of route decorators.
    decorator_args: Tuple[str, ...] = ()
    # Functions handed to something that runs them on this host later (executor.submit(f), Thread(target=f)).
    handoffs: List[str] = field(default_factory=list)
    # Of those, what runs in a new process (`Process(target=f)`, prr_lint/spawns.py); the positions of
    # this function's parameters it hands to a new process; and the hand-offs made through a call that
    # may be a project helper (`manager.add_task(f)`): (callee, argument position, target).
    spawned: List[str] = field(default_factory=list)
    spawned_params: List[int] = field(default_factory=list)
    handoff_calls: List[Tuple[str, int, str]] = field(default_factory=list)
    # Calls that pass on one of this function's deadline parameters that default to None, or its
    # **kwargs: (callee or "sink:<library>", slot, own parameter, own index); see rules/forwarding.py.
    deadline_forwards: List[Tuple[str, str, str, int]] = field(default_factory=list)
    # Callees called with a deadline keyword (not None) or with **kwargs: calls of a wrapper that give
    # it a deadline, so the project phase need not look at them again.
    deadline_calls: List[str] = field(default_factory=list)
    # Callees called as statements, their result dropped (`notify(x)`, `await notify(x)`): PRR107.
    discarded: List[str] = field(default_factory=list)
    # Callees whose result this function returns as it is (`return send(x)`): it hands their status on.
    returned: List[str] = field(default_factory=list)
    # Callees called as statements without `await` (`refresh(x)`), one per call: a coroutine function's
    # body does not run there (project/unawaited.py).
    unawaited: List[str] = field(default_factory=list)
    # Calls whose value an assignment stores as it is under an attribute or a global (`self.pending = refresh(x)`,
    # `crud.conn = crud.connect()`), as (callee, the target's last identifier): a coroutine so stored runs only if
    # some module awaits, drives or hands on a value of that name (project/unawaited.py).
    stored_calls: List[Tuple[str, str]] = field(default_factory=list)
    # What the project phase types calls on (prr_lint/receivers.py, project/receivers.py), as receiver
    # expressions: the class of what the function returns ("" when unknown); its method calls on a
    # receiver of no class known here (`get_emailer().send(...)` -> "svc.mail.get_emailer().send");
    # and (callee, argument position or keyword, receiver expression) of the arguments it passes.
    returns: str = ""
    chained: List[str] = field(default_factory=list)
    arguments: List[Tuple[str, str, str]] = field(default_factory=list)
    # Calls awaited here, as (callee, how): with no deadline of their own (""), under an asyncio deadline
    # ("deadline"), or made into a task by the named call and awaited under `wait_for` (async_deadlines.py).
    awaited: List[Tuple[str, str]] = field(default_factory=list)
    # Spawns whose greenlet this function waits on with a timeout and then kills, as (spawning callee, argument
    # position, function handed there); and the positions of its parameters it hands to gevent's spawns (green_deadlines.py).
    greenlets: List[Tuple[str, int, str]] = field(default_factory=list)
    greenlet_params: List[int] = field(default_factory=list)
    # Functions passed by reference to a named callee, as (callee, argument position or keyword, the function: its
    # resolved name, or `?.<name>` on a receiver of no known type); the functions this one runs in a thread or an
    # executor it waits on with a finite timeout; and its parameters it runs only so, as ("<position>:<name>", the
    # timeouts: "<position>:<name>" of each parameter one is, comma-separated, "" when literal) (thread_joins.py).
    passed: List[Tuple[str, str, str]] = field(default_factory=list)
    joined: List[str] = field(default_factory=list)
    joined_params: List[Tuple[str, str]] = field(default_factory=list)
    # Calls made inside sync `with` blocks, as (the blocks' context managers, comma-separated, callee), one per call: an
    # alarm the manager arms bounds them, unless a block run before them marked `!` cancels it (alarm_deadlines.py).
    alarmed: List[Tuple[str, str]] = field(default_factory=list)
    # The receiver expressions of its decorators that are methods of what an expression holds, with each
    # decorator's first string argument (`@app.cli.command("seed")`, `app` a parameter:
    # ("[pkg.register:0:app].cli.command", "seed")), typed in the project phase (project/typed_commands.py).
    decorator_receivers: Tuple[Tuple[str, str], ...] = ()


# The batch mark (batch_marks.py) of a function a task decorator (`app.task`, `shared_task`) gives a `base=` class: its
# detail is the class; the project phase makes it a Celery task when that class derives from Celery's Task.
TASK_BASE = "celery-base?"
# The kinds of ModuleSummary.prefixes marks of a router mounted on another (see `prefixes`).
MOUNT_KINDS = ("join", "replace")


@dataclass
class ModuleSummary:
    """What the project phase needs to know about one module, without its tree.

    `imports` maps local names to the qualified names they were imported as; `functions` holds
    every function and method (the module's top level is the function named after the module);
    `classes` maps class qualnames to their resolved base classes.
    """

    module: str
    path: str
    imports: Dict[str, str] = field(default_factory=dict)
    # Modules this one star-imports (`from .types import *`): names it does not bind come from them.
    star_imports: List[str] = field(default_factory=list)
    # Modules a plain `import a.b.c` loads (anywhere in the module): `imports` holds only the name it
    # binds (`a`), but the import runs `a/b/c.py` too (a dispatcher script importing its subcommands).
    dotted_imports: List[str] = field(default_factory=list)
    functions: Dict[str, FunctionSummary] = field(default_factory=dict)
    classes: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    # Module-level names bound to objects of a known class: name -> class (an app, a router, a client).
    globals: Dict[str, str] = field(default_factory=dict)
    # What the attributes of its classes hold: "<class>.<attribute>" -> receiver expressions (prr_lint/receivers.py).
    attributes: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    # Module-level names bound to a reporter built by wrapping a report sink
    # (`capture_exception = iffy(cond, sentry_sdk.capture_exception)`), see prr_lint/sinks.py; and
    # "logger-method:<name>" for a reporting method it adds to the logger class (`logging.Logger.e = ...`).
    reporters: List[str] = field(default_factory=list)
    # Handlers registered by a call: (registrar, route, handler name, where, line of the call or 0),
    # see prr_lint/entry_marks.py.
    registrations: List[Tuple[str, str, str, str, int]] = field(default_factory=list)
    # FastAPI and Starlette route registrations in the order each router tries them: (group, handler, path,
    # methods, block, kind), see prr_lint/route_order.py.
    route_order: List[Tuple[str, str, str, str, str, str]] = field(default_factory=list)
    # Batch contexts a decorator table cannot name (prr_lint/batch_marks.py): (kind, function name, detail,
    # line of the registration or 0); a kind "apscheduler?<call>" waits for the project phase to type the call.
    batch_marks: List[Tuple[str, str, str, int]] = field(default_factory=list)
    # GraphQL types, fields, resolvers, schemas and endpoints (prr_lint/graphql_marks.py): (kind, a, b, c).
    graphql: List[Tuple[str, str, str, str]] = field(default_factory=list)
    # Class decorators: class qualname -> ((decorator name, its first string argument), ...).
    class_decorators: Dict[str, Tuple[Tuple[str, str], ...]] = field(default_factory=dict)
    # Classes and functions the module exposes with `exposed = True`, CherryPy's `@cherrypy.expose` (exposed_marks.py).
    exposed: List[str] = field(default_factory=list)
    # Class metaclasses: class qualname -> the name of the metaclass it sets itself (prr_lint/metaclasses.py).
    metaclasses: Dict[str, str] = field(default_factory=dict)
    # App-level instrumentation: (instrumentation name, framework or "*", the app it targets or "").
    instrumentation: List[Tuple[str, str, str]] = field(default_factory=list)
    # Names called from the module's `if __name__ == "__main__":` block (script entry points), and
    # names it hands to a call (`FnToCLI(main).run()`: the wrapper runs them).
    script_calls: List[str] = field(default_factory=list)
    # Route prefixes, see project/entrypoints.py `route_prefixes`: (kind, owner, child, prefix) with kind
    # "router" (a router's own prefix), "replace"/"join" (MOUNT_KINDS: a router mounted on another), "route" (a handler
    # registered on a router) or "include" (a Django include of a module or router, under a route).
    prefixes: List[Tuple[str, str, str, str]] = field(default_factory=list)
    # Django settings: the dotted paths of REST_FRAMEWORK["EXCEPTION_HANDLER"] set in this module.
    drf_exception_handlers: List[str] = field(default_factory=list)
    # Attributes this module looks up by a literal name (`getattr(engine, "fetch_traits")`), see dispatch.py.
    by_name: List[str] = field(default_factory=list)
    # For project/dead_code.py, counted in the per-file pass (word_counts.py): each word of the text and how often; how
    # often code and strings (no comments, docstrings) name each of the module's own top-level functions and classes;
    # how often each word is prose (comments, messages); its plain classes (`class Name:`); its `__all__` names.
    words: Dict[str, int] = field(default_factory=dict)
    code_words: Dict[str, int] = field(default_factory=dict)
    prose_words: Dict[str, int] = field(default_factory=dict)
    # The names its comments call by attribute (`# self.scrape_vote(bill, row)`): calls commented out.
    commented_calls: FrozenSet[str] = frozenset()
    plain_classes: List[str] = field(default_factory=list)
    exports: List[str] = field(default_factory=list)
    # The words its string literals may hand a loader (`"models.bot.Bot"`, `"Bot"`; not a label's, a docstring's
    # or a logging call's message's): a class they name may be loaded by name (project/typed_calls.py).
    string_words: FrozenSet[str] = frozenset()
    # Of those, the words that end a dotted path (`Bot` of `"models.bot.Bot"`): a loader that takes a whole path may
    # load such a class, and call its protocol's names on it (project/hooked_classes.py); and the packages a loader or
    # a command they hold may start (`svc` of `"svc.jobs"`, `"-m svc"`; word_counts.py `string_starts`).
    path_ends: FrozenSet[str] = frozenset()
    path_starts: FrozenSet[str] = frozenset()
    # How often each word is the attribute an assignment binds (`self.optimize = channel.unary_unary(...)` in a gRPC stub): no mention of a method of that name (word_counts.py `bound_attributes`).
    attribute_stores: Dict[str, int] = field(default_factory=dict)
    # The attribute names it binds other than by `x.name = ...`: a class body's names given a value, its `def`s and
    # classes, `setattr`'s literal names, `*` when it may bind any; the names each class body only annotates; its
    # classes with a base that resolves to nothing (attribute_binds.py, for project/absent_attributes.py).
    bound_names: FrozenSet[str] = frozenset()
    annotated_names: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    opaque_classes: List[str] = field(default_factory=list)
    # Its module-level constants in capitals bound once to a string that is a name (`_HOOK = "_hook"`): what another
    # module's `setattr(fn, _HOOK, f)` binds (attribute_binds.py).
    string_constants: Dict[str, str] = field(default_factory=dict)
    # How often each word is part of an import's module path (`rerank` of `from .format.rerank import x`): it names a
    # module, no method of that name.
    module_path_words: Dict[str, int] = field(default_factory=dict)
    # How often each word is spelt by an import only Python 2 makes (`if sys.version_info[0] < 3: from .exec2
    # import run`): a name no Python 3 run imports (python2_gates.py).
    python2_words: Dict[str, int] = field(default_factory=dict)
    # The dotted names only such imports spell (`lib.zipfile` of `if PY2: import lib.zipfile as zipfile`): no
    # Python 3 run loads them by that import.
    python2_imports: List[str] = field(default_factory=list)
    # The dotted names every other import statement may load, a function's too (`from pkg import signals` in `ready()`,
    # which `imports`, the module scope's last bindings, misses): the modules a run of the module may import.
    import_paths: List[str] = field(default_factory=list)
    # A package's (`__init__`) top-level names but those that import its own submodule of the name (`from . import
    # signals`): what `from pkg import name` takes from it rather than loading a module (project/disabled_apps.py).
    package_names: FrozenSet[str] = frozenset()
    # How many top-level import statements bind a name to its module-level target, when more than one
    # (`from redirect_func import json_post` twice): each spells the name once and uses it for nothing.
    repeated_imports: Dict[str, int] = field(default_factory=dict)
    # How often each identifier is used as a value, not called (passed, stored, returned: name_uses.py).
    value_uses: Dict[str, int] = field(default_factory=dict)
    # The identifiers of names and attributes awaited or driven as they are (`await self.pending`, `yield from
    # pending`, `pending.send(None)`): what may run a coroutine stored under that name (name_uses.py).
    awaited_words: List[str] = field(default_factory=list)
    # How often each word may reach a method by its name (an attribute read, a name-like string, a bare name of a
    # class body), and each function's such uses of its own name in its own body (name_uses.py).
    method_uses: Dict[str, int] = field(default_factory=dict)
    own_uses: Dict[str, int] = field(default_factory=dict)
    # A class body's `name = property(getter, setter)`: the property's name -> the bare names it is given, which
    # reach their methods only when the property is used (name_uses.py).
    property_parts: Dict[str, List[str]] = field(default_factory=dict)
    # The resolved names of attributes read but not called that are named like one of its module-level functions
    # (`@wraps(FulltextSession.retrieve)`): another object's attribute, no mention of the function (name_uses.py).
    attribute_reads: List[str] = field(default_factory=list)
    # Module function -> how often its own body reads or calls an attribute of its name (`current_session().retrieve()`
    # in `retrieve`), or holds its name as a string that is no prose (a lock key `r.lock("poll_results")`): runs only
    # when the function does, so names nothing that could run it (project/foreign_calls.py).
    own_attributes: Dict[str, int] = field(default_factory=dict)
    own_strings: Dict[str, int] = field(default_factory=dict)
    # How often each identifier is a function's local or parameter (`rate_limiter = RateLimiter(redis)`): a
    # variable, no module's or module-level definition's name (name_uses.py).
    variable_words: Dict[str, int] = field(default_factory=dict)
    # How often each of its own top-level classes is named by a return annotation or a module-level variable's
    # annotation, which builds none (annotation_words.py).
    type_words: Dict[str, int] = field(default_factory=dict)
    # Names of `imports` bound only under `if TYPE_CHECKING:`: no module loads at run time (type_imports.py).
    type_only_imports: List[str] = field(default_factory=list)
    # Module-level names bound in alternative branches (`if LND: Node = LNDNode elif CLN: Node = CLNNode`):
    # name -> what each alternative names, when they differ (module_bindings.py); calls through the name may
    # run each one's (project/callgraph.py).
    alternatives: Dict[str, List[str]] = field(default_factory=dict)
    # Functions a later `def` of the same body rebinds before anything can run them: (qualname, line of that
    # `def`, line of the rebinding `def`, its decorators' names; rebound_defs.py).
    rebound: List[Tuple[str, int, int, Tuple[str, ...]]] = field(default_factory=list)
    # What the statements after a call another module decides (rules/never_returning.py) call, as (calling function,
    # callee, the `after-call:` subjects it runs under), and their words by those subjects: project/never_returns.py
    # drops the calls and makes the words prose when one of the callees never returns.
    never_run_calls: List[Tuple[str, str, Tuple[str, ...]]] = field(default_factory=list)
    never_run_words: List[Tuple[Tuple[str, ...], Dict[str, int]]] = field(default_factory=list)
    # And, by the same subjects, the `call-args:?.<method>=` tags of their calls on receivers of no known type, as
    # (calling function, tag, subjects), and the attribute reads of theirs `method_uses` counts, as (name, the function
    # whose `own_uses` counts it or "", subjects): dropped with the calls, so a method only they name is named by none.
    never_run_tags: List[Tuple[str, str, Tuple[str, ...]]] = field(default_factory=list)
    never_run_reads: List[Tuple[str, str, Tuple[str, ...]]] = field(default_factory=list)
    # Module-level mappings one function fills in place (`config = {}`; `config.update(loaded)` in a loader): name ->
    # its `from:` tie (config_paths.filled_mappings), which another module's key path read of it takes.
    mapping_ties: Dict[str, str] = field(default_factory=dict)
    # Its lower-case globals bound once to an environment switch: name -> `env:NAME~MASK` (rules/env_globals.py), which
    # a caller passing one on (`use_ssl=config.email_ssl`) passes.
    env_globals: Dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Pending:
    """A finding that only the project phase can confirm.

    `condition` names a project-phase check and `subjects` are its arguments: for example
    ("unless-reporter", callee names) drops the finding when one of the callees is a project
    function that reports errors.
    """

    finding: Finding
    condition: str
    subjects: Tuple[str, ...]
    suppressed: bool = False


@dataclass
class FileResult:
    """The per-file phase's answer for one file."""

    path: str
    findings: List[Finding] = field(default_factory=list)
    suppressed: List[Finding] = field(default_factory=list)
    summary: Optional[ModuleSummary] = None
    pending: List[Pending] = field(default_factory=list)
    analysed: bool = True
    internal_errors: int = 0
    # The analysis did not finish (the time budget ran out, or its worker died): never cached.
    timed_out: bool = False


@dataclass
class RunResult:
    """Everything one `check` run found, ready for any reporter."""

    findings: List[Finding]
    suppressed: List[Finding] = field(default_factory=list)
    files: int = 0
    unanalysed: List[Tuple[str, str]] = field(default_factory=list)
    internal_errors: int = 0
    baselined: int = 0
    stale_baseline: List[str] = field(default_factory=list)
    # Findings `scope = "serving"` left out because they are in code that is not the service.
    out_of_scope: int = 0
    # Findings of the serving-behaviour rules held back in a service with no entry point prr-lint sees (no_entry_points.py).
    held_back: int = 0
    held_back_by: str = ""  # the use of a server library that showed the project serves requests
    # Files in Python 2 syntax left unchecked in a project whose deployment runs Python 2, or using `async` as a name in
    # one that runs only releases before Python 3.7 (project/python2_files.py).
    python2_files: int = 0
    python2_runtime: str = ""  # the declaration that shows it (`runtime.txt: python-2.7.17`)
    python2_release: str = ""  # the runtime it shows: "Python 2" or "Python before 3.7"
    # What each project-phase step that crashed was and what the run did instead (project/guard.py):
    # each is a PRR003 finding and an internal error too; such a run is never cached.
    project_failures: List[str] = field(default_factory=list)

    @property
    def summary(self) -> Dict[str, int]:
        return {
            "files": self.files,
            "findings": len(self.findings),
            "suppressed": len(self.suppressed),
            "baselined": self.baselined,
            "errors": self.internal_errors,
        }
