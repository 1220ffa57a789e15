"""PRR501 and hosts written in the code: a base URL constant joined to a path (url_parts.host_part, `urljoin`:
socket_targets.kept_host), and a mail client built with no host that connects later (rules/late_connect.py), whose
`connect()` host is judged as a constructor's host is (socket_targets.loopback_through). The local MTA written in the code, or a project
constant bound only to it, is this host; a constant bound anywhere to another host, or an environment variable a
compose file sets to another host, keeps the `connect()` reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import pytest
from _serving import shipped_findings
from conftest import codes_and_lines, lint_sources

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


@pytest.mark.parametrize("joined, reported", [
    ("urljoin(BASE, 'status')", False),
    ("urljoin(BASE, '/health?full=1')", False),
    ("urljoin(BASE, f'jobs/{name}')", False),
    ("urljoin(BASE, '//mirror.example.org/status')", True),  # a network-path reference names its own host
    ("urljoin(BASE, 'https://mirror.example.org/status')", True),  # so does an absolute URL
    ("urljoin(BASE, name)", True),  # a value the code does not show
    ("urljoin(BASE, f'{name}/status')", True),
    ("BASE + name", False),  # the constant ends its host with its own `/`
    ("BARE + 'status'", True),  # `http://localhostStatus`: the path lengthens the host
])
def test_a_base_url_constant_joined_to_a_path_keeps_its_host(joined: str, reported: bool) -> None:
    source = ("from urllib.parse import urljoin\n\nimport requests\n\nBASE = 'http://127.0.0.1:8080/api/'\nBARE = 'http://localhost'\n\n\n"
              f"def fetch(name):\n    return requests.get({joined}).json()\n")
    assert codes_and_lines(lint_sources({"probe.py": source}, ["PRR501"])) == ([("PRR501", "probe.py", 10)] if reported else [])
