"""Benchmark prr-lint on pinned real corpora against ast.parse, libcst and peer linters.

The machines this runs on are shared and noisy, so absolute seconds mean little from one run to
the next. What this script reports are ratios between tools measured in the same run on the same
files (DESIGN.md §6): prr-lint's CPU time in units of `ast.parse` and of a bare libcst parse, the
speed-up from worker processes, the warm-cache re-run, and prr-lint against ruff and fixit.

    python bench/run.py                      # Django (large corpus), median of 3 runs
    python bench/run.py --corpus all --json bench.json

Corpora are sdists fetched through pip (so the user's index configuration applies) into
`.bench-cache/` and unpacked once. Every tool but `ast.parse` runs as a child process, started
through measure.py, whose CPU time and peak RSS come from os.wait4 (so this is POSIX-only).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE.parent / ".bench-cache"
RUFF_RULES = "BLE001,S110,S112,T201,T203,S113"  # ruff's nearest equivalents of PRR101/401/501

AST = "ast.parse (in-process)"
STARTUP = "startup: python + import libcst"
LIBCST = "libcst.parse_module"
PRR_JOBS1 = "prr-lint --jobs 1"
PRR_AUTO = "prr-lint --jobs auto"
PRR_WARM = "prr-lint, warm cache"
RUFF = "ruff check"
FIXIT = "fixit lint"


class BenchError(Exception):
    """A problem that stops the benchmark (no corpus); a missing tool is only skipped."""


@dataclass(frozen=True)
class CorpusSpec:
    name: str
    requirement: str
    large: bool


CORPORA: Dict[str, CorpusSpec] = {
    "django": CorpusSpec("django", "Django==5.1.4", large=True),
    "small": CorpusSpec("small", "flask==3.1.0", large=False),
}


@dataclass
class Corpus:
    spec: CorpusSpec
    root: Path
    files: List[Path]
    lines: int
    size: int


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: Optional[float]


@dataclass
class Result:
    label: str
    samples: List[Sample] = field(default_factory=list)
    note: str = ""
    skipped: Optional[str] = None

    def median(self, attr: str) -> Optional[float]:
        """Median over the runs, taken per metric: the runs are noisy independently."""
        values = [getattr(s, attr) for s in self.samples if getattr(s, attr) is not None]
        return statistics.median(values) if values else None


@dataclass
class CorpusRun:
    corpus: Corpus
    results: List[Result]
    headroom: float  # speed-up that CPU-bound worker processes could get at the time


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


# ----- corpus ---------------------------------------------------------------------------------


def log(message: str) -> None:
    """Progress goes to stderr so that stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


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


def fetch_corpus(spec: CorpusSpec, cache: Path) -> Path:
    """The unpacked sdist's top directory; keyed by the pin, so a new pin never reuses an old tree."""
    base = cache / spec.requirement.replace("==", "-")
    unpacked = base / "src"
    if not unpacked.is_dir():
        safe_extract(download_sdist(spec.requirement, base / "sdist"), unpacked)
    tops = [path for path in unpacked.iterdir() if path.is_dir()]
    if len(tops) != 1:
        raise BenchError(f"expected one top directory in {unpacked}, found {len(tops)}")
    return tops[0]


def load_corpus(spec: CorpusSpec, cache: Path) -> Corpus:
    """Every regular .py file of the corpus with line and byte counts; symlinks skipped, as linters do."""
    root = fetch_corpus(spec, cache)
    files = sorted(p for p in root.rglob("*.py") if p.is_file() and not p.is_symlink())
    lines = size = 0
    for path in files:
        data = path.read_bytes()
        size += len(data)
        lines += data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    return Corpus(spec, root, files, lines, size)


# ----- measuring ------------------------------------------------------------------------------


def _rss_mb(maxrss: int) -> float:
    """ru_maxrss is in KiB on Linux and in bytes on macOS."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def run_child(argv: Sequence[str], cwd: Path, out_path: Path) -> Tuple[Optional[Sample], int]:
    """Run one process to completion through measure.py; (None, code) when it could not be measured.

    The launcher takes the usage from os.wait4 (this child and the workers it reaped, and this
    run's peak RSS rather than the largest child so far, as getrusage(RUSAGE_CHILDREN) would give)
    and keeps run.py's own memory out of the child's peak RSS.
    """
    usage_path = out_path.with_suffix(".usage.json")
    usage_path.unlink(missing_ok=True)
    launcher = [sys.executable, str(HERE / "measure.py"), str(usage_path), str(cwd), "--", *argv]
    with open(out_path, "wb") as out, open(out_path.with_suffix(".stderr"), "wb") as err:
        code = subprocess.run(launcher, stdout=out, stderr=err).returncode
    if code != 0 or not usage_path.exists():
        return None, code
    usage = json.loads(usage_path.read_text(encoding="utf-8"))
    return Sample(usage["wall"], usage["cpu"], _rss_mb(usage["maxrss"])), usage["exit"]


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
        sample, code = run_child(job.argv, corpus.root, out_path)
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


def parallel_headroom(iterations: int = 15_000_000) -> float:
    """The speed-up that as many CPU-bound processes as `--jobs auto` uses get here, right now.

    On a shared machine another tenant may hold a core; prr-lint's jobs speed-up can be no better
    than this, so the report prints the two side by side.
    """
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
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


def prr_lint_problem() -> Optional[str]:
    """None when `python -m prr_lint --version` works, else why prr-lint cannot be measured."""
    try:
        proc = subprocess.run([sys.executable, "-m", "prr_lint", "--version"],
                              capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "`python -m prr_lint --version` timed out"
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
                      "respect-gitignore = false\n")
    return config


def prr_lint_jobs(config: Path, problem: Optional[str]) -> List[Job]:
    """Cold runs with 1 and auto workers, and a re-run served from the cache (its first run fills it)."""
    check = [sys.executable, "-m", "prr_lint", "check", ".", "--config", str(config),
             "--exit-zero", "--output-format", "json"]
    return [
        Job(PRR_JOBS1, check + ["--no-cache", "--jobs", "1"], summarize=summarize_prr_lint, skip=problem),
        Job(PRR_AUTO, check + ["--no-cache", "--jobs", "auto"], summarize=summarize_prr_lint, skip=problem),
        Job(PRR_WARM, check, warmup=1, summarize=summarize_prr_lint, skip=problem),
    ]


def peer_jobs(corpus: Corpus, fixit_on_large: bool) -> List[Job]:
    """ruff with the rules nearest to ours, and fixit (slow, so only on the small corpus unless asked)."""
    ruff, fixit = find_tool("ruff"), find_tool("fixit")
    ruff_argv = [ruff or "ruff", "check", "--no-cache", "--isolated", "--select", RUFF_RULES,
                 "--exit-zero", "."]
    fixit_skip = None if fixit else "not installed"
    if fixit and corpus.spec.large and not fixit_on_large:
        fixit_skip = "skipped on the large corpus (use --fixit-on-large)"
    return [
        Job(RUFF, ruff_argv, skip=None if ruff else "not installed"),
        Job(FIXIT, [fixit or "fixit", "lint", "."], ok_codes=(0, 1), skip=fixit_skip),
    ]


def all_jobs(corpus: Corpus, listing: Path, args: argparse.Namespace, problem: Optional[str]) -> List[Job]:
    parse = [sys.executable, str(HERE / "parse_libcst.py"), str(listing)]
    return [
        Job(STARTUP, [sys.executable, "-c", "import libcst"]),
        Job(LIBCST, parse, summarize=summarize_libcst),
        *prr_lint_jobs(isolate_project(corpus), problem),
        *peer_jobs(corpus, args.fixit_on_large),
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


# ----- ratios and report ----------------------------------------------------------------------

# (name, numerator label, denominator label, metric, what DESIGN.md §6 asks for)
RATIOS: List[Tuple[str, str, str, str, str]] = [
    ("prr-lint CPU / ast.parse CPU", PRR_JOBS1, AST, "cpu", "target <= 25"),
    ("prr-lint CPU / libcst parse CPU", PRR_JOBS1, LIBCST, "cpu", "target <= 2.5"),
    ("speed-up, jobs 1 wall / jobs auto wall", PRR_JOBS1, PRR_AUTO, "wall", "target >= 1.8 with 2 cores"),
    ("warm-cache wall / cold jobs-auto wall", PRR_WARM, PRR_AUTO, "wall", "warm run well under 1 s"),
    ("prr-lint wall (jobs auto) / ruff wall", PRR_AUTO, RUFF, "wall", "ruff: Rust, threaded"),
    ("fixit CPU / prr-lint CPU", FIXIT, PRR_JOBS1, "cpu", "design: fixit ~190x ast.parse"),
]


def ratios(results: Sequence[Result]) -> List[Tuple[str, Optional[float], str]]:
    by_label = {result.label: result for result in results}
    rows = []
    for name, top, bottom, metric, target in RATIOS:
        rows.append((name, _ratio(by_label[top].median(metric), by_label[bottom].median(metric)), target))
    return rows


def _fmt(value: Optional[float], spec: str) -> str:
    """`value` formatted by `spec`, or a dash of the same width when there is no value."""
    width = int("".join(ch for ch in spec.split(".")[0] if ch.isdigit()) or 0)
    return "-".rjust(width) if value is None else format(value, spec)


def print_corpus(run: CorpusRun, repeat: int) -> None:
    corpus = run.corpus
    print(f"\n== {corpus.spec.name}: {corpus.spec.requirement}: {len(corpus.files):,} files, "
          f"{corpus.lines:,} lines, {corpus.size / 1e6:.1f} MB; median of {repeat} runs")
    print(f"{'tool':34} {'wall s':>8} {'CPU s':>8} {'lines/s':>10} {'RSS MB':>7}  notes")
    for result in run.results:
        wall, cpu, rss = result.median("wall"), result.median("cpu"), result.median("rss_mb")
        speed = corpus.lines / wall if wall else None
        note = f"not run: {result.skipped}" if result.skipped else result.note
        print(f"{result.label:34} {_fmt(wall, '8.2f')} {_fmt(cpu, '8.2f')} {_fmt(speed, '10,.0f')} "
              f"{_fmt(rss, '7.0f')}  {note}")
    print("ratios (same run, same files):")
    for name, value, target in ratios(run.results):
        print(f"  {name:40} {_fmt(value, '8.2f')}   {target}")
    print(f"  {'parallel headroom of this machine now':40} {run.headroom:8.2f}   "
          "best jobs speed-up possible at the time")


def print_growth(first: CorpusRun, last: CorpusRun) -> None:
    """Largest corpus against the smallest: CPU should grow like the lines, peak memory not at all."""
    small, large = first.corpus, last.corpus
    growth = large.lines / small.lines
    print(f"\n== growth {small.spec.name} -> {large.spec.name}: lines x{growth:.1f}")
    print(f"{'tool':34} {'CPU x':>8} {'CPU/line x':>10} {'RSS x':>7}")
    for before, after in zip(first.results, last.results):
        cpu = _ratio(after.median("cpu"), before.median("cpu"))
        rss = _ratio(after.median("rss_mb"), before.median("rss_mb"))
        per_line = cpu / growth if cpu is not None else None
        print(f"{after.label:34} {_fmt(cpu, '8.1f')} {_fmt(per_line, '10.2f')} {_fmt(rss, '7.2f')}")


def _ratio(num: Optional[float], den: Optional[float]) -> Optional[float]:
    return num / den if num is not None and den else None


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
            **live_state()}


def to_json(runs: Sequence[CorpusRun], repeat: int, started_on: Dict[str, object]) -> Dict[str, object]:
    """Everything in the report plus the raw samples, for comparing runs by machine."""
    corpora = []
    for run in runs:
        corpus, results = run.corpus, run.results
        rows = [dict(asdict(result), wall_s=result.median("wall"), cpu_s=result.median("cpu"),
                     peak_rss_mb=result.median("rss_mb")) for result in results]
        corpora.append({"name": corpus.spec.name, "requirement": corpus.spec.requirement,
                        "files": len(corpus.files), "lines": corpus.lines, "bytes": corpus.size,
                        "results": rows, "ratios": {name: value for name, value, _ in ratios(results)},
                        "parallel_headroom": run.headroom})
    return {"environment": started_on, "at_end": live_state(), "repeat": repeat, "corpora": corpora}


# ----- command line ---------------------------------------------------------------------------


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=[*CORPORA, "all"],
                        help="corpus to measure, repeatable (default: django)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool; the median is reported")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help="where corpora are kept")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--fixit-on-large", action="store_true",
                        help="run fixit on the large corpus too (slow)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    names = args.corpus or ["django"]
    chosen = list(CORPORA) if "all" in names else names
    # small before large, so that the growth table reads from the first run to the last
    chosen_specs = (spec for spec in CORPORA.values() if spec.name in chosen)
    args.corpora = sorted(chosen_specs, key=lambda spec: spec.large)
    args.cache_dir = args.cache_dir.resolve()
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
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
    print(f"environment at start: {started_on}")
    print(f"at end: {live_state()}")
    for run in runs:
        print_corpus(run, args.repeat)
    if len(runs) > 1:
        print_growth(runs[0], runs[-1])
    if args.json:
        report = to_json(runs, args.repeat, started_on)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
