"""PRR501 and a mail client built with no host that connects later (rules/late_connect.py): the `connect()` host is
judged as a constructor's host is (socket_targets.loopback_through). The local MTA written in the code, or a project
constant bound only to it, is this host; a constant bound anywhere to another host, or an environment variable a
compose file sets to another host, keeps the `connect()` reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_MAILER = (
    "import smtplib\n\nfrom notices.settings import RELAY\n\n\n"
    "def notify(sender, to, body):\n    smtp = smtplib.SMTP()\n    smtp.connect(RELAY)\n"
    "    smtp.sendmail(sender, to, body)\n    smtp.quit()\n"
)
_ENV_MAILER = (
    "import os\nimport smtplib\n\n\n"
    "def notify(sender, to, body):\n    smtp = smtplib.SMTP()\n    smtp.connect(os.getenv('MAIL_RELAY', 'localhost'))\n"
    "    smtp.sendmail(sender, to, body)\n    smtp.quit()\n"
)
_UNIT = "[Service]\nExecStart=/srv/notices/venv/bin/gunicorn notices.app:app\n"
_COMPOSE = "services:\n  notices:\n    build: .\n    environment:\n      MAIL_RELAY: mail.example.org\n"


def _notices(relay: str, mailer: str = _MAILER) -> Dict[str, str]:
    return {"notices/__init__.py": "", "notices/settings.py": f"RELAY = {relay}\n", "notices/mail.py": mailer}


def test_a_connect_to_a_constant_bound_only_to_the_local_mta_is_left_alone(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _notices("'localhost'"), {}) == []


def test_a_connect_to_a_constant_bound_to_another_host_stays_reported(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _notices("'mail.example.org'"), {}) == [("notices/mail.py", 8)]


def test_a_connect_to_a_constant_read_from_the_environment_stays_reported(tmp_path: Path) -> None:
    relay = "__import__('os').environ['MAIL_RELAY']"
    assert shipped_findings(tmp_path, _notices(relay), {}) == [("notices/mail.py", 8)]


def test_a_connect_to_a_loopback_default_no_shipped_file_overrides_is_left_alone(tmp_path: Path) -> None:
    unit = {"deploy/notices.service": _UNIT}
    assert shipped_findings(tmp_path, _notices("''", _ENV_MAILER), unit) == []


def test_a_connect_to_a_loopback_default_a_compose_file_points_elsewhere_stays_reported(tmp_path: Path) -> None:
    compose = {"docker-compose.yml": _COMPOSE}
    assert shipped_findings(tmp_path, _notices("''", _ENV_MAILER), compose) == [("notices/mail.py", 7)]
