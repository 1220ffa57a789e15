"""The files of a cached run, known by their stat before their content.

A file whose size, mtime_ns and inode are those the manifest recorded (cache.py) has the content
digest recorded with them: it is neither read nor hashed. Any other file is read and hashed, so a
file that was touched but not changed still has its old digest and is still a cache hit.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from prr_lint.cache import RACY_SECONDS, content_digest
from prr_lint.modules import module_name


@dataclass
class Source:
    path: str  # absolute
    shown: str  # root-relative, `/`-separated: what findings show
    module: str
    is_package: bool
    digest: str
    data: Optional[bytes] = None  # read only when the manifest did not know the file


Unreadable = Tuple[str, str]


def shown_path(path: str, root: str) -> str:
    """`discovery.relative_path` on strings: root-relative with `/`, or absolute outside the root."""
    prefix = root.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return path.replace(os.sep, "/")


def read_sources(
    paths: Sequence[Any], root: str, manifest: Dict[str, List[Any]]
) -> Tuple[List[Source], List[Unreadable], Dict[str, List[Any]]]:
    """(the files, those that cannot be read, the manifest entries for the files found)."""
    sources: List[Source] = []
    unreadable: List[Unreadable] = []
    entries: Dict[str, List[Any]] = {}
    racy = time.time_ns() - int(RACY_SECONDS * 1e9)
    for item in paths:
        path = os.fspath(item)
        shown = shown_path(path, root)
        try:
            status = os.stat(path)
        except FileNotFoundError:
            continue  # deleted since discovery: nothing left to check
        except OSError as error:
            unreadable.append((shown, error.strerror or str(error)))
            continue
        stat = [status.st_size, status.st_mtime_ns, status.st_ino]
        known = manifest.get(shown)
        data = None
        if known is not None and known[:3] == stat:
            digest = known[3]
        else:
            data, problem = read(path, shown)
            if data is None:
                if problem is not None:
                    unreadable.append(problem)
                continue
            digest = content_digest(data)
        if status.st_mtime_ns < racy:
            entries[shown] = [*stat, digest]
        name, is_package = module_name(path, root)
        sources.append(Source(path, shown, name, is_package, digest, data))
    return sources, unreadable, entries


def read(path: str, shown: str) -> Tuple[Optional[bytes], Optional[Unreadable]]:
    """The file's bytes, or None with the reason worth telling (None too when it was deleted)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(), None
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, (shown, error.strerror or str(error))
