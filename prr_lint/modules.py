"""Module names for files, as Python would import them (needed for relative imports).

Plain string operations and one cached `isfile` per directory: this runs for every file of every
run, warm ones included, where pathlib's objects would cost more than the rest of the run.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Tuple, Union

_SOURCE_ROOTS = ("src", "lib")
PathLike = Union[str, "os.PathLike[str]"]


@lru_cache(maxsize=None)
def _is_package_dir(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, "__init__.py")) or os.path.isfile(os.path.join(directory, "__init__.pyi"))


def is_source_root(directory: str) -> bool:
    """A `src/` or `lib/` folder that is no package: the import root of a "src layout" distribution,
    whose packages are imported by their names below it."""
    return os.path.basename(directory.rstrip(os.sep)) in _SOURCE_ROOTS and not _is_package_dir(directory)


def _in_package(directory: str) -> bool:
    """A package, or a folder without `__init__.py` directly inside one: Python 3 imports it as a
    namespace portion of that package (`automation/utils/appnexus/` in the regular package
    `automation/` is `automation.utils.appnexus` even when `utils/` has no `__init__.py`). A folder
    whose name is no identifier is neither, whatever it holds: no import statement can name it, so
    it is an import root (a checkout `my-service/` with a stray `__init__.py`, whose modules import
    `backend.migration.utils`, not `my-service.backend...`)."""
    if not os.path.basename(directory).isidentifier():
        return False
    return _is_package_dir(directory) or _is_package_dir(os.path.dirname(directory))


def module_name(path: PathLike, root: PathLike) -> Tuple[str, bool]:
    """(dotted module name, is a package's `__init__`) for a file, both given as absolute paths.

    Walks up through directories holding `__init__.py` (and folders without one directly inside
    such a package); where that chain stops, the import root is. Files outside any package (scripts, namespace packages) are named by their path below the
    project root, without a leading `src/`.
    """
    directory, name = os.path.split(os.fspath(path))
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name  # pathlib's `stem`
    prefix = _package(directory, os.fspath(root))
    if stem == "__init__":
        return prefix, True
    return (f"{prefix}.{stem}" if prefix else stem), False


@lru_cache(maxsize=None)
def _package(directory: str, root: str) -> str:
    """The dotted name of the package a directory's modules belong to ('' at an import root)."""
    if _in_package(directory):
        parts = []
        while _in_package(directory):
            directory, package = os.path.split(directory)
            parts.append(package)
        return ".".join(reversed(parts))
    top = root.rstrip(os.sep)
    if directory == top or not directory.startswith(top + os.sep):
        return ""
    relative = directory[len(top) + 1 :].split(os.sep)
    if relative[0] in _SOURCE_ROOTS:
        relative = relative[1:]
    return ".".join(relative)
