"""Whether a project runs Python 2, by what its deployment, CI and packaging show (python2_files.py).

Each declaration admits Python 2, Python 3 or both, read to the release where it names one (`3.6`, `py36`, `FROM
python:3.6`; a bare `python3` may be any: python_versions.py, but in the build stage of a `FROM python:3.6` image,
where it is that image's; `FROM python:latest` and CI's `nightly` or `pypy3` are some Python 3 too). The deployment: a
root `runtime.txt` or `.python-version` (`python-2.7.17`, `3.11`), a root Pipfile's `python_version`, each systemd unit
whose `ExecStart=` runs `python3` (or else `python2`), each deployment YAML file or shell script that installs or runs
`python3` or mod_wsgi built for it (`apt: pkg: ["python3=3.10.*"]`, `libapache2-mod-wsgi-py3`; Python 3 only:
`_provisioning`), and each Dockerfile, which runs Python 3 at any sign of it (those, `pip3`, `FROM python:3.11`, with
its ARG/ENV defaults put in) and else Python 2 at one of Python 2: built `FROM python:2.7`, calling `python2`/`pip2`,
or installing `python`, `python-pip`, `python-dev`, `uwsgi-plugin-python` with a system package manager (`apt-get
install`, `yum install`, `apk add`: Debian's `python-*` packages are Python 2's). CI and packaging: the root `tox.ini`
envlist (`py27`), the root `.travis.yml` `python:` versions (but one whose every job `allow_failures` lets fail: a
trial, not a runtime the project commits to), the root AppVeyor file's `PYTHON_VERSION: 2.7.9` or `PYTHON:
C:\\Python27`, GitHub Actions' `python-version:` (a matrix list too), the classifiers (`Programming Language :: Python
:: 2`) and required Python (`python_requires='>=2.7, <3'`, `requires-python`, Poetry's `python =`) of setup.py,
setup.cfg and pyproject.toml, and the project's Debian source packages (the root's `debian/`, or a skeleton a project
script copies: debian_folders.py), which build for Python 2 at `X-Python-Version`, `python`/`python-*` dependencies or
`dh --with python2` and for Python 3 at any python3 (debian_control.py), and mod_wsgi files (wsgi_python.py): these two,
as packaging, decide Python 2 only with the deployment silent and nothing else (nor Python-3-only syntax) admitting 3.

A Dockerfile whose command runs Python only under Python 2 (image_commands.py: `FROM python:2.7` with `CMD gunicorn`
that pip2 installed, or `python -m celery`) runs Python 2 whatever else it installs (a python3 for the tools the
service runs as subprocesses), and then a Python 3 that runs nothing of the service does not say otherwise: an image
whose command runs no Python (a database image whose crontab runs python3 health checks), or a shell script no image's
command names (an installer, a cron job's wrapper). An image whose command runs `python3`, or a program pip3 installs,
declares Python 3 as before.

A project runs Python 2 when no declaration admits only Python 3, and either some deployment declaration admits only
Python 2 or, with the deployment silent, every CI and packaging declaration does. So a multi-stage build or a python3
installed beside `python-dev`, a `python_requires='>=3'` beside a stray Python 2 Dockerfile, or a stale `runtime.txt`
beside a Dockerfile that installs python3 declares no Python 2. A project tested or packaged for both (`envlist =
py27,py36`, classifiers for 2.7 and 3.6) with a silent deployment also runs on Python 3, where Python 2 syntax fails:
it declares no Python 2, and such files stay reported.

A project whose declarations all admit only releases before one (`before_release`) uses `async` and `await` as names
before 3.7 (python2_files.py), and runs no syntax of a later one (runtime_syntax.py). Read once per run (`runtime_declarations`)."""

from __future__ import annotations

import os
import re
from typing import Dict, FrozenSet, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Set, Tuple

from prr_lint.modules import PathLike
from prr_lint.project.debian_folders import DebianFolder, debian_declarations, debian_folders
from prr_lint.project.image_commands import PYTHON_IMAGE, SEPARATORS, command_names, command_python
from prr_lint.project.lambda_image import instructions
from prr_lint.project.launchers import development_file
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.project_tree import project_tree
from prr_lint.project.python3_syntax import python3_syntax
from prr_lint.project.wsgi_python import MOD_WSGI_PYTHON3, wsgi_declarations
from prr_lint.project.python_versions import (Version, Versions, before, majors, refined, release,
                                              specifier_versions)
from prr_lint.stamps import is_container_file, is_systemd_unit
from prr_lint.project.texts import read_bounded
from prr_lint.tree_reads import list_folder

# The releases a declaration admits (python_versions.py) and where it says so (`Dockerfile: pip2`).
Evidence = Tuple[Versions, str]
_TWO, _THREE = frozenset({2}), frozenset({3})
_PYTHON2 = frozenset({(2, None)})  # which Python 2 matters nowhere: each is before every Python 3
# Docker Hub's Python image, whose untagged and unversioned tags (`latest`, `slim`) have long been Python 3.
_OFFICIAL_PYTHON = ("python", "library/python")

_RUNTIME = re.compile(r"^\s*(?:python-)?([23](?:\.\d+)*)\s*$")
# `python2`, `pip2.7`, `python3-dev`: a program or package of one major version.
_UNIT_COMMAND = re.compile(r"^\s*Exec(?:Start|StartPre|StartPost|Reload)\s*=")  # a systemd unit's commands
_VERSIONED = re.compile(r"(?<![\w.])(?:python|pip)([23](?:\.\d+)*)(?![\w.])")
_VARIABLE = re.compile(r"^(\w+)[= ]\s*(\S*)")
_MAX_VALUE = 100  # a variable built from itself (`ENV A=$A$A`) must not grow without bound
# `$NAME` or `${NAME}`, put in in one pass as Docker does: a value's own `$OTHER` is not expanded again,
# so an argument grows at most _MAX_VALUE-fold (`ENV A=$B$B...` before `ENV B=$C$C...` nested no deeper).
_REFERENCE = re.compile(r"\$(?:\{(\w+)\}|(\w+))")
_INSTALLERS = {"apt-get": "install", "apt": "install", "aptitude": "install", "yum": "install", "dnf": "install",
               "microdnf": "install", "zypper": "install", "apk": "add"}
# Debian's and Ubuntu's Python 2 packages (and their `python2*` names, which _VERSIONED reads).
_PYTHON2_PACKAGE = re.compile(r"^(?:python|python-[\w.+-]+|uwsgi-plugin-python)(?:=\S*)?$")
_ENVLIST = re.compile(r"^envlist\s*=\s*(.*)$")
_TOX_PYTHON = re.compile(r"(?<![\w.])py([23]\d*)(?![\w.])")
_TOX_BRACES = re.compile(r"(?<![\w.])py\{([^}]*)\}")  # `py{27,36}-django`
_TRAVIS_KEY = re.compile(r"^\s*(?:-\s*)?python\s*:\s*(.*)$")
_ALLOW_FAILURES = re.compile(r"^(\s*)allow_failures\s*:\s*$")
_YAML_KEY = re.compile(r"^\s*(-\s+)?([\w-]+)\s*:\s*(.*)$")  # `- python: "3.6"` starts an entry, `env: A=1` continues it
# AppVeyor's environment (`PYTHON_VERSION: 2.7.9`, `PYTHON: C:\\Python27-x64`) and setup-python's `python-version:`.
_APPVEYOR_KEY = re.compile(r"^\s*(?:-\s*)?PYTHON(?:_VERSION)?\s*:\s*['\"]?(?:[A-Za-z]:[\\/]+Python)?([23]\.?\d*)", re.MULTILINE)
_ACTIONS_KEY = re.compile(r"^\s*(?:-\s*)?python-version\s*:\s*(.*)$")
_APPVEYOR_FILES = ("appveyor.yml", ".appveyor.yml")
_WORKFLOWS = os.path.join(".github", "workflows")
_LIST_ITEM = re.compile(r"^\s*-\s*(\S.*)$")
_CLASSIFIER = re.compile(r"Programming Language :: Python :: ([23](?:\.\d+)*)(?: :: Only)?\s*['\"\n]")
# setup.py's `python_requires=`, setup.cfg's `python_requires =`, pyproject's `requires-python =` and Poetry's `python =`.
_REQUIRES = re.compile(r"(?:python_requires|requires-python|^[ \t]*python)\s*=\s*['\"]?([^'\"\n]*)", re.MULTILINE)
_PIPFILE = re.compile(r"^[ \t]*python_(?:full_)?version\s*=\s*['\"]([23](?:\.\d+)*)", re.MULTILINE)
# Root files that declare the Python runtime a platform deploys.
RUNTIME_DECLARATIONS = ("runtime.txt", ".python-version")
# Root packaging files, for the classifiers and required Python they state.
_PACKAGING = ("setup.py", "setup.cfg", "pyproject.toml")


class _Sign(NamedTuple):
    """A sign of a Python version in a Dockerfile (`_dockerfile_signs`)."""

    version: Version
    shown: str  # `FROM python:3.6`, `pip2`, `install python-dev`
    stage: int  # the build stage it is in: one per FROM


class Declared(NamedTuple):
    """The project's runtime declarations, read once per run (`runtime_declarations`); the questions below are pure
    functions of them."""

    deployed: List[Evidence]
    tested: List[Evidence]  # CI's and packaging's
    side: List[Evidence]  # Python 3 that runs nothing of the service (module docstring)
    served: bool  # some image's command runs Python only under Python 2
    beside: Sequence[Evidence] = ()  # Debian packages', mod_wsgi files': for `python2_runtime` alone (module docstring)


def runtime_declarations(analysis) -> Declared:
    """The project's declarations, scanned once however many checks ask (python2_files.py, python2_imports.py,
    python2_leftovers.py)."""
    return analysis.derived("runtime-declarations", lambda: _declared(analysis))


def _declared(analysis) -> Declared:
    """The launch files' declarations, Debian packages' and mod_wsgi files' (none of Python 2 beside Python 3 code)."""
    root = getattr(analysis.settings, "root", None)
    tree, launch = list(project_tree(analysis).files()) if root else [], analysis.derived("launch-files", tuple)
    declared = declarations(root, launch, debian_folders(root, tree) if root else [])
    beside = [*declared.beside, *(wsgi_declarations(root, tree, launch) if root else [])]
    if any(majors(versions) == _TWO for versions, _ in beside) and python3_syntax(analysis):
        beside = [found for found in beside if majors(found[0]) != _TWO]
    return declared._replace(beside=beside)


def python2_runtime(declared: Declared) -> Optional[str]:
    """The declaration that shows the project runs Python 2 (`runtime.txt: python-2.7.17`), or None
    (module docstring)."""
    deployed, side, served = declared.deployed, declared.side, declared.served
    tested = [*declared.tested, *declared.beside]
    if any(majors(versions) == _THREE for versions, _ in (*deployed, *tested, *([] if served else side))):
        return None  # some declaration admits only Python 3
    if (python2 := next((where for versions, where in deployed if majors(versions) == _TWO), None)) is not None:
        return python2
    return tested[0][1] if tested and all(majors(versions) == _TWO for versions, _ in tested) else None


def python3_declaration(declared: Declared) -> Optional[str]:
    """The first declaration that admits Python 3 (`.github/workflows/test.yml: python-version 3.6`, `tox.ini:
    envlist = py27,py37`), or None: where the project says it runs on Python 3, a file only Python 2 parses cannot
    run under its interpreter (python2_leftovers.py). Debian packaging is not read here (module docstring)."""
    deployed, tested, side = declared.deployed, declared.tested, declared.side
    return next((where for versions, where in (*deployed, *side, *tested) if 3 in majors(versions)), None)


def python3_only(declared: Declared) -> Optional[str]:
    """The first declaration when the project makes some and each admits only Python 3 (every Dockerfile installs
    python3, `python: 3.7` on Travis), or None: there a module no Python 3 can import runs nowhere
    (python2_imports.py). A declaration admitting Python 2 too (`envlist = py27,py37`) may be how it is deployed."""
    deployed, tested, side = declared.deployed, declared.tested, declared.side
    found = [*deployed, *side, *tested]
    return found[0][1] if found and all(majors(versions) == _THREE for versions, _ in found) else None


def before_release(declared: Declared, first: Tuple[int, int]) -> Optional[str]:
    """The first deployment, CI or packaging declaration when the project makes some and each, the side ones too,
    admits only releases before `first` (Python 2, `envlist = py34,py35,py36`, `python: "3.6"`, `FROM python:3.6` before
    3.7), or None: there the grammar of `first` is not the project's (python2_files.py: `async` and `await` are names
    before 3.7; runtime_syntax.py). A declaration that names no release (`python3`, `python_requires='>=3.4'`) may be a later one;
    a side one alone (an installer's `python3.6`) says only what runs beside the service."""
    deployed, tested, side = declared.deployed, declared.tested, declared.side
    found = [*deployed, *tested]
    return found[0][1] if found and all(before(versions, first) for versions, _ in (*found, *side)) else None


def newest_release(declared: Declared) -> Tuple[int, int]:
    """The newest Python 3 release any declaration names (3.6 when none does): the grammar the code of a project
    whose every declaration is before 3.7 is written for (python2_files.py)."""
    return max((version for versions, _ in (*declared.deployed, *declared.tested, *declared.side)
                for version in versions if version[0] == 3 and version[1] is not None), default=(3, 6))  # type: ignore[return-value]


def declarations(root: Optional[PathLike], launch_files: Iterable[str], debian: Sequence[DebianFolder] = ()) -> Declared:
    """The deployment's declarations, those of CI and packaging, and the side ones (module docstring). `debian`: the
    project's Debian source packages (debian_folders.py)."""
    root = os.fspath(root) if root else None
    launch = list(launch_files)
    at_root = {os.path.basename(path): path for path in launch if root and os.path.dirname(path) == root.rstrip(os.sep)}
    images, side, served, commanded = _dockerfiles(root, launch)
    scripts = _provisioning(root, launch)
    aside = {path for path in scripts if path.endswith(".sh") and os.path.basename(path) not in commanded}
    side.extend(found for path, found in scripts.items() if path in aside)
    deployed = [*_runtime_file(root), *images, *_units(root, launch), *(found for path, found in scripts.items() if path not in aside),
                *_pipfile(at_root.get("Pipfile"))]
    tested = [*_tox(at_root.get("tox.ini")), *_travis(at_root.get(".travis.yml")), *_appveyor(root), *_actions(root),
              *_packaging(root)]
    return Declared(deployed, tested, side, served, debian_declarations(root, debian))


def _runtime_file(root: Optional[str]) -> List[Evidence]:
    for name in RUNTIME_DECLARATIONS if root else ():
        text = read_bounded(os.path.join(root, name))  # type: ignore[arg-type]
        first = text.strip().splitlines()[0] if text and text.strip() else ""
        if (match := _RUNTIME.match(first)) is not None:
            return [(frozenset({release(match.group(1))}), f"{name}: {first.strip()}")]
    return []


def _dockerfiles(root: Optional[str], launch_files: Sequence[str]) -> Tuple[List[Evidence], List[Evidence], bool, Set[str]]:
    """Each deployment Dockerfile's Python: 2 when its command runs only Python 2 (image_commands.py), else 3 at any
    sign of Python 3 (the releases its signs name: `_stage_releases`), else 2 at its first sign of Python 2;
    apart, the Python 3 of images whose command runs no Python; whether some command runs only Python 2; the file names the commands name. A test's or a CI pipeline's image
    (launchers.development_file) says nothing of what the service runs."""
    found: List[Evidence] = []
    side: List[Evidence] = []
    served, commanded = False, set()
    launch_names = frozenset(os.path.basename(path) for path in launch_files if not is_container_file(path))
    for path in launch_files:
        if not is_container_file(path) or development_file(path, root):
            continue
        if (text := read_bounded(path)) is None:
            continue
        where = os.path.relpath(path, root) if root else path
        commanded |= command_names(text)
        signs = list(_dockerfile_signs(text))
        shown = next((sign.shown for sign in signs if sign.version[0] == 3), None)
        runs = command_python(path, text, launch_names) if shown is not None else None
        if runs == _TWO:
            served = True
            found.append((_PYTHON2, f"{where}: {next((sign.shown for sign in signs if sign.version[0] == 2), shown)}, its command runs Python 2"))
        elif shown is not None:
            (side if runs == frozenset() else found).append((_stage_releases(signs), f"{where}: {shown}"))
        elif signs:
            found.append((_PYTHON2, f"{where}: {signs[0].shown}"))
    return found, side, served, commanded


def image_python(path: str, text: str, launch_names: FrozenSet[str]) -> FrozenSet[int]:
    """The Python a Dockerfile's text runs, read as `_dockerfiles` reads it: 2 when its command runs only Python 2, 3
    at any sign of Python 3, else 2 at one of Python 2, else none."""
    shown = majors(sign.version for sign in _dockerfile_signs(text))
    if 3 in shown:
        return _TWO if command_python(path, text, launch_names) == _TWO else _THREE
    return shown


def _stage_releases(signs: Sequence[_Sign]) -> Versions:
    """The Python 3 releases an image's signs name, stage by stage: in a stage `FROM python:3.6`, a bare `pip3` is
    that image's Python (`refined`), but in a later `FROM ubuntu:22.04` stage that installs `python3` it is Ubuntu's,
    which may be any release."""
    stages = {sign.stage for sign in signs}
    return frozenset().union(*(refined(sign.version for sign in signs if sign.stage == stage and sign.version[0] == 3)
                               for stage in stages))


def python3_text(text: str) -> bool:
    """A launch file's text calls a Python 3 program (`exec python3 report.py`, `pip3`)."""
    return any(match.group(1)[0] == "3" for match in _VERSIONED.finditer(text))


def _units(root: Optional[str], launch_files: Sequence[str]) -> List[Evidence]:
    """Each deployment systemd unit whose commands run a versioned interpreter (`ExecStart=/usr/bin/python3 app.py`):
    3 at any sign of Python 3 (each release named: a bare `python3` beside `python3.6` may be any), else 2 at one of
    Python 2, as a Dockerfile's."""
    found: List[Evidence] = []
    for path in launch_files:
        if not is_systemd_unit(path) or development_file(path, root) or (text := read_launch_text(path)) is None:
            continue
        commands = [line.partition("=")[2] for line in text.splitlines() if _UNIT_COMMAND.match(line)]
        versions = {release(match.group(1)) for command in commands for match in _VERSIONED.finditer(command)}
        if versions:
            major = max(majors(versions))
            found.append((frozenset(version for version in versions if version[0] == major),
                          f"{os.path.relpath(path, root) if root else path}: python{major}"))
    return found


def _provisioning(root: Optional[str], launch_files: Sequence[str]) -> Dict[str, Evidence]:
    """Each deployment YAML file or shell script (an Ansible task, a compose or Kubernetes file, an entrypoint) that
    installs or runs Python 3 outside its comments (`pkg: ["python3=3.10.*", "python3-dev"]`, `exec python3 app.py`):
    3 (each release named: `python3.6 -m venv` beside `exec python3` may run two). Only Python 3 is read there: such a file's `python2` may be a
    provisioning tool's own interpreter, and a Python 2 deployment is shown by what runs the service (an image, a unit,
    a runtime file)."""
    found: Dict[str, Evidence] = {}
    for path in launch_files:
        if not path.endswith((".yml", ".yaml", ".sh")) or development_file(path, root) or (text := read_launch_text(path)) is None:
            continue
        python3 = [(release(hit.group(1)), hit.group(0)) for hit in _VERSIONED.finditer(text) if hit.group(1)[0] == "3"]
        python3 += [((3, None), hit.group(0)) for hit in MOD_WSGI_PYTHON3.finditer(text)]  # mod_wsgi for some 3
        if python3:
            where = os.path.relpath(path, root) if root else path
            found[path] = (frozenset(version for version, _ in python3), f"{where}: {python3[0][1]}")
    return found


def _dockerfile_signs(text: str) -> Iterator[_Sign]:
    """Each sign of a Python version in a Dockerfile's instructions, with the defaults of its ARG and ENV variables
    put in (`python$PY_VERSION-dev`); a stage built `FROM` an earlier one has its Python image too."""
    variables: Dict[str, str] = {}
    stage, images = 0, {}  # type: int, Dict[str, Tuple[Version, str]]  # each named stage's Python image
    for instruction, argument in instructions(text):
        argument = _REFERENCE.sub(lambda match: variables.get(match.group(1) or match.group(2), match.group(0)), argument)
        if instruction in ("ARG", "ENV") and (match := _VARIABLE.match(argument)) is not None:
            value = match.group(2).strip("'\"")
            if 0 < len(value) <= _MAX_VALUE:
                variables[match.group(1)] = value
            else:  # no default (`ARG PY_VERSION`): `python$PY_VERSION` names no version
                variables.pop(match.group(1), None)
        if instruction == "FROM":
            stage += 1
            words = [word for word in argument.split() if not word.startswith("--")]
            image = words[0] if words else ""
            if (python := images.get(image.lower()) or _python_image(image)) is not None:
                if len(words) >= 3 and words[1].lower() == "as":
                    images[words[2].lower()] = python
                yield _Sign(*python, stage)
                continue
        for match in _VERSIONED.finditer(argument):
            yield _Sign(release(match.group(1)), match.group(0), stage)
        yield from (_Sign((3, None), match.group(0), stage) for match in MOD_WSGI_PYTHON3.finditer(argument))
        if instruction == "RUN":
            for package in _installed(argument):
                if _PYTHON2_PACKAGE.match(package):
                    yield _Sign((2, None), f"install {package}", stage)


def _python_image(image: str) -> Optional[Tuple[Version, str]]:
    """The release a Python base image runs and how to show it (`FROM python:3.6`); the official image of no version
    (`python:latest`, `python:slim`) is some Python 3, another registry's of that name may be anything."""
    if PYTHON_IMAGE.search(image) is not None:
        tag = image.partition("python:")[2].partition("-")[0]
        return release(tag), f"FROM python:{tag}"
    name, _, tag = _unregistered(image.partition("@")[0]).partition(":")
    if name in _OFFICIAL_PYTHON and not tag[:1].isdigit() and "$" not in tag:
        return (3, None), f"FROM {name}:{tag}" if tag else f"FROM {name}"
    return None


def _unregistered(image: str) -> str:
    """The image's name and tag without the registry it is pulled from (`docker.io/library/python:slim`)."""
    first, _, rest = image.partition("/")
    return rest if rest and ("." in first or ":" in first or first == "localhost") else image


def _installed(command: str) -> List[str]:
    """The packages a shell command installs with a system package manager (`apt-get install -y a b`)."""
    packages: List[str] = []
    for segment in SEPARATORS.split(command):
        words = segment.split()
        manager = next((position for position, word in enumerate(words) if word in _INSTALLERS), None)
        if manager is not None and _INSTALLERS[words[manager]] in words[manager + 1:]:
            start = words.index(_INSTALLERS[words[manager]], manager + 1) + 1
            packages.extend(word for word in words[start:] if not word.startswith("-"))
    return packages


def _tox(path: Optional[str]) -> List[Evidence]:
    """The releases of the root tox.ini's envlist (`py27`, `py{27,36}-django`, `py3`: any Python 3)."""
    text = read_bounded(path) if path else None
    lines = text.splitlines() if text else []
    for number, line in enumerate(lines):
        if (match := _ENVLIST.match(line.strip())) is None:
            continue
        value = [match.group(1)]
        value.extend(following for following in _continuation(lines[number + 1:]))
        envlist = " ".join(value)
        braced = [item.strip() for group in _TOX_BRACES.findall(envlist) for item in group.split(",")]
        versions = frozenset(release(digits) for digits in [*_TOX_PYTHON.findall(envlist), *(item for item in braced if item[:1] in ("2", "3"))])
        return [(versions, f"tox.ini: envlist = {envlist.strip()}")] if versions else []
    return []


def _continuation(lines: Sequence[str]) -> Iterator[str]:
    """The indented lines that continue an ini value."""
    for line in lines:
        if not line.strip() or not line[0].isspace():
            return
        yield line.strip()


def _travis(path: Optional[str]) -> List[Evidence]:
    """The Python versions the root .travis.yml tests (`python: 2.7`, a list under `python:`), but a version whose
    every job may fail (`allow_failures: - python: "3.6"`): a trial of a runtime the project does not declare."""
    text = read_bounded(path) if path else None
    return _yaml_versions(text, _TRAVIS_KEY, ".travis.yml: python", _allowed_failures(text or ""))


def _allowed_failures(text: str) -> FrozenSet[str]:
    """The Python versions of the `allow_failures:` entries that name only a version (`- python: "3.6"`): every job
    of that version may fail. An entry with other keys (`python: "3.6"` with `env: A=1`) lets some jobs fail only."""
    allowed: Set[str] = set()
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        match = _ALLOW_FAILURES.match(lines[number])
        number += 1
        if match is None:
            continue
        depth = len(match.group(1))
        entries: List[Dict[str, str]] = []
        while number < len(lines):  # the block: deeper lines, and list items at the key's own depth
            line = lines[number]
            indent = len(line) - len(line.lstrip())
            if line.strip() and not line.lstrip().startswith("#"):
                if indent < depth or (indent == depth and not line.lstrip().startswith("-")):
                    break
                if (key := _YAML_KEY.match(line)) is not None and (key.group(1) or entries):
                    entries.extend([{}] if key.group(1) else [])
                    entries[-1][key.group(2)] = key.group(3).split("#")[0].strip().strip("'\"")
            number += 1
        allowed |= {entry["python"] for entry in entries if set(entry) == {"python"}}
    return frozenset(allowed)


def _actions(root: Optional[str]) -> List[Evidence]:
    """The Python versions each GitHub Actions workflow sets up (`python-version: "2.7"`, a matrix list)."""
    folder = os.path.join(root, _WORKFLOWS) if root else None
    listed = list_folder(folder) if folder else None
    names = sorted(listed.files) if listed else []
    return [found for name in names if name.endswith((".yml", ".yaml"))
            for found in _yaml_versions(read_bounded(os.path.join(folder, name)), _ACTIONS_KEY,  # type: ignore[arg-type]
                                        f"{_WORKFLOWS}/{name}: python-version")]


def _yaml_versions(text: Optional[str], key: "re.Pattern[str]", where: str, skipped: FrozenSet[str] = frozenset()) -> List[Evidence]:
    """The releases a YAML key lists (`key: 2.7`, `key: [2.7, "3.6"]`, or a block list under `key:`), but the
    `skipped` versions (`_named_python`)."""
    lines = text.splitlines() if text else []
    found: List[Evidence] = []
    for number, line in enumerate(lines):
        if (match := key.match(line)) is None:
            continue
        values = [match.group(1)] if match.group(1).strip() else list(_list_items(lines[number + 1:]))
        for value in values:
            for version in value.split("#")[0].strip("[] ").split(","):
                version = version.strip().strip("'\"")
                if (named := _named_python(version)) is not None and version not in skipped:
                    found.append((frozenset({named}), f"{where} {version}"))
    return [(frozenset().union(*(versions for versions, _ in found)), found[0][1])] if found else []


def _named_python(value: str) -> Optional[Version]:
    """The release a CI value names (`3.6`, `3.7-dev`, `pypy-3.7`, `pypy3`), Travis's `pypy` PyPy's Python 2; a word
    (`nightly`, `dev`) some Python 3, which release unknown; a template or alias (`${{ matrix.python }}`, `*py`)
    nothing."""
    rest = value[4:].lstrip("-") if value.startswith("pypy") else value
    if rest[:1] in ("2", "3"):
        return release(rest)
    if value.startswith("pypy") and not rest:
        return (2, None)
    return (3, None) if rest[:1].isalpha() and rest.replace("-", "").replace(".", "").isalnum() else None


def _newest(versions: Iterable[Version]) -> Version:
    """The newest of the releases a declaration lists, the one that tells whether it admits Python 3.7 (a bare `3`
    may be any of its releases)."""
    return max(versions, key=lambda version: (version[0], 1 << 30 if version[1] is None else version[1]))


def _named(version: Version) -> str:
    """`3.6`, or `3` when no release is named."""
    return f"{version[0]}" if version[1] is None else f"{version[0]}.{version[1]}"


def _appveyor(root: Optional[str]) -> List[Evidence]:
    """The Python versions the root AppVeyor file builds with (`PYTHON_VERSION: 2.7.9`, `PYTHON: C:\\Python27`)."""
    for name in _APPVEYOR_FILES if root else ():
        text = read_bounded(os.path.join(root, name))  # type: ignore[arg-type]
        versions = [release(digits) for digits in _APPVEYOR_KEY.findall(text or "")]
        if versions:
            return [(frozenset(versions), f"{name}: Python {_named(_newest(versions))}")]
    return []


def _list_items(lines: Sequence[str]) -> Iterator[str]:
    for line in lines:
        if (match := _LIST_ITEM.match(line)) is None:
            return
        yield match.group(1).split("#")[0]


def _packaging(root: Optional[str]) -> List[Evidence]:
    """The releases setup.py's, setup.cfg's or pyproject.toml's classifiers and required Python admit
    (python_versions.py `refined`, `specifier_versions`)."""
    found: List[Evidence] = []
    for name in _PACKAGING if root else ():
        text = read_bounded(os.path.join(root, name)) or ""  # type: ignore[arg-type]
        classifiers = refined(release(digits) for digits in _CLASSIFIER.findall(text))
        if classifiers:
            found.append((classifiers, f"{name}: Programming Language :: Python :: {_named(_newest(classifiers))}"))
        found.extend((specifier_versions(requires), f"{name}: requires Python {requires.strip()}") for requires in _REQUIRES.findall(text))
    return found


def _pipfile(path: Optional[str]) -> List[Evidence]:
    """The Python a root Pipfile's `[requires]` pins (`python_version = "3.8"`)."""
    match = _PIPFILE.search(read_bounded(path) or "") if path else None
    return [(frozenset({release(match.group(1))}), f"Pipfile: python_version {match.group(1)}")] if match else []
