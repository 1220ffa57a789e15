"""Module names for files, as Python would import them (needed for relative imports)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Tuple

_SOURCE_ROOTS = ("src", "lib")


@lru_cache(maxsize=None)
def _is_package_dir(directory: Path) -> bool:
    return (directory / "__init__.py").is_file() or (directory / "__init__.pyi").is_file()


def module_name(path: Path, root: Path) -> Tuple[str, bool]:
    """(dotted module name, is a package's `__init__`) for a file.

    Walks up through directories holding `__init__.py`; where that chain stops, the import root
    is. Files outside any package (scripts, namespace packages) are named by their path below the
    project root, without a leading `src/`.
    """
    is_package = path.stem == "__init__"
    parts = [] if is_package else [path.stem]
    directory = path.parent
    if _is_package_dir(directory):
        while _is_package_dir(directory):
            parts.append(directory.name)
            directory = directory.parent
        return ".".join(reversed(parts)), is_package
    try:
        relative = directory.relative_to(root).parts
    except ValueError:
        relative = ()
    if relative and relative[0] in _SOURCE_ROOTS:
        relative = relative[1:]
    return ".".join([*relative, *reversed(parts)]), is_package
