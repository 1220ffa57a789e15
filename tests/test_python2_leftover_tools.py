"""PRR000 for Python 2 admin tools a Python 3 project carries and nothing deployed runs (python2_leftovers.py), and
the Python 2 files the deployment does meet: run by a launch file, installed by a distribution, imported by the
service, or in a project that says nothing of Python 3."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.project.unloaded_files import run_pattern
from prr_lint.runner import FileJob, run_jobs

VIEWS = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
UPGRADE = "import sys\n\ndef main():\n    print 'upgrading', sys.argv[1]\n"
IMPORTER = "#!/usr/bin/python\nimport os\n\nif os.geteuid() != 0:\n    print \"Must be a root user.\"\n"
UNFINISHED = "def main():\n    try:\n        pass\n    print('x')\n"
PYTHON3 = {"Dockerfile": "FROM python:3.11\nCOPY . /app\nCMD gunicorn svc.views:app\n"}
# A developer's build script that upgrades packages (the word, not the file) and runs a Python 2 helper by name.
BUILD = {"dev/build.sh": "#!/bin/bash\napt-get -y upgrade\npython svc/gleam/pct.py \"$1\"\n"}
FILES = {"svc/__init__.py": "", "svc/views.py": VIEWS, "utils/upgrade.py": UPGRADE, "svc/gleam/pct.py": UPGRADE}


def _syntax_errors(root: Path, files: Dict[str, str], deployment: Dict[str, str], programs: Dict[str, str]) -> List[str]:
    """The PRR000 paths of a whole-project run; `programs` have no `.py` name (a `#!` program the index does not hold)."""
    for path, text in {**files, **deployment, **programs}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    jobs = jobs_for(files) + [FileJob(path, path.replace("/", ".").replace("-", "_"), False, text.encode())
                              for path, text in programs.items()]
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR000"], [], [])), whole_project=True,
                launch_files=tuple(str(root / path) for path in deployment))
    return sorted(finding.path for finding in run_jobs(jobs, plan).findings if finding.rule == "PRR000")


def test_python2_tools_a_python3_project_never_runs_are_left_out(tmp_path: Path) -> None:
    """LibreTime's `utils/upgrade.py` (only `apt-get upgrade` in a build script has its word) and suffix-less
    `utils/airtime-import`, ngas's `pct.py` (run only by a shell script nothing names): the Python 3 image cannot
    run them, and nothing deployed tries."""
    programs = {"utils/import-tracks": IMPORTER}
    assert _syntax_errors(tmp_path, FILES, {**PYTHON3, **BUILD}, programs) == []


def test_without_a_python3_declaration_the_weak_signs_keep_them(tmp_path: Path) -> None:
    """Nothing says the project runs Python 3: the word in a launch file keeps the `.py` files, as before. The program
    nothing names is left out all the same, beside a service that starts by its own program (unnamed_programs.py)."""
    found = _syntax_errors(tmp_path, FILES, {**BUILD, "Procfile": "web: gunicorn svc.views:app\n"}, {"utils/import-tracks": IMPORTER})
    assert found == ["svc/gleam/pct.py", "utils/upgrade.py"]


def test_python2_files_the_deployment_runs_installs_or_imports_stay(tmp_path: Path) -> None:
    """A Dockerfile that runs the tool, a cron line that runs the program, a distribution that ships it as a
    script, a service module that imports it, and a file whose failing line is no Python 2, keep the finding."""
    programs = {"utils/import-tracks": IMPORTER}
    runs = {**PYTHON3, "Dockerfile": PYTHON3["Dockerfile"] + "RUN python -m utils.upgrade\n",
            "crontab": "0 3 * * * /app/utils/import-tracks /srv/music\n"}
    assert _syntax_errors(tmp_path / "runs", FILES, runs, programs) == ["utils/import-tracks", "utils/upgrade.py"]
    shipped = {**PYTHON3, "pyproject.toml": "[tool.setuptools]\nscript-files = ['utils/import-tracks']\n"}
    assert _syntax_errors(tmp_path / "shipped", FILES, shipped, programs) == ["utils/import-tracks"]
    setup = {**PYTHON3, "setup.py": "from setuptools import setup\nsetup(name='svc', scripts=['utils/upgrade.py'])\n"}
    assert _syntax_errors(tmp_path / "setup", FILES, setup, {}) == ["utils/upgrade.py"]
    imported = {**FILES, "svc/views.py": VIEWS + "from utils import upgrade\n", "utils/__init__.py": ""}
    assert _syntax_errors(tmp_path / "imported", imported, PYTHON3, {}) == ["utils/upgrade.py"]
    unfinished = {**FILES, "utils/upgrade.py": UNFINISHED}
    assert _syntax_errors(tmp_path / "unfinished", unfinished, {**PYTHON3, **BUILD}, {}) == ["utils/upgrade.py"]


def test_a_command_runs_a_file_by_its_name_or_module_not_by_its_word_elsewhere() -> None:
    runs = run_pattern("upgrade.py")
    assert all(runs.search(text) for text in ("python utils/upgrade.py", "python -m upgrade", "python -m utils.upgrade x",
                                              "gunicorn upgrade:app", "exec ./upgrade.py"))
    assert not any(runs.search(text) for text in ("apt-get upgrade", "pip install --upgrade pip", "pre_upgrade.py",
                                                  "upgrade.python"))
    assert run_pattern("airtime-import").search("cp utils/airtime-import /usr/bin/")
    assert not run_pattern("airtime-import").search("airtime-importer --help")


# A load-test harness: a script sharing the project's name imports a Python 2 helper; a systemd unit runs the
# service with python3 from a folder of that name (`WorkingDirectory=/home/app/loadcell`).
HARNESS = {"svc/__init__.py": "", "svc/views.py": VIEWS, "bench/scripts/loadcell.py": "from encoder import encode\n\n\ndef run():\n    return encode({})\n",
           "bench/scripts/encoder.py": "def encode(fields):\n    raise ValueError, 'no fields'\n"}
UNIT = ("[Service]\nWorkingDirectory=/home/app/loadcell\nExecStartPre=/bin/mkdir -p /tmp/loadcell\n"
        "ExecStart=/usr/bin/python3 -m gunicorn svc.views:app\n")


def test_a_python2_helper_of_a_script_only_a_units_folder_name_names_is_left_out(tmp_path: Path) -> None:
    """The unit runs Python 3 (its `ExecStart=`), so a file only Python 2 parses needs an importer the deployment runs
    or the service imports: a folder or path word `loadcell` in the unit runs no `loadcell.py`."""
    assert _syntax_errors(tmp_path, HARNESS, {"deploy/loadcell.service": UNIT}, {}) == []


def test_a_python2_helper_of_a_script_a_unit_runs_stays(tmp_path: Path) -> None:
    """A unit that runs the script itself meets the helper's syntax error; so does one without a Python 3 sign (the
    weak sign keeps it there, as before)."""
    runs = UNIT + "ExecStartPost=/usr/bin/python3 bench/scripts/loadcell.py\n"
    assert _syntax_errors(tmp_path / "runs", HARNESS, {"deploy/loadcell.service": runs}, {}) == ["bench/scripts/encoder.py"]
    silent = UNIT.replace("/usr/bin/python3 -m gunicorn", "/usr/bin/gunicorn")
    assert _syntax_errors(tmp_path / "silent", HARNESS, {"deploy/loadcell.service": silent}, {}) == ["bench/scripts/encoder.py"]


# A Python 2 data-preparation script run by hand (model-my-watershed's `scripts/data/climate/tile.py`), in a project
# whose Ansible roles install Python 3 on the hosts and whose playbook targets `tile-servers`: its word in another's place.
TILE = "import subprocess\n\n\ndef tile(path):\n    print 'tiling', path\n    subprocess.call(['gdal2tiles.py', path])\n"
ANSIBLE = {"deploy/roles/python/tasks/main.yml": "- name: Install Python 3\n  apt:\n    pkg: [\"python3=3.10.*\", \"python3-dev\"]\n",
           "deploy/tile-servers.yml": "- hosts: tile-servers\n  roles:\n    - { role: \"python\" }\n",
           "deploy/app.sh": "#!/bin/bash\nexec gunicorn svc.views:app\n"}
PREPARATION = {"svc/__init__.py": "", "svc/views.py": VIEWS, "data/climate/tile.py": TILE}


def test_a_python2_script_beside_hosts_a_deployment_gives_python3_is_left_out(tmp_path: Path) -> None:
    """The role's `apt` task installs `python3`: the hosts run Python 3, which cannot run the script, and only the word
    of a host group (`tile-servers`) names it."""
    assert _syntax_errors(tmp_path, PREPARATION, ANSIBLE, {}) == []


def test_a_python2_script_a_provisioning_file_runs_or_that_names_python3_only_in_a_comment_stays(tmp_path: Path) -> None:
    """A playbook task that runs the script meets its syntax error; a role whose `python3` is in a comment says nothing
    of Python 3, and the word keeps the file reported, as before."""
    runs = {**ANSIBLE, "deploy/tile-servers.yml": ANSIBLE["deploy/tile-servers.yml"] + "  tasks:\n    - command: python data/climate/tile.py /srv\n"}
    assert _syntax_errors(tmp_path / "runs", PREPARATION, runs, {}) == ["data/climate/tile.py"]
    commented = {**ANSIBLE, "deploy/roles/python/tasks/main.yml": "# python3 comes with the image\n- apt:\n    pkg: [\"gdal-bin\"]\n"}
    assert _syntax_errors(tmp_path / "commented", PREPARATION, commented, {}) == ["data/climate/tile.py"]
