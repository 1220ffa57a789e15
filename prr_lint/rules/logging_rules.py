"""PRR402: logging configured ad hoc instead of once at start-up (checklist item PRR-LOG); the family's
other rules live in print_rule.py (PRR401), logger_names.py (PRR403) and log_files.py (PRR404)."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.context import RawFinding
from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.data_channels import data_channel_call
from prr_lint.rules.handler_context import not_service_code
from prr_lint.rules.log_files import LocalFileLogSink
from prr_lint.rules.logger_names import NonStandardLogger, made_outside_hierarchy
from prr_lint.rules.print_rule import PrintInService
from prr_lint.rules.temporary_handlers import temporary_handler_call
from prr_lint.sinks import logging_configuration
from prr_lint.tree import descendants

# ----- PRR402-PRR404: logging configured ad hoc, loggers obtained ad hoc, logs written to local files -----


# Handlers that send records to people or an error tracker: a feature's channel, not the service's logging.
ALERT_HANDLERS = frozenset(
    {
        "logging.handlers.SMTPHandler",
        "django.utils.log.AdminEmailHandler",
        "sentry_sdk.integrations.logging.EventHandler",
        "raven.handlers.logging.SentryHandler",
    }
)


# What a formatter does with one record it is handed.
_FORMATTING_METHODS = frozenset({"format", "formatMessage", "formatTime", "formatException", "formatStack"})


def formats_one_record(node: cst.Call, chain: Sequence[cst.CSTNode], function: Optional[cst.FunctionDef]) -> bool:
    """The formatter built by `node` is only used to format records the code holds
    (`logging.Formatter(fmt).format(record)`, or a local name used only that way, as a formatter
    subclass's `format()` does): it is set on no handler and configures nothing."""
    parent = chain[-1] if chain else None
    if isinstance(parent, cst.Attribute) and len(chain) >= 2 and isinstance(chain[-2], cst.Call) and chain[-2].func is parent:
        return parent.attr.value in _FORMATTING_METHODS
    if function is None or not isinstance(parent, cst.Assign) or len(parent.targets) != 1 or not isinstance(parent.targets[0].target, cst.Name):
        return False
    name = parent.targets[0].target.value
    nodes = list(descendants(function.body))
    uses = sum(1 for n in nodes if isinstance(n, cst.Name) and n.value == name)
    formatting = sum(
        1 for n in nodes
        if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in _FORMATTING_METHODS
        and isinstance(n.func.value, cst.Name) and n.func.value.value == name
    )
    return formatting > 0 and uses == formatting + 1


def _checks_no_handlers(test: cst.BaseExpression) -> bool:
    """`not logger.handlers` / `not logger.hasHandlers()`: true only while nothing has configured the logger."""
    if not isinstance(test, cst.UnaryOperation) or not isinstance(test.operator, cst.Not):
        return False
    inner = test.expression
    if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute):
        return inner.func.attr.value == "hasHandlers"
    return isinstance(inner, cst.Attribute) and inner.attr.value == "handlers"


def defers_to_configuration(node: cst.Call, chain: Sequence[cst.CSTNode]) -> bool:
    """The call adds to the service's logging configuration instead of competing with it: a fallback
    that runs only when the logger has no handlers yet (`if not logger.handlers: logger.addHandler(...)`),
    or the copy of a configured logger's handlers onto another logger (`for h in ours.handlers:
    lib_logger.addHandler(h)`, so a library's records reach the service's own handlers)."""
    func = node.func
    copied = node.args[0].value if isinstance(func, cst.Attribute) and func.attr.value == "addHandler" and node.args else None
    for depth in range(len(chain) - 1, -1, -1):
        parent = chain[depth]
        if isinstance(parent, (cst.FunctionDef, cst.ClassDef)):
            return False
        if isinstance(parent, cst.If) and depth + 1 < len(chain) and chain[depth + 1] is parent.body and _checks_no_handlers(parent.test):
            return True
        if isinstance(parent, cst.For) and isinstance(copied, cst.Name) and isinstance(parent.target, cst.Name) \
                and parent.target.value == copied.value and isinstance(parent.iter, cst.Attribute) and parent.iter.attr.value == "handlers":
            return True
    return False


# Functions that run at start-up, where configuring logging belongs.
SETUP_LIKE = re.compile(
    r"(^|_)(setup|set_up|configure\w*|config\w*|init\w*|main|create_app|make_app|app|factory|bootstrap|start\w*|run|"
    r"log|logs|logging|logger|loggers|worker|cli)(_|$)",
    re.I,
)


# Modules named like start-up code, where configuring logging belongs (their last part, or any
# last part with "logging" in it).
_BOOTSTRAP_NAME = re.compile(
    r"app|application|main|__main__|wsgi|asgi|server|settings|config|conf|logs?|logger|log_?config|"
    r"worker|workers|celery\w*|bootstrap|startup|setup\w*|manage|run\w*|factory|create_app"
)


_LOGGING_MODULE = re.compile(r"logs?|logger|log_?config|\w*logging\w*")  # named for setting up logging


def is_bootstrap_module(module: str, logging_only: bool = False) -> bool:
    """Named like start-up code (or, with `logging_only`, for setting up logging: all its functions do)."""
    last = module.rpartition(".")[2]
    return _LOGGING_MODULE.fullmatch(last) is not None or (not logging_only and _BOOTSTRAP_NAME.fullmatch(last) is not None)


def _module_matches(module: str, path: str, patterns: Sequence[str]) -> bool:
    for pattern in patterns:
        if module == pattern or module.startswith(pattern + ".") or fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(module, pattern):
            return True
    return False


# Module-level statements between two configuring calls of one set-up, at most (the handler's and
# the logger's creation, a level set between them).
_SETUP_GAP = 4


@dataclass
class _SetUp:
    """One logging set-up's finding (its `end_node` moves to each further configuring call of it)."""

    finding: RawFinding
    function: Optional[cst.FunctionDef]
    index: int


class AdHocLoggingConfiguration(Rule):
    """Logging configured outside the service's one bootstrap module.

    What it does
        Reports calls that configure logging: `logging.basicConfig`, `logging.config.dictConfig`
        / `fileConfig`, `Logger.addHandler` (except the library convention
        `addHandler(NullHandler())`), `Handler.setFormatter`, `logging.Formatter(...)`,
        `structlog.configure` and loguru's `logger.add`, in a module that is not a designated
        bootstrap module. With `bootstrap-modules` unset, the project phase treats a single
        configuring module as the bootstrap: findings appear only when two or more modules
        configure logging. Django's `settings.LOGGING` is an assignment and always fine; code
        under `if __name__ == "__main__":`, CLI commands, scripts and tests are not checked.
        A module named like start-up code (`app`, `wsgi`, `settings`, anything with `logging` in
        its name ...) is a bootstrap module; one named for setting up logging (`log`, `logger`,
        `setup_logging` ...) is one with all its functions (the `_default()` and `_conf()` helpers
        of a logging set-up class).

        Logging configuration is per process, and a repository often holds several programs (the
        server, a daemon, a job script, a docs generator), each configuring logging once as it
        starts. So a program's own start-up is the bootstrap of its process and competes with no
        other program's: the project phase leaves out configuration at the top level of a module
        no project module imports (it runs as a program, or is loaded once by name) and in a
        function that only such top levels (or their `__main__` blocks) call, directly or through
        up to three functions only they call (`logger = setup_logging()` at the top of a job
        script, with `setup_logging` in a helper module the job scripts share). Such a module's
        `main()` that no project code calls is its program's entry point too (a `bin/` launcher
        or a console script runs it once per process), and so are the functions only it calls.
        A module that registers handlers is loaded by a framework to serve, not run as a program,
        and stays.
        And a program's own start-up competes only with what runs in its process: the modules it
        imports, directly or through others. A deployment script that nothing imports and that
        configures logging at its top level leaves an app factory's configuration the service's only one.

        Not a competing configuration either: a handler that sends records to people or an error
        tracker (an `SMTPHandler` or Django's `AdminEmailHandler` for error mails, a Sentry
        handler), its level and its formatter:
        a feature's channel beside the service's logging. Nor is a handler that the same function
        adds and removes again (`root.addHandler(h)`, then `root.removeHandler(h)` in a `finally`),
        with its level and formatter: a temporary capture of one unit of work's records beside the
        service's own handlers. Nor is a fallback that runs only while the logger has no
        handlers (`if not logger.handlers:` or `if not logger.hasHandlers():` before adding one,
        or before `basicConfig`): once the service has configured logging it does nothing. Nor
        is the copy of a configured logger's handlers onto another one (`for h in
        ours.handlers: logging.getLogger("kmip").addHandler(h)`): a library's records routed to
        the service's own handlers, not a second configuration. Nor is a data channel built with the logging module: a dedicated
        logger fed serialized documents (`TRACES.debug(json.dumps(report))`) whose handler writes
        the bare message (`Formatter("%(message)s")`, written out or as a configuration default):
        each line is a data record (a trace report), not one of the service's log records. A
        `logging.Formatter(...)` only used to format a record at hand (`Formatter(fmt).format(record)`,
        as a formatter subclass's `format()` does) configures nothing. A `logging.Formatter(...)`
        built as the argument of another configuring call is one finding with it, not two.

        One finding per set-up, spanning it: the configuring calls of one function (its nested
        functions included: a handler's formatter picked in an inner branch), or of module-level
        statements at most four apart (`formatter = logging.Formatter(...)`,
        `handler.setFormatter(formatter)`, `logger.addHandler(handler)`), are reported once, at
        the first call, to the end of the last.

        In the default `scope = "serving"` the project phase also leaves out what is not the
        service by how it runs, as for PRR401: an Alembic `env.py` no serving code runs, commands,
        tasks and scripts, and what only they reach.

    Why is this bad?
        When several modules configure logging, the last import wins: handlers and formats
        differ between processes and entry points, records are duplicated or lost, and the
        structured format that central logging parses is not guaranteed. The PRR asks that
        services log through the standard framework, configured in one place.

    Example
        # orders/payments.py
        logging.basicConfig(level=logging.DEBUG, format="%(message)s")

    Use instead
        # orders/logging_setup.py, called once by the app factory or the worker entry point
        logging.config.dictConfig(LOGGING)

    Options
        `[tool.prr-lint.logging] bootstrap-modules`: module names (or path globs) allowed to
        configure logging.
        Off by default (opt-in through `select`). A second configuration is often a no-op or a
        separate process's start-up, which takes knowledge of how the service is deployed: on
        services it was not tuned on, under half of its findings were judged worth changing
        (five measurements).

    References
        PRR-LOG: does the service use the standard frameworks for request logging rather than
        functionally similar mechanisms of its own? (Site Reliability Engineering, ch. 32)
    """

    code = "PRR402"
    name = "ad-hoc-logging-configuration"
    severity = Severity.WARNING
    checklist = ("PRR-LOG",)
    summary = "Logging is configured outside the designated bootstrap module"
    default_enabled = False
    triggers = ("basicConfig", "Config", "addHandler", "setFormatter", "Formatter", "structlog", "loguru")
    service_only = True
    VALID = (
        Example("import logging\n\nif __name__ == '__main__':\n    logging.basicConfig()\n"),
        Example("import logging\nlogging.getLogger(__name__).addHandler(logging.NullHandler())\n"),
        # a temporary capture of one job's records, removed when the job ends
        Example(
            "import logging\n\ndef run_captured(job, path):\n    capture = logging.FileHandler(path)\n"
            "    fmt = logging.Formatter('%(asctime)s %(message)s')\n    capture.setFormatter(fmt)\n    root = logging.getLogger()\n"
            "    root.addHandler(capture)\n    try:\n        job()\n    finally:\n        root.removeHandler(capture)\n        capture.close()\n",
            path="svc/jobs.py",
        ),
        Example("import logging\n\ndef quiet(level):\n    handler = logging.NullHandler()\n    log = logging.getLogger('gnupg')\n    log.addHandler(handler)\n    return log\n"),
        Example("import logging.config\n\ndef setup(config):\n    logging.config.dictConfig(config)\n", path="svc/logging_setup.py"),
        # a private `logging.Logger(...)` (outside the hierarchy) given its own handler where it is made
        Example(
            "import logging\n\ndef export_view(request, buffer):\n    trail = audit = logging.Logger('export')\n"
            "    audit.addHandler(BufferHandler(buffer))\n    trail.info('exported %s', request.path)\n    return buffer\n"
        ),
        Example("LOGGING = {'version': 1, 'handlers': {'console': {'class': 'logging.StreamHandler'}}}\n", path="svc/settings.py"),
        # a data channel: a dedicated logger writing each serialized report as the bare message
        Example(
            "import json, logging, logging.handlers\n\nTRACES = logging.getLogger('trace_buffer')\n"
            "FILE = logging.handlers.RotatingFileHandler('/var/log/svc/trace', maxBytes=10**9)\n"
            "FORMAT = logging.Formatter('%(message)s')\nFILE.setFormatter(FORMAT)\nTRACES.addHandler(FILE)\n\n"
            "def trace(payload):\n    report = json.dumps(payload)\n    TRACES.debug(report)\n",
            path="svc/core/trace.py", options=(("logging", (("bootstrap-modules", ("svc.logging_setup",)),)),),
        ),
        # a formatter subclass formatting one record with a formatter it builds: configures nothing
        Example(
            "import logging\n\nclass PerName(logging.Formatter):\n    def format(self, record):\n"
            "        formatter = logging.Formatter(self.formats.get(record.name, logging.BASIC_FORMAT))\n"
            "        return formatter.format(record)\n",
            path="svc/utils/formatting.py",
        ),
        # error mails to the admins, added as Celery sets up its logger
        Example(
            "import logging\nfrom celery.signals import after_setup_logger\nfrom django.utils.log import AdminEmailHandler\n\n"
            "def configure_logging(logger, **kwargs):\n    mails = AdminEmailHandler()\n    mails.setLevel(logging.ERROR)\n"
            "    logger.addHandler(mails)\n\nafter_setup_logger.connect(configure_logging)\n",
            path="svc/celery_signals.py", options=(("logging", (("bootstrap-modules", ("svc.logging_setup",)),)),),
        ),
        # the helpers of a logging set-up class, in the module named for it
        Example(
            "import logging\n\nclass InterfaceLogging:\n    @classmethod\n    def setup(cls, opts):\n"
            "        return cls._default(opts)\n\n    @classmethod\n    def _default(cls, opts):\n"
            "        handler = logging.StreamHandler()\n        handler.setFormatter(logging.Formatter('%(levelname)s: %(message)s'))\n"
            "        logging.getLogger('svc').addHandler(handler)\n",
            path="svc/setup_logging.py",
        ),
        # a fallback for when nothing configured the logger, and a library's logger given the service's handlers
        Example(
            "import logging, sys\n\ndef warn_durability(policy):\n    logger = logging.getLogger('svc.policy')\n"
            "    if not logger.handlers:\n        logger.addHandler(logging.StreamHandler(sys.stderr))\n"
            "    logger.warning('policy %s may lose data', policy)\n\n"
            "def get_logger():\n    logger = logging.getLogger(__name__)\n    if not logger.hasHandlers():\n"
            "        logging.basicConfig(level=logging.INFO)\n    return logger\n\n"
            "class KeyMaster:\n    def __init__(self, logger):\n        kmip_logger = logging.getLogger('kmip')\n"
            "        for handler in logger.handlers:\n            kmip_logger.addHandler(handler)\n",
            path="svc/policy.py", options=(("logging", (("bootstrap-modules", ("svc.logging_setup",)),)),),
        ),
        # error mails: a feature's own channel, not the service's logging configuration
        Example(
            "import logging\nfrom logging.handlers import SMTPHandler\n\ndef add_error_mails(app, to):\n"
            "    mail = SMTPHandler(mailhost='smtp', fromaddr='svc', toaddrs=[to], subject='Application Error')\n"
            "    mail.setLevel(logging.ERROR)\n    mail.setFormatter(logging.Formatter('%(asctime)s %(message)s'))\n"
            "    app.logger.addHandler(mail)\n"
        ),
    )
    INVALID = (
        Example(
            "import logging\nlog = logging.getLogger(__name__)\n\ndef handler():\n"
            "    log.addHandler(logging.StreamHandler())  # expect: PRR402\n"
            "    logging.basicConfig(level=logging.DEBUG)\n"
            "    return 'ok'\n\n"
            "def charge(order):\n    import structlog\n    structlog.configure(processors=[])  # expect: PRR402\n"
        ),
        # a diagnostics logger beside a data channel: its own handler at import, on a logger that also
        # propagates to the root logger, is a competing configuration (records emitted twice)
        Example(
            "import json, logging, logging.handlers\n\nLOGGER = logging.getLogger('trace')\n"
            "TRACES = logging.getLogger('trace_buffer')\nHANDLER = logging.StreamHandler()\n"
            "HANDLER.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(message)s'))  # expect: PRR402\n"
            "LOGGER.addHandler(HANDLER)\n"
            "FILE = logging.handlers.RotatingFileHandler('/var/log/svc/trace')\n"
            "FILE.setFormatter(logging.Formatter('%(message)s'))\nTRACES.addHandler(FILE)\n\n"
            "def trace(payload):\n    TRACES.debug(json.dumps(payload))\n    LOGGER.info('traced')\n",
            path="svc/core/trace.py", options=(("logging", (("bootstrap-modules", ("svc.logging_setup",)),)),),
        ),
        # a bare-message handler on a logger fed log lines, not documents, is the logs' own sink
        Example(
            "import logging\n\ndef activity_logger(pipes):\n    handler = logging.StreamHandler()\n"
            "    handler.setFormatter(logging.Formatter('%(message)s'))  # expect: PRR402\n"
            "    raw = logging.getLogger('raw')\n    raw.addHandler(handler)\n"
            "    for pipe in pipes:\n        raw.critical(pipe.recv())\n",
            options=(("logging", (("bootstrap-modules", ("svc.logging_setup",)),)),),
        ),
        # one set-up at import, one finding from the formatter to the handler added; a second set-up
        # further down is another finding
        Example(
            "import logging\n\nlogger = logging.getLogger(__name__)\nhandler = logging.StreamHandler()\n"
            "formatter = logging.Formatter('%(asctime)s %(message)s')  # expect: PRR402\nhandler.setFormatter(formatter)\n"
            "logger.addHandler(handler)\n\n\ndef a():\n    pass\n\n\ndef b():\n    pass\n\n\ndef c():\n    pass\n\n\n"
            "audit = logging.getLogger('audit')\naudit.addHandler(logging.StreamHandler())  # expect: PRR402\n",
            options=(("logging", (("bootstrap-modules", ("svc.logging_setup",)),)),),
        ),
        # a request handler of the app module: named like start-up code, but not set-up itself
        # a module logger's handler: a private `logging.Logger` another function binds to the same name is another object
        Example(
            "import logging\n\naudit = logging.getLogger('audit')\naudit.addHandler(logging.StreamHandler())  # expect: PRR402\n\n"
            "def private_trail():\n    audit = logging.Logger('private')\n    return audit\n",
            path="svc/orders.py", options=(("logging", (("bootstrap-modules", ("svc.logging_setup",)),)),),
        ),
        Example("import logging\n\ndef export_view(request):\n    logging.getLogger('x').addHandler(logging.StreamHandler())  # expect: PRR402\n",
                path="svc/app.py"),
        # a guard that is not about handlers, and a handler built in a loop over something else
        Example(
            "import logging\n\ndef export_view(request, names):\n    log = logging.getLogger('export')\n"
            "    if not request.user:\n        log.addHandler(logging.StreamHandler())  # expect: PRR402\n"
            "    for name in names:\n        log.addHandler(logging.FileHandler(name))\n",
            options=(("logging", (("bootstrap-modules", ("svc.logging_setup",)),)),),
        ),
        # a formatter kept for later, not used on a record at hand
        Example(
            "import logging\n\ndef handler(app):\n    formatter = logging.Formatter('%(message)s')  # expect: PRR402\n"
            "    app.formatter = formatter\n    return formatter.format\n",
        ),
        # a formatter built for the handler it is set on: one finding for the statement
        Example(
            "import logging\n\ndef handler():\n    h = logging.StreamHandler()\n"
            "    h.setFormatter(logging.Formatter('%(message)s'))  # expect: PRR402\n    return h\n"
        ),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._setups: List[_SetUp] = []

    def _report_setup(self, node: cst.Call, message: str, condition: Optional[str] = None, subjects: Tuple[str, ...] = ()) -> None:
        """One finding per logging set-up, spanning it: the configuring calls of one function (nested
        functions included), or of a run of module-level statements at most `_SETUP_GAP` apart
        (`formatter = Formatter(...)`, `handler.setFormatter(formatter)`, `logger.addHandler(handler)`)."""
        ancestors = self.ctx.ancestors
        outermost = next((n for n in ancestors if isinstance(n, cst.FunctionDef)), None)
        statement = ancestors[1] if len(ancestors) > 1 and isinstance(ancestors[0], cst.Module) else node
        index = next((i for i, s in enumerate(self.ctx.module.body) if s is statement), -1)
        last = self._setups[-1] if self._setups else None
        if last is not None and last.function is outermost and last.finding.condition == condition \
                and last.finding.subjects == subjects and (outermost is not None or 0 <= index - last.index <= _SETUP_GAP):
            last.finding.end_node = node
            last.index = index
            return
        self.report(node, message, condition, subjects)
        self._setups.append(_SetUp(self.ctx.raw_findings[-1], outermost, index))

    def _own_channel(self, node: cst.Call) -> bool:
        """The call sets up a handler that sends records to people or an error tracker (an
        `SMTPHandler` for error mails, a Sentry handler), or formats for one, or gives a private
        `logging.Logger(...)` its handler: a feature's own channel beside the service's logging,
        not a competing configuration of it. A formatter
        built as another configuring call's argument is that call's finding (one per statement)."""
        resolver = self.ctx.resolver
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("addHandler", "setFormatter", "setLevel"):
            subject = func.value if func.attr.value != "addHandler" else (node.args[0].value if node.args else None)
            kind = resolver.instance_type(subject) if subject is not None else None
            if kind in ALERT_HANDLERS or (kind == "logging.NullHandler" and func.attr.value == "addHandler"):
                return True  # (a NullHandler held in a variable is still the library convention)
            if func.attr.value == "addHandler" and made_outside_hierarchy(func.value, next(self.ctx.functions(), self.ctx.module), resolver):
                return True  # a private sink's own handler: no logging configuration reaches that logger
        chain = self.ctx.ancestors
        return (
            resolver.qualified_name(func) == "logging.Formatter" and len(chain) >= 2 and isinstance(chain[-1], cst.Arg)
            and isinstance(chain[-2], cst.Call) and logging_configuration(chain[-2], resolver) is not None
        )

    def visit_Call(self, node: cst.Call) -> None:
        label = logging_configuration(node, self.ctx.resolver)
        if label is None or not_service_code(self.ctx) or self._own_channel(node) or temporary_handler_call(self.ctx, node):
            return
        if data_channel_call(self.ctx, node) or formats_one_record(node, self.ctx.ancestors, next(self.ctx.functions(), None)):
            return
        if defers_to_configuration(node, self.ctx.ancestors):
            return
        bootstrap = tuple(self.ctx.section("logging").get("bootstrap-modules", ()))
        if bootstrap:
            if not _module_matches(self.ctx.module_name, self.ctx.path, bootstrap):
                self._report_setup(node, f"{label} configures logging outside the bootstrap modules ({', '.join(bootstrap)}): configure it once, at start-up")
            return
        if is_bootstrap_module(self.ctx.module_name, logging_only=True):
            return  # a module named for setting up logging (log, logger, setup_logging ...): all its helpers do
        function = next(self.ctx.functions(), None)
        if function is not None and not SETUP_LIKE.search(function.name.value):
            # Inside request handling or business logic, not start-up code: wrong wherever else logging is set up.
            self._report_setup(node, f"{label} configures logging inside `{function.name.value}`, not at start-up: configure it once, in a bootstrap module")
            return
        resolver = self.ctx.resolver
        if is_bootstrap_module(self.ctx.module_name) or resolver.package == self.ctx.module_name:
            return  # a package's __init__, or a module named like start-up code (app, wsgi, settings ...)
        message = f"{label} configures logging here, and other modules configure it too: configure it once, in a bootstrap module"
        enclosing = resolver.enclosing_function
        where = enclosing.qualname if enclosing is not None else self.ctx.module_name
        self._report_setup(node, message, "unless-sole-logging-config", (self.ctx.module_name, where))


LOGGING_RULES = (PrintInService, AdHocLoggingConfiguration, NonStandardLogger, LocalFileLogSink)
