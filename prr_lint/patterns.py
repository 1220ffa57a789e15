"""gitignore-style patterns, compiled by pathspec on first use.

Importing pathspec costs about as much as everything else a warm run does beside starting Python,
and most runs need none of it: excludes are nearly always literal names and paths (discovery.py
matches those in sets), so only wildcard patterns, per-file-ignores and .gitignore files compile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import pathspec


def gitignore_spec(lines: Iterable[str]) -> "pathspec.GitIgnoreSpec":
    """The lines compiled with git's own matching rules; ValueError for a line pathspec rejects."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)
