"""Development compose files, and the images only they build (dev_helpers.py, managed_platforms.py, lambda_modules.py).

A compose file is a development one by its name (`docker-compose.dev.yml`), when every image it builds
comes from a development Dockerfile (`dockerfile: local/Dockerfile.ingest`), or by what it runs: a
server that reloads its code when a file changes (`uvicorn main:app --reload`, `manage.py runserver`,
`flask run --debug`, `FLASK_ENV: development`, `watchmedo auto-restart`) over source it bind-mounts
from the repository (`- ./api:/app/api`). A reloader watches files someone edits: that is the
developer's machine. A compose file that runs the service without a reloader, or with one over no
mounted source (the code baked into the image), stays a deployment.

A compose file's builds are read line by line: `build: ./sonar`, or `build:` with `context:` and
`dockerfile:` below it (a flow mapping or a remote context is not read: it builds nothing known).
"""

from __future__ import annotations

import os
import re
from typing import Iterator, List, Tuple

from prr_lint.project.launchers import DEVELOPMENT
from prr_lint.project.live_lines import COMPOSE_FILE
from prr_lint.tree_reads import is_file

_DOCKERFILE = re.compile(r"^[ \t]*dockerfile:[ \t]*[\"']?([^\"'\s#]+)", re.M)
_BUILD = re.compile(r"^[ \t]*build:", re.M)
# A server started with its reloader on: command-line flags, Django's development server (it reloads unless
# `--noreload`), Flask's debug mode, watchdog's restarter.
_RELOADING = re.compile(
    r"(?<![\w-])--(?:reload|reload-dir|autoreload)(?![\w-])|\bflask\b[^\n]*(?<![\w-])--debug(?![\w-])|\brunserver\b(?![^\n]*--noreload)"
    r"|\bFLASK_(?:ENV|DEBUG)[\"']?[ \t]*[:=][ \t]*[\"']?(?:development|1|true)\b|\bwatchmedo\s+auto-restart\b",
    re.I)
# A volume whose host side is a folder of the repository: `- ./api:/app/api`, `- .:/code`, `source: ./src`.
_SOURCE_MOUNT = re.compile(r"^[ \t]*-[ \t]*[\"']?\.{1,2}(?:/[^:\s\"']*)?:/|^[ \t]*(?:-[ \t]*)?source:[ \t]*[\"']?\.{1,2}(?:/|[\"'\s]|$)", re.M)
_KEY = re.compile(r"^([ \t]*)(?:-[ \t]*)?([\w-]+):[ \t]*(.*?)[ \t]*$")


def development_compose(name: str, text: str) -> bool:
    """A compose file (named `name`, its uncommented `text`) for development (module docstring)."""
    if not COMPOSE_FILE.match(name):
        return False
    if DEVELOPMENT.search(name.rsplit(".", 1)[0]) or reloading(text):
        return True
    dockerfiles = _DOCKERFILE.findall(text)
    return bool(dockerfiles) and len(dockerfiles) >= len(_BUILD.findall(text)) and all(DEVELOPMENT.search(f) for f in dockerfiles)


def reloading(text: str) -> bool:
    """The compose file runs a server with its reloader on over source it mounts from the repository."""
    return _RELOADING.search(text) is not None and _SOURCE_MOUNT.search(text) is not None


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
