"""PRR4xx: ad hoc logging instead of the standard logging framework (checklist item PRR-LOG)."""

from __future__ import annotations

import fnmatch
import re
from typing import Optional, Sequence

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.handler_context import not_service_code
from prr_lint.rules.how_it_runs import in_logging_handler, interactive_prompt
from prr_lint.sinks import logging_configuration

PRINT_CALLS = {
    "builtins.print": "print()",
    "pprint.pprint": "pprint.pprint()",
    "pprint.pp": "pprint.pp()",
    "sys.stdout.write": "sys.stdout.write()",
    "sys.stderr.write": "sys.stderr.write()",
    "traceback.print_exc": "traceback.print_exc()",
    "traceback.print_exception": "traceback.print_exception()",
}


class PrintInService(Rule):
    """Output written with print or straight to stdout/stderr in service code.

    What it does
        Reports `print()`, `pprint.pprint()`, `sys.stdout.write()`, `sys.stderr.write()` and
        `traceback.print_exc()` / `print_exception()` in service code, through any import or
        alias. Code that only runs as a script or operator tool is left alone: the body of
        `if __name__ == "__main__":`, click, typer and Flask CLI commands, an argparse `main()`,
        tests, `setup.py`, `manage.py`, `__main__.py`, and operator directories (`scripts/`,
        `bin/`, `cli/`, `management/commands/`, `migrations/`, `docker/` ...). `print(...,
        file=buffer)` writes to the program's own object and is not reported. A local function
        named `print` is not the builtin and is not reported.

        Also left alone, by how the code runs rather than where it lives:
        - Alembic revision files (module-level `revision` and `down_revision` plus `def
          upgrade()`), a development-server script (argparse and `app.run(debug=True)` at its top
          level) and Django receivers of `pre_migrate`/`post_migrate` (they run in `migrate`);
        - a root script: a top-level module that no project module imports, that does its work at
          module level and defines no entry point (a wait-for-database loop a container runs
          before the server; the project phase decides, see `scope`);
        - an interactive prompt: output under an `isatty()` test or in a function that reads the
          answer with `input()`/`getpass()`;
        - output inside a `logging.Handler` subclass (logging from `emit` would recurse);
        - a fatal start-up message at import time followed by `raise SystemExit` / `sys.exit()`.
        Consecutive output statements are one message: one finding, spanning all of them.

    Why is this bad?
        Printed lines bypass the logging framework: they carry no level, timestamp, logger name
        or request id, cannot be filtered or routed to central logging, and interleave across
        workers. A traceback printed to stderr is an error nobody is alerted to.

    Example
        def create_order(request):
            print("creating order", request.json)

    Use instead
        logger = logging.getLogger(__name__)

        def create_order(request):
            logger.info("creating order", extra={"order": request.json})

    Options
        None yet.

    References
        PRR-LOG: does the service use the standard frameworks for request logging rather than
        functionally similar mechanisms of its own? (Site Reliability Engineering, ch. 32,
        "Frameworks")
    """

    code = "PRR401"
    name = "print-in-service"
    severity = Severity.WARNING
    checklist = ("PRR-LOG",)
    summary = "print() or a direct stdout/stderr write in service code bypasses the logging framework"
    triggers = ("print", "write", "pprint", "pp")
    service_only = True
    VALID = (
        Example("def main():\n    print('usage')\n\nif __name__ == '__main__':\n    print('starting')\n    main()\n"),
        Example("import click\n\n@click.command()\ndef seed():\n    print('seeded')\n"),
        Example("import click\n\n@click.group()\ndef cli():\n    pass\n\n@cli.command()\ndef seed():\n    print('seeded')\n"),
        Example("def print(*args):\n    pass\n\ndef view():\n    print('shadowed')\n"),
        Example("def view(report):\n    report.print()\n"),
        Example("def view():\n    print('in a test')\n", path="tests/test_view.py"),
        Example("def upgrade():\n    print('migrating')\n", path="app/migrations/versions/0001_init.py"),
        Example("def render(out, rows):\n    print(*rows, file=out)\n"),
        # an Alembic revision, wherever the project keeps it
        Example("revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    print('adding column')\n", path="svc/db/versions/a1_add.py"),
        # a development server script
        Example("import argparse\nfrom svc import create_app\nargs = argparse.ArgumentParser().parse_args()\nprint(' * dev server')\ncreate_app().run(debug=True)\n", path="serve.py"),
        # runs in manage.py migrate
        Example("from django.db.models.signals import post_migrate\nfrom django.dispatch import receiver\n\n@receiver(post_migrate)\ndef seed(sender, **kwargs):\n    print('seeded')\n"),
        Example("from django.apps import AppConfig\nfrom django.db.models.signals import post_migrate\n\ndef seed(sender, **kwargs):\n    print('seeded')\n\nclass Config(AppConfig):\n    def ready(self):\n        post_migrate.connect(seed, sender=self)\n"),
        # an interactive prompt
        Example("import sys\n\ndef confirm():\n    if sys.stdin.isatty():\n        print('migrate the database?')\n        return input('y/n') == 'y'\n    return True\n"),
        # a logging handler cannot log its own failure
        Example("import logging, sys\n\nclass DbHandler(logging.Handler):\n    def emit(self, record):\n        try:\n            save(record)\n        except Exception:\n            sys.stderr.write('log record lost')\n"),
        # a fatal configuration message at import, then the process exits
        Example("import os\nif not os.environ.get('SECRET'):\n    print('SECRET is not set')\n    raise SystemExit(1)\n", path="svc/settings.py"),
    )
    INVALID = (
        Example("def view(request):\n    print('got', request)  # expect: PRR401\n"),
        Example("import sys\n\ndef view():\n    sys.stderr.write('oops\\n')  # expect: PRR401\n"),
        Example("from sys import stdout as out\n\ndef view():\n    out.write('hi')  # expect: PRR401\n"),
        Example("import traceback\n\ndef view():\n    try:\n        g()\n    except ValueError:\n        traceback.print_exc()  # expect: PRR401\n"),
        Example("from pprint import pprint as show\n\ndef view(d):\n    show(d)  # expect: PRR401\n"),
        # one message in three statements: one finding spanning them
        Example("def old_helper(q):\n    print('old_helper is deprecated')  # expect: PRR401\n    print('use new_helper')\n    print('it goes away in 2.0')\n    return q\n"),
        # an output statement under a check that is not a terminal test is still the service's
        Example("def view(request):\n    if request.args.get('debug'):\n        print(request.args)  # expect: PRR401\n    return 'ok'\n"),
    )

    def _to_other_file(self, node: cst.Call) -> bool:
        """`print(..., file=buffer)` writes to an object of the program's own, not to stdout/stderr."""
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "file":
                return self.ctx.resolver.qualified_name(arg.value) not in ("sys.stdout", "sys.stderr")
        return False

    def _output_call(self, statement: cst.CSTNode) -> Optional[cst.Call]:
        """The output call a statement consists of (`print(...)` alone on its line), if any."""
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
            expr = statement.body[0]
            if isinstance(expr, cst.Expr) and isinstance(expr.value, cst.Call):
                if self.ctx.resolver.qualified_name(expr.value.func) in PRINT_CALLS:
                    return expr.value
        return None

    def _run(self, node: cst.Call):
        """(first, last, following statement) of the run of consecutive output statements `node`
        starts, or None when `node` continues a run that an earlier statement started."""
        ancestors = self.ctx.ancestors
        if len(ancestors) < 3 or not isinstance(ancestors[-1], cst.Expr) or ancestors[-1].value is not node:
            return node, node, None
        statement, block = ancestors[-2], ancestors[-3]
        body = list(getattr(block, "body", ()))
        if not isinstance(statement, cst.SimpleStatementLine) or not any(s is statement for s in body):
            return node, node, None
        index = next(i for i, s in enumerate(body) if s is statement)
        if index > 0 and self._output_call(body[index - 1]) is not None:
            return None
        last = node
        while index + 1 < len(body) and self._output_call(body[index + 1]) is not None:
            index += 1
            last = self._output_call(body[index])
        following = body[index + 1] if index + 1 < len(body) else None
        return node, last, following

    def _exits(self, statement: Optional[cst.CSTNode]) -> bool:
        """`raise SystemExit(...)` or `sys.exit(...)`: the message is the process's last word."""
        if not isinstance(statement, cst.SimpleStatementLine) or not statement.body:
            return False
        small = statement.body[0]
        if isinstance(small, cst.Raise) and small.exc is not None:
            exc = small.exc.func if isinstance(small.exc, cst.Call) else small.exc
            return self.ctx.resolver.qualified_name(exc) == "builtins.SystemExit"
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
            return self.ctx.resolver.qualified_name(small.value.func) in ("sys.exit", "builtins.exit", "builtins.quit", "os._exit")
        return False

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(node.func)
        label = PRINT_CALLS.get(name or "")
        if label is None or not_service_code(self.ctx):
            return
        if name == "builtins.print" and self._to_other_file(node):
            return
        if interactive_prompt(self.ctx) or in_logging_handler(self.ctx):
            return
        run = self._run(node)
        if run is None:
            return  # part of the message an earlier statement started: one finding for the run
        first, last, following = run
        if self._exits(following) and next(self.ctx.functions(), None) is None:
            return  # a fatal start-up message at import time, before logging exists, then the process exits
        message = f"{label} writes outside the logging framework: use a logger so the output reaches central logging with a level and request context"
        self.report(first, message, end_node=last if last is not first else None)


# ----- PRR402-PRR404: logging configured ad hoc, loggers obtained ad hoc, logs written to local files -----


LOGGER_FACTORIES = frozenset(
    {
        "logging.getLogger",
        "structlog.get_logger",
        "structlog.getLogger",
        "structlog.stdlib.get_logger",
        "celery.utils.log.get_task_logger",
    }
)
FILE_HANDLERS = frozenset(
    {
        "logging.FileHandler",
        "logging.handlers.RotatingFileHandler",
        "logging.handlers.TimedRotatingFileHandler",
        "logging.handlers.WatchedFileHandler",
    }
)


# Functions that run at start-up, where configuring logging belongs.
SETUP_LIKE = re.compile(
    r"(^|_)(setup|set_up|configure\w*|config\w*|init\w*|main|create_app|make_app|app|factory|bootstrap|start\w*|run|"
    r"log|logs|logging|logger|loggers|worker|cli)(_|$)",
    re.I,
)


# Modules named like start-up code, where configuring logging belongs.
BOOTSTRAP_MODULE = re.compile(
    r"(^|\.)(app|application|main|__main__|wsgi|asgi|server|settings|config|conf|logs?|logger|log_?config|"
    r"\w*logging\w*|worker|workers|celery\w*|bootstrap|startup|setup\w*|manage|run\w*|factory|create_app)$"
)


def _module_matches(module: str, path: str, patterns: Sequence[str]) -> bool:
    for pattern in patterns:
        if module == pattern or module.startswith(pattern + ".") or fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(module, pattern):
            return True
    return False


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

    References
        PRR-LOG: does the service use the standard frameworks for request logging rather than
        functionally similar mechanisms of its own? (Site Reliability Engineering, ch. 32)
    """

    code = "PRR402"
    name = "ad-hoc-logging-configuration"
    severity = Severity.WARNING
    checklist = ("PRR-LOG",)
    summary = "Logging is configured outside the designated bootstrap module"
    triggers = ("basicConfig", "Config", "addHandler", "setFormatter", "Formatter", "structlog", "loguru")
    service_only = True
    VALID = (
        Example("import logging\n\nif __name__ == '__main__':\n    logging.basicConfig()\n"),
        Example("import logging\nlogging.getLogger(__name__).addHandler(logging.NullHandler())\n"),
        Example("import logging.config\n\ndef setup(config):\n    logging.config.dictConfig(config)\n", path="svc/logging_setup.py"),
        Example("LOGGING = {'version': 1, 'handlers': {'console': {'class': 'logging.StreamHandler'}}}\n", path="svc/settings.py"),
    )
    INVALID = (
        Example(
            "import logging\nlog = logging.getLogger(__name__)\n\ndef handler():\n"
            "    log.addHandler(logging.StreamHandler())  # expect: PRR402\n"
            "    logging.basicConfig(level=logging.DEBUG)  # expect: PRR402\n"
            "    return 'ok'\n\n"
            "def charge(order):\n    import structlog\n    structlog.configure(processors=[])  # expect: PRR402\n"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        label = logging_configuration(node, self.ctx.resolver)
        if label is None or not_service_code(self.ctx):
            return
        bootstrap = tuple(self.ctx.section("logging").get("bootstrap-modules", ()))
        if bootstrap:
            if not _module_matches(self.ctx.module_name, self.ctx.path, bootstrap):
                self.report(node, f"{label} configures logging outside the bootstrap modules ({', '.join(bootstrap)}): configure it once, at start-up")
            return
        function = next(self.ctx.functions(), None)
        if function is not None and not SETUP_LIKE.search(function.name.value):
            # Inside request handling or business logic, not start-up code: wrong wherever else logging is set up.
            self.report(node, f"{label} configures logging inside `{function.name.value}`, not at start-up: configure it once, in a bootstrap module")
            return
        resolver = self.ctx.resolver
        if BOOTSTRAP_MODULE.search(self.ctx.module_name) or resolver.package == self.ctx.module_name:
            return  # a package's __init__, or a module named like start-up code (app, wsgi, settings, logging ...)
        message = f"{label} configures logging here, and other modules configure it too: configure it once, in a bootstrap module"
        self.report(node, message, "unless-sole-logging-config", (self.ctx.module_name,))


class NonStandardLogger(Rule):
    """A logger obtained some other way than the standard (or approved) factory.

    What it does
        Reports `logging.Logger(...)` constructed directly (it is not registered in the logger
        hierarchy, so no configuration reaches it), `logging.getLogger(__file__)` (a path, not a
        dotted module name), and, when `approved-logger-factories` is set, loggers from any
        other factory. Calls on the root logger (`logging.info(...)`) are left to ruff's LOG015:
        on the services reviewed they still reached central logging, so they are style, not
        readiness.

    Why is this bad?
        Central logging routes, filters and enriches records by logger name. Loggers outside
        the hierarchy, named by file path or all writing to the root logger cannot be told
        apart or configured, and an organisation's approved factory (which adds request ids and
        the JSON format) is bypassed.

    Example
        log = logging.Logger("orders")
        logging.info("order created")

    Use instead
        log = logging.getLogger(__name__)
        log.info("order created")

    Options
        `[tool.prr-lint.logging] approved-logger-factories`: FQNs of the factories services must
        use (e.g. `["acme.observability.get_logger"]`); when set, `logging.getLogger` and other
        factories are reported.

    References
        PRR-LOG: does the service use the standard frameworks for request logging rather than
        functionally similar mechanisms of its own? (Site Reliability Engineering, ch. 32)
    """

    code = "PRR403"
    name = "non-standard-logger"
    severity = Severity.WARNING
    checklist = ("PRR-LOG",)
    summary = "A logger is created outside the logging hierarchy, named by file path, or by an unapproved factory"
    triggers = ("logging", "structlog", "get_logger", "getLogger")
    service_only = True
    VALID = (
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    log.info('x')\n"),
        Example("import logging\n\nif __name__ == '__main__':\n    logging.info('starting')\n"),
        Example("import logging\n\nclass Quiet(logging.Logger):\n    pass\n"),
        Example("import logging\n\ndef f():\n    logging.info('root logger: ruff LOG015')\n"),
    )
    INVALID = (
        Example("import logging\nlog = logging.Logger('orders')  # expect: PRR403\n"),
        Example("import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        resolver = self.ctx.resolver
        name = resolver.qualified_name(node.func) or ""
        if not name.startswith(("logging.", "structlog.", "celery.", "loguru.")) and not self.ctx.section("logging").get("approved-logger-factories"):
            return
        problem = self._problem(node, name)
        if problem is not None and not not_service_code(self.ctx):
            self.report(node, problem)

    def _problem(self, node: cst.Call, name: str) -> Optional[str]:
        if name in ("logging.Logger", "logging.RootLogger"):
            return "`logging.Logger(...)` creates a logger outside the logging hierarchy: no configuration reaches it; use logging.getLogger(__name__)"
        approved = tuple(self.ctx.section("logging").get("approved-logger-factories", ()))
        if name in LOGGER_FACTORIES:
            first = node.args[0].value if node.args else None
            if isinstance(first, cst.Name) and first.value == "__file__":
                return "a logger named by `__file__` carries a file path, not the module name: use getLogger(__name__)"
            if approved and name not in approved:
                return f"`{name}` is not an approved logger factory ({', '.join(approved)})"
            return None
        return None


class LocalFileLogSink(Rule):
    """Logs written to a local file instead of stdout/stderr or a central sink.

    What it does
        Reports `logging.FileHandler`, `RotatingFileHandler`, `TimedRotatingFileHandler` and
        `WatchedFileHandler` (constructed, or named as a `dictConfig` handler `class` string),
        `logging.basicConfig(filename=...)`, and `open("....log", "a")` in service code.

    Why is this bad?
        A container's or instance's local files are not where central logging collects from:
        the records are lost with the instance, fill its disk, and never reach the dashboards
        and alerts built on logs. Twelve-factor services write logs to stdout/stderr and let the
        platform ship them.

    Example
        handler = RotatingFileHandler("/var/log/orders.log", maxBytes=10_000_000)

    Use instead
        handler = logging.StreamHandler(sys.stdout)

    Options
        `[tool.prr-lint.logging] allow-file-handlers = true` turns the rule off (for services
        whose platform ships log files).

    References
        PRR-LOG / PRR-ERR: "Does the service report errors to central logging systems for
        analysis?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR404"
    name = "local-file-log-sink"
    severity = Severity.WARNING
    checklist = ("PRR-LOG", "PRR-ERR")
    summary = "Logs go to a local file instead of stdout/stderr or a central sink"
    triggers = ("FileHandler", "filename", ".log")
    service_only = True
    VALID = (
        Example("import logging, sys\nhandler = logging.StreamHandler(sys.stdout)\n"),
        Example("def f(path):\n    with open(path + '.log') as fh:\n        return fh.read()\n"),
        Example("FILE_HANDLERS = {'logging.FileHandler', 'logging.handlers.RotatingFileHandler'}\n"),
        Example("from logging.handlers import RotatingFileHandler\n\nif __name__ == '__main__':\n    RotatingFileHandler('x.log')\n"),
    )
    INVALID = (
        Example("from logging.handlers import RotatingFileHandler as R\nhandler = R('/var/log/orders.log')  # expect: PRR404\n"),
        Example("import logging\nlogging.basicConfig(filename='app.log')  # expect: PRR404\n"),
        Example(
            "LOGGING = {'handlers': {'file': {\n"
            "    'class': 'logging.handlers.TimedRotatingFileHandler',  # expect: PRR404\n"
            "    'filename': 'app.log'}}}\n"
        ),
        Example("def audit(line):\n    with open('audit.log', 'a') as fh:  # expect: PRR404\n        fh.write(line)\n"),
    )

    def _enabled(self) -> bool:
        return not self.ctx.section("logging").get("allow-file-handlers") and not not_service_code(self.ctx)

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(node.func) or ""
        if name in FILE_HANDLERS:
            found = f"`{name.rsplit('.', 1)[-1]}` writes logs to a local file"
        elif name == "logging.basicConfig" and any(a.keyword is not None and a.keyword.value == "filename" for a in node.args):
            found = "`basicConfig(filename=...)` writes logs to a local file"
        elif name == "builtins.open" and self._appends_to_log(node):
            found = "appending to a `.log` file writes logs to a local file"
        else:
            return
        if self._enabled():
            self.report(node, f"{found}: it never reaches central logging; log to stdout/stderr or a central sink")

    @staticmethod
    def _appends_to_log(node: cst.Call) -> bool:
        if len(node.args) < 2 or not isinstance(node.args[0].value, cst.SimpleString):
            return False
        path, mode = node.args[0].value.evaluated_value, node.args[1].value
        return (
            isinstance(path, str)
            and path.endswith(".log")
            and isinstance(mode, cst.SimpleString)
            and "a" in str(mode.evaluated_value)
        )

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        """A `dictConfig` handler's `"class": "logging.FileHandler"`; the same string elsewhere is just a name."""
        parent = self.ctx.ancestors[-1] if self.ctx.ancestors else None
        if not (
            isinstance(parent, cst.DictElement)
            and parent.value is node
            and isinstance(parent.key, cst.SimpleString)
            and parent.key.evaluated_value == "class"
        ):
            return
        value = node.evaluated_value
        if isinstance(value, str) and value in FILE_HANDLERS and self._enabled():
            self.report(node, f"the handler class `{value}` writes logs to a local file: it never reaches central logging; log to stdout/stderr or a central sink")


LOGGING_RULES = (PrintInService, AdHocLoggingConfiguration, NonStandardLogger, LocalFileLogSink)
