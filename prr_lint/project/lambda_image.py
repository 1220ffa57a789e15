"""Where the handler of an AWS Lambda function built with Docker is: the project file its Dockerfile
copies to the path the handler string names inside the image.

`Code.from_docker_build(path, file="Dockerfile", image_path="/asset")` builds the image from the
context folder `path` and zips its `/asset` folder as the function's code: `handler="handler.handler"`
is the `handler` of `/asset/handler.py`, which `COPY database/runtime/handler.py /asset/handler.py`
(sources relative to the context) puts there. A container image function
(`DockerImageFunction(code=DockerImageCode.from_image_asset(directory, cmd=[...]))`) runs the handler
its `cmd` or the Dockerfile's `CMD ["app.handler"]` names, from the image's working directory
(`${LAMBDA_TASK_ROOT}`, `/var/task` in AWS's base images). Tied by the paths the Dockerfile copies,
never by a folder's name; a `COPY --from=` another stage, a wildcard or a variable other than
`LAMBDA_TASK_ROOT` ties nothing.
"""

from __future__ import annotations

import json
import os
import posixpath
import shlex
from typing import Dict, List, NamedTuple, Optional, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import handler_target
from prr_lint.project.live_lines import read_launch_text
from prr_lint.sources import shown_path
from prr_lint.tree_reads import is_file, is_folder

TASK_ROOT = "/var/task"  # LAMBDA_TASK_ROOT of AWS's Lambda base images
_TASK_ROOT_VARIABLES = ("${LAMBDA_TASK_ROOT}", "$LAMBDA_TASK_ROOT")


class _Copy(NamedTuple):
    sources: Tuple[str, ...]
    destination: str  # absolute in the image; a trailing `/` when it names a folder


class Image(NamedTuple):
    """What a Dockerfile's last stage puts where: its copies from the context, working directory and CMD; the image
    it is built from (through the earlier stages it names, as written: `public.ecr.aws/lambda/python:3.13`) and
    whether it sets an `ENTRYPOINT` of its own."""

    copies: Tuple[_Copy, ...]
    workdir: str
    cmd: Tuple[str, ...]
    base: str = ""
    entrypoint: bool = False


def read_image(dockerfile: str) -> Optional[Image]:
    """The Dockerfile's last stage (module docstring), or None when unreadable. Each `FROM` starts a stage afresh
    (the base image's working directory, no copies), or from an earlier stage it names (`FROM base AS runtime`): a
    build stage's `WORKDIR /app` is not the image's."""
    text = read_launch_text(dockerfile)
    if text is None:
        return None
    stages: Dict[str, Image] = {}
    image, stage = Image((), TASK_ROOT, ()), ""
    copies: List[_Copy] = []
    for instruction, argument in instructions(text):
        if instruction == "FROM":
            if stage:
                stages[stage] = image._replace(copies=tuple(copies))
            words = [word for word in argument.split() if not word.startswith("--")]
            named = words[0].lower() if words else ""
            image = stages.get(named) or Image((), TASK_ROOT, (), named)
            copies = list(image.copies)
            stage = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else ""
            continue
        argument = _expand(argument)
        if instruction == "WORKDIR" and argument and "$" not in argument:
            image = image._replace(workdir=posixpath.normpath(posixpath.join(image.workdir, argument)))
        elif instruction in ("COPY", "ADD"):
            words = instruction_words(argument)
            if words is None or any(word.startswith("--from") for word in words):
                continue
            words = [word for word in words if not word.startswith("--")]
            if len(words) >= 2 and not any("$" in word or "*" in word or "?" in word for word in words):
                destination = posixpath.join(image.workdir, words[-1])
                folder = words[-1].endswith("/") or len(words) > 2
                copies.append(_Copy(tuple(words[:-1]), posixpath.normpath(destination) + ("/" if folder else "")))
        elif instruction == "CMD":
            image = image._replace(cmd=tuple(instruction_words(argument) or ()))
        elif instruction == "ENTRYPOINT":
            image = image._replace(entrypoint=True)
    return image._replace(copies=tuple(copies))


def image_handler(index: ProjectIndex, image: Image, context: str, folder: str, handler: str, root: str) -> Optional[str]:
    """The project function `handler` (`pkg.mod.function`) names in the image `folder` (or its module,
    lambda_code.handler_target), found by the file the image's copies bring there from the absolute
    `context` folder, or None."""
    module, _, function = handler.rpartition(".")
    if not module or not function.isidentifier():
        return None
    relative = module.replace(".", "/")
    for candidate in (f"{relative}.py", f"{relative}/__init__.py"):
        source = _copied_from(image, context, posixpath.join(folder, candidate))
        summary = index.by_path.get(shown_path(source, root)) if source is not None else None
        if summary is not None and (found := handler_target(index, summary, function)):
            return found
    return None


def _copied_from(image: Image, context: str, target: str) -> Optional[str]:
    """The context file the last copy that writes `target` (an absolute image path) takes it from."""
    for copy in reversed(image.copies):
        destination = copy.destination.rstrip("/") or "/"
        for source in copy.sources:
            local = os.path.normpath(os.path.join(context, source))
            if is_folder(local):
                if target.startswith(destination.rstrip("/") + "/"):
                    found = os.path.join(local, target[len(destination.rstrip("/")) + 1:])
                    if is_file(found):
                        return os.path.normpath(found)
            elif target == posixpath.join(destination, posixpath.basename(source)) or (target == destination and not copy.destination.endswith("/")):
                return local  # into a folder (`COPY app.py ${LAMBDA_TASK_ROOT}`), or to a file of that name
    return None


def instructions(text: str) -> List[Tuple[str, str]]:
    """(INSTRUCTION, argument) pairs, continuation lines joined, comments left out."""
    found: List[Tuple[str, str]] = []
    pending = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        whole, pending = pending + stripped, ""
        instruction, _, argument = whole.partition(" ")
        found.append((instruction.upper(), argument.strip()))
    return found


def _expand(argument: str) -> str:
    for variable in _TASK_ROOT_VARIABLES:
        argument = argument.replace(variable, TASK_ROOT)
    return argument


def instruction_words(argument: str) -> Optional[List[str]]:
    """The instruction's words: its JSON array (exec form) or shell words; None when unreadable."""
    if argument.startswith("["):
        try:
            value = json.loads(argument)
        except ValueError:
            return None
        return [str(word) for word in value] if isinstance(value, list) else None
    try:
        return shlex.split(argument)
    except ValueError:
        return None
