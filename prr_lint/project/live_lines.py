"""The part of a deployment file that runs something: without its comments, and for a compose file
without the services only a `--profile` starts.

A commented-out line runs nothing (`# 0 * * * * python manage.py ingest_gdacs` in a start script,
`# - command: scrape` in a YAML list), so a schedule's evidence must not come from one. A compose
service with `profiles:` is not started by `docker compose up`; it runs when someone asks for it by
name (`docker compose --profile cli run ingest_mdb`): an operator's tool, not the deployment.
"""

from __future__ import annotations

import os
import re
from typing import List

from prr_lint.project.sidecars import COMPOSE_FILE

# Files whose comments are whole lines only: an inline `#` is part of the value there (an ini or
# supervisor option, a systemd unit's command line).
_WHOLE_LINE_ONLY = (".ini", ".conf", ".service")
_KEY = re.compile(r"^(\s*)([\w.-]+|\"[^\"]*\"|'[^']*'):")


def live_text(path: str, text: str) -> str:
    """`text` of the deployment file `path` without what runs nothing (module docstring)."""
    name = os.path.basename(path)
    if name.endswith(_WHOLE_LINE_ONLY):
        lines = [line for line in text.splitlines() if not line.lstrip().startswith(("#", ";"))]
    else:
        lines = [_without_comment(line) for line in text.splitlines()]
    if COMPOSE_FILE.match(name):
        lines = _without_profiled_services(lines)
    return "\n".join(lines)


def _without_comment(line: str) -> str:
    """The line up to a `#` that starts a word outside quotes (the shell's and YAML's comment);
    a `#` inside a word (`http://host/#part`, `$#`) or a quoted string stays."""
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
    """The compose file's lines without the blocks of services that declare `profiles:`."""
    kept: List[str] = []
    services_indent = -1  # the indentation of the service names under `services:`, once seen
    in_services = False
    block: List[str] = []
    profiled = False

    def close() -> None:
        if not profiled:
            kept.extend(block)
        block.clear()

    for line in lines:
        if not line.strip():
            (block if block else kept).append(line)
            continue
        indent = _indent(line)
        if indent == 0:
            close()
            profiled = False
            in_services = line.rstrip() == "services:"
            services_indent = -1
            kept.append(line)
            continue
        if not in_services:
            kept.append(line)
            continue
        if services_indent < 0:
            services_indent = indent
        if indent <= services_indent:
            close()
            profiled = False
            block.append(line)
            continue
        if not block:  # odd indentation before the first service
            kept.append(line)
            continue
        match = _KEY.match(line)
        if match and match.group(2) == "profiles" and indent > services_indent and _is_child(block, indent, services_indent):
            profiled = True
        block.append(line)
    close()
    return kept


def _is_child(block: List[str], indent: int, services_indent: int) -> bool:
    """The key at `indent` is one of the service's own keys (the block's first key's indentation)."""
    for line in block[1:]:
        if line.strip():
            return _indent(line) == indent
    return indent > services_indent
