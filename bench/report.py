"""The benchmark's report: one detail table per corpus, then the headline table (every corpus
side by side, prr-lint beside ruff), then how cost grows from the smallest corpus to the largest.

Every ratio divides two medians taken on the same files in the same session: the machines are
shared and noisy, so only such ratios compare across sessions. To add a headline row, add a
`Headline` to HEADLINES.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable, Dict, List, Optional, Sequence

from results import (
    AST,
    LIBCST,
    PARALLEL_WORKERS,
    PRR_JOBS1,
    PRR_JOBS2,
    PRR_WARM,
    RUFF,
    RUFF_WARM,
    CorpusRun,
    Result,
)

Measure = Callable[[CorpusRun], Optional[float]]


def _ratio(num: Optional[float], den: Optional[float]) -> Optional[float]:
    return num / den if num is not None and den else None


def ratio(top: str, bottom: str, metric: str) -> Measure:
    """The median `metric` of row `top` over that of row `bottom`, in the same corpus run."""
    def measure(run: CorpusRun) -> Optional[float]:
        rows = run.by_label()
        return _ratio(rows[top].median(metric), rows[bottom].median(metric))
    return measure


def median(label: str, metric: str) -> Measure:
    def measure(run: CorpusRun) -> Optional[float]:
        return run.by_label()[label].median(metric)
    return measure


def headroom(run: CorpusRun) -> Optional[float]:
    return run.headroom


def project_share(run: CorpusRun) -> Optional[float]:
    """The project phase's CPU (in prr-lint's main process) as a percentage of the `--jobs 1` run's."""
    result = run.by_label()[PRR_JOBS1]
    project, cpu = result.median("project_cpu"), result.median("cpu")
    return 100 * project / cpu if project is not None and cpu else None


@dataclass(frozen=True)
class Headline:
    """One row: the same measure for prr-lint and (when it has a counterpart) ruff."""

    name: str
    prr_lint: Measure
    ruff: Optional[Measure]
    target: str
    spec: str = "9.2f"


HEADLINES: List[Headline] = [
    Headline("CPU / libcst parse CPU", ratio(PRR_JOBS1, LIBCST, "cpu"), ratio(RUFF, LIBCST, "cpu"),
             "prr-lint <= 2.0 (DESIGN 2.5)"),
    Headline("CPU / ast.parse CPU", ratio(PRR_JOBS1, AST, "cpu"), ratio(RUFF, AST, "cpu"), "prr-lint <= 25"),
    Headline("project phase, % of --jobs 1 CPU", project_share, None, "prr-lint <= 5 % (issue 10)", "9.1f"),
    Headline(f"--jobs {PARALLEL_WORKERS} speed-up, wall (jobs 1 / jobs {PARALLEL_WORKERS})",
             ratio(PRR_JOBS1, PRR_JOBS2, "wall"), None, ">= 1.8, large corpus"),
    Headline(f"  machine's headroom: {PARALLEL_WORKERS} busy processes", headroom, None,
             "the best speed-up possible then"),
    Headline(f"cold wall s (prr-lint --jobs {PARALLEL_WORKERS})", median(PRR_JOBS2, "wall"), median(RUFF, "wall"), ""),
    Headline("warm wall s (unchanged tree, cache)", median(PRR_WARM, "wall"), median(RUFF_WARM, "wall"),
             "prr-lint <= 0.2 s, large corpus"),
    Headline("peak RSS MB (prr-lint --jobs 1)", median(PRR_JOBS1, "rss_mb"), median(RUFF, "rss_mb"),
             "flat as the tree grows", "9.0f"),
]


def _fmt(value: Optional[float], spec: str) -> str:
    """`value` formatted by `spec`, or a dash of the same width when there is no value."""
    width = int("".join(ch for ch in spec.split(".")[0] if ch.isdigit()) or 0)
    return "-".rjust(width) if value is None else format(value, spec)


def print_corpus(run: CorpusRun, repeat: int) -> None:
    """Every row measured on one corpus: wall, CPU, throughput, peak memory, notes."""
    corpus = run.corpus
    print(f"\n== {corpus.spec.name}: {corpus.spec.source}: {len(corpus.files):,} files, "
          f"{corpus.lines:,} lines, {corpus.size / 1e6:.1f} MB; median of {repeat} runs")
    print(f"{'tool':34} {'wall s':>8} {'CPU s':>8} {'lines/s':>10} {'RSS MB':>7}  notes")
    for result in run.results:
        wall, cpu, rss = result.median("wall"), result.median("cpu"), result.median("rss_mb")
        speed = corpus.lines / wall if wall else None
        note = f"not run: {result.skipped}" if result.skipped else result.note
        print(f"{result.label:34} {_fmt(wall, '8.2f')} {_fmt(cpu, '8.2f')} {_fmt(speed, '10,.0f')} "
              f"{_fmt(rss, '7.0f')}  {note}")


NAME_WIDTH, CELL = 48, 9


def print_headline(runs: Sequence[CorpusRun], repeat: int) -> None:
    """The headline ratios of every corpus in one table, prr-lint's value beside ruff's."""
    pair = 2 * CELL + 1
    print(f"\n== headline: median of {repeat} runs; ratios between runs on the same files in this session")
    print(" " * NAME_WIDTH + "".join(f"  {run.corpus.spec.name[:pair]:>{pair}}" for run in runs))
    print(" " * NAME_WIDTH + "".join(f"  {f'{len(run.corpus.files):,} files':>{pair}}" for run in runs))
    print(" " * NAME_WIDTH + "".join(f"  {f'{run.corpus.lines:,} lines':>{pair}}" for run in runs))
    print(f"{'':{NAME_WIDTH}}" + "".join(f"  {'prr-lint':>{CELL}} {'ruff':>{CELL}}" for _ in runs) + "  target")
    for row in HEADLINES:
        cells = "".join(f"  {_fmt(row.prr_lint(run), row.spec)} "
                        f"{_fmt(row.ruff(run) if row.ruff else None, row.spec)}" for run in runs)
        print(f"{row.name:{NAME_WIDTH}}{cells}  {row.target}".rstrip())


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


def headline_values(run: CorpusRun) -> Dict[str, Dict[str, Optional[float]]]:
    return {row.name.strip(): {"prr-lint": row.prr_lint(run), "ruff": row.ruff(run) if row.ruff else None}
            for row in HEADLINES}


def to_json(runs: Sequence[CorpusRun], repeat: int, started_on: Dict[str, object],
            at_end: Dict[str, object]) -> Dict[str, object]:
    """Everything in the report plus the raw samples, for comparing runs by machine."""
    corpora = []
    for run in runs:
        corpus = run.corpus
        rows = [_row(result) for result in run.results]
        corpora.append({"name": corpus.spec.name, "source": corpus.spec.source, "files": len(corpus.files),
                        "lines": corpus.lines, "bytes": corpus.size, "results": rows,
                        "headline": headline_values(run), "parallel_headroom": run.headroom})
    return {"environment": started_on, "at_end": at_end, "repeat": repeat, "corpora": corpora}


def _row(result: Result) -> Dict[str, object]:
    return dict(asdict(result), wall_s=result.median("wall"), cpu_s=result.median("cpu"),
                peak_rss_mb=result.median("rss_mb"))
