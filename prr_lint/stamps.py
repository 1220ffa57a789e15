"""What makes anything prr-lint cached stale besides the files it reads: its own code and the
installed packages (plug-ins), both read from file metadata only (no import, no file content), once
per process. And which files discovery lists as infrastructure (launch files, deployment code), whose
paths key a run; what the project phase reads of them, and of the rest of the tree, is recorded
beside the run (tree_reads.py).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import lru_cache

from prr_lint import __version__
from prr_lint.result_format import RESULT_FORMAT

# Infrastructure code the project phase reads (Terraform that deploys a module as a function of its
# own, project/deployed.py, and the Lambda handlers it deploys, project/lambda_terraform.py).
INFRASTRUCTURE_SUFFIX = ".tf"
# An AWS CDK app in TypeScript, the other infrastructure code the project phase reads (the Lambda handlers
# it deploys, project/lambda_cdk_ts.py): its `cdk.json` and the `.ts` sources, listed the same way.
CDK_APP = "cdk.json"
# Airflow's configuration file: the deadline of parsing a DAG file (project/dag_parsing.py).
AIRFLOW_CONFIG = "airflow.cfg"
_CDK_SOURCE, _DECLARATIONS = ".ts", ".d.ts"
# A CloudFormation / SAM template in JSON or named `*.template`, and Zappa's settings: the Lambda functions they
# declare (project/lambda_templates.py; YAML templates are launch files).
_FUNCTION_TEMPLATE = re.compile(r"(?:^|\.)template(?:\.json)?$|^zappa_settings\.json$")
# Files that say how the service is started or what it installs (a Procfile, a Dockerfile, a compose
# or Kubernetes manifest, a shell entrypoint, a supervisor/uwsgi config, a systemd unit, requirements
# and dependency declarations, an environment file): the project phase reads them for an APM launcher
# or agent (project/launchers.py) and for the values they give configuration keys (project/switches.py).
_LAUNCH_SUFFIXES = (".sh", ".yml", ".yaml", ".conf", ".ini")
# A systemd unit: `celeryd.service`, or the template a deployment tool renders it from (Ansible's
# `celeryd.service.j2`, an autotools or installer `.service.in`, a Fabric `.service.tpl`): the same commands.
_SYSTEMD_UNIT = re.compile(r"\.service(?:\.(?:j2|jinja2?|in|tpl|tmpl))?$")
# A container image's build file: Docker's `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, and Podman's name for
# the same file, `Containerfile` (`Containerfile.worker`, `api.Containerfile`).
_IMAGE_FILE_NAMES = ("Dockerfile", "Containerfile")
_IMAGE_FILE_SUFFIXES = (".Dockerfile", ".dockerfile", ".Containerfile", ".containerfile")
_DEPENDENCY_FILES = ("pyproject.toml", "setup.cfg", "Pipfile")
# A PM2 process file, which lists the programs PM2 starts (`pm2-runtime pm2.json` in an image, `pm2 start
# ecosystem.config.js`): by PM2's names for it, `ecosystem.config.js`, `process.json`-like `pm2.json`, `pm2.config.js`.
_PM2_PROCESS_FILE = re.compile(r"^(?:ecosystem|pm2)(?:[.-][\w.-]*)?\.(?:json|js|cjs|mjs)$")
# The folders under `etc/` of the environment files services' init scripts and systemd units source.
_SERVICE_ENVIRONMENTS = ("default", "conf.d", "sysconfig")


def is_deployment_code(name: str) -> bool:
    """A file of infrastructure code the project phase reads: Terraform, a CDK app's `cdk.json` or TypeScript,
    a JSON template, Airflow's `airflow.cfg`."""
    return (name.endswith(INFRASTRUCTURE_SUFFIX) or name in (CDK_APP, AIRFLOW_CONFIG) or (name.endswith(_CDK_SOURCE) and not name.endswith(_DECLARATIONS))
            or is_function_template(name))


def is_function_template(name: str) -> bool:
    """A deployment template that is not a launch file: JSON, or named `*.template` (_FUNCTION_TEMPLATE)."""
    return bool(_FUNCTION_TEMPLATE.search(name))


def is_container_file(path: str) -> bool:
    """A container image's build file (a Dockerfile or Containerfile, _IMAGE_FILE_NAMES): every reader of image
    files asks this, so the two names are read alike."""
    name = os.path.basename(path)
    return name.startswith(_IMAGE_FILE_NAMES) or name.endswith(_IMAGE_FILE_SUFFIXES)


def is_env_file(path: str) -> bool:
    """An environment file (`.env`, `.env.production`, `web.env`): variables a launcher or `flask run` reads."""
    name = os.path.basename(path)
    return name.startswith(".env") or name.endswith(".env")


def is_launch_file(path: str) -> bool:
    """A file named as a start-up or dependency description: `Procfile`, a Dockerfile or Containerfile, `.env*`, `*.env`, `*.sh`,
    `*.yml`, `*.conf`, `*.ini`, a systemd unit or its template (`is_systemd_unit`), a PM2 process file (`pm2.json`), a crontab (`crontab*`, `*.cron`, a file in `cron.d/`), a service's
    environment file in `etc/default/`, `etc/conf.d/` or `etc/sysconfig/` (what an init script or a systemd unit
    sources: Celery's `/etc/default/celeryd`), `requirements*.txt` or a `.txt`/`.in` file in a `requirements*`
    directory, `pyproject.toml`, `setup.cfg`, `Pipfile`."""
    name = os.path.basename(path)
    if is_container_file(name) or name == "Procfile" or is_env_file(name) or name.startswith("crontab") or name.endswith(_LAUNCH_SUFFIXES) \
            or name in _DEPENDENCY_FILES \
            or is_systemd_unit(name) or _PM2_PROCESS_FILE.match(name):
        return True
    folder = os.path.dirname(path)
    if os.path.basename(folder) in _SERVICE_ENVIRONMENTS and os.path.basename(os.path.dirname(folder)) == "etc":
        return True
    if name.endswith(".cron") or os.path.basename(os.path.dirname(path)) in ("cron.d", "cron.daily", "cron.hourly"):
        return True
    if name.endswith((".txt", ".in")):
        return name.startswith("requirements") or os.path.basename(os.path.dirname(path)).startswith("requirements")
    return False


def is_dependency_file(path: str) -> bool:
    """A launch file that lists what to install (`requirements*.txt`, `pyproject.toml`), not how to run."""
    name = os.path.basename(path)
    return name in _DEPENDENCY_FILES or (name.endswith((".txt", ".in")) and not is_systemd_unit(name))


def is_systemd_unit(path: str) -> bool:
    """A systemd service unit, or a template of one (_SYSTEMD_UNIT): every reader of units asks this, so a
    rendered and a templated unit are read alike."""
    return _SYSTEMD_UNIT.search(os.path.basename(path)) is not None


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
