"""PRR303 and configuration switches (rules/config_switches.py `unless_switched_off`, project/switched_findings.py):
a wait on a task result that runs only under a key every shipped configuration leaves off, or that serving code
reaches only through calls under such a key, is not reported, as for PRR501 and PRR505.

The shape: a Flask app factory loading its defaults from a config class, then the deployment's own files from its
instance folder (`from_pyfile`, `from_envvar`); a preview view that reads `PREVIEW_REMOTE` with a false default into a
local name and, when it is on, queues the work on Celery and waits for it (rendering inline otherwise). Left alone
when nothing defines the key; kept when the config class, a shipped configuration file or a deployment file turns it
on, when a load copies the environment into the config (`from_prefixed_env`) or the code copies the key from the
environment, and for the view that waits under no switch."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import shipped_findings

_FACTORY = (
    "import os\n\nimport flask\n\nfrom previews.views import bp\n\n\n"
    "class Defaults:\n    DEBUG = False\n{defaults}\n\n"
    "def build_app():\n"
    "    app = flask.Flask(__name__, instance_path=os.path.join(os.path.dirname(__file__), 'instance'),\n"
    "                      instance_relative_config=True)\n"
    "    app.config.from_object(Defaults)\n"
    "    app.config.from_pyfile('settings.py', silent=True)\n"
    "    app.config.from_envvar('PREVIEWS_SETTINGS', silent=True)\n"
    "{extra}"
    "    app.register_blueprint(bp)\n"
    "    return app\n"
)
_TASKS = "from celery import shared_task\n\n\n@shared_task\ndef render(source):\n    return source.upper()\n"
_VIEWS = (
    "import flask\n\nfrom previews.tasks import render\n\nbp = flask.Blueprint('previews', __name__)\n\n\n"
    "@bp.post('/preview')\ndef preview():\n"
    "    source = flask.request.get_data(as_text=True)\n"
    "    remote = flask.current_app.config.get('PREVIEW_REMOTE', False)\n"
    "    if remote:\n"
    "        return render.delay(source).get(timeout=20)\n"
    "    return source.upper()\n\n\n"
    "@bp.post('/render')\ndef render_now():\n"
    "    return render.delay(flask.request.get_data(as_text=True)).get(timeout=20)\n"
)
_DOCKERFILE = "FROM python:3.12\nCOPY . /srv\nCMD [\"gunicorn\", \"previews:build_app()\"]\n"
_SWITCHED = ("previews/views.py", 13)
_UNSWITCHED = ("previews/views.py", 19)


def _findings(tmp_path: Path, defaults: str = "", extra: str = "", views: str = _VIEWS, configs: Optional[Dict[str, str]] = None,
              deployment: Optional[Dict[str, str]] = None) -> List[Tuple[str, int]]:
    files = {"previews/__init__.py": _FACTORY.replace("{defaults}", defaults).replace("{extra}", extra),
             "previews/tasks.py": _TASKS, "previews/views.py": views}
    for name, text in {**files, **(configs or {})}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    shipped = {"Dockerfile": _DOCKERFILE} if deployment is None else deployment
    return sorted(shipped_findings(tmp_path, files, shipped, rule="PRR303"))


def test_a_wait_under_a_key_nothing_defines_is_left_alone(tmp_path: Path) -> None:
    assert _findings(tmp_path) == [_UNSWITCHED]


def test_a_config_class_turning_the_key_on_keeps_the_wait(tmp_path: Path) -> None:
    assert _findings(tmp_path, defaults="    PREVIEW_REMOTE = True\n") == [_SWITCHED, _UNSWITCHED]


def test_a_config_class_leaving_the_key_off_drops_the_wait(tmp_path: Path) -> None:
    assert _findings(tmp_path, defaults="    PREVIEW_REMOTE = False\n") == [_UNSWITCHED]


def test_a_shipped_instance_file_setting_the_key_keeps_the_wait(tmp_path: Path) -> None:
    configs = {"previews/instance/settings.py": "PREVIEW_REMOTE = True\n"}
    assert _findings(tmp_path, configs=configs) == [_SWITCHED, _UNSWITCHED]


def test_a_deployment_file_setting_the_key_keeps_the_wait(tmp_path: Path) -> None:
    compose = "services:\n  web:\n    build: .\n    environment:\n      FLASK_PREVIEW_REMOTE: \"true\"\n"
    assert _findings(tmp_path, extra="    app.config.from_prefixed_env()\n",
                     deployment={"Dockerfile": _DOCKERFILE, "docker-compose.yml": compose}) == [_SWITCHED, _UNSWITCHED]


def test_a_config_the_environment_fills_keeps_the_wait(tmp_path: Path) -> None:
    assert _findings(tmp_path, extra="    app.config.from_prefixed_env()\n") == [_SWITCHED, _UNSWITCHED]
    assert _findings(tmp_path, extra="    app.config.from_mapping(os.environ)\n") == [_SWITCHED, _UNSWITCHED]


def test_a_key_the_code_copies_from_the_environment_keeps_the_wait(tmp_path: Path) -> None:
    extra = "    app.config['PREVIEW_REMOTE'] = os.environ.get('PREVIEW_REMOTE')\n"
    assert _findings(tmp_path, extra=extra) == [_SWITCHED, _UNSWITCHED]


def test_a_switch_on_a_computed_value_keeps_the_wait(tmp_path: Path) -> None:
    views = _VIEWS.replace("flask.current_app.config.get('PREVIEW_REMOTE', False)", "len(source) > 4096")
    assert _findings(tmp_path, views=views) == [_SWITCHED, _UNSWITCHED]


def test_a_read_without_a_default_is_a_blank_the_deployment_fills(tmp_path: Path) -> None:
    views = _VIEWS.replace("config.get('PREVIEW_REMOTE', False)", "config.get('PREVIEW_REMOTE')")
    assert _findings(tmp_path, views=views) == [_SWITCHED, _UNSWITCHED]


_HELPER_VIEWS = (
    "import flask\n\nfrom previews.tasks import render\n\nbp = flask.Blueprint('previews', __name__)\n"
    "REMOTE_PREVIEWS = {remote}\n\n\n"
    "def remote_preview(source):\n    return render.delay(source).get(timeout=20)\n\n\n"
    "@bp.post('/preview')\ndef preview():\n"
    "    source = flask.request.get_data(as_text=True)\n"
    "    if REMOTE_PREVIEWS:\n        return remote_preview(source)\n"
    "    return source.upper()\n"
)


def test_a_wait_reached_only_through_a_switched_off_call_is_left_alone(tmp_path: Path) -> None:
    assert _findings(tmp_path, views=_HELPER_VIEWS.replace("{remote}", "False")) == []


def test_a_wait_reached_through_a_switched_on_call_is_reported(tmp_path: Path) -> None:
    assert _findings(tmp_path, views=_HELPER_VIEWS.replace("{remote}", "True")) == [("previews/views.py", 10)]
