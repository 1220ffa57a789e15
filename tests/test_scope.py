"""`scope`: findings of the service-code rules (PRR1xx, PRR401, PRR501) in code that is positively not
the service (tasks, commands, console and `__main__` scripts, and what only they reach) are left out
in the default "serving" scope and kept in "all"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

VIEWS = (
    "from flask import Blueprint\nimport requests\nfrom svc import shared\nbp = Blueprint('b', __name__)\n\n"
    "@bp.get('/a')\ndef a():\n    return shared.both()\n"
)
NO_TIMEOUT = "import requests\n\n"


def _found(files: Dict[str, str], scope: str, root: Path = Path(".")):
    settings = replace(settings_with(), root=root, scope=scope)
    run = run_jobs(jobs_for(files), Plan(settings, tuple(REGISTRY.select(["PRR1", "PRR4", "PRR5"], [], []))))
    return sorted((f.path, f.span.line, f.rule) for f in run.findings), run.out_of_scope


def test_task_code_and_what_only_tasks_reach_are_out_of_the_serving_scope() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": NO_TIMEOUT + "def both():\n    return requests.get('http://a')\n",
        "svc/tasks.py": (
            "from celery import shared_task\nimport requests\nfrom svc import shared, sync\n\n"
            "@shared_task\ndef nightly():\n    requests.get('http://t')\n    shared.both()\n    sync.pull()\n"
        ),
        "svc/sync.py": NO_TIMEOUT + "def pull():\n    print('pulling')\n    return requests.get('http://s')\n",
    }
    serving, dropped = _found(files, "serving")
    # The helper views also call keeps its finding; the task's own call and the task-only helper do not.
    assert serving == [("svc/shared.py", 4, "PRR501")]
    assert dropped == 3
    everything, dropped = _found(files, "all")
    assert everything == [
        ("svc/shared.py", 4, "PRR501"), ("svc/sync.py", 4, "PRR401"), ("svc/sync.py", 5, "PRR501"),
        ("svc/tasks.py", 7, "PRR501"),
    ]
    assert dropped == 0


def test_helpers_in_modules_serving_code_imports_are_kept() -> None:
    """The call graph under-approximates: a view may call a helper of a module it imports through a
    call prr-lint cannot resolve, so only the task itself is left out."""
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS.replace("from svc import shared", "from svc import shared, sync"),
        "svc/shared.py": NO_TIMEOUT + "def both():\n    return 1\n",
        "svc/tasks.py": (
            "from celery import shared_task\nimport requests\nfrom svc import sync\n\n"
            "@shared_task\ndef nightly():\n    requests.get('http://t')\n    sync.pull()\n"
        ),
        "svc/sync.py": NO_TIMEOUT + "def pull():\n    return requests.get('http://s')\n",
    }
    assert _found(files, "serving") == ([("svc/sync.py", 4, "PRR501")], 1)


def test_app_factories_and_startup_code_stay_in_scope() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/app.py": (
            "import sys\nfrom flask import Flask\nfrom svc import clients\n\n"
            "def create_app():\n    app = Flask('svc')\n    clients.warm_up()\n    sys.stderr.write('starting')\n"
            "    @app.get('/h')\n    def h():\n        return 'ok'\n    return app\n"
        ),
        "svc/clients.py": NO_TIMEOUT + "def warm_up():\n    return requests.get('http://w')\n",
        "svc/cli.py": (
            "import click\nfrom svc.app import create_app\n\n@click.command()\ndef init_db():\n    create_app()\n"
        ),
    }
    # Start-up code is the service (the factory's client call keeps its finding); only its output is
    # no request logging, and PRR401 leaves it out.
    assert _found(files, "serving") == ([("svc/clients.py", 4, "PRR501")], 1)


def test_without_recognised_serving_code_only_the_tools_themselves_are_left_out() -> None:
    files = {
        "lib/__init__.py": "",
        "lib/client.py": NO_TIMEOUT + "def fetch():\n    return requests.get('http://x')\n",
        "lib/jobs.py": (
            "import requests\nfrom celery import shared_task\nfrom lib import client\n\n"
            "@shared_task\ndef refresh():\n    requests.get('http://r')\n    return client.fetch()\n"
        ),
    }
    assert _found(files, "serving") == ([("lib/client.py", 4, "PRR501")], 1)


def test_console_scripts_and_main_scripts_are_tools_unless_they_serve(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "svc"\n[project.scripts]\nsvc-admin = "svc.admin:main"\n'
        'svc-serve = "svc.server:main"\n'
    )
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": NO_TIMEOUT + "def both():\n    return 1\n",
        "svc/admin.py": "from svc import ops\n\ndef main():\n    ops.rotate()\n",
        "svc/ops.py": NO_TIMEOUT + "def rotate():\n    return requests.post('http://o')\n",
        "svc/server.py": (
            "import uvicorn\nimport requests\n\ndef main():\n    requests.get('http://config')\n    start()\n\n"
            "def start():\n    uvicorn.run('svc.asgi:app')\n"
        ),
        "svc/backfill.py": (
            "import requests\n\ndef run():\n    return requests.get('http://b')\n\n"
            "if __name__ == '__main__':\n    run()\n"
        ),
    }
    serving, dropped = _found(files, "serving", tmp_path)
    assert serving == [("svc/server.py", 5, "PRR501")]
    assert dropped == 2
    everything, _ = _found(files, "all", tmp_path)
    assert ("svc/ops.py", 4, "PRR501") in everything and ("svc/backfill.py", 4, "PRR501") in everything


def test_console_scripts_are_read_from_the_project_pyproject(tmp_path: Path) -> None:
    from prr_lint.project.scripts import console_scripts

    (tmp_path / "pyproject.toml").write_text(
        '[project.scripts]\na = "pkg.cli:main"\nb = "pkg.tools:app.run [extra]"\nbad = 3\nc = "nocolon"\n'
    )
    assert console_scripts(tmp_path) == {"pkg.cli.main": "a", "pkg.tools.app.run": "b"}
    assert console_scripts(tmp_path / "missing") == {}


def test_console_scripts_are_read_from_setup_py_and_setup_cfg_without_running_them(tmp_path: Path) -> None:
    from prr_lint.project.scripts import console_scripts

    (tmp_path / "setup.py").write_text(
        "import sys\nfrom setuptools import setup\nsys.exit('never run')\n"
        "setup(name='svc', entry_points={'console_scripts': ['svc = svc.main:main', 'vmnet = svc.utils.vmnet:main'],"
        " 'gui_scripts': ['g = svc.gui:main']})\n"
    )
    (tmp_path / "setup.cfg").write_text("[options.entry_points]\nconsole_scripts =\n    loop = svc.loop:main\n")
    # a GUI script is a program the installation makes too
    assert console_scripts(tmp_path) == {"svc.main.main": "svc", "svc.utils.vmnet.main": "vmnet", "svc.gui.main": "g", "svc.loop.main": "loop"}
    (tmp_path / "setup.py").write_text("setup(entry_points=ENTRY_POINTS\n")
    assert console_scripts(tmp_path) == {"svc.loop.main": "loop"}


def test_a_setup_py_console_script_is_a_tool_root(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\nsetup(entry_points={'console_scripts': ['vmnet = svc.vmnet:main']})\n"
    )
    files = {
        "svc/app.py": "from flask import Flask\nfrom svc.vmnet import pick\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return pick()\n",
        "svc/vmnet.py": "def pick():\n    return 1\n\ndef listing():\n    print('vmnet1')\n\ndef main():\n    listing()\n",
    }
    serving, _ = _found(files, "serving", tmp_path)
    everything, _ = _found(files, "all", tmp_path)
    assert ("svc/vmnet.py", 5, "PRR401") in everything and ("svc/vmnet.py", 5, "PRR401") not in serving
    # with no serving entry point recognised, the tool's own helpers leave too, other modules' stay
    files["svc/app.py"] = "from svc.vmnet import pick\n"
    files["svc/shared.py"] = "def show():\n    print('shared')\n"
    files["svc/vmnet.py"] += "\ndef other():\n    from svc.shared import show\n    show()\n"
    files["svc/vmnet.py"] = files["svc/vmnet.py"].replace("    listing()\n", "    listing()\n    other()\n")
    serving, _ = _found(files, "serving", tmp_path)
    assert ("svc/vmnet.py", 5, "PRR401") not in serving and ("svc/shared.py", 2, "PRR401") in serving


def test_a_cached_run_sees_a_change_to_the_console_scripts(tmp_path: Path) -> None:
    from prr_lint.cache import ResultCache

    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": NO_TIMEOUT + "def both():\n    return 1\n",
        "svc/admin.py": NO_TIMEOUT + "def main():\n    return requests.post('http://o')\n",
    }
    settings = replace(settings_with(), root=tmp_path)
    plan = Plan(settings, tuple(REGISTRY.select(["PRR501"], [], [])))
    cache = ResultCache(str(tmp_path / "cache"))
    assert len(run_jobs(jobs_for(files), plan, cache=cache).findings) == 1
    (tmp_path / "pyproject.toml").write_text('[project.scripts]\nadmin = "svc.admin:main"\n')
    assert run_jobs(jobs_for(files), plan, cache=cache).out_of_scope == 1


def test_root_scripts_nothing_imports_are_out_of_the_serving_scope() -> None:
    """A top-level module no project module imports, doing its work at module level (a wait-for-db
    loop run by the container entrypoint), is not the service; a top-level module that serves
    routes, or one that the service imports, is."""
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": "def both():\n    return 1\n",
        "ping.py": (
            "import time\nfrom svc import shared\n\nwhile True:\n    try:\n        shared.both()\n        break\n"
            "    except Exception as e:\n        print(e)\n        time.sleep(1)\n"
        ),
        "app.py": "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/x')\ndef x():\n    print('x')\n    return 'x'\n",
        "helpers.py": "def loud():\n    print('imported by the service')\n",
        "wsgi.py": "import helpers\nhelpers.loud()\n",
        "export.py": "from svc import shared\n\nwith open('x') as out:\n    print('exporting')\n    shared.both()\n",
        "config_only.py": "import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    print('f')\n",
        # made to be executed (a `#!` line), wherever it lives: netbox's `generate_secret_key.py`
        "svc/generate_key.py": "#!/usr/bin/env python3\nfrom svc import shared\n\nprint(shared.both())\n",
        "svc/banner.py": "from svc import shared\n\nprint(shared.both())\n",
    }
    serving, dropped = _found(files, "serving")
    # a module that only assigns at its top level is no script (banner.py goes as start-up output, not as a script)
    assert serving == [("app.py", 6, "PRR401"), ("config_only.py", 5, "PRR401"), ("helpers.py", 2, "PRR401")]
    # ping.py's handler runs while the module is imported, which PRR101 leaves alone anywhere
    # (rules/deliberate.py): one finding fewer to drop
    assert dropped == 4


def test_command_line_programs_are_tools_by_how_they_run() -> None:
    """An invoke program (`@task` functions gathered into a `Collection`/`Program` that a `__main__`
    runs), a command of a nested click group, and the helpers beside the commands that only
    commands and tasks reach are not the service, even when serving code imports their module; a
    helper that a view also calls is."""
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS.replace("from svc import shared", "from svc import shared, jobs"),
        "svc/shared.py": "def both():\n    print('both')\n    return 1\n",
        "svc/program.py": (
            "import sys\nfrom invoke import Collection, Program, task\nfrom svc import shared\n\n"
            "@task(help={'path': 'settings'})\ndef bootstrap(context, path=None):\n    setup(path)\n    print('done')\n\n"
            "def setup(path):\n    print('setting up', path)\n    shared.both()\n\n"
            "def make_program():\n    return Program(namespace=Collection(bootstrap))\n"
        ),
        "svc/__main__.py": "from svc.program import make_program\n\ndef main():\n    make_program().run()\n",
        "svc/jobs.py": (
            "import click\nfrom celery import shared_task\n\n@click.group()\ndef cli():\n    pass\n\n"
            "@cli.group('signals')\ndef signals():\n    pass\n\n@signals.command('perf-test')\ndef perf_test():\n    fire()\n\n"
            "def fire():\n    print('load')\n\n"
            "@cli.command('expire')\ndef expire_command():\n    summary()\n\n"
            "def summary():\n    print('notifying')\n\n@shared_task\ndef nightly():\n    summary()\n"
        ),
    }
    serving, dropped = _found(files, "serving")
    assert serving == [("svc/shared.py", 2, "PRR401")]
    assert dropped == 4


def test_a_task_of_an_app_made_by_a_factory_is_a_task() -> None:
    """`celery_app = make_celery(app)`: the factory's return type makes `@celery_app.task` a task."""
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": "def both():\n    return 1\n",
        "svc/tasks.py": (
            "from celery import Celery\n\ndef make_celery(name):\n    celery = Celery(name)\n    return celery\n\n"
            "celery_app = make_celery(__name__)\n\n@celery_app.task(soft_time_limit=600)\ndef fetch(i):\n    print('fetched', i)\n"
        ),
    }
    assert _found(files, "serving") == ([], 1)


ALEMBIC_ENV = (
    "from alembic import context\n\ndef run_migrations_online():\n    print('migrating')\n"
    "    context.configure(connection=None)\n    context.run_migrations()\n\nrun_migrations_online()\n"
)


def test_an_alembic_environment_is_the_service_only_when_serving_code_runs_it() -> None:
    """Alembic runs `env.py` for `alembic upgrade` or an `alembic.command.*` call: out of scope unless a
    serving path reaches such a call (an API that creates and stamps a tenant schema in-process)."""
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": "def both():\n    return 1\n",
        "svc/db/__init__.py": "",
        "svc/db/env.py": ALEMBIC_ENV,
        "svc/db/manage.py": "from alembic import command\n\ndef stamp(cfg):\n    command.stamp(cfg, 'head')\n",
    }
    assert _found(files, "serving") == ([], 1)
    files["svc/shared.py"] = "from svc.db import manage\n\ndef both():\n    manage.stamp(None)\n    return 1\n"
    assert _found(files, "serving") == ([("svc/db/env.py", 4, "PRR401")], 0)


def test_logging_setup_of_an_alembic_environment_is_out_of_the_serving_scope() -> None:
    """PRR402-PRR404 follow the scope of PRR401: a migration's log file is the migration CLI's logging,
    not the service's (ckan's plugin `env.py` files, judged false). (PRR402 itself takes the top level
    of a module no project module imports for its own program's bootstrap.)"""
    env = "import logging\n" + ALEMBIC_ENV.replace("print('migrating')", "pass") + "logging.basicConfig(filename='migrations.log')\n"
    logging_setup = "import logging\n\ndef setup_logging():\n    logging.basicConfig(level=logging.INFO)\n"
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": "def both():\n    return 1\n",
        "svc/logs.py": logging_setup,
        "svc/db/__init__.py": "",
        "svc/db/env.py": env,
    }
    assert _found(files, "serving") == ([], 1)
    assert _found(files, "all") == ([("svc/db/env.py", 10, "PRR404")], 0)


def test_what_only_commands_reach_is_out_of_scope_wherever_it_lives() -> None:
    """A library function that only a command-line program calls (ckan's `search.check()`, run by
    `ckan search-index check`) is the command's, even in a module serving code imports. A task's
    helper stays (it runs in the long-lived worker), and so does a function a serving module imports
    by name, which it may use as a value the call graph does not follow (CTFd's Jinja filter)."""
    search = (
        NO_TIMEOUT + "def check():\n    print('not indexed: 3')\n\n"
        "def pull():\n    return requests.get('http://s')\n\n"
        "def unix_time(dt):\n    print('bad datetime')\n    return 0\n\n"
        "def index(x):\n    return x\n"
    )
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS.replace("from svc import shared", "from svc import shared, search") + "\n@bp.get('/i')\ndef i():\n    return search.index(1)\n",
        "svc/filters.py": "from svc.search import unix_time\n\ndef init(app):\n    app.jinja_env.filters['unix_time'] = unix_time\n",
        "svc/shared.py": "def both():\n    return 1\n",
        "svc/search.py": search,
        "svc/cli.py": (
            "import click\nfrom svc import search\n\n@click.group()\ndef cli():\n    pass\n\n"
            "@cli.command()\ndef check():\n    search.check()\n\n@cli.command()\ndef stamp():\n    search.unix_time(None)\n"
        ),
        "svc/tasks.py": "from celery import shared_task\nfrom svc import search\n\n@shared_task\ndef nightly():\n    search.pull()\n",
    }
    serving, dropped = _found(files, "serving")
    assert serving == [("svc/search.py", 7, "PRR501"), ("svc/search.py", 10, "PRR401")]
    assert dropped == 1


def test_output_at_a_modules_top_level_is_start_up_output_even_without_recognised_routes() -> None:
    """It runs once, at import (gns3-server's `version.py` prints why `git rev-parse` failed); a
    traceback printed there is still an error nobody is alerted to."""
    version = (
        "import subprocess\n__version__ = '2.2.dev1'\ntry:\n    __version__ += subprocess.check_output(['git', 'rev-parse']).decode()\n"
        "except Exception as e:\n    print(e)\n"
    )
    files = {"svc/__init__.py": "", "svc/version.py": version, "svc/compute.py": "def run(x):\n    print('running', x)\n"}
    # (its handler is no PRR101 finding: it runs while the module is imported, gns3 version.py:36 judged false)
    assert _found(files, "serving") == ([("svc/compute.py", 2, "PRR401")], 1)
    files["svc/version.py"] = version.replace("print(e)", "traceback.print_exc()").replace("import subprocess", "import subprocess, traceback")
    assert _found(files, "serving") == ([("svc/compute.py", 2, "PRR401"), ("svc/version.py", 6, "PRR401")], 0)


def test_modules_only_migrations_and_commands_use_are_not_the_service() -> None:
    """A data migration's helpers (`RunPython(code=process)`: nautobot's `ipam/utils/migrations.py`)
    and the subcommands a `manage.py` imports are operator code; a module the service uses too, or
    that only tests import (the service may load it by a settings string), is kept."""
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": "def both():\n    print('shared')\n    return 1\n",
        "svc/utils/__init__.py": "",
        "svc/utils/migrations.py": "def process(apps, schema_editor):\n    print('>>> processing namespaces')\n",
        "svc/migrations/__init__.py": "",
        "svc/migrations/0031_data.py": (
            "from django.db import migrations\nfrom svc.utils.migrations import process\nfrom svc import shared\n\n"
            "class Migration(migrations.Migration):\n    operations = [migrations.RunPython(code=process)]\n"
        ),
        "svc/middleware.py": "def middleware(get_response):\n    print('loaded by a settings string')\n    return get_response\n",
        "tests/test_middleware.py": "from svc.middleware import middleware\n\ndef test_it():\n    middleware(None)\n",
        # test-data factories a command builds on, through another factory module
        "svc/core_factory.py": "def get_or_create(model):\n    print('Got a ValidationError')\n",
        "svc/dcim_factory.py": "from svc.core_factory import get_or_create\n\ndef make():\n    return get_or_create(1)\n",
        "svc/management/__init__.py": "",
        "svc/management/commands/__init__.py": "",
        "svc/management/commands/generate_test_data.py": "from svc import dcim_factory\n\ndef handle():\n    dcim_factory.make()\n",
    }
    serving, dropped = _found(files, "serving")
    assert serving == [("svc/middleware.py", 2, "PRR401"), ("svc/shared.py", 2, "PRR401")]
    assert dropped == 2


def test_functions_only_migrations_use_are_not_the_service() -> None:
    """nautobot's `extras/utils.py` `fixup_dynamic_group_group_types` (imported by a data migration for
    `RunPython`) and the helper only it calls are migration code, though the module serves too; a
    function a service module also imports stays."""
    utils = (
        "def render(x):\n    print('rendering', x)\n    return x\n\n"
        "def fixup(apps, schema_editor):\n    _clear(apps)\n    print('    Found and fixed 3 groups')\n\n"
        "def _clear(apps):\n    print('      Deleting')\n\n"
        "def shared_fix(apps, schema_editor):\n    print('shared')\n"
    )
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS.replace("from svc import shared", "from svc import shared\nfrom svc.utils import render, shared_fix"),
        "svc/shared.py": "def both():\n    return 1\n",
        "svc/utils.py": utils,
        "svc/migrations/__init__.py": "",
        "svc/migrations/0116_fix.py": (
            "from django.db import migrations\nfrom svc.utils import fixup, shared_fix\n\n"
            "class Migration(migrations.Migration):\n    operations = [migrations.RunPython(code=fixup), migrations.RunPython(shared_fix)]\n"
        ),
    }
    serving, dropped = _found(files, "serving")
    assert serving == [("svc/utils.py", 2, "PRR401"), ("svc/utils.py", 13, "PRR401")]
    assert dropped == 2


def test_a_class_only_scripts_import_and_build_is_not_the_service() -> None:
    """kitsune's `sumo/utils.py` `Progress`, a terminal progress bar only `scripts/` import: its methods
    are the scripts'; a class a service module imports stays."""
    utils = (
        "import sys\n\nclass Progress:\n    def tick(self, n):\n        sys.stdout.write(f'{n} done')\n\n"
        "class Table:\n    def show(self):\n        print('table')\n"
    )
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS.replace("from svc import shared", "from svc import shared\nfrom svc.utils import Table"),
        "svc/shared.py": "def both():\n    return 1\n",
        "svc/utils.py": utils,
        "scripts/fill.py": "from svc.utils import Progress, Table\n\np = Progress()\nfor i in range(3):\n    p.tick(i)\nTable().show()\n",
    }
    serving, dropped = _found(files, "serving")
    assert [f for f in serving if f[0] == "svc/utils.py"] == [("svc/utils.py", 9, "PRR401")]
    assert dropped == 1


def test_every_function_of_a_program_nothing_imports_is_the_programs() -> None:
    """aleph's `contrib/play/esnames.py`: a function its `__main__` block no longer calls is still the
    scratch program's; a module a service module imports keeps its unreached functions."""
    program = "def stats(rows):\n    print('rows', len(rows))\n\ndef score(name):\n    return len(name)\n\nif __name__ == '__main__':\n    score('x')\n"
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS.replace("from svc import shared", "from svc import shared, tool"),
        "svc/shared.py": "def both():\n    return 1\n",
        "svc/tool.py": program,
        "contrib/__init__.py": "",
        "contrib/play.py": program,
    }
    serving, dropped = _found(files, "serving")
    assert [f for f in serving if f[2] == "PRR401"] == [("svc/tool.py", 2, "PRR401")]
    assert dropped == 1


def test_functions_a_command_finds_by_name_in_plugin_modules_are_the_commands() -> None:
    """searxng's engines each define `fetch_traits`, which only a developer command calls, through
    `getattr(engine, "fetch_traits")`: the call by name reaches every module-level function so named,
    and a plugin module that imports one from another only to be found by that name again does not
    make it a value the service uses. A plugin function the service calls stays."""
    engine = "def fetch_traits(traits):\n    print('unknown locale')\n\ndef request(query):\n    print('searching')\n"
    files = {
        "svc/__init__.py": "",
        "svc/engines/__init__.py": "",
        "svc/engines/web.py": engine,
        "svc/engines/web_news.py": "from svc.engines.web import fetch_traits\n\ndef request(query):\n    return query\n",
        "svc/traits.py": (
            "def fetch(engine):\n    fetch = getattr(engine, 'fetch_traits', None)\n    if fetch:\n        fetch({})\n"
        ),
        "svc/views.py": (
            "from flask import Blueprint\nfrom svc.engines import web\nbp = Blueprint('b', __name__)\n\n"
            "@bp.get('/search')\ndef search():\n    return web.request('q')\n"
        ),
        "svc/update.py": (
            "import click\nfrom svc import traits\nfrom svc.engines import web\n\n"
            "@click.command()\ndef update():\n    traits.fetch(web)\n"
        ),
    }
    serving, dropped = _found(files, "serving")
    assert serving == [("svc/engines/web.py", 5, "PRR401")]
    assert dropped == 1


def test_commands_of_a_flask_group_are_commands() -> None:
    """`cli = FlaskGroup(create_app=create_app)` then `@cli.command("load_statutes")` (openFEC's
    `cli.py`, run as `cf run-task ... python cli.py load_statutes`): FlaskGroup is click's Group, so
    what only its commands reach is operator code; a helper a view also reaches stays."""
    files = {
        "svc/__init__.py": "",
        "svc/views.py": VIEWS,
        "svc/shared.py": NO_TIMEOUT + "def both():\n    return requests.get('http://a')\n",
        "svc/loaders.py": NO_TIMEOUT + "def statutes():\n    return requests.get('http://uscode')\n",
        "cli.py": (
            "from flask.cli import FlaskGroup\nfrom svc import loaders, shared\nfrom svc.views import create_app\n\n"
            "cli = FlaskGroup(create_app=create_app)\n\n@cli.command('load_statutes')\ndef load_statutes_cli():\n"
            "    loaders.statutes()\n    shared.both()\n\nif __name__ == '__main__':\n    cli()\n"
        ),
    }
    serving, _ = _found(files, "serving")
    assert [(path, line) for path, line, rule in serving if rule == "PRR501"] == [("svc/shared.py", 4)]


def test_an_interactive_console_command_is_a_tool_a_command_that_loops_forever_is_the_service() -> None:
    """`while True: line = input(prompt)` waits on the person at the terminal (a developer's message
    console, quit with Ctrl+C): the command stays a tool. A command whose loop polls forever is a worker."""
    command = (
        "import requests\nfrom django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n"
        "    def handle(self, *args, **options):\n        requests.get('http://courier:8080')\n"
        "        while True:\n            {line}\n"
    )
    base = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/shared.py": NO_TIMEOUT + "def both():\n    return 1\n",
            "svc/management/__init__.py": "", "svc/management/commands/__init__.py": ""}
    console = {**base, "svc/management/commands/msg_console.py": command.format(line="line = input('> ')")}
    assert _found(console, "serving")[0] == []
    worker = {**base, "svc/management/commands/poll.py": command.format(line="requests.get('http://queue/next', timeout=5)")}
    assert _found(worker, "serving")[0] == [("svc/management/commands/poll.py", 6, "PRR501")]
