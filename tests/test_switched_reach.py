"""PRR501 and code that only a call under a switched-off key reaches (project/switched_reach.py): a client a
few calls away from its switch is not reported when every shipped configuration leaves the switch off (a
default-settings file, a settings module, an `else` of a branch that only logs, a key the branch needs off
that every configuration turns on); a deployment file that turns the switch on, or another caller outside
the switch, keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_CLIENT = "import requests\n\n\ndef refresh():\n    return requests.get('https://data.example.com/feed').json()\n"
_TASKS = "from svc.client import refresh\n\n\ndef refresh_task():\n    refresh()\n"
_LOADER = "import yaml\n\nsettings = yaml.safe_load(open('default_settings.yaml'))\n"
_HANDED = (
    "from flask import Flask\nfrom svc.settings import settings\nfrom svc.tasks import refresh_task\nfrom svc.pool import pool\n\n"
    "app = Flask(__name__)\n\n\n@app.route('/place')\ndef place():\n    if settings['BLOCK_FEED_ENABLED']:\n"
    "        pool.submit(refresh_task)\n    return 'ok'\n"
)
_POOL = "from concurrent.futures import ThreadPoolExecutor\n\npool = ThreadPoolExecutor(2)\n"


def _handed(extra: Dict[str, str] = {}) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/client.py": _CLIENT, "svc/tasks.py": _TASKS, "svc/settings.py": _LOADER,
            "svc/pool.py": _POOL, "svc/app.py": _HANDED, **extra}


def test_a_task_handed_off_only_under_a_key_the_default_settings_file_leaves_off_is_not_reported(tmp_path: Path) -> None:
    shipped = {"svc/default_settings.yaml": "BLOCK_FEED_ENABLED: False\n"}
    assert shipped_findings(tmp_path, _handed(), shipped) == []


def test_a_deployment_file_that_turns_the_key_on_keeps_the_reached_call(tmp_path: Path) -> None:
    shipped = {"svc/default_settings.yaml": "BLOCK_FEED_ENABLED: False\n",
               "docker-compose.yml": "services:\n  api:\n    environment:\n      SVC_BLOCK_FEED_ENABLED: 'true'\n"}
    assert shipped_findings(tmp_path, _handed(), shipped) == [("svc/client.py", 5)]


def test_another_caller_outside_the_switch_keeps_the_reached_call(tmp_path: Path) -> None:
    view = ("from flask import Blueprint\nfrom svc.client import refresh\n\nbp = Blueprint('feed', __name__)\n\n\n"
            "@bp.route('/feed')\ndef feed():\n    return refresh()\n")
    shipped = {"svc/default_settings.yaml": "BLOCK_FEED_ENABLED: False\n"}
    assert shipped_findings(tmp_path, _handed({"svc/feed.py": view}), shipped) == [("svc/client.py", 5)]


_WORKER = (
    "import logging\nfrom flask import Flask\nfrom svc.config import Config\nfrom svc.tasks import refresh_task\n\n"
    "app = Flask(__name__)\nlog = logging.getLogger(__name__)\n\n\n@app.route('/cleanup', methods=['POST'])\ndef run_cleanup():\n"
    "    if not Config.CLEANUP_ENABLED:\n        log.info('cleanup is disabled')\n    else:\n        refresh_task()\n"
    "    return 'ok'\n"
)


def test_the_else_of_a_branch_that_only_logs_a_switch_off_runs_only_when_it_is_on(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/client.py": _CLIENT, "svc/tasks.py": _TASKS, "svc/app.py": _WORKER,
             "svc/config.py": "class Config:\n    CLEANUP_ENABLED = False\n"}
    assert shipped_findings(tmp_path, files, {}) == []
    files["svc/config.py"] = "import os\n\n\nclass Config:\n    CLEANUP_ENABLED = os.environ.get('CLEANUP_ENABLED') == 'yes'\n"
    assert shipped_findings(tmp_path, files, {}) == [("svc/client.py", 5)]


_NOTIFY = (
    "from flask import Flask, current_app\nfrom svc.mail import send_mail\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/notify', methods=['POST'])\ndef notify():\n    if not current_app.config.get('USE_MESSENGER', True):\n"
    "        send_mail('ops@example.com', 'hello')\n    return 'sent'\n"
)
_MAIL = ("import smtplib\nfrom flask import current_app\n\n\ndef send_mail(to, body):\n"
         "    smtp = smtplib.SMTP(current_app.config['MAIL_SERVER'])\n    smtp.sendmail('svc', [to], body)\n")


def test_a_branch_that_needs_a_key_off_that_every_settings_file_turns_on_does_not_run(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": _NOTIFY, "svc/mail.py": _MAIL,
             "svc/settings.py": "MAIL_SERVER = ''\nUSE_MESSENGER = True\n"}
    assert shipped_findings(tmp_path, files, {}) == []


def test_a_deployment_that_turns_the_key_off_keeps_the_mail_call(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": _NOTIFY, "svc/mail.py": _MAIL,
             "svc/settings.py": "MAIL_SERVER = ''\nUSE_MESSENGER = True\n"}
    assert shipped_findings(tmp_path, files, {".env": "USE_MESSENGER=false\n"}) == [("svc/mail.py", 6)]


# A worker run by its module's name (`python -m svc.worker`, which nothing imports): its top level is where its process
# starts, and it mails an operator only under a key every configuration class leaves off.
_DEFAULTS = ("class DefaultConfig(object):\n    DEBUG = False\n    MAIL_SERVER = None\n    MAIL_PORT = 587\n"
             "    SEND_DEFERRED_EMAIL = False\n    SEND_DEFER_FAILED_EMAIL = False\n")
_CONFIGS = "from defaults import DefaultConfig\n\n\nclass ProductionConfig(DefaultConfig):\n    pass\n"
_HELPERS = ("import smtplib\n\n\ndef email_deferral(c, host, msg):\n    if c.MAIL_SERVER:\n"
            "        smtp = smtplib.SMTP(c.MAIL_SERVER, c.MAIL_PORT)\n        smtp.sendmail('moa', ['ops'], msg)\n        smtp.quit()\n\n\n"
            "def blacklisted(name, names):\n    return name in names\n")
_RUN = ("import importlib\nimport os\n\nfrom svc.helpers import email_deferral\n\n"
        "c = getattr(importlib.import_module('config'), os.environ.get('MOA_CONFIG', 'ProductionConfig'))\n\n"
        "for host in os.environ.get('HOSTS', '').split(','):\n    deferred = host.endswith('.down')\n"
        "    if deferred and c.SEND_DEFERRED_EMAIL:\n        email_deferral(c, host, 'deferred')\n"
        "    elif not deferred and c.SEND_DEFER_FAILED_EMAIL:\n        email_deferral(c, host, 'failed')\n")
_SITE = ("from flask import Flask, request\nfrom svc.helpers import blacklisted\n\napp = Flask(__name__)\n\n\n"
         "@app.route('/bridge', methods=['POST'])\ndef bridge():\n    return str(blacklisted(request.form['user'], []))\n")


def _worker(run: str = _RUN, configs: str = _CONFIGS) -> Dict[str, str]:
    return {"defaults.py": _DEFAULTS, "config.py": configs, "app.py": _SITE, "svc/__init__.py": "",
            "svc/helpers.py": _HELPERS, "svc/worker.py": run}


def test_a_helper_a_program_calls_only_under_keys_every_configuration_class_leaves_off_is_not_reported(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _worker(), {}) == []


def test_a_configuration_class_that_turns_a_key_on_keeps_the_programs_call(tmp_path: Path) -> None:
    configs = _CONFIGS.replace("    pass\n", "    SEND_DEFER_FAILED_EMAIL = True\n")
    assert shipped_findings(tmp_path, _worker(configs=configs), {}) == [("svc/helpers.py", 6)]


def test_a_program_that_calls_the_helper_outside_the_switch_keeps_it(tmp_path: Path) -> None:
    run = _RUN + "email_deferral(c, 'all', 'worker done')\n"
    assert shipped_findings(tmp_path, _worker(run=run), {}) == [("svc/helpers.py", 6)]


def test_a_helper_the_service_reaches_outside_a_switch_stays_reported_whatever_the_program_does(tmp_path: Path) -> None:
    site = _SITE.replace("blacklisted", "email_deferral").replace("(request.form['user'], [])", "(app.config, 'x', 'y')")
    files = {**_worker(), "app.py": site}
    assert shipped_findings(tmp_path, files, {}) == [("svc/helpers.py", 6)]
