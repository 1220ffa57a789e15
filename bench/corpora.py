"""The corpora bench/run.py measures: where each comes from and what it holds.

Two kinds: a pinned sdist fetched through pip (so the user's index configuration applies) and
unpacked once, and the running interpreter's own standard library copied once. Both land in
`.bench-cache/`, keyed by the pin or the Python version, so a new pin never reuses an old tree.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List

# Directories of the standard library that hold third-party code, not the standard library.
_NOT_STDLIB = {"site-packages", "dist-packages", "__pycache__"}


class BenchError(Exception):
    """A problem that stops the benchmark (no corpus); a missing tool is only skipped."""


def log(message: str) -> None:
    """Progress goes to stderr so that stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class CorpusSpec:
    name: str
    source: str  # what the report calls it: the pip pin, or the interpreter whose stdlib it is
    large: bool
    fetch: Callable[["CorpusSpec", Path], Path]  # (spec, cache directory) -> the corpus's top directory


@dataclass
class Corpus:
    spec: CorpusSpec
    root: Path
    files: List[Path]
    lines: int
    size: int


# ----- sdists fetched with pip ------------------------------------------------------------------


def download_sdist(requirement: str, dest: Path) -> Path:
    """The sdist for `requirement`, fetched through pip so that no index host is hard-coded here."""
    existing = sorted(dest.glob("*.tar.gz"))
    if existing:
        return existing[0]
    dest.mkdir(parents=True, exist_ok=True)
    log(f"downloading {requirement} with pip into {dest} ...")
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=:all:",
               "--disable-pip-version-check", "--quiet", requirement, "-d", str(dest)]
    code = subprocess.run(command, stdout=sys.stderr).returncode
    archives = sorted(dest.glob("*.tar.gz"))
    if code != 0 or not archives:
        raise BenchError(f"pip could not download {requirement} (exit {code})")
    return archives[0]


def _checked_members(tar: tarfile.TarFile, dest: Path) -> Iterator[tarfile.TarInfo]:
    """Regular files and directories inside `dest` only: the core of the 'data' filter, for old Pythons."""
    root = dest.resolve()
    for member in tar.getmembers():
        target = (root / member.name).resolve()
        inside = target == root or root in target.parents
        if not (member.isfile() or member.isdir()) or not inside:
            raise BenchError(f"refusing archive member {member.name!r}")
        yield member


def safe_extract(archive: Path, dest: Path) -> None:
    """Unpack so that no member can land outside `dest`.

    It unpacks beside `dest` and renames at the end, so an interrupted run leaves no half tree.
    """
    partial = dest.with_name(dest.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(partial, filter="data")
        else:
            tar.extractall(partial, members=_checked_members(tar, partial))
    partial.rename(dest)


def fetch_sdist(spec: CorpusSpec, cache: Path) -> Path:
    """The unpacked sdist's top directory (`spec.source` is the pip requirement)."""
    base = cache / spec.source.replace("==", "-")
    unpacked = base / "src"
    if not unpacked.is_dir():
        safe_extract(download_sdist(spec.source, base / "sdist"), unpacked)
    return _single_top(unpacked)


def _single_top(unpacked: Path) -> Path:
    tops = [path for path in unpacked.iterdir() if path.is_dir()]
    if len(tops) != 1:
        raise BenchError(f"expected one top directory in {unpacked}, found {len(tops)}")
    return tops[0]


# ----- the running interpreter's standard library -----------------------------------------------


def stdlib_source() -> str:
    return f"{platform.python_implementation()} {platform.python_version()} standard library"


def fetch_stdlib(spec: CorpusSpec, cache: Path) -> Path:
    """A copy of this interpreter's standard library: its .py files only (tests included; no
    site-packages, no non-Python test data), copied once into the cache."""
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    base = cache / f"stdlib-{platform.python_implementation().lower()}-{platform.python_version()}"
    unpacked = base / "src"
    if not unpacked.is_dir():
        log(f"copying the .py files of {stdlib} into {unpacked} ...")
        partial = base / "src.partial"
        shutil.rmtree(partial, ignore_errors=True)
        top = partial / stdlib.name
        for directory, subdirectories, names in os.walk(stdlib):
            subdirectories[:] = sorted(d for d in subdirectories if d not in _NOT_STDLIB)
            for name in names:
                path = Path(directory, name)
                if name.endswith(".py") and path.is_file() and not path.is_symlink():
                    target = top / path.relative_to(stdlib)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
        partial.rename(unpacked)
    return _single_top(unpacked)


CORPORA: Dict[str, CorpusSpec] = {
    "small": CorpusSpec("small", "flask==3.1.0", large=False, fetch=fetch_sdist),
    "django": CorpusSpec("django", "Django==5.1.4", large=True, fetch=fetch_sdist),
    "stdlib": CorpusSpec("stdlib", stdlib_source(), large=True, fetch=fetch_stdlib),
}


def load_corpus(spec: CorpusSpec, cache: Path) -> Corpus:
    """Every regular .py file of the corpus with line and byte counts; symlinks skipped, as linters do."""
    root = spec.fetch(spec, cache)
    files = sorted(p for p in root.rglob("*.py") if p.is_file() and not p.is_symlink())
    lines = size = 0
    for path in files:
        data = path.read_bytes()
        size += len(data)
        lines += data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    return Corpus(spec, root, files, lines, size)
