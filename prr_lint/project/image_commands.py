"""The Python an image's command runs, whatever else the image installs (python2_runtime.py).

An image built `FROM python:2.7` may also `apt install python3` and `python3 -m pip install -r requirements_3.txt`
for a few Python 3 tools it runs as subprocesses (Kuiper's parsers); its `CMD gunicorn ... Kuiper:app` still runs
the gunicorn that `pip2 install -r requirements_2.7.txt` put there, and `python -m celery` the base image's `python`:
the service runs under Python 2. So the command of the last stage (its CMD and ENTRYPOINT, each `&&`, `||`, `;` or
`|` segment) is read by the first word of each segment that runs Python: `python3` and `python2` name their
version; `python` is the base image's (`FROM python:2.7`, through the stages it builds on; any other base leaves it
unknown); a program a pip install names, directly or in a requirements file the image copies in, runs under that
pip's Python (`pip2`, `python3 -m pip`, the base image's `pip`), under both when pips of both install it.
A segment that names a launch file of the project (`./start.sh`, which may run anything) or a `python` of no known
version leaves the command unknown. A command in which nothing runs Python (`cron && docker-entrypoint.sh mongod`)
runs none, and a python3 such an image installs serves side jobs (the health checks its crontab runs), not the
service; but only in an image that can hold no Python program it does not name: not one built on a Python image,
nor one that installs a requirements file (whose distributions may ship programs of other names), a path, an
editable or `setup.py`, uses another installer (`uv`, `poetry`, `pipx`) or copies from another stage (a virtualenv).
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Set, Tuple

from prr_lint.project.lambda_image import instruction_words, instructions
from prr_lint.project.texts import read_bounded
from prr_lint.project.version_bounds import normalized, requirement

# A Python base image and its major version (`python:2.7`, `docker.io/library/python:3.12-slim`).
PYTHON_IMAGE = re.compile(r"(?:^|/)python:([23])")
_PROGRAM = re.compile(r"^(python|pip)([23])?(?:\.\d+)*$")  # `python3.11`, `pip2`, `python`
# What separates a shell line's commands (`a && b`, `a; b`, `a | b`): python2_runtime.py and debian_folders.py too.
SEPARATORS = re.compile(r"&&|\|\||[;|]")
_REQUIREMENT_OPTIONS = ("-r", "--requirement")
_INSTALLERS = frozenset({"uv", "poetry", "pipx", "pipenv", "pdm", "conda", "easy_install"})  # programs pip does not name
_OPTIONS_WITH_VALUES = ("-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--target", "-t")


class _Stage(NamedTuple):
    base: Optional[int]  # the major of the base image's `python`, when it is a `python:X` image
    installs: Tuple[Tuple[Optional[int], str], ...]  # (the pip's major, a package or `-r FILE`) of each pip install
    copies: Tuple[Tuple[Tuple[str, ...], str], ...]  # (sources, destination) of each COPY/ADD
    entrypoint: Tuple[str, ...]  # the ENTRYPOINT's words
    cmd: Tuple[str, ...]  # the CMD's words (an ENTRYPOINT resets the CMD a base stage set)
    opaque: bool  # may hold Python programs it does not name (module docstring)


def command_python(dockerfile: str, text: str, launch_names: FrozenSet[str]) -> Optional[FrozenSet[int]]:
    """The majors of the Python the image's command runs (module docstring): an empty set when it runs none, None
    when that cannot be told (no command, a project script, a `python` of no known version). `launch_names` are the
    file names of the project's launch files."""
    stage = _last_stage(text)
    if stage is None or not (command := stage.entrypoint + stage.cmd):
        return None
    programs = _installed_programs(stage, os.path.dirname(dockerfile))
    majors: Set[int] = set()
    for segment in SEPARATORS.split(" ".join(command)):
        for word in (posixpath.basename(word.strip("'\"")) for word in segment.split()):
            if word in launch_names:
                return None
            if (match := _PROGRAM.match(word)) is not None and match.group(1) == "python":
                major = int(match.group(2)) if match.group(2) else stage.base
                if major is None:
                    return None
                majors.add(major)
                break
            if (found := programs.get(normalized(word))) is not None:
                if None in found:
                    return None
                majors |= {major for major in found if major is not None}
                break
    return None if stage.opaque and not majors else frozenset(majors)


def _last_stage(text: str) -> Optional[_Stage]:
    """The last stage, built on the earlier stages it names (`FROM base AS runtime`)."""
    stages: Dict[str, _Stage] = {}
    stage: Optional[_Stage] = None
    name = ""
    for instruction, argument in instructions(text):
        if instruction == "FROM":
            if stage is not None and name:
                stages[name] = stage
            words = [word for word in argument.split() if not word.startswith("--")]
            named = words[0].lower() if words else ""
            match = PYTHON_IMAGE.search(named)
            stage = stages.get(named) or _Stage(int(match.group(1)) if match else None, (), (), (), (), "python" in named)
            name = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else ""
        elif stage is None:
            continue
        elif instruction == "RUN":
            installs, opaque = _pip_installs(argument, stage.base)
            stage = stage._replace(installs=stage.installs + installs, opaque=stage.opaque or opaque)
        elif instruction in ("COPY", "ADD"):
            words = instruction_words(argument) or []
            if any(word.startswith("--from") for word in words):
                stage = stage._replace(opaque=True)  # a virtualenv or program another stage built
                continue
            words = [word for word in words if not word.startswith("--")]
            if len(words) >= 2:
                stage = stage._replace(copies=stage.copies + ((tuple(words[:-1]), words[-1]),))
        elif instruction == "ENTRYPOINT":
            stage = stage._replace(entrypoint=tuple(instruction_words(argument) or ()), cmd=())
        elif instruction == "CMD":
            stage = stage._replace(cmd=tuple(instruction_words(argument) or ()))
    return stage


def _pip_installs(command: str, base: Optional[int]) -> Tuple[Tuple[Tuple[Optional[int], str], ...], bool]:
    """(pip's major, package or `-r FILE`) of each pip install in a RUN command, and whether it installs something
    it cannot name (a path, an editable, `setup.py install`)."""
    found: List[Tuple[Optional[int], str]] = []
    opaque = False
    for segment in SEPARATORS.split(command):
        words = [word.strip("'\"") for word in segment.split()]
        opaque = opaque or bool(_INSTALLERS.intersection(words)) or any(posixpath.basename(word) == "setup.py" for word in words)
        for position, word in enumerate(words):
            match = _PROGRAM.match(posixpath.basename(word))
            if match is None:
                continue
            start = position + 1
            if match.group(1) == "python":
                if words[start:start + 2] != ["-m", "pip"]:
                    continue
                start += 2
            if words[start:start + 1] != ["install"]:
                continue
            major = int(match.group(2)) if match.group(2) else base
            rest = words[start + 1:]
            skip = False
            for index, item in enumerate(rest):
                if skip:
                    skip = False
                elif item in _REQUIREMENT_OPTIONS and index + 1 < len(rest):
                    found.append((major, "-r " + rest[index + 1]))
                    opaque = skip = True  # its requirements may name the program under another name
                elif item in _OPTIONS_WITH_VALUES:
                    skip = True
                elif item in ("-e", "--editable") or item.startswith((".", "/")) or "://" in item:
                    opaque = True
                elif not item.startswith("-"):
                    found.append((major, item))
            break
    return tuple(found), opaque


def _installed_programs(stage: _Stage, folder: str) -> Dict[str, Set[Optional[int]]]:
    """Distribution name -> the majors of the pips that install it, requirements files read from the build folder."""
    programs: Dict[str, Set[Optional[int]]] = {}
    for major, package in stage.installs:
        names: List[str] = []
        if package.startswith("-r "):
            text = read_bounded(source) if (source := _copied_source(stage, folder, package[3:])) else None
            names = [parsed[0] for line in (text or "").splitlines() if (parsed := requirement(line)) is not None]
        elif (parsed := requirement(package)) is not None:
            names = [parsed[0]]
        for name in names:
            programs.setdefault(name, set()).add(major)
    return programs


def _copied_source(stage: _Stage, folder: str, target: str) -> Optional[str]:
    """The build-folder file the stage's last copy of that file name brings in (`COPY ./kuiper/requirements.txt .`)."""
    name = posixpath.basename(target)
    for sources, destination in reversed(stage.copies):
        for source in sources:
            if posixpath.basename(source.rstrip("/")) == name or (posixpath.basename(destination) == name and len(sources) == 1):
                return os.path.normpath(os.path.join(folder, source))
    return None


def command_names(text: str) -> FrozenSet[str]:
    """The file names the words of the image's command end in (`./start.sh` -> `start.sh`)."""
    stage = _last_stage(text)
    words = (word for part in (stage.entrypoint + stage.cmd if stage else ()) for word in part.split())
    return frozenset(posixpath.basename(word.strip("'\"")) for word in words)
