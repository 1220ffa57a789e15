"""Python 2 leftovers: a file only Python 2 parses, in a project that says it runs Python 3, that nothing deployed names.

A project whose deployment, CI or packaging admits Python 3 (a Dockerfile `FROM python:3.11`, an Ansible task that
installs `python3`, `python_requires=
">=3.8"`, a workflow's `python-version: 3.9`, a tox envlist with `py37`: python2_runtime.py
`python3_declaration`) cannot run a `print "x"` or `except E, e:` file under its interpreter. Such a file that
nothing of the deployment names is an admin tool of the Python 2 days nobody runs any more (an
`utils/upgrade.py`, a suffix-less `airtime-import` program): reporting it as a syntax error that breaks the
service is noise. Syntax_scope.py asks this where it would otherwise keep the file on a weak sign:

* a launch file names its word only in other words' place (a shell script's `apt-get upgrade` beside
  `upgrade.py`), or runs it (its file name as a token, `python -m utils.upgrade`, `upgrade:main`) only from shell
  scripts nothing names (unloaded_files.py `run_by_hand`, for a file at any path: the path gate of
  `developer_tool` is for projects that say nothing of Python 3), or only from launch files that run under
  Python 2 (a Python 2 image's Dockerfile and the crontab it copies in: python2_images.py), where its syntax is
  valid;
* it is a program without a `.py` name, which the index does not hold, so no import can show it is loaded, and
  nothing names it: no launch file by its file name, no program the index does not hold and no parsed module by
  its word (for a name that is an identifier).

Either way no distribution around it ships or lists it (setup.py `scripts=[...]` or `data_files`, setup.cfg,
pyproject.toml: script_files.py), and no program the index does not hold names its word.

A Python 2 file a live module imports or names, a Dockerfile, Procfile or crontab runs, or a distribution
installs stays reported: the deployment meets its syntax error. A project that declares no Python 3 keeps the
weak signs as they were, and one that runs Python 2 has its Python 2 files left out already (python2_files.py).
"""

from __future__ import annotations

import os
from typing import Optional

from prr_lint.model import Finding
from prr_lint.project.python2_files import python2_line
from prr_lint.project.python2_images import python2_launch_files
from prr_lint.project.python2_runtime import python3_declaration, runtime_declarations
from prr_lint.project.script_files import distribution_ships
from prr_lint.project.unloaded_files import DeploymentNames, named_in_code, run_by_hand


def python2_leftover(analysis, finding: Finding, named_by: DeploymentNames) -> bool:
    """The finding's file fails on a Python 2 line, the project declares Python 3, and only weak signs name it
    (module docstring): nothing deployed runs it."""
    root: Optional[str] = getattr(analysis.settings, "root", None)
    if root is None or not python2_line(finding) or not named_by.known:
        return False
    if python3_declaration(runtime_declarations(analysis)) is None:
        return False
    path = os.path.join(os.fspath(root), finding.path)
    name = os.path.basename(path)
    if distribution_ships(os.fspath(root), path):
        return False
    word = name[:-3] if name.endswith(".py") else name
    if word in named_by.script_words:
        return False  # a program the index does not hold names it
    if not name.endswith(".py") and word.isidentifier() and named_in_code(analysis, {word}):
        return False  # a module names the program (whether a live module loads a `.py` file, syntax_scope.py asks)
    python2 = analysis.derived("python2-launch-files", lambda: python2_launch_files(named_by.whole))
    return all(path in python2 for path in named_by.runners(name)) or run_by_hand(analysis, name, named_by)
