"""Commands and programs by how the deployment runs them (project/schedules.py, project/self_calls.py):
a command no deployment file runs is an operator's tool, one a crontab or a CDK stack's job runs
unattended is the service's, and a looping CLI the deployment does not start beside its programs is a tool."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, Optional, Sequence

import pytest

from _serving import REGISTRY, jobs_for, run_on_disk, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

VIEWS = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
COMMAND = (
    "from django.core.management.base import BaseCommand\nfrom svc.{helper} import {cls}\n\n"
    "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        {cls}().run()\n"
)
HELPER = "import requests\n\nclass {cls}:\n    def run(self):\n        return requests.get('https://upstream/api')\n"
DJANGO = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
          "svc/sync_helper.py": HELPER.format(cls="Syncer"), "svc/snoopers.py": HELPER.format(cls="Snooper"),
          "svc/management/commands/sync_elections.py": COMMAND.format(helper="sync_helper", cls="Syncer"),
          "svc/management/commands/snoop.py": COMMAND.format(helper="snoopers", cls="Snooper")}


def _timeouts(files: Dict[str, str], deployment: Dict[str, str], root: Path, unread: Optional[Dict[str, str]] = None) -> Sequence[str]:
    """The paths of PRR501 findings of a run over `files` with the deployment files written under `root` (and the
    `unread` files, which are no launch files)."""
    launch = []
    for path, text in {**files, **deployment, **(unread or {})}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
        if path in deployment:
            launch.append(str(root / path))
    settings = replace(settings_with(), root=root)
    plan = Plan(settings, tuple(REGISTRY.select(["PRR501"], [], [])), launch_files=tuple(launch))
    return sorted({finding.path for finding in run_jobs(jobs_for(files), plan).findings})


def test_a_command_a_crontab_runs_keeps_its_helpers_calls_one_nobody_schedules_does_not(tmp_path: Path) -> None:
    """EveryElection: `snoop` runs hourly, so a hung scrape matters; `sync_elections` is run by hand."""
    crontab = {"deploy/crontab": "30 * * * * cd /app && python3 manage.py snoop --quiet\n"}
    assert _timeouts(DJANGO, crontab, tmp_path) == ["svc/snoopers.py"]


def test_a_release_note_naming_a_command_schedules_nothing(tmp_path: Path) -> None:
    """glance: a reno release note (`fixes:` prose) names `manage.py sync_elections`; it runs nothing.
    A compose file with a top-level key of its own (`services:`) still names what it runs."""
    note = {"releasenotes/notes/fix-sync.yaml": "---\nfixes:\n  - |\n    `manage.py sync_elections` no longer hangs.\n"}
    assert _timeouts(DJANGO, note, tmp_path) == []
    compose = {"compose.yaml": "services:\n  sync:\n    command: python manage.py sync_elections\n"}
    assert _timeouts(DJANGO, compose, tmp_path) == ["svc/sync_helper.py"]


def test_a_cdk_stacks_scheduled_job_and_a_script_it_runs_name_commands(tmp_path: Path) -> None:
    stack = {**DJANGO, "cdk_stacks/runner.py": (
        "import aws_cdk\n\nclass Runner(aws_cdk.Stack):\n    def build(self):\n"
        "        self.add_job('snoop', 'cron(30 * * * ? *)', 'output-on-error manage-py-command snoop')\n"
        "        self.add_job('sync', 'cron(0 1 * * ? *)', '/srv/code/serverscripts/nightly_sync.sh')\n")}
    script = {"serverscripts/nightly_sync.sh": "#!/bin/sh\npython manage.py sync_elections\n"}
    assert _timeouts(stack, script, tmp_path) == ["svc/snoopers.py", "svc/sync_helper.py"]
    unnamed = {"serverscripts/by_hand.sh": "#!/bin/sh\npython manage.py sync_elections\n"}
    assert _timeouts(stack, unnamed, tmp_path / "unnamed") == ["svc/snoopers.py"]


NIGHTLY = ("from celery import shared_task\nfrom django.core.management import call_command\n\n"
           "@shared_task\ndef nightly():\n    call_command('sync_elections')\n")
BEAT = "CELERY_BEAT_SCHEDULE = {'nightly': {'task': 'svc.tasks.nightly', 'schedule': 86400}}\n"


def test_a_command_a_task_calls_by_name_is_background_work(tmp_path: Path) -> None:
    files = {**DJANGO, "svc/tasks.py": NIGHTLY, "svc/settings.py": BEAT}
    assert _timeouts(files, {}, tmp_path) == ["svc/sync_helper.py"]


def test_a_command_a_function_nested_in_a_sent_task_calls_by_name_is_background_work(tmp_path: Path) -> None:
    nightly = NIGHTLY.replace("from django.core.management import call_command\n",
                              "from django.core.management import call_command\nfrom django.db import transaction\n")
    nightly = nightly.replace("    call_command('sync_elections')\n", "    def sync():\n        call_command('sync_elections')\n\n"
                              "    HOOKS.append(sync)\n    transaction.on_commit(lambda: [hook() for hook in HOOKS])\n")
    nightly += "\n\nHOOKS = []\n"
    assert _timeouts({**DJANGO, "svc/tasks.py": nightly, "svc/settings.py": BEAT}, {}, tmp_path) == ["svc/sync_helper.py"]


def test_a_command_only_a_task_nothing_sends_calls_by_name_is_a_tool(tmp_path: Path) -> None:
    """montandon-etl's `fetch_desinventar_data` calls `call_command("import_desinventar_data")`, but no beat entry,
    `.delay()` or `send_task` names the task: the worker never runs it, so the command stays the operator's. The beat's
    own task beside it in the module (`call_command("snoop")`) makes no command of its module's other calls."""
    tasks = NIGHTLY + "\n@shared_task\ndef hourly():\n    call_command('snoop')\n"
    beat = "CELERY_BEAT_SCHEDULE = {'hourly': {'task': 'svc.tasks.hourly', 'schedule': 3600}}\n"
    assert _timeouts({**DJANGO, "svc/tasks.py": tasks, "svc/settings.py": beat}, {}, tmp_path) == ["svc/snoopers.py"]


def test_a_base_class_call_on_self_runs_the_commands_override(tmp_path: Path) -> None:
    """EveryElection's `ReadFromFileMixin.load_data` calls `self.read_from_url(url)`, which for a
    `Command(ReadFromCSVMixin, BaseCommand)` is `ReadFromCSVMixin.read_from_url`: only commands run it."""
    mixins = (
        "import requests\nimport urllib.request\n\nclass ReadFromFileMixin:\n    def load_data(self, options):\n"
        "        return self.read_from_url(options['url'])\n\n    def read_from_url(self, url):\n"
        "        return urllib.request.urlretrieve(url)\n\nclass ReadFromCSVMixin(ReadFromFileMixin):\n"
        "    def read_from_url(self, url):\n        return requests.get(url).text\n"
    )
    command = (
        "from django.core.management.base import BaseCommand\nfrom svc.mixins import ReadFromCSVMixin\n\n"
        "class Command(ReadFromCSVMixin, BaseCommand):\n    def handle(self, *args, **options):\n        self.load_data(options)\n"
    )
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/mixins.py": mixins, "svc/management/__init__.py": "",
             "svc/management/commands/__init__.py": "", "svc/management/commands/import_csv.py": command}
    assert _timeouts(files, {}, tmp_path) == []
    assert _timeouts(files, {"deploy/crontab": "0 2 * * * python manage.py import_csv --url https://x\n"}, tmp_path / "cron") == ["svc/mixins.py"]



def test_a_label_command_nothing_runs_is_a_tool_one_a_cronjob_or_procfile_runs_is_not(tmp_path: Path) -> None:
    """mapit (m26 C259): `mapit_UK_import_police_force_areas` is a `LabelCommand` whose `handle_label`
    fetches force names; an operator runs it, `post_deploy_actions.bash` only migrates."""
    command = (
        "import urllib.request\nfrom django.core.management.base import LabelCommand\n\n"
        "class Command(LabelCommand):\n    def handle_label(self, directory, **options):\n"
        "        return urllib.request.urlopen('http://data.police.uk/api/forces')\n"
    )
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/management/__init__.py": "",
             "svc/management/commands/__init__.py": "", "svc/management/commands/import_forces.py": command}
    assert _timeouts(files, {"conf/post_deploy.sh": "python manage.py migrate\n", "Procfile": "web: gunicorn svc.wsgi\n"}, tmp_path) == []
    cronjob = {"k8s/cronjob.yaml": "kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
                                   "          containers:\n            - command: [\"python\", \"manage.py\", \"import_forces\", \"data/\"]\n"}
    assert _timeouts(files, cronjob, tmp_path / "cron") == ["svc/management/commands/import_forces.py"]
    procfile = {"Procfile": "web: gunicorn svc.wsgi\nrelease: python manage.py import_forces data/\n"}
    assert _timeouts(files, procfile, tmp_path / "procfile") == ["svc/management/commands/import_forces.py"]



def test_a_client_function_a_collector_calls_through_its_module_is_not_the_commands_alone(tmp_path: Path) -> None:
    """bk-monitor (m27 D009, true): migrate_grafana and a metric collector, which a periodic task loads by a
    path in settings, both call `grafana_client.get_all_organization()`; only the command calls `create_folder`."""
    client = ("import requests\n\ndef get_all_organization():\n    return requests.get('https://grafana/api/orgs')\n\n"
              "def create_folder():\n    return requests.post('https://grafana/api/folders')\n\ndef title(name):\n    return name\n")
    command = ("from django.core.management.base import BaseCommand\nimport svc.client as grafana_client\n\n"
               "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
               "        grafana_client.get_all_organization()\n        grafana_client.create_folder()\n")
    views = VIEWS.replace("import Flask\n", "import Flask\nfrom svc import client\n").replace("return 'ok'", "return client.title('ok')")
    files = {"svc/__init__.py": "", "svc/views.py": views, "svc/client.py": client, "svc/management/__init__.py": "",
             "svc/management/commands/__init__.py": "", "svc/management/commands/migrate_grafana.py": command}
    assert _timeouts(files, {}, tmp_path) == []
    collector = "from svc import client as grafana_client\n\nclass GrafanaCollector:\n    def collect(self):\n" \
                "        return grafana_client.get_all_organization()\n"
    loaded = {**files, "svc/collectors.py": collector, "svc/settings.py": "COLLECTORS = ['svc.collectors.GrafanaCollector']\n"}
    assert _timeouts(loaded, {}, tmp_path / "collector") == ["svc/client.py"]


PUSHER = (
    "import time\nimport requests\nimport typer\n\ndef main(targets: str, url: str = 'http://api.internal:5000/') -> None:\n"
    "    while True:\n        requests.get(url + 'api/num-queued-tasks')\n        time.sleep(300)\n\n"
    "if __name__ == '__main__':\n    typer.run(main)\n"
)
WORKER = (
    "import time\nimport requests\n\ndef main() -> None:\n    while True:\n        requests.get('http://karton/next')\n"
    "        time.sleep(1)\n\nif __name__ == '__main__':\n    main()\n"
)


def test_a_looping_cli_the_deployment_does_not_start_beside_its_programs_is_a_tool(tmp_path: Path) -> None:
    """Artemis: compose starts every worker by `python3 -m artemis.modules.X`; `utils/slow_pusher/
    slow_pusher.py`, a typer CLI polling the API until interrupted, is started by hand."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/worker.py": WORKER, "utils/pusher/pusher.py": PUSHER}
    compose = {"docker-compose.yaml": "services:\n  worker:\n    command: \"python3 -m svc.worker\"\n",
               "utils/pusher/pusher.sh": "#!/bin/sh\npython3 pusher.py $@\n"}
    assert _timeouts(files, compose, tmp_path) == ["svc/worker.py"]
    # With no deployment file naming a program, a looping program stays the service.
    assert _timeouts(files, {"utils/pusher/pusher.sh": compose["utils/pusher/pusher.sh"]}, tmp_path / "bare") == ["svc/worker.py", "utils/pusher/pusher.py"]
    started = {"docker-compose.yaml": compose["docker-compose.yaml"] + "  pusher:\n    command: python3 utils/pusher/pusher.py t.txt\n"}
    assert _timeouts(files, started, tmp_path / "started") == ["svc/worker.py", "utils/pusher/pusher.py"]


MONITOR = (
    "#!/usr/bin/env python3\nimport time\nimport requests\n\ndef main() -> None:\n    while True:\n"
    "        requests.get('https://example.org')\n        time.sleep(60)\n\nif __name__ == '__main__':\n    main()\n"
)


def test_a_looping_script_nothing_in_the_project_names_beside_deployed_programs_is_a_tool(tmp_path: Path) -> None:
    """ooni-backend: systemd units and Dockerfiles name each deployed program; `misc/tor_connectivity_monitor.py`,
    a loop reading no command line that no file or module names, is started by hand. Named by a project module or
    the deployment, or with no deployment naming any program, it stays the service."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/worker.py": WORKER, "misc/site_monitor.py": MONITOR}
    compose = {"docker-compose.yaml": "services:\n  worker:\n    command: \"python3 -m svc.worker\"\n"}
    assert _timeouts(files, compose, tmp_path) == ["svc/worker.py"]
    assert _timeouts(files, {}, tmp_path / "bare") == ["misc/site_monitor.py", "svc/worker.py"]
    spawner = {**files, "svc/ops.py": "import subprocess\n\ndef start():\n    subprocess.Popen(['python3', 'misc/site_monitor.py'])\n"}
    assert _timeouts(spawner, compose, tmp_path / "spawned") == ["misc/site_monitor.py", "svc/worker.py"]
    started = {"docker-compose.yaml": compose["docker-compose.yaml"] + "  monitor:\n    command: python3 misc/site_monitor.py\n"}
    assert _timeouts(files, started, tmp_path / "started") == ["misc/site_monitor.py", "svc/worker.py"]
    shipped = {**compose, "misc/Dockerfile": "FROM python:3.12\nCOPY site_monitor.py /usr/local/bin/monitor\nCMD [\"monitor\"]\n"}
    assert _timeouts(files, shipped, tmp_path / "shipped") == ["misc/site_monitor.py", "svc/worker.py"]


def test_a_commented_out_crontab_line_schedules_nothing_a_live_one_does(tmp_path: Path) -> None:
    """go-api (H113): main/runserver.sh installs its crontab from lines commented out with `#`; only the
    live line (`snoop`) runs. A `#` inside a word or a quoted string is no comment."""
    script = {"main/runserver.sh": (
        "#!/bin/bash\n# (crontab -l; echo '*/20 * * * * python manage.py sync_elections') | crontab -\n"
        "(crontab -l; echo '0 * * * * curl http://host/#x; python manage.py snoop # hourly') | crontab -\n"),
        "Dockerfile": "FROM python\nCMD [\"main/runserver.sh\"]\n"}
    assert _timeouts(DJANGO, script, tmp_path) == ["svc/snoopers.py"]
    values = {"deploy/values.yaml": "jobs:\n  # - run: manage.py sync_elections\n  - run: manage.py snoop  # hourly\n"}
    assert _timeouts(DJANGO, values, tmp_path / "values") == ["svc/snoopers.py"]


def test_a_start_script_branch_an_unset_switch_picks_runs_nothing_a_shipped_value_turns_it_on(tmp_path: Path) -> None:
    """signals (X257): the compose service's start script loads dummy data only `if [[ ${LOAD_DEMO:-0} == 1 ]]`, and no
    shipped file sets LOAD_DEMO: that branch's command is a developer's; the live lines around it run. A value an
    env file ships that makes the test true, or an `else` beside the branch, keeps it the deployment's."""
    script = ("#!/bin/bash\npython manage.py snoop\nif [[ ${LOAD_DEMO:-0} == 1 ]]; then\n"
              "  if true; then\n    python manage.py sync_elections\n  fi\nfi\nexec uwsgi --module svc.wsgi\n")
    compose = {"docker-compose.yml": "services:\n  api:\n    command: /initialize.sh\n    env_file: [env/.api]\n",
               "scripts/initialize.sh": script, "env/.api": "DEBUG=0\n"}
    assert _timeouts(DJANGO, compose, tmp_path) == ["svc/snoopers.py"]
    turned_on = {**compose, "env/.api": "DEBUG=0\nLOAD_DEMO=1\n"}
    assert _timeouts(DJANGO, turned_on, tmp_path / "on") == ["svc/snoopers.py", "svc/sync_helper.py"]
    with_else = {**compose, "scripts/initialize.sh": script.replace("  fi\nfi\n", "  fi\nelse\n  echo skip\nfi\n")}
    assert _timeouts(DJANGO, with_else, tmp_path / "else") == ["svc/snoopers.py", "svc/sync_helper.py"]


def test_a_compose_service_only_a_profile_starts_is_an_operators_tool(tmp_path: Path) -> None:
    """go-api (H114): `ingest_mdb` is a compose service under `profiles: [cli]`, started only by
    `docker compose --profile cli run`; a service `docker compose up` starts runs its command, and so
    does one of a profile that brings up a server."""
    compose = {"docker-compose.yml": (
        "x-base: &base\n  image: svc\n\nservices:\n  sync:\n    <<: *base\n    command: python manage.py sync_elections\n"
        "    profiles: [cli]\n\n  snoop:\n    <<: *base\n    command: python manage.py snoop\n")}
    assert _timeouts(DJANGO, compose, tmp_path) == ["svc/snoopers.py"]
    # mit-learn: the `backend` profile brings up the web server, whose start script runs set-up commands.
    stack = {"docker-compose.yml": (
        "services:\n  web:\n    profiles:\n      - backend\n    command: ./scripts/run-dev.sh\n    ports:\n      - 8061:8061\n"),
        "scripts/run-dev.sh": "#!/bin/sh\npython manage.py sync_elections\nexec granian main.asgi:application\n"}
    assert _timeouts(DJANGO, stack, tmp_path / "stack") == ["svc/sync_helper.py"]


def test_a_chart_cronjob_runs_the_command_its_values_name(tmp_path: Path) -> None:
    """go-api (H111): a Helm CronJob template runs `manage.py "{{ $job.command }}"` for each entry of
    the values' `cronjobs:` list; the commands listed there run unattended, the others do not."""
    chart = {"deploy/chart/templates/jobs.yaml": (
        "{{- range $i, $job := .Values.cronjobs }}\nkind: CronJob\nspec:\n  schedule: {{ $job.schedule | quote }}\n"
        "  containers:\n    - command: [\"python\", \"/app/manage.py\", \"{{ $job.command }}\"]\n{{- end }}\n"),
        "deploy/chart/values.yaml": "cronjobs:\n  - command: 'snoop'\n    schedule: '0 * * * *'\n  # - command: 'sync_elections'\n"}
    assert _timeouts(DJANGO, chart, tmp_path) == ["svc/snoopers.py"]


def test_what_a_command_hands_to_a_pool_runs_only_when_the_command_does(tmp_path: Path) -> None:
    """code-review (H085): load_in_patch passes `process_diff` to `pool.map`, which the call graph does
    not follow; nothing else imports the command's file, so only that hand-run command reaches it.
    Once a crontab runs the command, the download is a scheduled job's."""
    pooled = ("import requests\nfrom multiprocessing import Pool\nfrom django.core.management.base import BaseCommand\n\n"
              "def process(url):\n    return requests.get(url)\n\n"
              "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
              "        with Pool(2) as pool:\n            pool.map(process, ['https://a', 'https://b'])\n")
    files = {**DJANGO, "svc/management/commands/backfill.py": pooled}
    assert _timeouts(files, {}, tmp_path) == []
    crontab = {"deploy/crontab": "0 1 * * * python manage.py backfill\n"}
    assert _timeouts(files, crontab, tmp_path / "scheduled") == ["svc/management/commands/backfill.py"]


CLICK = (
    "import click\n\nfrom svc.sync_helper import Syncer\n\n\n@click.group()\ndef main():\n    pass\n\n\n"
    "@main.command(name='sync-elections')\n@click.option('--full', is_flag=True)\ndef sync(full):\n    Syncer().run()\n"
)


def test_a_click_subcommand_the_deployment_runs_after_its_program_keeps_its_helpers_calls(tmp_path: Path) -> None:
    """`svc -c /config/init.yaml sync-elections` in an init container runs the subcommand its decorator
    names, unattended; another subcommand's name there runs nothing of this one."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/sync_helper.py": HELPER.format(cls="Syncer"), "svc/cli.py": CLICK}
    pyproject = {"pyproject.toml": "[project]\nname = 'svc'\nversion = '1'\n\n[project.scripts]\nsvc = 'svc.cli:main'\n"}
    job = 'spec:\n  initContainers:\n    - name: sync\n      command: ["svc", "-c", "/config/init.yaml", "sync-elections"]\n'
    assert _timeouts(files, {**pyproject, "k8s/job.yaml": job}, tmp_path / "run") == ["svc/sync_helper.py"]
    assert _timeouts(files, {**pyproject, "k8s/job.yaml": job.replace("sync-elections", "sync-all")}, tmp_path / "other") == []


def test_a_makefile_target_nothing_runs_runs_no_subcommand(tmp_path: Path) -> None:
    """The deployment runs `make serve`, so the Makefile counts, but only that target's recipe: the
    `import` target beside it is a person's (`make import`), and so is the subcommand it runs."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/sync_helper.py": HELPER.format(cls="Syncer"), "svc/cli.py": CLICK}
    makefile = "serve:\n\tgunicorn svc.views:app\n\nimport:\n\tsvc sync-elections --full\n"
    pyproject = "[project]\nname = 'svc'\nversion = '1'\n\n[project.scripts]\nsvc = 'svc.cli:main'\n"
    for name in ("serve", "import"):  # not a launch file: read because a Procfile line runs `make`
        (tmp_path / name).mkdir()
        (tmp_path / name / "Makefile").write_text(makefile)
    deployment = {"Procfile": "web: make serve\n", "pyproject.toml": pyproject}
    assert _timeouts(files, deployment, tmp_path / "serve") == []
    assert _timeouts(files, {**deployment, "Procfile": "web: make serve\nrelease: make import\n"}, tmp_path / "import") == ["svc/sync_helper.py"]


RESTART = (
    "import click\nfrom redis import Redis\nfrom rq import Worker\nfrom flask import current_app\n{prompt}\n\n"
    "@click.command('restart-worker')\ndef restart_worker():\n{ask}"
    "    connection = Redis.from_url(current_app.config['REDIS_URL'])\n    Worker(['default'], connection=connection).work()\n"
)
ASK = "    if not click.confirm('Restart the worker? Only for development use!', default=False):\n        return\n"


def test_a_worker_command_that_asks_the_person_first_is_a_tool_unless_the_deployment_runs_it(tmp_path: Path) -> None:
    """dds_web: a flask command that starts an RQ worker only after asking at the terminal cannot run
    unattended (nobody answers in a container); the same command without the prompt, or one a
    deployment file runs by name, is the worker."""
    app = VIEWS + "from svc.commands import restart_worker\napp.cli.add_command(restart_worker)\n"
    files = {"svc/__init__.py": "", "svc/views.py": app, "svc/commands.py": RESTART.format(prompt="", ask=ASK)}
    assert _timeouts(files, {"Dockerfile": "CMD gunicorn svc.views:app\n"}, tmp_path) == []
    runs = {"Dockerfile": "CMD gunicorn svc.views:app\n", "worker.sh": "yes | flask restart-worker\n",
            "Procfile": "worker: sh worker.sh\n"}
    assert _timeouts(files, runs, tmp_path / "run") == ["svc/commands.py"]
    unasked = {**files, "svc/commands.py": RESTART.format(prompt="", ask="")}
    assert _timeouts(unasked, {"Dockerfile": "CMD gunicorn svc.views:app\n"}, tmp_path / "unasked") == ["svc/commands.py"]
    typed = {**files, "svc/commands.py": RESTART.format(prompt="from rich.prompt import Confirm", ask=ASK.replace("click.confirm", "Confirm.ask"))}
    assert _timeouts(typed, {"Dockerfile": "CMD gunicorn svc.views:app\n"}, tmp_path / "rich") == []


def test_a_django_command_in_a_makefile_target_nothing_runs_is_an_operators(tmp_path: Path) -> None:
    """dbaas: the deployment runs `make run_celery`, so the Makefile counts, but its `sync_celery` target
    (`manage.py sync_elections` here) is a person's; a target the deployment runs, directly, as a
    prerequisite (`deploy: migrate sync`) or through `$(MAKE) sync` in its recipe, runs the command."""
    makefile = ("run_celery:\n\tcelery worker --app=svc\n\nsync:\n\tcd svc && python manage.py sync_elections\n\n"
                "deploy: sync\n\tgunicorn svc.views:app\n\nrelease:\n\t$(MAKE) -s sync\n")
    for name in ("by_hand", "prerequisite", "nested"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Makefile").write_text(makefile)
    assert _timeouts(DJANGO, {"Procfile": "worker: make run_celery\n"}, tmp_path / "by_hand") == []
    assert _timeouts(DJANGO, {"Procfile": "web: make deploy\n"}, tmp_path / "prerequisite") == ["svc/sync_helper.py"]
    assert _timeouts(DJANGO, {"Procfile": "release: make release\n"}, tmp_path / "nested") == ["svc/sync_helper.py"]


SYNC = ("import argparse\n\nimport requests\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
        "    parser.add_argument('url')\n    fetch(parser.parse_args().url)\n\n\n"
        "def fetch(url):\n    return requests.get(url)\n")
SYNC_FILES = {"svc/__init__.py": "", "svc/sync.py": SYNC}
SYNC_SCRIPT = '[project]\nname = "svc"\n\n[project.scripts]\nsvc-sync = "svc.sync:main"\n'


def test_a_console_script_in_a_syslog_program_list_is_not_run_one_a_crontab_runs_is(tmp_path: Path) -> None:
    """rsyslog's selector `!svc-web,svc-sync` routes the programs' log lines and runs neither: `svc-sync` stays a
    person's tool; a crontab line that runs it makes its call the service's."""
    syslog = "!svc-web,svc-sync\n*.* /var/log/svc.log\n!*\n"
    listed = run_on_disk(tmp_path / "listed", SYNC_FILES, whole_project=True, launch_files=("svc.conf", "pyproject.toml"),
                         on_disk_only={"pyproject.toml": SYNC_SCRIPT, "svc.conf": syslog})
    assert [finding.path for finding in listed.findings] == []
    cron = run_on_disk(tmp_path / "cron", SYNC_FILES, whole_project=True, launch_files=("svc.conf", "crontab", "pyproject.toml"),
                       on_disk_only={"pyproject.toml": SYNC_SCRIPT, "svc.conf": syslog, "crontab": "0 * * * * svc-sync https://upstream/\n"})
    assert [finding.path for finding in cron.findings] == ["svc/sync.py"]


# A Django command only an image's RUN executes, while the image is built (hoover-search's `RUN ./manage.py
# downloadassets` fetching static assets before `collectstatic`): a build step, not the deployment (build_steps.py).
IMAGE = "FROM python:3.12\nWORKDIR /app\nCOPY . .\n{run}CMD [\"gunicorn\", \"svc.wsgi\"]\n"
WEB = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD [\"gunicorn\", \"svc.wsgi\"]\n"


@pytest.mark.parametrize("run", [
    "RUN SECRET_KEY=temp ./manage.py sync_elections \\\n && ./manage.py collectstatic --noinput\n",
    "RUN python manage.py sync_elections --all\n", "RUN cd /app && DEBUG=1 python3 -u manage.py sync_elections\n",
    "RUN django-admin sync_elections --settings=svc.settings\n", "RUN pip install -r requirements.txt; /app/manage.py sync_elections\n",
    "RUN --mount=type=cache,target=/root/.cache python manage.py sync_elections\n",
    "RUN python manage.py sync_elections &\n",  # the background process dies with the build step
    "RUN if true; then python manage.py sync_elections; fi\n",
])
def test_a_command_only_a_build_step_runs_is_an_operators(tmp_path: Path, run: str) -> None:
    """VALID: the image runs the command once, while it is built; the container it starts never runs it again."""
    assert _timeouts(DJANGO, {"Dockerfile": IMAGE.format(run=run)}, tmp_path) == []


@pytest.mark.parametrize("deployment", [
    {"Dockerfile": IMAGE.format(run="RUN python manage.py sync_elections\n").replace(
        "[\"gunicorn\", \"svc.wsgi\"]", "[\"python\", \"manage.py\", \"sync_elections\"]")},  # the image's command runs it
    {"Dockerfile": IMAGE.format(run="RUN python manage.py sync_elections\nENTRYPOINT [\"/app/start.sh\"]\n"),
     "start.sh": "python manage.py sync_elections &\nexec \"$@\"\n"},  # so does the entrypoint script it starts
    {"Dockerfile": IMAGE.format(run="RUN python manage.py sync_elections\n"),
     "compose.yaml": "services:\n  sync:\n    build: .\n    command: python manage.py sync_elections\n"},
    {"Dockerfile": IMAGE.format(run="RUN python manage.py sync_elections\n"), "Procfile": "release: python manage.py sync_elections\n"},
    {"Dockerfile": IMAGE.format(run="RUN python manage.py sync_elections\n"),
     "deploy/sync.service": "[Service]\nExecStart=/usr/bin/python3 /app/manage.py sync_elections\n"},
    {"Dockerfile": IMAGE.format(run="RUN python manage.py sync_elections\n"),
     "k8s/deployment.yaml": "kind: Deployment\nspec:\n  template:\n    spec:\n      initContainers:\n"
                            "        - command: [\"python\", \"manage.py\", \"sync_elections\"]\n"},
    {"docker/web/Dockerfile": WEB.replace("CMD", "RUN python manage.py sync_elections\nCMD"),
     "docker/sync/Dockerfile": WEB.replace("gunicorn\", \"svc.wsgi", "python\", \"manage.py\", \"sync_elections")},
])
def test_a_command_the_deployment_runs_beside_a_build_step_keeps_its_findings(tmp_path: Path, deployment: Dict[str, str]) -> None:
    """INVALID: another command line runs it too: the image's CMD, its entrypoint script, a compose command, a Procfile's
    release phase, a systemd unit, an init container, another image."""
    assert _timeouts(DJANGO, deployment, tmp_path) == ["svc/sync_helper.py"]


@pytest.mark.parametrize("run", [
    "RUN echo 'python /app/manage.py sync_elections' > /app/jobs && chmod +x /app/jobs\n",  # written for later: an argument
    "RUN printf '%s\\n' '[program:sync]' 'command=python manage.py sync_elections' > /etc/app/sync.conf\n",
    "RUN sh -c 'python manage.py sync_elections'\n",  # quoted: not read, so run
    "RUN [\"python\", \"manage.py\", \"sync_elections\"]\n",  # exec form: not read
    "RUN echo $(python manage.py sync_elections) > /x\n",  # a command substitution: not read
    "RUN cat > /app/jobs <<EOF\npython manage.py sync_elections\nEOF\n",  # a here document: its lines may run later
    "RUN python manage.py collectstatic <<EOF\nyes\nEOF\nRUN python manage.py sync_elections\n",  # all after one stays
    # a scheduler the image starts may run it from a file the linter does not read as a crontab (review case c_cron)
    "RUN python manage.py sync_elections\nCOPY jobs /etc/cron.d/jobs\nCMD [\"sh\", \"-c\", \"cron && gunicorn svc.wsgi\"]\n",
    "RUN python manage.py sync_elections\nCMD [\"supercronic\", \"/app/jobs\"]\n",
    "RUN python manage.py sync_elections\nRUN python manage.py crontab add\n",  # django-crontab installs a crontab
])
def test_a_run_that_does_not_only_build_keeps_the_command_run(tmp_path: Path, run: str) -> None:
    """INVALID: the RUN writes a command line that runs later, hides what it runs from the reading, or the deployment
    starts a scheduler whose table may name the command: no build step."""
    assert _timeouts(DJANGO, {"Dockerfile": IMAGE.format(run=run)}, tmp_path) == ["svc/sync_helper.py"]


def test_an_escape_directive_keeps_the_run_read_as_written(tmp_path: Path) -> None:
    """INVALID: `# escape=`` ` makes the backquote the continuation character: a RUN's lines are not joined as read."""
    image = "# escape=`\n" + IMAGE.format(run="RUN python manage.py sync_elections\n")
    assert _timeouts(DJANGO, {"Dockerfile": image}, tmp_path) == ["svc/sync_helper.py"]


# The RUN's evidence stays when the running deployment may run the command by what the linter does not read
# (started_files.py): manage.py handed the name from elsewhere, a supervisor or init with its own files, a started file.
BUILT = IMAGE.format(run="RUN python manage.py sync_elections\n")


@pytest.mark.parametrize("deployment", [
    {"Dockerfile": BUILT + "ENTRYPOINT [\"python\", \"manage.py\"]\n",
     "compose.yaml": "services:\n  sync:\n    build: .\n    restart: always\n    command: [\"sync_elections\"]\n"},
    {"Dockerfile": BUILT + "ENTRYPOINT [\"python\", \"manage.py\"]\n",
     "k8s/cronjob.yaml": "kind: CronJob\nspec:\n  schedule: '0 * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
                         "          containers:\n            - args: [sync_elections]\n"},
    {"Dockerfile": BUILT + "ENTRYPOINT [\"/app/start.sh\"]\n", "start.sh": "exec python manage.py \"$@\"\n",
     "compose.yaml": "services:\n  sync:\n    build: .\n    command: sync_elections\n"},
])
def test_manage_handed_a_name_from_elsewhere_keeps_the_build_steps_command(tmp_path: Path, deployment: Dict[str, str]) -> None:
    """INVALID: manage.py stands last on the entrypoint; the name comes from a compose command, a CronJob's args, the
    image's CMD, which the reading does not join to it: the RUN's naming is kept."""
    assert _timeouts(DJANGO, deployment, tmp_path) == ["svc/sync_helper.py"]


@pytest.mark.parametrize("start, unread", [
    ("ENTRYPOINT [\"/init\"]\n", {"docker/rootfs/etc/services.d/sync/run": "#!/bin/sh\nexec python /app/manage.py sync_elections\n"}),
    ("COPY docker/sync.run /etc/service/sync/run\nCMD [\"runsvdir\", \"/etc/service\"]\n", {"docker/sync.run": "python manage.py sync_elections\n"}),
    ("CMD [\"honcho\", \"-f\", \"Procfile.docker\", \"start\"]\n", {"Procfile.docker": "sync: python manage.py sync_elections\n"}),
    ("COPY docker/jobs /etc/jobs\nCMD [\"go-crond\", \"root:/etc/jobs\"]\n", {"docker/jobs": "0 * * * * python manage.py sync_elections\n"}),
    ("CMD [\"circusd\", \"/etc/circus.ini\"]\n", {"circus.ini": "[watcher:sync]\ncmd = python manage.py sync_elections\n"}),
    ("COPY docker/sync.sh /docker-entrypoint.d/50-sync.sh\n", {"docker/sync.sh": "python manage.py sync_elections &\n"}),
])
def test_a_supervisor_with_its_own_files_keeps_the_build_steps_command(tmp_path: Path, start: str, unread: Dict[str, str]) -> None:
    """INVALID: s6-overlay, runit, honcho, go-crond, circus, a base image's entrypoint folder run files the linter does
    not read as deployment text: any of them may run the command the RUN names."""
    assert _timeouts(DJANGO, {"Dockerfile": BUILT.replace("CMD [\"gunicorn\", \"svc.wsgi\"]\n", start)}, tmp_path, unread) == ["svc/sync_helper.py"]


LOOP = "#!/bin/sh\nwhile true; do python manage.py sync_elections; sleep 60; done &\nexec \"$@\"\n"


@pytest.mark.parametrize("deployment, unread", [
    ({"Dockerfile": BUILT + "ENTRYPOINT [\"/app/docker-entrypoint\"]\n"}, {"docker-entrypoint": LOOP}),  # no `.sh`
    ({"Dockerfile": BUILT, "compose.yaml": "services:\n  sync:\n    build: .\n    entrypoint: /app/bin/loop\n    command: sync_elections\n"},
     {"bin/loop": "#!/bin/sh\nwhile true; do python manage.py \"$1\"; sleep 60; done\n"}),  # the name handed on
    ({"Dockerfile": BUILT.replace("[\"gunicorn\", \"svc.wsgi\"]", "[\"make\", \"serve\"]")},
     {"Makefile": "serve:\n\tpython manage.py sync_elections &\n\tgunicorn svc.wsgi\n"}),  # an exec-form make
    ({"Dockerfile": BUILT.replace("[\"gunicorn\", \"svc.wsgi\"]", "./run")}, {"run": "./bin/worker &\nexec gunicorn svc.wsgi\n", "bin/worker": LOOP}),
    ({"Dockerfile": BUILT + "ENTRYPOINT [\"/app/docker/start\"]\n"},  # cron only in the unread script (a base image has it)
     {"docker/start": "busybox crond -c /etc/jobs\nexec \"$@\"\n"}),
    ({"Dockerfile": BUILT.replace("[\"gunicorn\", \"svc.wsgi\"]", "[\"python\", \"start.py\"]")},
     {"start.py": "import django\nfrom django.core.management import call_command\n\ndjango.setup()\ncall_command('sync_elections')\n"}),
    ({"Dockerfile": BUILT.replace("[\"gunicorn\", \"svc.wsgi\"]", "[\"python\", \"start.py\"]")},
     {"start.py": "import subprocess\n\nsubprocess.run(['python', 'manage.py', 'sync_elections'])\n"}),
])
def test_a_started_file_the_linter_does_not_read_keeps_the_build_steps_command(
        tmp_path: Path, deployment: Dict[str, str], unread: Dict[str, str]) -> None:
    """INVALID: the image or compose starts a repository file that is no deployment text read (a script with no `.sh`,
    one it starts, a Makefile target, a Python start program by file or module): it names the command, hands manage.py
    a name, starts cron or calls `call_command` with a computed name, so the RUN's naming is kept."""
    assert _timeouts(DJANGO, deployment, tmp_path, unread) == ["svc/sync_helper.py"]


def test_a_program_module_the_image_runs_keeps_the_build_steps_command(tmp_path: Path) -> None:
    """INVALID: `python -m svc.start` runs a project module (program_runs.py) that calls `call_command` with a
    computed name: it may run the command the RUN runs."""
    start = "from django.core.management import call_command\n\nfor name in ('migrate', 'sync_elections'):\n    call_command(name)\n"
    image = BUILT.replace("[\"gunicorn\", \"svc.wsgi\"]", "[\"python\", \"-m\", \"svc.start\"]")
    assert _timeouts({**DJANGO, "svc/start.py": start}, {"Dockerfile": image}, tmp_path) == ["svc/sync_helper.py"]


@pytest.mark.parametrize("cmd, unread", [
    ("./runserver", {"runserver": "#!/bin/bash\nwhile true; do ./manage.py snoop; sleep 60; done &\nexec gunicorn svc.wsgi\n"}),
    ("[\"python\", \"start.py\"]", {"start.py": "import subprocess\n\nsubprocess.run(['python', 'manage.py', 'migrate'])\n"}),
])
def test_a_started_file_that_names_other_commands_leaves_the_build_step_a_build_step(
        tmp_path: Path, cmd: str, unread: Dict[str, str]) -> None:
    """VALID: the unread start script runs other commands (`snoop`, hoover-search's `runserver` looping its sync
    commands), not the one the RUN runs at build: still a build step."""
    image = BUILT.replace("[\"gunicorn\", \"svc.wsgi\"]", cmd)
    assert _timeouts(DJANGO, {"Dockerfile": image}, tmp_path, unread) == []  # `snoop` too: the script is not read (left open)
