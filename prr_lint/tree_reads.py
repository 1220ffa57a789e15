"""The project phase's reads of the tree, recorded so that a cached run is served again only while all
of them would give the same answers (runner.py keeps the record beside the run's result).

A file's result depends on its bytes alone, which key it; the project phase also reads the rest of
the tree: templates, documentation and configuration for the names they hold, launch and packaging
files, scripts without a `.py` name, the folders it walks. Each such read goes through this module
(tests/test_architecture.py: prr_lint/project touches the file system only here). While `recording()`
it notes every question asked (read this file, list this folder, what is at this path, how large is
it, where does it lead) with a digest of the answer, and each path's stat; `unchanged` checks them on
a warm run with one stat per path. A path whose stat is the recorded one gives the same answers; the
questions of any other are asked again and their answers compared, so a touched file is still a hit.
A stat taken within cache.RACY_SECONDS of the path's last change may hide a further one (same size,
same mtime tick): it is not recorded, and that path's questions are always asked again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import AbstractSet, Dict, Iterator, List, NamedTuple, Optional, Tuple, Union

from prr_lint.cache import RACY_SECONDS

PathLike = Union[str, "os.PathLike[str]"]
Stat = Tuple[int, ...]  # (mode, size, mtime_ns, inode, device); () when nothing is there
Answers = Dict[Tuple[str, int], bytes]  # (kind of question, size limit or 0) -> the answer's digest
# What a run entry keeps: each path with the stat its answers rest on (None: ask them again), then
# the answers, pickled apart so that a warm run whose stats all match never loads them.
Saved = Tuple[Tuple[Tuple[str, Optional[Stat]], ...], bytes]

_READ, _LIST, _KIND, _SIZE, _REAL = "read", "list", "kind", "size", "real"
_CHANGED = b""  # the digest of no answer: a question answered twice, differently, in one run


class Folder(NamedTuple):
    identity: Tuple[int, int]  # (device, inode): one folder reached through two links is the same
    folders: Tuple[str, ...]  # the names of its folders (links to folders followed) and files, sorted
    files: Tuple[str, ...]


class Record:
    """The reads of one project phase, one entry per path: whatever is asked of a path, its answer
    rests on the path's stat (a file's bytes change its mtime, a folder's entries change its own),
    but for where its links lead. The `keyed` paths (the run's own modules, whose content keys the
    run already) are left out."""

    def __init__(self, keyed: AbstractSet[str]) -> None:
        self.keyed = keyed
        self.reads: Dict[str, Tuple[Optional[Stat], Answers]] = {}
        self.racy = time.time_ns() - int(RACY_SECONDS * 1e9)

    def note(self, kind: str, path: str, limit: int, status: Optional[os.stat_result], value: object) -> None:
        if path in self.keyed:
            return
        trusted = _stat(status) if kind != _REAL and (status is None or status.st_mtime_ns < self.racy) else None
        entry = self.reads.get(path)
        if entry is None:
            entry = self.reads[path] = (trusted, {})
        elif entry[0] is not None and entry[0] != trusted:  # changed during the run, or where a link leads asked
            entry = self.reads[path] = (None, entry[1])
        answer = _answer(value)
        if entry[1].setdefault((kind, limit), answer) != answer:
            entry[1][kind, limit] = _CHANGED

    def saved(self) -> Saved:
        paths = tuple((path, trusted) for path, (trusted, _) in self.reads.items())
        return paths, pickle.dumps([answers for _, answers in self.reads.values()], protocol=pickle.HIGHEST_PROTOCOL)


_recording: ContextVar[Optional[Record]] = ContextVar("tree_reads", default=None)


@contextmanager
def recording(keyed: AbstractSet[str] = frozenset()) -> Iterator[Record]:
    """Records the reads made inside the block but those of the `keyed` paths."""
    record = Record(keyed)
    token = _recording.set(record)
    try:
        yield record
    finally:
        _recording.reset(token)


def unchanged(saved: Saved) -> bool:
    """Every recorded question still gets its recorded answer: one stat per path, and the questions
    asked again only of a path whose stat changed or was not to be trusted."""
    paths, pickled = saved
    answers: Optional[List[Answers]] = None
    for position, (path, trusted) in enumerate(paths):
        status = _status(path)
        if trusted is not None and _stat(status) == trusted:
            continue
        answers = pickle.loads(pickled) if answers is None else answers
        for (kind, limit), answer in answers[position].items():
            if _answer(_ask(kind, path, limit, status)) != answer:
                return False
    return True


# --- the questions the project phase asks ---


def read_bytes(path: PathLike, limit: int = 0) -> Optional[bytes]:
    """The file's bytes; None when it is no readable file, or is larger than `limit` bytes."""
    found = _asked(_READ, path, limit)
    return found if isinstance(found, bytes) else None


def read_text(path: PathLike, limit: int = 0, encoding: str = "utf-8", errors: str = "replace") -> Optional[str]:
    """`read_bytes` decoded with universal newlines, as `open(path).read()` does; None too when
    strict decoding fails."""
    data = read_bytes(path, limit)
    try:
        text = data.decode(encoding, errors) if data is not None else None
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if text is not None and "\r" in text else text


def list_folder(path: PathLike) -> Optional[Folder]:
    """The folder's entries; None when it is no folder or cannot be listed."""
    found = _asked(_LIST, path)
    return found if isinstance(found, Folder) else None


def is_file(path: PathLike) -> bool:
    """A regular file is there (after links)."""
    return _asked(_KIND, path) == "file"


def is_folder(path: PathLike) -> bool:
    """A folder is there (after links)."""
    return _asked(_KIND, path) == "folder"


def file_size(path: PathLike) -> Optional[int]:
    """The size of the regular file there (after links), or None."""
    found = _asked(_SIZE, path)
    return found if isinstance(found, int) else None


def real_path(path: PathLike) -> str:
    """The path with every link resolved (`os.path.realpath`)."""
    return str(_asked(_REAL, path))


# --- asking and recording ---


def _asked(kind: str, path: PathLike, limit: int = 0) -> object:
    name = os.fspath(path)
    status = _status(name)
    value = _ask(kind, name, limit, status)
    record = _recording.get()
    if record is not None:
        record.note(kind, name, limit, status, value)
    return value


def _ask(kind: str, path: str, limit: int, status: Optional[os.stat_result]) -> object:
    if kind == _READ:
        return _read(path, limit, status)
    if kind == _LIST:
        return _list(path, status)
    if kind == _KIND:
        return "" if status is None else "file" if stat.S_ISREG(status.st_mode) else "folder" if stat.S_ISDIR(status.st_mode) else "other"
    if kind == _SIZE:
        return status.st_size if status is not None and stat.S_ISREG(status.st_mode) else None
    return os.path.realpath(path)


def _read(path: str, limit: int, status: Optional[os.stat_result]) -> Optional[bytes]:
    if status is None or not stat.S_ISREG(status.st_mode) or (limit and status.st_size > limit):
        return None
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:  # unreadable, or gone since its stat: nothing to read
        return None


def _list(path: str, status: Optional[os.stat_result]) -> Optional[Folder]:
    if status is None or not stat.S_ISDIR(status.st_mode):
        return None
    folders, files = [], []
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                try:
                    if entry.is_dir():
                        folders.append(entry.name)
                    elif entry.is_file():
                        files.append(entry.name)
                except OSError:  # vanished while listed
                    continue
    except OSError:  # unreadable, or gone since its stat
        return None
    return Folder((status.st_dev, status.st_ino), tuple(sorted(folders)), tuple(sorted(files)))


def _status(path: str) -> Optional[os.stat_result]:
    try:
        return os.stat(path)
    except (OSError, ValueError):  # nothing there (or no path at all: a NUL byte)
        return None


def _stat(status: Optional[os.stat_result]) -> Stat:
    return (status.st_mode, status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev) if status is not None else ()


def _answer(value: object) -> bytes:
    return hashlib.sha256(value if isinstance(value, bytes) else repr(value).encode()).digest()[:16]
