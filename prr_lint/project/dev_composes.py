"""Development compose files, and the images only they build (dev_helpers.py, managed_platforms.py, lambda_modules.py).

A compose file is a development one by its name (`docker-compose.dev.yml`), when every image it builds
comes from a development Dockerfile (`dockerfile: local/Dockerfile.ingest`), or by what it runs: a
server that reloads its code when a file changes (`uvicorn main:app --reload`, `manage.py runserver`,
`flask run --debug`, `FLASK_ENV: development`, `watchmedo auto-restart`, `watchfiles`) over source it
bind-mounts from the repository (`- ./api:/app/api`). Where the compose file's own path is known, only the
images of the project's code count among those it builds: one from the compose file's folder or above it
(the repository), or from a folder below holding Python files. An image built from a folder of no Python
(`build: ./db-init`, a database seeding script) is a helper beside the service: a compose file whose app's
image comes from `.devcontainer/Dockerfile.dev` is the development stack, whatever helpers it also builds. A reloader watches files someone edits: that is the
developer's machine. A compose file that runs the service without a reloader, or with one over no
mounted source (the code baked into the image), stays a deployment.

A compose file's builds are read line by line: `build: ./sonar`, or `build:` with `context:` and
`dockerfile:` below it (a flow mapping or a remote context is not read: it builds nothing known).
"""

from __future__ import annotations

import os
import re
from typing import Iterator, List, Optional, Tuple

from prr_lint.project.launchers import DEVELOPMENT
from prr_lint.project.live_lines import COMPOSE_FILE
from prr_lint.tree_reads import is_file, is_folder, list_folder

_DOCKERFILE = re.compile(r"^[ \t]*dockerfile:[ \t]*[\"']?([^\"'\s#]+)", re.M)
_BUILD = re.compile(r"^[ \t]*build:", re.M)
# A server started with its reloader on: command-line flags, Django's development server (it reloads unless
# `--noreload`), Flask's debug mode, watchdog's restarter.
_RELOADING = re.compile(
    r"(?<![\w-])--(?:reload|reload-dir|autoreload)(?![\w-])|\bflask\b[^\n]*(?<![\w-])--debug(?![\w-])|\brunserver\b(?![^\n]*--noreload)"
    r"|\bFLASK_(?:ENV|DEBUG)[\"']?[ \t]*[:=][ \t]*[\"']?(?:development|1|true)\b|\bwatchmedo\s+auto-restart\b|\bwatchfiles\s",
    re.I)
# A volume whose host side is a folder of the repository: `- ./api:/app/api`, `- .:/code`, `source: ./src`.
_SOURCE_MOUNT = re.compile(r"^[ \t]*-[ \t]*[\"']?\.{1,2}(?:/[^:\s\"']*)?:/|^[ \t]*(?:-[ \t]*)?source:[ \t]*[\"']?\.{1,2}(?:/|[\"'\s]|$)", re.M)
_KEY = re.compile(r"^([ \t]*)(?:-[ \t]*)?([\w-]+):[ \t]*(.*?)[ \t]*$")
_SCANNED = 2000  # the entries of a build folder looked through for Python files


def development_compose(name: str, text: str, path: Optional[str] = None) -> bool:
    """A compose file (named `name`, its uncommented `text`, at `path` when known) for development (module docstring)."""
    if not COMPOSE_FILE.match(name):
        return False
    if DEVELOPMENT.search(name.rsplit(".", 1)[0]) or reloading(text):
        return True
    dockerfiles = _DOCKERFILE.findall(text)
    if dockerfiles and len(dockerfiles) >= len(_BUILD.findall(text)) and all(DEVELOPMENT.search(f) for f in dockerfiles):
        return True
    return path is not None and _code_images_development(path, text)


def _code_images_development(path: str, text: str) -> bool:
    """Every image of the project's code the compose file at `path` builds comes from a development Dockerfile, and
    there is one; a build of no folder read (a remote context, a flow mapping) may be the service's own."""
    found = list(builds(path, text))
    folder = os.path.dirname(os.path.abspath(path))
    code = [os.path.relpath(dockerfile, context) for context, dockerfile in found if _holds_code(context, folder)]
    return len(found) == len(_BUILD.findall(text)) and bool(code) and all(DEVELOPMENT.search(dockerfile) for dockerfile in code)


def _holds_code(context: str, folder: str) -> bool:
    """An image built from `context` may hold the project's code: the compose file's folder or one above it, a
    folder holding a Python file (hidden folders aside; past _SCANNED entries, or a folder not there, counts)."""
    if folder == context or folder.startswith(context + os.sep) or not is_folder(context):
        return True
    pending, seen = [context], 0
    while pending:
        current = pending.pop()
        listed = list_folder(current)
        if listed is None:
            return True
        seen += len(listed.folders) + len(listed.files)
        if seen > _SCANNED or any(name.endswith(".py") for name in listed.files):
            return True
        pending += [os.path.join(current, name) for name in listed.folders if not name.startswith(".")]
    return False


def reloading(text: str) -> bool:
    """The compose file runs a server with its reloader on over source it mounts from the repository."""
    return reloading_command(text) and _SOURCE_MOUNT.search(text) is not None


def reloading_command(text: str) -> bool:
    """`text` starts a server with its reloader on, or under a file watcher (`watchfiles 'python main.py'`)."""
    return _RELOADING.search(text) is not None


def builds(path: str, text: str) -> Iterator[Tuple[str, str]]:
    """(build context folder, Dockerfile path) of each image the compose file at `path` builds, as
    normalised absolute paths."""
    folder = os.path.dirname(os.path.abspath(path))
    lines = text.splitlines()
    for number, line in enumerate(lines):
        key = _KEY.match(line)
        if key is None or key.group(2) != "build":
            continue
        value = key.group(3).strip("\"'")
        fields = {"context": value} if value else dict(_fields(lines[number + 1:], len(key.group(1))))
        context = fields.get("context", ".")
        if context.startswith("{") or "://" in context or context.startswith("git@"):
            continue
        context = os.path.normpath(os.path.join(folder, context))
        yield context, os.path.normpath(os.path.join(context, fields.get("dockerfile") or _image_file(context)))


def _image_file(context: str) -> str:
    """The build file a build with no `dockerfile:` reads: `Dockerfile`, or Podman's `Containerfile` when only that is there."""
    return "Containerfile" if not is_file(os.path.join(context, "Dockerfile")) and is_file(os.path.join(context, "Containerfile")) else "Dockerfile"


def _fields(lines: List[str], indent: int) -> Iterator[Tuple[str, str]]:
    """The `key: value` pairs of the mapping below a `build:` key indented by `indent`."""
    for line in lines:
        if not line.strip():
            continue
        key = _KEY.match(line)
        if len(line) - len(line.lstrip()) <= indent:
            return
        if key is not None:
            yield key.group(2), key.group(3).strip("\"'")
