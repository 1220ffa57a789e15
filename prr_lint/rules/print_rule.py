"""PRR401: output written with print or straight to stdout/stderr instead of the logging framework
(checklist item PRR-LOG)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.print_examples import INVALID as EXAMPLES_REPORTED, VALID as EXAMPLES_LEFT_ALONE
from prr_lint.rules.base import Rule
from prr_lint.rules.debug_output import switched_on
from prr_lint.rules.handler_context import not_service_code
from prr_lint.rules.how_it_runs import (
    in_ddl_executor,
    in_forked_child,
    in_logging_handler,
    in_server_launcher,
    in_subcommand,
    interactive_prompt,
    parses_command_line,
)
from prr_lint.rules.output_message import PRINT_CALLS, ends_in_exit, exits, logged_too, output_run, reraises


# Output that writes an error's traceback: an error printed instead of reported, never a banner.
ERROR_OUTPUT = ("traceback.print_exc()", "traceback.print_exception()")


def redraws_terminal_line(node: cst.Call) -> bool:
    """The text starts with a carriage return (`"\\rIndexing 3/40"`): a progress line redrawn in place
    for a person watching a terminal, meaningless in a log."""
    text: Optional[cst.BaseExpression] = node.args[0].value if node.args and node.args[0].keyword is None else None
    while text is not None:
        if isinstance(text, cst.SimpleString):
            value = text.evaluated_value
            return isinstance(value, str) and value.startswith("\r")
        if isinstance(text, cst.FormattedString):
            first = text.parts[0] if text.parts else None
            return isinstance(first, cst.FormattedStringText) and first.value.startswith("\\r")
        if isinstance(text, cst.Call) and isinstance(text.func, cst.Attribute):
            text = text.func.value  # "\r{0}/{1}".format(...)
        elif isinstance(text, (cst.BinaryOperation, cst.ConcatenatedString)):
            text = text.left
        else:
            return False
    return False


class PrintInService(Rule):
    """Output written with print or straight to stdout/stderr in service code.

    What it does
        Reports `print()`, `pprint.pprint()`, `sys.stdout.write()`, `sys.stderr.write()` and
        `traceback.print_exc()` / `print_exception()` in service code, through any import or
        alias. Code that only runs as a script or operator tool is left alone: the body of
        `if __name__ == "__main__":`, click, typer and Flask CLI commands, an argparse `main()`,
        tests (by path, or by behaviour: a module that imports `pytest`, `hypothesis` or
        Playwright's `expect`, or subclasses a `TestCase`, wherever it lives: a pytest plugin
        shipped in the package, an end-to-end suite), `setup.py`, `manage.py`, `__main__.py`, and
        operator directories (`scripts/`,
        `bin/`, `cli/`, `management/commands/`, `migrations/`, `docker/` ...). `print(...,
        file=buffer)` writes to the program's own object and is not reported. A local function
        named `print` is not the builtin and is not reported.

        Also left alone, by how the code runs rather than where it lives:
        - Alembic revision files (module-level `revision` and `down_revision` plus `def
          upgrade()`), Django migrations (a module that defines a `migrations.Migration`
          subclass, in whatever package `MIGRATION_MODULES` names), a development-server script (argparse and `app.run(debug=True)` at its top
          level), Django receivers of `pre_migrate`/`post_migrate` (they run in `migrate`) and of the
          autoreloader's `file_changed`/`autoreload_started` (only `runserver` reloads code) and a
          documentation build extension (a module that imports Sphinx, or whose top-level
          `setup(app)` registers directives or roles: Sphinx runs it while building the docs);
        - a root script: a top-level module, or a file with a `#!` line (made to be executed),
          that no project module imports, that does its work at
          module level and defines no entry point (a wait-for-database loop a container runs
          before the server; the project phase decides, see `scope`);
        - an interactive prompt: output under an `isatty()` test or in a function that reads the
          answer with `input()`/`getpass()`;
        - output inside a `logging.Handler` subclass (logging from `emit` would recurse), and inside
          a gunicorn application subclass (`gunicorn.app.base.Application`: its methods load the
          server's configuration and app at start-up, before logging is configured);
        - a progress line redrawn in place: text that starts with a carriage return (`"\\rIndexing
          3/40"`) is for a person watching a terminal;
        - a fatal start-up message at import time followed by `raise SystemExit` / `sys.exit()`, and
          anywhere the last word before the process exits: output in a block that ends with
          `sys.exit()`, `exit()`, `quit()` or `raise SystemExit` (a one-off command-line mode that
          prints its result and exits, a start-up that gives up: `print(msg)`, `server.stop()`,
          `sys.exit(8)`);
        - the command line's answer: output in a function that builds an `argparse`/`optparse`
          parser and parses the command line with it (a bad option, a usage error);
        - a traitlets subcommand: the methods of an `Application` subclass that another application
          of the module lists in its `subcommands` table (`hub token alice` is a program of its own);
        - a forked child before `exec`: the function handed over as `preexec_fn=` (by name, or the
          nested function a factory function or method of the module returns) and the module's
          functions it calls; logging there may deadlock on a lock the parent held, and stderr is
          the safe channel;
        - the executor of a SQLAlchemy mock engine (`create_mock_engine(url, dump)`, or
          `create_engine(url, strategy="mock", executor=dump)`) defined beside it: the engine runs
          nothing, and the DDL it prints is the product (a schema dump);
        - developer output under a debug switch that the framework documents as off in production:
          the body of an `if` (or conditional expression) that tests Django's `settings.DEBUG`, a
          Flask/Quart app's `debug` (`app.debug`, `current_app.debug`) or `app.config["DEBUG"]`,
          resolved through imports (`if settings.DEBUG: print(len(connection.queries))`), and
          Django's `DEBUG` imported from the settings module (`from mysite.settings import
          DEBUG`) or tested by the settings module itself (one that assigns `INSTALLED_APPS`);
          a project's own Django setting that is a debug switch by the same convention, a word of
          its name being `DEBUG` (`settings.DEBUG_DEV`, `settings.SQL_DEBUG`);
          also the code after an early exit a function takes unless such a debug switch is on
          (`if not settings.DEBUG or not connection.queries: return response`, a receiver that
          starts `if not settings.DEBUG_DEV: return`);
        - opt-in output: the body of an `if` that tests a parameter of an enclosing function whose
          default is `False` (`def scores(user, verbose=False): if verbose: print(...)`: only a
          caller that passes it on purpose gets the output), or such a parameter kept in an
          attribute (`if self.progressbar:`, where the class assigns `progressbar` only in
          `__init__`, from its parameter `progressbar=False`), and a private module function
          (`_print_rows`) that its module calls only inside such bodies; or that tests an
          environment switch (`if os.environ.get("DEV_SERVER") == "1":`, `if os.getenv("TRACE"):`,
          `"TRACE" in os.environ`), which an operator sets for a development run.
          The `else` branch of any of these switches is what runs by default and stays reported,
          and so does output under a parameter that defaults to true or has no default, or under
          a test of the request (`if request.args.get("debug"):`).
        Consecutive output statements are one message: one finding, spanning all of them. A
        message that the statement right before or after also logs (`print(msg, file=sys.stderr)`
        then `app.logger.error(msg)`; `log.error(text)` then `sys.stderr.write(text + "\\n")`;
        a log function handed the level first counts, `logger(logging.WARNING, msg)`) reaches
        logging, and its terminal copy is not reported; so does a message built from the same
        values (`log.error("failed: %s", ex)` then `print("failed: %s" % ex)`, or
        `print(f"started on {address}")`), or around the logged text (`log.info(message)` then
        `print("*** " + message + " ***")`), also when the output opens the `try`/`if`/`except`
        right after the log call; a different value printed stays reported; nor is a traceback printed in an except
        handler whose next statement logs the caught exception (`traceback.print_exc()` then
        `log.warning("failed: %s", e)`). A traceback printed after the log call
        (`logger.error(e)`, then `traceback.print_exc()`) stays reported: the log record lacks
        the traceback, which only stderr gets (`logger.exception` is the fix). Nor is
        output right before a bare `raise` (or `raise e` of the caught `e`) in an except handler
        reported: the error itself propagates to whatever reports it, the output only adds context.

        In the default `scope = "serving"` the project phase also leaves out, by how the code runs:
        - command-line programs: the roots of a console script (pyproject `[project.scripts]`,
          setup.cfg `[options.entry_points]`, or a literal `entry_points={"console_scripts":
          [...]}` of setup.py's `setup()` call, read, never run), a `__main__` block, a click (nested
          groups included), typer or Flask CLI command (`@app.cli.command()`, `@bp.cli.command()`,
          an `AppGroup`, or a project decorator whose own definition makes the function one: a
          decorator class whose `__call__` applies `click.command()` and adds the result to a
          group, read from the decorator's body, not its name), an invoke program (`@task` functions a `Collection`/
          `Program` runs), a management command, and what only these reach in the project call
          graph, not any serving entry point: the helpers beside the commands in their own module
          too, even when serving code imports that module, and a library function anywhere that
          only command-line programs reach (not background tasks), unless a module other than a
          command's imports it by name (a template filter registered by name is used, not called);
          and every function of a program's module (a `__main__` block, a console script's target)
          that no project module imports and that serves nothing, reached or not;
        - background work: a Celery/RQ/Dramatiq task (also of an app a project factory makes:
          `celery_app = make_celery(app)`), a scheduled job, and what only they reach. Output
          there is still not central logging, but it is no request logging either, and PRR401
          follows the same scope as the other service-code rules: `scope = "all"` reports it;
        - a support module of operator code: one that migrations, commands or scripts import or
          call into and no module of the service does (a data migration's helpers, the
          subcommands a `manage.py` imports), and likewise a function, or a class's methods, of a
          service module that only operator code imports and calls (a progress bar for scripts);
          tests alone do not make a module operator code;
        - test support: a module only test code imports, directly or through other such modules,
          in a top-level package that holds tests and no serving code (the page objects of a
          Playwright suite); in the service's own packages a module only tests import may be
          loaded by a settings string, and stays;
        - an Alembic `env.py` (it calls `alembic.context.configure`/`run_migrations`), wherever it
          lives, unless serving code reaches an `alembic.command.*` call (an API that stamps a new
          tenant schema runs the script in-process);
        - start-up output: code that app factories, handler registrations and the top level of
          modules the service imports reach, however deep, and no entry point reaches (an app
          factory's banner, a plugin loader's " * Loaded" line, a warning a Pyramid
          `includeme(config)` prints while `config.include()` configures the app), and a
          module's own top level in any project (it runs once, at import). A traceback printed there
          (`traceback.print_exc()`) is an error nobody is alerted to, and stays reported.

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
    VALID = EXAMPLES_LEFT_ALONE
    INVALID = EXAMPLES_REPORTED

    def _to_other_file(self, node: cst.Call) -> bool:
        """`print(..., file=buffer)` writes to an object of the program's own, not to stdout/stderr."""
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "file":
                return self.ctx.resolver.qualified_name(arg.value) not in ("sys.stdout", "sys.stderr")
        return False

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(node.func)
        label = PRINT_CALLS.get(name or "")
        if label is None or not_service_code(self.ctx):
            return
        if (name == "builtins.print" and self._to_other_file(node)) or redraws_terminal_line(node):
            return
        if interactive_prompt(self.ctx) or in_logging_handler(self.ctx) or in_server_launcher(self.ctx) or switched_on(self.ctx, node):
            return
        if in_ddl_executor(self.ctx):
            return  # the statements a mock engine writes out are the product
        if parses_command_line(self.ctx) or in_subcommand(self.ctx) or in_forked_child(self.ctx) or ends_in_exit(self.ctx):
            return  # the command line's answer, a forked child before exec, or the last word before exiting
        run = output_run(self.ctx, node)
        if run is None:
            return  # part of the message an earlier statement started: one finding for the run
        first, last, preceding, following = run
        if exits(self.ctx, following) and next(self.ctx.functions(), None) is None:
            return  # a fatal start-up message at import time, before logging exists, then the process exits
        if first is last and logged_too(self.ctx, first, (preceding, following)):
            return  # the same message goes to a logger right before or next: the terminal copy is extra
        if reraises(self.ctx, following):
            return  # context for an error that propagates (a bare `raise` next): whoever catches it reports it
        message = f"{label} writes outside the logging framework: use a logger so the output reaches central logging with a level and request context"
        self.report(first, message, end_node=last if last is not first else None)
