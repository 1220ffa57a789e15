"""The Google Cloud Functions a deployment file deploys: each `gcloud functions deploy NAME ...` command.

The command is read where a deployment runs it: a shell line (a script, a Makefile recipe, a GitHub
Actions `run:`, lines joined at a trailing `\\`), or a Cloud Build step's `args` list, flow (`['functions',
'deploy', ...]`) or block (`- functions` / `- deploy` items), whose `gcloud` is its `entrypoint` or builder.
From its words: the function's name (the first positional word), `--entry-point` (unset, the platform
calls the function named like the deployed one), `--source` (unset, the folder the command runs in),
`--runtime` (a runtime that is not Python runs no project module) and `--timeout` (`540`, `540s`, `9m`,
`1h`; unset, the platform's default, job_platforms.CLOUD_FUNCTIONS). A value the deployment fills in
(`$ENTRY`) is unknown.

A `--source` folder is relative to where the command runs: a GitHub Actions step's `working-directory`,
else its job's or workflow's `defaults: run: working-directory`, below the repository (the folder
holding `.github`); a Cloud Build step's `dir`; for any other file (a script, a Makefile, a build config
without `dir`) its own folder, else the project's root. A Cloud Storage or repository URL names no folder.
"""

from __future__ import annotations

import os
import re
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from prr_lint.job_platforms import CLOUD_FUNCTIONS

_SHELL = re.compile(r"(?<![\w-])gcloud(?:\s|\\\n)+(?:(?:alpha|beta)(?:\s|\\\n)+)?functions(?:\s|\\\n)+deploy(?![\w-])")
_FLOW = re.compile(r"""['"]?functions['"]?\s*,\s*['"]?deploy['"]?\s*(?=,|\])""")
_BLOCK = re.compile(r"""^(\s*)-\s*['"]?functions['"]?\s*\n\1-\s*['"]?deploy['"]?[ \t]*$""", re.MULTILINE)
_WORD = re.compile(r"""'[^']*'|"[^"]*"|[^\s'"]+""")
_ITEM = re.compile(r"""\s*-\s+(.*?)\s*$""")
_ENDS = frozenset({";", "&&", "||", "|", ">", ">>", "2>&1"})
# Flags of `gcloud functions deploy` that take no value (the others take the next word unless given `=`).
_SWITCHES = frozenset({
    "--gen2", "--no-gen2", "--trigger-http", "--allow-unauthenticated", "--no-allow-unauthenticated", "--retry", "--no-retry",
    "--async", "--quiet", "-q", "--clear-env-vars", "--clear-labels", "--clear-secrets", "--clear-build-env-vars",
    "--clear-max-instances", "--clear-min-instances", "--clear-vpc-connector", "--clear-docker-repository", "--clear-kms-key",
    "--clear-build-worker-pool", "--clear-build-service-account", "--binary-authorization", "--clear-binary-authorization",
})
_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?")
_STEP_KEYS = ("working-directory", "dir")  # a GitHub Actions step's folder, a Cloud Build step's


class FunctionDeploy(NamedTuple):
    """One deployed function: the function of the source's `main.py` the platform calls ("" when the
    deployment fills it in), the folder deployed (None when no local folder), the folders that folder may
    be relative to, first found first, and the limit in seconds (None when the deployment fills it in)."""

    entry_point: str
    source: Optional[str]
    bases: Tuple[str, ...]
    seconds: Optional[float]


def function_deploys(path: str, text: str, root: str) -> List[FunctionDeploy]:
    """The Python functions the deployment file deploys (module docstring); `root`: the project's folder."""
    if "functions" not in text or "deploy" not in text:
        return []
    lines = text.splitlines()
    found: List[FunctionDeploy] = []
    for offset, words in _commands(text):
        deploy = _deploy(words, _bases(path, lines, text.count("\n", 0, offset), root))
        if deploy is not None:
            found.append(deploy)
    return found


def _commands(text: str) -> Iterator[Tuple[int, List[str]]]:
    """(offset, the words after `deploy`) of each deploy command in the text."""
    for match in _SHELL.finditer(text):
        tail = re.split(r"(?<!\\)\n", text[match.end():], maxsplit=1)[0].replace("\\\n", " ")
        words: List[str] = []
        for word in _WORD.findall(tail):
            if word in _ENDS or word.startswith("#"):
                break
            words.append(word.strip("'\""))
            if word.endswith(";"):
                words[-1] = words[-1].rstrip(";")
                break
        yield match.start(), words
    if "gcloud" not in text:  # a Cloud Build step runs it: its builder or `entrypoint`
        return
    for match in _FLOW.finditer(text):
        tail = text[match.end():].split("]", 1)[0]
        yield match.start(), [item.strip().strip("'\"") for item in tail.split(",") if item.strip()]
    for match in _BLOCK.finditer(text):
        items: List[str] = []
        for line in text[match.end():].split("\n")[1:]:
            item = _ITEM.match(line)
            if item is None or len(line) - len(line.lstrip()) != len(match.group(1)):
                break
            items.append(item.group(1).strip("'\""))
        yield match.start(), items


def _deploy(words: Sequence[str], bases: Tuple[str, ...]) -> Optional[FunctionDeploy]:
    """The deploy its words describe, or None for a function that runs no Python, or no name at all."""
    flags: Dict[str, str] = {}
    names: List[str] = []
    pending = ""
    for word in words:
        if pending:
            flags[pending], pending = word, ""
        elif word.startswith("-"):
            flag, equals, value = word.partition("=")
            if equals:
                flags[flag] = value
            elif flag not in _SWITCHES:
                pending = flag
        else:
            names.append(word)
    runtime = flags.get("--runtime", "")
    if not names or (runtime and "$" not in runtime and not runtime.startswith("python")):
        return None
    entry = flags.get("--entry-point", names[0])
    source = flags.get("--source", ".")
    local = "$" not in source and not re.match(r"\w+://", source)
    timeout = flags.get("--timeout")
    seconds = CLOUD_FUNCTIONS.default_seconds if timeout is None else _seconds(timeout)
    return FunctionDeploy("" if "$" in entry else entry, source if local else None, bases, seconds)


def _seconds(value: str) -> Optional[float]:
    """A gcloud duration (`540`, `540s`, `9m`, `1h30m`) in seconds; None when unknown."""
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return float(value)
    match = _DURATION.fullmatch(value.lower())
    if match is None or not any(match.groups()):
        return None
    hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _bases(path: str, lines: List[str], number: int, root: str) -> Tuple[str, ...]:
    """The folders a command on line `number` runs in, first the likeliest (module docstring)."""
    parts = os.path.normpath(path).split(os.sep)
    if ".github" in parts:
        repository = os.sep.join(parts[: parts.index(".github")]) or os.sep
        folder = _working_directory(lines, number)
        return (os.path.normpath(os.path.join(repository, folder)),) if folder is not None and "$" not in folder else ((repository,) if folder is None else ())
    step = _working_directory(lines, number)
    if step is not None:
        return (os.path.normpath(os.path.join(os.path.dirname(path), step)),) if "$" not in step else ()
    return tuple(dict.fromkeys((os.path.dirname(path), root)))


def _working_directory(lines: List[str], number: int) -> Optional[str]:
    """The folder the YAML step holding line `number` runs in: its own key (`_STEP_KEYS`), else the nearest
    enclosing `defaults: run: working-directory`; None when none says."""
    level = _indent(lines[number])
    level = len(lines[number]) if level is None else level
    for above in range(number - 1, -2, -1):
        indent = _indent(lines[above]) if above >= 0 else -1
        if indent is None or indent >= level:
            continue
        level = indent
        if above >= 0 and lines[above].lstrip().startswith("-"):
            value = next((value for key in _STEP_KEYS for value in [_value(lines, _child(lines, above, key), key)] if value), None)
        else:
            defaults = _child(lines, above, "defaults")
            run = _child(lines, defaults, "run") if defaults is not None else None
            value = _value(lines, _child(lines, run, "working-directory"), "working-directory") if run is not None else None
        if value:
            return value
    return None


def _child(lines: List[str], number: int, key: str) -> Optional[int]:
    """The line of the direct child `key` of the YAML entry on line `number` (-1: the document; a list
    item's first key, `- name: deploy`, is on its own line), or None."""
    own = _indent(lines[number]) if number >= 0 else -1
    if number >= 0 and lines[number].lstrip().startswith("-") and _value(lines, number, key) is not None:
        return number
    level = None
    for below in range(number + 1, len(lines)):
        indent = _indent(lines[below])
        if indent is None:
            continue
        if indent <= own:
            return None
        level = indent if level is None else level
        if indent == level and _value(lines, below, key) is not None:
            return below
    return None


def _value(lines: List[str], number: Optional[int], key: str) -> Optional[str]:
    """The value of `key` on line `number` ("" for a key opening a block), or None."""
    if number is None:
        return None
    match = re.match(rf"""\s*(?:-\s*)?{re.escape(key)}\s*:\s*['"]?(.*?)['"]?\s*$""", lines[number])
    return match.group(1) if match is not None else None


def _indent(line: str) -> Optional[int]:
    stripped = line.lstrip()
    return None if not stripped or stripped.startswith("#") else len(line) - len(stripped)
