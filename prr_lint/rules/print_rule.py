"""PRR401: output written with print or straight to stdout/stderr instead of the logging framework
(checklist item PRR-LOG)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.debug_output import switched_on
from prr_lint.rules.handler_context import not_service_code
from prr_lint.rules.how_it_runs import in_ddl_executor, in_logging_handler, in_server_launcher, interactive_prompt
from prr_lint.rules.output_message import PRINT_CALLS, exits, logged_too, output_run, reraises


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
        - a fatal start-up message at import time followed by `raise SystemExit` / `sys.exit()`;
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
        logging, and its terminal copy is not reported; nor is a traceback printed in an except
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
    VALID = (
        # a Django migration kept outside any `migrations/` folder: only `manage.py migrate` runs it
        Example(
            "from django.db import migrations\n\n"
            "def fix_collation(apps, schema_editor):\n    print('collation updated')\n\n"
            "class Migration(migrations.Migration):\n    dependencies = []\n"
            "    operations = [migrations.RunPython(fix_collation)]\n",
            path="dojo/db_migrations/0018_collation.py",
        ),
        Example("def main():\n    print('usage')\n\nif __name__ == '__main__':\n    print('starting')\n    main()\n"),
        Example("import click\n\n@click.command()\ndef seed():\n    print('seeded')\n"),
        Example("import click\n\n@click.group()\ndef cli():\n    pass\n\n@cli.command()\ndef seed():\n    print('seeded')\n"),
        Example("def print(*args):\n    pass\n\ndef view():\n    print('shadowed')\n"),
        Example("def view(report):\n    report.print()\n"),
        Example("def view():\n    print('in a test')\n", path="tests/test_view.py"),
        # a pytest plugin shipped inside the package: test code by what it imports
        Example("import pytest\n\n@pytest.fixture\ndef server():\n    print('starting the test server')\n", path="svc/pytest_plugin.py"),
        Example("from playwright.sync_api import Page, expect\n\ndef sign_in(page: Page):\n    print('signing in')\n    expect(page).to_have_title('Home')\n", path="e2e/flows.py"),
        Example("def upgrade():\n    print('migrating')\n", path="app/migrations/versions/0001_init.py"),
        Example("def render(out, rows):\n    print(*rows, file=out)\n"),
        # an Alembic revision, wherever the project keeps it
        Example("revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    print('adding column')\n", path="svc/db/versions/a1_add.py"),
        # a development server script
        Example("import argparse\nfrom svc import create_app\nargs = argparse.ArgumentParser().parse_args()\nprint(' * dev server')\ncreate_app().run(debug=True)\n", path="serve.py"),
        # runs in manage.py migrate
        Example("from django.db.models.signals import post_migrate\nfrom django.dispatch import receiver\n\n@receiver(post_migrate)\ndef seed(sender, **kwargs):\n    print('seeded')\n"),
        Example("from django.apps import AppConfig\nfrom django.db.models.signals import post_migrate\n\ndef seed(sender, **kwargs):\n    print('seeded')\n\nclass Config(AppConfig):\n    def ready(self):\n        post_migrate.connect(seed, sender=self)\n"),
        # Django's autoreloader signals fire only under `runserver`
        Example(
            "from django.dispatch import receiver\nfrom django.utils.autoreload import file_changed\n\n"
            "@receiver(file_changed)\ndef reloaded(sender, file_path, **kwargs):\n    print('changed', file_path)\n"
        ),
        # an interactive prompt
        Example("import sys\n\ndef confirm():\n    if sys.stdin.isatty():\n        print('migrate the database?')\n        return input('y/n') == 'y'\n    return True\n"),
        # a progress line redrawn in place on a terminal
        Example("import sys\n\ndef rebuild(ids):\n    for n, i in enumerate(ids):\n        sys.stdout.write('\\rIndexing {0}/{1}'.format(n + 1, len(ids)))\n        index(i)\n"),
        Example("def rebuild(ids):\n    for n, i in enumerate(ids):\n        print(f'\\r{n}/{len(ids)}', end='')\n"),
        # the message is logged too: the terminal copy is extra
        Example("import sys\n\ndef validate(app, key):\n    if not key:\n        print(f'ERROR: no key {key}', file=sys.stderr)\n        app.logger.error(f'ERROR: no key {key}')\n        return False\n    return True\n"),
        # logged on the line before; the terminal copy only adds a line end
        Example(
            "import logging\nimport sys\n\ndef fail(text):\n    logging.getLogger('dump').error(text)\n"
            "    sys.stderr.write(text + '\\n')\n    return 1\n"
        ),
        # the traceback printed, then the caught error logged (a log function handed the level first)
        Example(
            "import logging\nimport traceback\n\ndef loop(run, logger=logging.log):\n    try:\n        run()\n"
            "    except Exception as e:\n        traceback.print_exc()\n        logger(logging.WARNING, 'run failed: %s' % e)\n"
        ),
        # a developer-only Django setting guards the receiver: it returns unless the setting is on
        Example(
            "from django.conf import settings\n\ndef check_migrations(sender, **kwargs):\n    if not settings.DEBUG_DEV:\n"
            "        return\n    print('checking migration prefixes')\n"
        ),
        # an opt-in parameter kept in an attribute: progress only for a caller that asks for it
        Example(
            "import sys\n\nclass Chunks:\n    def __init__(self, path, progressbar=False):\n        self.path = path\n"
            "        self.__progressbar = progressbar\n\n    def __iter__(self):\n        if self.__progressbar:\n"
            "            sys.stdout.write('\\n')\n        yield self.path\n"
        ),
        # the executor of a SQLAlchemy mock engine: the DDL it prints is the schema dump
        Example(
            "from sqlalchemy import create_engine\n\ndef dump_engine(url):\n    def dump(sql, *args, **kwargs):\n"
            "        print(str(sql.compile(dialect=engine.dialect)) + ';')\n\n"
            "    engine = create_engine(url, strategy='mock', executor=dump)\n    return engine\n"
        ),
        # context printed before the error propagates
        Example("import struct, sys\n\ndef pack(fields):\n    try:\n        return struct.pack('<4s', *fields)\n    except DeprecationWarning:\n        print(fields, file=sys.stderr)\n        raise\n"),
        # a scratch program's function its `__main__` block no longer calls: only the program runs it
        Example(
            "def stats(rows):\n    print('rows', len(rows))\n\ndef score(name):\n    return len(name)\n\n"
            "if __name__ == '__main__':\n    score('bank')\n",
            path="contrib/scratch/names.py",
        ),
        # a documentation build extension: Sphinx runs it, the service never does
        Example(
            "import sys\nfrom docutils.parsers.rst import Directive\n\nclass Shout(Directive):\n    has_content = True\n\n"
            "    def run(self):\n        print('rendering', len(self.content), 'lines', file=sys.stderr)\n        return []\n\n"
            "def setup(app):\n    app.add_directive('shout', Shout)\n",
            path="svc/rst_directives.py",
        ),
        # a gunicorn application's configuration loading runs once, when the server starts
        Example(
            "import sys\nfrom gunicorn.app.base import Application\n\nclass Server(Application):\n"
            "    def load_config(self):\n        super().load_config()\n        if self.cfg.threads != 1:\n"
            "            sys.stderr.write('Warning: threads overridden to 1')\n        self.cfg.set('threads', 1)\n"
        ),
        # a logging handler cannot log its own failure
        Example("import logging, sys\n\nclass DbHandler(logging.Handler):\n    def emit(self, record):\n        try:\n            save(record)\n        except Exception:\n            sys.stderr.write('log record lost')\n"),
        # developer output under Django's or Flask's debug switch, off in production
        Example(
            "from django.conf import settings\nfrom django.db import connection\n\ndef dispatch(request):\n"
            "    if settings.DEBUG:\n        print(request.path, len(connection.queries))\n    return 'ok'\n"
        ),
        Example("from flask import current_app\n\ndef view(rows):\n    if current_app.config['DEBUG'] and rows:\n        print(rows)\n    return 'ok'\n"),
        Example(
            "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/healthz')\ndef health():\n"
            "    print('checked') if app.debug else None\n    return 'ok'\n",
            options=(("instrumentation", (("external", True),)),),
        ),
        # opt-in output: a parameter that defaults to False, and a private helper called only under one
        Example("def scores(user, debug=False):\n    if debug:\n        print('scoring', user)\n    return 1\n"),
        Example(
            "def _show(rows):\n    print(len(rows), 'rows')\n\n"
            "def nightly(rows, dry_run=False):\n    if dry_run:\n        _show(rows)\n        return\n    save(rows)\n"
        ),
        # an environment switch for a development run
        Example(
            "import os, traceback\n\ndef on_error(error):\n    log_error(error)\n"
            "    if os.environ.get('DEV_SERVER') == '1':\n        traceback.print_exc()\n    return 'failed', 500\n"
        ),
        # a fatal configuration message at import, then the process exits
        Example("import os\nif not os.environ.get('SECRET'):\n    print('SECRET is not set')\n    raise SystemExit(1)\n", path="svc/settings.py"),
        # an invoke program: its tasks and what only they reach are command-line code
        Example(
            "import sys\nfrom invoke import Collection, Program, task\n\n@task(help={'path': 'settings file'})\n"
            "def bootstrap(context, path=None):\n    setup(path)\n    print('bootstrapped')\n\n"
            "def setup(path):\n    return path\n\ndef make_program():\n    return Program(namespace=Collection(bootstrap))\n"
        ),
        # a Flask CLI command registered on a blueprint's command group
        Example(
            "import click\nfrom flask import Blueprint\n\ncommands = Blueprint('cli', __name__)\n\n"
            "@commands.cli.command('import_ctf')\n@click.argument('path')\ndef import_ctf(path):\n    print('importing', path)\n"
        ),
        # a Celery task of an app a project factory makes: background work, as scope decides
        Example(
            "from celery import Celery\n\ndef make_celery(name):\n    celery = Celery(name)\n    return celery\n\n"
            "celery_app = make_celery(__name__)\n\n@celery_app.task(soft_time_limit=600)\ndef fetch(i):\n    print('fetched', i)\n"
        ),
        # an Alembic environment that no serving code runs
        Example(
            "from alembic import context\n\ndef run_migrations_online():\n    print('migrating')\n"
            "    context.configure(connection=None)\n    context.run_migrations()\n\nrun_migrations_online()\n",
            path="svc/db/revisions/env.py",
        ),
        # start-up output of an app factory
        Example(
            "from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    print(' * loading plugins')\n\n"
            "    @app.get('/healthz')\n    def health():\n        return 'ok'\n    return app\n",
            options=(("instrumentation", (("external", True),)),),
        ),
        # a project decorator whose definition turns the function into a click command of a group
        Example(
            "import functools\nimport click\n\n@click.group()\ndef tools():\n    pass\n\n"
            "class operator_command:\n    def __init__(self, name=None):\n        self.name = name\n\n"
            "    def __call__(self, func):\n        command = click.command(name=self.name)(functools.wraps(func)(func))\n"
            "        tools.add_command(command)\n        return command\n\n"
            "@operator_command()\ndef rebuild_index():\n    print('index rebuilt')\n"
        ),
        # Django's DEBUG, imported from the project's settings module
        Example("from shop.settings import DEBUG\n\ndef parse(row):\n    if DEBUG:\n        print('parsing', row)\n    return row.split(',')\n"),
        # a settings module (it assigns INSTALLED_APPS) testing its own DEBUG
        Example(
            "import os\nimport traceback\n\nDEBUG = os.environ.get('DJANGO_DEBUG') == '1'\nINSTALLED_APPS = ['shop']\n\n"
            "try:\n    import shop_plugins\nexcept ImportError:\n    if DEBUG:\n        traceback.print_exc()\n",
            path="shop/config.py",
        ),
        # after an early return taken unless Django's DEBUG is on
        Example(
            "from django.conf import settings\nfrom django.db import connection\n\ndef query_counter(get_response):\n"
            "    def middleware(request):\n        response = get_response(request)\n"
            "        if not settings.DEBUG or not connection.queries:\n            return response\n"
            "        print(len(connection.queries), 'queries')\n        return response\n    return middleware\n"
        ),
        # Pyramid runs `includeme(config)` once, while `config.include()` configures the app
        Example(
            "import sys\nfrom pyramid.view import view_config\n\n"
            "@view_config(route_name='accounts', renderer='json')\ndef accounts(request):\n    return []\n\n"
            "def includeme(config):\n    if config.get_settings().get('storage') == 'memory':\n"
            "        print('accounts are lost at each restart with memory storage', file=sys.stderr)\n"
            "    config.add_route('accounts', '/accounts')\n    config.scan()\n"
        ),
        # the caught exception raised again: whoever catches it reports it
        Example(
            "def load(text):\n    try:\n        return parse(text)\n    except ValueError as e:\n"
            "        print(f'parser failed: {e}')\n        raise e\n"
        ),
    )
    INVALID = (
        # a project decorator that only wraps the call: the function is still served code
        Example(
            "import functools\n\ndef timed(func):\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n"
            "        return func(*args, **kwargs)\n    return wrapper\n\n"
            "@timed\ndef checkout(request):\n    print('checkout', request)  # expect: PRR401\n"
        ),
        # an early return taken when DEBUG is on: the output is what production runs
        Example(
            "from django.conf import settings\n\ndef served(request, response):\n    if settings.DEBUG:\n"
            "        return response\n    print('served', request.path)  # expect: PRR401\n    return response\n"
        ),
        # an early exit on missing configuration: what follows is production code
        Example(
            "import os\n\ndef send(message):\n    if not os.getenv('SMTP_HOST'):\n        raise RuntimeError('SMTP_HOST is not set')\n"
            "    print('sending', message)  # expect: PRR401\n"
        ),
        # a module's own DEBUG constant, not Django's setting: always on
        Example("DEBUG = True\n\ndef parse(row):\n    if DEBUG:\n        print('parsing', row)  # expect: PRR401\n    return row\n"),
        # another exception raised: the caught error itself is printed, not propagated
        Example(
            "def load(text):\n    try:\n        return parse(text)\n    except ValueError as e:\n"
            "        print(f'parser failed: {e}')  # expect: PRR401\n        raise RuntimeError('bad input')\n"
        ),
        Example("def view(request):\n    print('got', request)  # expect: PRR401\n"),
        Example("import sys\n\ndef view():\n    sys.stderr.write('oops\\n')  # expect: PRR401\n"),
        Example("from sys import stdout as out\n\ndef view():\n    out.write('hi')  # expect: PRR401\n"),
        Example("import traceback\n\ndef view():\n    try:\n        g()\n    except ValueError:\n        traceback.print_exc()  # expect: PRR401\n"),
        Example("from pprint import pprint as show\n\ndef view(d):\n    show(d)  # expect: PRR401\n"),
        # one message in three statements: one finding spanning them
        Example("def old_helper(q):\n    print('old_helper is deprecated')  # expect: PRR401\n    print('use new_helper')\n    print('it goes away in 2.0')\n    return q\n"),
        # an output statement under a check that is not a terminal test is still the service's
        Example("def view(request):\n    if request.args.get('debug'):\n        print(request.args)  # expect: PRR401\n    return 'ok'\n"),
        # the else branch of a debug switch is what production runs; a variable called `debug` is no switch
        Example(
            "from django.conf import settings\n\ndef handle(error):\n    if settings.DEBUG:\n        raise error\n"
            "    else:\n        print('Server Error')  # expect: PRR401\n"
        ),
        # a parameter on by default, or without a default, is no opt-in
        Example("def sync(rows, verbose=True):\n    if verbose:\n        print('syncing', len(rows))  # expect: PRR401\n    return rows\n"),
        Example("def sync(rows, verbose):\n    if verbose:\n        print('syncing', len(rows))  # expect: PRR401\n    return rows\n"),
        # the default branch of an environment switch is production output
        Example("import os\n\ndef fail(error):\n    if os.environ.get('DEV_SERVER') == '1':\n        return error\n    else:\n        print('failed')  # expect: PRR401\n"),
        # logged first, then the traceback printed: the log call lacks the traceback that went to stderr
        Example(
            "import logging\nimport traceback\n\nlogger = logging.getLogger(__name__)\n\ndef verify(form):\n    try:\n"
            "        return check(form)\n    except Exception as e:\n        logger.error(e)\n        import traceback\n"
            "        traceback.print_exc()  # expect: PRR401\n        return None\n"
        ),
        # an attribute the class also sets elsewhere is no opt-in kept from `__init__`
        Example(
            "class Sync:\n    def __init__(self, verbose=False):\n        self.verbose = verbose\n\n"
            "    def enable(self):\n        self.verbose = True\n\n    def run(self, rows):\n        if self.verbose:\n"
            "            print('syncing', len(rows))  # expect: PRR401\n        return rows\n"
        ),
        # a real engine's listener runs per statement in the service
        Example(
            "from sqlalchemy import create_engine\n\ndef make_engine(url):\n    def dump(sql, *args):\n"
            "        print(sql)  # expect: PRR401\n\n    engine = create_engine(url, executor=dump)\n    return engine\n"
        ),
        # a start-up error printed with its traceback is still an error nobody is alerted to
        Example(
            "import traceback\n\ntry:\n    from svc import models\nexcept Exception:\n    traceback.print_exc()  # expect: PRR401\n\n"
            "from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n\n"
            "    @app.get('/healthz')\n    def health():\n        return 'ok'\n    return app\n",
            path="svc/__init__.py", options=(("instrumentation", (("external", True),)),),
        ),
        # a helper that a route handler calls is the service, even when the app factory calls it too
        Example(
            "from flask import Flask\n\ndef announce(what):\n    print('serving', what)  # expect: PRR401\n\n"
            "def create_app():\n    app = Flask(__name__)\n    announce('app')\n\n"
            "    @app.get('/healthz')\n    def health():\n        announce('health')\n        return 'ok'\n    return app\n",
            options=(("instrumentation", (("external", True),)),),
        ),
    )

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
