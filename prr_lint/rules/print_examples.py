"""PRR401's documented examples of what the rule leaves alone (VALID; print_rule.py), kept apart so
the rule's module stays short; what it reports is in print_reported.py. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

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
    # a click command a plug-in hook adds to the group it is handed
    Example(
        "import click\n\ndef publish_subcommand(publish):\n    @publish.command()\n    @click.option('--show-files', is_flag=True)\n"
        "    def cloudrun(show_files):\n        if show_files:\n            print('=== Dockerfile ===')\n"
    ),
    # a traceback written into a buffer or a crash-report file of the program's own
    Example(
        "import io\nimport traceback\n\ndef format_exception(ei):\n    sio = io.StringIO()\n"
        "    traceback.print_exception(ei[0], ei[1], ei[2], None, file=sio)\n    return sio.getvalue()\n"
    ),
    # a profile report: the function (or the one it is nested in) drives a profiler
    Example(
        "def run_profiled(func, *args):\n    import cProfile\n    profiler = cProfile.Profile()\n\n"
        "    def on_shutdown():\n        import pstats\n        pstats.Stats(profiler).sort_stats('cumulative').print_stats()\n"
        "        print('profile printed')\n\n    return profiler.runcall(func, *args)\n"
    ),
    Example(
        "import tracemalloc\n\ndef check_memleak(args, begin):\n    if args.memory_leak:\n"
        "        end = tracemalloc.take_snapshot()\n        print('leaked', sum(s.size_diff for s in end.compare_to(begin, 'filename')))\n"
    ),
    # a fixed console note beside a warning (or error, exception, critical) log call: the event is logged
    Example(
        "import logging\nimport os\n\nlogger = logging.getLogger(__name__)\n\ndef renice(value):\n    try:\n"
        "        os.nice(value)\n    except OSError:\n        print('WARNING: Unable to modify scheduling priority.'\n"
        "              ' Check logs for more info.')\n        logger.exception('Unable to modify nice priority')\n"
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
    # a setuptools command runs while the package is built (`setup.py clean`, a `cmdclass` entry)
    Example(
        "import os\nfrom distutils.command.clean import clean\n\nclass CleanCommand(clean):\n"
        "    def run(self):\n        for path in ('build', 'dist'):\n            print('removing', path)\n            os.rmdir(path)\n"
    ),
    Example(
        "def cmdclass():\n    from setuptools import Command\n\n    class version(Command):\n        user_options = []\n\n"
        "        def run(self):\n            print(get_version())\n\n    return {'version': version}\n"
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
    # a nox session: build tooling a developer or CI runs (`nox -s clean`), like an invoke task
    Example("import nox\n\n@nox.session()\ndef clean(session: nox.Session) -> None:\n    session.run('docker', 'system', 'prune')\n"
            "    print('Clean Complete!')\n", path="noxfiles/utils_nox.py"),
    # a Celery task of a flask-celeryext app (`FlaskCeleryExt(app).celery`): the worker logs its output
    Example(
        "from flask_celeryext import FlaskCeleryExt\n\ndef make_celery(app=None):\n    ext = FlaskCeleryExt(app)\n    return ext.celery\n\n"
        "celery = make_celery()\n\n@celery.task(name='import.event')\ndef import_event(data):\n    print('importing', data)\n"
    ),
    # a class built only when a developer sets an environment flag; production takes another branch
    Example(
        "import os\nfrom svc import settings\n\nclass FileLogger:\n    def log(self, obj):\n        try:\n            save(obj)\n"
        "        except IOError as e:\n            print(f'Error logging to JSON file: {e}')\n\nclass NullLogger:\n    def log(self, obj):\n        pass\n\n"
        "if settings.CLOUD:\n    logger = settings.s3_logger()\nelif os.getenv('LOG_USER_ACTIVITY'):\n    logger = FileLogger()\nelse:\n    logger = NullLogger()\n"
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
    # a keyword argument taken from **kwargs with a False default: only a caller asking gets the output
    Example(
        "import subprocess\n\ndef git(*args, **kwargs):\n    verbose = kwargs.pop('verbose', False)\n"
        "    if verbose:\n        print('running git', args)\n    return subprocess.check_output(['git', *args], **kwargs)\n"
    ),
    # a module flag only the module's own __main__ block turns on: off when the service imports it
    Example(
        "_verbose = False\n\ndef version():\n    tag = read_tag()\n    if _verbose:\n        print(f'Tag: {tag}')\n    return tag\n\n"
        "if __name__ == '__main__':\n    _verbose = True\n    print(version())\n"
    ),
    # the caught exception printed beside a log record of it with its traceback: a console copy
    Example(
        "import logging\n\nlogger = logging.getLogger(__name__)\n\ndef scan(job):\n    try:\n        job.run()\n"
        "    except Exception as err:\n        logger.exception('An error occurred')\n        print('[ERR] {}'.format(err))\n        job.failed = True\n"
    ),
    # the caught exception raised again: whoever catches it reports it
    Example(
        "def load(text):\n    try:\n        return parse(text)\n    except ValueError as e:\n"
        "        print(f'parser failed: {e}')\n        raise e\n"
    ),
    # the function that parses the command line answers the person who typed it
    Example(
        "import argparse, os\n\nclass Options:\n    def parse(self):\n        parser = argparse.ArgumentParser()\n"
        "        parser.add_argument('-c')\n        args = parser.parse_args()\n        if args.c and not os.path.isfile(args.c):\n"
        "            print('certificate file not found', args.c)\n        self.cert = args.c\n"
    ),
    # an argparse sub-command (`freqtrade list-markets`): argparse runs the function `set_defaults` names, once
    Example(
        "import argparse\n\ndef start_list(args):\n    print('BTC/USDT', 'ETH/USDT')\n\ndef main():\n"
        "    parser = argparse.ArgumentParser()\n    sub = parser.add_subparsers()\n"
        "    sub.add_parser('list-markets').set_defaults(func=start_list)\n    args = parser.parse_args()\n    args.func(args)\n"
    ),
    # a function a `__main__` block hands to a command-line wrapper: the program runs it
    Example(
        "import fire\n\ndef process(batch):\n    print('archived', batch)\n\ndef main(batch='all'):\n    process(batch)\n\n"
        "if __name__ == '__main__':\n    fire.Fire(main)\n"
    ),
    # an output mode an off-by-default option picks (`glances --api-doc`): its class prints the product, once
    Example(
        "import argparse\n\nclass ApiDoc:\n    def update(self, stats):\n        print('cpu', stats.cpu)\n\n"
        "class Standalone:\n    def __init__(self, args):\n        if args.api_doc:\n            self.screen = ApiDoc()\n\n"
        "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--api-doc', action='store_true')\n"
        "    Standalone(parser.parse_args())\n"
    ),
    # a behave acceptance-test step: a module that imports behave is test code
    Example("from behave import step\n\n@step('I start {name}')\ndef start(context, name):\n    print('starting', name)\n",
            path="features/steps/basic.py"),
    # the last word before the process exits: a one-off command-line mode, a start-up that gives up
    Example(
        "import sys\n\ndef change_password(credentials):\n    if not save(credentials):\n"
        "        print('Failed changing password')\n        sys.exit(3)\n    print('Password changed')\n    sys.exit(0)\n"
    ),
    Example(
        "import sys\n\ndef check_requirements(server, missing):\n    for name in missing:\n"
        "        print('cannot import', name)\n        server.stop()\n        sys.exit(8)\n"
    ),
    # a console copy of what the log call right before says: the same values, or the logged text inside
    Example(
        "import logging\n\nlog = logging.getLogger(__name__)\n\ndef start(server):\n    try:\n        server.start()\n"
        "    except OSError as ex:\n        log.error('Error starting server: %s', ex)\n        print('Error starting server: %s' % ex)\n"
    ),
    Example(
        "import logging\n\nlog = logging.getLogger(__name__)\n\ndef serve(address, interactive):\n"
        "    log.info('Starting server on %s', address)\n    try:\n        if interactive:\n"
        "            print(f'server started on {address}')\n    except Exception:\n        print(f'server on {address}')\n"
    ),
    Example(
        "import logging\n\nlog = logging.getLogger(__name__)\n\ndef require(name):\n    message = 'please install ' + name\n"
        "    log.info(message)\n    print('*** ' + message + ' ***')\n"
    ),
    # a traitlets subcommand (`hub token alice`): its output is the command's answer
    Example(
        "import sys\nfrom traitlets.config import Application\n\nclass NewToken(Application):\n    def start(self):\n"
        "        print(make_token(self.extra_args[0]))\n\nclass Hub(Application):\n"
        "    subcommands = {'token': (NewToken, 'Generate an API token')}\n"
    ),
    # a file a tool generated (its header says so): regenerated, never edited by the service's authors
    Example(
        "# This file helps to compute a version number in source trees.\n"
        "# This file is released into the public domain. Generated by\n# versioneer-0.20\n\n"
        "def versions_from_parentdir(root):\n    print('Tried directories', root)\n    return None\n",
        path="svc/_version.py",
    ),
    # Ctrl-C at the terminal: the person who pressed it is told the program stops
    Example(
        "def launch(loop):\n    try:\n        loop.start()\n    except KeyboardInterrupt:\n"
        "        print('Interrupted')\n    finally:\n        loop.stop()\n"
    ),
    # a private method the class calls only when a caller opts in (`wait=True`)
    Example(
        "import time\n\nclass Snapshots:\n    def take(self, wait=False):\n        name = self.client.post('snapshot')\n"
        "        if wait and name:\n            self._wait_for(name)\n        return name\n\n"
        "    def _wait_for(self, name):\n        while self.client.get(name) != 'SUCCESS':\n"
        "            print('snapshot', name, 'still running')\n            time.sleep(5)\n"
    ),
    # a preexec_fn runs in the forked child before exec: logging may deadlock there, stderr is safe
    Example(
        "import os, subprocess, sys\n\ndef _chdir(path):\n    try:\n        os.chdir(path)\n    except OSError as e:\n"
        "        print(f'cannot enter {path}: {e}', file=sys.stderr)\n\n"
        "def as_user(uid, home):\n    def preexec():\n        os.setuid(uid)\n        _chdir(home)\n    return preexec\n\n"
        "class Spawner:\n    def make_preexec_fn(self, uid, home):\n        return as_user(uid, home)\n\n"
        "    def start(self, cmd, uid, home):\n        return subprocess.Popen(cmd, preexec_fn=self.make_preexec_fn(uid, home))\n"
    ),
    # a verbosity level that defaults to 0: output only for a caller that raises it
    Example(
        "class IndexedTar:\n    def __init__(self, path, printDebug: int = 0):\n        self.path = path\n"
        "        self.printDebug = printDebug\n\n    def load(self):\n        if self.printDebug >= 2:\n"
        "            print('loading the index of', self.path)\n        return open_index(self.path)\n\n"
        "def store_versions(connection, printDebug: int = 0):\n    if printDebug >= 1:\n        print('storing versions')\n"
        "    connection.commit()\n"
    ),
    # each failure printed, then one error that names them all: the raise carries the event
    Example("def check(deps, get):\n    missing = []\n    for dep in deps:\n        try:\n            get(dep)\n        except Exception as e:\n"
            "            print(f'Exception encountered: {e}')\n            missing.append(dep)\n    if missing:\n"
            "        raise RuntimeError('missing: ' + ' '.join(missing))\n"),
    # a chat bot's text backend: a read-eval-print loop on the terminal, whose replies are the conversation
    Example("class TextBackend:\n    def serve_forever(self):\n        while True:\n            entry = input('>>> ')\n"
            "            self.callback_message(entry)\n\n    def send_message(self, msg):\n        print(msg.body)\n"),
    # a registration decorator runs once per decorated definition, as modules are imported
    Example("import sys\nEXPORTS = {}\n\ndef register_export(name=None):\n    def wrapped(func):\n        if name in EXPORTS:\n"
            "            print(f'{name} already exists', file=sys.stderr)\n        EXPORTS[name] = func\n        return func\n    return wrapped\n"),
    # an opt-in attribute read by a class nested in a method, through a name bound to the instance
    Example("import sys\nfrom io import BytesIO\n\nclass MockTarget:\n    def __init__(self, fn, mirror_on_stderr=False):\n"
            "        self._mirror_on_stderr = mirror_on_stderr\n\n    def open(self):\n        mock_target = self\n\n"
            "        class Buffer(BytesIO):\n            def write(self, data):\n                if mock_target._mirror_on_stderr:\n"
            "                    sys.stderr.write(data)\n                super().write(data)\n\n        return Buffer()\n"),
    # logging is what failed to start: stderr is the only channel left
    Example("import traceback\nimport django\n\ndef setup_django():\n    try:\n        django.setup()\n    except Exception:\n"
            "        print('Error while trying to load the database')\n        traceback.print_exc()\n        return\n"),
    # a dump of every thread's stack, the report an operator asks for with a signal
    Example("import sys\nimport threading\nimport traceback\n\ndef print_stacks():\n    for thread in threading.enumerate():\n"
            "        frame = sys._current_frames()[thread.ident]\n        print(''.join(traceback.format_stack(frame)))\n"),
    # a Hadoop Streaming task reports its counters by lines on stderr
    Example("import sys\n\ndef incr_counter(group, name, count):\n    print('reporter:counter:%s,%s,%s' % (group, name, count), file=sys.stderr)\n"),
    # a developer's or a test run's copy of a message production delivers by mail
    Example("import sys\nfrom django.conf import settings\nfrom django.core.mail import mail_admins\n\n"
            "def report_exception(subject, message):\n    if settings.DEBUG or settings.TESTING:\n"
            "        sys.stdout.write('Subject: %s\\n' % subject)\n        sys.stdout.write('Message: %s\\n' % message)\n"
            "    else:\n        mail_admins(subject=subject, message=message)\n"),
    # a loguru sink: the logging framework writes its records out through it
    Example("from loguru import logger\n\ndef stdout_sink(message):\n    print(message, end='')\n\n"
            "def configure():\n    logger.add(stdout_sink, format='{message}')\n"),
    # the stream a logging handler writes to: its write method is the handler's output
    Example("import logging\nimport sys\n\nclass Console:\n    def write(self, text):\n        sys.stdout.write(text)\n\n"
            "    def flush(self):\n        sys.stdout.flush()\n\nlogging.getLogger().addHandler(logging.StreamHandler(Console()))\n"),
    # a formatter: a record logged from format would be formatted again
    Example("import logging\n\nclass Redacting(logging.Formatter):\n    def format(self, record):\n        try:\n"
            "            return redact(super().format(record))\n        except TypeError:\n            print(record.msg)\n            return ''\n"),
    # a usage client's dry-run mode, off unless an environment variable turns it on: the default run sends
    Example("import json\nimport os\nimport requests\n\nclass Usage:\n    def __init__(self, url, dry_run=None):\n        self.url = url\n"
            "        self.dry_run = os.environ.get('USAGE_DRY_RUN') == '1' if dry_run is None else dry_run\n\n"
            "    def send(self, payload):\n        if self.dry_run:\n            print(json.dumps(payload))\n            return\n"
            "        requests.post(self.url, json=payload, timeout=5)\n"),
    # a terminal test kept in a constant: the output is for a person at a terminal
    Example("import sys\n\nINTERACTIVE = sys.stdin.isatty()\n\ndef sync(rows):\n    if INTERACTIVE:\n        print(f'{len(rows)} rows')\n"),
    # nothing is drawn unless a terminal is attached
    Example("import sys\n\ndef draw_progress(done, total):\n    if not sys.stdout.isatty():\n        return\n    print(f'{done}/{total}')\n"),
    # the caught error printed, and logged right after with the error handed over in `extra`
    Example("import logging\n\nlogger = logging.getLogger(__name__)\n\ndef load(files, parse):\n    for name in files:\n        try:\n"
            "            parse(name)\n        except ValueError as e:\n            print(e)\n"
            "            logger.error(f'cannot parse {name}', extra={'exception': e})\n"),
)
