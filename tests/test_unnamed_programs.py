"""PRR000 for `#!` programs without a `.py` name that nothing of the project names, ships or runs (unnamed_programs.py):
standalone tools beside a service that starts elsewhere are left out; a program a launch file, a script without a
suffix, a README, a distribution, a link, another program or the service's code names, one that launches the
project's code, and the project's only program stay reported."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Optional

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import FileJob, run_jobs

# The service: a module that serves, started by a program of its own.
SERVICE = {"radio/__init__.py": "", "radio/web.py": "from flask import Flask\n\napp = Flask(__name__)\n\n"
           "@app.get('/a')\ndef a():\n    return 'ok'\n\ndef main():\n    app.run()\n",
           "radiod.py": "import radio.web\n\nif __name__ == '__main__':\n    radio.web.main()\n"}
# A standalone Python 2 era tool under a Python 3 `#!` line: it imports nothing of the project.
TOOL = "#!/usr/bin/python3\nimport os\nimport sys\nimport gi\nfrom gi.repository import Gst\n\ndef main():\n    print 'recording', sys.argv\n"
START = "#!/bin/bash\ncd \"$(dirname \"$0\")\"\npython3 radiod.py \"$@\"\n"  # the documented start script, no `.sh` name


def _errors(root: Path, programs: Dict[str, str], files: Optional[Dict[str, str]] = None,
            deployment: Optional[Dict[str, str]] = None, other: Optional[Dict[str, str]] = None) -> List[str]:
    """The PRR000 paths of a whole-project run over `files` (the service by default) and `programs` (without a `.py`
    name); `deployment`: launch files discovery lists; `other`: files only written to the tree."""
    files = SERVICE if files is None else files
    for path, text in {**files, **programs, **(deployment or {}), **(other or {})}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    jobs = jobs_for(files) + [FileJob(path, path.replace("/", ".").replace("-", "_"), False, text.encode())
                              for path, text in programs.items()]
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR000"], [], [])), whole_project=True,
                launch_files=tuple(str(root / path) for path in (deployment or {})))
    return sorted(finding.path for finding in run_jobs(jobs, plan).findings if finding.rule == "PRR000")


def test_standalone_tools_nothing_names_are_left_out(tmp_path: Path) -> None:
    """Tools beside a service that starts by its own program: one names itself in its usage line, one names
    another unnamed tool (`prog='monitor'`), a longer file name (`monitor_arecord`) is no naming of `monitor`; the
    start script without a suffix runs the service, not them. No Python 3 declaration is needed."""
    programs = {"tools/monitor": TOOL, "tools/relay": TOOL.replace("'recording'", "'usage: relay'"),
                "tools/recorder": TOOL.replace("sys.argv\n", "sys.argv\n    parser(prog='monitor')\n")}
    other = {"start": START, "tools/monitor_arecord": "#!/bin/bash\narecord | oggenc -\n", "README.md": "Run ./start.\n"}
    assert _errors(tmp_path, programs, other=other) == []


def test_a_program_the_deployment_or_the_tree_names_stays(tmp_path: Path) -> None:
    """A crontab, a start script without a suffix, a README, a module's subprocess call (of a module the service
    never loads too), a distribution's `scripts=`: each names the program, which stays reported."""
    programs = {"tools/monitor": TOOL}
    cron = {"crontab": "0 * * * * /srv/radio/tools/monitor /data\n"}
    assert _errors(tmp_path / "cron", programs, deployment=cron) == ["tools/monitor"]
    script = {"start": START + "tools/monitor &\n"}
    assert _errors(tmp_path / "script", programs, other=script) == ["tools/monitor"]
    readme = {"README.md": "Start the recorder with `tools/monitor /data`.\n"}
    assert _errors(tmp_path / "readme", programs, other=readme) == ["tools/monitor"]
    spawned = {**SERVICE, "radio/jobs.py": "import subprocess\n\ndef record():\n    subprocess.run(['tools/monitor'])\n"}
    assert _errors(tmp_path / "spawned", programs, files=spawned) == ["tools/monitor"]
    setup = {"setup.py": "from setuptools import setup\nsetup(name='radio', scripts=['tools/monitor'])\n"}
    assert _errors(tmp_path / "setup", programs, other=setup) == ["tools/monitor"]
    shipped = {"setup.cfg": "[metadata]\nname = radio\n\n[options]\nscripts = tools\n"}  # a folder ships its files
    assert _errors(tmp_path / "shipped", programs, other=shipped) == ["tools/monitor"]
    hidden = {".deploy/crontab": "0 * * * * /srv/radio/tools/monitor /data\n"}  # a launch file the tree walk skips
    assert _errors(tmp_path / "hidden", programs, deployment=hidden) == ["tools/monitor"]


def test_a_program_named_through_a_chain_or_a_link_stays(tmp_path: Path) -> None:
    """A crontab runs one tool, which runs the other by name: both stay. A link to the tool (`bin/recorder`) is a
    name a command may run it by. A parseable program without a suffix that names it keeps it too."""
    programs = {"tools/monitor": TOOL, "tools/nightly": TOOL.replace("'recording'", "os.system('tools/monitor')")}
    cron = {"crontab": "0 3 * * * /srv/radio/tools/nightly\n"}
    assert _errors(tmp_path / "chain", programs, deployment=cron) == ["tools/monitor", "tools/nightly"]
    assert _errors(tmp_path / "chain-unrun", programs) == []
    _errors(tmp_path / "link", {"tools/monitor": TOOL})
    (tmp_path / "link" / "bin").mkdir()
    os.symlink("../tools/monitor", tmp_path / "link" / "bin" / "recorder")
    assert _errors(tmp_path / "link", {"tools/monitor": TOOL}) == ["tools/monitor"]
    runner = {"bin/record": "#!/usr/bin/python3\nimport subprocess\nsubprocess.run(['tools/monitor'])\n"}
    assert _errors(tmp_path / "runner", {"tools/monitor": TOOL}, other=runner) == ["tools/monitor"]


def test_a_launcher_of_the_project_code_stays(tmp_path: Path) -> None:
    """A program that imports the service's package, puts a folder on `sys.path`, loads code by a computed name,
    or runs the service's program (`radiod.py`, `-m radio`) is how the service may start: it stays."""
    bodies = {"imports": "from radio import web\n", "path": "sys.path.insert(0, '..')\n",
              "loads": "importlib.import_module(sys.argv[1])\n", "runs": "os.execvp('python3', ['python3', 'radiod.py'])\n",
              "module": "os.execvp('python3', ['python3', '-m', 'radio'])\n"}
    for name, body in bodies.items():
        assert _errors(tmp_path / name, {"bin/launcher": TOOL + body}) == ["bin/launcher"], name


def test_the_project_only_program_and_services_that_run_any_file_keep_it(tmp_path: Path) -> None:
    """Without a start of its own (a library, no server, no entry point, nothing launched) a program may be the
    project's start. A live module that runs a file by a computed path, or lists a folder it names and starts
    programs (a `run-parts` of `tools/`), may run an unnamed program."""
    library = {"radio/__init__.py": "", "radio/codecs.py": "def encode(data):\n    return data\n"}
    assert _errors(tmp_path / "library", {"tools/monitor": TOOL}, files=library) == ["tools/monitor"]
    # A framework discovers `models.py` (a live module), but nothing starts anything: the program may be the start.
    discovered = {**library, "radio/models.py": "from radio.codecs import encode\n\nNAME = encode('x')\n"}
    assert _errors(tmp_path / "discovered", {"tools/monitor": TOOL}, files=discovered) == ["tools/monitor"]
    by_path = {**SERVICE, "radio/hooks.py": "import runpy\nimport sys\n\ndef hook():\n    runpy.run_path(sys.argv[1])\n",
               "radio/web.py": "import radio.hooks\n" + SERVICE["radio/web.py"]}
    assert _errors(tmp_path / "by-path", {"tools/monitor": TOOL}, files=by_path) == ["tools/monitor"]
    parts = {**SERVICE, "radio/web.py": SERVICE["radio/web.py"] + "\nimport os\nimport subprocess\n\n@app.post('/run')\n"
             "def run_all():\n    for name in os.listdir('tools'):\n        subprocess.run([os.path.join('tools', name)])\n"}
    assert _errors(tmp_path / "run-parts", {"tools/monitor": TOOL}, files=parts) == ["tools/monitor"]
