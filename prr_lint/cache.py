"""The result cache in `.prr_lint_cache/`: per file, per run, and a manifest of file stats.

Layout (all of it private to prr-lint, safe to delete at any time):

    files/<k[:2]>/<key>   one file's FileResult, keyed by its content and the plan (engine.Plan)
    runs/<identity>       a whole run's result, for one plan and one set of paths, with its run key and
                          what its project phase read of the tree (tree_reads.py)
    runs/<identity>.keys  the file keys that run used (plain text), which is what pruning keeps
    manifest.json         path -> size, mtime_ns, inode and content digest, from the last runs

Every write goes to a temporary file in the same directory and is renamed into place, so two
prr-lint processes on one tree never see a half-written entry; every read treats a missing,
truncated or foreign entry as a miss. The manifest is JSON, never pickle, and entries are only
found through keys that hash prr-lint's own code, so a crafted cache committed to a repository
has no name prr-lint would look up.

Pruning: a run entry counts as used when a run reads or writes it (its mtime). After a run that
wrote anything, at most once per `PRUNE_EVERY`, run entries unused for `MAX_AGE` (or beyond the
`MAX_RUNS` most recently used) are deleted, then every file entry that no remaining run lists and
that is older than `GRACE` (a concurrent run may still be writing its run entry) and leftover
temporary files.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

CACHE_DIRECTORY = ".prr_lint_cache"  # at the project root
MAX_RUNS = 32
MAX_AGE = 7 * 24 * 3600.0
GRACE = 3600.0
PRUNE_EVERY = 3600.0
MANIFEST_VERSION = 1
# A file modified this recently may change again within the same mtime tick: its stat is not
# recorded, so the next run hashes it (git calls these "racily clean").
RACY_SECONDS = 2.0

def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ResultCache:
    """Results on disk: per file, so unchanged files are not re-parsed, and per run, so an unchanged
    tree skips the project phase too."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.wrote = False
        self._ready = False

    # --- entries ---

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, "files", key[:2], key)

    def _run_path(self, identity: str) -> str:
        return os.path.join(self.directory, "runs", identity)

    def get(self, key: str, kind: type) -> Optional[Any]:
        loaded = _load(self._path(key))
        return loaded if isinstance(loaded, kind) else None

    def put(self, key: str, result: object) -> None:
        self._write(self._path(key), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def get_run(self, identity: str, run_key: str, kind: type, fresh: Callable[[Any], bool]) -> Optional[Any]:
        """The run result stored for `identity` if it was made from exactly `run_key` and `fresh` accepts
        what its project phase read (tree_reads.unchanged); marks it used."""
        path = self._run_path(identity)
        loaded = _load(path)
        if not (isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == run_key and isinstance(loaded[1], kind)
                and _accepts(fresh, loaded[2])):
            return None
        try:
            os.utime(path)
        except OSError:  # a read-only cache still serves; it just ages
            pass
        return loaded[1]

    def put_run(self, identity: str, run_key: str, keys: Sequence[str], result: object, reads: object) -> None:
        path = self._run_path(identity)
        self._write(path + ".keys", "\n".join(keys).encode())
        self._write(path, pickle.dumps((run_key, result, reads), protocol=pickle.HIGHEST_PROTOCOL))

    # --- the manifest of file stats ---

    def manifest(self) -> Dict[str, List[Any]]:
        """Root-relative path -> [size, mtime_ns, inode, content digest]; empty when unreadable."""
        try:
            with open(os.path.join(self.directory, "manifest.json"), "rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError):  # no manifest: every file is hashed
            return {}
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION or not isinstance(data.get("files"), dict):
            return {}
        return data["files"]

    def save_manifest(self, files: Dict[str, List[Any]]) -> None:
        document = {"version": MANIFEST_VERSION, "files": files}
        self._write(os.path.join(self.directory, "manifest.json"), json.dumps(document, separators=(",", ":")).encode())

    # --- writing ---

    def _prepare(self) -> None:
        """The directory, marked as a cache for backup tools and ignored by git."""
        if self._ready:
            return
        self._ready = True
        os.makedirs(self.directory, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _CACHEDIR_TAG), (".gitignore", "# written by prr-lint\n*\n")):
            marker = os.path.join(self.directory, name)
            if not os.path.exists(marker):
                _replace(marker, text.encode())

    def _write(self, path: str, data: bytes) -> None:
        try:
            self._prepare()
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _replace(path, data)
            self.wrote = True
        except OSError:  # prr-lint: ignore[PRR102] a cache that cannot be written only costs time
            pass

    # --- pruning ---

    def maybe_prune(self, now: Optional[float] = None) -> None:
        """Prunes after a run that wrote entries, at most once per PRUNE_EVERY."""
        if not self.wrote:
            return
        now = time.time() if now is None else now
        stamp = os.path.join(self.directory, "pruned")
        try:
            if now - os.stat(stamp).st_mtime < PRUNE_EVERY:
                return
        except OSError:  # never pruned: do it now
            pass
        self.prune(now)
        _replace_quietly(stamp, b"")

    def prune(self, now: Optional[float] = None) -> None:
        """Deletes what recent runs no longer use (see the module docstring)."""
        now = time.time() if now is None else now
        runs = os.path.join(self.directory, "runs")
        entries = sorted(_entries(runs), key=lambda entry: -entry[1])
        live: Set[str] = set()
        kept = 0
        for path, mtime in entries:
            if path.endswith(".keys") or path.endswith(".tmp"):
                continue
            if kept < MAX_RUNS and now - mtime < MAX_AGE:
                kept += 1
                live.update(_read_keys(path + ".keys"))
            else:
                _unlink(path)
                _unlink(path + ".keys")
        for path, mtime in entries:
            if path.endswith(".tmp") and now - mtime > GRACE:
                _unlink(path)
        files = os.path.join(self.directory, "files")
        for shard in _subdirectories(files):
            for path, mtime in _entries(shard):
                name = os.path.basename(path)
                if now - mtime > GRACE and (name.endswith(".tmp") or name not in live):
                    _unlink(path)


_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by prr-lint.\n"


def replace_file(directory: str, name: str, data: bytes) -> None:
    """Writes one file of the cache directory atomically; a cache that cannot be written only costs time."""
    ResultCache(directory)._write(os.path.join(directory, name), data)


def _load(path: str) -> Optional[Any]:
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # a missing, truncated or foreign entry is a miss  # noqa: BLE001
        return None


def _accepts(fresh: Callable[[Any], bool], record: object) -> bool:
    try:
        return bool(fresh(record))
    except Exception:  # a foreign record is a miss  # noqa: BLE001
        return False


def _replace(path: str, data: bytes) -> None:
    temporary = f"{path}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        _unlink(temporary)
        raise


def _replace_quietly(path: str, data: bytes) -> None:
    try:
        _replace(path, data)
    except OSError:  # prr-lint: ignore[PRR102] the next run prunes instead
        pass


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:  # gone already (a concurrent prune), or not ours to delete
        pass


def _entries(directory: str) -> Iterable[Tuple[str, float]]:
    try:
        with os.scandir(directory) as iterator:
            found = []
            for entry in iterator:
                try:
                    if entry.is_file(follow_symlinks=False):
                        found.append((entry.path, entry.stat(follow_symlinks=False).st_mtime))
                except OSError:  # vanished while listing
                    continue
            return found
    except OSError:  # nothing cached yet
        return []


def _subdirectories(directory: str) -> List[str]:
    try:
        with os.scandir(directory) as iterator:
            return [entry.path for entry in iterator if entry.is_dir(follow_symlinks=False)]
    except OSError:  # nothing cached yet
        return []


def _read_keys(path: str) -> List[str]:
    try:
        with open(path, encoding="ascii") as handle:
            return handle.read().split()
    except (OSError, ValueError):  # unreadable: its files age out after GRACE
        return []
