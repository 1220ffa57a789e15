"""Benchmark prr-lint on real corpora against ast.parse, libcst and peer linters.

The machines this runs on are shared and noisy, so absolute seconds mean little from one run to
the next. What this script reports are ratios between tools measured in the same run on the same
files (DESIGN.md §6), in one headline table: prr-lint's CPU time in units of a bare libcst parse
and of `ast.parse`, the `--jobs 2` speed-up, the warm re-run and peak memory, with ruff's cold and
warm runs beside them, for each corpus.

    python bench/run.py                      # small (Flask) and stdlib (~850k lines), median of 3
    python bench/run.py --corpus all --json bench.json

Corpora (corpora.py) are pinned sdists fetched through pip, or this interpreter's standard library,
kept in `.bench-cache/`. Every tool but `ast.parse` runs as a child process, started through
measure.py, whose CPU time and peak RSS come from os.wait4 (so this is POSIX-only).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from corpora import CORPORA, BenchError, Corpus, load_corpus, log
from report import print_corpus, print_growth, print_headline, to_json
from results import (
    AST,
    FIXIT,
    LIBCST,
    PARALLEL_WORKERS,
    PRR_JOBS1,
    PRR_JOBS2,
    PRR_WARM,
    RUFF,
    RUFF_WARM,
    STARTUP,
    CorpusRun,
    Result,
    Sample,
)

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE.parent / ".bench-cache"
DEFAULT_CORPORA = ("small", "stdlib")
RUFF_RULES = "BLE001,S110,S112,T201,T203,S113"  # ruff's nearest equivalents of PRR101/401/501

Summarize = Callable[[bytes, Corpus], str]


@dataclass
class Job:
    """A child process to time. `warmup` runs happen first and are not timed (e.g. to fill a cache)."""

    label: str
    argv: List[str]
    ok_codes: Tuple[int, ...] = (0,)
    warmup: int = 0
    summarize: Optional[Summarize] = None
    skip: Optional[str] = None
    phase_times: bool = False  # ask prr-lint for its project phase's CPU seconds (PRR_LINT_PHASE_TIMES)


# ----- measuring ------------------------------------------------------------------------------


def _rss_mb(maxrss: int) -> float:
    """ru_maxrss is in KiB on Linux and in bytes on macOS."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def run_child(argv: Sequence[str], cwd: Path, out_path: Path, phase_times: bool = False) -> Tuple[Optional[Sample], int]:
    """Run one process to completion through measure.py; (None, code) when it could not be measured.

    The launcher takes the usage from os.wait4 (this child and the workers it reaped, and this
    run's peak RSS rather than the largest child so far, as getrusage(RUSAGE_CHILDREN) would give)
    and keeps run.py's own memory out of the child's peak RSS.
    """
    usage_path = out_path.with_suffix(".usage.json")
    usage_path.unlink(missing_ok=True)
    phases_path = out_path.with_suffix(".phases")
    phases_path.unlink(missing_ok=True)
    environment = {**os.environ, "PRR_LINT_PHASE_TIMES": str(phases_path)} if phase_times else None
    launcher = [sys.executable, str(HERE / "measure.py"), str(usage_path), str(cwd), "--", *argv]
    with open(out_path, "wb") as out, open(out_path.with_suffix(".stderr"), "wb") as err:
        code = subprocess.run(launcher, stdout=out, stderr=err, env=environment).returncode
    if code != 0 or not usage_path.exists():
        return None, code
    usage = json.loads(usage_path.read_text(encoding="utf-8"))
    project = None
    if phases_path.exists():
        project = sum(float(line.split()[1]) for line in phases_path.read_text(encoding="utf-8").splitlines())
    return Sample(usage["wall"], usage["cpu"], _rss_mb(usage["maxrss"]), project), usage["exit"]


def _stderr_tail(out_path: Path) -> str:
    lines = out_path.with_suffix(".stderr").read_text(errors="replace").strip().splitlines()
    return lines[-1][:200] if lines else "no message"


def run_job(job: Job, corpus: Corpus, repeat: int, scratch: Path) -> Result:
    """Time `repeat` runs after the warm-up; a failing tool turns into a skipped row, not an abort."""
    result = Result(job.label)
    if job.skip:
        result.skipped = job.skip
        return result
    out_path = scratch / (job.label.replace(" ", "_").replace("/", "_") + ".out")
    log(f"  {job.label}: {job.warmup} warm-up + {repeat} timed runs")
    for index in range(job.warmup + repeat):
        sample, code = run_child(job.argv, corpus.root, out_path, job.phase_times)
        if sample is None or code not in job.ok_codes:
            result.samples.clear()
            result.skipped = f"exit {code}: {_stderr_tail(out_path)}"
            return result
        if index >= job.warmup:
            result.samples.append(sample)
    if job.summarize:
        result.note = job.summarize(out_path.read_bytes(), corpus)
    return result


def ast_pass(files: Sequence[Path]) -> Tuple[Sample, int]:
    """Read and ast.parse every file in this process: the unit the design's ratios are stated in."""
    failures = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the corpus's SyntaxWarnings are not this report's business
        wall, cpu = time.perf_counter(), time.process_time()
        for path in files:
            try:
                ast.parse(path.read_bytes(), filename=str(path))
            except (SyntaxError, ValueError, RecursionError):
                failures += 1
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return Sample(wall, cpu, None), failures


def run_ast(corpus: Corpus, repeat: int) -> Result:
    log(f"  {AST}: {repeat} timed runs")
    result = Result(AST)
    for _ in range(repeat):
        sample, failures = ast_pass(corpus.files)
        result.samples.append(sample)
    result.note = f"{failures} files did not parse" if failures else ""
    return result


def _spin(iterations: int) -> int:
    total = 0
    for number in range(iterations):
        total += number
    return total


def parallel_headroom(iterations: int = 15_000_000, workers: int = PARALLEL_WORKERS) -> float:
    """The speed-up that `workers` CPU-bound processes get here, right now.

    On a shared machine another tenant may hold a core; prr-lint's jobs speed-up can be no better
    than this, so the report prints the two side by side.
    """
    start = time.perf_counter()
    for _ in range(workers):
        _spin(iterations)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_spin, [iterations] * workers))
    return serial / (time.perf_counter() - start)


# ----- the tools ------------------------------------------------------------------------------


def find_tool(name: str) -> Optional[str]:
    """The executable beside this interpreter (the venv's) first, then the one on PATH."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which(name, path=search)


def prr_lint_command() -> List[str]:
    """prr-lint as users start it: the console script beside this interpreter. `python -m
    prr_lint` would put the working directory first on sys.path, and in the stdlib corpus prr-lint
    would then import the corpus's copies of json, dataclasses and the rest, uncompiled."""
    script = Path(sys.executable).parent / "prr-lint"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "prr_lint"]


def prr_lint_install() -> str:
    """'editable' or 'regular': an editable install adds setuptools' import finder to every start
    (about 50 ms), which the warm row then measures; `pip install .` is what users run. Asked in a
    process started outside this checkout, whose own metadata (a build's egg-info) would answer."""
    ask = ("import json; from importlib.metadata import distribution as d; "
           "print(json.loads(d('prr-lint').read_text('direct_url.json') or '{}').get('dir_info', {}).get('editable', False))")
    found = subprocess.run([sys.executable, "-c", ask], capture_output=True, text=True, cwd=os.path.abspath(os.sep))
    if found.returncode != 0:
        return "unknown"
    return "editable" if found.stdout.strip() == "True" else "regular"


def prr_lint_problem() -> Optional[str]:
    """None when `prr-lint --version` works, else why prr-lint cannot be measured."""
    try:
        proc = subprocess.run([*prr_lint_command(), "--version"], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "`prr-lint --version` timed out"
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        return "not runnable: " + (lines[-1] if lines else f"exit {proc.returncode}")
    return None


def summarize_prr_lint(output: bytes, corpus: Corpus) -> str:
    """Files and findings from the JSON summary, so a run that linted fewer files than the corpus shows it."""
    try:
        summary = json.loads(output)["summary"]
    except (ValueError, KeyError, TypeError):
        return "output is not prr-lint JSON"
    note = f"{summary.get('files')} files, {summary.get('findings')} findings"
    if summary.get("errors"):
        note += f", {summary['errors']} errors"
    if summary.get("files") != len(corpus.files):
        note += f" (corpus has {len(corpus.files)} files)"
    return note


def summarize_libcst(output: bytes, corpus: Corpus) -> str:
    failures = int(output.strip() or 0)
    return f"{failures} files did not parse" if failures else ""


def isolate_project(corpus: Corpus) -> Path:
    """A prr-lint.toml at the corpus root, to pass with --config, so every .py file is linted;
    and no result cache left there by an earlier run.

    The corpus sits in this repository's .bench-cache/. Without its own config, prr-lint would
    take the project root (and with it the cache directory and settings) from the enclosing git
    checkout; and that checkout's .gitignore lists .bench-cache/, which would exclude every file.
    Deleting the cache makes the warm row's untimed run fill it with the results of the prr-lint
    being measured, whatever an earlier run (perhaps of other code) left there.
    """
    shutil.rmtree(corpus.root / ".prr_lint_cache", ignore_errors=True)
    config = corpus.root / "prr-lint.toml"
    config.write_text("# Written by bench/run.py: this tree is its own project; lint every file.\n"
                      "respect-gitignore = false\nexclude = []\n")
    return config


def prr_lint_jobs(config: Path, problem: Optional[str]) -> List[Job]:
    """Cold runs with 1 and 2 workers, and a re-run served from the cache (its first run fills it).

    Exit code 2 with JSON on stdout is a finished run that met files it could not analyse (the
    note counts them); anything else that is not JSON shows as such in the note.
    """
    check = [*prr_lint_command(), "check", ".", "--config", str(config),
             "--exit-zero", "--output-format", "json"]
    codes = (0, 2)
    return [
        Job(PRR_JOBS1, check + ["--no-cache", "--jobs", "1"], codes, summarize=summarize_prr_lint, skip=problem,
            phase_times=True),
        Job(PRR_JOBS2, check + ["--no-cache", "--jobs", str(PARALLEL_WORKERS)], codes,
            summarize=summarize_prr_lint, skip=problem),
        Job(PRR_WARM, check, codes, warmup=1, summarize=summarize_prr_lint, skip=problem),
    ]


def peer_jobs(corpus: Corpus, scratch: Path, fixit_on_large: bool) -> List[Job]:
    """ruff with the rules nearest to ours, cold and from its cache (emptied first, then filled by
    an untimed run), and fixit (slow, so only on the small corpus unless asked)."""
    ruff, fixit = find_tool("ruff"), find_tool("fixit")
    ruff_cache = scratch / "ruff-cache"
    shutil.rmtree(ruff_cache, ignore_errors=True)
    # Every .py file, as prr-lint is told to lint (ruff would skip the stdlib's venv/ by default).
    ruff_check = [ruff or "ruff", "check", "--isolated", "--config", "exclude = []", "--no-respect-gitignore",
                  "--select", RUFF_RULES, "--exit-zero", "--statistics"]
    ruff_skip = None if ruff else "not installed"
    fixit_skip = None if fixit else "not installed"
    if fixit and corpus.spec.large and not fixit_on_large:
        fixit_skip = "skipped on the large corpus (use --fixit-on-large)"
    return [
        Job(RUFF, ruff_check + ["--no-cache", "."], skip=ruff_skip),
        Job(RUFF_WARM, ruff_check + ["--cache-dir", str(ruff_cache), "."], warmup=1, skip=ruff_skip),
        Job(FIXIT, [fixit or "fixit", "lint", "."], ok_codes=(0, 1), skip=fixit_skip),
    ]


def all_jobs(corpus: Corpus, listing: Path, args: argparse.Namespace, problem: Optional[str]) -> List[Job]:
    parse = [sys.executable, str(HERE / "parse_libcst.py"), str(listing)]
    return [
        Job(STARTUP, [sys.executable, "-c", "import libcst"]),
        Job(LIBCST, parse, summarize=summarize_libcst),
        *prr_lint_jobs(isolate_project(corpus), problem),
        *peer_jobs(corpus, listing.parent, args.fixit_on_large),
    ]


def bench_corpus(corpus: Corpus, args: argparse.Namespace, problem: Optional[str]) -> CorpusRun:
    """Every measurement of one corpus, the in-process baseline first."""
    scratch = args.cache_dir / "runs" / corpus.spec.name
    scratch.mkdir(parents=True, exist_ok=True)
    listing = scratch / "files.txt"
    listing.write_text("".join(f"{path}\n" for path in corpus.files), encoding="utf-8")
    log(f"{corpus.spec.name}: {len(corpus.files)} files, {corpus.lines:,} lines")
    results = [run_ast(corpus, args.repeat)]
    for job in all_jobs(corpus, listing, args, problem):
        results.append(run_job(job, corpus, args.repeat, scratch))
    return CorpusRun(corpus, results, parallel_headroom())


# ----- environment --------------------------------------------------------------------------


def _git(directory: str, *args: str) -> Optional[str]:
    try:
        proc = subprocess.run(["git", "-C", directory, *args], capture_output=True, text=True)
    except OSError:
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def prr_lint_revision() -> Optional[str]:
    """The commit of the prr_lint being measured, '+dirty' with local edits.

    The package changes under active development, even during a run: numbers are comparable only
    at the same revision, so the report shows it at the start and at the end.
    """
    where = "import os, prr_lint; print(os.path.dirname(os.path.abspath(prr_lint.__file__)))"
    found = subprocess.run([sys.executable, "-c", where], capture_output=True, text=True)
    package = found.stdout.strip()
    head = _git(package, "rev-parse", "--short", "HEAD") if found.returncode == 0 else None
    if head is None:
        return None
    return head + ("+dirty" if _git(package, "status", "--porcelain", "--", ".") else "")


def live_state() -> Dict[str, object]:
    """What may change during a run: how busy the shared machine is, and the code under test."""
    return {"loadavg": [round(load, 2) for load in os.getloadavg()], "prr_lint_revision": prr_lint_revision()}


def environment() -> Dict[str, object]:
    """What the numbers were taken on."""
    return {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "prr_lint_install": prr_lint_install(), **live_state()}


# ----- command line ---------------------------------------------------------------------------


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=[*CORPORA, "all"],
                        help=f"corpus to measure, repeatable (default: {' and '.join(DEFAULT_CORPORA)})")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool; the median is reported")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help="where corpora are kept")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--fixit-on-large", action="store_true",
                        help="run fixit on the large corpus too (slow)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    names = args.corpus or list(DEFAULT_CORPORA)
    chosen = list(CORPORA) if "all" in names else names
    # small before large, so that the growth table reads from the first run to the last
    chosen_specs = (spec for spec in CORPORA.values() if spec.name in chosen)
    args.corpora = sorted(chosen_specs, key=lambda spec: spec.large)
    args.cache_dir = args.cache_dir.resolve()
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        log("PYTHONDONTWRITEBYTECODE is unset for the tools measured: users' runs import compiled modules")
    started_on = environment()
    problem = prr_lint_problem()
    if problem:
        log(f"prr-lint: {problem}; its rows are skipped")
    runs = []
    try:
        for spec in args.corpora:
            corpus = load_corpus(spec, args.cache_dir)
            runs.append(bench_corpus(corpus, args, problem))
    except BenchError as exc:
        log(f"error: {exc}")
        return 2
    at_end = live_state()
    print(f"environment at start: {started_on}")
    print(f"at end: {at_end}")
    for run in runs:
        print_corpus(run, args.repeat)
    if len(runs) > 1:
        print_growth(runs[0], runs[-1])
    print_headline(runs, args.repeat)
    if args.json:
        report = to_json(runs, args.repeat, started_on, at_end)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
