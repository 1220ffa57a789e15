"""Which of the project's program files the deployment's command lines run: the one reading that PRR501's and
the dead-code scope (schedules.Deployment.runs, undeployed_programs.py) and PRR506 (server_starts.py) share.

A deployment file runs a program when one of its commands names it, whatever words stand around the name: a
script's path (`python3 -u server.py`, `python -X dev svc/worker.py`, `CMD ["/app/worker.py"]`, a
`bin/crank-market` an image puts on PATH) or a module (`python -m svc.worker`; `-m svc` runs `svc/__main__.py`).
A Dockerfile's or Containerfile's COPY or ADD names files it puts into the image: that runs nothing. A program a RUN
of a stage the build throws away executes (image_stages.py: borgmatic's builder stage runs `RUN
/app/docs/fetch-contributors >> /contributors.html`, and its last stage, `FROM nginx`, takes only the output) runs
while the image is built, a build step (build_steps.py): it is `built`, and run only when another command names it
too; a RUN of a stage that ships names the program as run, as any other command does. An image's CMD
follows its stage's ENTRYPOINT (`ENTRYPOINT ["fastapi", "run"]`, `CMD ["merino/main.py"]`). The file the FastAPI
CLI is given is imported, not run (fastapi_cli.py): its code is deployed (`runs`), its `__main__` block never runs
(`runs_main`), and `fastapi run` serves its app (`served`).

A command that runs a program by a name the shell fills in or globs (`python $SCRIPT`, `python jobs/*.py`) may
run any program: `unnamed` says so, and the readers that judge a program unrun by its name ask it
(undeployed_programs.py).

`arguments` gives the words that follow a program on each command that runs it, to the end of that command (a line
and the lines a `\\` goes on to; in a YAML file also the lines that go on its value and a Kubernetes container's
`args:`), for project/deployed_options.py: none when one may hand it any (a word the shell fills in, `"$@"`; an
image's ENTRYPOINT or a compose service's `entrypoint:`, which takes whatever starts it; an image with no command that
copies it; a command whose program the shell fills in).

A name is tied to the project's files by the path it gives:

* in an image file, against the WORKDIR in force and the COPY/ADD instructions before it (`WORKDIR /app`,
  `COPY services/api/ .`, then `CMD python3 -u server.py` runs `services/api/server.py`), the build context
  being the image file's folder or the project root (both are tried);
* elsewhere (a compose `command:`, a Procfile, a crontab), against each image's last WORKDIR and its copies;
* where no image places a project file there, by the trailing folders the path shares with the project's
  files of that name: those that share the most, when that is all of the shorter path
  (`/srv/app/services/check_expire.py` is `services/check_expire.py`; `demo/server.py` is not
  `svc/server.py`). A bare name several files share (`server.py`) runs each of them: which one is unknown,
  and counting none would call the deployed one a person's tool. A module alike by its dotted tail
  (`-m api.server` for `web.api.server`; `-m http.server` is not `server`).

An image with no CMD or ENTRYPOINT is started with a command given elsewhere (`docker run img python app.py` in
a README): each program it copies may be that command, and counts as run; not one that asks at the terminal
(`input()`), which such a command, typed by a person, runs by hand (`runs_main`'s `copied`). When a deployment command
runs a program the image copies (a compose service that builds it runs `./utility applications.wsgi`; the crontab it
installs runs `manage.py cron ...`; a systemd unit runs `-m svc.orchestrator` from the package a build image copies),
that command is the one given elsewhere, found: the image's other copies count as run only when a command names them
(ORES's `score_revisions` utility, listenbrainz's `cron_job.py` wrapper no crontab line uses any more).

The readers that ask only whether the deployment *names* a file or module (an import by a dotted path,
`gunicorn svc.api:app`, `celery -A svc.tasks`; unloaded_files.DeploymentNames, script_apps.py) read the same
text of an image file (`command_text`): its commands and settings, not what its COPY, ADD, FROM and WORKDIR place;
and of a `setup.cfg`, only setuptools' `[options...]` sections (what the distribution installs: its scripts and
entry points), not the other tools' sections that share the file (`[flake8] exclude = content/*/initial.py` names
files a linter skips, which nothing runs).
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Set, Tuple

from prr_lint.project.build_steps import PYTHON, Span, build_executed
from prr_lint.project.fastapi_cli import fastapi_commands
from prr_lint.project.image_stages import FILLED, Stages, targets
from prr_lint.project.installed_files import installed_files
from prr_lint.project.lambda_image import instruction_words, instructions
from prr_lint.stamps import is_container_file
from prr_lint.tree_reads import is_file, is_folder

# A command's words: what stands between blanks, quotes, an exec form's brackets and commas, `=` and `:`.
_WORD = re.compile(r"""[^\s"'\[\],;=:()|&<>`]+""")
_CD = re.compile(r"(?<![\w-])cd\s")  # a command that leaves the image's WORKDIR
_COPIES = ("COPY", "ADD")
_COMMANDS = ("CMD", "ENTRYPOINT")
_PLACING = ("FROM", "WORKDIR", *_COPIES)  # an image's instructions that place files, and name nothing it runs
_SECTION = re.compile(r"^\s*\[([^\]]*)\]")  # an INI section's header
_SETUPTOOLS_SECTION = "options"  # setup.cfg's declarative setuptools sections: `[options]`, `[options.entry_points]`
_UNNAMED = re.compile(r"[$*]|%\w+%|\{\{")  # a program word the shell or a template fills in, or a glob
_ARGUMENT = re.compile(r"""[^\s"'\[\],]+""")  # a word of a command's arguments: `--filter=x` stays one
_FILLED_ARGUMENT = ("$", "{{", "%", "@")  # an argument the shell or a template fills in, or argparse's `@file` of arguments
_FORWARDED = ("$@", "$*")  # a shell script's own arguments, handed on
_NEXT_COMMAND = re.compile(r"[;&|`)]")  # where a shell command ends and the next begins
_KEY_LINE = re.compile(r"[\w.-]+:(?:\s|$)")  # a YAML mapping key, after the line's indentation
YAML_FILES = (".yml", ".yaml")
_ENTRYPOINT = re.compile(r"(?:-\s+)?entrypoint\b", re.IGNORECASE)  # a Dockerfile instruction or a compose key
_MAX_LINES = 64  # the lines a command's arguments may go on over


def command_text(path: str, text: str) -> str:
    """What a deployment file's commands say (module docstring): an image file's instructions but those that place
    files (`COPY report.py /app/` runs nothing), unless it has no CMD or ENTRYPOINT (a command given elsewhere may
    run each program it copies); a `setup.cfg`'s setuptools sections (module docstring); any other file's whole text."""
    if os.path.basename(path) == "setup.cfg":
        return _setuptools_sections(text)
    if not is_container_file(path):
        return text
    read = instructions(text)
    if not any(instruction in _COMMANDS for instruction, _ in read):
        return text
    return "\n".join(argument for instruction, argument in read if instruction not in _PLACING)


def _setuptools_sections(text: str) -> str:
    """The lines of a `setup.cfg`'s `[options...]` sections, headers included: the other sections configure tools
    (linters, test runners) that read or skip files, and run none of them."""
    kept: List[str] = []
    keep = False
    for line in text.splitlines():
        header = _SECTION.match(line)
        if header is not None:
            keep = header.group(1).strip().split(".")[0] == _SETUPTOOLS_SECTION
        if keep:
            kept.append(line)
    return "\n".join(kept)


class _Copy(NamedTuple):
    sources: Tuple[Tuple[str, ...], ...]  # per source word, its project-relative paths (own folder first, then root)
    destination: str  # absolute in the image: a file's new path, or the folder it goes into


class _Built(NamedTuple):
    paths: Set[str]  # the program files a stage's RUNs execute
    modules: Set[str]  # the `-m` modules they execute, when no copy places them


class _Image(NamedTuple):
    copies: Tuple[_Copy, ...]
    workdir: Optional[str]  # None when a variable sets it


class ProgramRuns:
    """The project's program files (module paths) and modules the deployment's commands run (module docstring)."""

    def __init__(self, texts: Dict[str, str], root: str, modules: Dict[str, str]) -> None:
        """`texts`: launch file path -> its live text; `modules`: module name -> its root-relative path."""
        self.root = root
        self._paths = {path.replace("\\", "/") for path in modules.values()}
        # what installing the project puts at absolute paths (installed_files.py), placed as an image's COPY is
        installed = [_Image(tuple(_Copy(((path,),), posixpath.join(folder, path.rpartition("/")[2]))
                                  for folder, files in installed_files(root, self._paths).items() for path in files), "/")] if root else []
        self._named: Dict[str, List[str]] = {}
        for path in sorted(self._paths):
            self._named.setdefault(path.rpartition("/")[2], []).append(path)
        self._dotted: Dict[str, List[str]] = {}
        for name in sorted(modules):
            self._dotted.setdefault(_program_name(name).rpartition(".")[2], []).append(name)
        self.run_paths: Set[str] = set()
        self.run_modules: Set[str] = set()
        self.built: Set[str] = set()  # files and modules an image's RUN executes while it is built (build_steps.py)
        self.unnamed = False  # a command runs a program whose name the shell fills in or globs (`python $SCRIPT`, `python jobs/*.py`)
        self.imported: Set[str] = set()  # files only the FastAPI CLI names: imported, their `__main__` block not run
        self.served: Dict[str, Set[str]] = {}  # files `fastapi run` serves -> the --app names given ("" when found)
        self._arguments: Dict[str, List[Optional[Tuple[str, ...]]]] = {}  # run path or module -> per command, its arguments (None: any)
        # per image with no command, what it copies (project-relative files or folders), each with the programs it does
        # not put into the image that is started: those a thrown-away stage that copies it runs while it is built
        self._uncommanded: List[List[Tuple[str, FrozenSet[str]]]] = []
        self._targets = targets(texts.values())
        images = {path: self._image(path, text) for path, text in texts.items() if is_container_file(path)}
        for path, text in texts.items():
            if path in images:
                continue
            self._read_command(text, [*images.values(), *installed], path.endswith(YAML_FILES))
        named = self.run_paths | {modules[name].replace("\\", "/") for name in self.run_modules if name in modules}
        # an image a deployment command is known to start (it runs a program the image copies) runs only what commands name
        self._copied: List[Tuple[str, FrozenSet[str]]] = [
            copy for copied in self._uncommanded if not any(_within(path, source) for path in named for source, _ in copied)
            for copy in copied]

    def runs(self, module: str, path: str) -> bool:
        """The deployment runs the program `module` at the root-relative `path`, or the FastAPI CLI imports it."""
        return self.runs_main(module, path) or path.replace("\\", "/") in self.imported

    def runs_main(self, module: str, path: str, copied: bool = True) -> bool:
        """The deployment runs `module` as a program: its `__main__` block runs. `copied`: an image with no command
        that copies it counts (a command given elsewhere may run it); not for a program that asks at the terminal,
        which such a command, typed by a person, runs by hand (schedules.py `interactive_tools`)."""
        path = path.replace("\\", "/")
        return path in self.run_paths or module in self.run_modules or (copied and self._copied_in(module, path))

    def arguments(self, module: str, path: str) -> Optional[List[Tuple[str, ...]]]:
        """The words after the program `module` (at the root-relative `path`) on each deployment command that runs it;
        None when one may hand it any, or none runs it (module docstring)."""
        path = path.replace("\\", "/")
        if self.unnamed or self._copied_in(module, path):
            return None
        found = [*self._arguments.get(path, ()), *self._arguments.get(module, ())]
        return None if not found or None in found else found

    def _copied_in(self, module: str, path: str) -> bool:
        """An image with no command puts the program into the image that is started (module docstring)."""
        return any(_within(path, source) and not {path, module} & built for source, built in self._copied)

    # ----- reading -----

    def _image(self, path: str, text: str) -> _Image:
        """Reads one image file's commands in order, and returns its last WORKDIR and its copies."""
        folder = _relative(os.path.dirname(path), self.root)
        copies: List[_Copy] = []
        workdir: Optional[str] = "/"
        commanded = False
        entrypoint = ""  # the stage's ENTRYPOINT, which its CMD's words follow
        read = instructions(text)
        stages = Stages(read, self._targets)
        copied: Dict[int, List[_Copy]] = {}  # stage -> its copies
        built: Dict[int, _Built] = {}  # stage that does not ship -> what its RUNs execute
        for (instruction, argument), stage in zip(read, stages.stage_of):
            if instruction == "FROM":
                entrypoint = ""
            elif instruction == "WORKDIR":
                workdir = _workdir(workdir, argument.strip("\"'"))
            elif instruction in _COPIES:
                copy = self._copy(folder, workdir, argument)
                if copy is not None:
                    copies.append(copy)
                    copied.setdefault(stage, []).append(copy)
            else:
                commanded = commanded or instruction in _COMMANDS
                entrypoint = argument if instruction == "ENTRYPOINT" else entrypoint
                command = f"{entrypoint} {argument}" if instruction == "CMD" else argument
                building = instruction == "RUN" and not stages.ships(stage)
                self._read_command(command, [_Image(tuple(copies), None if _CD.search(command) else workdir)],
                                   open_ended=instruction in _COMMANDS and bool(entrypoint),
                                   built=build_executed(argument) if building else frozenset(),
                                   into=built.setdefault(stage, _Built(set(), set())) if building else None)
        destinations = {stage: [copy.destination for copy in found] for stage, found in copied.items()}
        away = {stage for stage in built if stages.thrown_away(stage, destinations)}
        for stage, found in built.items():
            if stage in away:
                self.built.update(*found)
            else:  # its files reach the image that is started: what its RUN executes there may run again
                self.run_paths.update(found.paths)
                self.run_modules.update(found.modules)
        if not commanded:
            executed = frozenset(name for stage in away for name in (*built[stage].paths, *built[stage].modules))
            self._uncommanded.append([(sources[0], executed if stage in away else frozenset()) for stage, found in copied.items()
                                      for copy in found for sources in copy.sources if sources])
        return _Image(tuple(copies), workdir)

    def _copy(self, folder: str, workdir: Optional[str], argument: str) -> Optional[_Copy]:
        words = instruction_words(argument)
        if words is None or any(word.startswith("--from") for word in words):
            return None  # another stage's files: nothing of the context's is known there
        words = [word for word in words if not word.startswith("--")]
        if len(words) < 2 or FILLED.search(words[-1]) or (workdir is None and not words[-1].startswith("/")):
            return None
        destination = posixpath.normpath(posixpath.join(workdir or "/", words[-1]))
        sources = tuple(self._contexts(folder, word) for word in words[:-1] if not FILLED.search(word) and "*" not in word)
        return _Copy(sources, destination)

    def _contexts(self, folder: str, source: str) -> Tuple[str, ...]:
        """The project-relative paths a COPY source may be: in the image file's folder (first, when it is
        there), and at the root (`docker build -f docker/Dockerfile .`)."""
        own, top = _join(folder, source), _join("", source)
        there = [own] if folder and own is not None and self._exists(own) else []
        return tuple(dict.fromkeys(path for path in (*there, top, own) if path is not None))

    def _exists(self, path: str) -> bool:
        local = os.path.join(self.root, path)
        return path in self._paths or is_file(local) or is_folder(local)

    def _read_command(self, text: str, images: List[_Image], yaml: bool = False, open_ended: bool = False,
                      built: FrozenSet[Span] = frozenset(), into: Optional[_Built] = None) -> None:
        """`open_ended`: an image's ENTRYPOINT (or a CMD after one), whose program takes whatever starts the image.
        `built`: the spans of the words a RUN of a stage that does not ship executes (build_steps.py), noted `into`."""
        matches = list(_WORD.finditer(text))
        words = [match.group() for match in matches]
        served = set()
        for fastapi in fastapi_commands(words):  # the file it names is imported and served (fastapi_cli.py)
            named = words[fastapi.path] if fastapi.path >= 0 else ""
            found = self._files(named, images) if named.rpartition("/")[2] in self._named else set()
            served.add(fastapi.path)
            self.imported.update(found)
            for path in found if fastapi.production else ():
                self.served.setdefault(path, set()).add(fastapi.app)
        for number, word in enumerate(words):
            if number in served:
                continue
            if PYTHON.match(word):
                program = next((later for later in words[number + 1:] if not later.startswith("-")), "")  # `-m $MODULE` too
                self.unnamed |= bool(_UNNAMED.search(program.rpartition("/")[2]))
            if word == "-m":
                at = next((later for later in range(number + 1, len(words)) if words[later] != "-"), -1)
                paths, modules = self._modules(words[at], images) if at >= 0 else (set(), set())
                at_build = into is not None and at >= 0 and matches[at].span() in built
                target = into if into is not None and at_build else _Built(self.run_paths, self.run_modules)
                target.paths.update(paths)
                target.modules.update(modules)
                self._note_arguments(paths | modules, text, matches[at].end() if at >= 0 else 0, yaml, open_ended)
            elif word.rpartition("/")[2] in self._named:
                paths = self._files(word, images)
                (into.paths if into is not None and matches[number].span() in built else self.run_paths).update(paths)
                self._note_arguments(paths, text, matches[number].end(), yaml, open_ended)

    def _note_arguments(self, programs: Set[str], text: str, start: int, yaml: bool, open_ended: bool) -> None:
        """Notes the words of the command after its program word (which ends at `start`) for each program it runs."""
        if not programs:
            return
        words = None if open_ended else command_arguments(text, start, yaml)
        for program in programs:
            self._arguments.setdefault(program, []).append(words)

    def _files(self, named: str, images: Iterable[_Image]) -> Set[str]:
        """The project files a named path is (module docstring)."""
        parts = named.split("/")
        if not FILLED.search(named):
            placed = {found for image in images for found in _placed(image, named, self._paths)}
            if placed:
                return placed
        kept = [part for part in parts[next((at + 1 for at in range(len(parts) - 1, -1, -1) if FILLED.search(parts[at])), 0):]
                if part not in ("", ".", "..")]
        return set(_nearest(kept, self._named.get(parts[-1], []), "/")) if kept else set()

    def _modules(self, module: str, images: Iterable[_Image]) -> Tuple[Set[str], Set[str]]:
        """The project modules `-m module` runs: the file paths an image places there, else the module names."""
        parts = module.split(".")
        if not all(part.isidentifier() for part in parts):
            return set(), set()
        relative = "/".join(parts)
        placed = {found for image in images for candidate in (f"{relative}.py", f"{relative}/__main__.py")
                  for found in _placed(image, candidate, self._paths)}
        return (placed, set()) if placed else (set(), set(_nearest(parts, self._dotted.get(parts[-1], []), ".")))


def command_arguments(text: str, start: int, yaml: bool) -> Optional[Tuple[str, ...]]:
    """The words of the command in `text` after its program word, which ends at `start` (`command_rest`); None when one
    is filled in by the shell or a template, or names a file of arguments (`@args.txt`), or the program is an image's
    or a compose service's entry point, which takes whatever starts it: any may be given."""
    rest = command_rest(text, start, yaml)
    words = tuple(_ARGUMENT.findall(rest)) if rest is not None else ()
    return None if rest is None or _in_entrypoint(text, start) or any(word.startswith(_FILLED_ARGUMENT) for word in words) else words


def _in_entrypoint(text: str, start: int) -> bool:
    """The word ending at `start` stands in an `ENTRYPOINT` instruction or an `entrypoint:` key's value: on its line, or
    on the line of the key whose list items lead to it."""
    end = start
    for _ in range(_MAX_LINES):
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].lstrip()
        if _ENTRYPOINT.match(line):
            return True
        if not line.startswith("- ") or begin == 0:
            return False
        end = begin - 1
    return True  # a list too long to read back: whose it is is unknown


def forwards_to_itself(text: str, start: int, program: str) -> bool:
    """The rest of the line from `start`, just after `program` in `text`, hands on its own arguments (`"$@"`, `$*`) and
    writes that command to a file of the program's own name (`printf '#!/bin/sh\\nexec /app/.venv/bin/svc "$@"' >
    /bin/svc`): a shim that takes the program's place, run by the lines that name the program, which are read already;
    not a command that may give any."""
    end = text.find("\n", start)
    rest = text[start:] if end < 0 else text[start:end]
    first = next((word for word in rest.split() if not word.startswith("-")), "")
    if not first.strip("\"'").startswith(_FORWARDED):
        return False
    _, sign, target = rest[rest.index(first):].partition(">")
    written = target.lstrip(">").split()
    return bool(sign and written) and written[0].strip("\"'").rpartition("/")[2] == program


def command_rest(text: str, start: int, yaml: bool) -> Optional[str]:
    """The text of the command from `start` on: to the end of its line, and the lines a `\\` goes on to; in a YAML file
    (`yaml`) also the lines that go on its value (more indented ones, list items at its indentation, and an `args:` key);
    up to where the next shell command begins (module docstring). None when it goes on past _MAX_LINES lines."""
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[begin:end]
    indent = len(line) - len(line.lstrip())
    pieces = [text[start:end]]
    for _ in range(_MAX_LINES):
        if end >= len(text):
            break
        following = text.find("\n", end + 1)
        following = len(text) if following < 0 else following
        nxt = text[end + 1:following]
        if not (pieces[-1].rstrip().endswith("\\") or yaml and _goes_on(nxt, indent)):
            break
        pieces.append(nxt)
        end = following
    else:
        return None
    rest = " ".join(pieces)
    cut = _NEXT_COMMAND.search(rest)
    return rest[:cut.start()] if cut is not None else rest


def _goes_on(line: str, indent: int) -> bool:
    """A YAML line goes on the value of a command at `indent`: more indented, a list item or no key at its indentation,
    or a container's `args:`."""
    stripped = line.lstrip()
    own = len(line) - len(stripped)
    if not stripped:
        return False
    return stripped.startswith("args:") or own > indent or own == indent and (stripped.startswith("- ") or not _KEY_LINE.match(stripped))


def _placed(image: _Image, named: str, paths: Set[str]) -> Set[str]:
    """The project files the image's copies put at the path a command names (relative to its WORKDIR)."""
    if not named.startswith("/") and image.workdir is None:
        return set()
    target = posixpath.normpath(posixpath.join(image.workdir or "/", named))
    for copy in reversed(image.copies):  # the last copy that writes there wins
        found: Set[str] = set()
        for sources in copy.sources:
            for source in sources:
                if source in paths:  # a file: to the destination, or into it as a folder
                    if target in (copy.destination, posixpath.join(copy.destination, source.rpartition("/")[2])):
                        found.add(source)
                elif target.startswith(copy.destination.rstrip("/") + "/"):  # a folder's contents
                    inner = _join(source if source != "." else "", target[len(copy.destination.rstrip("/")) + 1:])
                    if inner in paths:
                        found.add(inner)
        if found:
            return found
    return set()


def _within(path: str, source: str) -> bool:
    """The project file `path` is the copied `source` or lies in it (`.` copies the whole project)."""
    return source in (".", path) or path.startswith(f"{source}/")


def _workdir(current: Optional[str], argument: str) -> Optional[str]:
    """The WORKDIR after `WORKDIR argument`: None (unknown) when a variable sets it or it is relative to an unknown one."""
    if FILLED.search(argument) or (current is None and not argument.startswith("/")):
        return None
    return posixpath.normpath(posixpath.join(current or "/", argument))


def _nearest(parts: List[str], candidates: List[str], separator: str) -> List[str]:
    """The candidates (paths or dotted names) whose trailing parts match the most of `parts`, when that is all of
    the shorter of the two; for a module, all of `parts` (`-m http.server` runs no project module `server`)."""
    best, found = 0, []
    for candidate in candidates:
        own = _program_name(candidate).split(separator) if separator == "." else candidate.split(separator)
        shared = 0
        while shared < min(len(own), len(parts)) and own[-1 - shared] == parts[-1 - shared]:
            shared += 1
        if shared < (len(parts) if separator == "." else min(len(own), len(parts))) or shared < best:
            continue
        if shared > best:
            best, found = shared, []
        found.append(candidate)
    return found


def _program_name(module: str) -> str:
    """`pkg.__main__` is run as `-m pkg`."""
    return module[: -len(".__main__")] if module.endswith(".__main__") else module


def _relative(path: str, root: str) -> str:
    relative = os.path.relpath(path, root) if root else path
    return "" if relative == "." else relative.replace(os.sep, "/")


def _join(folder: str, path: str) -> Optional[str]:
    """`path` below `folder`, root-relative with `/` ("." for the root), or None when it leaves the root."""
    joined = posixpath.normpath(posixpath.join(folder, path.lstrip("/")))
    return None if joined == ".." or joined.startswith("../") else joined
