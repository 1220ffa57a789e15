"""PRR501 and a host read from a configuration key (socket_targets.loopback_through, project/switches.py):
a client whose URL's host is `CONFIG.get("MODEL_HOST")` calls a process beside the service when every value
the repository ships for the key (config defaults in code, compose environment, `.env` files) is a loopback
address and either the image sets it (Dockerfile `ENV`) or no deployment file names it at all (only the
application's configuration gives it a value: `SMTP_SERVER = "localhost"`, `os.getenv("SMTP_SERVER",
"localhost")`); one value naming another host, a template, no shipped value, a read with no loopback default,
or a loopback address a deployment file spells but the image does not keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_CONF = "class Config(dict):\n    defaults = {'MODEL_HOST': '127.0.0.1', 'MODEL_PORT': '8081'}\n\n\nCONFIG = Config(Config.defaults)\n"
_CLIENT = (
    "import requests\nfrom svc.conf import CONFIG\n\n\ndef embed(texts):\n"
    "    bind = f'{CONFIG.get(\"MODEL_HOST\")}:{CONFIG.get(\"MODEL_PORT\")}'\n"
    "    return requests.post(f'http://{bind}{CONFIG.get(\"PREFIX\")}/embed', json=texts).json()\n"
)
_DOCKERFILE = "FROM python:3.12\nENV APP_DB_HOST=127.0.0.1 \\\n    APP_MODEL_HOST=127.0.0.1 \\\n    APP_MODEL_PORT=8081\nCMD [\"python\", \"main.py\"]\n"


def _service(conf: str = _CONF) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/conf.py": conf, "svc/models.py": _CLIENT}


def test_a_host_key_every_shipped_value_of_which_is_loopback_is_left_alone(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _service(), {"Dockerfile": _DOCKERFILE, ".env.example": "APP_MODEL_HOST=localhost\n"}) == []


def test_a_compose_file_pointing_the_key_at_another_service_keeps_the_call(tmp_path: Path) -> None:
    compose = "services:\n  web:\n    environment:\n      APP_MODEL_HOST: models\n  models:\n    image: models\n"
    assert shipped_findings(tmp_path, _service(), {"Dockerfile": _DOCKERFILE, "docker-compose.yml": compose}) == [("svc/models.py", 7)]


def test_a_manifest_filling_the_key_from_a_template_keeps_the_call(tmp_path: Path) -> None:
    manifest = "env:\n  - name: APP_MODEL_HOST\n    value: {{ .Values.modelHost }}\n"
    assert shipped_findings(tmp_path, _service(), {"chart/templates/deployment.yaml": manifest}) == [("svc/models.py", 7)]


def test_a_key_no_code_or_file_gives_a_value_keeps_the_call(tmp_path: Path) -> None:
    conf = "class Config(dict):\n    defaults = {'MODEL_PORT': '8081'}\n\n\nCONFIG = Config(Config.defaults)\n"
    assert shipped_findings(tmp_path, _service(conf), {"Dockerfile": "FROM python:3.12\n"}) == [("svc/models.py", 7)]


def test_a_loopback_key_followed_by_more_host_text_keeps_the_call(tmp_path: Path) -> None:
    """`f"http://{CONFIG.get('MODEL_HOST')}{suffix}/x"`: what follows may lengthen the host."""
    client = _CLIENT.replace("bind = f'{CONFIG.get(\"MODEL_HOST\")}:{CONFIG.get(\"MODEL_PORT\")}'", "bind = CONFIG.get('MODEL_HOST')")
    files = {**_service(), "svc/models.py": client}
    assert shipped_findings(tmp_path, files, {"Dockerfile": _DOCKERFILE}) == [("svc/models.py", 7)]


def test_a_loopback_only_in_code_defaults_and_an_env_file_keeps_the_call(tmp_path: Path) -> None:
    """astron-agent's `APP_MANAGE_PLAT_APP_LIST=http://127.0.0.1:5052/...` in a config.env, where port 5052
    is another container of the compose file: a developer's default, not a process beside the service."""
    compose = "services:\n  web:\n    env_file: config.env\n  tenant:\n    ports:\n      - '8081:8081'\n"
    shipped = {"config.env": "APP_MODEL_HOST=127.0.0.1\n", "docker-compose.yml": compose, "Dockerfile": "FROM python:3.12\n"}
    assert shipped_findings(tmp_path, _service(), shipped) == [("svc/models.py", 7)]


_FLASK_DEFAULT = "SMTP_SERVER = 'localhost'\nEMAIL_FROM = 'noreply@example.org'\n"
_FLASK_DOCKER = "import os\n\nSMTP_SERVER = os.getenv('SMTP_SERVER', 'localhost')\n"
_MAILER = (
    "import smtplib\nfrom flask import current_app\n\n\ndef recover(address, text):\n"
    "    smtp = smtplib.SMTP(current_app.config['SMTP_SERVER'])\n    smtp.sendmail(current_app.config['EMAIL_FROM'], address, text)\n"
)
_APP_COMPOSE = "services:\n  api:\n    build: .\n    environment:\n      APP_CONFIG: /code/config/docker.py\n  db:\n    image: postgres\n"


def _flask(docker: str = _FLASK_DOCKER) -> Dict[str, str]:
    return {"config/__init__.py": "", "config/default.py": _FLASK_DEFAULT, "config/docker.py": docker,
            "app/__init__.py": "", "app/mail.py": _MAILER}


def test_a_flask_setting_every_config_module_points_at_the_local_mta_is_left_alone(tmp_path: Path) -> None:
    """skylines' SMTP_SERVER: 'localhost' in the default config, and the docker config's environment read
    defaults to it; the compose file runs the app and a database, and names no mail server."""
    assert shipped_findings(tmp_path, _flask(), {"docker-compose.yml": _APP_COMPOSE, "Dockerfile": "FROM python:3.12\n"}) == []


def test_a_compose_file_setting_the_flask_setting_to_a_mail_host_keeps_the_call(tmp_path: Path) -> None:
    compose = _APP_COMPOSE.replace("      APP_CONFIG", "      SMTP_SERVER: mail\n      APP_CONFIG")
    assert shipped_findings(tmp_path, _flask(), {"docker-compose.yml": compose}) == [("app/mail.py", 6)]


def test_the_variable_a_loopback_default_is_read_from_set_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    docker = "import os\n\nSMTP_SERVER = os.getenv('MAIL_RELAY', 'localhost')\n"
    compose = _APP_COMPOSE.replace("      APP_CONFIG", "      MAIL_RELAY: postfix\n      APP_CONFIG")
    assert shipped_findings(tmp_path, _flask(docker), {"docker-compose.yml": compose}) == [("app/mail.py", 6)]


def test_a_setting_read_from_the_environment_with_no_default_keeps_the_call(tmp_path: Path) -> None:
    docker = "import os\n\nSMTP_SERVER = os.getenv('SMTP_SERVER')\n"
    assert shipped_findings(tmp_path, _flask(docker), {"docker-compose.yml": _APP_COMPOSE}) == [("app/mail.py", 6)]


_EMBED_CLIENT = (
    "import os\nimport requests\n\n\ndef embed(texts):\n"
    "    return requests.post(f'http://{os.getenv(\"EMBED_HOST\", \"localhost\")}:9001/embed', json=texts).json()\n"
)


def test_a_client_reading_its_host_with_a_loopback_default_no_file_sets_is_left_alone(tmp_path: Path) -> None:
    """The read's own default is the key's one value in code; the compose file names no EMBED_HOST."""
    files = {"svc/__init__.py": "", "svc/embed.py": _EMBED_CLIENT}
    assert shipped_findings(tmp_path, files, {"docker-compose.yml": _APP_COMPOSE}) == []


def test_a_compose_file_setting_the_host_a_loopback_default_is_read_from_keeps_the_call(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/embed.py": _EMBED_CLIENT}
    compose = _APP_COMPOSE.replace("      APP_CONFIG", "      EMBED_HOST: embedder\n      APP_CONFIG")
    assert shipped_findings(tmp_path, files, {"docker-compose.yml": compose}) == [("svc/embed.py", 6)]
