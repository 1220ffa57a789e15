"""How the deployment runs the service under an APM agent, read from the files that start or install
it (PRR201). Two kinds of evidence:

* a launcher: `web: newrelic-admin run-program gunicorn app:app` in a Procfile, `CMD ["ddtrace-run",
  "gunicorn", ...]` in a Dockerfile, `opentelemetry-instrument uvicorn ...` in an entrypoint script,
  a compose or Kubernetes manifest, a supervisor/uwsgi config or a systemd unit. The launcher
  instruments every app of the process it starts, as `instrumentation.external = true` says by hand;
  it counts for the whole repository (a Dockerfile under `docker/` starts the code beside it).
* an agent with a zero-code launcher declared as a runtime dependency (a requirements file that is
  not a development, test or docs one, `[project]`/Poetry/Pipfile/setup.cfg dependencies, `pip
  install newrelic` in a Dockerfile). Project code that imports the agent is judged by its imports;
  a declared agent that no code imports is there for a launcher outside the repository (edX's
  services: `newrelic` in their requirements, run by the deployment's `newrelic-admin`). It counts
  for the apps under the directory that declares it (the parent of a `requirements/` directory).

Read once, only when a PRR201 or PRR203 finding is pending; discovery lists the files
(stamps.is_launch_file). Each file is read up to 1 MiB, at most 400 files and 16 MiB in all,
undecodable bytes replaced.
"""

from __future__ import annotations

import os
import re
from typing import Collection, Iterator, List, Optional, Sequence, Set, Tuple

from prr_lint.paths import is_test_path
from prr_lint.project.live_lines import uncommented_text
from prr_lint.project.support import test_modules
from prr_lint.project.texts import read_bounded
from prr_lint.stamps import is_container_file, is_dependency_file

_MAX_FILES = 400
_MAX_TOTAL = 16 << 20
LAUNCHER = re.compile(
    r"(?<![\w-])(ddtrace-run|newrelic-admin\s+run-(?:program|python)|opentelemetry-instrument|elasticapm-run"
    r"|splunk-py-trace|pyagent\s+run)(?![\w-])"
)
# Distributions of agents that instrument every request of a process they are launched around.
AGENTS = frozenset({
    "newrelic", "ddtrace", "elastic-apm", "opentelemetry-distro", "opentelemetry-instrumentation",
    "splunk-opentelemetry", "aws-opentelemetry-distro", "appdynamics", "solarwinds-apm", "instana",
    *(f"opentelemetry-instrumentation-{name}" for name in (
        "django", "flask", "fastapi", "starlette", "asgi", "wsgi", "falcon", "tornado", "aiohttp-server",
        "pyramid", "grpc", "sanic")),
})
# A requirements file or group of these words is for development, tests, docs or CI, not the deployment.
DEVELOPMENT = re.compile(r"(?:^|[^a-z])(?:dev|develop|development|tests?|testing|docs?|lint|linting|quality|ci|tox|"
                         r"constraints?|typing|mypy|style|local|pip-tools|github)(?:[^a-z]|$)", re.I)
_NAME = r"([A-Za-z0-9][A-Za-z0-9._-]*)"
_REQUIREMENT_LINE = re.compile(r"^\s*" + _NAME)
_QUOTED = re.compile(r"""["']\s*""" + _NAME)
_KEY = re.compile(r"^\s*" + _NAME + r"\s*=")
_SECTION = re.compile(r"^\s*\[+\s*([^\[\]\s](?:[^\[\]]*[^\[\]\s])?)\s*\]+")  # trimmed by its ends, not by a lazy scan: linear
_PIP_INSTALL = re.compile(r"\b(?:pip3?|uv\s+pip)\s+install\b(.*)")


class Evidence:
    """The APM evidence of a run: (directory it covers or None for all, the agent's import package or
    "" for a launcher, `path: what`)."""

    def __init__(self, found: Sequence[Tuple[Optional[str], str, str]]) -> None:
        self.found = tuple(found)

    def covering(self, path: Optional[str] = None, imported: Collection[str] = ()) -> Optional[str]:
        """The first evidence that covers `path` (any evidence when no path is given). A declared
        agent whose package the project's service code imports (`imported`: every dotted prefix of
        its imports) is there for that code, which the imports judge, not for a launcher; so are the
        OpenTelemetry distributions when that code sets OpenTelemetry up by hand: it configures the
        SDK (`opentelemetry.sdk` providers) or imports an instrumentor to call."""
        where = os.path.abspath(path) if path is not None else None
        by_hand = any(module in imported for module in _OTEL_BY_HAND)
        for root, package, what in self.found:
            if package in imported or package.startswith(_OTEL) and by_hand:
                continue
            if root is None or where is None or where.startswith(root.rstrip(os.sep) + os.sep):
                return what
        return None


def deployment_evidence(paths: Sequence[str]) -> Evidence:
    """Launchers first (they cover everything), then declared agents."""
    launchers: List[Tuple[Optional[str], str, str]] = []
    declared: List[Tuple[Optional[str], str, str]] = []
    for path, text in bounded_texts(paths):
        found = apm_launcher_in(text)
        if found:
            launchers.append((None, "", f"{path}: {found}"))
            break
        agent = declared_agent(path, text)
        if agent:
            declared.append((_covered_directory(path), _package(agent), f"{path}: {agent} (declared)"))
    return Evidence(launchers + declared)


_OTEL = "opentelemetry."
_OTEL_BY_HAND = ("opentelemetry.sdk", "opentelemetry.instrumentation")


def _package(agent: str) -> str:
    """The import package of an agent's distribution. An OpenTelemetry distribution's own module
    (`opentelemetry.instrumentation.fastapi`, `opentelemetry.distro`), not the `opentelemetry`
    namespace every OpenTelemetry package shares: code that only calls the API (`trace.get_tracer`,
    `metrics.get_meter`: no-ops until an SDK is configured) sets up no instrumentor, and a declared
    instrumentor no code imports is loaded only by the auto-instrumentation of the
    `opentelemetry-instrument` launcher."""
    if agent.startswith("opentelemetry-"):
        framework = agent.partition("-instrumentation-")[2]
        return f"{_OTEL}instrumentation.{framework.replace('-', '_')}" if framework else agent.replace("-", ".")
    if "opentelemetry" in agent:
        return "opentelemetry"
    return {"elastic-apm": "elasticapm", "solarwinds-apm": "solarwinds_apm"}.get(agent, agent.replace("-", "_"))


def service_imports(index) -> Set[str]:
    """Every dotted prefix of what the service's modules import (test code left out: a test that
    sets up an in-memory tracer says nothing of how the service runs)."""
    tests = test_modules(index)
    found: Set[str] = set()
    for name, module in index.modules.items():
        if name in tests:
            continue
        for target in module.imports.values():
            parts = target.split(".")
            found.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    return found


# The files and folders of CI services and test runners' configurations (`.github/workflows/*.yml`, `tox.ini`).
_CI = frozenset({".github", ".gitlab", ".circleci", ".gitlab-ci.yml", ".travis.yml", ".pre-commit-config.yaml", ".drone.yml",
                 ".woodpecker", ".woodpecker.yml", ".buildkite", "azure-pipelines.yml", "bitbucket-pipelines.yml",
                 "Jenkinsfile", "tox.ini"})
_GITLAB_INCLUDE = re.compile(r"\.gitlab-ci[\w.-]*\.ya?ml$")
# A top-level `steps:` key whose value is a YAML list (blank and comment lines between), and a manifest's keys.
_STEP_LIST = re.compile(r"^steps:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*-[ \t]", re.MULTILINE)
_MANIFEST_KEY = re.compile(r"^(?:apiVersion|kind):", re.MULTILINE)
# A command line that runs Vagrant (`vagrant ssh app -c ...`, `exec vagrant up`).
_VAGRANT = re.compile(r"^[ \t]*(?:exec[ \t]+)?vagrant[ \t]+[a-z]", re.MULTILINE)


def in_ci(path: str) -> bool:
    """A CI pipeline's or a test runner's file (`.github/workflows/*.yml`, `.travis.yml`, `tox.ini`): it runs
    tests and jobs, not the service; GitLab's too when split into included files (`.gitlab-ci-prod.yml`)."""
    return any(part in _CI or _GITLAB_INCLUDE.match(part) for part in os.path.abspath(path).split(os.sep))


def development_file(path: str, root: Optional[object]) -> bool:
    """A launch file that runs in a build, a developer's test or a developer's virtual machine, not in the deployment:
    a CI pipeline's or a test runner's (`in_ci`, `build_pipeline`), one at a test path below `root` (a test script,
    `test_sync_after_policy.sh`; a test's recorded cassettes), or a script that drives Vagrant (`vagrant_script`)."""
    return in_ci(path) or is_test_path(os.path.relpath(path, root or None).replace(os.sep, "/")) or build_pipeline(path) \
        or vagrant_script(path)


def vagrant_script(path: str) -> bool:
    """A shell script with a `vagrant` command (`vagrant ssh worker -c "celery -A svc worker -l debug"`, `vagrant up`):
    Vagrant runs a developer's virtual machines, so what the script runs there (a debugging worker started by hand
    after stopping the deployed one) is a developer's session, not the deployment's."""
    if not path.endswith(".sh"):
        return False
    text = read_bounded(path)
    return text is not None and _VAGRANT.search(uncommented_text(path, text)) is not None


def build_pipeline(path: str) -> bool:
    """A YAML file whose top level is a list of `steps:` and no Kubernetes object's `apiVersion`/`kind`: a build
    service's pipeline (Google Cloud Build's config, whatever its file is called, Drone, Azure Pipelines). Its steps
    run when the project is built, tested or shipped, each under the build's own timeout, not in the service: a
    `python seed.py --server ...` step that fills a throw-away test deployment with demo data is a CI job's."""
    if not path.endswith((".yml", ".yaml")):
        return False
    text = read_bounded(path)
    return text is not None and _STEP_LIST.search(text) is not None and _MANIFEST_KEY.search(text) is None


def apm_launcher(paths: Sequence[str]) -> Optional[str]:
    """The first launcher one of the files runs (outside comments), as `path: launcher`, or None."""
    for path, text in bounded_texts(paths):
        found = apm_launcher_in(text)
        if found:
            return f"{path}: {found}"
    return None


def apm_launcher_in(text: str) -> Optional[str]:
    for line in text.splitlines():
        found = LAUNCHER.search(line.split("#", 1)[0])
        if found:
            return found.group(1)
    return None


def declared_agent(path: str, text: str) -> Optional[str]:
    """The agent a dependency file declares for the deployment, or None."""
    name = os.path.basename(path)
    if is_container_file(path):
        return _installed(text)
    if DEVELOPMENT.search(name.rsplit(".", 1)[0]):
        return None
    if name.endswith((".txt", ".in")) and is_dependency_file(path):
        return _required(text)
    if name in ("pyproject.toml", "Pipfile", "setup.cfg"):
        return _in_tables(name, text)
    return None


def _required(text: str) -> Optional[str]:
    """An agent a requirements file installs directly: in a pip-compile output, one whose `# via`
    notes name only other packages is a transitive pin (`opentelemetry-instrumentation` via
    `opentelemetry-instrumentation-logging`), there for that package's code, not for a launcher."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("-", "#")):
            continue
        agent = _first_agent([_REQUIREMENT_LINE.match(line.split("#", 1)[0])])
        if agent is None:
            continue
        notes = [line.partition("#")[2]]
        for following in lines[number + 1:]:
            if not following.lstrip().startswith("#") or not following[:1].isspace():
                break
            notes.append(following.lstrip()[1:])
        via = " ".join(notes)
        if "via" not in via or re.search(r"(?:^|\s)-r\s", via):
            return agent
    return None


def _installed(text: str) -> Optional[str]:
    """`RUN pip install newrelic` in a Dockerfile."""
    for line in text.splitlines():
        found = _PIP_INSTALL.search(line.split("#", 1)[0])
        if found:
            agent = _first_agent(re.finditer(r"(?:^|\s)" + _NAME, found.group(1)))
            if agent:
                return agent
    return None


_DEPENDENCY_TABLES = ("project", "project.optional-dependencies", "dependency-groups", "packages", "options",
                      "options.extras_require", "tool.poetry.dependencies", "tool.poetry.extras")


def _in_tables(name: str, text: str) -> Optional[str]:
    """An agent in a dependency table (`[project] dependencies = [...]`, `[tool.poetry.dependencies]`,
    Pipfile's `[packages]`, setup.cfg's `install_requires`), in a group or extra that is not a
    development one."""
    table, key = "", ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0]
        section = _SECTION.match(line)
        if section and not line.strip().startswith(("[\"", "['")):
            table, key = section.group(1).strip(), ""
            continue
        poetry_group = table.startswith("tool.poetry.group.") and table.endswith(".dependencies")
        if table not in _DEPENDENCY_TABLES and not poetry_group or DEVELOPMENT.search(table.replace("tool.poetry", "")):
            continue
        assigned = _KEY.match(line) or re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*:", line) if not raw[:1].isspace() else None
        if assigned:
            key = assigned.group(1)
            if table in ("tool.poetry.dependencies", "packages") or poetry_group:
                agent = _first_agent([assigned])
                if agent:
                    return agent
            line = line[assigned.end():]
        if DEVELOPMENT.search(key) or table in ("project", "options") and key not in ("dependencies", "install_requires"):
            continue
        matches = list(_QUOTED.finditer(line))
        if name == "setup.cfg" and raw[:1].isspace():
            matches.append(_REQUIREMENT_LINE.match(line))
        agent = _first_agent(matches)
        if agent:
            return agent
    return None


def _first_agent(matches) -> Optional[str]:
    for match in matches:
        if match is not None:
            normal = re.sub(r"[._-]+", "-", match.group(1)).lower()
            if normal in AGENTS:
                return normal
    return None


def _covered_directory(path: str) -> str:
    """The directory whose apps a dependency file declares for: its own, or the parent of a
    `requirements/` directory (`requirements/production.txt`, `requirements/monitoring/requirements.txt`)."""
    directory = os.path.dirname(os.path.abspath(path))
    while os.path.basename(directory).lower().startswith(("requirements", "reqs")) or (
            os.path.basename(os.path.dirname(directory)).lower().startswith("requirements")):
        directory = os.path.dirname(directory)
    return directory


def bounded_texts(paths: Sequence[str], with_ci: bool = False) -> Iterator[Tuple[str, str]]:
    """(path, text) of the files, within the size bounds; CI pipelines' only when asked for."""
    total = 0
    for path in sorted((path for path in paths if with_ci or not in_ci(path)), key=_launch_first)[:_MAX_FILES]:
        text = read_bounded(path)
        if text is None:
            continue
        total += len(text)
        if total > _MAX_TOTAL:
            return
        yield path, text


def _launch_first(path: str) -> Tuple[int, str]:
    """Start-up files (Procfile, Dockerfile or Containerfile, shell scripts, compose files) before the rest."""
    name = os.path.basename(path)
    return (0 if name == "Procfile" or is_container_file(name) or name.endswith(".sh") else 1, path)
