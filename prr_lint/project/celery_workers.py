"""PRR501: the time limit every Celery worker of the deployment runs its tasks under (task_deadline.py).

A worker started with `--time-limit` / `--soft-time-limit` applies it to every task it runs, so when every
worker command line of the deployment passes one, that is the app's limit. A worker command line is a
command of a launch file (stamps.is_launch_file; a systemd unit or its template `celeryd.service.j2` too):

* read as the shell and systemd read it: comments left out (live_lines.read_launch_text) and a command
  continued with trailing backslashes joined into one line (live_lines.logical_lines), so the options on
  the lines below `ExecStart=/bin/sh -c '${CELERY_BIN} multi start w1 \\` are that command's;
* that runs Celery: the `celery` program (a word of its own or a path's last part, `/opt/venv/bin/celery`;
  not a module `svc.celery:app` nor a name `celery-worker`, an Ansible role's), or a variable holding it:
  Celery's own `CELERY_BIN` (its init script's and systemd unit's name for the program) or any variable a
  launch file assigns a value that runs it (`Environment="CELERY_BIN=/usr/bin/envdir /etc/env /opt/bin/celery"`);
* and starts workers: its `worker` command, or `multi` with an action that starts nodes (`start`,
  `restart`, or one not written out); `multi stopwait` or `multi show` starts none.

The options of the workers Celery's generic init script or systemd unit starts, `CELERYD_OPTS="--time-limit=300
-c 8"` in an environment file (`etc/default/celeryd`, a `.env`, a `.conf`) or a unit's
`Environment="CELERYD_OPTS=..."`, are such a command line too, and a worker line that expands `$CELERYD_OPTS`
takes theirs. A node's own limit (`--time-limit:worker2=600`) counts with the others (the longest), but a
worker whose limit is only some nodes' has none. Every worker line needs one: a second worker started
without a limit runs tasks without one. Launch files that are not the deployment's (launchers.development_file:
CI pipelines, tests, a developer's Vagrant script running a debugging worker by hand) start no worker of it.
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, Iterator, Optional, Pattern, Sequence

from prr_lint.project.launchers import development_file
from prr_lint.project.live_lines import logical_lines, read_launch_text

HARD, SOFT = "hard", "soft"
Limits = Dict[str, float]

# The `celery` program: a word of its own or a path's last part (`/opt/venv/bin/celery`), not a module
# (`svc.celery:app`), a folder (`/var/log/celery/`) or part of a name (`celery-worker`, `celery_app`).
_CELERY = r"(?<![\w.-])celery(?![\w./-])"
# Celery's name for its program in the generic init script's environment file and its systemd unit.
_CELERY_VARIABLES = ("CELERY_BIN",)
_WORKER = re.compile(r"(?<![\w.-])worker(?![\w.-])")
# `celery multi ACTION` (the action's word without the quote that may close a `sh -c '...'`): the actions that start no node.
_MULTI = re.compile(r"(?<![\w.-])multi\s+([^\s'\";]+)")
_MULTI_NOT_STARTING = frozenset({"stop", "stopwait", "kill", "show", "names", "expand", "get", "help"})
# An assignment (`CELERY_BIN=...`, `export X=...`, `Environment="X=..."`): its value runs to the line's end.
_ASSIGNMENT = re.compile(r"(?<![\w$])([A-Za-z_]\w*)=")
# A limit option, for all the nodes `celery multi` starts or for some (`--time-limit:worker2=600`: the longest counts).
_WORKER_LIMIT = re.compile(r"--(soft-)?time-limit(:[^\s=]+)?[\s=]+['\"]?(\d+(?:\.\d+)?)")
# The worker options an init script's environment file gives (`CELERYD_OPTS="..."`, `export CELERYD_OPTS=...`, a
# compose `CELERYD_OPTS: ...`), and a worker command line that expands them (`celery worker $CELERYD_OPTS`).
_WORKER_OPTIONS = re.compile(r"(?<![\w${])CELERYD_OPTS\s*[=:]")
_EXPANDS_OPTIONS = re.compile(r"\$\{?CELERYD_OPTS\b")


def worker_limits(launch_files: Sequence[str], root: Optional[object]) -> Limits:
    """The hard and soft limits every worker command line of the deployment's launch files gives (module
    docstring): none of a kind some worker lacks."""
    texts = [text for path in launch_files if not development_file(path, root) for text in [read_launch_text(path)] if text]
    lines = [line for text in texts for line in logical_lines(text)]
    program = celery_program(lines)
    options = [line for line in lines if _WORKER_OPTIONS.search(line)]  # the init script's (module docstring)
    workers = [line for line in worker_lines(lines, program)
               if not (options and _EXPANDS_OPTIONS.search(line) and not _WORKER_LIMIT.search(line))]  # fed by `options`
    found = [_WORKER_LIMIT.findall(line) for line in [*workers, *options]]
    limits: Limits = {}
    if found and all(found):
        for kind in (HARD, SOFT):
            matches = [[(node, float(value)) for soft, node, value in line if bool(soft) == (kind == SOFT)] for line in found]
            if all(any(not node for node, _ in line) for line in matches):  # every worker has one, for all its nodes
                limits[kind] = max(value for line in matches for _, value in line)
    return limits


def celery_program(lines: Iterable[str]) -> Pattern[str]:
    """What runs Celery on a command line: the program, `$CELERY_BIN`, or a variable some line assigns a value
    that names the program. A line is searched once for the program and once for assignments (linear)."""
    names = set(_CELERY_VARIABLES)
    celery = re.compile(_CELERY)
    for line in lines:
        last = None
        for last in celery.finditer(line):
            pass
        if last is not None:
            names.update(match.group(1) for match in _ASSIGNMENT.finditer(line, 0, last.start()))
    return re.compile(rf"{_CELERY}|\$\{{?(?:{'|'.join(sorted(map(re.escape, names)))})(?!\w)")


def worker_lines(lines: Iterable[str], program: Optional[Pattern[str]] = None) -> Iterator[str]:
    """The logical lines that start Celery workers (module docstring), commented-out lines aside; `program`
    is what runs Celery (`celery_program`; the program or `$CELERY_BIN` by default). One search per word and line, so a
    long line costs its length (a lazy regex over it would backtrack)."""
    program = program or celery_program(())
    for line in lines:
        found = None if line.lstrip(" \t").startswith("#") else program.search(line)
        if found is None:
            continue
        multi = _MULTI.search(line, found.end())
        if (multi.group(1) not in _MULTI_NOT_STARTING) if multi is not None else _WORKER.search(line, found.end()) is not None:
            yield line
