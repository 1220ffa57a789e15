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
