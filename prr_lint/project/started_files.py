"""What else a deployment may run a command by, beside the command lines the linter reads: the guard of build steps.

schedules.py leaves out a command only an image's RUN executes (build_steps.py `without_build_steps`): the build runs it
once. That reading loses a true finding wherever the running deployment runs the command through something the linter
does not read, while the RUN named it by chance. So the RUN's evidence is kept:

* for every command, when the deployment starts a scheduler, a process supervisor or an init that runs files from its
  own places (`cron`, `supercronic`, `go-crond`, `supervisord`, s6-overlay's `/init` and `services.d`, runit's
  `runsvdir` and `/etc/service/`, `honcho`, `foreman`, `circusd`, a base image's `docker-entrypoint.d`), or hands
  manage.py a command name given elsewhere (`ENTRYPOINT ["python", "manage.py"]` with compose `command: ["sync"]` or a
  Kubernetes `args:`; `exec python manage.py "$@"`): `keeps_build_steps`;
* for one command, when a repository file the deployment starts and the linter does not read as deployment text
  (`ENTRYPOINT ["/app/docker-entrypoint"]` with no `.sh`, compose `entrypoint: /app/bin/loop`, `CMD ["python",
  "start.py"]`, `CMD ["make", "serve"]`'s Makefile), or one such a file starts in turn, names it, hands manage.py a
  name, calls `call_command` with a computed name or starts a scheduler (`unread_started`; schedules.py asks it only
  for a command a RUN alone names). hoover-search's `CMD ./runserver` loops `./manage.py syncnextclouddirs`, not the
  `downloadassets` its RUN fetches static assets with, so that RUN stays a build step.

A word of an image's CMD, ENTRYPOINT or HEALTHCHECK, or any word of another deployment file or of a started file,
names a file when a trailing part of its path is a repository file, from the root or from the naming file's folder
(`/app/bin/loop` -> `bin/loop`; a COPY maps folders so). Too many words to look up give up: every RUN is kept.
"""

from __future__ import annotations

import os
import re
from typing import Dict, Iterable, List, Optional, Set, Tuple

from prr_lint.project.lambda_image import instructions
from prr_lint.project.texts import read_bounded
from prr_lint.stamps import is_container_file
from prr_lint.tree_reads import is_file

# A scheduler, process supervisor or init the deployment starts, or a place one runs files from: it may run a command
# from a file the linter does not read (`COPY cronjob /etc/cron.d/`, `COPY sync.run /etc/service/sync/run`).
_SUPERVISOR = re.compile(
    r"(?<![\w])(?:cron|crond|crontabs?|anacron|fcron|supercronic|go-crond|yacron|jobber|ofelia|periodic"
    r"|supervisor|supervisord|supervisorctl|circusd?|chaperone|multirun|honcho|foreman|forego|overmind|hivemind|pm2"
    r"|runit|runsvdir|runsv|svscan|s6-[\w-]+|s6)(?![\w-])"
    r"|(?:^|[\s\"'\[,=:])/init(?![\w/.-])|services\.d|cont-init\.d|(?<![\w])(?:[\w-]*entrypoint|my_init|init)\.d(?![\w-])"
    r"|/etc/service/|/etc/sv/|rc\.local", re.MULTILINE)
# manage.py or django-admin run with no command name after its options, or handed a variable: the name comes from
# elsewhere (a compose `command:`, a Kubernetes `args:`, an image's CMD, the script's caller).
_RUNNER = (r"""(?:(?<![\w.-])(?:[\w./-]*/)?python[\d.]*(?:[\s"',]+-\w+)*"""  # `python3 -u manage.py`
           r"""|^[ \t]*(?:-[ \t]*)?|&&|\|\||[;|]|\bexec|\b(?:ENTRYPOINT|CMD|entrypoint|command|args):?)""")  # first word
_HANDED = re.compile(rf"""(?mi){_RUNNER}[\[\s"',]*(?:[\w./-]*/)?(?:manage[\w.-]*|django-admin(?:\.py)?)"""
                     r"""(?:[\s"',]+-[\w=./:-]+)*(?:[\]"', \t]*$|[\s"',]+\$)""")
_COMPUTED_CALL = re.compile(r"call_command\(\s*(?![\"'\s])")  # `call_command(name)`: which command is not written
_STARTS = frozenset({"CMD", "ENTRYPOINT", "HEALTHCHECK"})  # what runs in the container an image starts
_WORD = re.compile(r"[\w./@+-]+")
_MAKE = re.compile(r"^(?:.*/)?[gb]?make$")
_MAX_WORDS = 4000
_MAX_FILES = 200


def keeps_build_steps(text: str) -> bool:
    """The deployment text starts a scheduler or supervisor, or hands manage.py a command name given elsewhere: a
    RUN's command may run again by what the linter does not read (module docstring)."""
    return bool(_SUPERVISOR.search(text) or _HANDED.search(text))


def may_run(text: Optional[str], patterns: Iterable[str], names: Iterable[str]) -> bool:
    """A started file's `text` (None: not all could be read) may run the command `patterns` match or `names` name."""
    return text is None or keeps_build_steps(text) or bool(_COMPUTED_CALL.search(text)) \
        or any(re.search(pattern, text) for pattern in patterns) \
        or any(name in text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) for name in names if name)


def unread_started(commands: Dict[str, str], root: str, extra: Iterable[str] = ()) -> Optional[str]:
    """The text of the repository files the deployment texts `commands` (path -> text) start and that are none of
    them, with the files those start in turn, and `extra` (paths: the programs program_runs.py finds run); None when
    there are too many words to look up."""
    if not root:
        return None
    root = os.path.abspath(root)
    read = {os.path.abspath(path) for path in commands}
    found: Dict[str, str] = {}
    queue = [(os.path.abspath(path), text) for path, text in commands.items()]
    for path in extra:
        _add(os.path.abspath(path), read, found, queue)
    looked: Set[str] = set()
    while queue:
        path, text = queue.pop()
        words = set(_started_words(path, text)) - looked
        looked |= words
        if len(looked) > _MAX_WORDS or len(found) > _MAX_FILES:
            return None
        for word in sorted(words):
            if _MAKE.match(word):
                _add(os.path.join(root, "Makefile"), read - {os.path.join(root, "Makefile")}, found, queue)
            for candidate in _candidates(word, root, os.path.dirname(path)):
                _add(candidate, read, found, queue)
    return "\n".join(found.values())


def _add(path: str, read: Set[str], found: Dict[str, str], queue: List[Tuple[str, str]]) -> None:
    """Read the started file `path` when it is no deployment text read already, nor found."""
    if path in read or path in found or not is_file(path):
        return
    text = read_bounded(path)
    if text is not None:
        found[path] = text
        queue.append((path, text))


def _started_words(path: str, text: str) -> List[str]:
    """The words of `text` that may name a file it starts: an image's CMD, ENTRYPOINT and HEALTHCHECK (a RUN's run
    at build, a COPY's are copied), every word of another file."""
    if is_container_file(path):
        text = "\n".join(argument for instruction, argument in instructions(text) if instruction in _STARTS)
    return _WORD.findall(text)


def _candidates(word: str, root: str, folder: str) -> List[str]:
    """The repository paths `word` may name: each trailing part of its path, from the root or `folder`."""
    parts = [part for part in word.split("/") if part not in ("", ".")]
    if not parts or ".." in parts or len(parts) > 12:
        return []
    found = []
    for start in range(len(parts)):
        tail = os.path.join(*parts[start:])
        for base in dict.fromkeys((root, folder or root)):
            path = os.path.normpath(os.path.join(base, tail))
            if path.startswith(root + os.sep):  # within the repository
                found.append(path)
    return found
