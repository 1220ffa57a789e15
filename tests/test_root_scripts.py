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
    imports a module of its folder (a namespace package it uses), a star import too; its folder is a package; a program run
    from the folder imports it by its bare name: it may be the service's code."""
    reported = [(SCRIPT, 4), (SCRIPT, 7)]
    compose = {"docker-compose.yaml": f"services:\n  approve:\n    command: python {SCRIPT}\n"}
    assert _found(tmp_path / "a", FILES, compose) == reported
    imported = {**FILES, "svc/monitor/release_scripts/chat/shared.py": "LIMIT = 3\n",
                "svc/jobs.py": "from svc.monitor.release_scripts.chat.shared import LIMIT\n"}
    assert _found(tmp_path / "b", imported, {}) == reported
    starred = {**imported, "svc/jobs.py": "from svc.monitor.release_scripts.chat.shared import *\n"}  # names the folder too
    assert _found(tmp_path / "starred", starred, {}) == reported
    package = {**FILES, "svc/monitor/release_scripts/chat/__init__.py": ""}
    assert _found(tmp_path / "c", package, {}) == reported
    sibling = {**FILES, "svc/monitor/release_scripts/chat/main.py": "import approve_all\n"}  # a program run from the folder
    assert _found(tmp_path / "d", sibling, {}) == reported


def test_a_script_importing_its_sibling_by_the_folders_name_is_still_in_a_folder_of_scripts(tmp_path: Path) -> None:
    """A comparison script at import posting to a chat (`python -m task.compare` from the root): the folder's own
    import of `task.chat` names the folder to nothing outside it; an import from outside it still does."""
    chat = "import requests\n\n\ndef send(text):\n    return requests.post('https://chat.example/hook', json={'text': text}, timeout=5)\n"
    compare = ("import requests\n\nfrom task.chat import send\n\nfor query in ('a', 'b'):\n"
               "    send(str(requests.get('https://search.example/?q=' + query).json()))\n")
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "task/chat.py": chat, "task/compare.py": compare}
    assert _found(tmp_path / "own", files, {}) == []
    outside = {**files, "svc/jobs.py": "from task.chat import send\n\n\ndef notify():\n    send('done')\n"}
    assert _found(tmp_path / "outside", outside, {}) == [("task/compare.py", 6)]


# fourfront's `deploy/travis_after_all.py` (m33 I244/I245): a Travis build-matrix helper in a package, run as a program.
LEADER = ("import json\nimport sys\nimport urllib.request\n\nentry = sys.argv[1] if len(sys.argv) > 1 else 'https://api.travis-ci.org'\n\n"
          "def get_token():\n    return json.loads(urllib.request.urlopen(entry + '/auth/github').read())['token']\n\n"
          "token = get_token()\nprint(token)\n")
LEADER_PATH = "deploy/travis_after_all.py"
PROGRAM = {"svc/__init__.py": "", "svc/views.py": VIEWS, "deploy/__init__.py": "", LEADER_PATH: LEADER}


def test_a_program_in_a_package_that_only_a_person_or_ci_runs_is_out_of_the_serving_scope(tmp_path: Path) -> None:
    """It reads its command line (`sys.argv`, an argument parser) at module level and nothing names it: no
    import or code word, no deployment file; a CI pipeline that runs it is no deployment (nor a test script)."""
    assert _found(tmp_path / "a", PROGRAM, {}) == []
    travis = {".travis.yml": f"after_success:\n  - python {LEADER_PATH} https://api.travis-ci.com\n"}
    assert _found(tmp_path / "b", PROGRAM, travis) == []
    workflow = {".github/workflows/main.yml": f"jobs:\n  leader:\n    steps:\n      - run: python {LEADER_PATH}\n"}
    assert _found(tmp_path / "c", PROGRAM, workflow) == []
    by_hand = {"deploy/lead.sh": f"python {LEADER_PATH} https://api.travis-ci.com\n"}  # no deployment file runs the script
    assert _found(tmp_path / "d", PROGRAM, by_hand) == []
    assert _found(tmp_path / "e", PROGRAM, {**by_hand, "deploy/crontab": "0 * * * * /app/deploy/lead.sh\n"}) == [(LEADER_PATH, 8)]


def test_a_program_in_a_package_the_deployment_or_the_service_names_stays(tmp_path: Path) -> None:
    """queue-management's cron jobs (m33 I124/I125 kept): a crontab, a Dockerfile or a Kubernetes Job runs it, or
    a module of the project names it; a module-level script that reads no command line may be a page or a hook a
    platform loads (the package case of the folder-of-scripts test)."""
    reported = [(LEADER_PATH, 8)]
    cron = {"deploy/crontab": f"0 * * * * python /app/{LEADER_PATH} https://api\n"}
    assert _found(tmp_path / "cron", PROGRAM, cron) == reported
    job = {"k8s/job.yaml": "spec:\n  template:\n    spec:\n      containers:\n        - command: [python, -m, deploy.travis_after_all]\n"}
    assert _found(tmp_path / "job", PROGRAM, job) == reported
    named = {**PROGRAM, "svc/jobs.py": "import subprocess\n\ndef lead():\n    subprocess.run(['python', 'deploy/travis_after_all.py'])\n"}
    assert _found(tmp_path / "named", named, {}) == reported
    no_command_line = {**PROGRAM, LEADER_PATH: LEADER.replace("sys.argv[1] if len(sys.argv) > 1 else ", "")}
    assert _found(tmp_path / "page", no_command_line, {}) == reported


def test_a_script_an_image_only_copies_is_out_of_the_serving_scope_and_one_it_runs_stays(tmp_path: Path) -> None:
    """The question PRR501's scope asks of every program (program_runs.py): a COPY puts a file into the image and
    runs nothing, for a script of a folder of scripts and for a program in a package that reads its command line;
    the image's command running it keeps it."""
    serve = "CMD gunicorn svc.views:app"
    for files, path, line in ((FILES, SCRIPT, 4), (PROGRAM, LEADER_PATH, 8)):
        copied = f"FROM python:3.12\nWORKDIR /app\nCOPY {path} {path}\nCOPY svc svc\n{serve}\n"
        assert _found(tmp_path / "copied" / line.__str__(), files, {"Dockerfile": copied}) == []
        run = copied.replace(serve, f"CMD python {path} && gunicorn svc.views:app")
        assert (path, line) in _found(tmp_path / "run" / line.__str__(), files, {"Dockerfile": run})
