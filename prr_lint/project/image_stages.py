"""Which stages of a multi-stage image file ship, and which the build throws away: a `RUN` is a build step, and a
COPY puts nothing into the image that is started, only in a stage that is thrown away (program_runs.py).

borgmatic's docs image runs `RUN /app/docs/fetch-contributors >> /contributors.html` in its stage `borgmatic`; the
last stage (`FROM nginx`) takes only generated files out of it (`COPY --from=borgmatic /contributors.html ...`), never
the `/app` its `COPY . /app` filled. A stage ships when it is the last one, one the last builds `FROM` (directly or
through a chain), one a `--target` or a compose `target:` anywhere in the deployment names, or one no other stage uses
(a stage only a `--target` builds). Any other stage is thrown away unless another stage takes out of it (`COPY
--from=<name or index>`, `RUN --mount=...,from=<name>`), or out of a stage built `FROM` it, a path that may hold what a
COPY of it or of the stages it is built `FROM` put there (`COPY --from=builder /app /app`): what a RUN executes there
then reaches the started image as a file. A source or a base the shell fills in (`$BASE`, `--from=${STAGE}`), or a
relative source, may be any: nothing is thrown away then.
"""

from __future__ import annotations

import posixpath
import re
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

_TARGET = re.compile(r"""(?:--target[=\s]+|\btarget:\s*)["']?([\w.-]+)""")  # `docker build --target prod`, compose `target: prod`
_MOUNT_FROM = re.compile(r"(?:^|,)from=([^,\s]+)")  # `RUN --mount=type=bind,from=builder,source=/app,target=/app`
FILLED = re.compile(r"[$%{}]")  # a word part the shell or a template fills in
_IMAGE = re.compile(r"[:/@]")  # what only an image's reference has
_GLOB = re.compile(r"[*?\[]")
_ANY = "/"  # a source that may be any path


def targets(texts: Iterable[str]) -> FrozenSet[str]:
    """The stage names a `--target` or a compose `target:` in the deployment's texts builds."""
    return frozenset(name.lower() for text in texts for name in _TARGET.findall(text))


class Stages:
    """The stages of one image file, given its `instructions` (lambda_image.instructions) and the targeted names."""

    def __init__(self, instructions: List[Tuple[str, str]], targeted: FrozenSet[str]) -> None:
        self.stage_of: List[int] = []  # per instruction, its stage (-1 before the first FROM)
        names: Dict[str, int] = {}
        bases: List[Optional[int]] = []  # per stage, the stage it is built FROM (None: an image)
        self._unknown = False  # a base or a source stage the shell fills in
        self._taken: Dict[int, List[str]] = {}  # stage -> the absolute paths other stages take out of it
        used: Set[int] = set()
        for instruction, argument in instructions:
            words = argument.split()
            if instruction == "FROM":
                words = [word for word in words if not word.startswith("--")]
                base = _stage(words[0] if words else "$", names, len(bases))
                self._unknown |= base == -1
                bases.append(base if base is not None and base >= 0 else None)
                if bases[-1] is not None:
                    used.add(bases[-1])
                if len(words) >= 3 and words[1].lower() == "as":
                    names[words[2].lower()] = len(bases) - 1
            elif bases:
                for source, paths in _takes(instruction, words):
                    stage = _stage(source, names, len(bases) - 1)
                    self._unknown |= stage == -1
                    if stage is not None and stage >= 0:
                        used.add(stage)
                        self._taken.setdefault(stage, []).extend(paths)
            self.stage_of.append(len(bases) - 1)
        self._bases = bases
        shipped = {len(bases) - 1, *(stage for name, stage in names.items() if name in targeted),
                   *(stage for stage in range(len(bases)) if stage not in used)}
        self._shipped = {ancestor for stage in shipped for ancestor in self._chain(stage)}

    def ships(self, stage: int) -> bool:
        """The stage's files may be in the image that is started (module docstring)."""
        return self._unknown or stage < 0 or stage in self._shipped

    def thrown_away(self, stage: int, destinations: Dict[int, List[str]]) -> bool:
        """The stage does not ship and no stage takes out of it a path that a COPY of its own or of the stages it is
        built FROM filled (`destinations`: stage -> its COPYs' absolute destinations)."""
        if self.ships(stage):
            return False
        filled = [path for ancestor in self._chain(stage) for path in destinations.get(ancestor, ())]
        holders = [later for later in range(len(self._bases)) if stage in self._chain(later)]
        return not any(_overlap(taken, path) for holder in holders for taken in self._taken.get(holder, ()) for path in filled)

    def _chain(self, stage: int) -> List[int]:
        """The stage and the stages it is built FROM, nearest first."""
        found: List[int] = []
        at: Optional[int] = stage
        while at is not None and 0 <= at < len(self._bases) and at not in found:  # -1: before any FROM (a FROM-less file)
            found.append(at)
            at = self._bases[at]
        return found


def _stage(reference: str, names: Dict[str, int], before: int) -> Optional[int]:
    """The earlier stage a FROM or `--from` names: its index, -1 when the shell fills in a name that may be a stage's,
    None for an image (`python:${VERSION}-slim`: a stage's name has no `:`, `/` or `@`)."""
    reference = reference.lower()
    if FILLED.search(reference):
        return None if _IMAGE.search(reference) else -1
    if reference.isdigit():
        return int(reference) if int(reference) < before else None
    return names.get(reference)


def _takes(instruction: str, words: List[str]) -> List[Tuple[str, List[str]]]:
    """(source stage, the paths taken) of a `COPY --from=` and of each `RUN --mount=...,from=` (the whole stage)."""
    if instruction in ("COPY", "ADD"):
        source = next((word[len("--from="):] for word in words if word.startswith("--from=")), None)
        paths = [word for word in words if not word.startswith("--")][:-1]
        return [] if source is None else [(source, [_pinned(path) for path in paths] or [_ANY])]
    if instruction == "RUN":
        mounts = [word[len("--mount="):] for word in words if word.startswith("--mount=")]
        return [(found, [_ANY]) for mount in mounts for found in _MOUNT_FROM.findall(mount)]
    return []


def _pinned(path: str) -> str:
    """The absolute folder or file a source names, up to its first glob; any path for a relative or filled-in one."""
    path = path.strip("\"'")
    if not path.startswith("/") or FILLED.search(path):
        return _ANY
    glob = _GLOB.search(path)
    return posixpath.normpath(path[:glob.start()].rpartition("/")[0] or "/") if glob else posixpath.normpath(path)


def _overlap(taken: str, filled: str) -> bool:
    """Taking `taken` out may take what was put at `filled`: the one path is the other or lies in it."""
    return taken == filled or filled.startswith(taken.rstrip("/") + "/") or taken.startswith(filled.rstrip("/") + "/")
