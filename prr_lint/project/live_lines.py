"""The part of a deployment file that runs something: without its comments, and for a compose file
without the services only a `--profile` starts.

A commented-out line runs nothing (`# 0 * * * * python manage.py ingest_gdacs` in a start script,
`# - command: scrape` in a YAML list, `# CMD python legacy_worker.py` in a Dockerfile, `;command=python
sync.py` in a supervisord program), so no evidence of what the deployment runs may come from one: every
reader of launch files reads them through `uncommented_text` (or `read_launch_text`), per file kind:
`#` starts a comment in shell scripts, Dockerfiles, YAML, Procfiles, crontabs, `.env` files and Makefiles
(at the start of a word, outside quotes: `http://host/#part` stays); in `.ini` and `.conf` files and
systemd units (supervisord, uwsgi, systemd; a unit's template too, stamps.is_systemd_unit) a whole line
starting with `#` or `;` is one, and an inline `#` is part of the value. A unit's `Description=` and
`Documentation=` lines say what it is (`Documentation=man:ubuntu-advantage https://...` names a manual
page, not a run of the program): they run nothing either. A command continued over several
lines with trailing backslashes (a unit's `ExecStart=/bin/sh -c '... \\`, a shell script's) is one command:
`logical_lines` reads it so. A compose
service with `profiles:` is not started by `docker compose up`; it runs when someone asks for it by
name (`docker compose --profile cli run ingest_mdb`): an operator's tool, not the deployment, unless
one of its profiles brings up a server (a service of it publishes `ports:`), another way to start the
stack (mit-learn's `backend` profile: the web server, whose start script runs its set-up commands).
"""

from __future__ import annotations

import os
import re
from typing import List, Optional, Set, Tuple

from prr_lint.project.texts import read_bounded
from prr_lint.stamps import is_systemd_unit

# Files whose comments are whole lines only: an inline `#` is part of the value there (an ini or
# supervisor option; a systemd unit's command line, is_systemd_unit).
_WHOLE_LINE_ONLY = (".ini", ".conf")
# A backslash that ends a line: the shell and systemd continue the command on the next.
_CONTINUATION = re.compile(r"\\\r?\n")
COMPOSE_FILE = re.compile(r"^(?:docker-)?compose[\w.-]*\.ya?ml$")
_KEY = re.compile(r"^(\s*)([\w.-]+|\"[^\"]*\"|'[^']*'):")
_UNIT_PROSE = ("#", ";", "Description=", "Documentation=")  # a systemd unit's lines that run nothing


def uncommented_text(path: str, text: str) -> str:
    """`text` of the launch file `path` without its comments, by the file's kind (module docstring); lines
    stay where they were, so a line number counts the same."""
    if is_systemd_unit(path):
        return "\n".join("" if line.lstrip().startswith(_UNIT_PROSE) else line for line in text.splitlines())
    if os.path.basename(path).endswith(_WHOLE_LINE_ONLY):
        return "\n".join("" if line.lstrip().startswith(("#", ";")) else line for line in text.splitlines())
    return "\n".join(_without_comment(line) for line in text.splitlines())


def read_launch_text(path: str) -> Optional[str]:
    """The uncommented text of the launch file `path` (bounded: texts.read_bounded), or None."""
    text = read_bounded(path)
    return None if text is None else uncommented_text(path, text)


def logical_lines(text: str) -> List[str]:
    """The lines of `text` with each line ending in a backslash joined to the next, as the shell and systemd
    read a continued command (a worker's options on the lines below its `celery multi start \\`)."""
    return _CONTINUATION.sub(" ", text).splitlines()


def live_text(path: str, text: str) -> str:
    """`text` of the deployment file `path` without what runs nothing (module docstring)."""
    lines = uncommented_text(path, text).splitlines()
    if COMPOSE_FILE.match(os.path.basename(path)):
        lines = _without_profiled_services(lines)
    return "\n".join(lines)


def _without_comment(line: str) -> str:
    """The line up to a `#` that starts a word outside quotes (the shell's and YAML's comment);
    a `#` inside a word (`http://host/#part`, `$#`) or a quoted string stays."""
    if "#" not in line:
        return line
    quote = ""
    escaped = False
    for position, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (position == 0 or line[position - 1] in " \t"):
            return line[:position].rstrip()
    return line


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _without_profiled_services(lines: List[str]) -> List[str]:
    """The compose file's lines without the blocks of services only an operator's profile starts:
    a service under `profiles:` none of whose profiles holds a service that publishes `ports:` (a
    `cli` toolbox; a `backend` profile that brings up the web server is another way to start the stack)."""
    pieces: List[List[str]] = [[]]  # the lines outside services, then one block per service (its name line first)
    services: List[int] = []  # the indexes in `pieces` of service blocks
    services_indent = -1
    in_services = False
    for line in lines:
        if line.strip():
            indent = _indent(line)
            if indent == 0:
                in_services = line.rstrip() == "services:"
                services_indent = -1
                pieces.append([])
            elif in_services:
                if services_indent < 0:
                    services_indent = indent
                if indent <= services_indent:
                    services.append(len(pieces))
                    pieces.append([])
        pieces[-1].append(line)
    profiles = {index: _service_profiles(pieces[index]) for index in services}
    serving = {name for index in services if _publishes(pieces[index]) for name in profiles[index]}
    dropped = {index for index in services if profiles[index] and not profiles[index] & serving}
    return [line for index, piece in enumerate(pieces) if index not in dropped for line in piece]


def _own_keys(block: List[str]) -> List[Tuple[int, str]]:
    """The positions and names of the service's own keys (those at its first key's indentation)."""
    indent = next((_indent(line) for line in block[1:] if line.strip()), -1)
    keys = []
    for position, line in enumerate(block):
        match = _KEY.match(line)
        if position and match and _indent(line) == indent:
            keys.append((position, match.group(2)))
    return keys


def _service_profiles(block: List[str]) -> Set[str]:
    """The profiles a service block lists (`profiles: [cli]`, or one `- name` per line below)."""
    for position, key in _own_keys(block):
        if key == "profiles":
            line = block[position]
            inline = line.split(":", 1)[1].strip().strip("[]")
            names = [name.strip().strip("\"'") for name in inline.split(",")] if inline else []
            for item in block[position + 1:]:
                if not item.strip():
                    continue
                if _indent(item) <= _indent(line) and not item.lstrip().startswith("-"):
                    break
                names.append(item.strip().lstrip("-").strip().strip("\"'"))
            return {name for name in names if name} or {""}
    return set()


def _publishes(block: List[str]) -> bool:
    """The service publishes a port to the host (a server someone browses to)."""
    return any(key == "ports" for _, key in _own_keys(block))
