"""What a FastAPI CLI command line serves: `fastapi run merino/main.py --app api`.

The FastAPI CLI imports the file its path argument names and serves the app in it (`--app NAME`, else the
one it finds: `app`, `api`, or another FastAPI instance) with uvicorn. Importing runs the module's top level
but not its `if __name__ == "__main__":` block, so the file is served, not run as a program. `fastapi run` is
the production server command; `fastapi dev` serves with reloading, for a developer.
"""

from __future__ import annotations

from typing import Iterator, List, NamedTuple

_COMMANDS = {"run": True, "dev": False}  # the subcommand -> whether it is a production server
# Options of `fastapi run`/`dev` that take a value (the word after them is no path).
_VALUED = frozenset({"--host", "--port", "--root-path", "--workers", "--forwarded-allow-ips", "--app-dir", "--entrypoint", "-e", "--app"})
_REACH = 16  # words after the subcommand read for its path and options


class FastAPICommand(NamedTuple):
    """One `fastapi run|dev` command among a text's words."""

    path: int  # the index of its path argument among the words, -1 when it names none
    production: bool  # `fastapi run`, not `fastapi dev`
    app: str  # the --app given, "" when the CLI finds the app itself


def fastapi_commands(words: List[str]) -> Iterator[FastAPICommand]:
    """The FastAPI CLI commands among the words of a command text (an exec form's, a shell line's)."""
    for number, word in enumerate(words[:-1]):
        if word.rpartition("/")[2] != "fastapi" or words[number + 1] not in _COMMANDS:
            continue
        start = number + 2
        rest = words[start:start + _REACH]
        app = next((rest[at + 1] for at in range(len(rest) - 1) if rest[at] == "--app"), "")
        path = next((start + at for at, later in enumerate(rest)
                     if not later.startswith("-") and (at == 0 or rest[at - 1] not in _VALUED)), -1)
        yield FastAPICommand(path if path >= 0 and words[path].endswith(".py") else -1, _COMMANDS[words[number + 1]], app)
