"""What makes anything prr-lint cached stale: its own code, the installed packages (plug-ins), and
for a whole run the files that declare console scripts.

The first two are read from file metadata only (no import, no file content), once per process; so
are the infrastructure files discovery lists.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from typing import Optional, Sequence

from prr_lint import __version__
from prr_lint.cache import RESULT_FORMAT, content_digest

# The root files that declare console scripts. project/scripts.py reads the scripts from them
# (operator tools, project/scope.py), so a run's result depends on their bytes.
SCRIPT_DECLARATIONS = ("pyproject.toml", "setup.cfg", "setup.py")
# The root files that declare the Python runtime a platform deploys (project/python2_files.py: a Python 2
# runtime leaves its Python 2 files unreported), keyed by their bytes as the script declarations are.
RUNTIME_DECLARATIONS = ("runtime.txt", ".python-version")
# The root Makefile, no launch file: project/schedules.py reads it when a launch file runs `make`, and the
# recipes of the targets run decide which subcommands run unattended. Keyed by its bytes too.
MAKEFILE = "Makefile"
# Infrastructure code the project phase reads (Terraform that deploys a module as a function of its
# own, project/deployed.py, and the Lambda handlers it deploys, project/lambda_terraform.py):
# discovery lists these files and a run is keyed by their stat, so editing one alone is a cache miss.
INFRASTRUCTURE_SUFFIX = ".tf"
# An AWS CDK app in TypeScript, the other infrastructure code the project phase reads (the Lambda handlers
# it deploys, project/lambda_cdk_ts.py): its `cdk.json` and the `.ts` sources, listed and keyed the same way.
CDK_APP = "cdk.json"
_CDK_SOURCE, _DECLARATIONS = ".ts", ".d.ts"
# Files that say how the service is started or what it installs (a Procfile, a Dockerfile, a compose
# or Kubernetes manifest, a shell entrypoint, a supervisor/uwsgi config, a systemd unit, requirements
# and dependency declarations, an environment file): the project phase reads them for an APM launcher
# or agent (project/launchers.py) and for the values they give configuration keys (project/switches.py).
# Listed and keyed as infrastructure files are.
_LAUNCH_SUFFIXES = (".sh", ".Dockerfile", ".dockerfile", ".yml", ".yaml", ".conf", ".ini", ".service")
_DEPENDENCY_FILES = ("pyproject.toml", "setup.cfg", "Pipfile")


def is_deployment_code(name: str) -> bool:
    """A file of infrastructure code the project phase reads: Terraform, a CDK app's `cdk.json` or TypeScript."""
    return name.endswith(INFRASTRUCTURE_SUFFIX) or name == CDK_APP or (name.endswith(_CDK_SOURCE) and not name.endswith(_DECLARATIONS))


def is_launch_file(path: str) -> bool:
    """A file named as a start-up or dependency description: `Procfile`, `Dockerfile*`, `.env*`, `*.env`, `*.sh`,
    `*.yml`, `*.conf`, `*.ini`, `*.service`, a crontab (`crontab*`, `*.cron`, a file in `cron.d/`),
    `requirements*.txt` or a `.txt`/`.in` file in a `requirements*` directory, `pyproject.toml`,
    `setup.cfg`, `Pipfile`."""
    name = os.path.basename(path)
    if name == "Procfile" or name.startswith(("Dockerfile", ".env", "crontab")) or name.endswith((*_LAUNCH_SUFFIXES, ".env")) or name in _DEPENDENCY_FILES:
        return True
    if name.endswith(".cron") or os.path.basename(os.path.dirname(path)) in ("cron.d", "cron.daily", "cron.hourly"):
        return True
    if name.endswith((".txt", ".in")):
        return name.startswith("requirements") or os.path.basename(os.path.dirname(path)).startswith("requirements")
    return False


def is_dependency_file(path: str) -> bool:
    """A launch file that lists what to install (`requirements*.txt`, `pyproject.toml`), not how to run."""
    name = os.path.basename(path)
    return name in _DEPENDENCY_FILES or name.endswith((".txt", ".in"))


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """prr-lint's version and the state of its own source files: a cached result from other rules
    (an upgrade, or an edit in a development checkout) must never be served."""
    package = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256(f"{__version__}:{RESULT_FORMAT}".encode())
    sources = []
    for directory, subdirectories, names in os.walk(package):
        subdirectories[:] = [name for name in subdirectories if name != "__pycache__"]
        sources.extend(os.path.join(directory, name) for name in names if name.endswith(".py"))
    for source in sorted(sources):
        status = os.stat(source)
        digest.update(f"{os.path.relpath(source, package)}:{status.st_size}:{status.st_mtime_ns}".encode())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def environment_fingerprint() -> str:
    """The interpreter and the modification times of the directories packages are installed in:
    installing, upgrading or removing a package (a rule plug-in among them) changes one of them.
    The current directory (`python -m` puts it first on sys.path) is left out: it is the project."""
    digest = hashlib.sha256(sys.version.encode())
    here = os.getcwd()
    for entry in sys.path:
        if entry in ("", here):
            continue
        try:
            digest.update(f"{entry}:{os.stat(entry).st_mtime_ns}\n".encode())
        except OSError:  # a missing entry holds no package
            continue
    return digest.hexdigest()


def infrastructure_stamp(paths: Sequence[str]) -> str:
    """Size and mtime of each infrastructure file (a vanished one counts as changed)."""
    lines = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            lines.append(f"{path}:-")
            continue
        lines.append(f"{path}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(lines)


def declarations_digest(root: Optional[str]) -> str:
    """The console-script and runtime declaration files and the root Makefile by content, for a run's
    cache key (runner.py). Keyed by their bytes, a cache hit never parses them."""
    digest = hashlib.sha256()
    for name in (*SCRIPT_DECLARATIONS, *RUNTIME_DECLARATIONS, MAKEFILE) if root is not None else ():
        try:
            with open(os.path.join(root, name), "rb") as handle:
                digest.update(f"{name}:".encode() + content_digest(handle.read()).encode() + b"\n")
        except OSError:  # no such file declares nothing
            digest.update(f"{name}:-\n".encode())
    return digest.hexdigest()
