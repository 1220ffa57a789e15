"""Smoke test: lint the running interpreter's standard library with every rule (issue 8).

About 1,800 files and 850,000 lines of real Python, among them files with deliberate syntax and
encoding errors (PRR000 is right for those). The files are copied into a scratch project (as
`src/...`) so that every rule treats them as service code: below `~/.pyenv`, a hidden directory,
they would count as tooling and the service rules would skip them. Fails (exit 1) on any PRR003 (a crash), any PRR004
(a file over the time budget), a crash of prr-lint itself or output that is not JSON. Prints the
size of the corpus, prr-lint's wall and CPU time, and both set against a plain libcst parse of the
same files by the same interpreter in a process of its own (bench/parse_libcst.py); the target is
--jobs 2 within 2.5 times the parse's time. Times on a shared machine are noisy: compare ratios.

    python scripts/lint_stdlib.py [--jobs 2] [--file-timeout SECONDS]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

PARSE_ONLY = Path(__file__).resolve().parent.parent / "bench" / "parse_libcst.py"
NOT_STDLIB = {"site-packages", "dist-packages", "__pycache__"}
FAILING = ("PRR003", "PRR004")


def stdlib_files() -> List[str]:
    """Every .py file below the directory of `os`, relative to it, in a stable order, without
    installed packages."""
    top = os.path.dirname(os.path.abspath(os.__file__))
    found = []
    for directory, subdirectories, names in os.walk(top):
        subdirectories[:] = sorted(name for name in subdirectories if name not in NOT_STDLIB)
        found.extend(os.path.relpath(os.path.join(directory, name), top) for name in sorted(names) if name.endswith(".py"))
    return found


def timed(command: List[str], cwd: str) -> Tuple[subprocess.CompletedProcess, float, float]:
    """(the finished process, wall seconds, CPU seconds of it and all its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", default="2", help="prr-lint's --jobs (default 2)")
    parser.add_argument("--file-timeout", help="prr-lint's --file-timeout (default: its own)")
    arguments = parser.parse_args()

    top = os.path.dirname(os.path.abspath(os.__file__))
    problems: List[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        files = [os.path.join("src", name) for name in stdlib_files()]
        lines = 0
        for name in files:
            copy = os.path.join(scratch, name)
            os.makedirs(os.path.dirname(copy), exist_ok=True)
            shutil.copyfile(os.path.join(top, name[len("src/") :]), copy)
            with open(copy, "rb") as handle:
                lines += handle.read().count(b"\n")
        print(f"Python {sys.version.split()[0]} standard library ({top}): {len(files):,} files, {lines:,} lines")
        config = Path(scratch) / "prr-lint.toml"
        # No surrounding configuration applies; every finding is reported, serving code or not.
        config.write_text('scope = "all"\n')
        listing = Path(scratch) / "files.txt"
        listing.write_text("".join(os.path.join(scratch, name) + "\n" for name in files), encoding="utf-8")
        command = [sys.executable, "-m", "prr_lint", "check", "--config", str(config), "--select", "ALL", "--no-cache",
                   "--jobs", arguments.jobs, "--output-format", "json"]
        if arguments.file_timeout:
            command += ["--file-timeout", arguments.file_timeout]
        linted, lint_wall, lint_cpu = timed(command + files, cwd=scratch)
        parsed, parse_wall, parse_cpu = timed([sys.executable, str(PARSE_ONLY), str(listing)], cwd=scratch)

    counts: Dict[str, int] = {}
    try:
        document = json.loads(linted.stdout)
    except ValueError:
        document = None
        problems.append(f"prr-lint's output is not JSON (exit code {linted.returncode}); stderr:\n{linted.stderr[-3000:]}")
    if linted.returncode not in (0, 1):
        problems.append(f"prr-lint exited with {linted.returncode}; stderr:\n{linted.stderr[-3000:]}")
    elif "Traceback" in linted.stderr:
        problems.append(f"prr-lint wrote a traceback:\n{linted.stderr[-3000:]}")
    if document is not None:
        for finding in document["findings"]:
            counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
            if finding["rule"] in FAILING:
                problems.append(f"{finding['rule']} {finding['path']}:{finding['line']}: {finding['message']}")
        if document["summary"]["files"] != len(files):
            problems.append(f"prr-lint checked {document['summary']['files']} files of {len(files)}")
    unparsed = parsed.stdout.strip() if parsed.returncode == 0 else f"(the parse failed: {parsed.stderr[-500:]})"

    print(f"prr-lint --select ALL --jobs {arguments.jobs}: wall {lint_wall:.1f} s, CPU {lint_cpu:.1f} s, "
          f"exit code {linted.returncode}, {sum(counts.values()):,} findings "
          f"(PRR000 {counts.get('PRR000', 0)}, PRR003 {counts.get('PRR003', 0)}, PRR004 {counts.get('PRR004', 0)})")
    print(f"libcst parse, one process: wall {parse_wall:.1f} s, CPU {parse_cpu:.1f} s, {unparsed} files did not parse")
    if parse_wall > 0 and parse_cpu > 0:
        print(f"prr-lint / libcst parse: wall {lint_wall / parse_wall:.2f}x (target: at most 2.5x), CPU {lint_cpu / parse_cpu:.2f}x")
    for problem in problems:
        print(f"FAIL: {problem}")
    print("FAILED" if problems else "OK: no PRR003, no PRR004, no crash")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
