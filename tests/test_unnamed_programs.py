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


def test_a_python3_syntax_error_stays(tmp_path: Path) -> None:
    """Only a program that fails on a Python 2 line is a leftover nothing runs: a real Python 3 syntax error (`def
    main()` without its colon) in an unnamed tool stays reported."""
    broken = TOOL.replace("def main():\n    print 'recording', sys.argv\n", "def main()\n    print('recording', sys.argv)\n")
    assert _errors(tmp_path, {"tools/monitor": broken}) == ["tools/monitor"]


def test_a_folder_run_keeps_the_folder_programs(tmp_path: Path) -> None:
    """A deployment text that runs a folder's every program (a glob, `run-parts`, a unit's loop, an image that
    copies the folder and runs a name it computes), or a script in the folder that globs its own folder, names no
    file name: the folder's programs stay."""
    programs = {"tools/monitor": TOOL}
    runs = {"glob": {"Dockerfile": 'FROM radio-base\nCMD ["/app/entrypoint.sh"]\n',
                     "entrypoint.sh": "#!/bin/sh\nfor t in /app/tools/*; do \"$t\" & done\nexec gunicorn radio.web:app\n"},
            "run-parts": {"entrypoint.sh": "#!/bin/sh\nrun-parts --regex . /app/tools &\nexec gunicorn radio.web:app\n"},
            "unit": {"deploy/radio-tools.service": "[Service]\nExecStart=/bin/sh -c \"for t in /opt/radio/tools/*; do $$t; done\"\n"},
            "copy": {"Dockerfile": "FROM radio-base\nARG TOOL\nCOPY tools/ /usr/local/bin/\nCMD [\"sh\", \"-c\", \"exec /usr/local/bin/${TOOL}\"]\n"},
            "own-folder": {"tools/all.sh": "#!/bin/sh\nfor t in \"$(dirname \"$0\")\"/*; do \"$t\"; done\n"}}
    for name, deployment in runs.items():
        assert _errors(tmp_path / name, programs, deployment=deployment) == ["tools/monitor"], name
    # A script in the folder whose globs are of other folders (`~/logs/*`) runs none of the folder's programs.
    logs = {"tools/concat.sh": "#!/bin/bash\nfor f in ~/logs/$date-*; do echo $f; done\n"}
    assert _errors(tmp_path / "logs", programs, deployment=logs) == []
    # A Python program in the folder: its `*` multiplies; one that lists the folder and starts programs runs them.
    scale = "#!/usr/bin/python3\nimport sys\n\ndef scale(*args):\n    return 2 * len(args)\n"
    assert _errors(tmp_path / "scale", programs, other={"tools/scale": scale}) == []
    every = "#!/usr/bin/python3\nimport os\nimport subprocess\nfor name in os.listdir(os.path.dirname(__file__)):\n    subprocess.run([name])\n"
    assert _errors(tmp_path / "every", programs, other={"tools/every": every}) == ["tools/monitor"]


def test_a_live_module_that_starts_programs_in_its_folder_keeps_them(tmp_path: Path) -> None:
    """A live module that starts programs and names a folder of the program's path may run it by a name it lists or
    computes: a `Path.iterdir` walk, a listing in one function and the run in another, a request's name, a git-style
    `radio-<sub>` dispatch of an entry point."""
    head = SERVICE["radio/web.py"] + "\nimport os\nimport subprocess\nfrom pathlib import Path\nTOOLS = Path(__file__).parent.parent / 'tools'\n"
    webs = {"iterdir": head + "\n@app.post('/t')\ndef t():\n    for tool in sorted(TOOLS.iterdir()):\n        subprocess.run([str(tool)])\n",
            "split": head + "\ndef names():\n    return os.listdir(TOOLS)\n\ndef run(name):\n    subprocess.run([os.path.join(TOOLS, name)])\n"
                            "\n@app.post('/t')\ndef t():\n    for name in names():\n        run(name)\n",
            "request": head + "\n@app.post('/t/<name>')\ndef t(name):\n    subprocess.run([os.path.join(TOOLS, os.path.basename(name))])\n"}
    for name, web in webs.items():
        assert _errors(tmp_path / name, {"tools/monitor": TOOL}, files={**SERVICE, "radio/web.py": web}) == ["tools/monitor"], name
    cli = ("import os\nimport sys\nHERE = os.path.join(os.path.dirname(__file__), '..', 'tools')\n\ndef main():\n"
           "    command = os.path.join(HERE, 'radio-' + sys.argv[1])\n    os.execv(command, [command])\n")
    files = {**SERVICE, "radio/cli.py": cli}
    pyproject = {"pyproject.toml": "[project]\nname = 'radio'\nversion = '1'\n[project.scripts]\nradio = 'radio.cli:main'\n"}
    assert _errors(tmp_path / "dispatch", {"tools/radio-monitor": TOOL}, files=files, other=pyproject) == ["tools/radio-monitor"]


def test_a_distribution_that_computes_its_scripts_may_ship_any(tmp_path: Path) -> None:
    """`setup(scripts=glob("tools/*"))` or a comprehension over a listing ships programs no literal names."""
    for name, scripts in {"glob": "glob('tools/*')", "listdir": "[os.path.join('tools', n) for n in os.listdir('tools')]"}.items():
        setup = {"setup.py": f"import os\nfrom glob import glob\nfrom setuptools import setup\nsetup(name='radio', scripts={scripts})\n"}
        assert _errors(tmp_path / name, {"tools/monitor": TOOL}, other=setup) == ["tools/monitor"], name


def test_hidden_deployment_folders_and_utf16_texts_are_read(tmp_path: Path) -> None:
    """An Elastic Beanstalk `.ebextensions` command, an OpenShift `.s2i/bin/run` start script, and a UTF-16 PowerShell
    script name the program as any other file does."""
    programs = {"tools/monitor": TOOL}
    ebext = {".ebextensions/01-tools.config": "container_commands:\n  01:\n    command: \"tools/monitor --once\"\n"}
    assert _errors(tmp_path / "ebext", programs, other=ebext) == ["tools/monitor"]
    s2i = {".s2i/bin/run": "#!/bin/bash\ntools/monitor &\nexec gunicorn radio.web:app\n"}
    assert _errors(tmp_path / "s2i", programs, other=s2i) == ["tools/monitor"]
    (tmp_path / "utf16").mkdir()
    (tmp_path / "utf16" / "start.ps1").write_bytes('Start-Process python3 -ArgumentList "tools/monitor"\r\n'.encode("utf-16"))
    assert _errors(tmp_path / "utf16", programs) == ["tools/monitor"]
