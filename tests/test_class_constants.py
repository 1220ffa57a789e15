"""PRR501 and a class constant (project/class_constants.py, `field:<name>@<owner>` keys): `check_running: bool =
False` in a plain class, tested as `if Env.check_running:`, is what Python binds when nothing rebinds it, so what
runs only under that test never runs. A true value, a store of the attribute, a `setattr` by its name or of a
computed name on the class, a base class, or a shipped file naming it keeps the finding."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_ENVS = "class Env:\n    base_dir = 'data'\n    check_running: bool = False\n"
_APP = (
    "import requests\nfrom flask import Flask\nfrom svc.envs import Env\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/')\ndef index():\n    if Env.check_running:\n        requests.post('http://jobs/running')\n    return 'ok'\n"
)
_FINDING = [("svc/app.py", 11)]


def _files(envs: str = _ENVS, app: str = _APP, **more: str) -> dict:
    return {"svc/__init__.py": "", "svc/envs.py": envs, "svc/app.py": app, **more}


def test_a_class_constant_bound_once_to_false_switches_its_branch_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {}) == []


def test_a_helper_called_only_under_the_constant_is_off_too(tmp_path: Path) -> None:
    app = _APP.replace("        requests.post('http://jobs/running')\n", "        check()\n") + \
        "\n\ndef check():\n    requests.post('http://jobs/running')\n"
    assert shipped_findings(tmp_path, _files(app=app), {}) == []


def test_a_test_that_turns_it_on_does_not_count(tmp_path: Path) -> None:
    files = _files(**{"tests/test_app.py": "from svc.envs import Env\n\n\ndef test_running():\n    Env.check_running = True\n"})
    assert shipped_findings(tmp_path, files, {}) == []


def test_a_class_constant_bound_to_true_keeps_the_finding(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(_ENVS.replace("False", "True")), {}) == _FINDING


def test_a_class_constant_another_module_stores_keeps_the_finding(tmp_path: Path) -> None:
    boot = "import os\nfrom svc.envs import Env\n\nEnv.check_running = os.environ.get('CHECK') == '1'\n"
    assert shipped_findings(tmp_path, _files(**{"svc/boot.py": boot}), {}) == _FINDING


def test_a_class_constant_set_by_name_keeps_the_finding(tmp_path: Path) -> None:
    boot = "from svc.envs import Env\n\nsetattr(Env, 'check_running', True)\n"
    assert shipped_findings(tmp_path, _files(**{"svc/boot.py": boot}), {}) == _FINDING


def test_a_class_a_loader_fills_by_computed_names_keeps_the_finding(tmp_path: Path) -> None:
    boot = "import yaml\nfrom svc.envs import Env\n\nfor key, value in yaml.safe_load(open('env.yml')).items():\n    setattr(Env, key, value)\n"
    assert shipped_findings(tmp_path, _files(**{"svc/boot.py": boot}), {}) == _FINDING


def test_a_class_that_fills_itself_by_computed_names_keeps_the_finding(tmp_path: Path) -> None:
    envs = _ENVS + "\n    @classmethod\n    def load(cls, values):\n        for key, value in values.items():\n            setattr(cls, key, value)\n"
    assert shipped_findings(tmp_path, _files(envs), {}) == _FINDING


def test_a_class_with_a_library_base_keeps_the_finding(tmp_path: Path) -> None:
    envs = "from environs import Env as Base\n\n\n" + _ENVS.replace("class Env:", "class Env(Base):")
    assert shipped_findings(tmp_path, _files(envs), {}) == _FINDING


def test_a_class_constant_a_shipped_file_names_keeps_the_finding(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {".env": "CHECK_RUNNING=true\n"}) == _FINDING
