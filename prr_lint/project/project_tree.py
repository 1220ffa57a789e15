"""The folders of the project tree that the project phase reads other files from (templates, configuration,
Python scripts without a suffix). The walk follows symlinked directories: a project reached through a link
(`prr-lint check svc` beside `svc -> /src/svc`, or a root whose folders are links) reads the same files as a
run on the real tree, or code that a template or script names would look dead in one run and not the other.
Each folder is walked once, so that a link loop or a second link to a walked folder adds nothing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, List, Set, Tuple

SKIPPED_DIRS = frozenset({"node_modules", "site-packages", "__pycache__", "venv"})


def project_folders(root: Path) -> Iterator[Tuple[str, List[str]]]:
    """(folder, its file names) for each folder under `root` but hidden and dependency folders."""
    seen: Set[Tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        try:
            status = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (status.st_dev, status.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        dirs[:] = [name for name in dirs if not name.startswith(".") and name not in SKIPPED_DIRS]
        yield folder, files
