"""Root scripts (project/root_scripts.py): a module-level script in a folder of scripts, a folder that is
no package and none of whose modules the project imports, is no service code unless a launch file runs it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

VIEWS = ("from flask import Blueprint\nimport requests\nbp = Blueprint('b', __name__)\n\n"
         "@bp.get('/a')\ndef a():\n    return requests.get('http://a', timeout=3).text\n")
# FastChat's `fastchat/serve/monitor/dataset_release_scripts/lmsys_chat_1m/approve_all.py`: a maintainer's loop
APPROVE = ("import requests\n\nurl = 'https://hub/api/pending'\na = requests.get(url)\n\nfor u in a.json():\n"
           "    ret = requests.post('https://hub/api/grant', json={'user': u})\n    print(u, ret.status_code)\n")
SCRIPT = "svc/monitor/release_scripts/chat/approve_all.py"
FILES = {"svc/__init__.py": "", "svc/views.py": VIEWS, SCRIPT: APPROVE}


def _found(tmp_path: Path, files: Dict[str, str], launch: Dict[str, str]) -> list:
    for path, text in launch.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    plan = Plan(replace(settings_with(), root=tmp_path), tuple(REGISTRY.select(["PRR501"], [], [])),
                launch_files=tuple(str(tmp_path / path) for path in launch))
    return sorted((f.path, f.span.line) for f in run_jobs(jobs_for(files), plan).findings)


def test_a_module_level_script_in_a_folder_of_scripts_is_out_of_the_serving_scope(tmp_path: Path) -> None:
    """Nothing imports it or any module beside it, its folder is no package, and no launch file runs it."""
    assert _found(tmp_path, FILES, {}) == []


def test_a_module_level_script_a_launch_file_runs_or_in_an_imported_folder_stays(tmp_path: Path) -> None:
    """A launch file names it (`python svc/monitor/.../approve_all.py` in a compose file); the project
    imports a module of its folder (a namespace package it uses); its folder is a package; a program run
    from the folder imports it by its bare name: it may be the service's code."""
    reported = [(SCRIPT, 4), (SCRIPT, 7)]
    compose = {"docker-compose.yaml": f"services:\n  approve:\n    command: python {SCRIPT}\n"}
    assert _found(tmp_path / "a", FILES, compose) == reported
    imported = {**FILES, "svc/monitor/release_scripts/chat/shared.py": "LIMIT = 3\n",
                "svc/jobs.py": "from svc.monitor.release_scripts.chat.shared import LIMIT\n"}
    assert _found(tmp_path / "b", imported, {}) == reported
    package = {**FILES, "svc/monitor/release_scripts/chat/__init__.py": ""}
    assert _found(tmp_path / "c", package, {}) == reported
    sibling = {**FILES, "svc/monitor/release_scripts/chat/main.py": "import approve_all\n"}  # a program run from the folder
    assert _found(tmp_path / "d", sibling, {}) == reported
