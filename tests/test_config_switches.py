"""PRR501 and configuration switches (rules/config_switches.py, project/switches.py): a call that runs only
when a key is on is not reported when every shipped configuration gives the key `False`, across modules and
configuration files; a file that turns the key on, a computed value, or another module using a switched
client keeps it reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_MAILER = (
    "import smtplib\nfrom flask import current_app\n\n\ndef send_email(to, body):\n"
    "    enabled = current_app.config.get('ENABLE_EMAIL_NOTIFICATIONS')\n    if not enabled:\n"
    "        raise RuntimeError('Email notifications are not enabled')\n"
    "    smtp = smtplib.SMTP(current_app.config['EMAIL_SMTP_SERVER'])\n    smtp.sendmail('ts', [to], body)\n"
)
_CACHE = (
    "import os\nfrom redis import Redis\nfrom svc.settings import *\n\ncache = None\nif 'BROKER' in os.environ:\n"
    "    cache = Redis.from_url(os.environ['BROKER'])\n\n\nclass Task:\n    def run(self, key):\n"
    "        if TASK_CACHE_ENABLED:\n            found = cache.get(key)\n            if found:\n                return found\n"
    "        return None\n"
)
_SETTINGS = "TASK_CACHE_ENABLED = False\n"


def test_a_key_a_shipped_conf_file_leaves_false_switches_the_call_off(tmp_path: Path) -> None:
    shipped = {"data/app.conf": "EMAIL_SMTP_SERVER = 'mail'\nENABLE_EMAIL_NOTIFICATIONS = False  # opt in\n"}
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/mail.py": _MAILER}, shipped) == []


def test_a_file_that_turns_the_key_on_keeps_the_call(tmp_path: Path) -> None:
    shipped = {"data/app.conf": "ENABLE_EMAIL_NOTIFICATIONS = False\n",
               "deploy/values.yaml": "env:\n  - name: ENABLE_EMAIL_NOTIFICATIONS\n    value: \"true\"\n"}
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/mail.py": _MAILER}, shipped) == [("svc/mail.py", 9)]


def test_a_deployment_setting_the_key_under_a_prefix_keeps_the_call(tmp_path: Path) -> None:
    shipped = {"data/app.conf": "ENABLE_EMAIL_NOTIFICATIONS = False\n",
               "docker-compose.yml": "services:\n  web:\n    environment:\n      FLASK_ENABLE_EMAIL_NOTIFICATIONS: 'true'\n"}
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/mail.py": _MAILER}, shipped) == [("svc/mail.py", 9)]


def test_a_key_no_configuration_gives_a_value_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/mail.py": _MAILER}, {}) == [("svc/mail.py", 9)]


def test_a_client_every_use_of_which_is_switched_off_is_not_reported(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/settings.py": _SETTINGS, "svc/tasks.py": _CACHE}
    assert shipped_findings(tmp_path, files, {}) == []


def test_a_switched_client_another_module_imports_stays_reported(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/settings.py": _SETTINGS, "svc/tasks.py": _CACHE,
             "svc/views.py": "from svc.tasks import cache\n\n\ndef hit(key):\n    return cache.get(key)\n"}
    assert shipped_findings(tmp_path, files, {}) == [("svc/tasks.py", 7)]


def test_a_key_a_settings_module_reads_from_the_environment_stays_on(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/tasks.py": _CACHE,
             "svc/settings.py": "import os\n\nTASK_CACHE_ENABLED = os.getenv('TASK_CACHE_ENABLED', 'false') == 'true'\n"}
    assert shipped_findings(tmp_path, files, {}) == [("svc/tasks.py", 7)]


def test_an_environment_switch_off_by_default_that_no_deployment_file_sets_is_off(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/tasks.py": _CACHE,
             "svc/settings.py": "import os\n\nTASK_CACHE_ENABLED = os.getenv('TASK_CACHE_ENABLED', 'false') == 'true'\n"}
    assert shipped_findings(tmp_path, files, {"Dockerfile": "FROM python:3.12\nENV APP_ENV production\n"}) == []
    shipped = {"Dockerfile": "FROM python:3.12\nENV TASK_CACHE_ENABLED true\n"}
    assert shipped_findings(tmp_path, files, shipped) == [("svc/tasks.py", 7)]


def test_a_django_setting_false_in_every_settings_module_switches_the_call_off(tmp_path: Path) -> None:
    view = ("import requests\nfrom django.conf import settings\nfrom django.http import JsonResponse\n\n\n"
            "def report(request):\n    if getattr(settings, 'SHEET_REPORTS_ENABLED', False):\n"
            "        requests.post('https://sheets.example.com/hook', json=request.POST)\n    return JsonResponse({})\n")
    files = {"svc/__init__.py": "", "svc/views.py": view, "svc/settings/__init__.py": "",
             "svc/settings/base.py": "SHEET_REPORTS_ENABLED = False\n",
             "svc/settings/production.py": "from svc.settings.base import *\n\nSHEET_REPORTS_ENABLED = False\n"}
    assert shipped_findings(tmp_path, files, {}) == []
    files["svc/settings/staging.py"] = "from svc.settings.base import *\n\nSHEET_REPORTS_ENABLED = True\n"
    assert shipped_findings(tmp_path, files, {}) == [("svc/views.py", 8)]


_STEPS = (
    "import sys\n\nimport requests\n\n\nclass StepController:\n    def can_be_loaded(self):\n        return True\n\n\n"
    "class WildEntry(StepController):\n    def _check(self):\n        return '-wild' in sys.argv\n\n\n"
    "wild_controller = WildEntry()\n\n\nclass WildSubscriptions:\n    controller = wild_controller\n\n"
    "    def check(self):\n        return requests.get('http://nodeman/api/legacy')\n\n\n"
    "def transfer():\n    if '-transfer' in sys.argv:\n        return requests.get('http://transfer/metrics')\n"
)
_SUPERVISOR = "[program:healthz_daemon]\ncommand=bash -c \"exec python manage.py healthz -d -i 600\"\n"


def test_a_flag_no_launch_file_passes_switches_its_code_off(tmp_path: Path) -> None:
    """bk-monitor (m27 D030, D032): healthz steps load only with `-wild` / `-transfer` in sys.argv (a
    controller's `_check`, an `if`); supervisor runs `manage.py healthz -d -i 600`, never with them."""
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/steps.py": _STEPS}, {"deploy/monitor.conf": _SUPERVISOR}) == []


def test_a_flag_the_launch_file_passes_keeps_its_code(tmp_path: Path) -> None:
    passing = {"deploy/monitor.conf": _SUPERVISOR.replace("-i 600", "-i 600 -wild -transfer")}
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/steps.py": _STEPS}, passing) == [("svc/steps.py", 23), ("svc/steps.py", 28)]
    once = {"deploy/monitor.conf": _SUPERVISOR.replace("-i 600", "-i 600 -transfer")}
    assert shipped_findings(tmp_path / "once", {"svc/__init__.py": "", "svc/steps.py": _STEPS}, once) == [("svc/steps.py", 28)]


def test_without_deployment_files_a_flag_tells_nothing(tmp_path: Path) -> None:
    requirements = {"requirements.txt": "requests\n"}
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/steps.py": _STEPS}, requirements) == [("svc/steps.py", 23), ("svc/steps.py", 28)]


_STORE = (
    "import os\nfrom redis import Redis\n\n\nclass Store:\n"
    "    _shared: bool = os.getenv('SHARED_STORE', 'False').lower() in ['true', 'yes']\n"
    "    client = None\n    if _shared:\n        client = Redis(host=os.getenv('REDIS_HOST'))\n"
)


def test_a_client_built_under_a_class_level_environment_switch_every_deployment_leaves_off_is_not_reported(tmp_path: Path) -> None:
    shipped = {"docker-compose.yml": "services:\n  api:\n    environment:\n      SHARED_STORE: ${SHARED_STORE:-False}\n"}
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/store.py": _STORE}, shipped) == []


def test_a_client_under_a_class_level_environment_switch_a_deployment_turns_on_is_reported(tmp_path: Path) -> None:
    shipped = {"docker-compose.yml": "services:\n  api:\n    environment:\n      SHARED_STORE: 'true'\n"}
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/store.py": _STORE}, shipped) == [("svc/store.py", 9)]
    assert shipped_findings(tmp_path / "bare", {"svc/__init__.py": "", "svc/store.py": _STORE}, {}) == [("svc/store.py", 9)]


def test_an_environment_test_against_a_module_list_of_true_words_is_a_switch(tmp_path: Path) -> None:
    settings = "import os\n\ntrue_strings = ['true', 'True', 't', '1']\nTASK_CACHE_ENABLED = os.environ.get('TASK_CACHE', 'false') in true_strings\n"
    files = {"svc/__init__.py": "", "svc/settings.py": settings, "svc/tasks.py": _CACHE}
    assert shipped_findings(tmp_path, files, {"Dockerfile": "FROM python\nENV TASK_CACHE_OTHER=1\n"}) == []
    assert shipped_findings(tmp_path, files, {"docker-compose.yml": "services:\n  web:\n    environment:\n      TASK_CACHE: 'true'\n"}) == [("svc/tasks.py", 7)]


def test_a_settings_key_read_by_decouple_with_a_false_default_is_an_environment_switch(tmp_path: Path) -> None:
    """`config("K", default=False, cast=bool)` (python-decouple) is off until a deployment file sets K."""
    settings = "from decouple import config\n\nTASK_CACHE_ENABLED = config('TASK_CACHE_ENABLED', default=False, cast=bool)\n"
    files = {"svc/__init__.py": "", "svc/tasks.py": _CACHE, "svc/settings.py": settings}
    assert shipped_findings(tmp_path, files, {"Dockerfile": "FROM python:3.12\nENV APP_ENV production\n"}) == []
    shipped = {"docker-compose.yml": "services:\n  worker:\n    environment:\n      TASK_CACHE_ENABLED: 'yes'\n"}
    assert shipped_findings(tmp_path, files, shipped) == [("svc/tasks.py", 7)]
    assert shipped_findings(tmp_path, files, {}) == [("svc/tasks.py", 7)]


_ALERTS = (
    "import requests\nfrom apscheduler.schedulers.asyncio import AsyncIOScheduler\nfrom decouple import config\n"
    "from fastapi import FastAPI\n\napp = FastAPI()\napp.sched = AsyncIOScheduler()\n\n\n"
    "def process():\n    requests.get('http://rules.internal/check')\n\n\n"
    "@app.get('/health')\nasync def health():\n    return {}\n\n\n"
    "if config('LOCAL_RUN', default=False, cast=bool):\n    @app.get('/run')\n    async def run_now():\n        process()\n"
)


def test_a_function_only_a_route_under_an_unset_decouple_switch_reaches_is_not_reported(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": _ALERTS}
    assert shipped_findings(tmp_path, files, {"Dockerfile": "FROM python:3.12\nENV APP_ENV production\n"}) == []


def test_the_same_function_a_scheduler_also_runs_is_reported(tmp_path: Path) -> None:
    """`app.sched.add_job(**{"func": process, "trigger": "interval"})`: the deployed service runs it, switch or not."""
    source = _ALERTS + "\napp.sched.add_job(id='p', **{'func': process, 'trigger': 'interval', 'minutes': 5})\n"
    files = {"svc/__init__.py": "", "svc/app.py": source}
    assert shipped_findings(tmp_path, files, {"Dockerfile": "FROM python:3.12\nENV APP_ENV production\n"}) == [("svc/app.py", 11)]


_ELB_SETTINGS = (
    "import requests\nfrom os import environ as env\n\nALLOWED_HOSTS = ['localhost']\n"
    "if env.get('APP_USE_ELB', 'False') == 'True':\n"
    "    ALLOWED_HOSTS.append(requests.get('http://instance-data/latest/meta-data/local-ipv4').text)\n"
)


def test_an_environment_switch_read_through_an_imported_alias_of_os_environ_is_a_switch(tmp_path: Path) -> None:
    """sfm-ui's settings (n52 NA019): `from os import environ as env`, then `env.get('SFM_USE_ELB', 'False') == 'True'`
    guards a start-up call no shipped file turns on; the resolver, not the spelling, says `env.get` reads the environment."""
    files = {"svc/__init__.py": "", "svc/settings.py": _ELB_SETTINGS}
    assert shipped_findings(tmp_path, files, {"Dockerfile": "FROM python:3.12\nENV APP_DEBUG False\n"}) == []
    shipped = {"Dockerfile": "FROM python:3.12\nENV APP_USE_ELB True\n"}
    assert shipped_findings(tmp_path / "on", files, shipped) == [("svc/settings.py", 6)]


def test_a_method_named_get_on_another_object_is_no_environment_read(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/settings.py": _ELB_SETTINGS.replace("from os import environ as env", "env = {'APP_USE_ELB': 'True'}")}
    assert shipped_findings(tmp_path, files, {"Dockerfile": "FROM python:3.12\nENV APP_DEBUG False\n"}) == [("svc/settings.py", 6)]
