"""PRR505 and configuration switches (rules/switched_calls.py, project/switches.py): a route defined, a hop
taken or a blocking call made only under a key that is off in every shipped configuration is not on the
event loop's path; a deployment file that turns the key on, a default that is on, or a project with no
deployment file at all keeps the finding."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import libcst as cst
import pytest

from _serving import run_on_disk
from prr_lint.switch_keys import ENV, ENV_MASK, OFF, ON, value_kind

_DEBUG_ROUTES = (
    "import os\nimport time\nfrom fastapi import APIRouter, FastAPI\n\n"
    "ADD_DEBUGGING_ROUTES = os.environ.get('ADD_DEBUGGING_ROUTES') in ('1', 'true')\n\n\n"
    "def add_debugging_routes(api: FastAPI):\n    if not ADD_DEBUGGING_ROUTES:\n        return\n"
    "    router = APIRouter(prefix='/debugging')\n\n    @router.get('/lock')\n    async def lock():\n"
    "        time.sleep(10)\n        return {}\n\n    api.include_router(router)\n\n\n"
    "app = FastAPI()\nadd_debugging_routes(app)\n"
)
_DOCKERFILE = "FROM python:3.12\nENV APP_ENV=production\nCMD [\"uvicorn\", \"svc.app:app\"]\n"
_HANDLERS = (
    "import subprocess\nimport time\nfrom fastapi import APIRouter\nfrom svc import settings\nrouter = APIRouter()\n\n\n"
    "def mount(share):\n    subprocess.run(['mount.cifs', share], check=True)\n\n\n"
    "@router.post('/cameras')\nasync def add_camera(share: str):\n    if settings.SMB_SHARES:\n        mount(share)\n"
    "    if settings.ENABLE_REBOOT:\n        time.sleep(5)\n    else:\n        time.sleep(2)\n    return {}\n"
)


def _findings(tmp_path: Path, files: Dict[str, str], shipped: Dict[str, str]) -> List[Tuple[str, int]]:
    result = run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, select=("PRR505",), on_disk_only=shipped,
                         launch_files=tuple(shipped))
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_a_route_behind_an_environment_switch_no_deployment_file_sets_is_not_served(tmp_path: Path) -> None:
    assert _findings(tmp_path, {"svc/app.py": _DEBUG_ROUTES}, {"Dockerfile": _DOCKERFILE}) == []


def test_a_compose_file_that_turns_the_switch_on_keeps_the_route(tmp_path: Path) -> None:
    compose = "services:\n  web:\n    environment:\n      ADD_DEBUGGING_ROUTES: \"1\"\n"
    shipped = {"Dockerfile": _DOCKERFILE, "docker-compose.yml": compose}
    assert _findings(tmp_path, {"svc/app.py": _DEBUG_ROUTES}, shipped) == [("svc/app.py", 15)]


def test_a_switch_whose_default_is_on_keeps_the_route(tmp_path: Path) -> None:
    source = _DEBUG_ROUTES.replace("os.environ.get('ADD_DEBUGGING_ROUTES')", "os.environ.get('ADD_DEBUGGING_ROUTES', 'true')")
    assert _findings(tmp_path, {"svc/app.py": source}, {"Dockerfile": _DOCKERFILE}) == [("svc/app.py", 15)]


def test_with_no_deployment_file_an_environment_switch_counts_as_on(tmp_path: Path) -> None:
    shipped = {"requirements.txt": "fastapi\n", ".github/workflows/ci.yml": "env:\n  CI: 'true'\n"}
    assert _findings(tmp_path, {"svc/app.py": _DEBUG_ROUTES}, shipped) == [("svc/app.py", 15)]


def test_hops_and_calls_behind_a_settings_switch_that_is_false_are_not_followed(tmp_path: Path) -> None:
    settings = "SMB_SHARES = False\nENABLE_REBOOT = False\n"
    found = _findings(tmp_path, {"svc/settings.py": settings, "svc/handlers.py": _HANDLERS}, {})
    assert found == [("svc/handlers.py", 19)]  # the `else` branch runs when the key is off


def test_a_settings_switch_that_is_on_keeps_the_hop(tmp_path: Path) -> None:
    settings = "SMB_SHARES = True\nENABLE_REBOOT = False\n"
    found = _findings(tmp_path, {"svc/settings.py": settings, "svc/handlers.py": _HANDLERS}, {})
    assert found == [("svc/handlers.py", 9), ("svc/handlers.py", 19)]


def test_a_sample_configuration_that_turns_the_setting_on_keeps_the_hop(tmp_path: Path) -> None:
    settings = "SMB_SHARES = False\nENABLE_REBOOT = False\n"
    shipped = {"extra/app.conf": "SMB_SHARES = True\n"}
    found = _findings(tmp_path, {"svc/settings.py": settings, "svc/handlers.py": _HANDLERS}, shipped)
    assert found == [("svc/handlers.py", 9), ("svc/handlers.py", 19)]


def test_environment_reads_that_are_false_while_unset() -> None:
    off_unless_set = ["os.environ.get('K') in ('1', 'true')", "os.getenv('K', 'false').lower() == 'true'",
                      "bool(os.getenv('K'))", "os.environ.get('K', False)"]
    assert [value_kind(cst.parse_expression(text)).partition(ENV_MASK)[0] for text in off_unless_set] == [ENV + "K"] * 4
    on = ["os.getenv('K', 'true').lower() == 'true'", "os.environ.get('K')", "os.getenv('K', default) == '1'", "settings.K"]
    assert [value_kind(cst.parse_expression(text)) for text in on] == [ON] * 4
    assert value_kind(cst.parse_expression("False")) == OFF


_FLAGGED = (
    "import sys\nimport time\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    "@app.get('/pause')\nasync def pause():\n    if '--slow' in sys.argv:\n        time.sleep(5)\n    return {}\n"
)
_SUPERVISOR = "[program:api]\ncommand=uvicorn svc.app:app --port 8000\n"


def test_a_command_line_flag_no_launch_file_passes_switches_the_blocking_call_off(tmp_path: Path) -> None:
    """As for PRR501 (switches.py): supervisor starts the server without `--slow`, so only an operator who
    types it runs the sleep; a launch file that passes it keeps the finding."""
    assert _findings(tmp_path, {"svc/app.py": _FLAGGED}, {"deploy/api.conf": _SUPERVISOR}) == []
    passing = {"deploy/api.conf": _SUPERVISOR.replace("--port 8000", "--port 8000 --slow")}
    assert _findings(tmp_path / "passed", {"svc/app.py": _FLAGGED}, passing) == [("svc/app.py", 11)]


_TASKS = (
    "import os\nimport time\nfrom fastapi import FastAPI\napp = FastAPI()\n\n\n"
    "class Tasks:\n    _shared: bool = os.getenv('SHARED_TASKS', 'False').lower() in ['true', 'yes']\n\n"
    "    def __init__(self):\n        self.local = {}\n\n"
    "    async def put(self, key, value):\n        if self._shared:\n            time.sleep(1)\n"
    "        else:\n            self.local[key] = value\n\n\n"
    "TASKS = Tasks()\n\n\n@app.post('/tasks')\nasync def post(key: str):\n    await TASKS.put(key, 1)\n    return {}\n"
)


def test_a_class_attribute_read_from_an_environment_switch_every_deployment_leaves_off_is_off(tmp_path: Path) -> None:
    compose = "services:\n  api:\n    environment:\n      SHARED_TASKS: ${SHARED_TASKS:-False}\n"
    values = "env:\n  SHARED_TASKS: \"False\"\n"
    shipped = {"Dockerfile": _DOCKERFILE, "docker-compose.yml": compose, "deploy/values.yaml": values}
    assert _findings(tmp_path, {"svc/app.py": _TASKS}, shipped) == []


def test_a_deployment_that_turns_the_class_attribute_switch_on_keeps_the_call(tmp_path: Path) -> None:
    compose = "services:\n  api:\n    environment:\n      SHARED_TASKS: ${SHARED_TASKS:-True}\n"
    assert _findings(tmp_path, {"svc/app.py": _TASKS}, {"Dockerfile": _DOCKERFILE, "docker-compose.yml": compose}) == [("svc/app.py", 15)]
    values = "env:\n  SHARED_TASKS: \"True\"\n"
    shipped = {"Dockerfile": _DOCKERFILE, "deploy/values.yaml": values}
    assert _findings(tmp_path, {"svc/app.py": _TASKS}, shipped) == [("svc/app.py", 15)]


def test_a_commented_out_setting_does_not_turn_the_switch_on(tmp_path: Path) -> None:
    shipped = {"Dockerfile": _DOCKERFILE, "deploy/dev.env": "# export SHARED_TASKS=True  # uncomment for a shared store\n"}
    assert _findings(tmp_path, {"svc/app.py": _TASKS}, shipped) == []


def test_a_substitution_of_another_variable_keeps_the_switch_to_the_deployment(tmp_path: Path) -> None:
    compose = "services:\n  api:\n    environment:\n      SHARED_TASKS: ${USE_SHARED:-False}\n"
    shipped = {"Dockerfile": _DOCKERFILE, "docker-compose.yml": compose}
    assert _findings(tmp_path, {"svc/app.py": _TASKS}, shipped) == [("svc/app.py", 15)]


def test_a_typed_environment_reader_with_a_false_default_is_an_environment_switch() -> None:
    for source, kind in (("env.bool('RUN_ASYNC', default=0)", ENV + "RUN_ASYNC"), ("env.bool('RUN_ASYNC', False)", ENV + "RUN_ASYNC"),
                         ("env.bool('RUN_ASYNC', default=True)", ON), ("env.bool('RUN_ASYNC')", ON)):
        assert value_kind(cst.parse_expression(source)).partition(ENV_MASK)[0] == kind, source


_LOCAL_ONLY = (
    "import time\nfrom decouple import config\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    "def process():\n    time.sleep(3)\n\n\n"
    "@app.get('/health')\nasync def health():\n    return {}\n\n\n"
    "if config('LOCAL_RUN', default=False, cast=bool):\n    @app.get('/run')\n    async def run_now():\n        process()\n"
)
_VALUES = "alerts:\n  env:\n    LOG_LEVEL: info\n"


def test_a_route_registered_under_a_decouple_switch_no_deployment_file_sets_is_not_served(tmp_path: Path) -> None:
    """python-decouple's `config("K", default=False, cast=bool)` is an environment switch (env_eval.py): the
    image and the chart never set LOCAL_RUN, so `/run` is a developer's route and its blocking hop is no finding."""
    shipped = {"Dockerfile": _DOCKERFILE, "helm/values.yaml": _VALUES}
    assert _findings(tmp_path, {"svc/app.py": _LOCAL_ONLY}, shipped) == []


def test_a_deployment_that_sets_the_decouple_switch_keeps_the_route(tmp_path: Path) -> None:
    compose = "services:\n  alerts:\n    environment:\n      LOCAL_RUN: \"true\"\n"
    shipped = {"Dockerfile": _DOCKERFILE, "docker-compose.yml": compose}
    assert _findings(tmp_path, {"svc/app.py": _LOCAL_ONLY}, shipped) == [("svc/app.py", 9)]


def test_a_decouple_switch_with_no_deployment_file_keeps_the_route(tmp_path: Path) -> None:
    assert _findings(tmp_path, {"svc/app.py": _LOCAL_ONLY}, {"requirements.txt": "fastapi\n"}) == [("svc/app.py", 9)]


def test_a_starlette_config_instance_reads_the_switch_the_same_way(tmp_path: Path) -> None:
    source = _LOCAL_ONLY.replace("from decouple import config\n", "from starlette.config import Config\nconfig = Config('.env')\n")
    assert _findings(tmp_path, {"svc/app.py": source}, {"Dockerfile": _DOCKERFILE}) == []
    assert _findings(tmp_path, {"svc/app.py": source.replace("default=False", "default=True")}, {"Dockerfile": _DOCKERFILE}) == [("svc/app.py", 10)]


# A logger that posts each event only once `setup` enabled it; only the program's start-up runs `setup`, under a switch.
_XLOG = (
    "import requests\n\n\nclass EventLog:\n    def __init__(self):\n        self.url = None\n        self.enabled = False\n\n"
    "    def setup(self, url):\n        self.url = url\n        self.enabled = True\n\n"
    "    def debug(self, message):\n        self._commit('Debug', message)\n\n"
    "    def _commit(self, level, message):\n        if not self.enabled:\n            return\n"
    "        try:\n            requests.post(self.url, json={'l': level, 'm': message}, timeout=2)\n"
    "        except requests.RequestException:\n            self.enabled = False\n\n\nevents = EventLog()\n"
)
_XLOG_API = (
    "from fastapi import FastAPI\nfrom svc import settings\nfrom svc.events import events\n\napp = FastAPI()\n\n\n"
    "def start():\n    if settings.SEQ_LOGGING:\n        events.setup(settings.SEQ_URL)\n\n\n"
    "@app.get('/models')\nasync def models():\n    events.debug('listing models')\n    return []\n"
)
_XLOG_SHIPPED = {"Dockerfile": "FROM python:3.12\nCMD [\"uvicorn\", \"svc.api:app\"]\n"}


def _xlog(tmp_path: Path, events: str = _XLOG, api: str = _XLOG_API, settings: str = "SEQ_LOGGING = False\nSEQ_URL = ''\n") -> List[Tuple[str, int]]:
    return _findings(tmp_path, {"svc/events.py": events, "svc/api.py": api, "svc/settings.py": settings}, _XLOG_SHIPPED)


def test_a_call_behind_an_attribute_only_a_method_run_under_an_off_switch_enables_is_not_on_the_path(tmp_path: Path) -> None:
    """`_commit` posts only once `setup` set `enabled`, and only `if settings.SEQ_LOGGING:` runs `setup` (tabbyapi Y029)."""
    assert _xlog(tmp_path) == []


@pytest.mark.parametrize("change", [
    {"settings": "SEQ_LOGGING = True\nSEQ_URL = ''\n"},  # the switch is on
    {"api": _XLOG_API.replace("    if settings.SEQ_LOGGING:\n        events.setup", "    events.setup")},  # setup always runs
    {"events": _XLOG.replace("        self.enabled = False\n\n    def setup", "        self.enabled = True\n\n    def setup")},  # on from the start
    {"events": _XLOG + "\n\ndef force():\n    events.enabled = True\n"},  # turned on from outside the class
    {"api": _XLOG_API + "\n\nHOOKS = [events.setup]\n"},  # setup handed on as a value: anything may run it
])
def test_the_enabled_attribute_stays_a_path_when_anything_may_turn_it_on(tmp_path: Path, change: Dict[str, str]) -> None:
    assert _xlog(tmp_path, **change) == [("svc/events.py", 20)]
