"""PRR401's documented examples of what the rule reports (INVALID; print_rule.py), kept apart from
what it leaves alone (print_examples.py) so each module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

INVALID = (
    # timing a call is no profiler: the output is the service's
    Example("import time\n\ndef timed(func):\n    start = time.perf_counter()\n    func()\n    print('took', time.perf_counter() - start)  # expect: PRR401\n"),
    # a note with values beside a log call of other values, or a fixed note beside a debug record
    Example(
        "import logging\n\nlogger = logging.getLogger(__name__)\n\ndef renice(os, value):\n    try:\n"
        "        os.nice(value)\n    except OSError:\n        print(f'cannot renice to {value}')  # expect: PRR401\n"
        "        logger.error('renice failed')\n\ndef start():\n    print('starting')  # expect: PRR401\n    logger.debug('start')\n"
    ),
    # the sub-command that runs the service (a loop until the process stops) is the service, not a one-off mode
    Example(
        "import argparse\n\ndef start_trading(args):\n    while True:\n        print('tick')  # expect: PRR401\n"
        "        step(args)\n\ndef main():\n    parser = argparse.ArgumentParser()\n    sub = parser.add_subparsers()\n"
        "    sub.add_parser('trade').set_defaults(func=start_trading)\n    args = parser.parse_args()\n    args.func(args)\n"
    ),
    # a mode an option picks that is on by default (`default=True`): it runs when nobody asks for it
    Example(
        "import argparse\n\nclass Screen:\n    def update(self, stats):\n        print('cpu', stats.cpu)  # expect: PRR401\n\n"
        "class Standalone:\n    def __init__(self, args):\n        if args.screen:\n            self.screen = Screen()\n\n"
        "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--screen', action='store_true', default=True)\n"
        "    Standalone(parser.parse_args())\n"
    ),
    # a different value printed than the log call right before records: no copy
    Example(
        "import logging\n\nlog = logging.getLogger(__name__)\n\ndef sync(rows, failed):\n"
        "    log.info('synced %s rows', len(rows))\n    print(f'failed: {failed}')  # expect: PRR401\n"
    ),
    # the error printed and swallowed: the process goes on serving
    Example(
        "def metadata(book):\n    try:\n        return {'series': catalogue_client.series(book)}\n    except Exception as e:  # expect: PRR101\n"
        "        print(e)  # expect: PRR401\n    return {}\n"
    ),
    # the serving application itself is no subcommand: its methods are the service
    Example(
        "from traitlets.config import Application\n\nclass Tool(Application):\n    pass\n\nclass Hub(Application):\n"
        "    subcommands = {'tool': (Tool, 'a tool')}\n\n    def on_request(self, user):\n"
        "        print('serving', user)  # expect: PRR401\n"
    ),
    # a function the service calls after starting the child, not its preexec_fn: the service process runs it
    Example(
        "import os, subprocess\n\ndef started(proc):\n    print('started', proc.pid)  # expect: PRR401\n\n"
        "def start(cmd, uid):\n    proc = subprocess.Popen(cmd, preexec_fn=lambda: os.setuid(uid))\n    started(proc)\n    return proc\n"
    ),
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
    # the log record lacks the traceback and the printed text says more than the error
    Example(
        "import logging\n\nlogger = logging.getLogger(__name__)\n\ndef scan(job):\n    try:\n        job.run()\n"
        "    except Exception as err:\n        logger.error('scan failed')\n        print('[ERR] {} in {}'.format(err, job.name))  # expect: PRR401\n"
    ),
    # a command-like class of the project's own, no setuptools command: served code
    Example(
        "class Command:\n    def run(self, request):\n        print('running', request)  # expect: PRR401\n"
    ),
    # a module flag a function turns on: the service may run with it on
    Example(
        "_verbose = False\n\ndef configure(options):\n    global _verbose\n    _verbose = options.verbose\n\n"
        "def version():\n    if _verbose:\n        print('reading the tag')  # expect: PRR401\n    return read_tag()\n"
    ),
    # another exception raised: the caught error itself is printed, not propagated
    Example(
        "def load(text):\n    try:\n        return parse(text)\n    except ValueError as e:\n"
        "        print(f'parser failed: {e}')  # expect: PRR401\n        raise RuntimeError('bad input')\n"
    ),
    # a handler of real errors too: a failure the service meets is printed, not only a Ctrl-C
    Example(
        "def consume(queue):\n    try:\n        queue.drain()\n    except (KeyboardInterrupt, ConnectionError) as e:\n"
        "        print('consumer stopped', e)  # expect: PRR401\n"
    ),
    # a scaffold the authors go on editing: its docstring names the tool that started it
    Example(
        "\"\"\"URL configuration for shop.\n\nGenerated by 'django-admin startproject' using Django 4.2.\n\"\"\"\n\n"
        "def home(request):\n    print('home', request)  # expect: PRR401\n",
        path="shop/urls.py",
    ),
    # a private method also called without the switch is what production runs
    Example(
        "class Snapshots:\n    def take(self, wait=False):\n        name = self.client.post('snapshot')\n"
        "        if wait:\n            self._report(name)\n        self._report(name)\n\n"
        "    def _report(self, name):\n        print('snapshot', name)  # expect: PRR401\n"
    ),
    # a parameter that defaults to False but carries data is no switch
    Example(
        "class Channel:\n    def build(self, fallback=False):\n        if not self.meta and fallback:\n"
        "            self._from_video(fallback)\n\n    def _from_video(self, meta):\n"
        "        print('fallback to video metadata')  # expect: PRR401\n        self.meta = meta\n"
    ),
    # a header that mentions generated values is no generated file
    Example(
        "\"\"\"Tokens generated by the database are handed out here.\"\"\"\n\n"
        "def view(request):\n    print('token for', request)  # expect: PRR401\n"
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
    # a level with no default, or one that defaults to on, is the service's output
    Example("def store(connection, level, printDebug: int = 1):\n    if printDebug >= 1:\n        print('storing')  # expect: PRR401\n"
            "    if level >= 2:\n        print('level', level)  # expect: PRR401\n    connection.commit()\n"),
    # a traceback printed before a new error goes only to stderr; so does a failure collected but never raised
    Example("import traceback\n\ndef fetch(client):\n    try:\n        return client.get()\n    except Exception as error:\n"
            "        traceback.print_exc()  # expect: PRR401\n        raise RuntimeError('fetch failed') from error\n\n"
            "def check(deps, get):\n    missing = []\n    for dep in deps:\n        try:\n            get(dep)\n        except Exception as e:\n"
            "            print(f'missing {dep}: {e}')  # expect: PRR401\n            missing.append(dep)\n    return missing\n\n"
            "def add(name):\n    if not name.isidentifier():\n        print(f'invalid name {name}')  # expect: PRR401\n"
            "        raise ValueError(f'invalid name {name}')\n"),
    # a prompt that loops only until the answer is valid makes no terminal session: the class's other output is the service's
    Example("class GitRepository:\n    def choose(self, branches):\n        answer = None\n        while answer not in branches:\n"
            "            answer = input('branch? ')\n        return answer\n\n    def revision(self, path):\n"
            "        print('Exception encountered')  # expect: PRR401\n"),
    # the wrapper a decorator returns in place of the function runs on every call
    Example("import functools\n\ndef traced(name):\n    def decorate(func):\n        @functools.wraps(func)\n        def inner(*args):\n"
            "            print('calling', name)  # expect: PRR401\n            return func(*args)\n        return inner\n    return decorate\n"),
    # through a name bound to the instance too, an attribute whose parameter defaults to True is on by default
    Example("import sys\nfrom io import BytesIO\n\nclass Target:\n    def __init__(self, fn, mirror=True):\n"
            "        self._mirror = mirror\n\n    def open(self):\n        target = self\n\n        class Buffer(BytesIO):\n"
            "            def write(self, data):\n                if target._mirror:\n                    sys.stderr.write(data)  # expect: PRR401\n"
            "                super().write(data)\n\n        return Buffer()\n"),
    # a failure after logging is configured is an error for the logs
    Example("import traceback\nimport django\n\ndef setup_django(load):\n    django.setup()\n    try:\n        load()\n    except Exception:\n"
            "        traceback.print_exc()  # expect: PRR401\n"),
    # a note of a streaming task's own, not a counter line of Hadoop's protocol, is output outside logging
    Example("import sys\n\ndef incr_counter(group, name, count):\n    print('counting', group, name, file=sys.stderr)  # expect: PRR401\n"),
    # without an else that delivers the message, the other alternative may be on in production
    Example("import sys\nfrom django.conf import settings\n\ndef report_exception(subject):\n"
            "    if settings.DEBUG or settings.VERBOSE_ERRORS:\n        sys.stdout.write(subject)  # expect: PRR401\n"),
    # a function the module never registers as a sink writes outside logging, whatever its name
    Example("from loguru import logger\n\ndef sink(message):\n    print(message)  # expect: PRR401\n\n"
            "def configure():\n    logger.add('app.log')\n"),
    # a dry-run mode a configuration lookup sets (a config file may turn it on in production), and the sending branch
    Example("import json\n\nclass Usage:\n    def __init__(self, config):\n        self.dry_run = config.get('dry_run', False)\n\n"
            "    def send(self, payload):\n        if self.dry_run:\n            print(json.dumps(payload))  # expect: PRR401\n"
            "        else:\n            print('sent')  # expect: PRR401\n"),
    # an attribute a method turns on at run time is no switch left off
    Example("class Job:\n    def __init__(self):\n        self.verbose = False\n\n    def start(self):\n        self.verbose = True\n\n"
            "    def step(self):\n        if self.verbose:\n            print('step')  # expect: PRR401\n"),
    # a decorator of the project's own called `session` is no nox session: the function may serve
    Example("from svc.db import session\n\n@session\ndef clean(db):\n    print('cleaned')  # expect: PRR401\n"),
    # a class an environment switch builds that is on by default, or that a deployment's own value picks: production
    Example(
        "import os\n\nclass FileLogger:\n    def log(self, obj):\n        print('logged', obj)  # expect: PRR401\n\n"
        "class S3Logger:\n    def log(self, obj):\n        print('shipped', obj)  # expect: PRR401\n\n"
        "if os.getenv('LOG_TO_FILE', 'true'):\n    logger = FileLogger()\nelif os.environ.get('ENVIRONMENT') == 'production':\n"
        "    logger = S3Logger()\n"
    ),
    # a class-level default the module turns on from outside the class
    Example("class Usage:\n    dry_run = False\n\n    def send(self, payload):\n        if self.dry_run:\n"
            "            print(payload)  # expect: PRR401\n\nclient = Usage()\nclient.dry_run = True\n"),
    # a function the top level calls once, but a handler calls too: it prints per request
    Example("CALLBACKS = {}\n\ndef register(name):\n    print(f'registered {name}')  # expect: PRR401\n    CALLBACKS[name] = True\n\n"
            "register('audit')\n\ndef add_hook(request, name):\n    register(name)\n    return {'added': name}\n"),
)
