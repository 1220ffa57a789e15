"""Flask CLI commands whose decorator's receiver only the project types (project/typed_commands.py):
`@app.cli.command()` on an `app` parameter, on what a factory returns, on `current_app`, a group below
one; what only such commands reach is an operator's, unless a deployment file runs the command by
`flask [words] NAME` (schedules.py, subcommands.py `app_command_line`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import REGISTRY, analysis_for, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

FACTORY = (
    "from flask import Flask\nfrom svc import views\n{imports}\n\ndef create_app():\n    app = Flask(__name__)\n"
    "    app.register_blueprint(views.bp)\n{calls}    return app\n"
)
VIEWS = (
    "from flask import Blueprint\nfrom svc import upstream\n\nbp = Blueprint('views', __name__)\n\n"
    "@bp.get('/')\ndef index():\n    return upstream.shared()\n"
)
UPSTREAM = (
    "import requests\n\ndef shared():\n    return requests.get('https://upstream/shared')\n\n"
    "def rates():\n    return requests.get('https://rates.example/latest')\n"
)


def _project(**files: str) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/upstream.py": UPSTREAM, **files}


def _timeouts(files: Dict[str, str], deployment: Dict[str, str], root: Path) -> List[Tuple[str, int]]:
    """(path, line) of PRR501's findings in the serving scope, the deployment files written under `root`."""
    launch = []
    for path, text in {**files, **deployment}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
        launch.extend([str(root / path)] if path in deployment else [])
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR501"], [], [])), launch_files=tuple(launch))
    return sorted((finding.path, finding.span.line) for finding in run_jobs(jobs_for(files), plan).findings)


SHARED = [("svc/upstream.py", 4)]  # the helper the view calls stays in every case
COMMANDS = "import requests\nfrom svc import upstream\n\n\ndef register_commands(app{annotation}):\n{body}"
SEED = "    @app.cli.command('seed-db')\n    def seed_db():\n        upstream.rates()\n        requests.get('https://fixtures/seed')\n"


def test_a_command_on_an_app_parameter_the_factory_passes_is_an_operators(tmp_path: Path) -> None:
    """`register_commands(app)` from the factory types `app` as the Flask it builds; an annotation does too.
    Defining the command in the factory's reach does not run it: no nesting edge to it (CallGraph.unnest)."""
    factory = FACTORY.format(imports="from svc.commands import register_commands", calls="    register_commands(app)\n")
    for annotation in ("", ": 'Flask'"):
        commands = COMMANDS.format(annotation=annotation, body=SEED)
        files = _project(**{"svc/factory.py": factory, "svc/commands.py": "from flask import Flask\n" + commands})
        assert _timeouts(files, {}, tmp_path / str(len(annotation))) == SHARED
    model = analysis_for(files).model
    assert ("svc.commands.register_commands.seed_db", "flask-cli", "seed-db") in {
        (context.qualname, context.kind, context.detail) for context in model.batch_contexts}


def test_a_route_the_same_hook_registers_stays_the_services(tmp_path: Path) -> None:
    """The receiver's type decides, not the hook: `@app.route` on the same parameter is a request handler."""
    route = "    @app.route('/seed')\n    def seed():\n        return requests.get('https://fixtures/seed').text\n"
    factory = FACTORY.format(imports="from svc.commands import register_commands", calls="    register_commands(app)\n")
    files = _project(**{"svc/factory.py": factory, "svc/commands.py": COMMANDS.format(annotation="", body=route)})
    assert _timeouts(files, {}, tmp_path) == [("svc/commands.py", 8), *SHARED]


def test_a_receiver_nothing_types_is_no_command(tmp_path: Path) -> None:
    """`@bot.command()` on a parameter whose callers pass nothing the project types: maybe a chat bot's
    handler, which serves; its call stays reported."""
    bot = "def register(bot):\n    @bot.command('rates')\n    def rates():\n        return upstream.rates()\n"
    factory = FACTORY.format(imports="from svc.bots import register\nfrom chatlib import Bot",
                             calls="    register(Bot(app.config['TOKEN']))\n")
    files = _project(**{"svc/factory.py": factory, "svc/bots.py": "from svc import upstream\n\n" + bot})
    assert _timeouts(files, {}, tmp_path) == [("svc/upstream.py", 4), ("svc/upstream.py", 7)]


def test_commands_on_a_factory_made_app_current_app_and_a_group_below_them(tmp_path: Path) -> None:
    """`app = create_app()` at a module's top level (what the factory returns), `current_app.cli`, a group
    made on a typed receiver and the commands below it, `register(app.cli)` with the app imported, a
    blueprint of another module."""
    files = _project(**{
        "svc/factory.py": FACTORY.format(imports="from svc import bpcli, hooks", calls="    hooks.register(app)\n"),
        "svc/bpcli.py": "from svc import upstream\nfrom svc.views import bp\n\n@bp.cli.command('reindex')\ndef reindex():\n    upstream.rates()\n",
        "svc/wsgi.py": (
            "from svc import upstream\nfrom svc.factory import create_app\n\napp = create_app()\n\n"
            "@app.cli.command('warm')\ndef warm():\n    upstream.rates()\n"
        ),
        "svc/hooks.py": (
            "from flask import current_app\nfrom svc import upstream\n\ndef register(app):\n    @app.cli.group()\n"
            "    def db():\n        pass\n\n    @db.command('sync')\n    def sync():\n        upstream.rates()\n\n"
            "def late():\n    @current_app.cli.command('purge')\n    def purge():\n        upstream.rates()\n"
        ),
        "svc/boot.py": "from flask import Flask\n\napp = Flask(__name__)\n",
        "svc/run.py": "from svc.boot import app\nfrom svc import more\n\nmore.register(app.cli)\n",
        "svc/more.py": "from svc import upstream\n\ndef register(cli):\n    @cli.command()\n    def scrape():\n        upstream.rates()\n",
    })
    assert _timeouts(files, {"Dockerfile": "CMD gunicorn svc.wsgi:app\nCMD gunicorn svc.run:app\n"}, tmp_path) == SHARED
    kinds = {context.qualname: context.kind for context in analysis_for(files).model.batch_contexts}
    assert {name: kinds.get(name) for name in ("svc.wsgi.warm", "svc.hooks.register.db", "svc.hooks.register.sync",
                                               "svc.hooks.late.purge", "svc.more.register.scrape")} == {
        "svc.wsgi.warm": "flask-cli", "svc.hooks.register.db": "flask-cli", "svc.hooks.register.sync": "click",
        "svc.hooks.late.purge": "flask-cli", "svc.more.register.scrape": "flask-cli"}


GROUPS = (
    "import click\nfrom flask.cli import AppGroup\nfrom svc import upstream\n\ncrawler = AppGroup('crawler')\n\n"
    "@crawler.command('fetch-rates')\ndef fetch_rates():\n    upstream.rates()\n\n"
    "@click.group()\ndef data():\n    pass\n\n@data.command('import')\ndef import_data():\n    upstream.rates()\n\n"
    "def init_app(app):\n    app.cli.add_command(crawler)\n    app.cli.add_command(data)\n"
)


def test_groups_of_a_library_module_the_app_attaches_are_an_operators_unless_deployed(tmp_path: Path) -> None:
    """An AppGroup and a click group the factory attaches (`app.cli.add_command`): their commands' reach is an
    operator's; a crontab running `flask crawler fetch-rates`, or an exec form naming the command after
    options, makes it production code, and its helper stays."""
    factory = FACTORY.format(imports="from svc import cli_groups", calls="    cli_groups.init_app(app)\n")
    files = _project(**{"svc/factory.py": factory, "svc/cli_groups.py": GROUPS})
    assert _timeouts(files, {"Procfile": "web: gunicorn 'svc.factory:create_app()'\n"}, tmp_path / "none") == SHARED
    cron = {"deploy/crontab": "*/15 * * * * cd /app && flask --app svc.factory crawler fetch-rates\n"}
    assert _timeouts(files, cron, tmp_path / "cron") == [*SHARED, ("svc/upstream.py", 7)]
    exec_form = {"Dockerfile": 'CMD ["flask", "--app", "svc.factory", "data", "import"]\n'}
    assert _timeouts(files, exec_form, tmp_path / "exec") == [*SHARED, ("svc/upstream.py", 7)]


def test_a_command_on_an_app_parameter_a_compose_file_runs_is_production_code(tmp_path: Path) -> None:
    factory = FACTORY.format(imports="from svc.commands import register_commands", calls="    register_commands(app)\n")
    files = _project(**{"svc/factory.py": factory, "svc/commands.py": COMMANDS.format(annotation="", body=SEED)})
    compose = {"docker-compose.yml": "services:\n  seed:\n    image: svc\n    command: /app/.venv/bin/flask seed-db\n"}
    assert _timeouts(files, compose, tmp_path) == [("svc/commands.py", 9), *SHARED, ("svc/upstream.py", 7)]
