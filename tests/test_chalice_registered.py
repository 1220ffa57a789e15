"""PRR501 and a Chalice app a library provides (project/chalice_registered.py): the project's modules register
functions with that library's decorators, its runner loads them by name inside the app's Lambda, so the calls
they make are bounded by the Lambda's timeout (4dn-dcic/foursight: its checks, run on schedules and queued
actions). A script that loads one by name, a launch file that runs the library on a host, `chalice local` as the
only launch, a check module run as a script, or a project with no Chalice config keeps them reported."""

from __future__ import annotations

_CONFIG = '{"version": "2.0", "app_name": "monitor", "stages": {"prod": {"lambda_timeout": 900}}}\n'
_APP = "# The Chalice entry point.\nfrom monitor.schedules import *  # noqa: F401,F403\n"
_SCHEDULES = (
    "from chalice import Cron\nfrom watchtower.app import app\nfrom watchtower.runner import run_group\n\n\n"
    "@app.schedule(Cron('0/10', '*', '*', '*', '?', '*'))\ndef every_ten_minutes(event):\n"
    "    return run_group('every_ten_minutes')\n"
)
_HOOKS = "from watchtower.registry import Registry\n\nregistry = Registry('monitor')\ncheck = registry.check\n"
_AUDIT = (
    "import requests\n\nfrom ..hooks import check\n\n\n@check(action=None)\ndef stale_items(connection, **kwargs):\n"
    "    return requests.get(connection.server + '/search/?status=stale').json()\n"
)
_PROJECT = {
    ".chalice/config.json": _CONFIG,
    "app.py": _APP,
    "monitor/__init__.py": "",
    "monitor/schedules.py": _SCHEDULES,
    "monitor/hooks.py": _HOOKS,
    "monitor/checks/__init__.py": "",
    "monitor/checks/audit.py": _AUDIT,
    "pyproject.toml": '[tool.poetry]\nname = "monitor"\nversion = "1.0.0"\npackages = [{include = "monitor"}]\n',
}
_AUDIT_CALL = ("monitor/checks/audit.py", 8)


def test_a_check_the_library_of_a_chalice_app_runs_is_bounded(tree_lines) -> None:
    assert tree_lines(_PROJECT) == []


def test_a_dependency_list_naming_the_library_keeps_the_check_bounded(tree_lines) -> None:
    assert tree_lines({**_PROJECT, "requirements.txt": "watchtower==5.7.0\nrequests==2.32.3\n"}) == []


def test_a_check_a_script_run_by_hand_loads_by_name_stays_reported(tree_lines) -> None:
    script = "import sys\n\nimport app\n\n\nif __name__ == '__main__':\n    app.run_check(sys.argv[1], 'audit/stale_items')\n"
    assert tree_lines({**_PROJECT, "scripts/rerun.py": script}) == [_AUDIT_CALL]


def test_a_check_a_dockerfile_runs_the_library_for_stays_reported(tree_lines) -> None:
    dockerfile = 'FROM python:3.12-slim\nCOPY . /srv\nRUN pip install /srv\nCMD ["python", "-m", "watchtower.worker"]\n'
    assert tree_lines({**_PROJECT, "Dockerfile": dockerfile}) == [_AUDIT_CALL]


def test_a_check_of_a_project_only_chalice_local_serves_stays_reported(tree_lines) -> None:
    assert tree_lines({**_PROJECT, "Procfile": "web: chalice local --host 0.0.0.0 --port $PORT\n"}) == [_AUDIT_CALL]


def test_a_check_module_run_as_a_script_stays_reported(tree_lines) -> None:
    main = "\n\nif __name__ == '__main__':\n    print(stale_items(None))\n"
    files = {**_PROJECT, "monitor/checks/audit.py": _AUDIT + main, "prr-lint.toml": 'scope = "all"\n'}  # a script's own code too
    assert tree_lines(files) == [_AUDIT_CALL]


def test_a_check_of_a_project_with_no_chalice_config_stays_reported(tree_lines) -> None:
    files = {name: text for name, text in _PROJECT.items() if not name.startswith(".chalice")}
    assert tree_lines(files) == [_AUDIT_CALL]


def test_a_check_registered_with_another_library_stays_reported(tree_lines) -> None:
    hooks = _HOOKS.replace("watchtower.registry", "sentinel.registry")
    assert tree_lines({**_PROJECT, "monitor/hooks.py": hooks}) == [_AUDIT_CALL]


def test_an_app_the_project_builds_registers_no_module_it_does_not_import(tree_lines) -> None:
    app = "from chalice import Chalice\n\napp = Chalice(app_name='monitor')\n"
    audit = _AUDIT.replace("from ..hooks import check", "from app import app").replace("@check(action=None)", "@app.lambda_function()")
    assert tree_lines({**_PROJECT, "app.py": app, "monitor/checks/audit.py": audit}) == [_AUDIT_CALL]


def test_a_schedule_of_an_app_the_app_module_star_imports_is_bounded(tree_lines) -> None:
    schedules = (
        "import requests\nfrom chalice import Chalice, Rate\n\napp = Chalice(app_name='monitor')\n\n\n"
        "@app.schedule(Rate(1, unit=Rate.HOURS))\ndef hourly(event):\n    return requests.get('https://example.org/ping').status_code\n"
    )
    files = {".chalice/config.json": _CONFIG, "app.py": _APP, "monitor/__init__.py": "", "monitor/schedules.py": schedules}
    assert tree_lines(files) == []


def test_an_app_module_that_binds_no_app_stays_reported(tree_lines) -> None:
    schedules = (
        "import requests\nfrom chalice import Chalice, Rate\n\napp = Chalice(app_name='monitor')\n\n\n"
        "@app.schedule(Rate(1, unit=Rate.HOURS))\ndef hourly(event):\n    return requests.get('https://example.org/ping').status_code\n"
    )
    files = {".chalice/config.json": _CONFIG, "app.py": "from monitor import schedules as jobs  # noqa: F401\n",
             "monitor/__init__.py": "", "monitor/schedules.py": schedules}
    assert tree_lines(files) == [("monitor/schedules.py", 9)]
