"""The project phase's reads of the tree, recorded so that a cached run is served again only while all
of them would give the same answers (runner.py keeps the record beside the run's result).

A file's result depends on its bytes alone, which key it; the project phase also reads the rest of
the tree: templates, documentation and configuration for the names they hold, launch and packaging
files, scripts without a `.py` name, the folders it walks. Each such read goes through this module
(tests/test_architecture.py: prr_lint/project touches the file system only here). While `recording()`
it notes every question asked (read this file, list this folder, what is at this path, where does it
lead) with a digest of the answer and the stat the answer rests on; `unchanged` asks them again on a
warm run. A path whose stat is the recorded one gives the same answer; any other is asked again and
its answer compared, so a touched file is still a hit. A stat taken within cache.RACY_SECONDS of the
path's last change may hide a further one (same size, same mtime tick): it is not recorded, and that
question is always asked again.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Dict, Iterator, NamedTuple, Optional, Tuple, Union

from prr_lint.cache import RACY_SECONDS

PathLike = Union[str, "os.PathLike[str]"]
Stat = Tuple[int, ...]  # (size, mtime_ns, inode, device); () when nothing is there
Question = Tuple[str, str, int]  # (kind, path, size limit or 0)
# question -> (the stat its answer rests on, or None when it must be asked again; the answer's digest)
Reads = Dict[Question, Tuple[Optional[Stat], str]]

_READ, _LIST, _KIND, _SIZE, _REAL = "read", "list", "kind", "size", "real"
_STAT_DECIDES = (_READ, _LIST)  # a file's bytes change its mtime, a folder's entries change its own
_CHANGED = "changed during the run"  # the digest of no answer: the question never matches again


class Folder(NamedTuple):
    identity: Tuple[int, int]  # (device, inode): one folder reached through two links is the same
    folders: Tuple[str, ...]  # the names of its folders (links to folders followed) and files, sorted
    files: Tuple[str, ...]


class _Record:
    def __init__(self) -> None:
        self.reads: Reads = {}
        self.racy = time.time_ns() - int(RACY_SECONDS * 1e9)

    def note(self, question: Question, status: Optional[os.stat_result], value: object) -> None:
        answer = _answer(value)
        known = self.reads.get(question)
        if known is not None:
            if known[1] != answer:  # the file changed between two reads of one run
                self.reads[question] = (None, _CHANGED)
            return
        trusted = question[0] in _STAT_DECIDES and (status is None or status.st_mtime_ns < self.racy)
        self.reads[question] = (_stat(status) if trusted else None, answer)


_recording: ContextVar[Optional[_Record]] = ContextVar("tree_reads", default=None)


@contextmanager
def recording() -> Iterator[Reads]:
    """Records the reads made inside the block into the dict it yields."""
    record = _Record()
    token = _recording.set(record)
    try:
        yield record.reads
    finally:
        _recording.reset(token)


def unchanged(reads: Reads) -> bool:
    """Every recorded question still gets its recorded answer."""
    for (kind, path, limit), (trusted, answer) in reads.items():
        status = _status(path)
        if trusted is not None and _stat(status) == trusted:
            continue
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
        record.note((kind, name, limit), status, value)
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
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev) if status is not None else ()


def _answer(value: object) -> str:
    return hashlib.sha256(value if isinstance(value, bytes) else repr(value).encode()).hexdigest()
