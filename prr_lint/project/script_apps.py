"""Apps that only a module's `if __name__ == "__main__":` block builds or serves (PRR201).

A module run as a script (`python listen.py`, `python -m pkg.execute_server`) builds its app in that
block, in a function only that block calls (`app = make_app(); app.listen(port)`), or serves a
module-level app there (`uvicorn.run(app, host="127.0.0.1")`) that no other module imports or names.
When the project's deployment serves something else (a launch file starts a production server on
another module: `uvicorn openhands.server.listen:app` in the Dockerfile) and names neither this file
nor its module, and the project serves routes outside it, the script is a development mock, a local
tool, or a helper the service itself starts (a sandbox agent it launches with `python -m ...` and
calls): no user reaches it through the deployment, and the service that calls it sees its failures.
A script beside a program the deployment runs from the same package (`python -m fastchat.serve.model_worker`
in the compose file, `fastchat/serve/vllm_worker.py` beside it) is one of the package's deployable
programs, another way to run the same service: it stays reported.
The same judgement without the production server (`unlaunched_script_app`) holds beside programs the deployment
runs by name and not this one (undeployed_programs.py `hand_run_apps`: Openaibot's `pm2.json`).
A launch file names a module by its file or dotted name in its commands, not in what an image copies (program_runs.py
`command_text`). A bare file name in a launch file (`FLASK_APP=app.py`, `gunicorn app:app`) names the file of that name
beside the launch file when there is one (`application/Dockerfile` names `application/app.py`, not a
sample `extensions/chatwoot/app.py`); with none there it may name any (a build context, a WORKDIR).
"""

from __future__ import annotations

import os
import re
from typing import Callable, Iterable, List, Optional, Set, Tuple

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.model import ModuleSummary
from prr_lint.context import is_main_guard
from prr_lint.paths import is_test_path
from prr_lint.project.index import ProjectIndex
from prr_lint.project.local_tools import deployment_names_server
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.program_runs import command_text
from prr_lint.project.texts import job_text, parsed
from prr_lint.tree import descendants

_MAIN = re.compile(r"""^if\s+(?:__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__)\s*:""")
# A word of a launch file that may name a module or file: `pkg.mod:app`, `pkg/mod.py`, `pkg.mod` after `-m`.
_TOKEN = re.compile(r"[\w./-]+")
_ATTRIBUTE = re.compile(r":[A-Za-z_]")  # `app:app`, `app:create_app()` (not a YAML key `app: web`)
# `python -m app`, `["-m", "app"]`, `flask --app app`, `FLASK_APP=app`, `FLASK_APP: app` (on the last 40 characters)
_RUN_FLAG = re.compile(r"""(?:-m|--app|=|[A-Z][A-Z0-9_]*:)[\s"',]*$""")


def _main_lines(text: str) -> Optional[Tuple[int, int]]:
    """The first and last line (1-based) of the module's top-level `__main__` block."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if _MAIN.match(line):
            end = number
            for later in range(number + 1, len(lines)):
                text = lines[later]
                if text.strip() and not text[0].isspace() and not text.lstrip().startswith("#"):
                    break
                end = later
            return number + 1, end + 1
    return None


def _served_in_main(tree: cst.Module, apps: Set[str]) -> bool:
    """The `__main__` block hands one of the module-level apps to a call (`uvicorn.run(app)`, `app.run()`)."""
    for statement in tree.body:
        if isinstance(statement, cst.If) and is_main_guard(statement.test):
            for node in descendants(statement.body):
                if isinstance(node, cst.Call):
                    receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
                    values = [receiver, *(arg.value for arg in node.args)]
                    if any(isinstance(value, cst.Name) and value.value in apps for value in values):
                        return True
    return False


def _built_by_main_only(index: ProjectIndex, module: ModuleSummary, line: int) -> bool:
    """The app constructed at `line` is in a function of the module that only its `__main__` block calls."""
    builder = _builder(module, line)
    if builder is None:
        return False
    top = module.functions.get(module.module)
    in_main = sum(index.canonical(call) == builder for call in module.script_calls)
    everywhere = sum(index.canonical(call) == builder for function in index.functions.values() for call in function.calls)
    return bool(top) and in_main > 0 and in_main == everywhere


def _builder(module: ModuleSummary, line: int) -> Optional[str]:
    """The function of the module that constructs the app found at `line` (the last one defined above it)."""
    builders = [function for name, function in module.functions.items() if name != module.module and 0 < function.line <= line
                and any(call in fw.APP_CONSTRUCTORS for call in function.calls)]
    return max(builders, key=lambda function: function.line).qualname if builders else None


def imported_or_named(index: ProjectIndex, module: ModuleSummary) -> bool:
    """Another non-test module imports the module, or names it (its file stem and its package's name)."""
    parts = module.module.split(".")
    named = {parts[-1], *parts[-2:-1]}
    for other in index.modules.values():
        if other is module or is_test_path(other.path):
            continue
        if any(target == module.module or target.startswith(module.module + ".") for target in other.imports.values()):
            return True
        if all(word in other.words for word in named):
            return True
    return False


def _sibling_deployed(index: ProjectIndex, module: ModuleSummary, launch_texts: Iterable[str]) -> bool:
    """A launch file names another module of the module's own package by a qualified name (`-m pkg.sub.other`,
    `pkg/sub/other.py`): the deployment runs programs of that package, this one among its alternatives."""
    own = (module.path[:-3] if module.path.endswith(".py") else module.path).split("/")
    for text in launch_texts:
        for token in _TOKEN.findall(text):
            parts = [part for part in re.split(r"[./]", token[:-3] if token.endswith(".py") else token) if part]
            if 2 <= len(parts) <= len(own) and parts[-1] != own[-1] and own[-len(parts):-1] == parts[:-1] \
                    and "/".join([*own[:-1], parts[-1]]) + ".py" in index.by_path:
                return True
    return False


def _names_module(folder: Optional[str], text: str, module: ModuleSummary, index: ProjectIndex) -> bool:
    """A launch file in `folder` (relative to the root; None: unknown) names the module's file or dotted
    name: a word whose components end its own (`mock/listen.py`, `server.mock.listen:app`; not
    `server.listen:app`), or a bare name written as a program (`app.py`, `app:app`, `-m app`, `FLASK_APP=app`;
    not the word `app` of a label or a comment) unless another project file of that name sits beside the
    launch file: the name is relative to where the launch file runs."""
    own = (module.path[:-3] if module.path.endswith(".py") else module.path).split("/")
    for match in _TOKEN.finditer(text):
        token = match.group()
        name = token[:-3] if token.endswith(".py") else token
        parts = [part for part in re.split(r"[./]", name) if part]
        if not parts or parts[-1] != own[-1] or own[-len(parts):] != parts:
            continue
        if len(parts) > 1:
            return True
        as_program = token.endswith(".py") or _ATTRIBUTE.match(text, match.end()) or _RUN_FLAG.search(text[max(0, match.start() - 40):match.start()])
        beside = "/".join(filter(None, (folder, f"{parts[0]}.py")))
        if as_program and (folder is None or beside == module.path or beside not in index.by_path):
            return True
    return False


def _launch_texts(launch_files: Iterable[str], root: Optional[str]) -> List[Tuple[Optional[str], str]]:
    """(folder relative to the root, or None when unknown; text) of each readable launch file; an image file's
    without what it copies (`COPY mock/listen.py /app/` starts nothing: program_runs.py `command_text`)."""
    found = []
    for path in launch_files:
        text = read_launch_text(path)
        text = command_text(path, text) if text else text
        if text:
            folder = os.path.relpath(os.path.dirname(os.path.abspath(path)), root).replace(os.sep, "/") if root else None
            found.append((None if folder and folder.startswith("..") else ("" if folder == "." else folder), text))
    return found


def script_only_app(index: ProjectIndex, path: str, line: int, job_for: Callable[[str], Optional[object]],
                    launch_files: Iterable[str], served: Iterable[str], commands: Iterable[str] = (),
                    root: Optional[str] = None) -> bool:
    """The app found at `path:line` is a script's, beside a service the deployment serves (module docstring)."""
    files = list(launch_files)
    return any(other != path for other in served) and unlaunched_script_app(index, path, line, job_for, files, commands, root) \
        and any(map(deployment_names_server, files))


def unlaunched_script_app(index: ProjectIndex, path: str, line: int, job_for: Callable[[str], Optional[object]],
                          launch_files: Iterable[str], commands: Iterable[str] = (), root: Optional[str] = None) -> bool:
    """The app found at `path:line` (0: the module-level app) only the module's own `__main__` block builds or serves,
    and no launch file, console script, import or sibling program's launch names the module: whoever runs it runs
    it by hand. Beside a production server (`script_only_app`) or programs the deployment runs by name
    (undeployed_programs.py) it is not the service."""
    module = index.by_path.get(path)
    if module is None or is_test_path(path) or any(command.startswith(module.module + ".") for command in commands):
        return False  # a console script of its own (`svc-mock = "svc.mock:main"`)
    text = job_text(job_for(path)) or ""
    block = _main_lines(text) if "__main__" in text else None
    if block is None:
        return False
    if not (block[0] <= line <= block[1] or _built_by_main_only(index, module, line)):
        tree = parsed(text)
        apps = {name for name, kind in module.globals.items() if fw.canonical(kind) in fw.APP_CONSTRUCTORS}
        if tree is None or not apps or not _served_in_main(tree, apps) or imported_or_named(index, module):
            return False
    texts = _launch_texts(launch_files, root)
    return not any(_names_module(folder, text, module, index) for folder, text in texts) \
        and not _sibling_deployed(index, module, [text for _, text in texts])


def started_elsewhere(index: ProjectIndex, path: str, line: int, launch_files: Iterable[str], root: Optional[str] = None) -> bool:
    """A launch file names the module at `path` (its file or dotted name), or another module imports the
    module itself, its module-level app or the function that builds the app at `line`: either may serve
    the app otherwise than the module does (importing a starter, `start_viewer(port)`, does not)."""
    module = index.by_path.get(path)
    if module is None:
        return False
    builder = _builder(module, line)
    objects = {module.module, *(f"{module.module}.{name}" for name, kind in module.globals.items()
                                if fw.canonical(kind) in fw.APP_CONSTRUCTORS), *([builder] if builder else [])}
    return any(_names_module(folder, text, module, index) for folder, text in _launch_texts(launch_files, root)) or any(
        target in objects for other in index.modules.values() if other is not module and not is_test_path(other.path)
        for target in other.imports.values())


def script_app_modules(index: ProjectIndex, served: Iterable[str], job_for: Callable[[str], Optional[object]],
                       launch_files: Iterable[str], commands: Iterable[str] = (), root: Optional[str] = None) -> Set[str]:
    """The modules among `served` (the paths of entry points) whose module-level app only their own
    `__main__` block serves, beside the deployed service (`script_only_app`): a sample or a tool run by hand."""
    paths, files, scripts = sorted(set(served)), tuple(launch_files), tuple(commands)
    return {index.by_path[path].module for path in paths if path in index.by_path
            and script_only_app(index, path, 0, job_for, files, paths, scripts, root)}
