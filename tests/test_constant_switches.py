"""PRR501 and a module constant bound once to a blank (project/switches.py, `const:` keys): `LOKI_URL = None`,
imported by name and tested `if LOKI_URL:`, is what Python binds and nothing the deployment ships can change
it, so what runs only under that test never runs. Another assignment anywhere, a shipped file naming the key,
a star import into the binding module, or a read through a settings object keeps the finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from _serving import shipped_findings

_SINK = (
    "import requests\nfrom loguru import logger\nfrom svc.config import LOKI_URL\n\n\n"
    "def loki_sink(message):\n    requests.post(LOKI_URL, data=str(message))\n\n\n"
    "if LOKI_URL:\n    logger.add(loki_sink)\n"
)
_CONFIG = "import os\n\nREDIS_URL = os.environ.get('REDIS_URL')\nLOKI_URL = None\n"
_APP = "from flask import Flask\nfrom svc import events\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef index():\n    return 'ok'\n"
_FINDING = [("svc/events.py", 7)]


def _files(config: str = _CONFIG, sink: str = _SINK) -> dict:
    return {"svc/__init__.py": "", "svc/app.py": _APP, "svc/config.py": config, "svc/events.py": sink}


def test_a_constant_bound_once_to_none_switches_its_branch_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {}) == []


def test_a_loguru_sink_added_under_a_switch_on_keeps_the_finding(tmp_path: Path) -> None:
    config = _CONFIG.replace("LOKI_URL = None", "LOKI_URL = 'http://loki:3100/loki/api/v1/push'")
    assert shipped_findings(tmp_path, _files(config), {}) == _FINDING


def test_a_constant_bound_once_to_none_in_the_module_that_tests_it_switches_its_branch_off(tmp_path: Path) -> None:
    sink = _SINK.replace("from svc.config import LOKI_URL\n", "\nLOKI_URL = ''\n")
    assert shipped_findings(tmp_path, _files(_CONFIG.replace("LOKI_URL = None\n", ""), sink), {}) == []


def test_a_constant_read_from_the_environment_keeps_the_finding(tmp_path: Path) -> None:
    config = _CONFIG.replace("LOKI_URL = None", "LOKI_URL = os.environ.get('LOKI_URL', None)")
    assert shipped_findings(tmp_path, _files(config), {}) == _FINDING


def test_a_constant_another_statement_rebinds_keeps_the_finding(tmp_path: Path) -> None:
    config = _CONFIG + "if REDIS_URL:\n    LOKI_URL = 'http://loki:3100/loki/api/v1/push'\n"
    assert shipped_findings(tmp_path, _files(config), {}) == _FINDING


def test_a_constant_another_module_stores_keeps_the_finding(tmp_path: Path) -> None:
    files = {**_files(), "svc/boot.py": "import os\nimport svc.config\n\nsvc.config.LOKI_URL = os.environ['LOKI']\n"}
    assert shipped_findings(tmp_path, files, {}) == _FINDING


def test_a_constant_a_star_import_may_rebind_keeps_the_finding(tmp_path: Path) -> None:
    config = _CONFIG + "try:\n    from svc.local_config import *\nexcept ImportError:\n    pass\n"
    assert shipped_findings(tmp_path, _files(config), {}) == _FINDING


@pytest.mark.parametrize("rebinding", [
    "globals().update(json.load(open('local.json')))\n", "exec(open('local_config.py').read())\n", "vars().update(json.load(open('x.json')))\n"])
def test_a_constant_its_module_may_rebind_by_a_computed_name_keeps_the_finding(tmp_path: Path, rebinding: str) -> None:
    """`globals()`, `vars()` or `exec` in the binding module may give it any value (project/kept_globals.py)."""
    assert shipped_findings(tmp_path, _files("import json\n" + _CONFIG + rebinding), {}) == _FINDING


def test_a_module_dict_another_module_updates_keeps_the_finding(tmp_path: Path) -> None:
    boot = "import json\nfrom svc import config\n\n\ndef load(path):\n    config.__dict__.update(json.load(open(path)))\n"
    assert shipped_findings(tmp_path, {**_files(), "svc/boot.py": boot}, {}) == _FINDING


def test_a_comment_naming_globals_rebinds_nothing(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(_CONFIG + "# no globals() or exec here: vars are plain\n"), {}) == []


def test_a_constant_a_shipped_file_names_keeps_the_finding(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {".env": "LOKI_URL=http://loki:3100/loki/api/v1/push\n"}) == _FINDING


def test_a_blank_read_through_a_settings_object_keeps_the_finding(tmp_path: Path) -> None:
    sink = _SINK.replace("from svc.config import LOKI_URL", "from svc import config").replace("if LOKI_URL:", "if config.LOKI_URL:")
    assert shipped_findings(tmp_path, _files(sink=sink), {}) == _FINDING
