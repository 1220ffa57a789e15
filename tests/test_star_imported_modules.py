"""A module the service reaches only through `from m import *` is imported: its top level runs in the service's
process, so it is no root script (project/names.py `imported_modules`), whatever the checkout folder is called."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

# domoticz-google-assistant (n70): `server.py` and `__main__.py` say `from smarthome import *`; smarthome.py does work
# at its top level (`update = checkupdate()`) and its `getDevices` runs in the routed SYNC handler.
APP = "from flask import Flask\nfrom helpers import *\n\napp = Flask(__name__)\n\n\n@app.route('/x')\ndef x():\n    return fetch()\n"
HELPERS = ("import logging\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\n\n\n"
           "def fetch():\n    return requests.get('https://example.com/data').text\n")
# a maintainer's loop nothing imports or runs
SYNC_ALL = "import requests\n\nfor device in requests.get('https://example.com/devices').json():\n    print(device)\n"
SERVICE = {"app.py": APP, "helpers.py": HELPERS, "Procfile": "web: gunicorn app:app\n", "requirements.txt": "flask\nrequests\n"}


def _lint(root: Path, files: Dict[str, str], run_cli, monkeypatch) -> List[Tuple[str, int]]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    monkeypatch.chdir(root)
    result = run_cli("check", ".", "--no-cache", "--select", "PRR501", "--output-format", "json", "--exit-zero")
    return sorted((finding["path"], finding["line"]) for finding in json.loads(result.stdout)["findings"])


@pytest.mark.parametrize("folder, root_init", [("a-b", True), ("ci_ab", True), ("a-b", False)])
def test_a_module_only_star_imported_keeps_its_finding_under_any_folder_name(tmp_path: Path, run_cli, monkeypatch,
                                                                            folder: str, root_init: bool) -> None:
    """The root an import root (a folder name that is no identifier, or no root `__init__.py`) or a package of the
    folder's name: the route's helper reports its call either way."""
    files = {**SERVICE, **({"__init__.py": ""} if root_init else {})}
    assert _lint(tmp_path / folder, files, run_cli, monkeypatch) == [("helpers.py", 8)]


@pytest.mark.parametrize("root_init", [True, False])
def test_a_root_script_nothing_imports_or_runs_is_still_left_out(tmp_path: Path, run_cli, monkeypatch, root_init: bool) -> None:
    """Beside the star-imported helper, a module-level loop no import, star or not, and no launch file reaches."""
    files = {**SERVICE, "sync_all.py": SYNC_ALL, **({"__init__.py": ""} if root_init else {})}
    assert _lint(tmp_path / "a-b", files, run_cli, monkeypatch) == [("helpers.py", 8)]
    starred = {**files, "app.py": APP.replace("from helpers import *", "from helpers import *\nfrom sync_all import *")}
    assert ("sync_all.py", 3) in _lint(tmp_path / "c-d", starred, run_cli, monkeypatch)  # imported: it runs in the service
