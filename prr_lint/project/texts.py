"""The text of files the project phase reads again after the file phase: a module of the run (its
job holds the bytes read at discovery, parsed again where a mechanism needs its tree) or a
deployment file (Procfile, Dockerfile, compose file).

Reads are bounded and never raise: a file over 1 MiB is not a module or a launch file anyone
wrote by hand, and one gone since discovery simply has nothing to say (DESIGN.md §7). They go
through tree_reads.py, which records them for the run cache."""

from __future__ import annotations

import os
from typing import Optional

import libcst as cst

from prr_lint.cst_parse import parse_module
from prr_lint.tree_reads import read_text

MAX_FILE_BYTES = 1 << 20


def job_text(job: Optional[object]) -> Optional[str]:
    """The text of a module of the run (a FileJob's bytes), or None without one."""
    data = getattr(job, "data", None)
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else None


def run_text(analysis, path: str) -> Optional[str]:
    """The text of a file of the run: its job's bytes (read once at discovery), or else the file under the root."""
    job_for = analysis.derived("job-for", lambda: lambda _path: None)
    root = getattr(analysis.settings, "root", None)
    return job_text(job_for(path)) or (read_bounded(os.path.join(os.fspath(root), path)) if root is not None else None)


def read_bounded(path: str) -> Optional[str]:
    """The file's text, or None when it is too large to be hand-written or cannot be read."""
    return read_text(path, MAX_FILE_BYTES)


def parsed(text: str) -> Optional[cst.Module]:
    """The module's tree, or None when it does not parse (its file phase reported that already)."""
    try:
        return parse_module(text)
    except (cst.ParserSyntaxError, RecursionError):
        return None
